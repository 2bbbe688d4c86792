"""Front matter and metadata sidecars: the fields a person wrote down, which win over what the
text states. Keys may use common aliases ("issuing_body", "url", "type", ...)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from corpus.normalize import normalize_line
from corpus.readers import ReadError

FIELDS = (
    "title", "number", "issuer", "date", "signer", "source_url", "kind", "session", "effective",
    "amends", "region",
)  # fmt: skip
_ALIASES = {
    "issuing_body": "issuer", "issued_by": "issuer", "date_issued": "date", "issued": "date",
    "signed_by": "signer", "source": "source_url", "url": "source_url", "type": "kind",
    "effective_date": "effective", "in_force": "effective", "replaces": "amends",
}  # fmt: skip
_DATES = ("date", "effective")
_DATE_WORDS = r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"


def from_front_matter(front: dict[str, Any], path: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in front.items():
        name = _ALIASES.get(key, key)
        if name not in FIELDS or value is None or value == "" or value == []:
            continue
        if name in _DATES:
            values[name] = _parse_date(value, path, name)
        elif name == "amends":
            items = value if isinstance(value, list | tuple) else str(value).split(",")
            values[name] = tuple(normalize_line(str(v)) for v in items if str(v).strip())
        else:
            values[name] = normalize_line(str(value))
    return values


def _parse_date(value: Any, path: Path, name: str = "date") -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dmy = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    words = re.search(_DATE_WORDS, text)
    parsed = (
        _iso(iso.group(3), iso.group(2), iso.group(1))
        if iso
        else _iso(*dmy.groups())
        if dmy
        else _iso(*words.groups())
        if words
        else None
    )
    if parsed is None:
        raise ReadError(
            path, f"front matter: {name} {text!r} is not a date; write it as YYYY-MM-DD"
        )
    return parsed


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
