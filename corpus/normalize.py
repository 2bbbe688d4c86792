"""Text normalization: one spelling for the same text, whatever editor or converter produced it.

NFC everywhere; the new tone-mark placement ("hòa", "thủy", "Ủy"); Markdown and HTML markup
removed or rendered ("m<sup>2</sup>" -> "m²"); invisible characters dropped. Curly quotes stay.
"""

from __future__ import annotations

import html
import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_TONED_AE = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
# Old style puts the tone on the last vowel of a final "oa", "oe", "uy" ("hoà", "uỷ"); the new
# style on the first ("hòa", "ủy"). Only at the end of a syllable ("hoàn" is the same in both),
# and never after "q", where "u" belongs to the consonant ("quý").
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oO])([{_TONED_AE}])(?![^\W\d_])|(?<![qQ])([uU])([{_TONED_Y}])(?![^\W\d_])"
)

# soft hyphen, zero-width characters, byte-order mark, and the direction marks and embeddings
# (U+200E "left-to-right mark" before a date in vbpl.vn pages)
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})

_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def _move_tone(match: re.Match[str]) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    decomposed = unicodedata.normalize("NFD", second)
    base = "".join(c for c in decomposed if c not in _TONES)
    tone = "".join(c for c in decomposed if c in _TONES)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def unify_tone_marks(text: str) -> str:
    """Old-style tone placement to the new style: "hoà" -> "hòa", "Uỷ" -> "Ủy", "khoẻ" -> "khỏe"."""
    return _OLD_TONE.sub(_move_tone, unicodedata.normalize("NFC", text))


# a rule drawn with dashes, underscores or "=" under a header cell or a title ("-------",
# "CHÍNH PHỦ -------", "_____"), alone or at either end of a line
_RULE_RUN = re.compile(r"(?:^|(?<=\s))[-_=–—]{3,}(?=\s|$)")


def normalize_line(line: str) -> str:
    """NFC, new-style tone marks, look-alike letters, invisible characters, rules drawn with
    dashes or underscores, and runs of spaces."""
    line = unicodedata.normalize("NFC", line).translate(_LOOKALIKES)
    line = _INVISIBLE.sub("", line)
    line = _SPACES.sub(" ", _RULE_RUN.sub(" ", line)).strip()
    return unify_tone_marks(line)


# --- Markdown / HTML -------------------------------------------------------------------------

_PROTECT = {c: chr(0xE000 + i) for i, c in enumerate("\\`*_{}[]()#+-.!|>~")}
_RESTORE = str.maketrans({v: k for k, v in _PROTECT.items()})

_HEADING_MARK = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_BLOCKQUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^(\s*)[-*+•]\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?=(\w)?)")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
# "**Điều 1. ****Sắp xếp**", "2025 ****với", "**Địn****h** mức": a bold span closed and reopened
_DOUBLED = re.compile(r"(.?)\*{4,}(.?)")
_LEFTOVER_STRONG = re.compile(r"\*\*|__")
_EMPTY_STRIKE = re.compile(r"\s*~~\s*~~\s*")  # "phường~~ ~~(1.000đ)": struck-through space
_LEFTOVER_EM = re.compile(r"^\*+\s*|\s*(?<![(\w])\*+$")
_SUP = re.compile(r"<sup>(.*?)</sup>", re.IGNORECASE | re.DOTALL)
_SUB = re.compile(r"<sub>(.*?)</sub>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _script(match: re.Match[str], table: dict[int, str], fallback: str) -> str:
    inner = match.group(1).strip()
    if inner and all(ord(c) in table for c in inner):
        return inner.translate(table)
    return f"{fallback}{inner}" if len(inner) == 1 else f"{fallback}({inner})"


def render_html(text: str) -> str:
    """<sup>2</sup> -> ², <sub>2</sub> -> ₂, <br> -> space, other tags dropped, entities decoded."""
    text = _SUP.sub(lambda m: _script(m, _SUPERSCRIPT, "^"), text)
    text = _SUB.sub(lambda m: _script(m, _SUBSCRIPT, "_"), text)
    text = _TAG.sub("", _BREAK.sub(" ", text))
    return html.unescape(text)


def _undouble(match: re.Match[str]) -> str:
    """Drop a closed-and-reopened bold mark; between two words that it separates ("Chương
    I****QUY ĐỊNH") it stands for a space, inside a word ("Địn****h") for nothing."""
    left, right = match.group(1), match.group(2)
    apart = left and right and not left.isspace() and not left.islower() and right.isupper()
    return f"{left} {right}" if apart else left + right


_MARKUP = re.compile(r"[\\`*_\[\]#|<>&~]|^\s*[-+•>]|^\s{4}")


def strip_markdown(line: str) -> str:
    """One Markdown line to plain text; list markers are kept as "- " / "+ " (nested items as "+")."""
    if not _MARKUP.search(line):
        return line.strip()
    if "\\" in line:
        line = line.replace("\\***", "***").replace("\\**", "**")  # "***Nơi nhận:\\***"
        for char, placeholder in _PROTECT.items():
            line = line.replace("\\" + char, placeholder)
    if _RULE.match(line) or _TABLE_SEP.match(line) and "|" in line or not line.strip(" *_\t"):
        return ""  # a rule, a table's separator line, or emphasis around nothing ("** **")
    line = _BLOCKQUOTE.sub("", _RULE_RUN.sub(" ", line))
    line = _CLOSING_HASHES.sub("", line) if _HEADING_MARK.match(line) else line
    line = _HEADING_MARK.sub("", line)
    item = _LIST_ITEM.match(line)
    if item:
        rest = line[item.end() :]
        nested = item.group(0).strip() == "+" or len(item.group(1).expandtabs(4)) >= 2
        # "  - + Công nghiệp": the text carries its own marker; otherwise nesting says "+".
        line = rest if re.match(r"[-+] ", rest) else ("+ " if nested else "- ") + rest
    if line.lstrip().startswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _DOUBLED.sub(_undouble, line)
    line = _STRONG.sub(lambda m: m.group(2) + (" " if m.group(3) else ""), line)
    line = _LEFTOVER_STRONG.sub("", line)
    line = _EMPTY_STRIKE.sub(" ", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDERSCORE.sub(r"\1", line)
    line = _LEFTOVER_EM.sub("", line.strip())
    line = render_html(line)
    return line.translate(_RESTORE)


def normalize_markdown(line: str) -> str:
    return normalize_line(strip_markdown(line))
