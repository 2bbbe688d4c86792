"""What every tab's handlers share: run an API function for the page, and say the outcome."""

from __future__ import annotations

import logging
import re
from typing import Any

from serve import api
from serve.render import escape

log = logging.getLogger("nqa.app")

ALL = "Tất cả"
UNEXPECTED = "Đã có lỗi ngoài dự kiến, vui lòng thử lại. Chi tiết đã được ghi vào nhật ký máy chủ."
# lower stages may add an English gloss for developers: "Câu hỏi trống (the question is empty)."
_GLOSS = re.compile(r"\s*\((?:the|a|an|no|unknown|not|too|cannot|check)\b[ -~]*\)")


def vietnamese(message: str) -> str:
    """A refusal's message as shown on the page: its English gloss in parentheses left out."""
    return _GLOSS.sub("", message).strip()


def attempt(fn, *args, **kwargs) -> tuple[bool, Any]:
    """Run an operation for the page: (True, result) or (False, the message to show)."""
    try:
        return True, fn(*args, **kwargs)
    except api.USER_ERRORS as exc:
        return False, vietnamese(str(exc))
    except Exception:
        log.exception("%s failed", getattr(fn, "__name__", "operation"))
        return False, UNEXPECTED


def message_html(text: str, level: str = "error") -> str:
    """A message in the page's own words (escaped), announced to screen readers."""
    role = "alert" if level == "error" else "status"
    return f'<p class="nqa-msg nqa-{level}" role="{role}">{escape(text)}</p>'


def choice(value: Any) -> Any:
    """A dropdown's value with "Tất cả" (or nothing) meaning no filter."""
    return None if value in (None, "", ALL, []) else value
