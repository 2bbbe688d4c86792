"""The Bot: a question (and the conversation so far) -> an Answer with its citations.

understand -> retrieve (steered by what the question names) -> choose evidence -> judge ->
compose. Each step is a function of values (bot/understand.py, bot/steer.py, bot/evidence.py,
bot/judge.py, bot/compose.py); this module wires them and holds what is derived once per index.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot import compose, ranker
from bot.concepts import (
    Concept,
    concepts,
    corpus_pairs,
    idf_table,
    missing,
    plain_words,
    syllable_set,
    syllables,
    unheard,
)
from bot.evidence import Unit, asked_measure, passage_context, rank_units
from bot.judge import Verdict, judge
from bot.steer import doc_weights, places_covered
from bot.types import Answer, Citation
from bot.understand import Query, understand
from corpus.types import DocumentMeta, Passage
from index.fold import fold
from index.query import PreparedQuery
from index.synonyms import official_terms
from index.tokenize import STOPWORDS
from index.types import Hit

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy thông tin này trong các văn bản hiện có."
K_RETRIEVE = 10  # passages read to find the answering clause (and reported for evaluation)
K_DEEP = 30  # passages read when none of the first K_RETRIEVE holds the figure asked for
K_RELATED = 3  # closest passages shown when the bot abstains
MAX_SIBLING_ROWS = 4  # rows of one column an answer gives when the question names none of them
MAX_ROWS_PER_TABLE = 4  # rows of one table among the passages read
MAX_FRAME_CHARS, MAX_CLAUSE_CHARS = 80, 300  # what the model reads of a chosen clause
MIN_HEADING_COVERAGE = 0.4  # a heading a list answer reads from names this much of the question
_META_KINDS = {"position", "signer", "number", "issuer", "session", "amends"}
# a question about a document as a whole: its type named, or what is done to a document
# (matched with diacritics when typed with them: "kỳ thi" is not "ký")
_ABOUT_DOCUMENT = (
    re.compile(r"\b(nghị quyết|nghị định|thông tư|quyết định|luật|công văn|văn bản|ban hành|"
               r"thông qua|ký)\b"),
    re.compile(r"\b(nghi quyet|nghi dinh|thong tu|quyet dinh|luat|cong van|van ban|ban hanh|"
               r"thong qua|ky)\b"),
)  # fmt: skip
# ... and when it was made: the date a document was passed, signed or issued
_DOCUMENT_DATE = (
    re.compile(r"\b(ban hành|thông qua|ký|ra đời)\b"),
    re.compile(r"\b(ban hanh|thong qua|ky|ra doi)\b"),
)
_APPENDIX = re.compile(r"\bphụ lục\b", re.IGNORECASE)
# "có hiệu lực đến khi nào": when it ends, which the text states, not the metadata
_UNTIL = re.compile(r"\b(?:den (?:khi|ngay|nam|thoi diem) nao|het hieu luc|den bao gio)\b")
# the clause that puts a document in force: "Nghị quyết này có hiệu lực (thi hành) từ ..."
_TAKES_EFFECT = re.compile(r"\bcó hiệu lực\b", re.IGNORECASE)
# a part the question names: "Điều 5", "Phụ lục I", "Mẫu số 03", "Chương II"
_NAMED_PART = re.compile(
    r"\b(Điều|Phụ lục|Mẫu số|Chương|Mục)\s+(?:số\s+)?([0-9]+[a-zđ]?|[IVXLC]+)\b", re.IGNORECASE
)
# a clause that sends the reader to an appendix: "quy định tại Phụ lục ...", "theo Phụ lục đính
# kèm", "Phụ lục ban hành kèm theo Nghị định này"
_SENDS_TO_APPENDIX = re.compile(
    r"\b(?:tại|theo|ở|trong)\s+(?:các\s+)?phụ lục\b|\bphụ lục\b[^.;]{0,30}\b(?:kèm theo|đính kèm)",
    re.IGNORECASE,
)
# what a question calls an attachment of a document, with or without its number
_ATTACHMENT = re.compile(
    r"\b(?:phụ lục|mẫu số|mẫu|biểu mẫu|biểu mức thu|biểu phí|biểu số|biểu)\b(?:\s+(?:số\s+)?"
    r"([0-9]+[a-zđ]?|[IVXLC]+)\b)?",
    re.IGNORECASE,
)
# a question that asks what an attachment is called, which the document's list of its
# attachments answers: "Mẫu số 9 là mẫu gì", "Phụ lục I quy định danh mục gì"
_ASKS_NAME = re.compile(r"\b(?:gì|tên là|tên gọi|tên)\s*\??\s*$", re.IGNORECASE)
# a section element that is only a label ("Khoản 2", "Điểm a"), not a titled heading
_BARE_LABEL = re.compile(r"(?:Điều|Khoản|Điểm|Mục|Chương|Phần)\s+[\w.]+\.?")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the bot found for a question, before judging and composing."""

    query: Query
    prepared: PreparedQuery
    items: tuple[Concept, ...]  # the question's concepts
    topic: tuple[Concept, ...]  # ... without the places, years and documents that scope it
    hits: tuple[Hit, ...]
    units: tuple[Unit, ...]  # candidate answers, best first


class Bot:
    def __init__(self, index, mode: str = "hybrid", generator=None, judge=judge):
        self.index = index
        self.mode = mode
        self.generator = generator
        self.judge = judge  # features -> Verdict; calibration passes one that always answers
        self._idf: dict[str, float] | None = None
        self._metas: dict[str, DocumentMeta] | None = None
        self._by_id: dict[str, Passage] | None = None
        self._leads: dict[tuple[str, str], str] | None = None
        self._pairs: dict[str, float] | None = None
        self._doc_texts: dict[str, str] | None = None
        self._by_section: dict[tuple[str, tuple[str, ...]], list[Passage]] | None = None

    # -- derived once per index ------------------------------------------------------------
    @property
    def idf(self) -> dict[str, float]:
        if self._idf is None:
            self._idf = idf_table(self.index.tokens)
        return self._idf

    @property
    def metas(self) -> dict[str, DocumentMeta]:
        if self._metas is None:
            self._metas = {d.meta.doc_id: _with_region(d.meta) for d in self.index.corpus.documents}
        return self._metas

    @property
    def regions(self) -> frozenset[str]:
        """The provinces and cities the documents govern."""
        return frozenset(m.region for m in self.metas.values() if m.region)

    @property
    def pairs(self) -> dict[str, float]:
        """Adjacent syllable pairs the corpus uses (texts and headings), each with its weight."""
        if self._pairs is None:
            passages = self.index.passages
            self._pairs = corpus_pairs(
                [*(p.text for p in passages), *(p.section_str for p in passages)]
            )
        return self._pairs

    def warm_up(self) -> None:
        """Derive the tables the bot reads from its index (word weights, pairs, documents'
        texts) and answer one question, so the first visitor does not wait for them."""
        _ = self.idf, self.pairs, self.regions
        self._names_held(understand("phường Hoàn Kiếm"), self.index.passages[0])
        self.ask("Nghị quyết có hiệu lực từ ngày nào?")

    def passage(self, passage_id: str) -> Passage | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.index.passages}
        return self._by_id.get(passage_id)

    # -- asking ----------------------------------------------------------------------------
    def evidence(
        self,
        question: str,
        history: Sequence[tuple[str, Answer]] = (),
        docs: Sequence[str] | None = None,
    ) -> Evidence:
        """Understand the question, retrieve, and rank every candidate unit of the hits."""
        previous = history[-1][0] if history else None
        query = self._place_initials(understand(question, previous))
        if query.followup and history and not docs:
            cited = history[-1][1].citations
            docs = [cited[0].doc_id] if cited else None
        prepared = self.index.prepare(query.retrieval)
        weights = doc_weights(query, self.metas.values())
        hits = self._search(query.retrieval, prepared, docs=docs, weights=weights)
        if hits:
            hits = self._with_named_part(query, self._with_kind_passages(query, hits))
            if query.followup and history:
                hits = self._with_previous(history[-1][1], hits)
        items = self._concepts(query, prepared)
        topic = topic_of(query, items, self.regions)
        units = rank_units(query, items, hits, self.metas, topic, self.pairs) if hits else []
        if query.wants_figure and units and not any(u.value for u in units[:3]):
            # no figure among the best: read deeper, where a table of figures may stand
            deeper = self._search(query.retrieval, prepared, docs=docs, weights=weights, k=K_DEEP)
            extra = [h for h in deeper if h.passage.id not in {x.passage.id for x in hits}]
            if extra:
                hits = [*hits, *extra]
                units = rank_units(query, items, hits, self.metas, topic, self.pairs)
        return Evidence(query, prepared, tuple(items), tuple(topic), tuple(hits), tuple(units))

    def _search(
        self,
        text: str,
        prepared: PreparedQuery,
        docs: Sequence[str] | None = None,
        weights: dict[str, float] | None = None,
        k: int = K_RETRIEVE,
    ) -> list[Hit]:
        """The passages read for a question: the best k, no table crowding the rest."""
        hits = self.index.search(
            text, k * 3, docs=docs, mode=self.mode, prepared=prepared, weights=weights
        )
        return diversify(hits, k)

    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, Answer]] = (),
        docs: Sequence[str] | None = None,
    ) -> Answer:
        found = self.evidence(question, history, docs)
        query, prepared = found.query, found.prepared
        hits, units = list(found.hits), list(found.units)
        if not units:
            return Answer(query.text, NOT_FOUND, (), 0.0, True, (), ())
        best = units[0]
        features = self._features(query, prepared, list(found.topic), best, units, hits)
        verdict = self.judge(features)
        log.debug("features %s -> %.2f", features, verdict.confidence)
        if query.compare and not query.yesno:
            compared = self._comparison(query)
            if compared is not None:
                draft, confidence = compared
                citations = tuple(self._citation(i + 1, c) for i, c in enumerate(draft.cited))
                answer = Answer(
                    query.text, draft.text, citations, confidence, False, (), tuple(hits), features
                )
                return self._generated(answer) if self.generator else answer
        about_document, fact = self._document_fact(query, best, hits)
        if fact is not None:  # a fact about the document, from its metadata: no guessing
            citations = tuple(self._citation(i + 1, c) for i, c in enumerate(fact.cited))
            shown = {c.passage.id for c in fact.cited}  # the passages cited come first
            first = [Hit(c.passage, hits[0].score, None, hits[0].dense) for c in fact.cited]
            rest = [h for h in hits if h.passage.id not in shown]
            return Answer(query.text, fact.text, citations, 1.0, False, (), (*first, *rest))
        if about_document and query.kind in _META_KINDS:  # the document does not state it
            verdict = Verdict(True, verdict.confidence, "văn bản không ghi thông tin này")
        if (
            not verdict.abstain
            and query.kind == "figure"
            and not (query.yesno or query.listing or query.compare)
            and asked_measure(query.standard)
            and not best.value
        ):  # "bao nhiêu tiền", "bao nhiêu %", "mấy năm": the evidence states no such figure
            verdict = Verdict(True, verdict.confidence, "đoạn trả lời không nêu con số được hỏi")
        if not verdict.abstain and not self._names_held(query, hits[best.rank].passage):
            # "phường Kim Long": the evidence is about that ward, not a neighbour in its table
            verdict = Verdict(
                True, verdict.confidence, "tên riêng được hỏi không có ở đoạn trả lời"
            )
        if not verdict.abstain and not (features["places"] and features["years"]):
            # a question that names a province or a year is answered only from evidence that
            # holds for it: another province's figure or another year's target is no answer
            verdict = Verdict(True, verdict.confidence, "địa danh hoặc năm được hỏi không khớp")
        if (
            not verdict.abstain
            and query.kind != "where"
            and self._points_to_missing_appendix(hits[best.rank].passage, best)
        ):  # the answer lies in an appendix the corpus does not hold: say so, never guess
            verdict = Verdict(True, verdict.confidence, "phụ lục được dẫn không có trong kho")
        missing_part = None if verdict.abstain else self._attachment_missing(query, hits)
        if missing_part:
            log.info("Abstained on %r: %s", query.text, missing_part)
            answer = self._abstain(query, hits, verdict, best, features)
            return replace(answer, text=f"{NOT_FOUND} {missing_part}", abstained=True)
        if verdict.abstain:
            log.info("Abstained on %r: %s", query.text, verdict.reason)
            return self._abstain(query, hits, verdict, best, features)
        draft = self._compose(query, prepared, list(found.topic), best, units, hits)
        citations = tuple(self._citation(i + 1, c) for i, c in enumerate(draft.cited))
        answer = Answer(
            query.text,
            draft.text,
            citations,
            verdict.confidence,
            False,
            (),
            tuple(hits),
            features,
        )
        return self._generated(answer) if self.generator else answer

    # -- steps -----------------------------------------------------------------------------
    def _place_initials(self, query: Query) -> Query:
        """ "tn", "hn", "vl": the initials of a province or city the corpus covers, typed as one
        token that is no Vietnamese word, stand for that place."""
        from dataclasses import replace

        from corpus.places import initials

        regions = {m.region for m in self.metas.values() if m.region}
        by_initials: dict[str, list[str]] = {}
        for region in regions:
            by_initials.setdefault(initials(region), []).append(region)
        speller = self.index.speller
        places = list(query.places)
        retrieval = query.retrieval
        for token in re.findall(r"[^\W\d_]+", query.retrieval):
            key = fold(token).lower()
            found = by_initials.get(key)
            if not found or len(found) > 1 or len(key) < 2 or speller.known(token):
                continue
            if found[0] not in places:
                places.append(found[0])
            retrieval = re.sub(rf"(?<!\w){re.escape(token)}(?!\w)", found[0], retrieval)
        if retrieval == query.retrieval:
            return query
        return replace(query, places=tuple(places), retrieval=retrieval)

    def _concepts(self, query: Query, prepared: PreparedQuery) -> list[Concept]:
        """What the question asks about. An English question is read through its Vietnamese
        policy terms, its numbers and the places it names: the rest of its words are English
        that no Vietnamese passage uses, which says nothing about whether one answers."""
        if prepared.english:
            numbers = re.findall(r"\d+(?:[.,]\d+)*", prepared.text)
            text = " ".join([prepared.restored if prepared.restored != prepared.text else "",
                             *query.places, *numbers])  # fmt: skip
            return concepts(text, self.idf)
        text = prepared.restored.split(" (", 1)[0]
        terms = official_terms(text)
        return concepts(text, self.idf, extra=[terms] if terms else [])

    def _features(
        self,
        query: Query,
        prepared: PreparedQuery,
        items: list[Concept],
        best: Unit,
        units: list[Unit],
        hits: list[Hit],
    ) -> dict[str, float]:
        """What the judge reads of the chosen evidence (see bot/judge.py)."""
        hit = hits[best.rank]
        p = hit.passage
        meta = self.metas.get(p.doc_id)
        context = passage_context(p, meta)
        near = syllable_set(" ".join([best.text, best.heading, context]))
        total = sum(c.weight for c in items) or 1.0
        top_weight = max(self.idf.values(), default=1.0)
        unknown = sum(
            c.weight
            for c in items
            if not any(w in self.idf for a in c.alternatives for w in plain_words(a))
        )
        top = max(items, key=lambda c: c.weight, default=None)
        other = next((u for u in units if hits[u.rank].passage.id != p.id), None)
        return {
            "covered": best.covered,
            "own": best.own,
            "dense": hit.dense if hit.dense is not None else 0.8,
            "unit_dense": self._unit_dense(prepared, best, hit, meta),
            "missing": max((c.weight for c in missing(items, near)), default=0.0) / top_weight,
            "unknown": unknown / total,
            "top_missing": float(top is not None and not top.found_in(near)),
            "pairs": (best.features or {}).get("pairs", 0.0),
            "named": (best.features or {}).get("named", 0.0),
            "unheard": 0.0 if prepared.english else min(len(self._unheard(prepared)), 2) / 2,
            "value": float(self._has_value(query, best, meta)),
            "places": float(self._places_held(query, meta, " ".join([p.text, context]))),
            "years": float(self._years_covered(query, p, meta, context)),
            "margin": min(best.score - other.score, 5.0) if other else 5.0,
            "rank": float(best.rank),
            "english": float(prepared.english),
        }

    def _names_held(self, query: Query, p: Passage) -> bool:
        """Every proper name the question gives a commune, ward, temple, school or office
        ("phường Kim Long", "đền Bạch Mã") is in the document the evidence comes from."""
        names = named_entities(query.text)
        if not names:
            return True
        if self._doc_texts is None:
            texts: dict[str, list[str]] = {}
            for q in self.index.passages:
                texts.setdefault(q.doc_id, []).append(f"{q.section_str} {q.text}")
            self._doc_texts = {
                d: " ".join(_fold_long(" ".join(t)).lower().split()) for d, t in texts.items()
            }
        meta = self.metas.get(p.doc_id)
        where = self._doc_texts.get(p.doc_id, "") + " " + fold(meta.title if meta else "").lower()
        return all(" ".join(fold(n).lower().split()) in where for n in names)

    @staticmethod
    def _places_held(query: Query, meta: DocumentMeta | None, text: str) -> bool:
        """The evidence holds for the places asked: every one, or, when the question names
        several to be answered each ("giữa Huế và Vĩnh Long"), at least one of them."""
        if len(query.places) < 2:
            return places_covered(query, meta, text)
        from dataclasses import replace as with_places

        return any(
            places_covered(with_places(query, places=(p,)), meta, text) for p in query.places
        )

    def _unheard(self, prepared: PreparedQuery) -> list[str]:
        return unheard(prepared.restored.split(" (", 1)[0], self.pairs)

    def _unit_dense(
        self, prepared: PreparedQuery, best: Unit, hit: Hit, meta: DocumentMeta | None
    ) -> float:
        """How close the model finds the question and the chosen clause (under its nearest
        heading), which a paraphrase keeps and a near miss loses. A clause that is its whole
        passage (a table row, a one-sentence clause) has its passage's cosine already."""
        if self.mode == "bm25":
            return 0.8
        p = hit.passage
        clause = compose.clause_of(best, p)
        if hit.dense is not None and len(clause) >= 0.9 * len(p.text.strip()):
            return hit.dense
        heading = (p.section[-1] if p.section else (meta.title if meta else ""))[:MAX_FRAME_CHARS]
        clause = clause[:MAX_CLAUSE_CHARS]  # the model reads a short text faster
        vector = _clause_vector(self.index.embedder, f"{heading}\n{clause}" if heading else clause)
        return float(vector @ self.index.query_vector(prepared.dense_text))

    @staticmethod
    def _has_value(query: Query, best: Unit, meta: DocumentMeta | None) -> bool:
        """Does the evidence hold what the question asks for: a figure, a date, a name; for a
        fact about the document (signer, number, issuer ...), does the document state it."""
        if query.kind in _META_KINDS:
            field = {"position": "signer", "amends": "amends"}.get(query.kind, query.kind)
            return meta is not None and bool(getattr(meta, field, None))
        if query.kind in ("figure", "date", "effective", "session"):
            return bool(best.value)
        return True

    def _years_covered(
        self, query: Query, p: Passage, meta: DocumentMeta | None, context: str
    ) -> bool:
        if not query.years:
            return True
        article = self._article_lead(p)
        dates = [meta.date or "", meta.effective or ""] if meta else []
        known = " ".join([p.text, context, article, *dates])
        flat = re.sub(r"\s*[-–]\s*", "-", known)
        return all(y in flat or y.split("-")[0] in flat for y in query.years)

    def _article_lead(self, p: Passage) -> str:
        """The opening passage of the passage's article, which scopes every passage under it
        ("Điều 2. Thông qua mục tiêu ... năm 2023")."""
        if self._leads is None:
            leads: dict[tuple[str, str], str] = {}
            for other in self.index.passages:
                if other.article and other.kind == "content":
                    leads.setdefault((other.doc_id, other.article), other.text)
            self._leads = leads
        return self._leads.get((p.doc_id, p.article or ""), "")

    def _compose(
        self,
        query: Query,
        prepared: PreparedQuery,
        items: list[Concept],
        best: Unit,
        units: list[Unit],
        hits: list[Hit],
    ) -> compose.Draft:
        hit = hits[best.rank]
        p = hit.passage
        meta = self.metas.get(p.doc_id)
        cited = compose.Cited(p, (best.start, best.end), hit.score)
        if query.yesno:
            asked = frozenset(w for c in items for alt in c.alternatives for w in plain_words(alt))
            return compose.Draft(compose.yesno_answer(query, best, p, asked), (cited,))
        # a list, unless one item names what is asked far better than its siblings do: "phường
        # Bắc Kạn được lập từ những đơn vị nào" is answered by the one clause about Bắc Kạn
        which = bool(_WHICH.search(fold(query.standard).lower()))
        if (
            query.listing
            and not query.wants_figure
            and not (which and self._one_item(best, units, hits))
        ):
            return self._list(query, items, best, hits)
        if query.kind in ("figure", "effective", "date") or query.compare:
            several = self._by_place(query, prepared, items, best, units, hits)
            if several:
                return several
        if query.compare:  # the sides were not found apart (see ask): the best figure alone
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        if query.kind == "figure":
            rows = self._sibling_rows(query, best, units, hits)
            if rows:
                return rows
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        if query.kind == "other" and compose.leads_with_figure(best, p):
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        return compose.Draft(compose.value_answer(best, p), (cited,))

    def _document_fact(
        self, query: Query, best: Unit, hits: list[Hit]
    ) -> tuple[bool, compose.Draft | None]:
        """(does the question ask a fact about the document itself: who signed it, its number,
        issuer, session, date, what it amends; the answer from its metadata, if it states it)."""
        p = hits[best.rank].passage
        meta = self.metas.get(p.doc_id)
        about_this = meta is not None and (
            not query.numbers or any(_same_number(n, meta.number) for n in query.numbers)
        )  # a question naming another document's number asks about that one
        typed = query.standard.lower()
        accented = fold(typed) != typed
        asked = typed if accented else fold(typed)
        cue = _DOCUMENT_DATE if query.kind == "date" else _ABOUT_DOCUMENT
        if (
            not about_this
            or query.yesno
            or not (
                query.kind in _META_KINDS
                or (
                    query.kind in ("date", "effective")
                    and cue[0 if accented else 1].search(asked)
                    and not _UNTIL.search(fold(typed))
                )
            )
        ):
            return False, None
        return True, self._meta_answer(query, meta, best, p)

    def _meta_answer(
        self, query: Query, meta: DocumentMeta | None, best: Unit, p: Passage
    ) -> compose.Draft | None:
        """A fact about the document itself (who signed, its number, issuer, session, date,
        what it amends), from its metadata, cited where the document states it."""
        if meta is None:
            return None
        own = [q for q in self.index.passages if q.doc_id == meta.doc_id]
        if query.kind == "position":
            block = next((q for q in own if q.kind == "signature"), None)
            if block is None:
                return None
            cited = compose.Cited(block, (0, len(block.text)), 0.0)
            return compose.Draft(f"{block.text} [1]", (cited,))
        value = {
            "signer": meta.signer,
            "number": meta.number,
            "issuer": meta.issuer,
            "session": meta.session,
            "date": _date_words(meta.date),
            "effective": _date_words(meta.effective),
            "amends": ", ".join(meta.amends) if meta.amends else None,
        }.get(query.kind)
        if not value:
            return None
        needles = [value]
        if query.kind in ("date", "effective"):
            needles = _date_forms(meta.date if query.kind == "date" else meta.effective)
        if query.kind == "amends":
            needles = list(meta.amends)
        if query.kind == "effective":  # the clause that says when it takes effect
            stated = next(
                (q for q in own if q.kind == "content" and _TAKES_EFFECT.search(q.text)), None
            )
            if stated is not None:
                from bot.candidates import clauses

                span = next(
                    (
                        (a, b)
                        for a, b in clauses(stated.text)
                        if _TAKES_EFFECT.search(stated.text[a:b])
                    ),
                    (0, len(stated.text)),
                )
                line = stated.text[span[0] : span[1]].strip()
                return compose.Draft(f"{value} — {line} [1]", (compose.Cited(stated, span, 0.0),))
        order = {"heading": 0, "signature": 0, "content": 1}
        for q in sorted(own, key=lambda q: order.get(q.kind, 2)):
            at = next(((q.text.find(n), n) for n in needles if n and n in q.text), None)
            if at is None:
                continue
            start = q.text.rfind("\n", 0, at[0]) + 1
            end = q.text.find("\n", at[0])
            end = len(q.text) if end < 0 else end
            line = q.text[start:end].strip()
            text = f"{value} — {line} [1]" if line != value else f"{value} [1]"
            return compose.Draft(text, (compose.Cited(q, (start, end), 0.0),))
        heading = next((q for q in own if q.kind == "heading"), p)
        text = f"{value} — {compose.where(meta)} [1]"
        return compose.Draft(text, (compose.Cited(heading, None, 0.0),))

    def _one_item(self, best: Unit, units: list[Unit], hits: list[Hit]) -> bool:
        """A "which ..." question answered by one item of a list: the best item names what was
        asked far better than its siblings do."""
        p = hits[best.rank].passage
        siblings = [
            u.own for u in units if hits[u.rank].passage.section == p.section and u is not best
        ]
        if not siblings:
            return False
        typical = sorted(siblings)[len(siblings) // 2]
        return best.own >= 0.5 and best.own - typical >= 0.3

    def _list(
        self, query: Query, items: list[Concept], best: Unit, hits: list[Hit]
    ) -> compose.Draft:
        """The items under the heading that best names what is asked ("c) Các chỉ tiêu về môi
        trường", or a lead-in line "- Chỉ tiêu về văn hóa:"), each cited."""
        heading, entries, named = self._list_entries(items, best, hits)
        p = hits[best.rank].passage
        # one clause that names what is asked better than any heading does is the answer
        # itself ("... các xã Phúc Chu, Bảo Linh, Đồng Thịnh thành xã mới ... xã Định Hóa")
        item = best.text.rstrip().endswith(":") or bool(_lead_of(best, p))
        if len(entries) <= 1 or (not item and best.own >= max(named + 0.2, 0.8)):
            return compose.Draft(compose.value_answer(best, p), (compose.Cited(p, None, 0.0),))
        cited: list[compose.Cited] = []
        numbered: list[tuple[str, int]] = []
        for line, q, span in entries:
            known = next((i for i, c in enumerate(cited) if c.passage.id == q.id), None)
            if known is None and len(cited) < compose.MAX_ITEMS:
                cited.append(compose.Cited(q, span, 0.0))
                known = len(cited) - 1
            numbered.append((line, (known if known is not None else len(cited) - 1) + 1))
        return compose.Draft(compose.list_answer(heading, numbered), tuple(cited))

    def _list_entries(
        self, items: list[Concept], best: Unit, hits: list[Hit]
    ) -> tuple[str, list[tuple[str, Passage, tuple[int, int]]], float]:
        from bot.concepts import coverage

        choices = []  # (coverage, retrieval order, heading text, passage, section depth or line)
        for order, h in enumerate(hits):
            p = h.passage
            for depth in range(1, len(p.section) + 1):
                title = p.section[depth - 1]
                cov = coverage(items, syllable_set(title), frozenset())
                choices.append((cov, -order, depth, title, p, None))
            for line in p.text.split("\n"):
                if line.rstrip().endswith(":") and "\n" in p.text:
                    cov = coverage(items, syllable_set(line), frozenset())
                    choices.append((cov, -order, 99, line, p, line))
        if not choices:
            return "", [], 0.0
        cov, _, depth, title, p, line = max(choices, key=lambda c: (c[0], c[1], c[2]))
        if cov < MIN_HEADING_COVERAGE:  # no heading names what is asked: the best passage's lines
            p = hits[best.rank].passage
            lines = [x for x in p.text.split("\n") if x.strip()]
            title = lines[0] if lines and lines[0].rstrip().endswith(":") else ""
            if title:
                return title, self._items_after(title, p), cov
            entries = []
            for item in lines:
                at = p.text.find(item)
                entries.append((item, p, (at, at + len(item))))
            return title, entries, cov
        if line is not None:  # the items after a lead-in line of the passage
            return title, self._items_after(line, p), cov
        prefix = p.section[:depth]
        under = [
            q
            for q in self.index.passages
            if q.doc_id == p.doc_id and q.section[:depth] == prefix and q.kind in ("content", "row")
        ]
        children = list(dict.fromkeys(q.section[depth] for q in under if len(q.section) > depth))
        if len(children) >= 2:  # one item per sub-heading; "Khoản 2" by its opening line
            entries = []
            for child in children:
                first = next(
                    q for q in under if len(q.section) > depth and q.section[depth] == child
                )
                if _BARE_LABEL.fullmatch(child):
                    line = first.text.split("\n", 1)[0]
                    entries.append((line, first, (0, len(line))))
                else:
                    entries.append((child, first, (0, 0)))
            return title, entries, cov
        entries = []
        for q in under:
            offset = 0
            for item in q.text.split("\n"):
                at = q.text.find(item, offset)
                offset = at + len(item)
                if item.strip() and not (item.rstrip().endswith(":") and len(under) > 1):
                    entries.append((item, q, (at, at + len(item))))
        return title, _top_level(entries), cov

    def _items_after(self, line: str, p: Passage) -> list[tuple[str, Passage, tuple[int, int]]]:
        """The items after a lead-in line ("... trong các trường hợp sau:"), in every passage
        of its section that repeats it (a long clause is cut into passages, each with its
        lead-in), in document order."""
        if self._by_section is None:
            by_section: dict[tuple[str, tuple[str, ...]], list[Passage]] = {}
            for q in self.index.passages:
                by_section.setdefault((q.doc_id, q.section), []).append(q)
            self._by_section = by_section
        entries: list[tuple[str, Passage, tuple[int, int]]] = []
        for q in self._by_section.get((p.doc_id, p.section), [p]):
            if line not in q.text:
                continue
            start = q.text.find(line) + len(line)
            for item in q.text[start:].split("\n"):
                if item.strip():
                    at = q.text.find(item, start)
                    entries.append((item, q, (at, at + len(item))))
        return _top_level(entries)

    def _comparison(self, query: Query) -> tuple[compose.Draft, float] | None:
        """Each side's figure, found as if it were asked alone ("BHYT hay BHXH": the BHYT
        figure, then the BHXH one), each with its label and citation, and the confidence of
        the weaker side; None when a side is not found or the judge doubts it."""
        from dataclasses import replace

        from bot.understand import side_questions

        sides = side_questions(query.standard)
        if sides is None:
            return None
        parts, cited, confidences = [], [], []
        for n, side in enumerate(sides[:2], start=1):
            q = replace(self._place_initials(understand(side)), compare=False, yesno=False)
            if q.kind not in ("figure", "effective", "date"):
                q = replace(q, kind="figure")
            prepared = self.index.prepare(q.retrieval)
            hits = self._search(q.retrieval, prepared, weights=doc_weights(q, self.metas.values()))
            items = self._concepts(q, prepared)
            units = rank_units(
                q, items, hits, self.metas, topic_of(q, items, self.regions), self.pairs
            )
            chosen = next(
                (
                    u
                    for u in units
                    if u.value
                    and all(
                        c.passage.id != hits[u.rank].passage.id or c.span != (u.start, u.end)
                        for c in cited
                    )
                ),
                None,
            )
            if chosen is None:
                return None
            features = self._features(
                q, prepared, topic_of(q, items, self.regions), chosen, units, hits
            )
            verdict = self.judge(features)
            if verdict.abstain or not (features["places"] and features["years"]):
                return None
            confidences.append(verdict.confidence)
            p = hits[chosen.rank].passage
            parts.append((chosen.value or "", compose.clause_of(chosen, p), n))
            cited.append(compose.Cited(p, (chosen.start, chosen.end), hits[chosen.rank].score))
        return compose.Draft(compose.compare_answer(parts), tuple(cited)), min(confidences)

    def _sibling_rows(
        self, query: Query, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """A table cell whose neighbours in the same column answer the question as well (the
        question names none of the rows: "học phí mầm non ở Huế" over Đô thị, Nông thôn and
        Miền núi): each row's figure, labelled and cited."""
        p = hits[best.rank].passage
        if p.kind not in ("row", "table") or not best.value:
            return None

        def table_of(q: Passage) -> str:
            return q.id.rsplit("/row-", 1)[0] if q.kind == "row" else q.id

        def label_of(u: Unit) -> str:
            return u.text.rsplit(" — ", 1)[0].strip(" —")

        table = table_of(p)
        siblings: list[Unit] = []
        for u in units:
            q = hits[u.rank].passage
            if (
                u is not best
                and u.value
                and q.kind in ("row", "table")
                and table_of(q) == table
                and u.heading == best.heading
                and label_of(u) not in {label_of(v) for v in [best, *siblings]}
            ):
                siblings.append(u)
        if not siblings:
            return None

        def own_words(u: Unit) -> set[str]:
            return set(syllables(label_of(u).split(" — ")[-1])) - STOPWORDS

        others = set().union(*(own_words(u) for u in siblings))
        distinct = own_words(best) - others  # "tiểu" of "Tiểu học" beside "Trung học cơ sở"
        named = bool(distinct & set(syllables(query.standard)))
        close = [u for u in siblings if u.score >= best.score - ranker.NEAR]
        if named and not close:
            return None  # the question names the row ("khu vực nông thôn"): that row alone
        picked = [best, *(close if named else siblings)]
        if len(picked) < 2:
            return None
        if len(picked) < 2:
            return None
        lines, cited = [], []
        for n, u in enumerate(picked[:MAX_SIBLING_ROWS], start=1):
            q = hits[u.rank].passage
            column = u.text.rsplit(" — ", 1)[-1].rpartition(":")[0].strip()
            lines.append(f"{u.value} — {label_of(u)}{f' ({column})' if column else ''} [{n}]")
            cited.append(compose.Cited(q, (u.start, u.end), hits[u.rank].score))
        meta = self.metas.get(p.doc_id)
        if meta is not None:
            lines.append(f"({compose.where(meta)})")
        return compose.Draft("\n".join(lines), tuple(cited))

    def _by_place(
        self,
        query: Query,
        prepared: PreparedQuery,
        items: list[Concept],
        best: Unit,
        units: list[Unit],
        hits: list[Hit],
    ) -> compose.Draft | None:
        """One answer per province, named: when the question names several ("giữa Huế và Vĩnh
        Long"), or names none and documents of several provinces answer alike ("học phí mầm
        non" with Huế and Vĩnh Long in the corpus)."""
        per_place: dict[str, tuple[Unit, Hit]] = {}
        if len(query.places) >= 2:
            for place in query.places:
                found = self._best_in_place(query, prepared, items, place)
                if found is not None:
                    per_place[place] = found
        elif not query.places:
            first = self.metas.get(hits[best.rank].passage.doc_id)
            if first is None or not first.region:
                return None
            per_place[first.region] = (best, hits[best.rank])
            for u in units:
                meta = self.metas.get(hits[u.rank].passage.doc_id)
                if not u.value or meta is None or not meta.region or meta.region in per_place:
                    continue
                if u.covered >= best.covered - 0.05 and u.score >= best.score - ranker.NEAR:
                    per_place[meta.region] = (u, hits[u.rank])
        if len(per_place) < 2:
            return None
        lines, cited = [], []
        for n, (place, (u, hit)) in enumerate(per_place.items(), start=1):
            p = hit.passage
            meta = self.metas.get(p.doc_id)
            if query.kind == "figure":
                text = compose.figure_answer(query, u, p, meta)
            else:
                text = compose.value_answer(u, p)
            lines.append((place, text.replace("[1]", f"[{n}]")))
            cited.append(compose.Cited(p, (u.start, u.end), hit.score))
        return compose.Draft(compose.places_answer(lines), tuple(cited))

    def _best_in_place(
        self, query: Query, prepared: PreparedQuery, items: list[Concept], place: str
    ) -> tuple[Unit, Hit] | None:
        """The best evidence with a value among the documents of one province."""
        from corpus.places import same_place

        docs = [m.doc_id for m in self.metas.values() if m.region and same_place(m.region, place)]
        if not docs:
            return None
        hits = self._search(query.retrieval, prepared, docs=docs)
        units = rank_units(
            query, items, hits, self.metas, topic_of(query, items, self.regions), self.pairs
        )
        units = [u for u in units if u.value]
        return (units[0], hits[units[0].rank]) if units else None

    def _abstain(
        self, query: Query, hits: list[Hit], verdict: Verdict, best: Unit, features: dict
    ) -> Answer:
        related = tuple(
            self._citation(i + 1, compose.Cited(h.passage, None, h.score))
            for i, h in enumerate(hits[:K_RELATED])
        )
        text = NOT_FOUND
        appendix = self._missing_appendix(hits[best.rank].passage)
        if appendix:
            text = f"{NOT_FOUND} {appendix}"
        else:
            text = f"{NOT_FOUND} {self._closest_documents(hits)}"
        return Answer(
            query.text, text, (), verdict.confidence, True, related, tuple(hits), features
        )

    def _closest_documents(self, hits: list[Hit]) -> str:
        """What the corpus does cover near the question: the documents of the closest passages."""
        docs = list(dict.fromkeys(h.passage.doc_id for h in hits[:K_RELATED]))[:2]
        named = []
        for doc_id in docs:
            meta = self.metas.get(doc_id)
            if meta is None:
                continue
            title = meta.title or ""
            if meta.kind and title.lower().startswith(meta.kind.lower()):
                title = title[len(meta.kind) :].strip()  # "Nghị quyết về ..." -> "về ..."
            subject = _short(title, 90)
            named.append(f"{compose.where(meta)}{f' ({subject})' if subject else ''}")
        if not named:
            return ""
        return f"Văn bản gần nhất với câu hỏi: {'; '.join(named)}."

    def _points_to_missing_appendix(self, p: Passage, best: Unit) -> bool:
        if p.kind != "content" or not _SENDS_TO_APPENDIX.search(best.text):
            return False
        return self._missing_appendix(p) is not None

    def _attachment_missing(self, query: Query, hits: list[Hit]) -> str | None:
        """A question about the content of an attachment (an appendix, a form, a fee schedule)
        that the document it names or that answers does not hold: say so, never guess."""
        asked = list(_ATTACHMENT.finditer(query.standard))
        if not asked or _ASKS_NAME.search(query.standard) or not hits:
            return None
        doc = self.index.corpus.document(hits[0].passage.doc_id)
        titles = [f"{h.label} {h.title}".lower() for h in doc.toc]
        sections = {" ".join(p.section).lower() for p in doc.passages}
        for m in asked:
            number = m.group(1)
            if number is None:  # "trong các phụ lục": any attachment of the document
                if any(h.level == "phuluc" or _APPENDIX.match(h.title) for h in doc.toc):
                    return None
                continue
            word = m.group(0)[: m.start(1) - m.start(0)].strip().lower()
            key = rf"\b{re.escape(word)}\s+(?:số\s+)?0*{re.escape(number.lstrip('0') or '0')}\b"
            if any(re.search(key, t) for t in titles) or any(re.search(key, s) for s in sections):
                return None
        return (
            f"Phần được hỏi ({asked[0].group(0)}) của {compose.where(doc.meta)} "
            "không có trong kho văn bản."
        )

    def _missing_appendix(self, p: Passage) -> str | None:
        """When the closest passage sends the reader to an appendix the corpus does not hold,
        say so instead of guessing."""
        if not _SENDS_TO_APPENDIX.search(p.text):
            return None
        doc = self.index.corpus.document(p.doc_id)
        if any(h.level == "phuluc" or _APPENDIX.match(h.title) for h in doc.toc):
            return None
        meta = doc.meta
        return (
            f"Đoạn gần nhất dẫn tới phụ lục của {compose.where(meta)}, "
            "nhưng phụ lục đó không có trong kho văn bản."
        )

    def _with_kind_passages(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """Signer questions read the signature block, "căn cứ" questions the preamble and
        metadata questions the title block, which retrieval ranks low on purpose."""
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

    def _with_named_part(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """A question naming "Điều 5", "Phụ lục I" or "Mẫu số 03" reads that part of the
        document first (of the first retrieved document that has it)."""
        named = [(kind.lower(), key.upper()) for kind, key in _NAMED_PART.findall(query.standard)]
        if not named or not hits:
            return hits

        def label_number(text: str) -> str:
            return text.lstrip("0") or "0" if text.isdigit() else text

        def in_part(p: Passage) -> bool:
            for kind, key in named:
                for element in p.section:
                    m = _NAMED_PART.match(element)
                    if (
                        m
                        and m.group(1).lower() == kind
                        and label_number(m.group(2).upper()) == label_number(key)
                    ):
                        return True
                if kind == "mẫu số" and re.match(rf"(?i)mẫu số\s+0*{label_number(key)}\b", p.text):
                    return True
            return False

        for doc_id in dict.fromkeys(h.passage.doc_id for h in hits):
            inside = [p for p in self.index.passages if p.doc_id == doc_id and in_part(p)]
            if inside:
                found = [Hit(p, hits[0].score, None, hits[0].dense) for p in inside[:3]]
                ids = {p.id for p in inside[:3]}
                return [*found, *[h for h in hits if h.passage.id not in ids]][: K_RETRIEVE + 3]
        return hits

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

    def _citation(self, n: int, cited: compose.Cited) -> Citation:
        p = cited.passage
        meta = self.metas.get(p.doc_id)
        return Citation(
            n=n,
            doc_id=p.doc_id,
            doc_title=meta.title if meta else p.doc_id,
            doc_number=meta.number if meta else None,
            section=p.section_str,
            article=p.article,
            text=p.text,
            span=cited.span,
            score=cited.score,
            passage_id=p.id,
        )

    def _generated(self, answer: Answer) -> Answer:
        """Let the optional language model phrase the answer; fall back to the extractive one."""
        passages = [(c.n, f"{c.doc_title} › {c.section}", c.text) for c in answer.citations]
        result = self.generator.generate(answer.question, passages)
        if result is None:
            return answer
        cited = set(result.cited)
        citations = tuple(c for c in answer.citations if c.n in cited) or answer.citations
        return Answer(
            answer.question, result.text, citations, answer.confidence, False, (), answer.hits
        )


@lru_cache(maxsize=4096)
def _clause_cached(embedder, text: str):
    return embedder.encode([text], kind="passage")[0]


def _clause_vector(embedder, text: str):
    """A clause's vector; clauses recur across questions, so the last few thousand are kept."""
    return _clause_cached(embedder, text)


def _lead_of(unit: Unit, p: Passage) -> str:
    """The lead-in line ("... như sau:") a unit of a passage stands under, if any."""
    first = p.text.split("\n", 1)[0]
    return first if unit.start > len(first) and first.rstrip().endswith(":") else ""


# "những đơn vị nào", "xã nào": which ones, that one item may answer (not "làm gì", "gồm gì")
_WHICH = re.compile(r"\bnao\b")
# the words that introduce a proper name of a place or body: "phường Kim Long", "đền Bạch Mã"
_NAMED = re.compile(
    r"\b(?:xã|phường|thị trấn|thị xã|huyện|quận|thôn|bản|đền|chùa|đình|miếu|trường|bệnh viện|"
    r"cục|sở)\s+",
    re.IGNORECASE,
)


def named_entities(question: str) -> list[str]:
    """Proper names the question gives places and bodies, as typed: the capitalized words
    (and a number, "A Lưới 2") after the word that says what they name."""
    out = []
    for m in _NAMED.finditer(question):
        words = []
        for word in question[m.end() :].split():
            bare = word.strip(",.;:?!()")
            if word[:1] in "(\"'“" or not bare:  # an aside opens: the name has ended
                break
            if not (bare[0].isupper() or (bare.isdigit() and len(bare) <= 3)):
                break
            words.append(bare)
            if bare != word:  # punctuation ends the name
                break
        if words and words[0][0].isupper() and not (len(words) == 1 and len(words[0]) == 1):
            out.append(" ".join(words))
    return out


_OUTER_FIRST = ("roman", "arabic", "letter", "text", "dash", "plus")


def _top_level(
    entries: list[tuple[str, Passage, tuple[int, int]]],
) -> list[tuple[str, Passage, tuple[int, int]]]:
    """The outermost items of a list, each once: "1.", "2." without their "a)", "b)" and
    bullets (a passage that repeats its lead-in repeats nothing here)."""
    from corpus.lines import classify

    levels = [classify(text.strip()).level for text, _, _ in entries]
    outer = min(
        levels, key=lambda lv: _OUTER_FIRST.index(lv) if lv in _OUTER_FIRST else 9, default=""
    )
    seen: set[str] = set()
    out = []
    for (text, q, span), level in zip(entries, levels, strict=True):
        key = " ".join(text.split())
        if level == outer and key not in seen:
            seen.add(key)
            out.append((text, q, span))
    return out


def _fold_long(text: str) -> str:
    """fold() for a whole document: not kept in fold's cache of short strings."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def diversify(hits: list[Hit], k: int, per_table: int = MAX_ROWS_PER_TABLE) -> list[Hit]:
    """The k best hits with at most `per_table` rows of any one table: the rows of a long
    list share its caption and crowd out the passage that answers ("Phân loại địa bàn ... —
    Xã A Lưới 5" thirty times over the row of fees)."""
    seen: dict[str, int] = {}
    kept, rest = [], []
    for h in hits:
        table = h.passage.id.rsplit("/row-", 1)[0] if h.passage.kind == "row" else None
        if table is not None:
            seen[table] = seen.get(table, 0) + 1
            if seen[table] > per_table:
                rest.append(h)
                continue
        kept.append(h)
    return (kept + rest)[:k] if len(kept) < k else kept[:k]


def topic_of(
    query: Query, items: list[Concept], regions: Iterable[str] | None = None
) -> list[Concept]:
    """The concepts a question is about, without those that only scope it: the places, years,
    document types and numbers it names (steering and the place and year checks read those).
    A place no document governs ("phường Bắc Kạn" in a corpus without the province) is what
    the question is about, not its scope; `regions` are the places the documents govern."""
    from corpus.places import same_place

    places = query.places
    if regions is not None:
        places = tuple(p for p in places if any(same_place(p, r) for r in regions))
    scope: set[str] = set()
    for name in (*places, *query.years, *query.numbers, *query.doc_kinds):
        scope.update(syllables(name.replace("-", " ")))
    if not scope:
        return items
    return [c for c in items if not plain_words(c.alternatives[0]) <= scope]


def _same_number(asked: str, number: str | None) -> bool:
    """ "63" or "63/2025/NQ-HĐND" names the document numbered "63/2025/NQ-HĐND"."""
    if not number:
        return False
    a = re.sub(r"\s+", "", asked).lower()
    n = re.sub(r"\s+", "", number).lower()
    return a == n or n.startswith(a + "/") or a.startswith(n)


def _date_forms(iso: str | None) -> list[str]:
    """The ways a document writes a date: "ngày 08 tháng 12 năm 2022", "08/12/2022" ..."""
    if not iso:
        return []
    year, month, day = (int(x) for x in iso.split("-"))
    days = {f"{day:02d}", str(day)}
    months = {f"{month:02d}", str(month)}
    forms = [f"ngày {d} tháng {m} năm {year}" for d in days for m in months]
    forms += [f"{d}/{m}/{year}" for d in days for m in months]
    return forms


def _with_region(meta: DocumentMeta) -> DocumentMeta:
    """A document whose metadata names no region gets the province its issuer names
    ("Hội đồng nhân dân tỉnh Thái Nguyên" -> "Thái Nguyên")."""
    if meta.region or not meta.issuer:
        return meta
    from dataclasses import replace

    from corpus.places import find_places

    places = find_places(meta.issuer)
    return replace(meta, region=places[0]) if places else meta


def _date_words(iso: str | None) -> str | None:
    """ "2022-12-08" -> "ngày 08 tháng 12 năm 2022 (08/12/2022)": days below 10 and the months
    1 and 2 take a leading zero, as administrative documents write them."""
    if not iso:
        return None
    year, month, day = (int(x) for x in iso.split("-"))
    words_month = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày {day:02d} tháng {words_month} năm {year} ({day:02d}/{month:02d}/{year})"
