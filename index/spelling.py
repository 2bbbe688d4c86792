"""How people type, made standard before anything reads the question: chat spellings ("ko",
"bn", "đc"), amounts with a letter suffix ("500k", "5tr"), and typos ("bao nhiu").

Typos are corrected only towards syllables the corpus or the Vietnamese dictionary knows, at
one edit on the folded text, so a correctly typed word is never changed and a word nobody uses
stays as typed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from index.fold import syllable_key
from index.lexicon import mapping
from index.tokenize import DOC_NUMBER

_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*(?:[^\W\d_]+\d?(?!\d))?|\S", re.UNICODE)
# "500k", "5tr", "1,5 tỷ": amounts with the unit glued on or abbreviated
_AMOUNT = re.compile(r"^(\d+(?:[.,]\d+)*)(k|tr|ty|tỷ|trieu|triệu|d|đ)$", re.IGNORECASE)
_TR_DECIMAL = re.compile(r"^(\d+)tr(\d)$")
_AMOUNT_UNITS = {
    "k": "nghìn",
    "tr": "triệu",
    "trieu": "triệu",
    "triệu": "triệu",
    "ty": "tỷ",
    "tỷ": "tỷ",
    "d": "đồng",
    "đ": "đồng",
}
# "80t", "e 17t": an age typed with "t" for "tuổi", read so only after a word for a person
# ("ng già từ 80t", "mẹ em 65t"), since "lương 10t" may be ten million
_AGE = re.compile(r"^(\d{1,3})t$", re.IGNORECASE)
_PERSON = frozenset({"nguoi", "ng", "ong", "ba", "cu", "con", "be", "em", "e", "me", "bo", "chau",
                     "chi", "anh", "toi", "minh", "tre", "gia"})  # fmt: skip
AGE_CONTEXT = 3  # how many tokens before the age may name the person
# the words that ask an amount, folded: "tr" after them is "triệu" ("vay đc bn tr")
_ASKING_AMOUNT = frozenset({"bn", "bnh", "nhieu", "nhiu", "may"})
_LETTERS = "abcdeghiklmnopqrstuvxy"  # folded Vietnamese letters (no f, j, w, z)
MIN_TYPO_LENGTH = 4  # shorter tokens are too often abbreviations to correct
# initial consonants that regional speech merges, so people type one for the other: "lãi
# xuất" for "lãi suất", "chẻ em" for "trẻ em", "giá" / "dá" / "rá", "nương" / "lương"
_CONFUSED = (("s", "x"), ("ch", "tr"), ("d", "gi", "r"), ("l", "n"))
MIN_TWIN_PAIR = 2  # how often the corpus must put the twin beside the neighbour
_TRAILING = ".,;:!?)”\"'"
_QUESTION_WORDS = frozenset(k for k in mapping("question_words") if " " not in k)
LISTED_COUNT = 1  # how often a word of the word lists counts when the corpus never uses it


@dataclass(frozen=True, slots=True)
class Standardized:
    text: str
    changes: tuple[tuple[str, str], ...]  # (as typed, as read) for each replaced token


@cache
def dictionary_syllables() -> frozenset[str]:
    """Folded, lower-case syllables of the Vietnamese dictionary shipped with underthesea."""
    return frozenset(
        syllable_key(syllable) for word in dictionary_words() for syllable in word.split()
    )


@cache
def dictionary_pairs() -> frozenset[str]:
    """Adjacent syllables of the dictionary's words, folded ("lai suat", "tre em")."""
    out = set()
    for word in dictionary_words():
        keys = [syllable_key(s) for s in word.split()]
        out.update(f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False))
    return frozenset(out)


@cache
def dictionary_words() -> tuple[str, ...]:
    """Vietnamese words with diacritics (underthesea's Viet74K list), lower-case."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("underthesea")  # the data file only: importing underthesea takes seconds
    if spec is None or spec.origin is None:
        return ()
    path = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
    if not path.is_file():
        return ()
    return tuple(
        dict.fromkeys(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines())
    )


class Speller:
    """Corrects typos towards known syllables; `counts` are folded corpus syllable counts."""

    def __init__(
        self, counts: Counter[str], extra: Iterable[str] = (), pairs: Counter[str] | None = None
    ):
        self._counts = counts
        self._known = set(counts) | set(extra)
        self._pairs = pairs if pairs is not None else Counter()  # folded "a b" -> count

    @classmethod
    def from_syllables(cls, syllables: Iterable[str]) -> Speller:
        typed: Counter[str] = Counter()
        adjacent: Counter[tuple[str, str]] = Counter()
        previous = ""
        for word in syllables:
            typed[word] += 1
            if previous:
                adjacent[previous, word] += 1
            previous = word
        counts: Counter[str] = Counter()
        for word, count in typed.items():  # fold each distinct word once
            counts[syllable_key(word)] += count
        pairs: Counter[str] = Counter()
        for (a, b), count in adjacent.items():
            b = b.rstrip(_TRAILING)  # "chứng chỉ:" pairs; "suất, cho" does not
            if a[-1:].isalpha() and b.isalpha():
                pairs[f"{syllable_key(a)} {syllable_key(b)}"] += count
        abbreviations = {key.lower().replace("-", "") for key in mapping("abbreviations")}
        # the words of the everyday and English lists ("bán hàng online") are typos' targets
        # too ("onlien"), after any word the corpus uses
        listed = {
            syllable_key(w)
            for name in ("everyday", "english")
            for key in mapping(name)
            for w in re.findall(r"[^\W\d_]+", key)
        }
        for word in listed:
            counts.setdefault(word, LISTED_COUNT)
        known = dictionary_syllables() | abbreviations | set(mapping("informal"))
        return cls(counts, known, pairs)

    def known(self, word: str) -> bool:
        return syllable_key(word) in self._known

    def correct(self, word: str) -> str | None:
        """The known syllable one edit away from `word` (folded), or None. Ties go to the one
        the corpus uses most; a word with no corpus-attested neighbour is left alone."""
        folded = syllable_key(word)
        if len(folded) < MIN_TYPO_LENGTH or folded in self._known or not folded.isalpha():
            return None
        best, best_count = None, 0
        for candidate in _edits(folded):
            count = self._counts.get(candidate, 0)
            if count > best_count:
                best, best_count = candidate, count
        return best

    def twin(self, word: str, before: str | None, after: str | None) -> str | None:
        """`word` with its initial consonant swapped for one regional speech merges with it,
        when neither the corpus nor the dictionary puts `word` beside its neighbours, but the
        twin makes a word of the dictionary with one of them that the corpus uses
        (MIN_TWIN_PAIR times or more): "xuất" after "lãi" is "suất". Marks are kept."""
        if not (before or after) or not self._pairs or syllable_key(word) in _QUESTION_WORDS:
            return None  # "nào", "gì": documents do not ask, so no pair of theirs has them

        def around(folded: str) -> list[str]:
            pairs = [f"{syllable_key(before)} {folded}"] if before else []
            return pairs + ([f"{folded} {syllable_key(after)}"] if after else [])

        def paired(folded: str) -> int:
            # a word of the dictionary ("lãi suất", "trẻ em") the corpus uses
            return max(
                self._pairs.get(p, 0) if p in dictionary_pairs() else 0 for p in around(folded)
            )

        typed = around(syllable_key(word))
        if any(p in self._pairs or p in dictionary_pairs() for p in typed):
            return None
        lower = word.lower()
        best, best_count = None, MIN_TWIN_PAIR - 1
        for group in _CONFUSED:
            # the initial as written: "gi" is one consonant, "đ" is no "d"
            initial = next(
                (c for c in sorted(group, key=len, reverse=True) if lower.startswith(c)), None
            )
            if initial is None:
                continue
            for other in group:
                candidate = other + word[len(initial) :]
                count = 0 if other == initial else paired(syllable_key(candidate))
                if count > best_count:
                    best, best_count = candidate, count
        if best is None:
            return None
        return best[:1].upper() + best[1:] if word[:1].isupper() else best


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


def standardize(text: str, speller: Speller | None = None) -> Standardized:
    """`text` with chat spellings, glued amount units and typos replaced by standard words."""
    informal = mapping("informal")
    pieces: list[str] = []
    changes: list[tuple[str, str]] = []
    pos = 0
    tokens = list(_TOKEN.finditer(text))
    kept = [m.span() for m in DOC_NUMBER.finditer(text)]  # "293/2025/NĐ-CP" stays whole
    for i, match in enumerate(tokens):
        raw = match.group(0)
        pieces.append(text[pos : match.start()])
        pos = match.end()
        if any(a <= match.start() < b for a, b in kept):
            pieces.append(raw)
            continue
        lower = raw.lower()
        replacement = None
        amount = _AMOUNT.match(lower)
        decimal = _TR_DECIMAL.match(lower)
        if decimal:  # "5tr3" is 5,3 triệu
            replacement = f"{decimal.group(1)},{decimal.group(2)} triệu"
        elif amount:
            replacement = f"{amount.group(1)} {_AMOUNT_UNITS[amount.group(2).lower()]}"
        elif (age := _AGE.match(lower)) and any(
            syllable_key(t.group(0)) in _PERSON for t in tokens[max(0, i - AGE_CONTEXT) : i]
        ):
            replacement = f"{age.group(1)} tuổi"  # "mẹ em 65t": sixty-five years old
        elif lower in ("k", "tr") and i and tokens[i - 1].group(0)[-1:].isdigit():
            replacement = _AMOUNT_UNITS[lower]  # "500 k", "5 tr"
        elif lower == "tr" and i and syllable_key(tokens[i - 1].group(0)) in _ASKING_AMOUNT:
            replacement = "triệu"  # "bn tr", "mấy tr": how many million
        elif lower in informal and not (
            len(raw) > 1 and raw.isupper() and not text.isupper() and informal[lower].islower()
        ):  # "DC" among lower-case words is an acronym, not "được" ("HCM" is still a place)
            replacement = informal[lower]
        elif speller is not None and raw.isalpha() and not raw.isupper():
            fixed = speller.correct(raw)
            if fixed is None and speller.known(raw):
                fixed = speller.twin(raw, _word(tokens, i - 1), _word(tokens, i + 1))
            if fixed is not None:
                replacement = fixed
        if replacement is not None and replacement != raw:
            changes.append((raw, replacement))
            pieces.append(replacement)
        else:
            pieces.append(raw)
    pieces.append(text[pos:])
    return Standardized("".join(pieces), tuple(changes))


def _word(tokens: list[re.Match[str]], i: int) -> str | None:
    """The token at `i` when it is a word (a neighbour across punctuation is no neighbour)."""
    if 0 <= i < len(tokens) and tokens[i].group(0).isalpha():
        return tokens[i].group(0)
    return None
