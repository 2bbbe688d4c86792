"""The Bot: a question (and the conversation so far) -> an Answer with its citations.

understand -> retrieve (steered by what the question names) -> choose evidence -> judge ->
compose. Each step is a function of values (bot/understand.py, bot/steer.py, bot/evidence.py,
bot/judge.py, bot/compose.py); this module wires them and holds what is derived once per index.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from bot import compose
from bot.concepts import Concept, concepts, missing, syllable_set
from bot.evidence import Unit, passage_context, rank_units
from bot.judge import Verdict, judge
from bot.steer import doc_weights, places_covered
from bot.types import Answer, Citation
from bot.understand import Query, understand
from corpus.types import DocumentMeta, Passage
from index.fold import fold
from index.query import PreparedQuery
from index.synonyms import official_terms
from index.types import Hit

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy thông tin này trong các văn bản hiện có."
K_RETRIEVE = 10  # passages read to find the answering clause (and reported for evaluation)
K_RELATED = 3  # closest passages shown when the bot abstains
_META_KINDS = {"signer", "number", "issuer", "session", "amends"}
_ABOUT_DOCUMENT = re.compile(
    r"\b(nghi quyet|nghi dinh|thong tu|quyet dinh|luat|cong van|van ban|ban hanh|thong qua|ky)\b"
)
_APPENDIX = re.compile(r"\bphụ lục\b", re.IGNORECASE)


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

    # -- derived once per index ------------------------------------------------------------
    @property
    def idf(self) -> dict[str, float]:
        if self._idf is None:
            from bot.extract import idf_table

            self._idf = idf_table(self.index.tokens)
        return self._idf

    @property
    def metas(self) -> dict[str, DocumentMeta]:
        if self._metas is None:
            self._metas = {d.meta.doc_id: _with_region(d.meta) for d in self.index.corpus.documents}
        return self._metas

    def passage(self, passage_id: str) -> Passage | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.index.passages}
        return self._by_id.get(passage_id)

    # -- asking ----------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, Answer]] = (),
        docs: Sequence[str] | None = None,
    ) -> Answer:
        previous = history[-1][0] if history else None
        query = self._place_initials(understand(question, previous))
        if query.followup and history and not docs:
            cited = history[-1][1].citations
            docs = [cited[0].doc_id] if cited else None
        prepared = self.index.prepare(query.retrieval)
        weights = doc_weights(query, self.metas.values())
        hits = self.index.search(
            query.retrieval,
            K_RETRIEVE,
            docs=docs,
            mode=self.mode,
            prepared=prepared,
            weights=weights,
        )
        if not hits:
            return Answer(query.text, NOT_FOUND, (), 0.0, True, (), ())
        hits = self._with_kind_passages(query, hits)
        if query.followup and history:
            hits = self._with_previous(history[-1][1], hits)
        items = self._concepts(query, prepared)
        units = rank_units(query, items, hits, self.metas)
        best = units[0]
        features = self._features(query, prepared, items, best, units, hits)
        verdict = self.judge(features)
        log.debug("features %s -> %.2f", features, verdict.confidence)
        if verdict.abstain:
            log.info("Abstained on %r: %s", query.text, verdict.reason)
            return self._abstain(query, hits, verdict, best, features)
        draft = self._compose(query, items, best, units, hits)
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
        text = prepared.restored.split(" (", 1)[0] if not prepared.english else prepared.text
        extra = [] if not prepared.english else [prepared.restored]
        extra += [official_terms(text)] if official_terms(text) else []
        return concepts(text, self.idf, extra=[e for e in extra if e])

    def _features(
        self,
        query: Query,
        prepared: PreparedQuery,
        items: list[Concept],
        best: Unit,
        units: list[Unit],
        hits: list[Hit],
    ) -> dict[str, float]:
        hit = hits[best.rank]
        p = hit.passage
        meta = self.metas.get(p.doc_id)
        context = passage_context(p, meta)
        words = syllable_set(" ".join([p.text, context]))
        total = sum(c.weight for c in items) or 1.0
        gone = missing(items, words)
        other = next((u for u in units if hits[u.rank].passage.id != p.id), None)
        expects_value = query.kind in ("figure", "date", "effective", "signer", "session")
        return {
            "covered": best.covered,
            "own": best.own,
            "dense": hit.dense if hit.dense is not None else 0.8,
            "missing": max((c.weight for c in gone), default=0.0) / total,
            "value": float(bool(best.value) or not expects_value or query.kind in _META_KINDS),
            "places": float(places_covered(query, meta, " ".join([p.text, context]))),
            "years": float(self._years_covered(query, p, meta, context)),
            "margin": best.score - other.score if other else 0.5,
            "rank": float(best.rank),
            "english": float(prepared.english),
        }

    def _years_covered(
        self, query: Query, p: Passage, meta: DocumentMeta | None, context: str
    ) -> bool:
        if not query.years:
            return True
        article = self._article_lead(p)
        known = " ".join([p.text, context, article, meta.date or "" if meta else ""])
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
        self, query: Query, items: list[Concept], best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft:
        hit = hits[best.rank]
        p = hit.passage
        meta = self.metas.get(p.doc_id)
        cited = compose.Cited(p, (best.start, best.end), hit.score)
        if query.kind in _META_KINDS or (
            query.kind == "date" and _ABOUT_DOCUMENT.search(fold(query.standard).lower())
        ):
            text = self._meta_answer(query, meta, best, p)
            if text:
                return compose.Draft(text, (cited,))
        if query.listing and not query.wants_figure:
            return self._list(query, best, hits)
        if query.compare:
            return self._comparison(query, units, hits) or compose.Draft(
                compose.figure_answer(query, best, p, meta), (cited,)
            )
        if query.kind == "figure":
            several = self._by_place(query, best, units, hits)
            if several:
                return several
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        if query.yesno:
            return compose.Draft(compose.yesno_answer(query, best, p), (cited,))
        if query.kind == "other" and compose.leads_with_figure(best, p):
            return compose.Draft(compose.figure_answer(query, best, p, meta), (cited,))
        return compose.Draft(compose.value_answer(best, p), (cited,))

    def _meta_answer(
        self, query: Query, meta: DocumentMeta | None, best: Unit, p: Passage
    ) -> str | None:
        if meta is None:
            return None
        name = meta.title or meta.doc_id
        value = {
            "signer": meta.signer,
            "number": meta.number,
            "issuer": meta.issuer,
            "session": meta.session,
            "date": _date_words(meta.date),
            "amends": ", ".join(meta.amends) if meta.amends else None,
        }.get(query.kind)
        if not value:
            return None
        if query.kind == "signer" and best.value and p.kind == "signature":
            value = best.value
        return f"{value} — {name} [1]"

    def _list(self, query: Query, best: Unit, hits: list[Hit]) -> compose.Draft:
        """The items under the heading the best evidence stands in, each cited."""
        p = hits[best.rank].passage
        group = [
            q
            for q in self.index.passages
            if q.doc_id == p.doc_id and q.section == p.section and q.kind in ("content", "row")
        ]
        heading = p.section[-1] if p.section else ""
        entries: list[tuple[str, Passage, tuple[int, int]]] = []
        for q in group:
            offset = 0
            for line in q.text.split("\n"):
                start = q.text.find(line, offset)
                offset = start + len(line)
                if not line.strip() or (line.rstrip().endswith(":") and len(group) > 1):
                    if not heading:
                        heading = line
                    continue
                entries.append((line, q, (start, start + len(line))))
        if len(entries) <= 1:
            return compose.Draft(compose.value_answer(best, p), (compose.Cited(p, None, 0.0),))
        cited: list[compose.Cited] = []
        numbered: list[tuple[str, int]] = []
        for line, q, span in entries:
            if len(cited) < compose.MAX_ITEMS or any(c.passage.id == q.id for c in cited):
                known = next((i for i, c in enumerate(cited) if c.passage.id == q.id), None)
                if known is None:
                    cited.append(compose.Cited(q, span, 0.0))
                    known = len(cited) - 1
                numbered.append((line, known + 1))
            else:
                numbered.append((line, len(cited)))
        return compose.Draft(compose.list_answer(heading, numbered), tuple(cited))

    def _comparison(
        self, query: Query, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """The two best figures from different places in the documents, each with its label."""
        chosen: list[Unit] = []
        for u in units:
            if not u.value:
                continue
            if any(hits[c.rank].passage.id == hits[u.rank].passage.id and c.text == u.text
                   for c in chosen):
                continue
            if chosen and u.score < chosen[0].score - 0.25:
                break
            chosen.append(u)
            if len(chosen) == 2:
                break
        if len(chosen) < 2:
            return None
        sides = []
        cited = []
        for n, u in enumerate(chosen, start=1):
            p = hits[u.rank].passage
            label = compose.clause_of(u, p)
            sides.append((u.value or "", label, n))
            cited.append(compose.Cited(p, (u.start, u.end), hits[u.rank].score))
        return compose.Draft(compose.compare_answer(sides), tuple(cited))

    def _by_place(
        self, query: Query, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """A question that names no place, answered alike by documents of several provinces
        ("học phí mầm non" with Huế and Vĩnh Long): one answer per province, named."""
        if query.places:
            return None
        first = self.metas.get(hits[best.rank].passage.doc_id)
        if first is None or not first.region:
            return None
        per_place: dict[str, Unit] = {first.region: best}
        for u in units:
            meta = self.metas.get(hits[u.rank].passage.doc_id)
            if not u.value or meta is None or not meta.region or meta.region in per_place:
                continue
            if u.covered >= best.covered - 0.05 and u.score >= best.score - 0.15:
                per_place[meta.region] = u
        if len(per_place) < 2:
            return None
        lines, cited = [], []
        for n, (place, u) in enumerate(per_place.items(), start=1):
            p = hits[u.rank].passage
            meta = self.metas.get(p.doc_id)
            text = compose.figure_answer(query, u, p, meta).replace("[1]", f"[{n}]")
            lines.append((place, text))
            cited.append(compose.Cited(p, (u.start, u.end), hits[u.rank].score))
        return compose.Draft(compose.places_answer(lines), tuple(cited))

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
        return Answer(
            query.text, text, (), verdict.confidence, True, related, tuple(hits), features
        )

    def _missing_appendix(self, p: Passage) -> str | None:
        """When the closest passage sends the reader to an appendix the corpus does not hold,
        say so instead of guessing."""
        if not _APPENDIX.search(p.text):
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
