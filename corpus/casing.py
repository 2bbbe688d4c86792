"""Capital letters as Vietnamese writes them, for text printed in capitals (a title block's
"QUY ĐỊNH MỨC CHUẨN ... CỦA THÀNH PHỐ HÀ NỘI", an issuer "BỘ GIÁO DỤC VÀ ĐÀO TẠO").

A word keeps a capital where the document's own running text writes it with one in the same
company ("thành phố Hà Nội", "Quốc hội khóa XVI"): each word takes the form most often seen
beside its neighbours, away from the start of a sentence. Names of bodies follow the rule for
names of agencies (the first letter of each part of the name: "Bộ Lao động - Thương binh và
Xã hội"), and place names after a unit word are proper names ("tỉnh Thừa Thiên Huế").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"


def _base(c: str) -> str:
    if c in "đĐ":
        return "d"
    return "".join(
        x for x in unicodedata.normalize("NFD", c.lower()) if not unicodedata.combining(x)
    )


_VARIANTS: dict[str, set[str]] = {}
for _c in LOWER.replace("a-z", "abcdefghijklmnopqrstuvwxyz"):
    _VARIANTS.setdefault(_base(_c), set()).add(_c)


def fuzzy(phrase: str, *, upper: bool = True) -> str:
    """A pattern for `phrase` that any tone or vowel mark may be misread in (OCR): "QUỐC HỘI"
    also matches "QUÓC HỘI" and "QUOC HOI"; words may be wrapped onto the next line."""
    words = []
    for word in phrase.split():
        chars = []
        for c in word:
            forms = _VARIANTS.get(_base(c)) if c.isalpha() else None
            if not forms:
                chars.append(re.escape(c))
                continue
            cases = {f.upper() for f in forms} if upper else forms | {f.upper() for f in forms}
            chars.append("[" + "".join(sorted(cases)) + "]")
        words.append("".join(chars))
    return r"\s+".join(words)


_WORD = re.compile(r"[^\W_]+")
_ROMAN = re.compile(r"^[IVXLC]{2,}$")
_SENTENCE_BREAK = re.compile(r"[.;:!?“”\"(\[]")
# institutional names capitalized by rule, whatever the text around them does
NAMES = {
    "ủy ban thường vụ quốc hội": "Ủy ban Thường vụ Quốc hội",
    "thủ tướng chính phủ": "Thủ tướng Chính phủ",
    "chủ tịch nước": "Chủ tịch nước",
    "quốc hội": "Quốc hội",
    "chính phủ": "Chính phủ",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "đoàn đại biểu quốc hội": "Đoàn đại biểu Quốc hội",
    "việt nam": "Việt Nam",
    "tòa án nhân dân tối cao": "Tòa án nhân dân tối cao",
    "viện kiểm sát nhân dân tối cao": "Viện kiểm sát nhân dân tối cao",
    "kiểm toán nhà nước": "Kiểm toán nhà nước",
}
UNITS = ("thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
_UNIT = "(?:" + "|".join(UNITS) + r")(?!\s+hội\b)"  # "xã hội" is no commune


def recase(caps: str, references: Iterable[str], *, name: bool = False) -> str:
    """`caps` written with the capitals the references use; the first word capitalized only
    for a name ("Luật Trí tuệ nhân tạo"), otherwise lower case ("quy định mức ...")."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(caps)]
    keys = [caps[a:b].casefold() for a, b in spans]
    forms = _votes(keys, references)
    out: list[str] = []
    last = 0
    for i, (a, b) in enumerate(spans):
        word = caps[a:b]
        choice = forms[i].most_common(1)[0][0] if forms[i] else word.lower()
        if any(c.isdigit() for c in word) or (_ROMAN.match(word) and not forms[i]):
            choice = word
        out.append(caps[last:a] + choice)
        last = b
    text = "".join(out) + caps[last:]
    text = apply_names(text)
    # a unit word before a place name is a common noun: "thành phố Hà Nội", "tỉnh Vĩnh Long"
    text = re.sub(
        rf"(?<!\w)({_UNIT})(?=\s+[{UPPER}])", lambda m: m.group(1).lower(), text, flags=re.I
    )
    if name:
        return text[:1].upper() + text[1:]
    return text if _acronym(text) else text[:1].lower() + text[1:]


def _acronym(text: str) -> bool:
    first = _WORD.match(text)
    return bool(first and len(first.group()) > 1 and first.group().isupper())


def apply_names(text: str) -> str:
    for key, value in NAMES.items():
        text = re.sub(rf"(?<!\w){re.escape(key)}(?!\w)", value, text, flags=re.IGNORECASE)
    return text


def _votes(keys: list[str], references: Iterable[str]) -> list[Counter[str]]:
    """For each word of the title, the forms the references give it after the same word
    (the left neighbour decides: "hàng Chính sách" but "tín dụng chính sách"), else before
    the same word, else alone; never counting a word that starts a sentence."""
    lefts = {(keys[i - 1], keys[i]) for i in range(1, len(keys))}
    rights = {(keys[i], keys[i + 1]) for i in range(len(keys) - 1)}
    wanted = set(keys)
    left: dict[tuple[str, str], Counter[str]] = {}
    right: dict[tuple[str, str], Counter[str]] = {}
    single: dict[str, Counter[str]] = {}
    for ref in references:
        if not ref or ref == ref.upper():  # capitals say nothing about case
            continue
        prev: tuple[str, str, bool] | None = None  # (key, form, starts a sentence)
        end = 0
        for m in _WORD.finditer(ref):
            form = m.group()
            key = form.casefold()
            gap = ref[end : m.start()]
            start = prev is None or (gap != " " and bool(_SENTENCE_BREAK.search(gap)))
            if key in wanted and not start:
                _count(single, key, form)
            if prev is not None and not start:
                pair = (prev[0], key)
                if pair in lefts:
                    _count(left, pair, form)
                if pair in rights and not prev[2]:
                    _count(right, pair, prev[1])
            prev, end = (key, form, start), m.end()
    votes: list[Counter[str]] = []
    for i, key in enumerate(keys):
        seen = left.get((keys[i - 1], key)) if i else None
        if not seen and i + 1 < len(keys):
            seen = right.get((key, keys[i + 1]))
        votes.append(seen or single.get(key) or Counter())
    return votes


def _count(table: dict, key, form: str) -> None:
    if key not in table:
        table[key] = Counter()
    table[key][form] += 1


def name_case(caps: str) -> str:
    """An agency's name from capitals: "BỘ GIÁO DỤC VÀ ĐÀO TẠO" -> "Bộ Giáo dục và Đào tạo",
    "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI" -> "Hội đồng nhân dân thành phố Hà Nội"."""
    text = " ".join(caps.split()).lower()
    units = _UNIT
    # a ministry, department or office is named by its fields: each part's first letter
    text = re.sub(
        rf"^(bộ|sở|cục|tổng cục|vụ|ban)\s+(.+?)(?=$|\s+(?:{units})\s)",
        lambda m: f"{m.group(1)} {_fields(m.group(2))}",
        text,
    )
    text = apply_names(re.sub(r"^văn phòng\b", "Văn phòng", text))
    # a place after a unit word is a proper name: every word capitalized
    text = re.sub(
        rf"(?<!\w)({units})\s+(.+)$",
        lambda m: f"{m.group(1)} {' '.join(w[:1].upper() + w[1:] for w in m.group(2).split())}",
        text,
    )
    return text[:1].upper() + text[1:]


def region_of(issuer: str | None) -> str | None:
    """The place a local body governs: "Hội đồng nhân dân thành phố Huế" -> "Huế"."""
    units = _UNIT
    found = re.findall(rf"(?<!\w)(?:{units})\s+((?:[^\W\d_][^\s,;()]*\s*)+)", issuer or "")
    places = [p.strip() for p in found if p.strip()[:1].isupper()]
    return places[-1] if places else None


def _fields(name: str) -> str:
    """ "giáo dục và đào tạo" -> "Giáo dục và Đào tạo"; "văn hóa, thể thao và du lịch"."""
    parts = re.split(r"(\s*(?:,|-|–|\bvà\b)\s*)", name)
    return "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))
