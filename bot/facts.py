"""Facts about a document itself (its number, issuer, dates, signer, session, what it amends),
from its metadata, cited where the document states them."""

from __future__ import annotations

import re

from bot import compose
from bot.candidates import line_around
from bot.compose import capitalized
from bot.evidence import APPLIED_FROM, DOCUMENT_DATE, Unit, asks_application
from bot.parts import answer_part, part_question, parts_of, row_text
from bot.understand import Query
from corpus.types import DocumentMeta, Passage
from index.fold import fold
from index.types import Hit

MAX_PART_ROWS = 7  # rows shown of an untitled appendix's table, then "và N nội dung khác"
_META_KINDS = {"position", "signer", "number", "issuer", "session", "amends"}

# a question about a document as a whole: its type named, or what is done to a document
# (matched with diacritics when typed with them: "kỳ thi" is not "ký")
_ABOUT_DOCUMENT = (
    re.compile(r"\b(nghị quyết|nghị định|thông tư|quyết định|luật|công văn|văn bản|ban hành|"
               r"thông qua|(?<!đăng )ký(?! nhận| kết| hợp đồng))\b"),
    re.compile(r"\b(nghi quyet|nghi dinh|thong tu|quyet dinh|luat|cong van|van ban|ban hanh|"
               r"thong qua|(?<!dang )ky(?! nhan| ket| hop dong))\b"),
)  # fmt: skip


# "có hiệu lực đến khi nào": when it ends, which the text states, not the metadata
_UNTIL = re.compile(r"\b(?:den (?:khi|ngay|nam|thoi diem) nao|het hieu luc|den bao gio)\b")

# the clause that puts a document in force: "Nghị quyết này có hiệu lực (thi hành) từ ..."
_TAKES_EFFECT = re.compile(r"\bcó hiệu lực\b", re.IGNORECASE)


class Facts:
    """The bot's facts (a part of Bot: reads its index, metadata and helpers)."""

    def _document_fact(
        self, query: Query, best: Unit, hits: list[Hit]
    ) -> tuple[bool, compose.Draft | None]:
        """(does the question ask a fact about the document itself: who signed it, its number,
        issuer, session, date, what it amends; the answer from its metadata, if it states it)."""
        p = hits[best.rank].passage
        meta = self.metas.get(p.doc_id)
        about_this = meta is not None and (
            not query.numbers or any(same_number(n, meta.number) for n in query.numbers)
        )  # a question naming another document's number asks about that one
        typed = query.standard.lower()
        accented = fold(typed) != typed
        asked = typed if accented else fold(typed)
        cue = DOCUMENT_DATE if query.kind == "date" else _ABOUT_DOCUMENT
        if query.kind == "effective" and meta is not None and self._dated_apart(asked, meta):
            return False, None
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
        named = self._named_documents(query)
        if len(named) >= 2:  # "Nghị định 176/2025 và 188/2025 do ai ký": each, named
            return True, self._each_document(query, named, best, p)
        return True, self._meta_answer(query, meta, best, p)

    def _part_fact(self, query: Query, hits: list[Hit]) -> compose.Draft | None:
        """What a chapter or an appendix the question names is about, from its heading ("Phụ
        lục I. CÔNG VIỆC KHAI THÁC THAN TRONG HẦM LÒ"), or which ones a document has; None when
        the question asks neither or its document has no such part."""
        asked = part_question(query.standard)
        if asked is None or query.yesno or query.compare or not hits:
            return None
        # the documents named by number (a decree and its scan), else the ones found
        named = [m.doc_id for m in self._numbered(query)]
        ranked = list(dict.fromkeys(h.passage.doc_id for h in hits))
        if named:
            doc_ids = sorted(named, key=lambda d: ranked.index(d) if d in ranked else len(ranked))
        elif asked.key is None:
            doc_ids = ranked[:1]  # "có những phụ lục nào": the document found
        else:
            doc_ids = ranked
        for doc_id in doc_ids:
            found = answer_part(asked, parts_of(self.index.corpus.document(doc_id).passages))
            if found:
                break
        else:
            return None
        meta = self.metas.get(doc_id)
        name = f"{meta.kind} {meta.number}" if meta and meta.kind and meta.number else ""
        name = name or (meta.title if meta else doc_id)
        cited = tuple(compose.Cited(p.passage, None, 0.0) for p in found)
        if asked.key is not None:
            part = found[0]
            if part.title:
                text = f"{part.label} của {name}: {capitalized(part.title)} [1]"
                return compose.Draft(text, cited)
            if not part.rows:
                return None
            # an appendix without a title is told by what its table lists ("Mẫu số 01 — ...")
            rows = part.rows[:MAX_PART_ROWS]
            lines = [f"{part.label} của {name} gồm:"]
            lines += [f"- {row_text(r)} [{i}]" for i, r in enumerate(rows, start=1)]
            if len(part.rows) > len(rows):
                lines.append(f"và {len(part.rows) - len(rows)} nội dung khác")
            return compose.Draft("\n".join(lines), tuple(compose.Cited(r, None, 0.0) for r in rows))
        word = "phụ lục" if asked.kind == "phu luc" else "chương"
        lines = [f"{name} có {len(found)} {word}:"]
        lines += [
            f"- {p.label}: {capitalized(p.title) if p.title else p.heading} [{i}]"
            for i, p in enumerate(found, start=1)
        ]
        return compose.Draft("\n".join(lines), cited)

    def _dated_apart(self, asked: str, meta: DocumentMeta) -> bool:
        """ "Mức trợ cấp ... áp dụng từ ngày nào": when a rule applies, which the document may
        date apart from its own entry into force ("... được áp dụng từ ngày 01 tháng 7 năm 2025"
        in a decree in force from 2026); True when the question asks that and the text does."""
        if not asks_application(asked):
            return False
        own = self.index.corpus.document(meta.doc_id).passages
        return any(APPLIED_FROM.search(p.text) for p in own)

    def _numbered(self, query: Query, typed: bool = True) -> list[DocumentMeta]:
        """Every document the question names by number ("Nghị định 335/2025": the decree and
        its scan), of the type it names when `typed`."""
        return [
            m
            for m in self.metas.values()
            if any(same_number(n, m.number) for n in query.numbers)
            and (not typed or not query.doc_kinds or m.kind in query.doc_kinds)
        ]

    def _named_documents(self, query: Query) -> list[DocumentMeta]:
        """The documents the question names by number, in the order it names them."""
        out: list[DocumentMeta] = []
        numbered = self._numbered(query)
        for n in query.numbers:
            found = [m for m in numbered if same_number(n, m.number)]
            if len(found) == 1 and found[0] not in out:
                out.append(found[0])
        return out

    def _each_document(
        self, query: Query, metas: list[DocumentMeta], best: Unit, p: Passage
    ) -> compose.Draft | None:
        """The fact asked, for each document named: "Nghị định 176/2025/NĐ-CP: ... [1]"."""
        lines: list[str] = []
        cited: list[compose.Cited] = []
        for meta in metas:
            draft = self._meta_answer(query, meta, best, p)
            if draft is None:
                lines.append(f"{compose.where(meta)}: văn bản không ghi thông tin này.")
                continue
            n = len(cited) + 1
            lines.append(
                f"{meta.kind or 'Văn bản'} {meta.number}: {draft.text.replace('[1]', f'[{n}]')}"
            )
            cited.append(draft.cited[0])
        return compose.Draft("\n".join(lines), tuple(cited)) if cited else None

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
        if query.kind == "date" and _ASKS_PASSED.search(fold(query.standard).lower()):
            passed = self._passed_at_session(own)  # the session's date, not the date signed
            if passed is not None:
                return passed
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
            start, end = line_around(q.text, at[0])
            line = q.text[start:end].strip()
            text = f"{value} — {line} [1]" if line != value else f"{value} [1]"
            return compose.Draft(text, (compose.Cited(q, (start, end), 0.0),))
        heading = next((q for q in own if q.kind == "heading"), p)
        text = f"{value} — {compose.where(meta)} [1]"
        return compose.Draft(text, (compose.Cited(heading, None, 0.0),))

    @staticmethod
    def _passed_at_session(own: list[Passage]) -> compose.Draft | None:
        """ "... Kỳ họp thứ 3 thông qua ngày 15 tháng 12 năm 2016": the date a council passed
        the document, which may differ from the date in its header."""
        for q in own:
            m = _PASSED_ON.search(q.text)
            if m is None:
                continue
            day, month, year = (int(x) for x in m.groups())
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            start, end = line_around(q.text, m.start())
            line = q.text[start:end].strip()
            return compose.Draft(
                f"{_date_words(iso)} — {line} [1]", (compose.Cited(q, (start, end), 0.0),)
            )
        return None


# "được thông qua ngày nào", "passed on": the date a council voted, stated in the closing clause
_ASKS_PASSED = re.compile(r"\b(?:thong qua|passed|adopted)\b")
_PASSED_ON = re.compile(
    r"thông qua ngày\s+(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})(?:\s+năm\s+|/)(\d{4})", re.IGNORECASE
)


def same_number(asked: str, number: str | None) -> bool:
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


def _date_words(iso: str | None) -> str | None:
    """ "2022-12-08" -> "ngày 08 tháng 12 năm 2022 (08/12/2022)": days below 10 and the months
    1 and 2 take a leading zero, as administrative documents write them."""
    if not iso:
        return None
    year, month, day = (int(x) for x in iso.split("-"))
    words_month = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày {day:02d} tháng {words_month} năm {year} ({day:02d}/{month:02d}/{year})"
