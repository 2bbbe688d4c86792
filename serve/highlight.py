"""Which words of a text a query matches, phrase by phrase, and how much of the query a text
covers (the search tab's relevance floor).

Vietnamese words are written as syllables separated by spaces ("bảo hiểm y tế"), so a single
syllable of the query says little on its own: "bảo" of "bảo hiểm" also sits inside "đảm bảo".
A text is marked where it repeats two or more consecutive syllables of the query; a single
syllable only when it is a figure or a code ("2023", "GRDP"), stands alone in the query between
function words, or the query has one syllable. A phrase in quotes is marked only as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Vietnamese function words: never marked on their own, trimmed from the ends of a phrase.
STOPWORDS = frozenset(
    """và của các có là được cho với trong theo tại về từ đến những một này khi đã sẽ
    thì mà như để do bị hay hoặc nào gì nhiêu không năm bao ai đâu sao nào""".split()
)
FLOOR = 0.5  # a search hit must hold at least this share of the query's content syllables
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", c)[0].lower()[:1] or c


def fold(text: str) -> str:
    """Lower-case without diacritics, one character per character (offsets are kept)."""
    return "".join(_fold_char(c) for c in text)


def _lower(text: str) -> str:
    return "".join(c.lower()[:1] or c for c in text)


@dataclass(frozen=True, slots=True)
class Query:
    """A query as syllables (lower case), its quoted phrases, and which syllables are strong
    enough to be marked alone."""

    syllables: tuple[str, ...]  # every syllable, quoted or not
    phrases: tuple[tuple[str, ...], ...]  # quoted, matched only whole
    rest: tuple[str, ...]  # the syllables outside quotes
    strong: frozenset[str]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> its long form

    @property
    def content(self) -> list[str]:
        """Distinct syllables that carry meaning (no function words), in query order."""
        return list(dict.fromkeys(s for s in self.syllables if s not in STOPWORDS))


def parse(query: str, aliases: dict[str, str] | None = None) -> Query:
    """`aliases` maps a word of the query to the phrase it stands for ("BHYT" -> "bảo hiểm y
    tế", the index's abbreviations): the phrase is marked whole, and found, it counts as the
    word found."""
    query = unicodedata.normalize("NFC", query or "")
    phrases = tuple(
        tuple(w.lower() for w in _WORD.findall(m.group(1))) for m in _QUOTED.finditer(query)
    )
    long_forms = {
        k.lower(): tuple(w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", v)))
        for k, v in (aliases or {}).items()
    }
    phrases += tuple(v for v in long_forms.values() if v)
    words = _WORD.findall(query)
    syllables = tuple(w.lower() for w in words)
    rest = tuple(w.lower() for w in _WORD.findall(_QUOTED.sub(" | ", query)))
    strong = {w.lower() for w in words if any(c.isdigit() for c in w) or _is_code(w)}
    content = [s for s in syllables if s not in STOPWORDS]
    if len(set(content)) == 1:
        strong |= set(content)
    for i, s in enumerate(syllables):  # a content syllable between function words stands alone
        if s in STOPWORDS:
            continue
        left = i == 0 or syllables[i - 1] in STOPWORDS
        right = i == len(syllables) - 1 or syllables[i + 1] in STOPWORDS
        if left and right and (len(s) > 1 or not s.isascii()):
            strong.add(s)
    return Query(syllables, tuple(p for p in phrases if p), rest, frozenset(strong), long_forms)


def _is_code(word: str) -> bool:
    """An abbreviation or code written in capitals: GRDP, BHYT, HĐND."""
    return len(word) >= 2 and word.isupper()


def _same(query_syllable: str, lowered: str, folded: str) -> bool:
    """A syllable typed without diacritics matches with or without them ("tang" ~ "tăng")."""
    return (
        folded == query_syllable
        if fold(query_syllable) == query_syllable
        else lowered == query_syllable
    )


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    lowered, folded = _lower(text), fold(text)
    return [
        (m.start(), m.end(), lowered[m.start() : m.end()], folded[m.start() : m.end()])
        for m in _WORD.finditer(text)
    ]


def match_spans(text: str, query: str | Query) -> list[tuple[int, int]]:
    """(start, end) of the phrases of `query` in `text`, in order, not overlapping."""
    q = query if isinstance(query, Query) else parse(query)
    text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    runs = [(p, True) for p in q.phrases] + [(q.rest, False)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        best, quoted = 0, False
        for run, whole in runs:
            n = _longest_at(tokens, i, text, run, whole=whole)
            if n > best:
                best, quoted = n, whole
        if not best:
            i += 1
            continue
        k, j = i, i + best
        if not quoted:  # function words are trimmed from the ends of a phrase
            while j > k and tokens[j - 1][2] in STOPWORDS:
                j -= 1
            while k < j and tokens[k][2] in STOPWORDS:
                k += 1
        if quoted or j - k >= 2 or (j - k == 1 and tokens[k][2] in q.strong):
            spans.append((tokens[k][0], tokens[j - 1][1]))
        i += best
    return spans


def _longest_at(tokens, i: int, text: str, run: tuple[str, ...], *, whole: bool) -> int:
    """The most consecutive tokens from i that repeat consecutive syllables of `run`
    (separated by spaces only); with `whole`, the whole run or nothing."""
    best = 0
    for start in range(len(run)):
        n = 0
        while (
            i + n < len(tokens)
            and start + n < len(run)
            and _same(run[start + n], tokens[i + n][2], tokens[i + n][3])
            and (n == 0 or text[tokens[i + n - 1][1] : tokens[i + n][0]].isspace())
        ):
            n += 1
        if whole and (start != 0 or n != len(run)):
            continue
        best = max(best, n)
    return best


def coverage(text: str, query: str | Query) -> float:
    """Share of the query's content syllables found in `text` (diacritics ignored where the
    query has none); 1.0 for a query with no content syllable."""
    q = query if isinstance(query, Query) else parse(query)
    wanted = q.content
    if not wanted:
        return 1.0
    text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    lowered = {t[2] for t in tokens}
    folded = {t[3] for t in tokens}

    def found(s: str) -> bool:
        if (s in folded) if fold(s) == s else (s in lowered):
            return True
        long_form = q.aliases.get(s)
        return bool(long_form) and any(
            _longest_at(tokens, i, text, long_form, whole=True) for i in range(len(tokens))
        )

    return sum(1 for s in wanted if found(s)) / len(wanted)
