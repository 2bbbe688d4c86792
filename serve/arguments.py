"""The API's arguments checked for their type before use: a value of the wrong type (None for
a question, "abc" for k) is refused with a message naming the argument, as any other bad
request, rather than failing deeper down as an unexpected error."""

from __future__ import annotations

from typing import Any

from errors import RequestError


class ArgumentError(RequestError):
    """An API argument of the wrong type or out of range; the message names it (Vietnamese)."""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def text(value: Any, name: str, *, optional: bool = False) -> str:
    """A string argument; None is "" when `optional`."""
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise ArgumentError(
            f"Tham số '{name}' phải là một chuỗi văn bản (nhận được {_shown(value)})."
        )
    return value


def integer(value: Any, name: str, low: int, high: int, *, optional: bool = False) -> int | None:
    """A whole number within [low, high] (a numeric string is accepted); None when `optional`."""
    if value is None or (optional and value == ""):
        if optional:
            return None
    elif not isinstance(value, bool):
        try:
            number = int(value) if not isinstance(value, float) or value.is_integer() else None
        except (TypeError, ValueError):
            number = None
        if number is not None and low <= number <= high:
            return number
    raise ArgumentError(
        f"Tham số '{name}' phải là số nguyên từ {low} đến {high} (nhận được {_shown(value)})."
    )


def texts(value: Any, name: str) -> list[str] | None:
    """A list of strings (one string is a list of one); None or [] means no filter."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ArgumentError(
        f"Tham số '{name}' phải là một danh sách mã văn bản (nhận được {_shown(value)})."
    )
