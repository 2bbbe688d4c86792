"""The Bot: a question (and the conversation so far) -> an Answer with its citations.

understand -> retrieve (steered by what the question names) -> rank the candidate clauses and
cells -> judge -> compose. This module wires the steps; each lives in its own module
(understand, steer, retrieval, candidates, ranker, features, judge, checks, facts, lists,
sides, compose), the Bot's parts as mixins over one index."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from bot import compose, ranker
from bot.checks import (
    Checks,
    deputy_missing,
    now_asked_of_a_target,
    one_dash,
    other_area,
    other_household,
    other_school_level,
)
from bot.claims import (
    DateClaim,
    PlaceClaim,
    SessionClaim,
    date_claim,
    other_place,
    place_claim,
    session_claim,
    session_number,
)
from bot.classes import PlaceClass, classed_place, group_asked, place_classes
from bot.concepts import (
    Concept,
    concepts,
    corpus_pairs,
    idf_table,
    plain_words,
)
from bot.conditions import (
    claimed_kind,
    rules_on,
    ruling_clause,
    ruling_unit,
    states_kind,
    stating_unit,
)
from bot.evidence import (
    Evidence,
    Unit,
    article_sizes,
    asked_measure,
    negates_as_asked,
    passage_context,
    rank_units,
)
from bot.facts import _META_KINDS, Facts
from bot.features import Features
from bot.judge import Verdict, judge
from bot.levels import other_level
from bot.lists import _WHICH, Lists, set_opening
from bot.ranges import quantities
from bot.retrieval import (
    K_RETRIEVE,
    Reading,
    asked_terms,
    defined_term,
    diversify,
    names_attachment,
    sets_level_of,
    table_of,
    with_part,
)
from bot.scope import topic_of
from bot.sides import Sides
from bot.steer import doc_weights, nation_asked_of_a_province, other_document
from bot.superlatives import Superlatives
from bot.types import Answer, Citation
from bot.understand import Query, two_questions, understand
from corpus.meta import dates_in
from corpus.types import DocumentMeta, Passage
from index.fold import fold
from index.query import PreparedQuery
from index.synonyms import official_terms
from index.types import Hit

log = logging.getLogger(__name__)
K_GROUP_DOCS = 3  # a group of places is listed from a document among the first hits

NOT_FOUND = "Không tìm thấy thông tin này trong các văn bản hiện có."
K_DEEP = 30  # passages read when none of the first K_RETRIEVE holds the figure asked for
MAX_SCOPED = 5  # the best units looked through for one that holds the years and places asked
MIN_FIT = 0.5  # share of the quantities a question states that a unit's ranges must hold
K_RELATED = 3  # closest passages shown when the bot abstains
K_NEAR = 5  # passages read for an attachment the answer may lie in


class Bot(Reading, Features, Checks, Facts, Lists, Sides, Superlatives):
    """A question (and the conversation so far) -> an Answer with its citations."""

    def __init__(
        self, index, mode: str = "hybrid", generator=None, judge=judge, exact_features=False
    ):
        self.index = index
        self.mode = mode
        self.generator = generator
        self.judge = judge  # features -> Verdict; calibration passes one that always answers
        self.exact_features = exact_features  # read every feature, even when not needed
        self._idf: dict[str, float] | None = None
        self._metas: dict[str, DocumentMeta] | None = None
        self._by_id: dict[str, Passage] | None = None
        self._leads: dict[tuple[str, str], str] | None = None
        self._pairs: dict[str, float] | None = None
        self._articles: dict[tuple[str, str], int] | None = None
        self._doc_texts: dict[str, str] | None = None
        self._headings: dict[str, str] | None = None
        self._by_section: dict[tuple[str, tuple[str, ...]], list[Passage]] | None = None
        self._heading_paths: dict[str, list[tuple[str, ...]]] | None = None
        self._definitions: dict[str, list[tuple[str, Passage]]] | None = None
        self._tables: dict[str, list[Passage]] | None = None
        self._classes: dict[str, PlaceClass] | None = None

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

    @property
    def tables(self) -> dict[str, list[Passage]]:
        """The rows of each table stored row by row, in document order, by table."""
        if self._tables is None:
            tables: dict[str, list[Passage]] = {}
            for p in self.index.passages:
                table = table_of(p)
                if table is not None:
                    tables.setdefault(table, []).append(p)
            self._tables = tables
        return self._tables

    @property
    def articles(self) -> dict[tuple[str, str], int]:
        """How many passages each article of each document has, by (document, article)."""
        if self._articles is None:
            self._articles = article_sizes(self.index.passages)
        return self._articles

    @property
    def classes(self) -> dict[str, PlaceClass]:
        """The places the documents' tables class into kinds of area, by folded name."""
        if self._classes is None:
            self._classes = place_classes(self.index.passages)
        return self._classes

    def _classed(self, query: Query) -> PlaceClass | None:
        """The classed place a figure question names, read as its kind of area."""
        if query.kind != "figure" or query.yesno or not self.classes:
            return None
        return classed_place(query.standard, self.classes)

    def _group_places(self, query: Query, hits: list[Hit]) -> compose.Draft | None:
        """The places a table of the documents read first classes into the group a list
        question names ("Miền núi (9 xã ...)": Xã Bình Điền, ...), each row cited."""
        docs = {h.passage.doc_id for h in hits[:K_GROUP_DOCS]}
        places = group_asked(query.standard, self.classes, docs) if self.classes else []
        if not places:
            return None
        cited = [compose.Cited(c.row, None, 0.0) for c in places]
        cited = cited[: compose.MAX_ITEMS + compose.MAX_TAIL]
        numbered = [(c.place, min(i, len(cited) - 1) + 1) for i, c in enumerate(places)]
        return compose.Draft(compose.list_answer(places[0].label, numbered), tuple(cited))

    def warm_up(self) -> None:
        """Derive the tables the bot reads from its index (word weights, pairs, documents'
        texts) and answer one question, so the first visitor does not wait for them."""
        _ = self.idf, self.pairs, self.regions, self.articles, self.tables
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
        avoid: frozenset[str] = frozenset(),
    ) -> Evidence:
        """Understand the question, retrieve, and rank every candidate unit of the hits; no unit
        of the passages `avoid` names (given to another part of the same question)."""
        previous = history[-1][0] if history else None
        query = self._place_initials(understand(question, previous, self.index.speller))
        classed = self._classed(query)
        if classed is not None:  # "xã A Lưới 2": a figure set for "Miền núi" holds for it
            query = replace(
                query,
                retrieval=f"{query.retrieval} ({classed.group})",
                standard=f"{query.standard} ({classed.group})",
            )
        if query.followup and history and not docs:
            cited = history[-1][1].citations
            docs = [cited[0].doc_id] if cited else None
        prepared = self.index.prepare(query.retrieval)
        weights = doc_weights(query, self.metas.values())
        hits = self._search(query.retrieval, prepared, docs=docs, weights=weights)
        part: list[Passage] = []
        defined: Passage | None = None
        items = self._concepts(query, prepared)
        if hits:
            hits = self._with_kind_passages(query, hits)
            hits = self._amount_articles(query, hits)
            part = self._named_part(query, hits)
            hits = with_part(part, hits)
            defined = self._definition(query, hits)
            if defined is not None:  # 'nhóm "xe mô tô" gồm những loại nào': its definition
                part = [defined]
                hits = with_part(part, hits)
            if not part:
                hits = self._set_heading(query, hits)
                hits = self._listed_heading(query, items, hits)
            if not query.listing:  # "những khoản nào" reads a table's groups, not one row
                hits = self._labelled_rows(items, hits)
            if query.followup and history:
                hits = self._with_previous(history[-1][1], hits)
        topic = topic_of(query, items, self.regions)
        units = (
            rank_units(query, items, hits, self.metas, topic, self.pairs, self.articles)
            if hits
            else []
        )
        claimed = claimed_kind(query.standard) if query.yesno else ""
        if units and (
            (query.wants_figure and not any(u.value for u in units[:3]))
            or (claimed and not any(states_kind(u, claimed) for u in units[:3]))
        ):
            # no figure among the best (nor one of the kind a yes/no question claims, "tăng
            # trưởng 9% đúng không"): read deeper, where a table or list of figures may stand
            deeper = self._search(query.retrieval, prepared, docs=docs, weights=weights, k=K_DEEP)
            extra = [h for h in deeper if h.passage.id not in {x.passage.id for x in hits}]
            if extra:
                hits = [*hits, *extra]
                units = rank_units(query, items, hits, self.metas, topic, self.pairs, self.articles)
        units = self._scoped_first(query, units, hits)
        units = _fitted_first(query, units)
        units = _level_first(query, units, hits)
        if query.kind == "basis":
            units = _preamble_first(query, units, hits)
        units = _named_first(query, units, hits)
        units = _deputy_first(query, units, hits)
        if part and names_attachment(query):  # "Mẫu số 9 là mẫu gì": that form answers, not
            ids = {p.id for p in part}  # a clause citing other forms
            units = sorted(units, key=lambda u: hits[u.rank].passage.id not in ids)
        if defined is not None:  # the clause that defines the term answers
            units = sorted(units, key=lambda u: defined_term(u.text) is None)
        if avoid:
            units = [u for u in units if hits[u.rank].passage.id not in avoid]
        return Evidence(
            query, prepared, tuple(items), tuple(topic), tuple(hits), tuple(units), classed
        )

    def _scoped_first(self, query: Query, units: list[Unit], hits: list[Hit]) -> list[Unit]:
        """The years and places a question names scope its answer: when the best unit does
        not hold them ("bội chi ... năm 2020" read in a 2025 resolution) and one scored about as
        well lies in a document or article about them ("Điều 1. Thông qua dự toán ngân sách nhà
        nước năm 2020"), that one comes first. A year the clause only mentions in passing ("...
        tiết kiệm chi năm 2024") does not make it about that year."""
        if not units or not (query.years or query.places):
            return units

        def holds(u: Unit, framed: bool = False) -> bool:
            p = hits[u.rank].passage
            meta = self.metas.get(p.doc_id)
            context = passage_context(p, meta)
            frame = one_dash(" ".join([meta.title if meta else "", *p.section]))
            if framed and not all(one_dash(y) in frame for y in query.years):
                return False
            return self._years_covered(query, p, meta, context) and self._places_held(
                query, meta, f"{p.text} {context}"
            )

        if holds(units[0]):
            return units
        return _promoted(units, partial(holds, framed=True))

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
        parts = two_questions(question)
        if parts and not history:  # "X bao nhiêu, và Y bao nhiêu?": each asked, each answered
            return self._both(question, parts, docs)
        claim = place_claim(question) if not history else None
        if claim is not None:  # "Có phải Phú Bình là huyện về đích ... không?"
            denied = self._another_place(question, claim, docs)
            if denied is not None:
                return denied
        dated = date_claim(question) if not history else None
        if dated is not None:  # "Nghị quyết ... có hiệu lực từ 01/01/2026 không?"
            checked = self._check_date(question, dated, docs)
            if checked is not None:
                return checked
        session = session_claim(question) if not history else None
        if session is not None:  # "... thông qua tại kỳ họp thứ chín phải không?"
            checked = self._check_session(question, session, docs)
            if checked is not None:
                return checked
        return self._ask_one(question, history, docs)

    def _check_session(
        self, question: str, claim: SessionClaim, docs: Sequence[str] | None
    ) -> Answer | None:
        """ "Có. Khóa XIV, Kỳ họp thứ mười — ..." or "Không. ..." when the question, asked as
        which session, is answered by one; None otherwise (read as any yes/no question)."""
        if understand(claim.which).kind != "session":
            return None
        which = self._ask_one(claim.which, (), docs)
        if which.abstained or not which.citations:
            return None
        found = session_number(which.text.split(" — ")[0])  # the session the answer leads with
        if found is None:
            return None
        verdict = "Có." if found[0] == claim.number else "Không."
        return replace(
            which, question=question, text=f"{verdict} {compose.capitalized(which.text)}"
        )

    def _check_date(
        self, question: str, claim: DateClaim, docs: Sequence[str] | None
    ) -> Answer | None:
        """ "Có. ngày 28 tháng 11 năm 2025 — ..." or "Không. ..." when the question, asked as
        when, is answered by a date (the one claimed or another); None otherwise (the claim is
        read as any yes/no question)."""
        if understand(claim.which).kind not in ("date", "effective"):
            return None
        when = self._ask_one(claim.which, (), docs)
        if when.abstained or not when.citations:
            return None
        found = dates_in(when.text.split(" — ")[0])  # the date the answer leads with
        if not found:
            return None
        if claim.date in found:
            return replace(when, question=question, text=f"Có. {compose.capitalized(when.text)}")
        if any(claim.date in dates_in(c.text) for c in when.citations):
            return None  # the date claimed is there too: what the text says of it decides
        return replace(when, question=question, text=f"Không. {compose.capitalized(when.text)}")

    def _another_place(
        self, question: str, claim: PlaceClaim, docs: Sequence[str] | None
    ) -> Answer | None:
        """ "Không. Huyện Định Hóa — ..." when the question claims a place the documents never
        name and, asked which place, they name another; None otherwise (the claim is read as
        any yes/no question)."""
        which = self._ask_one(claim.which, (), docs)
        if which.abstained or not which.citations:
            return None
        if any(self.holds_name(c.doc_id, claim.name) for c in which.citations):
            return None  # the place is in the documents: what they say of it decides
        if other_place(which.text, claim) is None:
            return None
        return replace(which, question=question, text=f"Không. {which.text}")

    def _both(self, question: str, parts: tuple[str, str], docs: Sequence[str] | None) -> Answer:
        """Two questions in one: each part answered on its own, numbered, its citations after
        the first part's; the documents' silence on one part is said for that part."""
        answers = [self._ask_one(part, (), docs) for part in parts]
        first, second = answers
        if not (first.abstained or second.abstained) and first.text == second.text:
            # two questions are two things asked: the one the clause fits less is answered again
            # without it ("nhà nước trả bao nhiêu và thành phố hỗ trợ thêm bao nhiêu")
            weaker = 0 if first.confidence < second.confidence else 1
            avoid = frozenset(c.passage_id for c in answers[1 - weaker].citations)
            answers[weaker] = self._ask_one(parts[weaker], (), docs, avoid)
        if all(a.abstained for a in answers):
            return self._ask_one(question, (), docs)
        lines, citations = [], []
        for n, (part, a) in enumerate(zip(parts, answers, strict=True), start=1):
            if a.abstained:
                lines.append(f"{n}) {part.strip(' ?,')}: {NOT_FOUND}")
                continue
            shift = len(citations)
            text = re.sub(r"\[(\d+)\]", lambda m, k=shift: f"[{int(m.group(1)) + k}]", a.text)
            lines.append(f"{n}) {text}")
            citations += [replace(c, n=c.n + shift) for c in a.citations]
        answered = [a for a in answers if not a.abstained]
        return Answer(
            question,
            "\n".join(lines),
            tuple(citations),
            min(a.confidence for a in answered),
            False,
            (),
            tuple(h for a in answered for h in a.hits),
            answered[0].features,
        )

    def _ask_one(
        self,
        question: str,
        history: Sequence[tuple[str, Answer]] = (),
        docs: Sequence[str] | None = None,
        avoid: frozenset[str] = frozenset(),
    ) -> Answer:
        if not history and not avoid:
            ranked = self._superlative(question, docs)  # "khu vực nào chiếm tỷ trọng lớn nhất"
            if ranked is not None:
                return ranked
        found = self.evidence(question, history, docs, avoid)
        query, prepared = found.query, found.prepared
        hits, units = list(found.hits), list(found.units)
        if not units:
            return Answer(query.text, NOT_FOUND, (), 0.0, True, (), ())
        best = units[0]
        features = self._features(query, prepared, list(found.topic), best, units, hits)
        verdict = self.judge(features)
        log.debug("features %s -> %.2f", features, verdict.confidence)
        if query.compare and not query.yesno and query.kind not in _META_KINDS:
            # "154/2025 và 155/2025 thay thế thông tư nào": facts of each document, read below
            compared = self._comparison(query, found)
            if compared is not None:
                draft, confidence = compared
                citations = tuple(self._citation(i + 1, c) for i, c in enumerate(draft.cited))
                answer = Answer(
                    query.text, draft.text, citations, confidence, False, (), tuple(hits), features
                )
                return self._generated(answer) if self.generator else answer
        about_document, fact = self._document_fact(query, best, hits)
        fact = fact or self._part_fact(query, hits)
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
        if (
            not verdict.abstain
            and query.kind == "date"
            and not query.yesno
            and _ASKS_DAY.search(fold(query.standard).lower())
            and not best.value
        ):  # "diễn ra vào ngày nào": a clause that states no day does not answer
            verdict = Verdict(True, verdict.confidence, "đoạn trả lời không nêu ngày được hỏi")
        if not verdict.abstain and _outside_every_range(query, units):
            # "thiệt hại dưới 30%": the clauses read set amounts only for "từ 30% đến 70%" and
            # "trên 70%"; none for the case asked
            verdict = Verdict(
                True, verdict.confidence, "văn bản không quy định cho trường hợp được hỏi"
            )
        # what the evidence is set for, read in its text, its column or lead-in and its headings
        said = f"{best.text} {best.heading} {' '.join(hits[best.rank].passage.section)}"
        for other, reason in (
            # "dân số đô thị" asked, the evidence is about "dân số nông thôn"
            (partial(other_area, excluded=query.excluded), "đoạn trả lời nói về khu vực khác"),
            # "học sinh THPT" asked, the evidence is the row of "Trung học cơ sở"
            (other_school_level, "đoạn trả lời nói về cấp học khác"),
            # "hộ cận nghèo" asked, the evidence is the figure for "hộ nghèo"
            (other_household, "đoạn trả lời nói về nhóm hộ khác"),
            # "ở cấp xã" asked, the evidence is the city tier's
            (other_level, "đoạn trả lời nói về cấp khác"),
        ):
            if not verdict.abstain and other(query.standard, said):
                verdict = Verdict(True, verdict.confidence, reason)
        if not verdict.abstain and other_document(
            query, hits[best.rank].passage.doc_id, self.metas
        ):
            # "Nghị quyết 192 ... tỷ lệ thất nghiệp": another document's figure is no answer
            verdict = Verdict(True, verdict.confidence, "văn bản được hỏi không nêu")
        if not verdict.abstain and nation_asked_of_a_province(
            query, self.metas.get(hits[best.rank].passage.doc_id), said
        ):
            # "mức chuẩn trợ giúp xã hội cấp quốc gia": not the city's own level
            verdict = Verdict(True, verdict.confidence, "văn bản của địa phương, không nêu cả nước")
        if not verdict.abstain and deputy_missing(
            query.standard, compose.clause_of(best, hits[best.rank].passage)
        ):
            # "phó thôn đội trưởng" asked, the evidence is about the "thôn đội trưởng" alone
            verdict = Verdict(True, verdict.confidence, "chức danh cấp phó được hỏi không có")
        if not verdict.abstain and now_asked_of_a_target(
            query.standard, best.text, " ".join(hits[best.rank].passage.section)
        ):
            # "hiện nay ... còn bao nhiêu": a target for the year is no present figure
            verdict = Verdict(
                True, verdict.confidence, "văn bản chỉ nêu chỉ tiêu, không nêu hiện trạng"
            )
        if not verdict.abstain and not self._names_held(query, hits[best.rank].passage, best.text):
            # "phường Kim Long": the evidence is about that ward, not a neighbour in its table
            verdict = Verdict(
                True, verdict.confidence, "tên riêng được hỏi không có ở đoạn trả lời"
            )
        if query.yesno and query.years and features["places"]:
            # "năm 2026 có áp dụng mức 2,2 triệu không": the clause that states the figure
            # claimed is set for another period ("giai đoạn 2027 - 2030"): no, and when it holds
            denial = self._period_denial(query, best, hits)
            if denial is not None:
                citations = tuple(self._citation(i + 1, c) for i, c in enumerate(denial.cited))
                return Answer(query.text, denial.text, citations, 1.0, False, (), tuple(hits))
        if not verdict.abstain and not (features["places"] and features["years"]):
            # a question that names a province or a year is answered only from evidence that
            # holds for it: another province's figure or another year's target is no answer
            verdict = Verdict(True, verdict.confidence, "địa danh hoặc năm được hỏi không khớp")
        # "theo mẫu số mấy": the clause that names the form answers, whatever the form holds
        names_form = asked_measure(query.standard) == "form" and bool(best.value)
        if (
            not verdict.abstain
            and (query.kind != "where" or query.listing)  # "gồm những địa bàn nào": a list
            and not names_form
            and self._points_to_missing_appendix(hits[best.rank].passage, best)
        ):  # the answer lies in an appendix the corpus does not hold: say so, never guess
            verdict = Verdict(True, verdict.confidence, "phụ lục được dẫn không có trong kho")
        # a form or appendix the question names and the corpus lacks is said to be missing,
        # whatever the judge thought of the passages that cite it
        missing_part = None if names_form else self._attachment_missing(query, hits)
        if missing_part:
            log.info("Abstained on %r: %s", query.text, missing_part)
            answer = self._abstain(query, hits, verdict, best, features)
            return replace(answer, text=f"{NOT_FOUND} {missing_part}", abstained=True)
        if verdict.abstain:
            log.info("Abstained on %r: %s", query.text, verdict.reason)
            return self._abstain(query, hits, verdict, best, features)
        draft = self._compose(query, prepared, list(found.topic), best, units, hits)
        classed = found.classed
        if classed is not None and classed.group.lower() in draft.text.lower():
            # the row that classes the place is cited with the figure set for its kind
            draft = compose.Draft(
                f"{draft.text}\n({classed.place} thuộc địa bàn {classed.group} "
                f"[{len(draft.cited) + 1}])",
                (*draft.cited, compose.Cited(classed.row, None, 0.0)),
            )
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

    def _period_denial(self, query: Query, unit: Unit, hits: list[Hit]) -> compose.Draft | None:
        """ "Không, ..." when the clause states the figure a yes/no question claims, under a
        heading (or a lead of its own) that sets it for a period without the year asked, in a
        document whose title covers that year (a document silent on the year does not say no);
        None otherwise."""
        hit = hits[unit.rank]
        p = hit.passage
        meta = self.metas.get(p.doc_id)
        if not query.years or meta is None or not compose.covers(query.years, meta.title):
            return None
        clause = compose.clause_of(unit, p)
        # the clause's own lead ("Tiêu chí thu nhập giai đoạn 2027 - 2030: ...") is its
        # nearest heading
        lead, colon, _ = clause.partition(":")
        period = compose.period_apart(query.years, (*p.section, lead if colon else ""))
        asked = frozenset(plain_words(query.standard))
        if period is None or compose.figure_verdict(query.standard, clause, asked) is not True:
            return None
        text = f"Không, {clause[:1].lower()}{clause[1:]} — {period.rstrip(':')} [1]"
        return compose.Draft(text, (compose.Cited(p, (unit.start, unit.end), hit.score),))

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
        text = prepared.own
        terms = official_terms(text if prepared.typed_diacritics else prepared.standard)
        extra = [terms] if terms else []
        return concepts(text, self.idf, extra=extra, marked=prepared.typed_diacritics)

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
            ruling = ruling_unit(query.text, best, units, hits)
            if ruling is None and not rules_on(query.text, best.text):
                # no clause read rules on it: one of the document's own, nearest part first
                found = ruling_clause(query.text, best, hits, self.index.passages)
                if found is not None:
                    q, start, end = found
                    hits.append(Hit(q, hit.score, None, hit.dense))
                    text = q.text[start:end]
                    ruling = Unit(len(hits) - 1, start, end, text, None, "", 0.0, 0.0, 0.0)
            if ruling is None:  # "có phải chịu lãi suất 6,6%/năm không": "... là 4,8%/năm"
                ruling = stating_unit(query.standard, best, units, hits)
            if ruling is not None:  # "bé 10 tuổi ... có mất phí không": "Trẻ em: dưới 16 tuổi"
                best, hit = ruling, hits[ruling.rank]
                p = hit.passage
                cited = compose.Cited(p, (best.start, best.end), hit.score)
            denial = self._period_denial(query, best, hits)  # "năm 2026 ..." / "giai đoạn 2027"
            if denial is not None:
                return denial
            return compose.Draft(compose.yesno_answer(query, best, p, asked), (cited,))
        # a list, unless one item names what is asked far better than its siblings do: "phường
        # Bắc Kạn được lập từ những đơn vị nào" is answered by the one clause about Bắc Kạn
        which = bool(_WHICH.search(fold(query.standard).lower()))
        defines = defined_term(best.text)
        if defines is not None and defines in asked_terms(query.standard):
            # "xe mô tô gồm những loại nào": the clause that defines it, whole
            return compose.Draft(compose.value_answer(best, p), (cited,))
        if query.listing and which and negates_as_asked(query.standard, best.text):
            # "những xã nào không phải sắp xếp": the clause naming those not done ("... 02 xã
            # không thực hiện sắp xếp là xã A, xã B"), not the list of those done
            return compose.Draft(compose.value_answer(best, p), (cited,))
        if query.listing and not query.wants_figure:
            # "những trường hợp nào" with "... các trường hợp sau đây:" read, "những mức nào"
            # with "Điều 20. Mức xếp loại ...": the items under it
            grouped = self._group_places(query, hits)
            if grouped is not None:  # "những xã nào ... miền núi": the places of that group
                return grouped
            row = self._named_row(query.standard, best, units, hits)
            if row is not None:  # "xã A Lưới 2 gồm những xã nào": that row, not its table
                return row
            announced = self._announced(items, hits, query.standard)
            opening = set_opening(query.standard, units, hits, best)
            if opening is not None:  # "Nguồn tài chính của Quỹ bao gồm A; B; C"
                best, hit = opening, hits[opening.rank]
                p = hit.passage
            inline = self._inline_list(best, p)  # "... trọng tâm như: A; B; C": its items
            if inline is not None and not announced:
                return inline
            if not (which and self._one_item(best, units, hits, query.standard)) or announced:
                return self._list(query, items, best, hits, which=which)
        if query.kind in ("figure", "effective", "date") or query.compare:
            several = self._by_place(query, prepared, items, best, units, hits)
            if several:
                return several
        if query.compare:  # the sides were not found apart (see ask): the best figure alone
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        if query.kind == "figure":
            rows = self._sibling_columns(best, units, hits) or self._sibling_rows(
                query, best, units, hits
            )
            if rows:
                return rows
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        if query.kind == "other":
            cell = self._row_text(query.standard, best, units, hits)
            if cell is not None:  # "... áp dụng trên địa bàn xã cũ nào": the row's note
                return cell
        if query.kind == "other" and compose.leads_with_figure(best, p):
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        name = compose.named_answer(query.standard, compose.clause_of(best, p))
        if name:  # "huyện nào ...": the answer leads with the name ("huyện Định Hóa — ...")
            lead = f"{name[:1].upper()}{name[1:]}"
            return compose.Draft(f"{lead} — {compose.value_answer(best, p)}", (cited,))
        return compose.Draft(compose.value_answer(best, p), (cited,))

    def _abstain(
        self, query: Query, hits: list[Hit], verdict: Verdict, best: Unit, features: dict
    ) -> Answer:
        related = tuple(
            self._citation(i + 1, compose.Cited(h.passage, None, h.score))
            for i, h in enumerate(hits[:K_RELATED])
        )
        text = NOT_FOUND
        appendix = self._missing_appendix(hits[best.rank].passage)
        if not appendix and query.kind == "figure" and hits:
            # a figure the closest document keeps in a schedule it does not hold: "mức thu lệ
            # phí quy định tại Biểu mức thu ... kèm theo Thông tư này"
            near = (h.passage for h in hits[:K_NEAR] if h.passage.doc_id == hits[0].passage.doc_id)
            appendix = next(filter(None, (self._missing_appendix(p, False) for p in near)), None)
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


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _with_region(meta: DocumentMeta) -> DocumentMeta:
    """A document whose metadata names no region gets the province its issuer names
    ("Hội đồng nhân dân tỉnh Thái Nguyên" -> "Thái Nguyên")."""
    if meta.region or not meta.issuer:
        return meta
    from dataclasses import replace

    from corpus.places import find_places

    places = find_places(meta.issuer)
    return replace(meta, region=places[0]) if places else meta


def _preamble_first(query: Query, units: list[Unit], hits: Sequence[Hit]) -> list[Unit]:
    """A document's legal basis ("Căn cứ ...") and who proposed it ("Theo đề nghị của ...")
    are stated in its preamble: a line of the preamble in that form answers before any other
    clause (a form's "□ Đề nghị hưởng trợ cấp" shares the words, not the meaning)."""
    proposed = "de nghi" in fold(query.standard).lower()
    opening = ("theo đề nghị",) if proposed else ("căn cứ", "theo đề nghị")

    def states_basis(u: Unit) -> bool:
        return hits[u.rank].passage.kind == "preamble" and u.text.strip().lower().startswith(
            opening
        )

    return sorted(units, key=lambda u: not states_basis(u))


# "ngày nào", "ngày bao nhiêu": a day is asked, not a time described in words ("khi nào")
_ASKS_DAY = re.compile(r"\bngay (?:nao|bao nhieu|may)\b")


K_NAMED = 3  # the best clauses read for one that names what a "huyện nào" question asks


def _deputy_first(query: Query, units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """ "Phó Chủ tịch Hội đồng thi ... bao nhiêu": when the best clause is about the chief
    alone and one of the next few names the deputy ("Hội đồng thi — Phó Chủ tịch"), that one
    comes first; the chief's figure would be withheld anyway."""
    if not units:
        return units

    def chief(u: Unit) -> bool:
        return deputy_missing(query.standard, compose.clause_of(u, hits[u.rank].passage))

    if not chief(units[0]):
        return units
    return _promoted(units, lambda u: not chief(u), k=K_NAMED, near=False)


def _level_first(query: Query, units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """An amount asked ("bao nhiêu tiền một tháng"): when the best unit is a clause on who
    qualifies for a benefit and states no amount, a unit of the article on its level that does
    ("Điều 3. Mức trợ cấp ...: 500.000 đồng/tháng") comes first."""
    if not units or units[0].value or not _wants_money(query):
        return units
    subjects = hits[units[0].rank].passage.section
    return _promoted(
        units,
        lambda u: bool(u.value) and sets_level_of(hits[u.rank].passage.section, subjects),
        near=False,
    )


def _wants_money(query: Query) -> bool:
    return not (query.yesno or query.listing) and asked_measure(query.standard) == "money"


def _fitted_first(query: Query, units: list[Unit]) -> list[Unit]:
    """The quantities a question states scope its answer ("mẹ em 82 tuổi ... hệ số bao
    nhiêu"): when the best unit states no range they lie in and one scored about as well
    does ("Người cao tuổi từ đủ 80 tuổi trở lên: 2.0"), that one comes first. A yes/no or
    list answer reads several units itself."""
    if not units or query.yesno or query.listing:
        return units

    if _feature(units[0], "fits"):
        return units
    return _promoted(units, lambda u: _feature(u, "fits") >= MIN_FIT)


def _feature(u: Unit, name: str) -> float:
    """What the ranker read of a unit ("fits", "misfits"); 0 when it read none."""
    return (u.features or {}).get(name, 0.0)


def _outside_every_range(query: Query, units: list[Unit]) -> bool:
    """The question states a bounded quantity ("thiệt hại dưới 30%") that the best unit
    sets a range of the same unit for without holding it, and no unit read holds it: the
    documents set nothing for that case. Yes/no, list and comparison answers read several
    units and say so themselves."""
    if not units or query.yesno or query.listing or query.compare:
        return False
    # only a case bounded as a condition ("dưới 30%", "trên 80 tuổi"): a figure stated alone
    # ("được quỹ trả 100%", "mục II.B.10") may be what the answer leads to, not its case
    stated = quantities(query.standard)
    if not stated or any(q.range.lo == q.range.hi for q in stated):
        return False
    return _feature(units[0], "misfits") > 0 and not any(_feature(u, "fits") for u in units)


def _promoted(units: list[Unit], holds, k: int = MAX_SCOPED, near: bool = True) -> list[Unit]:
    """The first of the next few units (up to the k-th) that `holds` comes first; with `near`,
    only one scored about as well as the best. The units as they are when none does."""
    best = units[0]
    for u in units[1:k]:
        if near and u.score < best.score - ranker.NEAR:
            break
        if holds(u):
            return [u, *(x for x in units if x is not u)]
    return units


def _named_first(query: Query, units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """ "huyện nào ...": when the best clause names no such district and one of the next few
    does ("... hoàn thành mục tiêu xây dựng huyện Định Hóa đạt chuẩn"), that one comes first."""
    if not units or query.yesno or query.listing:
        return units

    def names(u: Unit) -> bool:
        return bool(
            compose.named_answer(query.standard, compose.clause_of(u, hits[u.rank].passage))
        )

    if names(units[0]):
        return units
    return _promoted(units, names, k=K_NAMED, near=False)
