"""Answers with several figures side by side: the two sides of a comparison, one answer per
province, and the rows of a table column when the question names none of them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from bot import compose, ranker
from bot.checks import named_entities
from bot.concepts import Concept, concepts, syllable_set, syllables
from bot.evidence import Evidence, Unit, asked_measure, passage_context, rank_units
from bot.scope import topic_of
from bot.understand import Query, understand
from corpus.types import Passage
from index.query import PreparedQuery
from index.tokenize import STOPWORDS
from index.types import Hit

SIDE_FOUND = 0.6  # a side of a comparison is found among the question's passages at this coverage

MAX_SIBLING_ROWS = 4  # rows of one column an answer gives when the question names none of them
TIE = 1e-6  # cells whose scores differ by less are asked for exactly as well


class Sides:
    """The bot's sides (a part of Bot: reads its index, metadata and helpers)."""

    def _comparison(self, query: Query, found: Evidence) -> tuple[compose.Draft, float] | None:
        """Each side's figure, found as if it were asked alone ("BHYT hay BHXH": the BHYT
        figure, then the BHXH one), each with its label and citation, and the confidence of
        the weaker side; a side not found (or that the judge doubts) is said not found; None
        when neither is."""
        from dataclasses import replace

        from bot.understand import side_questions

        sides = side_questions(query.standard)
        if sides is None:
            return None
        parts, cited, confidences, lost = [], [], [], []
        for n, side in enumerate(sides[:2], start=1):
            name = sides[2][n - 1].strip()
            q = replace(
                self._place_initials(understand(side, speller=self.index.speller)),
                compare=False,
                yesno=False,
            )
            if q.kind not in ("figure", "effective", "date"):
                q = replace(q, kind="figure")
            prepared = self.index.prepare(q.retrieval)
            items = self._concepts(q, prepared)
            topic = topic_of(q, items, self.regions)
            # the passages read for the whole question often hold both sides already
            hits = list(found.hits)
            units = self._held(
                q, rank_units(q, items, hits, self.metas, topic, self.pairs, self.articles), hits
            )
            if not units or not units[0].value or units[0].own < SIDE_FOUND:
                alone = self.evidence(side)  # the side asked alone, retrieved as any question
                hits, prepared = list(alone.hits), alone.prepared
                units = rank_units(q, items, hits, self.metas, topic, self.pairs, self.articles)
                units = self._held(q, units, hits) or units
            fresh = [
                u
                for u in units
                if u.value
                and all(
                    c.passage.id != hits[u.rank].passage.id or c.span != (u.start, u.end)
                    for c in cited
                )
            ]
            # the sides of one question stand side by side: of the units said of this side, one
            # under the heading an earlier side was read under comes first ("a) ngoại trú ...;
            # b) nội trú ..." of one clause)
            before = {_placed(c.passage) for c in cited}
            chosen = said_of(
                name,
                sides[2][2 - n],
                fresh,
                partial(self._near, hits=hits),
                self.idf,
                prefer=lambda u, hits=hits, before=before: _placed(hits[u.rank].passage) in before,
            )
            if chosen is None:
                lost.append(name)
                continue
            features = self._features(q, prepared, topic, chosen, units, hits)
            verdict = self.judge(features)
            if verdict.abstain or not (features["places"] and features["years"]):
                lost.append(name)
                continue
            confidences.append(verdict.confidence)
            p = hits[chosen.rank].passage
            clause = compose.clause_of(chosen, p)
            near = syllable_set(f"{clause} {passage_context(p, None)}")
            if not all(c.found_in(near) for c in concepts(name, self.idf)):
                clause = f"{clause} ({name})"  # "Huế": the side the figure answers for
            parts.append((chosen.value or "", clause, len(cited) + 1))
            cited.append(compose.Cited(p, (chosen.start, chosen.end), hits[chosen.rank].score))
        if not parts:
            return None
        # which is higher is said only when both sides were found
        names = sides[2] if not lost else ()
        text = compose.compare_answer(parts, names, query.standard)
        if lost:  # "Vĩnh Long: không tìm thấy": one side answered, the other said missing
            text += "".join(f"\n{name}: không tìm thấy trong các văn bản hiện có." for name in lost)
        return compose.Draft(text, tuple(cited)), min(confidences)

    @staticmethod
    def _near(unit: Unit, hits: list[Hit]) -> frozenset[str]:
        """The syllables of a unit and of the headings and title around its passage."""
        return syllable_set(f"{unit.text} {passage_context(hits[unit.rank].passage, None)}")

    def _held(self, query: Query, units: list[Unit], hits: list[Hit]) -> list[Unit]:
        """The units whose passages hold for the places the query names ("học phí ở Huế":
        not a row of Vĩnh Long's table among the passages read for both), and whose rows are
        about the temple or ward it names ("chùa Hương": not the row of "Đền Quan Đế")."""
        if not query.places and not named_entities(query.text):
            return units
        out = []
        for u in units:
            p = hits[u.rank].passage
            meta = self.metas.get(p.doc_id)
            if self._places_held(
                query, meta, " ".join([p.text, passage_context(p, meta)])
            ) and self._names_held(query, p, u.text):
                out.append(u)
        return out

    def _sibling_columns(
        self, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """Cells of the best cell's row that the question asks for exactly as well (it names
        none of their columns: "NS Thành phố" and "NS xã" of "Phường Đống Đa"): each
        column's figure, labelled and cited, rather than one picked at random."""
        p = hits[best.rank].passage
        if p.kind not in ("row", "table") or not best.value:
            return None
        label = best.text.rsplit(" — ", 1)[0]
        tied = [
            u
            for u in units
            if u is not best
            and u.rank == best.rank
            and u.value
            and u.heading != best.heading
            and u.text.rsplit(" — ", 1)[0] == label
            and u.score >= best.score - TIE
        ]
        if not tied:
            return None
        return self._cells_draft([best, *tied], hits, lambda u: label.strip(" —"))

    def _sibling_rows(
        self, query: Query, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """A table cell whose neighbours in the same column answer the question as well (the
        question names none of the rows: "học phí mầm non ở Huế" over Đô thị, Nông thôn and
        Miền núi): each row's figure, labelled and cited."""
        p = hits[best.rank].passage
        if p.kind not in ("row", "table") or not best.value:
            return None
        if asked_measure(query.standard) == "form":
            return None  # "mẫu số mấy": the one form the row names, not the forms beside it

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
        return self._cells_draft(picked, hits, label_of)

    def _cells_draft(
        self, picked: list[Unit], hits: list[Hit], label_of: Callable[[Unit], str]
    ) -> compose.Draft:
        """One line per table cell ("310 nghìn đồng — Tiểu học (Khu vực thành thị) [1]"), each
        cited, then the document they come from."""
        lines, cited = [], []
        for n, u in enumerate(picked[:MAX_SIBLING_ROWS], start=1):
            q = hits[u.rank].passage
            column = u.text.rsplit(" — ", 1)[-1].rpartition(":")[0].strip()
            lines.append(f"{u.value} — {label_of(u)}{f' ({column})' if column else ''} [{n}]")
            cited.append(compose.Cited(q, (u.start, u.end), hits[u.rank].score))
        meta = self.metas.get(hits[picked[0].rank].passage.doc_id)
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
        topic = topic_of(query, items, self.regions)
        units = rank_units(query, items, hits, self.metas, topic, self.pairs, self.articles)
        units = [u for u in units if u.value]
        return (units[0], hits[units[0].rank]) if units else None


def _placed(p: Passage) -> tuple[str, tuple[str, ...]]:
    return p.doc_id, p.section


def said_of(
    side: str,
    other: str,
    units: list[Unit],
    near: Callable[[Unit], frozenset[str]],
    idf: dict[str, float],
    prefer: Callable[[Unit], bool] | None = None,
) -> Unit | None:
    """The first unit said of this side by the words that tell it from the other side ("tiêu
    chí chung" against "tiêu chí kết quả thực hiện nhiệm vụ": the one that says "chung"), else
    the first unit; of those said of it, or of the units that tell it as well as the first one
    does when none says it all, the first `prefer` accepts comes first. `near` gives a unit's
    words with its headings."""
    if not units:
        return None
    others = syllable_set(other)
    telling = [c for c in concepts(side, idf) if not c.found_in(others)]
    told = [sum(c.found_in(near(u)) for c in telling) for u in units]
    said = [u for u, n in zip(units, told, strict=True) if n == len(telling)]
    if not said and told[0]:  # none says it all: those that say as much as the first
        said = [u for u, n in zip(units, told, strict=True) if n >= told[0]]
    preferred = [u for u in said if prefer(u)] if prefer is not None else []
    return (preferred or said or units)[0]
