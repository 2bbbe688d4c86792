"""Checks that hold whatever the confidence: the places, years, communes, wards and bodies a
question names must be where the answer comes from, and an attachment the corpus does not hold
is said to be missing, never guessed."""

from __future__ import annotations

import re

from bot import compose
from bot.concepts import has_words, syllable_set
from bot.evidence import Unit
from bot.steer import places_covered
from bot.understand import Query
from corpus.types import DocumentMeta, Passage
from index.abbrev import ABBREVIATIONS
from index.fold import fold
from index.synonyms import LEVEL_NAMES, everyday_spans
from index.types import Hit

# the words that introduce a proper name of a place or body: "phường Kim Long", "đền Bạch Mã"
_NAMED = re.compile(
    r"\b(?:xã|phường|thị trấn|thị xã|huyện|quận|thôn|bản|đền|chùa|đình|miếu|trường|bệnh viện|"
    r"cục|sở)\s+",
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

_APPENDIX = re.compile(r"\bphụ lục\b", re.IGNORECASE)

# a clause that sends the reader to an appendix: "quy định tại Phụ lục ...", "theo Phụ lục đính
# kèm", "Phụ lục ban hành kèm theo Nghị định này", "tại Biểu mức thu lệ phí ban hành kèm theo"
_ATTACHED = r"phụ lục|biểu mức thu|biểu phí"
_SENDS_TO_APPENDIX = re.compile(
    rf"\b(?:tại|theo|ở|trong)\s+(?:các\s+)?({_ATTACHED})\b|"
    rf"\b({_ATTACHED})\b[^.;]{{0,30}}\b(?:kèm theo|đính kèm)",
    re.IGNORECASE,
)
_HOLDS_ATTACHMENT = re.compile(rf"\b(?:{_ATTACHED})\b", re.IGNORECASE)


_DASH = re.compile(r"\s*[-–]\s*")


def one_dash(text: str) -> str:
    """A period written one way: "2025 - 2027" and "2025–2027" as "2025-2027"."""
    return _DASH.sub("-", text)


class Checks:
    """The bot's checks (a part of Bot: reads its index, metadata and helpers)."""

    @property
    def doc_texts(self) -> dict[str, str]:
        """Each document's text with its headings, folded, lower case, one space."""
        if self._doc_texts is None:
            texts: dict[str, list[str]] = {}
            for q in self.index.passages:
                texts.setdefault(q.doc_id, []).append(f"{q.section_str} {q.text}")
            self._doc_texts = {
                d: " ".join(_fold_long(" ".join(t)).lower().split()) for d, t in texts.items()
            }
        return self._doc_texts

    def holds_name(self, doc_id: str, name: str) -> bool:
        """The document names it ("Phú Bình", folded and whole words)."""
        return _held(self.doc_texts.get(doc_id, ""), " ".join(fold(name).lower().split()))

    def _names_held(self, query: Query, p: Passage, unit: str = "") -> bool:
        """Every proper name the question gives a commune, ward, temple, school or office
        ("phường Kim Long", "đền Bạch Mã") is in the document the evidence comes from, and in
        the evidence's row when that row names a place or body of its own."""
        names = named_entities(query.text)
        if not names:
            return True
        meta = self.metas.get(p.doc_id)
        where = self.doc_texts.get(p.doc_id, "") + " " + fold(meta.title if meta else "").lower()
        folded = [" ".join(fold(n).lower().split()) for n in names]
        if not all(_held(where, n) for n in folded):
            return False
        # a part of the document headed by the name ("B. SỬA ĐỔI QUY ĐỊNH PHÍ THAM QUAN DI TÍCH
        # CHÙA HƯƠNG") holds what is said of it; the other parts speak of other sites
        own = " ".join(fold(f"{p.section_str} {unit or p.text}").lower().split())
        headed = self._headed_names(p.doc_id)
        whole = fold(f"{meta.title} {meta.issuer}" if meta else "").lower()  # the document's own
        if any(has_words(headed, n) and not _held(own, n) and not _held(whole, n) for n in folded):
            return False
        # a table row about another temple or ward ("Đền Quan Đế" for "chùa Hương") is a
        # neighbour's row, not the one asked; a small table is read line by line
        text = unit if p.kind == "table" and unit else p.text
        if p.kind in ("row", "table") and named_entities(p.text):
            row = " ".join(_fold_long(text).lower().split())
            return any(_held(row, n) for n in folded)
        return True

    def _headed_names(self, doc_id: str) -> str:
        """The document's headings, folded: the names its parts are about."""
        if self._headings is None:
            heads: dict[str, set[str]] = {}
            for q in self.index.passages:
                heads.setdefault(q.doc_id, set()).update(q.section)
            self._headings = {
                d: " | ".join(" ".join(fold(h).lower().split()) for h in sorted(hs))
                for d, hs in heads.items()
            }
        return self._headings.get(doc_id, "")

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

    def _years_covered(
        self, query: Query, p: Passage, meta: DocumentMeta | None, context: str
    ) -> bool:
        if not query.years:
            return True
        article = self._article_lead(p)
        dates = [meta.date or "", meta.effective or ""] if meta else []
        # an article that states its year ("Điều 2. Thông qua mục tiêu ... năm 2023") scopes
        # its passages to it: the other years of the document's title and dates (its 2022
        # results, signed in 2022) are not theirs
        own_text = " ".join([p.text, article, *p.section])
        known = own_text if _YEAR.search(own_text) else " ".join([p.text, context, article, *dates])
        flat = one_dash(known)
        own = one_dash(" ".join([*p.section, p.text]))
        # a period the passage itself states holds the years inside it ("giai đoạn 2027 -
        # 2030" holds 2028) and rules out the others; one of the document's does not
        periods = [(int(a), int(b)) for a, b in _PERIOD.findall(own)]
        # a document in force only from a later year (signed 11/2025, in force from 01/01/2026)
        # sets nothing for a year before it: its date and number do not hold such a year
        # ("lương tối thiểu năm 2025"), unless the year names the document ("nghị định năm 2025")
        signed, effective = (meta.date or "", meta.effective or "") if meta else ("", "")
        later = int(effective[:4]) if signed and effective[:4] > signed[:4] else 0
        undated = own_text if _YEAR.search(own_text) else " ".join([p.text, context, article])
        before = _DOC_NUMBER_YEAR.sub(" ", undated)
        return all(
            _in_periods(
                y,
                periods,
                own,
                _year_held(y, one_dash(before))
                if y.isdigit() and int(y) < later and not _names_document_year(query.standard, y)
                else _year_held(y, flat),
            )
            for y in query.years
        )

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
        # the document the question names by its number, else the one found first
        named = self._numbered(query, typed=False)  # the documents it names by number (Facts)
        doc = self.index.corpus.document(named[0].doc_id if named else hits[0].passage.doc_id)
        titles = [f"{h.label} {h.title}".lower() for h in doc.toc]
        sections = {" ".join(p.section).lower() for p in doc.passages}
        for m in asked:
            number = m.group(1)  # "V" of "Phụ lục V": the titles below are lower case
            if number is None:  # "trong các phụ lục": any attachment of the document
                if any(h.level == "phuluc" or _APPENDIX.match(h.title) for h in doc.toc):
                    return None
                continue
            word = m.group(0)[: m.start(1) - m.start(0)].strip().lower()
            number = number.lower().lstrip("0") or "0"
            key = rf"\b{re.escape(word)}\s+(?:số\s+)?0*{re.escape(number)}\b"
            if any(re.search(key, t) for t in titles) or any(re.search(key, s) for s in sections):
                return None
            # a form printed under its appendix opens with its own label ("Mẫu số 01")
            opens = re.compile(rf"(?:^|\n){key}", re.IGNORECASE)
            if any(opens.search(p.text) for p in doc.passages):
                return None
        return (
            f"Phần được hỏi ({asked[0].group(0)}) của {compose.where(doc.meta)} "
            "không có trong kho văn bản."
        )

    def _missing_appendix(self, p: Passage, closest: bool = True) -> str | None:
        """When the closest passage (or, `closest` False, a passage near the question) sends the
        reader to an appendix or a fee schedule the corpus does not hold, say so instead of
        guessing."""
        m = _SENDS_TO_APPENDIX.search(p.text)
        if m is None:
            return None
        doc = self.index.corpus.document(p.doc_id)
        if any(h.level == "phuluc" or _HOLDS_ATTACHMENT.match(h.title) for h in doc.toc):
            return None
        name = (m.group(1) or m.group(2)).lower()
        return (
            f"{'Đoạn gần nhất' if closest else 'Một đoạn gần câu hỏi'} dẫn tới {name} của "
            f"{compose.where(doc.meta)}, nhưng {name} đó không có trong kho văn bản."
        )


def _held(text: str, name: str) -> bool:
    """The folded name is in the folded text; a run of four or more capitalized words may be two
    names ("đền Bạch Mã Hàng Buồm": the temple and its street), each of which must be."""
    if has_words(text, name):
        return True
    words = name.split()
    if len(words) < 4:
        return False
    return all(has_words(text, " ".join(words[i : i + 2])) for i in range(0, len(words), 2))


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
            if bare.isupper() and fold(bare).upper() in ABBREVIATIONS:
                # "trường THCS", "sở GDĐT": the kind of school or office, not its name
                if words:
                    break
                continue
            words.append(bare)
            if bare != word:  # punctuation ends the name
                break
        if words and words[0][0].isupper() and not (len(words) == 1 and len(words[0]) == 1):
            out.append(" ".join(words))
    return out


def _fold_long(text: str) -> str:
    """fold() for a whole document: not kept in fold's cache of short strings."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_ONWARD = re.compile(r"từ năm học (\d{4})-\d{4}", re.IGNORECASE)


def _year_held(year: str, text: str) -> bool:
    """A year asked is in the text; a school year ("2026-2027") as such, or as a school year
    the text applies from onward ("từ năm học 2025-2026"), or its first year standing alone
    (not the end of another span: "2025-2026" does not hold "2026-2027")."""
    if "-" not in year:
        return year in text
    if year in text:
        return True
    first = year.split("-")[0]
    if any(int(m.group(1)) <= int(first) for m in _ONWARD.finditer(text)):
        return True
    return re.search(rf"(?<![\d-]){first}(?![\d-])", text) is not None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# the year inside a document's number ("293/2025/NĐ-CP"), which names the document
_DOC_NUMBER_YEAR = re.compile(r"\d+/(?:19|20)\d{2}(?:/[\w-]+)?")


def _names_document_year(question: str, year: str) -> bool:
    """The year names a document by when it was issued: "nghị quyết năm 2025 của Hà Nội",
    "Luật Trí tuệ nhân tạo 2025", "văn bản ban hành năm 2025", "the 2025 Law on ..."."""
    folded = fold(question).lower()
    kinds = (
        r"(?:nghi quyet|nghi dinh|thong tu|quyet dinh|luat|van ban|cong van|ban hanh|ky|"
        r"law|decree|resolution|circular|decision)"
    )
    return (
        re.search(rf"\b{kinds}(?:\s+\S+){{0,5}}?\s+(?:nam\s+|of\s+)?{year}\b", folded) is not None
        or re.search(rf"\b{year}\s+{kinds}\b", folded) is not None
    )


_PERIOD = re.compile(r"(?<![\d-])((?:19|20)\d{2})-((?:19|20)\d{2})(?![\d-])")


def _in_periods(year: str, periods: list[tuple[int, int]], own: str, held: bool) -> bool:
    """A year asked against the periods the passage itself states ("giai đoạn 2027-2030"):
    one inside them is held; one outside them, which the passage does not name otherwise,
    is another period's rule; without such periods, whether the text holds it (`held`)."""
    if "-" in year or not periods:
        return held
    if any(a <= int(year) <= b for a, b in periods):
        return True
    return held and re.search(rf"(?<![\d-]){year}(?![\d-])", own) is not None


# "phó" before a title names the deputy: "Phó Chủ tịch", "phó thôn đội trưởng"
_DEPUTY = re.compile(r"(?<!\w)(?:phó|pho)\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", re.IGNORECASE)


# "đội phó", "tổ phó": a deputy named after the unit, whose chief is the "đội trưởng"
_DEPUTY_AFTER = re.compile(r"(?<!\w)([^\W\d_]+)\s+(?:phó|pho)(?!\w)", re.IGNORECASE)


def deputy_missing(question: str, evidence: str) -> bool:
    """The question asks about a deputy ("phó thôn đội trưởng", "thôn đội phó") and the
    evidence names the title ("thôn đội trưởng") only without "phó": it is about the chief,
    not the deputy."""
    # read without its asides: "Thôn (tổ) đội trưởng" is a "thôn đội trưởng"
    text = " ".join(_fold_long(re.sub(r"\([^)]*\)", " ", evidence)).lower().split())
    for m in _DEPUTY.finditer(question):
        title = " ".join(_fold_long(m.group(1)).lower().split())
        if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", text) and not re.search(
            rf"(?<!\w)pho\s+(?:[^\W\d_]+\s+){{0,2}}{re.escape(title)}(?!\w)", text
        ):
            return True
    for m in _DEPUTY_AFTER.finditer(question):
        unit = " ".join(_fold_long(m.group(1)).lower().split())
        if re.search(rf"(?<!\w){re.escape(unit)} truong(?!\w)", text) and not re.search(
            rf"(?<!\w){re.escape(unit)} pho(?!\w)", text
        ):
            return True
    return False


# a question about how things stand now: "hiện nay", "hiện giờ", "bây giờ", "currently"; or
# about what one month saw: "CPI tháng 10 năm 2025" (not "từ tháng 7/2025", a start)
_NOW = re.compile(
    r"\b(?:hien nay|hien gio|hien tai|bay gio|hien dang|currently|right now)\b"
    r"|(?<!\btu )\bthang \d{1,2}(?: nam |/)\d{4}\b"
)
# what a target says: headings of targets and plans, "phấn đấu" (strive to reach)
_TARGET = re.compile(r"\b(?:chi tieu|muc tieu|ke hoach|phan dau)\b")


def now_asked_of_a_target(question: str, evidence: str, headings: str) -> bool:
    """The question asks how things stand now, or what a month saw, and the evidence is a
    target set for a year ("Ổn định tỷ lệ che phủ rừng: Từ 46% trở lên" under "Các chỉ tiêu
    chủ yếu"): a target is not the present state."""
    if not _NOW.search(fold(question).lower()):
        return False
    return bool(_TARGET.search(fold(f"{headings} {evidence}").lower()))


# kinds of area a figure is set for; a question about one is not answered by a figure set for
# another ("dân số đô thị" asked, "dân số nông thôn" answered)
_AREAS = {
    "urban": ("do thi", "thanh thi"),
    "rural": ("nong thon",),
    "mountain": ("mien nui", "vung cao"),
    "plain": ("dong bang",),
}


def _areas(text: str) -> set[str]:
    found = syllable_set(text)  # folded syllables and their adjacent pairs
    return {kind for kind, names in _AREAS.items() if any(n in found for n in names)}


# levels of schooling a figure is set for; a question about one is not answered by a figure set
# for another ("học sinh THPT" asked, the row "Trung học cơ sở (THCS)" answered)
_SCHOOL_LEVELS = {
    "preschool": ("mam non", "mau giao", "nha tre"),
    "primary": ("tieu hoc", "cap 1"),
    "lower secondary": ("trung hoc co so", "thcs", "cap 2"),
    "upper secondary": ("trung hoc pho thong", "thpt", "cap 3"),
}


# the standards households are classed by; "hộ cận nghèo" asked is not answered by the figure
# for "hộ nghèo", nor "hộ có mức sống trung bình" by the poverty line
_HOUSEHOLDS = {
    "near-poor": ("can ngheo",),
    "middle": ("muc song trung binh",),
    # "nghèo" alone: poor, unless it is the "nghèo" of "cận nghèo"
    "poor": ("ngheo",),
}


def _words(text: str) -> str:
    # folded words as typed: not `syllables`, which reads the Roman "cấp I" of a budget unit as
    # "cấp 1", the primary school
    return f" {' '.join(re.findall(r'[a-z0-9]+', fold(text).lower()))} "


def _named(text: str, family: dict[str, tuple[str, ...]]) -> set[str]:
    words = _words(text)
    # the "nghèo" of "cận nghèo" is no "nghèo" of its own
    plain = re.sub(r" can (?=ngheo )", " can_", words)
    return {
        kind
        for kind, names in family.items()
        if any(f" {n} " in (words if " " in n else plain) for n in names)
    }


def other_school_level(question: str, evidence: str) -> bool:
    """The question names a level of schooling, or a grade of one ("lớp 7"), and the evidence
    is set for another level only (a row "Trung học cơ sở (THCS)" does not answer for "học
    sinh THPT")."""
    levels = [term for _, _, term in everyday_spans(question) if term in LEVEL_NAMES]
    return _other(" ".join([question, *levels]), evidence, _SCHOOL_LEVELS)


def other_household(question: str, evidence: str) -> bool:
    """The question names a class of household (poor, near-poor, middle-living-standard) and
    the evidence is set for another class only."""
    return _other(question, evidence, _HOUSEHOLDS)


def _other(question: str, evidence: str, family: dict[str, tuple[str, ...]]) -> bool:
    asked = _named(question, family)
    if not asked:
        return False
    found = _named(evidence, family)
    return bool(found) and not (asked & found)


def other_area(question: str, evidence: str, excluded: tuple[str, ...] = ()) -> bool:
    """The question names a kind of area (urban, rural, mountain, plain), not to leave it
    out ("khu vực không phải thành thị"), and the evidence is set for another kind only."""
    asked = _areas(question) - _areas(" ".join(excluded))
    if not asked:
        return False
    found = _areas(evidence)
    return bool(found) and not (asked & found)
