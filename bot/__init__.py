"""Bot stage: a question (and the conversation so far) -> a cited Answer, or an honest abstention."""

from bot.answer import NOT_FOUND, Bot

__all__ = ["NOT_FOUND", "Bot"]
