"""List answers: the outer items under the heading or lead-in that names what is asked, each
shortened and cited."""

from __future__ import annotations

import re

from bot import compose
from bot.candidates import clauses, is_value, line_around
from bot.concepts import Concept, has_words, syllable_set, syllables
from bot.evidence import Unit
from bot.retrieval import table_of
from bot.understand import Query
from corpus.lines import classify
from corpus.types import Passage
from index.fold import fold
from index.tokenize import STOPWORDS
from index.types import Hit

_OUTER_FIRST = ("roman", "arabic", "letter", "text", "dash", "plus")
_LABELLED = _OUTER_FIRST[:3]  # numbered and lettered lines, outermost first

# "những đơn vị nào", "xã nào": which ones, that one item may answer (not "làm gì", "gồm gì")
# "vào những việc gì", "bồi dưỡng những nội dung gì" too: which ones of a set, unless "làm
# gì", "gồm (những) gì", "bao gồm gì" or "có những nhiệm vụ gì" (what there is) ask for all
# ... but "những biện pháp gì", "những giải pháp gì", "những nhiệm vụ gì" ask all of them, like
# "làm gì"
_WHICH = re.compile(
    r"\bnao\b|(?<!\blam )(?<!\bgom )(?<!\bgom nhung )(?<!\bco )"
    r"\bnhung (?!(?:bien phap|giai phap|nhiem vu) )(?:\w+ ){0,2}gi\b"
)

MIN_HEADING_COVERAGE = 0.4  # a heading a list answer reads from names this much of the question
# a list of fewer paragraphs than this is listed clause by clause
MIN_PARAGRAPH_ITEMS = 3
MIN_TEXT_WORDS = 2  # words of the question a row's text cell names that its figure does not
K_SET_OPENING = 10  # the best clauses read for one that opens with the set a list asks for


class Lists:
    """The bot's lists (a part of Bot: reads its index, metadata and helpers)."""

    def _one_item(self, best: Unit, units: list[Unit], hits: list[Hit], question: str = "") -> bool:
        """A "which ..." question answered by one item of a list: the best item names what was
        asked far better than its siblings do, or it alone names a name the question names
        ("xã Phú Lương mới được gộp từ những đơn vị nào")."""
        p = hits[best.rank].passage
        if question and _names_alone(best, units, hits, question):
            return True
        siblings = [
            u.own for u in units if hits[u.rank].passage.section == p.section and u is not best
        ]
        if not siblings:
            return False
        typical = sorted(siblings)[len(siblings) // 2]
        return best.own >= 0.5 and best.own - typical >= 0.3

    @staticmethod
    def _named_row(
        question: str, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """A list question about one row of a table, named by its own label ("xã A Lưới 2 ...
        gồm những xã cũ nào"): that row's text answers, not the rows of its group."""
        p = hits[best.rank].passage
        row = _split_row(p.text) if p.kind == "row" else None
        own = row[1] if row else ""
        if len(own) < 3 or not re.search(
            rf"(?<!\w){re.escape(fold(own).lower())}(?!\w)", fold(question).lower()
        ):
            return None
        # its text cell, if it has one ("Ghi chú: Áp dụng trên địa bàn ..."), else the best
        return _cell_answer(next(iter(_text_cells(p, units, hits)), best), p)

    @staticmethod
    def _row_text(
        question: str, best: Unit, units: list[Unit], hits: list[Hit]
    ) -> compose.Draft | None:
        """A question that asks no figure, answered by a table row's figure cell, is answered
        by the row's text cell instead when that cell names words of the question the figure
        cell does not ("tỷ lệ ... cho phường Phong Phú được áp dụng trên địa bàn xã cũ nào":
        "Ghi chú: Áp dụng trên địa bàn ...", not "Tỷ lệ ... (Xã): 70")."""
        p = hits[best.rank].passage
        if p.kind != "row" or not is_value(_cell_of(best.text)):
            return None
        asked = syllable_set(question) - syllable_set(best.text)
        for u in _text_cells(p, units, hits):
            if len(asked & syllable_set(_cell_of(u.text))) >= MIN_TEXT_WORDS:
                return _cell_answer(u, p)
        return None

    @staticmethod
    def _announced(items: list[Concept], hits: list[Hit], question: str) -> bool:
        """A passage read holds a lead-in announcing the very set asked ("... được miễn trừ
        trong các trường hợp sau đây:" for "trong những trường hợp nào") that, with its
        headings, names enough of the question."""
        return any(_announcing(c, question) for c in _choices(items, hits, question))

    def _list(
        self, query: Query, items: list[Concept], best: Unit, hits: list[Hit], which: bool = False
    ) -> compose.Draft:
        """The items under the heading that best names what is asked ("c) Các chỉ tiêu về môi
        trường", or a lead-in line "- Chỉ tiêu về văn hóa:"), each cited."""
        p = hits[best.rank].passage
        # "những khoản phí nào" over a table: its group's rows, unless a heading announces the
        # set asked ("những ai được miễn" under "3. Đối tượng miễn thu phí")
        if p.kind in ("row", "table") and not self._announced(items, hits, query.standard):
            rows = self._group_rows(p, best)
            if rows is not None:
                return rows
        heading, entries, named = self._list_entries(
            items, best, hits, query.standard, own_section=not which
        )
        # one clause that names what is asked better than any heading does is the answer
        # itself ("... các xã Phúc Chu, Bảo Linh, Đồng Thịnh thành xã mới ... xã Định Hóa"),
        # when the question asks which ones or the heading does not name its weightiest word;
        # "làm gì", "gồm những gì" under a heading that names the topic ask for its items
        item = best.text.rstrip().endswith(":") or bool(_lead_of(best, p))
        top = max(items, key=lambda c: c.weight, default=None)
        alone = (
            which
            or named < MIN_HEADING_COVERAGE
            or (top is not None and not top.found_in(syllable_set(heading)))
        ) and not (_announces(heading, query.standard) or titled_by_set(heading, query.standard))
        # "làm gì", "gồm những gì" read from the best clause's own section ask for all of it
        alone = alone and (which or not p.section or heading != p.section[-1])
        if len(entries) <= 1 or (alone and not item and best.own >= max(named + 0.2, 0.8)):
            return compose.Draft(compose.value_answer(best, p), (compose.Cited(p, None, 0.0),))
        if len(entries) < MIN_PARAGRAPH_ITEMS:  # a few long paragraphs: their clauses are the
            entries = _clause_items(entries)  # items ("...; đẩy mạnh hội nhập quốc tế ...")
        # under headings that do not name the question's weightiest word, the item the question
        # points at shows the clause that answers it, not its lead clause ("... kiểm tra thuế;
        # đẩy mạnh ... cưỡng chế nợ thuế ...")
        pointed = (
            top is not None
            and not top.found_in(syllable_set(" ".join((*p.section, heading))))
            and not best.text.endswith(":")
        )
        if pointed and top is not None and top.found_in(syllable_set(best.text)):
            # the item that names what its heading does not comes first: what is asked, first
            entries = sorted(entries, key=lambda e: not _points_at(e, p, best))
        cited: list[compose.Cited] = []
        numbered: list[tuple[str, int]] = []
        limit = compose.item_limit(len(entries))
        for line, q, span in entries:
            if pointed and _points_at((line, q, span), p, best) and span[0] < best.start:
                # the item read from its start when the clause asked about still opens near the
                # start of the answer and fits in the item's room ("Tăng cường ... kiểm tra
                # thuế; đẩy mạnh ... cưỡng chế nợ thuế"), else read from that clause
                before = len(heading) + (best.start - span[0])
                through = best.end - span[0]
                if before > compose.MAX_ITEM_CHARS or through > limit:
                    line = best.text[:1].upper() + best.text[1:]
            known = next((i for i, c in enumerate(cited) if c.passage.id == q.id), None)
            if known is None and len(cited) < compose.MAX_ITEMS + compose.MAX_TAIL:
                cited.append(compose.Cited(q, span, 0.0))
                known = len(cited) - 1
            numbered.append((line, (known if known is not None else len(cited) - 1) + 1))
        heading, numbered = _titled_first_item(heading, numbered)
        return compose.Draft(compose.list_answer(heading, numbered), tuple(cited))

    @staticmethod
    def _inline_list(best: Unit, p: Passage) -> compose.Draft | None:
        """The items of an enumeration inside the best clause's sentence ("... các nhiệm vụ
        trọng tâm như: A; B; C"), under its lead-in, or None when it opens none."""
        inline = _inline_items(p, best)
        if len(inline) < 3:  # a lead and at least two items
            return None
        lead, spans = inline[0], inline[1:]
        cited = (compose.Cited(p, (spans[0][0], spans[-1][1]), 0.0),)
        return compose.Draft(compose.list_answer(lead, [(p.text[a:b], 1) for a, b in spans]), cited)

    def _group_rows(self, p: Passage, best: Unit) -> compose.Draft | None:
        """The rows of a table under the same groups as the best row ("Phí sát hạch lái xe —
        Đối với thi sát hạch lái xe ô tô"), each as its label and figures, cited; None for a
        row alone in its group. Rows are passages of their own, or lines of a small table."""
        if p.kind == "row":
            rows = [(q, (0, len(q.text)), q.text) for q in self.tables.get(table_of(p) or "", [])]
            own = p.text
        else:
            rows, offset = [], 0
            for line in p.text.split("\n"):
                at = p.text.find(line, offset)
                offset = at + len(line)
                rows.append((p, (at, offset), line))
            own = next((t for _, (a, b), t in rows if a <= best.start < b + 1), "")
        mine = _split_row(own)
        if mine is None:
            return None
        group = [
            (q, span, parts)
            for q, span, t in rows
            if (parts := _split_row(t)) and parts[0] == mine[0]
        ]
        if len(group) < 2:
            return None
        cited: list[compose.Cited] = []
        numbered: list[tuple[str, int]] = []
        for q, span, (_, label, values) in group:
            known = next(
                (i for i, c in enumerate(cited) if c.passage.id == q.id and c.span == span), None
            )
            if known is None and len(cited) < compose.MAX_ITEMS + compose.MAX_TAIL:
                cited.append(compose.Cited(q, span, 0.0))
                known = len(cited) - 1
            numbered.append(
                (f"{label}: {values}", (known if known is not None else len(cited) - 1) + 1)
            )
        heading = mine[0].rsplit(" — ", 1)[-1]
        return compose.Draft(compose.list_answer(heading, numbered), tuple(cited))

    def _list_entries(
        self,
        items: list[Concept],
        best: Unit,
        hits: list[Hit],
        question: str = "",
        own_section: bool = False,
    ) -> tuple[str, list[tuple[str, Passage, tuple[int, int]]], float]:
        """The heading a list answer reads from, its items (text, passage, span) and how much of
        the question the heading names. `own_section`: when no heading names what is asked and
        the best passage is one paragraph, the items of the section that paragraph lies in
        ("làm gì để ..." answered by the actions of "g) Quản lý thu - chi ngân sách")."""
        from bot.concepts import coverage

        # a heading is read with the headings above it ("b) Về giáo dục và đào tạo" under "II.
        # Nhiệm vụ và các giải pháp phát triển ..."); of the headings that name as much, the
        # highest that does; a lead-in line ("... theo các nhóm sau đây:") is read under its
        # passage's headings, and before a heading above it that names no more
        choices = _choices(items, hits, question)
        if not choices:
            return "", [], 0.0
        # a lead-in announcing the very set asked ("Các trường hợp sau đây ...:" for "những
        # trường hợp nào") that names enough of the question comes first
        chosen = max(choices, key=lambda c: (_announcing(c, question), c[0], c[1], c[2]))
        framed, _, depth, title, p, line = chosen
        depth = -depth
        if line is not None and "\n" not in p.text.strip():  # its items are the sub-headings
            depth, line = len(p.section), None
        elif line is None:
            # a lead-in line under that heading that names as much is read instead; under a
            # heading titled by the set asked ("Điều 20. Mức xếp loại ..."), only one that
            # announces that set too ("... theo các nhóm sau đây:")
            titled = _announcing(chosen, question)
            under = [
                c
                for c in choices
                if c[5] is not None
                and c[0] >= framed
                and c[4].doc_id == p.doc_id
                and c[4].section[:depth] == p.section[:depth]
                and (not titled or _announcing(c, question))
            ]
            if under:
                framed, _, _, title, p, line = max(under, key=lambda c: (c[0], c[1]))
        # a heading heads the answer when it names enough of the question by itself, or with
        # the headings above it names as much as the best clause does
        cov = coverage(items, syllable_set(title), frozenset())
        if cov < MIN_HEADING_COVERAGE and (
            framed >= max(best.own, MIN_HEADING_COVERAGE) or _announcing(chosen, question)
        ):  # ... or it is titled by the very set asked ("những ai": "Đối tượng miễn ...")
            cov = framed
        if _titles_set(title, line, question):
            # titled by the set asked and by what is done to it: it names enough
            cov = max(cov, MIN_HEADING_COVERAGE)
        own = hits[best.rank].passage
        one_paragraph = len([x for x in own.text.split("\n") if x.strip()]) <= 1
        if cov < MIN_HEADING_COVERAGE and own_section and one_paragraph and own.section:
            # what to do about a topic no heading names: the paragraphs beside the best one,
            # under the heading of its own section
            p, depth, title, line = own, len(own.section), own.section[-1], None
        elif cov < MIN_HEADING_COVERAGE:  # no heading names what is asked: the best passage's
            p = own  # lines
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
                if compose.BARE_LABEL.fullmatch(child):
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
                if _ends_lead(line, item):  # "b) ...:" ends at "c) ...", its next sibling
                    break
                if item.strip():
                    at = q.text.find(item, start)
                    entries.append((item, q, (at, at + len(item))))
        return _top_level(entries)


# what a list may be read from: (coverage of the question, -retrieval order, -depth, heading or
# lead-in line, its passage, the lead-in line or None for a heading)
Choice = tuple[float, int, int, str, Passage, str | None]


# a name as documents write it: two or more capitalized syllables ("Phú Lương", "Tân Cương")
_NAME = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)+")


def _names_alone(best: Unit, units: list[Unit], hits: list[Hit], question: str) -> bool:
    """The best clause names, in capitals, a name the question names (typed in any case, with
    or without marks) that no other clause of its document read names."""
    asked = f" {' '.join(syllables(fold(question).lower()))} "
    doc = hits[best.rank].passage.doc_id
    names = {
        key
        for m in _NAME.finditer(best.text)
        if f" {(key := ' '.join(syllables(fold(m.group(0)).lower())))} " in asked
    }
    if not names:
        return False
    others = [
        f" {' '.join(syllables(fold(u.text).lower()))} "
        for u in units
        if u is not best and hits[u.rank].passage.doc_id == doc and u.text != best.text
    ]
    return any(not any(f" {n} " in o for o in others) for n in names)


def _choices(items: list[Concept], hits: list[Hit], question: str) -> list[Choice]:
    """Every heading of the passages read (with the headings above it) and every lead-in line
    ("... như sau:"), each with how much of the question it names."""
    from bot.concepts import coverage

    choices: list[Choice] = []
    for order, h in enumerate(hits):
        p = h.passage
        path: set[str] = set()
        for depth in range(1, len(p.section) + 1):
            title = p.section[depth - 1]
            path |= syllable_set(title)
            choices.append(
                (coverage(items, frozenset(path), frozenset()), -order, -depth, title, p, None)
            )
        # a lead-in is a line of a passage that holds its items, or a passage of its own whose
        # items are the sub-headings beside it ("Các trường hợp sau đây ...:" before "Khoản 1")
        alone = "\n" not in p.text.strip()
        lines = p.text.split("\n")
        for line in lines:
            if line.rstrip().endswith(":") and (not alone or _announces(line, question)):
                cov = coverage(items, frozenset(path | syllable_set(line)), frozenset())
                choices.append((cov, -order, -99, line, p, line))
        # a clause labelled only by its number ("Khoản 1") whose first line titles its items
        # ("1. Nguồn lực hỗ trợ" over "a) Ngân sách trung ương."), when that title is the set
        # asked and what is asked of it
        if (
            len(lines) > 1
            and p.section
            and compose.BARE_LABEL.fullmatch(p.section[-1])
            and _titles_set(lines[0], lines[0], question)
        ):
            cov = coverage(items, frozenset(path | syllable_set(lines[0])), frozenset())
            choices.append((cov, -order, -99, lines[0], p, lines[0]))
    return choices


def _cell_of(text: str) -> str:
    """A row unit's own cell ("Xã A Lưới 2 — Ghi chú: Áp dụng ..." -> "Áp dụng ...")."""
    return text.rsplit(" — ", 1)[-1].partition(": ")[2]


def _text_cells(p: Passage, units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """The units of a row passage that are its text cells, which state no figure, best first."""
    return [u for u in units if hits[u.rank].passage.id == p.id and not is_value(_cell_of(u.text))]


def _cell_answer(unit: Unit, p: Passage) -> compose.Draft:
    return compose.Draft(
        compose.value_answer(unit, p), (compose.Cited(p, (unit.start, unit.end), 0.0),)
    )


def _announcing(choice: Choice, question: str) -> bool:
    """A lead-in announcing the very set asked, or a heading titled by it ("Điều 20. Mức xếp
    loại ..." for "theo những mức nào"), that names enough of the question."""
    cov, title, line = choice[0], choice[3], choice[5]
    if _titles_set(title, line, question):
        return True  # "3. Đối tượng miễn thu phí" for "những ai được miễn", whatever else asked
    if cov < MIN_HEADING_COVERAGE:
        return False
    if line is None:
        return titled_by_set(title, question)
    # "Các trường hợp sau đây ...:", or a lead-in opening with the set ("1. Người có hoàn cảnh
    # khó khăn ... gồm:" for "những người có hoàn cảnh khó khăn nào")
    return _announces(line, question) or titled_by_set(line, question)


# the set a question asks for: "theo những mức nào" -> "mức", "các đối tượng nào" -> "đối tượng"
_SET_ASKED = re.compile(r"\b(?:những|các) ((?:\w+ ){0,5}?\w+) (?:nào|gì)\b", re.IGNORECASE)
# "những ai được miễn", "ai phải nộp": who, the persons a rule names
_WHO_ASKED = re.compile(
    r"(?<!\w)(?:(?:những|các|nhung|cac) ai|ai (?:được|phải|duoc|phai))(?!\w)", re.I
)
# a heading's label and plural article: "Điều 20.", "a)", "II.", "Các"
_HEADING_LEAD = re.compile(
    r"^(?:(?:Điều|Khoản|Điểm|Mục|Chương|Phần|Phụ lục)\s+[\w.]+\.?|[\w]{1,4}[.)])?\s*"
    r"(?:(?:các|những)\s+)?",
    re.IGNORECASE,
)


# what a list question asks is done to its set: "những ai được miễn" -> "miễn" (folded)
_DONE_TO = re.compile(r"\b(?:duoc|phai)\s+(\w+)")


def set_and_act(title: str, question: str) -> bool:
    """The title names the set asked and what is asked of it ("Đối tượng miễn thu phí")."""
    return titled_by_set(title, question) and names_act(title, question)


def _titles_set(title: str, line: str | None, question: str) -> bool:
    """A heading, or a title line that is no lead-in ("1. Nguồn lực hỗ trợ", not "... sau:"),
    that names the set asked and what is asked of it."""
    return (line is None or not line.rstrip().endswith(":")) and set_and_act(title, question)


def names_act(title: str, question: str) -> bool:
    """The heading names what the question asks is done to its set: "Đối tượng miễn thu phí"
    for "những ai được miễn phí", not "Đối tượng nộp phí"; with no such act asked, a word of
    the question besides the set ("Nguồn lực hỗ trợ" for "tiền hỗ trợ ... từ những nguồn
    nào")."""
    asked = fold(question).lower()
    words = syllables(fold(_HEADING_LEAD.sub("", title.strip(), count=1)).lower())
    done = _DONE_TO.search(asked)
    if done:
        return done.group(1) in words
    found = _SET_ASKED.search(question)
    noun = set(syllables(fold(found.group(1)).lower())) if found else {"doi", "tuong"}
    return bool(set(words[1:]) - noun - STOPWORDS & set(syllables(asked)))


def titled_by_set(title: str, question: str) -> bool:
    """The heading's title opens with the noun of the set the question asks for; "những ai"
    asks for the persons a rule names, its "đối tượng"."""
    found = _SET_ASKED.search(question)
    if not found and not _WHO_ASKED.search(question):
        return False
    noun = syllables(found.group(1)) if found else ["doi", "tuong"]
    words = syllables(_HEADING_LEAD.sub("", title.strip(), count=1))
    # its first word, and its second among the title's first words ("mức phí": "Mức thu phí")
    return bool(noun and words) and words[0] == noun[0] and (len(noun) == 1 or noun[1] in words[:4])


# a lead-in that announces the set it enumerates: "Các trường hợp sau đây được miễn lệ phí:"
_ANNOUNCED = re.compile(r"(?<!như )\b(?:các|những) ([^,;:()]{2,40}?) sau(?: đây)?\b", re.IGNORECASE)


# a question asking what something is made of: "gồm những gì", "bao gồm những loại nào"
_CONSISTS_ASKED = re.compile(r"\bgồm (?:có )?(?:(?:những|các) )?(?:\w+ ){0,2}?(?:gì|nào)\b", re.I)
# a lead-in that says what its subject is made of: "Tài liệu ... điện tử, bao gồm:"
_CONSISTS = r"(?:bao gồm|gồm)(?: có)?\s*:"
_CONSISTS_LEAD = re.compile(rf"\b{_CONSISTS}\s*$", re.IGNORECASE)


def _announces(heading: str, question: str) -> bool:
    """The heading is a lead-in line announcing the very set the question asks for ("những
    trường hợp nào" under "Các trường hợp sau đây ...:"; "gồm những gì" under "..., bao
    gồm:")."""
    if not heading.rstrip().endswith(":"):
        return False
    if _CONSISTS_LEAD.search(heading) and _CONSISTS_ASKED.search(question):
        return True
    found = _ANNOUNCED.search(heading)
    if not found:
        return False
    return set(syllables(found.group(1))) <= set(syllables(question))


# an enumeration inside a sentence: "... các nhiệm vụ trọng tâm như: A; B; C", or "... bao
# gồm A; B; C" with no colon but at least three items
_INLINE_LEAD = re.compile(
    r"(?:như|gồm|bao gồm|sau đây|sau)\s*:\s*|\b(?:bao gồm|gồm)\s+(?=[^;\n]+;[^;\n]+;)",
    re.IGNORECASE,
)


def _inline_items(p: Passage, best: Unit) -> list:
    """[lead, (start, end), ...]: the lead-in of an enumeration that the best clause opens or
    belongs to, and the spans of its items (separated by ";") up to the end of the
    paragraph; [] when the clause opens none."""
    line_start, line_end = line_around(p.text, best.start)
    lead = _INLINE_LEAD.search(p.text, line_start, line_end)
    if lead is None or lead.start() > best.end:
        return []
    out: list = [p.text[line_start : lead.start()].strip() + ":"]
    pos = lead.end()
    for piece in p.text[lead.end() : line_end].split(";"):
        start = p.text.find(piece, pos)
        text = piece.strip(" .,")
        if len(text) >= 3:
            offset = start + piece.find(text)
            out.append((offset, offset + len(text)))
        pos = start + len(piece)
    return out


def _split_row(text: str) -> tuple[str, str, str] | None:
    """A table row as read ("Caption — group — label — column: value; column: value") ->
    (the groups above it, its label, the columns that state figures), or None."""
    parts = text.strip().split(" — ")
    if len(parts) < 3 or ": " not in parts[-1]:
        return None
    cells = [c.strip() for c in parts[-1].split("; ")]
    figures = [c for c in cells if re.search(r"\d", c.partition(": ")[2])]
    return " — ".join(parts[:-2]), parts[-2], ", ".join(figures or cells)


def _points_at(entry: tuple[str, Passage, tuple[int, int]], p: Passage, best: Unit) -> bool:
    """The list entry holds the best unit."""
    _, q, (start, end) = entry
    return q.id == p.id and start <= best.start < end


def _lead_of(unit: Unit, p: Passage) -> str:
    """The lead-in line ("... như sau:") a unit of a passage stands under, if any."""
    first = p.text.split("\n", 1)[0]
    return first if unit.start > len(first) and first.rstrip().endswith(":") else ""


def _ends_lead(lead: str, line: str) -> bool:
    """The line is a sibling of a numbered or lettered lead-in ("c) ..." after "b) ...:"), or a
    heading above it: the lead-in's items ended before it."""
    mine = classify(lead.strip()).level
    if mine not in _LABELLED:
        return False
    theirs = classify(line.strip()).level
    return theirs in _LABELLED and _LABELLED.index(theirs) <= _LABELLED.index(mine)


def _top_level(
    entries: list[tuple[str, Passage, tuple[int, int]]],
) -> list[tuple[str, Passage, tuple[int, int]]]:
    """The outermost items of a list, each once: "1.", "2." without their "a)", "b)" and
    bullets (a passage that repeats its lead-in repeats nothing here)."""
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


def set_opening(question: str, units: list[Unit], hits: list[Hit], best: Unit) -> Unit | None:
    """Of the best clauses in the best one's document, the first that opens with the set a list
    question asks for and enumerates it ("Nguồn tài chính của Quỹ bao gồm ...; ...; ..." for
    "những nguồn tài chính nào"), when the best clause does not."""
    doc = hits[best.rank].passage.doc_id
    for u in [best, *units[:K_SET_OPENING]]:
        p = hits[u.rank].passage
        if p.doc_id != doc:
            continue
        line_start, line_end = line_around(p.text, u.start)
        line = p.text[line_start:line_end]
        if (titled_by_set(line, question) or _opens_with_subject(line, question)) and (
            _inline_items(p, u)
        ):
            return None if u is best else u
    return None


# a clause that says what its subject is made of: "a) Khu vực I gồm: Thành phố Hà Nội, ..."
_SUBJECT_CONSISTS = re.compile(
    rf"^\s*(?:[a-zđ]\)|\d{{1,2}}[.)]|[-+•])?\s*([^:;,.()]{{3,60}}?)\s+{_CONSISTS}",
    re.IGNORECASE,
)


def _opens_with_subject(line: str, question: str) -> bool:
    """The line opens by saying what a subject the question names is made of ("Khu vực I gồm:
    ..." for "khu vực I gồm những địa phương nào")."""
    found = _SUBJECT_CONSISTS.match(line)
    if not found or len(syllables(found.group(1))) < 2:
        return False
    subject = " ".join(fold(found.group(1)).lower().split())
    return has_words(" ".join(fold(question).lower().split()), subject)


def _clause_items(
    entries: list[tuple[str, Passage, tuple[int, int]]],
) -> list[tuple[str, Passage, tuple[int, int]]]:
    """Each item's clauses and sentences as items of their own: a section of two paragraphs
    of tasks lists its tasks, not two opening sentences."""
    out = []
    for line, q, (start, end) in entries:
        parts = clauses(line)
        if len(parts) < 2:
            out.append((line, q, (start, end)))
            continue
        for a, b in parts:
            text = line[a:b].strip().rstrip(";,.")
            if text:
                shown = text[:1].upper() + text[1:]  # "đẩy mạnh ..." opens its own item
                out.append((shown, q, (start + a, start + a + len(text))))
    return out


# "1. Nguồn lực hỗ trợ" opening a khoản: a numbered title, no sentence
_NUMBERED_TITLE = re.compile(r"^(?:\d{1,2}\.\s+)?([^.;:!?…]{3,60})$")
_POINT = re.compile(r"^[a-zđ]\)\s")


def _titled_first_item(
    heading: str, items: list[tuple[str, int]]
) -> tuple[str, list[tuple[str, int]]]:
    """A khoản whose first line titles its points ("1. Nguồn lực hỗ trợ" over "a) Ngân sách
    trung ương ..."), listed under a bare label: that line heads the list, not an item."""
    if heading and not compose.BARE_LABEL.fullmatch(heading):
        return heading, items
    if len(items) < 3 or not all(_POINT.match(text.strip()) for text, _ in items[1:]):
        return heading, items
    title = _NUMBERED_TITLE.match(" ".join(items[0][0].split()))
    return (title.group(1), items[1:]) if title else (heading, items)
