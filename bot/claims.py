"""A yes/no question that names a place as the one a rule or target holds for ("Có phải Phú
Bình là huyện về đích nông thôn mới năm 2023 không?") is also asked as which place it holds
for; the bot says no when the documents name another."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.compose import strip_yesno
from bot.understand import clean, is_yesno
from index.spelling import standardize

# the places a claim can name as the one a rule or target is about
_PLACE_TYPE = r"(?i:huyện|xã|phường|thị xã|thị trấn|quận)"
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_PLACE_NAME = rf"[{_UPPER}][^\W\d_]*(?:\s+(?:[{_UPPER}][^\W\d_]*|\d+))*"
_TYPE_THEN_NAME = re.compile(rf"\b({_PLACE_TYPE})\s+({_PLACE_NAME})(\s+có\b)?")
_NAME_IS_TYPE = re.compile(rf"(?<!\w)({_PLACE_NAME})\s+là\s+({_PLACE_TYPE})\b")


@dataclass(frozen=True, slots=True)
class PlaceClaim:
    """A yes/no question that names a place as the one something holds for ("Có phải Phú Bình
    là huyện về đích nông thôn mới năm 2023 không?"), and the same question asked as which."""

    kind: str  # "huyện"
    name: str  # "Phú Bình"
    which: str  # "huyện nào về đích nông thôn mới năm 2023"


def place_claim(question: str) -> PlaceClaim | None:
    """The place a yes/no question claims, or None when it names none or asks no yes/no."""
    standard = standardize(clean(question)).text
    if not is_yesno(standard):
        return None
    text = strip_yesno(standard).strip(" ?.")
    m = _NAME_IS_TYPE.search(text)
    if m and not re.match(rf"{_PLACE_TYPE}\s", m.group(1)):
        kind, name = m.group(2).lower(), m.group(1)
    else:
        m = _TYPE_THEN_NAME.search(text)
        if m is None:
            return None
        kind, name = m.group(1).lower(), m.group(2)
    which = f"{text[: m.start()]}{kind} nào{text[m.end() :]}".strip()
    return PlaceClaim(kind, name, which)


def other_place(answer: str, claim: PlaceClaim) -> str | None:
    """The place of the claim's kind an answer names first, when it is not the one claimed."""
    m = re.search(rf"(?i:{re.escape(claim.kind)})\s+({_PLACE_NAME})", answer)
    if m is None or m.group(1) == claim.name:
        return None
    return m.group(1)
