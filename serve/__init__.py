"""Serving stage: the running product around the bot (service, API functions, rendering,
feedback, conversations). app.py wires it to Gradio; bot/ stays question -> Answer."""
