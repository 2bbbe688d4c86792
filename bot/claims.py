"""Yes/no questions that claim a place, a date or a session are also asked as which one: "Có
phải Phú Bình là huyện về đích nông thôn mới năm 2023 không?" as "huyện nào ...", "Nghị quyết ...
thông qua ngày 21/11/2022 phải không?" as "... thông qua ngày nào", "... tại kỳ họp thứ chín phải
không?" as "... tại kỳ họp thứ mấy". The bot says no when the documents name another place, or
give another date or session for what was asked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.compose import strip_yesno
from bot.evidence import ORDINALS
from bot.figures import figures
from bot.understand import clean, is_yesno
from index.fold import fold
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


def _claimed(question: str) -> str | None:
    """What a yes/no question claims, without its asking words; None for any other question."""
    standard = standardize(clean(question)).text
    return strip_yesno(standard) if is_yesno(standard) else None


def _claim_text(question: str) -> str | None:
    """What a yes/no question claims, without "có phải" and a closing "..., đúng"."""
    claimed = _claimed(question)
    if claimed is None:
        return None
    text = re.sub(r"(?i)\bcó phải\s+", "", claimed).strip(" ?.,")
    return re.sub(r"(?i)[\s,]+(?:đúng|dung|phải|phai)$", "", text)  # "..., dung ko"


def place_claim(question: str) -> PlaceClaim | None:
    """The place a yes/no question claims, or None when it names none or asks no yes/no."""
    claimed = _claimed(question)
    if claimed is None:
        return None
    text = claimed.strip(" ?.")
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


# a full date as a question may type it: "21/11/2022", "1-7-2029", "ngay 8 thang 12 nam 2022"
_FULL_DATE = (
    r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)"
    r"|(?<!\w)(?i:ngày|ngay)\s+(\d{1,2})\s+(?i:tháng|thang)\s+(\d{1,2})\s+(?i:năm|nam)\s+(\d{4})"
    r"(?!\d)"
)
# the date as the time of what is asked ("thông qua ngày ...", "có hiệu lực từ ..."), with the
# words that lead to it; a date that bounds a condition ("trước ngày ...") is no such claim
_CLAIMED_DATE = re.compile(
    rf"(?<!\w)(?:(?i:kể từ|ke tu|từ|tu|vào|vao)\s+)?(?:(?i:ngày|ngay)\s+)?(?:{_FULL_DATE})"
)
_BOUND = re.compile(r"(?i:trước|truoc|sau|đến|den|tới|toi|hết|het)\s*$")


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A yes/no question that states the date of what it asks ("... có hiệu lực từ 01/01/2026
    không?"), and the same question asked as when."""

    date: str  # ISO, as `corpus.meta.dates_in` reads the documents' dates: "2026-01-01"
    which: str  # "... có hiệu lực từ ngày nào"


def date_claim(question: str) -> DateClaim | None:
    """The one full date a yes/no question states as the time of what it asks, or None."""
    text = _claim_text(question)
    if text is None:
        return None
    found = list(_CLAIMED_DATE.finditer(text))
    if len(found) != 1 or _BOUND.search(text[: found[0].start()]):
        return None
    m = found[0]
    day, month, year = (int(g) for g in m.groups() if g is not None)
    try:
        date = dt.date(year, month, day).isoformat()
    except ValueError:  # "31/02/2026" names no day
        return None
    if figures(f"{text[: m.start()]} {text[m.end() :]}"):
        return None  # "từ 01/7/2026 ... BHYT vẫn trả 100% không": the figure is the claim
    since = re.match(r"(?i)(?:kể từ|ke tu|từ|tu)\s", m.group(0))
    which = f"{text[: m.start()]}{'từ ' if since else ''}ngày nào{text[m.end() :]}"
    return DateClaim(date, which.strip())


# "kỳ họp thứ chín", "kỳ họp thứ 9", "ky hop thu muoi mot": the session, as a number ("lăm" is
# "năm" after "mười")
_ORDINAL_WORDS = {**{w: int(n) for w, n in ORDINALS.items() if w != "muoi"}, "lam": 5}
_SESSION = re.compile(
    r"(?i)(?<!\w)(?:kỳ|ky)\s+(?:họp|hop)\s+(?:(?:thứ|thu)\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)|"
    r"(?:(?:thứ|thu)\s+)?(\d{1,2}))(?!\w)"
)


@dataclass(frozen=True, slots=True)
class SessionClaim:
    """A yes/no question that names the session a text was passed at ("... thông qua tại kỳ
    họp thứ chín ... phải không?"), and the same question asked as which session."""

    number: int  # 9
    which: str  # "... thông qua tại kỳ họp thứ mấy ..."


def session_number(text: str) -> tuple[int, re.Match] | None:
    """The first session number a text names, with its match: "Kỳ họp thứ mười" -> 10."""
    for m in _SESSION.finditer(text):
        if m.group(2):
            return int(m.group(2)), m
        words = fold(m.group(1)).lower().split()
        if words[0] == "muoi":  # "mười", "mười một", "mười lăm"
            rest = _ORDINAL_WORDS.get(words[1], 0) if len(words) > 1 else 0
            return 10 + rest, m
        if words[0] in _ORDINAL_WORDS and words[0] != "mot":
            return _ORDINAL_WORDS[words[0]], m
    return None


def session_claim(question: str) -> SessionClaim | None:
    """The session a yes/no question claims, or None when it names none or asks no yes/no."""
    text = _claim_text(question)
    if text is None:
        return None
    found = session_number(text)
    if found is None:
        return None
    number, m = found
    return SessionClaim(number, f"{text[: m.start()]}kỳ họp thứ mấy{text[m.end() :]}".strip())
