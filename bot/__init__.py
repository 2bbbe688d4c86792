"""bot stage."""
