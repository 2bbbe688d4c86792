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
    words = syllables(text)
    found = {" ".join(words[i : i + 3]) for i in range(len(words))} | {
        " ".join(words[i : i + 2]) for i in range(len(words))
    }
    return {level for level, names in _LEVELS.items() if any(n in found for n in names)}


def other_level(question: str, evidence: str) -> bool:
    """The question names a tier of government ("ở cấp xã") and the evidence is set for
    another tier only ("... ngân sách cấp Thành phố")."""
    asked = levels(question)
    if not asked:
        return False
    found = levels(evidence)
    return bool(found) and not (asked & found)
