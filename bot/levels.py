"""The tier of government a question or a figure is about: "ngân sách cấp xã" is not "ngân sách
cấp Thành phố"."""

from __future__ import annotations

from bot.concepts import syllables

# the tiers of government a figure may be set for: "ngân sách cấp xã" against "cấp Thành phố" (a
# city governed as a province is the provincial tier)
_LEVELS = {
    "commune": ("cap xa",),
    "district": ("cap huyen",),
    "province": ("cap tinh", "cap thanh pho"),
    "national": ("cap quoc gia", "cap trung uong", "cap toan quoc"),
}


def levels(text: str) -> set[str]:
    """The tiers of government ("cấp xã", "cấp tỉnh" ...) a text names."""
    words = f" {' '.join(syllables(text))} "
    return {level for level, names in _LEVELS.items() if any(f" {n} " in words for n in names)}


def set_elsewhere(asked: set[str], *texts: str) -> bool:
    """What the first of the texts that names a tier of government names is not a tier asked
    ("ngân sách cấp Thành phố" for "ở cấp xã"); a unit's own text is read before its headings."""
    found = next((found for text in texts if (found := levels(text))), set())
    return bool(asked and found) and not (asked & found)


def other_level(question: str, evidence: str) -> bool:
    """The question names a tier of government ("ở cấp xã") and the evidence is set for
    another tier only ("... ngân sách cấp Thành phố")."""
    return set_elsewhere(levels(question), evidence)
