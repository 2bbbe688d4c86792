"""The Bot: a question (and the conversation so far) -> an Answer with its citations."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from bot.abstain import judge
from bot.extract import idf_table, lead_for, rank_spans
from bot.question import understand
from bot.types import Answer, Citation
from corpus.types import Passage
from index.abbrev import ABBREVIATIONS, expand
from index.fold import fold
from index.synonyms import everyday_spans
from index.types import Hit

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy thông tin này trong các văn bản hiện có."
K_RETRIEVE = 10  # passages read to find the answering clause (and reported for evaluation)
K_CITE = 3
# Everyday words of questions that documents do not use; they say nothing about the topic.
QUESTION_VOCAB = frozenset(
    "bao nhieu phan tram phai chiem ty trong muc dat du kien la gi nao ai the ra sao thi khong co "
    "duoc nhung cua va cac cho hay hoi nhi nhe vay con theo trong tai khi o dau bang may lam "
    "viet tat khai niem nghia "
    "what which who how when where the of is are for in to does do did much many".split()
)  # citations shown with an answer (the answering passage first)


class Bot:
    def __init__(self, index, mode: str = "hybrid", generator=None):
        self.index = index
        self.mode = mode
        self.generator = generator
        self._idf: dict[str, float] | None = None
        self._vocab: set[str] | None = None
        self._article_leads: dict[tuple[str, str | None], str] | None = None
        self._accented: set[str] | None = None
        self._by_id: dict[str, Passage] | None = None

    # -- derived once per index ------------------------------------------------------------
    @property
    def idf(self) -> dict[str, float]:
        if self._idf is None:
            self._idf = idf_table(self.index.tokens)
            self._vocab = set(self._idf)
        return self._idf

    def _article_lead(self, passage) -> str:
        """The opening of the passage's article ("Điều 2. Thông qua mục tiêu ... năm 2023"),
        which scopes every passage under it."""
        if self._article_leads is None:
            leads: dict[tuple[str, str | None], str] = {}
            for p in self.index.passages:
                if p.article and p.kind == "content":
                    leads.setdefault((p.doc_id, p.article), p.text)
            self._article_leads = leads
        return self._article_leads.get((passage.doc_id, passage.article), "")

    # -- asking ----------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, Answer]] = (),
        docs: Sequence[str] | None = None,
    ) -> Answer:
        previous = history[-1][0] if history else None
        q = understand(question, previous)
        if q.followup and history and not docs:
            cited = history[-1][1].citations
            docs = [cited[0].doc_id] if cited else None
        prepared = self.index.prepare(q.retrieval)
        hits = self.index.search(
            q.retrieval, K_RETRIEVE, docs=docs, mode=self.mode, prepared=prepared
        )
        if not hits:
            return Answer(q.text, NOT_FOUND, (), 0.0, True, (), tuple(hits))
        ordered = self._prefer_kind(q.kind, self._prefer_article(q.text, hits))
        if q.followup and history:
            ordered = self._with_previous(history[-1][1], ordered)
        passages = [(h.passage.text, h.passage.section, h.score) for h in ordered]
        asked = expand(prepared.restored if not q.followup else q.retrieval)
        ranked = rank_spans(asked, q.kind, passages, self.idf)
        best = ranked[0]
        if q.kind == "signer" and ordered[0].passage.kind == "signature":
            best = next(s for s in ranked if s.hit_rank == 0)
        hit = ordered[best.hit_rank]
        lead = lead_for(q.kind, best.text)
        verdict = judge(
            question=q.retrieval,
            kind=q.kind,
            context=" ".join(
                [
                    hit.passage.text,
                    *hit.passage.section,
                    self._article_lead(hit.passage),
                    self._meta_text(hit),
                ]
            ),
            overlap=best.overlap,
            unknown=self._unknown_share(
                prepared.text if prepared.typed_diacritics else prepared.restored
            ),
            dense=hit.dense,
            lead=lead,
            from_signature=q.kind == "signer" and hit.passage.kind == "signature",
            english=prepared.english,
        )
        if verdict.abstain:
            log.info("Abstained on %r: %s", q.text, verdict.reason)
            related = tuple(self._citation(i + 1, h, None) for i, h in enumerate(ordered[:K_CITE]))
            return Answer(q.text, NOT_FOUND, (), verdict.confidence, True, related, tuple(ordered))
        citations = [self._citation(1, hit, (best.start, best.end))]
        for other in ordered:
            if len(citations) >= K_CITE:
                break
            if other.passage.id != hit.passage.id:
                citations.append(self._citation(len(citations) + 1, other, None))
        clause = best.text.strip().rstrip(";,")
        parent = hit.passage.text.split("\n", 1)[0]
        if best.start > len(parent) and parent.rstrip().endswith(":"):
            clause = f"{parent.rstrip()} {clause}"
        text = f"{lead} — {clause} [1]" if lead and lead != clause else f"{clause} [1]"
        answer = Answer(
            q.text, text, tuple(citations), verdict.confidence, False, (), tuple(ordered)
        )
        return self._generated(answer) if self.generator else answer

    def _prefer_kind(self, kind: str, hits: list[Hit]) -> list[Hit]:
        """Signer questions read the signature block and "căn cứ" questions the preamble, which
        retrieval ranks low on purpose."""
        wanted = {"signer": "signature", "basis": "preamble"}.get(kind)
        if wanted is None:
            return hits
        doc_id = hits[0].passage.doc_id
        found = [p for p in self.index.passages if p.doc_id == doc_id and p.kind == wanted]
        extra = [Hit(p, hits[0].score, None, hits[0].dense) for p in found]
        return extra + [h for h in hits if h.passage.kind != wanted]

    def _with_previous(self, previous: Answer, hits: list[Hit]) -> list[Hit]:
        """A follow-up often asks about the sibling of what was just answered ("còn nông, lâm
        nghiệp thì sao?" after "công nghiệp, xây dựng" in the same list): the passage cited
        last time competes on equal terms, and the clause that matches the new topic wins."""
        if not previous.citations or not hits:
            return hits
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.index.passages}
        passage = self._by_id.get(previous.citations[0].passage_id)
        if passage is None:
            return hits
        rest = [h for h in hits if h.passage.id != passage.id]
        return [Hit(passage, hits[0].score, None, hits[0].dense), *rest]

    def _prefer_article(self, question: str, hits: list[Hit]) -> list[Hit]:
        """A question naming "Điều 1" is answered from Điều 1 when the hits include it."""
        named = set(re.findall(r"(?i)\bđiều\s+(\d+)", question))
        if not named:
            return hits
        inside = [h for h in hits if h.passage.article in named]
        if not inside:
            doc_id = hits[0].passage.doc_id
            inside = [
                Hit(p, hits[0].score, None, hits[0].dense)
                for p in self.index.passages
                if p.doc_id == doc_id and p.article in named and p.kind == "content"
            ][:3]
        return inside + [h for h in hits if h.passage.article not in named]

    def _meta_text(self, hit: Hit) -> str:
        try:
            meta = self.index.document(hit.passage.doc_id).meta
        except KeyError:
            return ""
        return " ".join(x for x in (meta.issuer, meta.signer) if x)

    def _unknown_share(self, question: str) -> float:
        """Weighted share of the question's words that no passage uses ("cận nghèo", "bác sĩ").
        A word typed with diacritics must exist with them: "cận" is not "căn" or "cần"."""
        if self._accented is None:
            self._accented = {
                w.lower() for p in self.index.passages for w in re.findall(r"[^\W\d_]+", p.text)
            }
        for start, end, _ in reversed(everyday_spans(question)):  # wording we know to map
            question = question[:start] + " " + question[end:]
        idf = self.idf
        top = max(idf.values(), default=1.0)
        total = unknown = 0.0
        for word in re.findall(r"[^\W\d_]+", question.lower()):
            folded = fold(word)
            if folded in QUESTION_VOCAB or folded.upper() in ABBREVIATIONS or len(folded) < 2:
                continue
            known = word in self._accented if word != folded else folded in idf
            weight = idf.get(folded, top)
            total += weight
            unknown += 0.0 if known else weight
        return unknown / total if total else 0.0

    def _citation(self, n: int, hit: Hit, span) -> Citation:
        p = hit.passage
        try:
            meta = self.index.document(p.doc_id).meta
            title, number = meta.title, meta.number
        except KeyError:
            title, number = p.doc_id, None
        return Citation(
            n=n,
            doc_id=p.doc_id,
            doc_title=title,
            doc_number=number,
            section=p.section_str,
            article=p.article,
            text=p.text,
            span=span,
            score=hit.score,
            passage_id=p.id,
        )

    def _generated(self, answer: Answer) -> Answer:
        """Let the optional language model phrase the answer; fall back to the extractive one."""
        passages = [(c.n, f"{c.doc_title} › {c.section}", c.text) for c in answer.citations]
        result = self.generator.generate(answer.question, passages)
        if result is None:
            return answer
        return Answer(
            answer.question,
            result.text,
            answer.citations,
            answer.confidence,
            False,
            (),
            answer.hits,
        )
