"""Lexical tokens for BM25. Two views of the same text share one vocabulary:
folded syllables ("bao", "hiem") so typing without diacritics still matches, and underthesea
word tokens with diacritics ("w:bảo_hiểm_y_tế") that reward an exact, accented phrase.
Document numbers, dates and figures are kept whole and written one canonical way."""

from __future__ import annotations

import re
import sys

from index.abbrev import expand
from index.fold import fold, syllable_key

DOC_NUMBER = re.compile(
    r"(?<![\w/])\d{1,4}(?:/\d{4})?[-/][A-Za-zĐđ][A-Za-zĐđ0-9]*(?:[-/][A-Za-zĐđ][A-Za-zĐđ0-9]*)*"
)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_NUM = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Frequent words that match nothing useful. Only syllables whose folded form is not also a
# content word: "cơ cấu", "trồng trọt", "tài nguyên", "vệ sinh", "thẻ" all fold onto other stopwords.
STOPWORDS = frozenset(
    "cua va cac nhung la gi nao duoc theo what is of in for how much many which who".split()
)
# Question phrases, removed before tokenizing a question ("bao nhiêu" must not match "bảo hiểm").
_QUESTION_PHRASES = re.compile(
    r"\b(?:la bao nhieu|bao nhieu|bao gio|nhu the nao|the nao|ra sao|thi sao|la gi|la ai|"
    r"khi nao|o dau|hay khong|co phai|duoc khong|co khong|vay|a|nhi|nhe)\b"
)


def canonical_number(raw: str) -> str:
    """8,5 and 8.5 -> "8.5"; 20.000 and 20,000 -> "20000"; 05 -> "5". Vietnamese writes decimals
    with a comma and thousands with a dot, but citizens type either."""
    parts = re.split(r"[.,]", raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return str(int("".join(parts)))
    if len(parts) == 2:
        return f"{int(parts[0])}.{parts[1]}"
    return ".".join(str(int(p)) if p.isdigit() else p for p in parts)


# A name that ends in a number: "Xã A Lưới 2", "vùng II", "Mẫu số 03", "Cục loại 1". The number
# alone is a frequent token; with the word before it, it names one row of a table.
_NUMBERED = re.compile(r"([^\W\d_]+)\s+(\d{1,3}|[IVX]{1,4})(?![\w/])(?![.,]\d)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    values = [_ROMAN_VALUES[c] for c in text]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return total if 0 < total < 40 else None


def numbered_names(text: str) -> list[str]:
    """ "Lưới 2" -> "n:luoi_2", "vùng II" -> "n:vung_2", "Mẫu số 03" -> "n:so_3"."""
    out = []
    for m in _NUMBERED.finditer(text):
        word, number = m.groups()
        value = int(number) if number.isdigit() else _roman(number)
        if value is not None:
            out.append(f"n:{syllable_key(word)}_{value}")
    return out


def special_tokens(text: str) -> list[str]:
    """Whole document numbers ("doc:11-nq/tw"), dates ("date:2022-12-08") and numbered names
    ("n:luoi_2")."""
    tokens = [f"doc:{fold(m.group(0)).lower()}" for m in DOC_NUMBER.finditer(text)]
    tokens += numbered_names(text)
    for pattern in (_DATE_WORDS, _DATE_NUM):
        for d, mth, y in pattern.findall(text):
            if 1 <= int(d) <= 31 and 1 <= int(mth) <= 12:
                tokens.append(f"date:{y}-{int(mth):02d}-{int(d):02d}")
    return tokens


def syllables(text: str) -> list[str]:
    """Lower-case folded syllables and canonical numbers, without stopwords."""
    out: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        out.extend(_words(text[pos : m.start()]))
        out.append(canonical_number(m.group(0)))
        pos = m.end()
    out.extend(_words(text[pos:]))
    return out


def _words(chunk: str) -> list[str]:
    return [w for w in (syllable_key(t) for t in _WORD.findall(chunk)) if w not in STOPWORDS]


def word_tokens(text: str) -> list[str]:
    """underthesea compound words with diacritics, e.g. "w:bảo_hiểm_y_tế" (multi-syllable only:
    single syllables are already covered by the folded view)."""
    words = _word_tokenize()(_NUMBER.sub(" ", text))
    return [f"w:{w.lower().replace(' ', '_')}" for w in words if " " in w and _WORD.search(w)]


def _word_tokenize():
    """underthesea's word_tokenize, imported on first use. Importing underthesea also imports
    its optional pipelines; the translator among them imports transformers (3-5 s of every
    process that tokenizes, a replica's start included), which nothing here uses."""
    if "underthesea" not in sys.modules:
        translator = "underthesea.pipeline.translate"
        blocked = translator not in sys.modules
        if blocked:
            sys.modules[translator] = None  # type: ignore[assignment]  # an ImportError for it
        try:
            import underthesea  # noqa: F401
        finally:
            if blocked:
                del sys.modules[translator]  # an explicit import of it still works
    from underthesea import word_tokenize

    return word_tokenize


# closing particles that fold like content words: "vậy" like "vay" (borrow), "ạ" like "A" (xã A
# Lưới), "nhỉ" like "nhi" (nhi khoa), "nhé" like "nhẹ"
_PARTICLES = frozenset({"vay", "a", "nhi", "nhe"})


# a share asked: "chiếm" and the measure it is asked in, before what asks it: "chiếm tỷ trọng
# bao nhiêu", "chiếm tỉ lệ lớn hơn", "chiem ti trong bn", "chiếm bao nhiêu". The words say how
# the figure is asked (a share), not what it is about: the documents state the share without
# them ("Công nghiệp, xây dựng: 59,4%"). One or two words, as a measure noun is.
_SHARE_MEASURE = re.compile(
    r"\b(chiem(?: (?!bao |bn |may |la |khoang )\w+(?: \w+)?)?) (?=(?:la |khoang |vao khoang )?"
    r"(?:bao nhieu|bn|may|(?:lon|cao|nhieu|nho|thap|it) hon)\b)"
)


def strip_question_words(text: str, marked: bool = False) -> str:
    """Remove question phrases, matched on the folded text so both typings go; in a question
    the asker typed with diacritics (`marked`), a particle's unmarked look-alike ("vay vốn")
    is a word, kept."""
    folded = fold(text).lower()
    if len(folded) != len(text):  # folding changed lengths (rare ligatures): leave the text alone
        return text
    spans = [
        m.span()
        for m in _QUESTION_PHRASES.finditer(folded)
        if not (
            marked and m.group(0) in _PARTICLES and text[m.start() : m.end()].lower() == m.group(0)
        )
    ]
    measures = [m.span(1) for m in _SHARE_MEASURE.finditer(folded)]
    spans = sorted(spans + [(a, b) for a, b in measures if all(b <= s or a >= e for s, e in spans)])
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def tokenize(text: str, *, words: bool = True, query: bool = False) -> list[str]:
    """All lexical tokens of a passage or a question (abbreviations expanded)."""
    if query:
        text = strip_question_words(text)
    text = expand(text)
    tokens = syllables(text) + special_tokens(text)
    if words:
        tokens += word_tokens(text)
    return tokens
