"""Vietnam's provinces and centrally governed cities, before and after the 2025 mergers, from
the gazetteer that ships with underthesea (`address/data/mapping.json`).

A place is known by its short name ("Hà Nội", "Thừa Thiên Huế", "Huế"). Two names are the
same place when one ends with the other ("Thừa Thiên Huế" and "Huế": the province became the
city); merged provinces stay distinct, since a document of one says nothing of the other's past.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

# Other names people use for a province or city: a general fact of usage, not of one document.
# "Thừa Thiên Huế" is the province's name before it became the city of Huế (2025).
_ALIASES = {
    "Sài Gòn": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "Thủ đô": "Hà Nội",
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
}


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _package_dir(name: str) -> Path:
    """Where an installed package lies, without importing it (underthesea takes seconds)."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ImportError(name)
    return Path(spec.origin).parent


@cache
def province_names() -> tuple[str, ...]:
    """Short names of every province and city, old (63) and new (34), longest first."""
    names: set[str] = set()
    try:
        path = _package_dir("underthesea") / "address" / "data" / "mapping.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("old_province_names", "province_names"):
            names.update(v["short"] for v in data.get(key, {}).values() if v.get("short"))
    except (ImportError, OSError, ValueError):
        pass
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One alternation of every name (longest first, so "Thừa Thiên Huế" wins over "Huế"),
    with diacritics and folded, and the place each name stands for."""
    named = {n: n for n in province_names()} | _ALIASES
    names = sorted(named, key=len, reverse=True)
    accented = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)
    folded = re.compile(r"(?<!\w)(" + "|".join(re.escape(_fold(n)) for n in names) + r")(?!\w)")
    by_key = {n.lower(): p for n, p in named.items()} | {_fold(n): p for n, p in named.items()}
    return accented, folded, by_key


def find_places(text: str) -> list[str]:
    return list(_find_places(text))


@lru_cache(maxsize=16384)
def _find_places(text: str) -> tuple[str, ...]:
    """Provinces and cities named in `text`, by short name, in order of appearance. A name typed
    without diacritics counts only when the text was typed without them ("ha noi"), so "Hà
    Nam" is never read into "hà nam" of another phrase."""
    accented, folded_pattern, by_key = _patterns()
    found = [by_key[m.group(1).lower()] for m in accented.finditer(text)]
    words = [w for w in text.split() if w.isalpha()]
    if not found and sum(_fold(w) != w.lower() for w in words) <= len(words) / 4:
        found = [by_key[m.group(1)] for m in folded_pattern.finditer(_fold(text))]
    return tuple(dict.fromkeys(found))


def same_place(a: str, b: str) -> bool:
    """ "Thừa Thiên Huế" and "Huế" are one place; "Hà Nam" and "Nam Định" are not."""
    fa, fb = _fold(a), _fold(b)
    return fa == fb or fa.endswith(" " + fb) or fb.endswith(" " + fa)


def initials(name: str) -> str:
    """ "Thái Nguyên" -> "tn", "Hồ Chí Minh" -> "hcm": how people abbreviate place names."""
    return "".join(word[0] for word in _fold(name).split() if word)
