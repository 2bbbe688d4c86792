"""Which passages the bot reads for a question: the best of the search with no table crowding the
rest, and the passages a question needs whatever their rank (the signature for a signer, the
preamble for the legal basis, the part a question names, the clause cited just before)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.concepts import Concept, coverage, syllable_set, syllables
from bot.evidence import article_heading, asked_measure, asks_implementation, implements
from bot.types import Answer
from bot.understand import Query
from corpus.types import Passage
from index.fold import fold
from index.types import Hit

# a part the question names: "Điều 5", "Phụ lục I", "Mẫu số 03", "Chương II"
K_RETRIEVE = 10  # passages read to find the answering clause (and reported for evaluation)
K_IMPLEMENTS = 4  # passages read of the article that says who carries a document out
MAX_ROWS_PER_TABLE = 4  # rows of one table among the passages read
EXTRA_ROWS = 2  # more rows of such a table, read after them
# a heading that lists what a list question asks (Reading._listed_heading): read from the
# documents of the first hits, when it names this much of the question and this much more than
# the headings found; at most so many of its passages
LISTED_DOCS = 2
_LABEL = re.compile(r"^(?:Điều|Khoản|Điểm|Mục|Chương|Phần|Phụ lục)\s+[\w.]+\.?\s*", re.IGNORECASE)
MIN_LISTED = 0.7
# a row of a table read is looked up by its own cells (Reading._labelled_rows): the row that
# names at least this share of what the question asks of the table, this much more than the
# rows of it read already, is read too, at most one a table
MIN_ROW_LABEL = 0.5
ROW_LABEL_MARGIN = 0.15
LISTED_MARGIN = 0.05
MAX_LISTED = 6
_NAMED_PART = re.compile(
    r"\b(Điều|Phụ lục|Mẫu số|Chương|Mục)\s+(?:số\s+)?([0-9]+[a-zđ]?|[IVXLC]+)\b", re.IGNORECASE
)


class Reading:
    """The bot's retrieval (a part of Bot: reads its index, metadata and helpers)."""

    def _with_kind_passages(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """Signer questions read the signature block, "căn cứ" questions the preamble and
        metadata questions the title block, which retrieval ranks low on purpose."""
        if asks_implementation(query):  # "ai được giao triển khai nghị quyết này"
            doc_id = hits[0].passage.doc_id
            first = hits[0].passage.id
            found = [
                p
                for p in self.index.passages
                if p.doc_id == doc_id and p.id != first and implements(p)
            ]
            shown = {p.id for p in found}
            extra = [Hit(p, hits[0].score, None, hits[0].dense) for p in found[:K_IMPLEMENTS]]
            return [*hits[:1], *extra, *[h for h in hits[1:] if h.passage.id not in shown]][
                : K_RETRIEVE + K_IMPLEMENTS
            ]
        wanted = {"signer": "signature", "basis": "preamble"}.get(query.kind)
        if query.kind in ("number", "issuer", "date", "session", "amends"):
            wanted = "heading"
        if wanted is None:
            return hits
        doc_id = hits[0].passage.doc_id
        found = [p for p in self.index.passages if p.doc_id == doc_id and p.kind == wanted]
        extra = [Hit(p, hits[0].score, None, hits[0].dense) for p in found[:2]]
        return [*hits[:1], *extra, *[h for h in hits[1:] if h.passage.kind != wanted]][
            : K_RETRIEVE + 2
        ]

    def _amount_articles(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """ "bố em 72 tuổi, hộ cận nghèo ... được bao nhiêu một tháng": the clauses that match the
        person's situation lie in the article on who qualifies ("Điều 2. Đối tượng và điều kiện
        hưởng trợ cấp hưu trí xã hội"); the amount lies in its sibling on the level ("Điều 3.
        Mức trợ cấp hưu trí xã hội"), whose passages are read next to them."""
        if query.yesno or query.listing or asked_measure(query.standard) != "money":
            return hits
        for at, hit in enumerate(hits[:K_SUBJECTS]):
            if not _SUBJECTS.match(article_heading(hit.passage.section)):
                continue
            doc_id = hit.passage.doc_id
            found = [
                p
                for p in self.index.passages
                if p.doc_id == doc_id
                and p.kind == "content"
                and sets_level_of(p.section, hit.passage.section)
            ]
            ids = {h.passage.id for h in hits}
            extra = [Hit(p, hit.score, None, hit.dense) for p in found[:2] if p.id not in ids]
            if not extra:
                return hits
            return [*hits[: at + 1], *extra, *hits[at + 1 :]][: K_RETRIEVE + len(extra)]
        return hits

    def _set_heading(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """ "Những ai được miễn phí tham quan ...": a heading of a document read that is titled
        by the set asked and names what is done to it ("3. Đối tượng miễn thu phí", beside the
        "2. Đối tượng nộp phí" retrieval found) is read next to the best hit."""
        from bot.lists import set_and_act

        if not (query.listing and hits):
            return hits
        ids = {h.passage.id for h in hits}
        for doc_id in _first_docs(hits)[:K_SET_DOCS]:
            for path in self._heading_paths_of(doc_id):
                title = path[-1]
                if not set_and_act(title, query.standard):
                    continue
                under = [
                    p
                    for p in self.index.passages
                    if p.doc_id == doc_id and p.section[: len(path)] == path
                ]
                if not under or any(p.id in ids for p in under):
                    return hits
                extra = [Hit(p, hits[0].score, None, hits[0].dense) for p in under[:MAX_LISTED]]
                return [hits[0], *extra, *hits[1:]][: K_RETRIEVE + len(extra)]
        return hits

    def _listed_heading(self, query: Query, items: Sequence[Concept], hits: list[Hit]) -> list[Hit]:
        """A list question ("được xếp theo những mức nào") whose set is a heading of a document
        read ("Điều 20. Mức xếp loại chất lượng công chức") that names the question far better
        than the headings of the passages found: that heading's passages are read next to the
        best hit, so the list can be read from it."""
        if not (query.listing and hits and items):
            return hits

        def named(path: Sequence[str], doc_id: str) -> float:
            # a heading names its part of a document that its title names as a whole ("Nguồn
            # lực" in a decree on support after natural disasters)
            meta = self.metas.get(doc_id)
            heads = [meta.title if meta and meta.title else "", *path]
            titles = " ".join(_LABEL.sub("", h) for h in heads)  # "Mục 3." names no "mức"
            return coverage(items, syllable_set(titles), frozenset())

        found = max(
            (
                named(h.passage.section[:d], h.passage.doc_id)
                for h in hits
                for d in range(1, len(h.passage.section) + 1)
            ),
            default=0.0,
        )
        docs = _first_docs(hits)
        best: tuple[float, tuple[str, ...], str] | None = None
        for doc_id in docs:
            for path in self._heading_paths_of(doc_id):
                score = named(path, doc_id)
                if best is None or score > best[0]:
                    best = (score, path, doc_id)
        if best is None or best[0] < MIN_LISTED or best[0] < found + LISTED_MARGIN:
            return hits
        _, path, doc_id = best
        under = [
            p
            for p in self.index.passages
            if p.doc_id == doc_id and p.kind == "content" and p.section[: len(path)] == path
        ][:MAX_LISTED]
        ids = {p.id for p in under}
        extra = [Hit(p, hits[0].score, None, hits[0].dense) for p in under]
        return [*extra, *[h for h in hits if h.passage.id not in ids]][: K_RETRIEVE + MAX_LISTED]

    def _labelled_rows(self, items: Sequence[Concept], hits: list[Hit]) -> list[Hit]:
        """A table is looked up by its labels: of each table whose rows are read, the row that
        names what is asked by its own cells far better than the rows read ("Phục vụ tổ chức
        kỳ họp HĐND" among fifty rows that repeat one long caption, which retrieval ranks by
        the caption) is read next to its table's first row."""
        out = list(hits)
        for table in dict.fromkeys(t for t in map(_table, hits) if t is not None):
            rows = self.tables.get(table, [])
            meta = self.metas.get(rows[0].doc_id) if rows else None
            about = (
                " ".join([meta.title or "", meta.issuer or "", meta.region or ""]) if meta else ""
            )
            for p in labelled_rows(items, out, rows, about):
                at = next(i for i, h in enumerate(out) if _table(h) == table)
                out.insert(at + 1, Hit(p, out[at].score, None, out[at].dense))
        return out

    def _definition(self, query: Query, hits: Sequence[Hit]) -> Passage | None:
        """The passage of a document read that defines the term a question asks to be spelled
        out ('nhóm "xe mô tô" gồm những loại nào', "cấp xã là gì") by the legal idiom "(sau
        đây gọi chung là xe mô tô)"; None when the question asks no such term."""
        terms = asked_terms(query.standard)
        if not terms or not hits:
            return None
        if self._definitions is None:
            found: dict[str, list[tuple[str, Passage]]] = {}
            for p in self.index.passages:
                for m in _DEFINES.finditer(p.text):
                    found.setdefault(p.doc_id, []).append((_key(m.group(1)), p))
            self._definitions = found
        docs = _first_docs(hits)
        for doc_id in docs:
            for term, p in self._definitions.get(doc_id, []):
                if term in terms:
                    return p
        return None

    def _heading_paths_of(self, doc_id: str) -> list[tuple[str, ...]]:
        """Every heading path of a document's text, in document order, once each."""
        if self._heading_paths is None:
            self._heading_paths = {}
        cache = self._heading_paths
        if doc_id not in cache:
            paths: dict[tuple[str, ...], None] = {}
            for p in self.index.passages:
                if p.doc_id == doc_id and p.kind == "content":
                    for depth in range(1, len(p.section) + 1):
                        paths[p.section[:depth]] = None
            cache[doc_id] = list(paths)
        return cache[doc_id]

    def _named_part(self, query: Query, hits: Sequence[Hit]) -> list[Passage]:
        """The first passages of the part the question names, in the first retrieved document
        that has it; empty when it names none or no such document is retrieved."""
        named = [(kind.lower(), key.upper()) for kind, key in _NAMED_PART.findall(query.standard)]
        if not named or not hits:
            return []

        def label_number(text: str) -> str:
            return text.lstrip("0") or "0" if text.isdigit() else text

        def in_part(p: Passage, kind: str, key: str) -> bool:
            for element in p.section:
                m = _NAMED_PART.match(element)
                if (
                    m
                    and m.group(1).lower() == kind
                    and label_number(m.group(2).upper()) == label_number(key)
                ):
                    return True
            # a form's own text ("Mẫu số 03 ...") or a row of a list of forms labelled by it
            # ("Phụ lục — Mẫu số 9 — Tên mẫu: ...")
            return kind == "mẫu số" and bool(
                re.search(rf"(?i)(?:^|—\s)mẫu số\s+0*{label_number(key)}\b", p.text)
            )

        def parts(p: Passage) -> int:
            return sum(in_part(p, kind, key) for kind, key in named)

        for doc_id in dict.fromkeys(h.passage.doc_id for h in hits):
            inside = [p for p in self.index.passages if p.doc_id == doc_id and parts(p)]
            if inside:
                # "Mẫu số 03 trong Phụ lục II": what lies in both parts named comes first
                return sorted(inside, key=parts, reverse=True)[:3]
        return []

    def _with_previous(self, previous: Answer, hits: list[Hit]) -> list[Hit]:
        """A follow-up often asks about the sibling of what was just answered: the passage
        cited last time competes too."""
        if not previous.citations or not hits:
            return hits
        passage = self.passage(previous.citations[0].passage_id)
        if passage is None:
            return hits
        rest = [h for h in hits if h.passage.id != passage.id]
        return [Hit(passage, hits[0].score, None, hits[0].dense), *rest]


def diversify(hits: list[Hit], k: int, per_table: int = MAX_ROWS_PER_TABLE) -> list[Hit]:
    """The k best hits with at most `per_table` rows of any one table: the rows of a long
    list share its caption and crowd out the passage that answers ("Phân loại địa bàn ... —
    Xã A Lưới 5" thirty times over the row of fees). A table cut this way has up to
    EXTRA_ROWS more of its rows read after the k."""
    seen: Counter[str] = Counter()
    kept, rest = [], []
    for h in hits:
        table = _table(h)
        if table is not None:
            seen[table] += 1
            if seen[table] > per_table:
                rest.append(h)
                continue
        kept.append(h)
    if len(kept) < k:
        return (kept + rest)[:k]
    first = kept[:k]
    # a table whose rows were cut is read a little further after the k (rows are short, and
    # the next row down may be the one asked: "Đơn vị dự toán cấp I" below the rows of "... trực
    # thuộc đơn vị dự toán cấp I"); the first k, and so what is listed first, stay as they are
    full = Counter(t for t in map(_table, first) if t is not None)
    more: Counter[str] = Counter()
    for h in rest:
        table = _table(h)
        if full[table] >= per_table and more[table] < EXTRA_ROWS:
            more[table] += 1
            first.append(h)
    return first


def labelled_rows(
    items: Sequence[Concept], read: Sequence[Hit], rows: Sequence[Passage], about: str = ""
) -> list[Passage]:
    """The row of a table (`rows`, each "caption — group — label — column: value; ...") not
    read yet that names what the question asks of it by its own cells, far better than the
    rows read do. What the question says of the whole table (its caption and the headings most
    of its rows repeat, its columns, the document: `about`) tells no row apart and is left out."""
    if not rows:
        return []
    split = [[x.strip() for x in p.text.split(" — ")] for p in rows]
    shared = Counter(x for parts in split for x in set(parts[:-1]))
    common = {x for x, n in shared.items() if n * 2 > len(rows)}
    columns = " ".join(c.split(": ", 1)[0] for parts in split for c in parts[-1].split("; "))
    frame = syllable_set(" ".join([about, columns, *common]))
    asked = [c for c in items if not c.found_in(frame)]
    if not asked:
        return []
    own = {
        p.id: syllable_set(" ".join(x for x in parts[:-1] if x not in common))
        for p, parts in zip(rows, split, strict=True)
    }

    def named(p: Passage) -> float:
        return coverage(asked, own[p.id], frozenset())

    ids = {h.passage.id for h in read}
    seen = max((named(h.passage) for h in read if h.passage.id in own), default=0.0)
    unread = [p for p in rows if p.id not in ids]
    best = max(unread, key=named, default=None)
    if best is None or named(best) < max(MIN_ROW_LABEL, seen + ROW_LABEL_MARGIN):
        return []
    return [best]


K_SET_DOCS = 2  # documents looked through for a heading titled by the set a list asks
K_SUBJECTS = 3  # the best hits looked at for an article on who qualifies for a benefit
# "Điều 2. Đối tượng và điều kiện hưởng trợ cấp hưu trí xã hội", "Điều 5. Đối tượng được hỗ trợ"
_SUBJECTS = re.compile(
    r"Điều \d+\w?\.\s*Đối tượng(?: và điều kiện)?(?: được)?(?: hưởng| nhận)?\s+(.+)", re.IGNORECASE
)
# "Điều 3. Mức trợ cấp hưu trí xã hội", "Điều 6. Mức hưởng trợ cấp"
_LEVEL = re.compile(r"Điều \d+\w?\.\s*Mức(?: hưởng)?\s+(.+)", re.IGNORECASE)


def sets_level_of(section: Sequence[str], subjects: Sequence[str]) -> bool:
    """`section` lies in the article on the level of a benefit ("Điều 3. Mức trợ cấp hưu trí
    xã hội") whose subjects the article of `subjects` names ("Điều 2. Đối tượng và điều kiện
    hưởng trợ cấp hưu trí xã hội")."""
    who = _SUBJECTS.match(article_heading(subjects))
    level = _LEVEL.match(article_heading(section))
    if not who or not level:
        return False
    named = set(syllables(level.group(1).lower()))
    return len(named) >= 2 and named <= set(syllables(who.group(1).lower()))


def table_of(p: Passage) -> str | None:
    """The table a row passage belongs to ("<doc>#<section>#table-1"), None for any other."""
    return p.id.rsplit("/row-", 1)[0] if p.kind == "row" else None


def _table(hit: Hit) -> str | None:
    return table_of(hit.passage)


def with_part(inside: Sequence[Passage], hits: list[Hit]) -> list[Hit]:
    """The hits with the passages of the part the question names ("Điều 5", "Phụ lục I",
    "Mẫu số 03"; `Reading._named_part`) read first."""
    if not inside:
        return hits
    found = [Hit(p, hits[0].score, None, hits[0].dense) for p in inside]
    ids = {p.id for p in inside}
    return [*found, *[h for h in hits if h.passage.id not in ids]][: K_RETRIEVE + 3]


def _first_docs(hits: Sequence[Hit]) -> list[str]:
    """The documents of the first hits, in order, each once."""
    return list(dict.fromkeys(h.passage.doc_id for h in hits[:LISTED_DOCS]))


def names_attachment(query: Query) -> bool:
    """The question names a form or an appendix ("Mẫu số 9", "Phụ lục I"), which is part of
    the document it asks about; an article it names ("Điều 21 Luật BHYT") may be another's."""
    named = [kind.lower() for kind, _ in _NAMED_PART.findall(query.standard)]
    return bool(named) and all(kind in ("mẫu số", "phụ lục") for kind in named)


# "(sau đây gọi chung là xe mô tô)", "(sau đây gọi tắt là cấp xã)": the term a clause defines
_DEFINES = re.compile(
    r"\(\s*sau đây (?:được )?gọi(?: chung| tắt)? là ([^()]{2,60}?)\s*\)", re.IGNORECASE
)
# a term asked to be spelled out: quoted ('nhóm "xe mô tô" ... gồm những loại nào'), or just
# before "gồm", "bao gồm", "là gì" ("cấp xã gồm những đơn vị nào")
_QUOTED = re.compile(r"[\"“”'‘’]([^\"“”'‘’]{2,60})[\"“”'‘’]")
_BEFORE_ASKED = re.compile(
    r"((?:[^\W\d_]+\s+){1,4}?)(?:bao gồm|gồm|là gì|là những gì|được hiểu là)\b", re.IGNORECASE
)


def _key(term: str) -> str:
    return " ".join(fold(term).lower().split())


def defined_term(text: str) -> str | None:
    """The term a clause defines ("... (sau đây gọi chung là xe mô tô)" -> "xe mo to"), if any."""
    m = _DEFINES.search(text)
    return _key(m.group(1)) if m else None


def asked_terms(question: str) -> set[str]:
    """The terms a question asks to be spelled out (folded), with their shorter tails ("nhóm xe
    mô tô" -> also "xe mô tô") when the question quotes none."""
    if not _ASKS_WHAT_IT_IS.search(question):
        return set()
    quoted = {_key(m.group(1)) for m in _QUOTED.finditer(question)}
    if quoted:
        return quoted
    out: set[str] = set()
    for m in _BEFORE_ASKED.finditer(question):
        words = _key(m.group(1)).split()
        out |= {" ".join(words[i:]) for i in range(len(words)) if len(words) - i >= 2}
    return out


# the question asks what something comprises or means
_ASKS_WHAT_IT_IS = re.compile(r"\b(?:bao gồm|gồm|là gì|là những gì|được hiểu là)\b", re.IGNORECASE)
