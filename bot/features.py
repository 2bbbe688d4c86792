"""What the judge reads of the chosen evidence: how much of the question it covers, the model's
cosine of the question and the chosen clause, whether it holds the value asked for, the margin
over the next passage, and the question's words no passage of the corpus uses."""

from __future__ import annotations

import math
from functools import lru_cache

from bot import compose
from bot.concepts import Concept, missing, plain_words, syllable_set, syllables, unheard
from bot.evidence import Unit, numbers_in, passage_context
from bot.facts import _META_KINDS
from bot.figures import figures
from bot.judge import confidence, threshold
from bot.understand import Query
from corpus.types import DocumentMeta
from index.abbrev import expand
from index.glossary import glossary_spans
from index.query import PreparedQuery
from index.synonyms import everyday_spans
from index.types import Hit

CLEAR = 3.0  # log-odds from the threshold beyond which one feature cannot turn the decision
MAX_FRAME_CHARS, MAX_CLAUSE_CHARS = 80, 300  # what the model reads of a chosen clause


class Features:
    """The judge's features (a part of Bot: reads its index, metadata and word tables)."""

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
        if query.yesno:  # "có phải là 4.960.000 không": the figure claimed may well be absent
            items = [c for c in items if not plain_words(c.alternatives[0]) <= _claimed(query)]
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
        dense = hit.dense if hit.dense is not None else 0.8
        features = {
            "covered": best.covered,
            "own": best.own,
            "dense": dense,
            "unit_dense": dense,  # the passage's cosine first; the clause's below when it counts
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
            # an English question's terms are the glossary's wording, not the asker's
            "absent_term": 0.0
            if prepared.english
            else self._absent_term(prepared, f"{p.text} {best.heading} {context}"),
        }
        # the model reads the chosen clause (a few milliseconds) unless the judge's decision
        # is already clear without it; calibration reads it always
        if self.exact_features or abs(_logit(confidence(features)) - _logit(threshold())) < CLEAR:
            features["unit_dense"] = self._unit_dense(prepared, best, hit, meta)
        return features

    def _absent_term(self, prepared: PreparedQuery, evidence: str) -> float:
        """The weight of the rarest compound word of the question that the corpus uses and the
        evidence does not: "giám đốc" asked, "chủ tịch" answered. Its adjacent pairs must all
        be in the corpus (an everyday word the documents say otherwise is not counted)."""
        near = syllable_set(expand(evidence))  # "BHYT" in the evidence is "bảo hiểm y tế"
        text = prepared.restored
        # words typed in everyday wording ("không có việc làm") stand for the documents' own
        # ("thất nghiệp"): the evidence need not use them
        reworded = {
            w
            for start, end, _ in [*everyday_spans(text), *glossary_spans(text)]
            for w in syllables(text[start:end])
        }
        worst = 0.0
        for token in prepared.tokens:
            if not token.startswith("w:"):
                continue
            words = syllables(token[2:].replace("_", " "))
            if set(words) <= reworded:
                continue
            pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            if not pairs or not all(pair in self.pairs for pair in pairs):
                continue
            if all(pair in near for pair in pairs):
                continue
            worst = max(worst, min(self.pairs[pair] for pair in pairs))
        return worst

    def _unheard(self, prepared: PreparedQuery) -> list[str]:
        return unheard(prepared.own, self.pairs)

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
        if query.yesno and not figures(query.standard):
            return True  # "có phải áp dụng lại tỷ lệ mới không": yes or no is asked, no figure
        if query.kind in ("figure", "date", "effective", "session"):
            # a figure the question itself typed is no answer to what it asks ("giá xăng RON 95
            # bao nhiêu": not "95%" of another indicator)
            echoed = (
                query.kind == "figure"
                and not (query.yesno or query.compare)
                and bool(best.value)
                and numbers_in(best.value) <= numbers_in(query.standard)
            )
            return bool(best.value) and not echoed
        return True


def _claimed(query: Query) -> frozenset[str]:
    """The numbers of the figures a question states ("4.960.000 đồng/tháng" -> "4960000")."""
    return frozenset(
        w for _, _, f in figures(query.standard) for w in syllables(f) if w[:1].isdigit()
    )


@lru_cache(maxsize=4096)
def _clause_vector(embedder, text: str):
    """A clause's vector; clauses recur across questions, so the last few thousand are kept."""
    return embedder.encode([text], kind="passage")[0]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
