"""Choosing the evidence: every clause, list item and table cell of the retrieved passages is a
candidate, scored by how much of the question it covers (in itself or through its headings),
whether it holds what the question asks for (a figure, a date, a name), and how well its passage
was retrieved."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.candidates import candidates
from bot.classes import PlaceClass
from bot.concepts import Concept, plain_words, syllable_set, syllables
from bot.figures import DATE, DOC_NUMBER, SESSION, figures, has_unit, is_money, person_name, unit_of
from bot.levels import levels, set_elsewhere
from bot.understand import Query
from corpus.types import DocumentMeta, Passage
from index.fold import diacritic_ratio, fold
from index.glossary import translate_terms
from index.query import PreparedQuery, is_english
from index.types import Hit

_MONEY_Q = re.compile(
    r"\b(tien|dong|von|ngan sach|thu nhap|du toan|kinh phi|hoc phi|le phi|phi|luong|"
    r"phu cap|tro cap|muc chi|muc thu|gia ve|gia tien|gia ban|gia dien|muc gia|ho tro|cho vay|vay|"
    r"nop|money|fee|wage|budget|cost|"
    r"pay|paid|allowance|loan|usd|do la|dollars?)\b"
    # "bao nhiêu tỷ", "mấy trăm triệu": an amount counted in money's large units
    r"|\b(?:bao nhieu|may(?: tram| chuc)?) (?:ty|trieu)\b(?! (?:le|trong)\b)"
)
# "tăng thêm bao nhiêu": a rise, in money or as a share of the amount
# "giảm phí bao nhiêu": a reduction of the fee or price named between
_CHANGE_Q = re.compile(
    r"\b(?:tang|giam)(?: them)?(?: (?:hoc phi|le phi|muc phi|phi|gia))? (?:bao nhieu|bn|may)\b"
)
_RELATIVE_Q = re.compile(r"\b(?:bang|la) (?:bao nhieu|may)\b.*\bso voi\b")
# with marks "đóng" (pay) is no "đồng"; typed without, "dong" may be either
_SAYS_MONEY = re.compile(r"\b(?:tiền|đồng|triệu|nghìn|ngàn|tien|dong|trieu|nghin|ngan)\b")
# an interest rate ("lãi suất") is a share too
# a share: named, or asked of a part of a whole ("chiếm bao nhiêu trong tổng nền kinh tế")
_PERCENT_Q = re.compile(
    r"\b(ty le|phan tram|ty trong|lai suat|tang truong|percent|percentage|share|rate"
    r"|chiem (?:bao nhieu|bn|may)(?! (?:tien|dong|trieu|nghin|ty dong)))\b"
)
# "bao nhiêu tiền", "mấy triệu": an amount of money asked in so many words
_ASKS_MONEY = re.compile(r"\b(?:bao nhieu|may|bn)\s+(?:tien|dong|trieu|nghin|ngan)\b")


@dataclass(frozen=True, slots=True)
class Unit:
    """One candidate answer inside a retrieved passage."""

    rank: int  # which hit (0-based)
    start: int  # offsets of the unit in the passage text
    end: int
    text: str  # what the unit says ("Vùng I — Mức lương tối thiểu tháng: 5.310.000")
    value: str | None  # the figure, date or name it answers with, if any
    heading: str  # a table cell's column heading, or the clause's lead-in ("" if none)
    own: float  # coverage of the question by the unit itself
    covered: float  # coverage by the unit and its context (headings, title)
    score: float
    features: dict[str, float] | None = None  # what the ranker read (see bot/ranker.py)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the bot found for a question, before judging and composing."""

    query: Query
    prepared: PreparedQuery
    items: tuple[Concept, ...]  # the question's concepts
    topic: tuple[Concept, ...]  # ... without the places, years and documents that scope it
    hits: tuple[Hit, ...]
    units: tuple[Unit, ...]  # candidate answers, best first
    classed: PlaceClass | None = None  # the classed place read as its kind ("xã A Lưới 2")


def passage_context(passage: Passage, meta: DocumentMeta | None) -> str:
    """What frames a passage: its section path, the document's title and issuer."""
    parts = list(passage.section)
    if meta is not None:
        parts += [meta.title or "", meta.issuer or "", meta.kind or "", meta.number or ""]
    return " ".join(p for p in parts if p)


_YEAR_LEAD = re.compile(r"\b(?:năm|nam)\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _of_year(text: str, year: str) -> str:
    """What a text says for one year when it says something for each of several ("năm 2025
    tối đa 1,36%, năm 2026 tối đa 1,26%"): from "năm <year>" to the next "năm <year>"; ""
    when the text does not go year by year."""
    leads = list(_YEAR_LEAD.finditer(text))
    if len({m.group(1) for m in leads}) < 2:
        return ""
    for m, after in zip(leads, [*leads[1:], None], strict=True):
        if m.group(1) == year:
            return text[m.end() : after.start() if after else len(text)]
    return ""


def _breaks_down(text: str, years: Sequence[str]) -> bool:
    """The question asks of one period ("giai đoạn 2025-2027") and the text goes year by year
    inside it ("năm 2025 tối đa 1,36%, năm 2026 ..."): a breakdown, not the period's figure."""
    if len(years) != 1 or "-" not in years[0]:
        return False
    first, _, last = years[0].partition("-")
    if not (first.isdigit() and last.isdigit()):
        return False
    stated = {m.group(1) for m in _YEAR_LEAD.finditer(text)}
    return len(stated) >= 2 and all(first <= y <= last for y in stated)


def _counted_in(figure: str) -> set[str]:
    """The folded words of a figure up to its first "/": "9 tháng/năm học" counts months,
    "150.000 đồng/tháng" counts money per month, not months."""
    return set(_folded(figure).split("/")[0].split())


def value_for(query: Query, text: str, heading: str = "", per: str = "") -> str | None:
    """The figure, date or name this text answers the query with; `heading` and `per` are a
    table cell's column heading and the row's unit column ("người/ngày"), if any."""
    kind = query.kind
    if kind in ("figure", "other") or query.compare:
        unit = unit_of(heading) if heading else None
        if unit:  # "(1.000đ)" or "(1.000 đồng/trẻ/tháng)" is read "nghìn đồng ..."
            unit = re.sub(r"^1\.000\s*(?:đồng|đ)\b", "nghìn đồng", unit)
        asks = asked_measure(query.standard)
        if asks == "docnumber":  # "Báo cáo số 271/BC-UBND": the number after the kind asked
            kind_asked = _DOC_NUMBER_Q.search(_folded(query.standard)).group(1)
            for m in DOC_NUMBER.finditer(text):
                if kind_asked in _folded(text[max(0, m.start() - 25) : m.start()]):
                    return m.group(0) if kind == "figure" or query.compare else None
            return None
        if asks == "form":  # "mẫu số mấy": the form's number, which no figure reads
            form = _FORM.search(text)
            return form.group(0) if form else None
        spans = {_with_unit(f, unit, per): (a, b) for a, b, f in figures(text)}
        found = list(spans)
        if asks == "money":  # an amount of money is answered by one, not by a count or a share
            found = [f for f in found if is_money(f)]
        elif asks == "percent":
            found = [f for f in found if _is_share(f)]
        elif asks == "coefficient":
            found = [f for f in found if not has_unit(f)]
        elif asks == "duration":
            found = [f for f in found if _TIME_UNITS & _counted_in(f)]
        elif asks:  # "bao nhiêu tuổi": a figure counted in that unit, if the text has one
            counted = [f for f in found if asks in _counted_in(f)]
            # a unit of time or age asked ("bao nhiêu năm", "mấy tuổi") is answered only by a
            # figure in that unit, never by an amount of money or a share
            found = counted if counted or asks in _STRICT_UNITS else found
        per_asked = asked_per(query.standard)
        if per_asked:  # "bao nhiêu một con": not a figure counted per hectare
            # words only: "... bao nhiêu một năm?" holds "năm" before its question mark
            words = _PUNCTUATION.sub(" ", _NOT_A_UNIT.sub(" ", _folded(query.standard)))
            asked_text = f" {words} "
            found = [
                f
                for f in found
                if not _per_of(f)
                or per_asked in _per_of(f)
                or any(f" {w} " in asked_text for w in _per_of(f))  # "một con dấu": "/dấu"
            ]
        if not found and (asks == "duration" or asks in _TIME_UNITS):
            # "vận hành ... 24/7": round the clock, how long and how many hours a day
            found = _ROUND_THE_CLOCK.findall(text)
        if not found:
            return None
        paired = respective(query.standard, text) or ordinal_figure(query.standard, text)
        if paired is not None:  # "người thứ hai, thứ ba ... lần lượt bằng 70%, 60%": the one asked
            found = [_with_unit(paired, unit, per)]
        elif len(query.years) == 1:  # "năm 2025 tối đa 1,36%, năm 2026 tối đa 1,26%": its own
            own = _of_year(text, query.years[0])
            found = [f for f in found if own and numbers_in(f) <= numbers_in(own)] or found
        bound = _ASKED_BOUND.search(_folded(query.standard))
        if bound:  # "từ bao nhiêu tuổi trở lên": the figure with that bound ("từ 3 tuổi")
            found = [f for f in found if _folded(f).startswith(bound.group(1))] or found
        if _RAISED_TO_Q.search(_folded(query.standard)):  # "từ 1,49 triệu ... lên 1,6 triệu"
            found = [
                f for f in found if f in spans and _RAISED_TO.search(text[: spans[f][0]])
            ] or found
        if not query.yesno:  # "dưới 16 tuổi thì chiều cao bao nhiêu": not the premise's figure
            stated = numbers_in(query.standard)
            fresh = [f for f in found if not numbers_in(f) <= stated]
            found = fresh or found
        if len(found) > 1 and paired is None:
            # "22 - 23 triệu lượt khách du lịch quốc tế, 120 - 130 triệu lượt khách du lịch nội
            # địa": the figure whose own words hold a word asked that the others' do not
            found = _named_figures(query, text, found, spans) or found
        value = max(found, key=lambda f: (has_unit(f), len(f))) if len(found) > 1 else found[0]
        return value if kind == "figure" or query.compare else None
    if kind in ("date", "effective"):
        # a date of the year the question names ("kỳ thi năm 2026 diễn ra ngày nào"); a period
        # it names ("chuẩn nghèo giai đoạn 2022 - 2025 áp dụng đến khi nào") names what is
        # asked about, not when
        years = [y for y in query.years if "-" not in y]
        dates = list(DATE.finditer(text))
        if _UNTIL_Q.search(_folded(query.standard)):  # "đến khi nào": the date it runs to
            ends = [m for m in dates if _UNTIL.search(text[max(0, m.start() - 12) : m.start()])]
            dates = ends or dates
        for m in dates:
            if _dates_a_reference(text, m.start(), query.numbers):
                continue  # "Thông tư số 07/2013/TTLT-... ngày 08 tháng 3 năm 2013": that text's
            year = re.search(r"(?:19|20)\d{2}", m.group(0))
            if not years or year is None or any(year.group(0) in y for y in years):
                return m.group(0)
        day = _DAY_OF_MONTH.search(text)  # "trước ngày 20 hằng tháng": a day in every month
        if day and not years:
            return day.group(0)
        # "từ khi nào": a day named by what happens on it ("từ ngày nhập học")
        event = _FROM_EVENT.search(text) if _SINCE_Q.search(_folded(query.standard)) else None
        return event.group(0) if event and not years else None
    if kind == "signer":
        return person_name(text)
    if kind == "session":
        found = SESSION.findall(text)
        return ", ".join(found) if found else None
    return None


# what may stand between a document's number and its date: "số 07/2013/TTLT-BGDĐT ngày ...",
# "16/2021/QH15, ngày ...", "... ban hành ngày ..."
_NUMBER_THEN_DATE = re.compile(
    r"[\s,]*(?:ban hành\s+|được thông qua\s+)?(?:ngày\s*)?", re.IGNORECASE
)


# "áp dụng đến khi nào", "đến bao giờ", "until when": the date a span runs to ("đến hết ngày
# 31 tháng 12 năm 2026")
_UNTIL_Q = re.compile(
    r"\b(?:den|toi) (?:khi nao|bao gio|ngay nao|luc nao|thoi diem nao)|\buntil when\b"
)
_UNTIL = re.compile(r"(?:đến|tới)(?:\s+hết)?\s*$", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(
    r"(?:trước|sau|từ|đến|vào|chậm nhất|trong)\s+ngày\s+\d{1,2}\s+(?:hằng|hàng|mỗi)\s+tháng|"
    r"ngày\s+\d{1,2}\s+(?:hằng|hàng|mỗi)\s+tháng",
    re.IGNORECASE,
)


# "từ khi nào", "từ lúc nào", "bắt đầu khi nào": when something starts (folded)
_SINCE_Q = re.compile(
    r"\b(?:tu|bat dau(?: tu)?) (?:khi nao|luc nao|bao gio|ngay nao|thoi diem nao)\b"
)
# "từ ngày nhập học", "kể từ ngày thẻ hết hạn": a day named by an event, up to a mark
_FROM_EVENT = re.compile(r"(?:kể\s+)?từ\s+ngày\s+(?!\d)[^\W\d_]+(?:\s+[^\W\d_]+){0,6}", re.I)


# "lần lượt (là|bằng)": the figures that follow pair with the items listed before, in order
_RESPECTIVELY = re.compile(r"\blần lượt(?:\s+(?:là|bằng|được|đạt|ở mức))?\s+", re.IGNORECASE)
ORDINALS = {"nhat": "1", "mot": "1", "hai": "2", "ba": "3", "tu": "4", "bon": "4", "nam": "5",
             "sau": "6", "bay": "7", "tam": "8", "chin": "9", "muoi": "10"}  # fmt: skip


def _ordinal_words(text: str) -> set[str]:
    """Folded words, with an ordinal read as its number ("thứ ba" and "thứ 3" both "#3"), so an
    item and a question that number it in different ways meet."""
    words = _folded(text).split()
    out = set()
    for i, w in enumerate(words):
        if i and words[i - 1] == "thu" and (w.isdigit() or w in ORDINALS):
            out.add(f"#{ORDINALS.get(w, w)}")
        else:
            out.add(w)
    return out


@lru_cache(maxsize=16384)
def respective(question: str, text: str) -> str | None:
    """The figure a "lần lượt" sentence gives the item the question names: "người thứ hai, thứ
    ba, thứ tư đóng lần lượt bằng 70%, 60%, 50%" asked about "người thứ 3" -> "60%". None when
    the text pairs no list with its figures or the question names no one item of it."""
    m = _RESPECTIVELY.search(text)
    if m is None:
        return None
    after = [f for _, end, f in figures(text) if end > m.end()]
    before = text[: m.start()]
    lead = re.split(r"[:;.\n]", before)[-1]
    items = [i for i in re.split(r",\s*|\s+(?:và|hoặc)\s+", lead) if i.strip()]
    if len(after) < 2 or len(items) < len(after):
        return None
    items = items[-len(after) :]
    words = [_ordinal_words(i) for i in items]
    # what tells the items apart: not the head or verb they share ("người", "đóng"), which the
    # text uses outside the list too
    outside = _ordinal_words(f"{before[: len(before) - len(lead)]} {text[m.end() :]}")
    asked = _ordinal_words(question)
    hits = []
    for n, own in enumerate(words):
        others = set().union(*(w for k, w in enumerate(words) if k != n))
        if (own - outside - others) & asked:
            hits.append(n)
    return after[hits[0]] if len(hits) == 1 else None


@lru_cache(maxsize=16384)
def ordinal_figure(question: str, text: str) -> str | None:
    """The figure of the part of a clause that names the ordinal asked: "người thứ nhất đóng
    4,5% ...; từ người thứ năm trở đi đóng bằng 40%" asked about "người thứ 5" -> "40%". None
    when the question names no ordinal, or not one part alone names it."""
    asked = {w for w in _ordinal_words(question) if w.startswith("#")}
    if not asked:
        return None
    named = set()
    for start, _, figure in figures(text):
        part = re.split(r"[;:\n]", text[:start])[-1]  # from the last break to the figure
        if asked & _ordinal_words(part):
            named.add(figure)
    return named.pop() if len(named) == 1 else None


def numbers_in(text: str) -> frozenset[str]:
    """The numbers a text states, canonical ("1.000" and "1000" alike)."""
    from index.tokenize import canonical_number

    return frozenset(canonical_number(n) for n in re.findall(r"\d+(?:[.,]\d+)*", text))


def _dates_a_reference(text: str, start: int, asked: tuple[str, ...] = ()) -> bool:
    """The date at `start` is the date of a document cited by its number just before it, not
    a date the clause sets; unless the question names that document's number (`asked`), when
    it is the date asked."""
    before = text[max(0, start - 80) : start]
    numbers = list(DOC_NUMBER.finditer(before))
    if not numbers or _NUMBER_THEN_DATE.fullmatch(before[numbers[-1].end() :]) is None:
        return False
    cited = re.findall(r"\d+", numbers[-1].group(0))
    return not (cited and cited[0].lstrip("0") in {n.lstrip("0") for n in asked})


# a coefficient, a share, a height or an area asked beside a fee ("chiều cao bao nhiêu để được
# miễn phí") is no amount of money
_NOT_MONEY_Q = re.compile(
    r"\b(he so|bao nhieu lan|may lan|ty le|ty trong|phan tram|lai suat|chieu cao|chieu dai|"
    r"chieu rong|dien tich|khoang cach|can nang)\b"
)


_BEFORE_MAY = re.compile(r"\b(?:o|tai|cho|cua|voi|trong)\s+$")
# "bao nhiêu tuổi", "mấy tiết", "bao nhiêu ngày": the noun after the question word is the unit
_ASKED_UNIT = re.compile(r"\b(?:bao nhieu|(?<!xe )may)\s+([a-z]+)")  # "xe máy" is a motorbike
# units a figure can be counted in ("bao nhiêu ngày", "mấy tuổi"), folded
_COUNTED_UNITS = {"lan", "ha", "km", "kg", "tan", "lit", "nguoi", "luot", "ho", "xa", "phuong", "can",
                  "truong", "lop", "gio", "ngay", "thang", "nam", "buoi", "tiet", "diem", "tuoi",
                  "nhom", "buoc", "dot", "ky", "phong", "tuan", "phut"}  # fmt: skip
_STRICT_UNITS = {"nam", "thang", "ngay", "tuan", "gio", "phut", "tuoi", "lan", "tiet"}
# "báo cáo số mấy", "tờ trình số bao nhiêu": the number of a document the text cites (not the
# document itself: "nghị quyết này số mấy" asks its own, a fact of its metadata)
_DOC_NUMBER_Q = re.compile(
    r"\b(bao cao|to trinh|nghi quyet|nghi dinh|thong tu|quyet dinh|cong van|ke hoach|chuong trinh"
    r"|chi thi|ket luan)(?! nay) (?:\w+ ){0,12}?so (?:may|bao nhieu|bn|hieu)\b"
)
# "theo mẫu số mấy", "mẫu nào": the number of a form (folded)
_FORM_Q = re.compile(r"\bmau (?:so )?(?:may|bao nhieu|bn|nao)\b")
_FORM = re.compile(r"\bmẫu(?: số)?\s*\d+[a-zđ]?(?:/[\w-]+)?", re.IGNORECASE)
# "từ bao nhiêu tuổi", "dưới mấy tuổi", "tối đa bao nhiêu": the bound asked (folded)
_ASKED_BOUND = re.compile(
    r"\b(tu|tren|duoi|toi da|toi thieu|khong qua|it nhat) (?:bao nhieu|bn|may)\b"
)
# "điều chỉnh lên bao nhiêu", "tăng lên mấy": the figure a change reaches, after "lên"
_RAISED_TO_Q = re.compile(r"\blen (?:muc )?(?:bao nhieu|bn|may)\b")
_RAISED_TO = re.compile(r"\blên\s+(?:mức\s+)?$", re.IGNORECASE)
# "hệ số bao nhiêu", "hệ số phụ cấp ... là mấy": a coefficient, a number without a unit
_COEFFICIENT_Q = re.compile(r"\bhe so\b.*\b(?:bao nhieu|bn|may|la gi)\b")
# "how many (working) days": the unit an English question counts in, as the documents say it
_EN_UNITS = {"days": "ngay", "weeks": "tuan", "months": "thang", "years": "nam", "hours": "gio",
             "minutes": "phut", "times": "lan", "people": "nguoi", "persons": "nguoi",
             "households": "ho", "points": "diem", "periods": "tiet", "lessons": "tiet",
             "hectares": "ha", "communes": "xa", "wards": "phuong", "sessions": "buoi"}  # fmt: skip
_EN_COUNTED = re.compile(r"\bhow many (?:[a-z]+ ){0,2}?(" + "|".join(_EN_UNITS) + r")\b")
_EN_HOW_MANY = re.compile(r"\bhow (?:many|much)\b")
# "bao lâu" asks how long: a figure counted in days, weeks, months, years, hours or minutes
_DURATION_Q = re.compile(r"\b(?:bao lau|how long)\b")
_SO = re.compile(
    # "vậy", and a closing "vay" typed without marks ("... bn vi tri viec lam vay?"), unless it
    # ends "cho vay", "được vay", "khoản vay", "vốn vay", "mức vay", "đi vay" (a loan)
    r"(?<!\w)vậy(?!\w)|(?<!\w)(?<!cho )(?<!dc )(?<!duoc )(?<!được )(?<!khoan )(?<!von )"
    r"(?<!muc )(?<!di )vay(?=\s*[?!.]*\s*$)",
    re.IGNORECASE,
)
# "trả lãi", "lãi bao nhiêu" (with its marks: "lai" may be "lại", again)
_INTEREST = re.compile(r"(?<!\w)lãi(?!\w)", re.IGNORECASE)
_TIME_UNITS = {"nam", "thang", "ngay", "tuan", "gio", "phut"}
_ROUND_THE_CLOCK = re.compile(r"(?<![\d/])24/7(?![\d/])")  # all day, every day


@lru_cache(maxsize=1024)
def asked_measure(question: str) -> str | None:
    """ "money" when the question asks an amount of money, "percent" a share, "duration" a span
    of time ("bao lâu"), the unit word
    it names ("tuoi", "tiet", "ngay": folded) when it asks a count of something, "number" when
    it asks "how many" or "how much" of something else, else None.
    "dưới mấy tuổi ... tỷ lệ thanh toán" asks an age: the counted unit comes first."""
    # "vậy" (so), often closing a chat question ("... z"), folds to "vay" (borrow)
    question = _SO.sub(" ", question)
    folded = _folded(question)
    also_asks = bool(re.search(r"\b(?:bao nhieu|bn)\b", folded))
    counted = [
        m.group(1)
        for m in _ASKED_UNIT.finditer(folded)
        if m.group(1) in _COUNTED_UNITS
        # "học phí ở mấy phường ... bao nhiêu": with "bao nhiêu" asking, "mấy" after a
        # preposition is the plural "các" of speech, not "how many"
        and not (
            also_asks and m.group(0).startswith("may") and _BEFORE_MAY.search(folded[: m.start()])
        )
    ]
    if counted:
        return counted[0]
    if _DOC_NUMBER_Q.search(folded):
        return "docnumber"  # "báo cáo số mấy": the number of a document cited
    if _FORM_Q.search(folded):
        return "form"  # "lập theo mẫu số mấy": "Mẫu số 11"
    english = _EN_COUNTED.search(folded)
    if english:  # "within how many working days": a figure counted in days
        return _EN_UNITS[english.group(1)]
    if _DURATION_Q.search(folded):
        return "duration"  # "trong bao lâu", "mất bao lâu", "how long": a span of time
    if re.search(r"\b(?:how old|(?:what|which) age|at what age)\b", folded):
        return "tuoi"
    if _COEFFICIENT_Q.search(folded) and not _says_money(question):
        return "coefficient"  # "hệ số mấy": a bare number ("2,0"), not the age beside it
    # a share the question states ("thiệt hại trên 70%") hints a share is asked, unless it
    # says money ("được hỗ trợ bao nhiêu tiền") or an amount per something ("bao nhiêu một ha")
    hinted = "%" in question and not _ASKS_MONEY.search(folded)
    if hinted and re.search(r"\b(?:bao nhieu|bn)\s+(?:tien\s+)?(?:mot|1|moi)\s+\w", folded):
        hinted = False  # "trên 70% ... bao nhiêu một ha": an amount per hectare
    if _PERCENT_Q.search(folded) or hinted:
        return "percent"
    if _INTEREST.search(question) and not _SAYS_MONEY.search(question.lower()):
        return "percent"  # "phải trả lãi bao nhiêu": the interest rate, unless it says money
    if _ASKS_MONEY.search(folded):
        return "money"  # "mất hơn 70% diện tích ... hỗ trợ bao nhiêu tiền": money, in so many words
    if _MONEY_Q.search(folded) and not _NOT_MONEY_Q.search(folded):
        # "đóng bằng bao nhiêu so với người thứ nhất": a share of another amount, unless the
        # question says money ("bao nhiêu tiền", "bao nhiêu đồng")
        if (_RELATIVE_Q.search(folded) or _CHANGE_Q.search(folded)) and not _says_money(question):
            return None
        return "money"
    if _EN_HOW_MANY.search(folded):
        return "number"  # "how many tourists": a figure, whatever it counts
    return None


def _says_money(question: str) -> bool:
    """The question names money itself ("bao nhiêu tiền", "mấy triệu đồng"), read on the
    accented text when there is one, where "đóng" (pay in) is no "đồng"."""
    folded = _folded(question)
    typed = question.lower() if folded != question.lower() else folded
    return bool(_SAYS_MONEY.search(typed))


# what an amount is counted per: "bao nhiêu một tháng", "mỗi ha", "1 con", "/người"
_PER_WORDS = ("tháng", "năm", "ngày", "giờ", "tuần", "người", "con", "ha", "lượt", "lần", "kwh",
              "xe", "buổi", "tiết", "km", "m2", "m²", "hộ", "học sinh", "trẻ", "chiếc", "cái",
              "bộ", "suất", "chuyến")  # fmt: skip
_ASKED_PER = re.compile(
    r"(?:\bmột|\bmỗi|\b1|/)\s*(" + "|".join(map(re.escape, _PER_WORDS)) + r")(?!\w)",
    re.IGNORECASE,
)
_ASKED_PER_FOLDED = re.compile(
    r"(?:\bmot|\bmoi|\b1|/)\s*(" + "|".join(re.escape(fold(w).lower()) for w in _PER_WORDS) + r")\b"
)


@lru_cache(maxsize=1024)
def asked_per(question: str) -> str | None:
    """The unit a question counts an amount per ("bao nhiêu một con" -> "con"), folded."""
    for text, pattern in ((question, _ASKED_PER), (_folded(question), _ASKED_PER_FOLDED)):
        for m in pattern.finditer(text):
            if _NOT_PER_AFTER.match(text, m.end()) or _LABEL_BEFORE.search(text, 0, m.start()):
                continue  # "vùng 1 năm 2026": a region's label and a year, not "per year"
            return _folded(m.group(1)).replace("m²", "m2")
    return None


# "1 năm 2026", "mỗi tháng 10": the unit word starts a date, it counts nothing per
_NOT_PER_AFTER = re.compile(r"\s*\d")
# "vùng 1", "loại 1", "hạng 1": the number labels what precedes it
_LABEL_BEFORE = re.compile(
    r"(?:vùng|vung|loại|loai|hạng|hang|nhóm|nhom|khu vực|khu vuc|cấp|cap|mục|muc|phần|phan)\s*$",
    re.IGNORECASE,
)


_NOT_A_UNIT = re.compile(r"\bbao nhieu\b")  # "bao" of "bao nhiêu" is no "báo cáo"
_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=16384)
def _per_of(figure: str) -> frozenset[str]:
    """The units a figure is counted per ("190 nghìn đồng/trẻ/tháng" -> {"tre", "thang"}),
    folded; empty when it says none this reading knows."""
    out: set[str] = set()
    for m in re.finditer(r"[/,]\s*([^\W\d_]+(?:\s[^\W\d_]+)?|m2|m²)", figure):
        word = _folded(m.group(1)).replace("m²", "m2")
        known = [k for k in map(_folded, _PER_WORDS) if word == k or word.startswith(k + " ")]
        out.update(known)
        if not known and m.group(0).startswith("/"):  # "đồng/báo cáo": per something else
            out.add(word)
    return frozenset(out)


_BETWEEN = re.compile(r"[,;()]|\.\s|\n")  # where a figure's own words stop


def _named_figures(
    query: Query, text: str, found: list[str], spans: Mapping[str, tuple[int, int]]
) -> list[str]:
    """Of several figures of one clause, the one whose own words name a word of the question
    that no other figure's words name. A figure's own words follow it up to the next mark
    ("22 - 23 triệu lượt khách du lịch quốc tế, ..."), or precede it back to the mark before
    ("..., trong đó xuất khẩu địa phương tăng 10%"); the clause's opening words are the first
    figure's only when nothing follows it ("Tăng 9%, ..."), else all the figures share them."""
    if any(f not in spans for f in found):
        return []
    order = sorted(found, key=lambda f: spans[f][0])
    own: dict[str, set[str]] = {}
    for i, f in enumerate(order):
        a, b = spans[f]
        until = spans[order[i + 1]][0] if i + 1 < len(order) else len(text)
        stop = _BETWEEN.search(text, b, until)
        after = text[b : stop.start() if stop else until]
        since = spans[order[i - 1]][1] if i else 0
        marks = [m.end() for m in _BETWEEN.finditer(text, since, a)]
        before = text[marks[-1] if marks else since : a]
        if i == 0 and syllables(after):
            before = ""  # "Năm 2025, phấn đấu đón 22 - 23 triệu lượt khách ...": shared
        own[f] = set(syllables(f"{before} {after}"))
    asked = set(syllables(query.standard))
    if is_english(query.standard):  # "international tourists": "khách du lịch quốc tế"
        asked |= set(syllables(translate_terms(query.standard)))
    common = set.intersection(*own.values())
    scores = {f: len((words - common) & asked) for f, words in own.items()}
    best = max(scores.values())
    chosen = [f for f in found if scores[f] == best]
    return chosen if best > 0 and len(chosen) < len(found) else []


def _with_unit(figure: str, unit: str | None, per: str = "") -> str:
    """The figure with the unit its column heading states and the row's unit column:
    "692" -> "692 nghìn đồng/người/ngày"."""
    figure = _with_heading_unit(figure, unit)
    if per and per.lower() not in figure.lower():
        head = per.split("/", 1)[0].strip().lower()
        if has_unit(figure) and figure.lower().endswith(f" {head}") and "/" in per:
            figure = f"{figure}/{per.split('/', 1)[1]}"  # "20.000 đồng" + "đồng/lượt"
        else:
            figure = f"{figure}/{per}" if has_unit(figure) else f"{figure} {per}"
    return figure


def _with_heading_unit(figure: str, unit: str | None) -> str:
    if not unit or has_unit(figure):
        return figure
    if unit in ("%", "‰"):
        return f"{figure}{unit}"
    return f"{figure} ({unit})" if re.match(r"[\d.]", unit) else f"{figure} {unit}"


def _folded(text: str) -> str:
    from index.fold import fold

    return fold(text).lower()


EXCLUDED = 5.0  # what a unit loses for being about a place the question leaves out
ECHO = 3.0  # ... for saying nothing the question does not say already
PAIRED = 3.0  # what it gains for pairing the one item the question names with its figure
OTHER_SUBJECT = 3.0  # ... loses for stating its figure "đối với" someone the question does not name
BREAKDOWN = 3.0  # ... for giving year by year what the question asks of a whole period
OTHER_LEVEL = 3.0  # ... for being set for another tier of government ("cấp Thành phố")
DEPUTY = 3.0  # ... for naming the deputy ("Phó Trưởng ban") of the position the question names
EXCEPTED = 3.0  # ... for naming what the question asks about only as an exception ("trừ đặc khu")
ADDED = 1.0  # ... for an amount paid on top of another ("hỗ trợ thêm 150.000") when none is asked
NEGATED = 1.0  # what it gains for negating what the question negates ("không thực hiện sắp xếp")
# A short article is read as one: a figure in one of its clauses has at least this share of the
# retrieval strength of its best passage ("Điều 4": the clause of who is eligible is what the
# question describes, the coefficient in the clause beside it is what answers)
ARTICLE_SHARE = 0.9
MAX_ARTICLE_PASSAGES = 6  # an article of at most so many passages is short

# an exception a clause makes, up to punctuation or a conjunction: "trừ đặc khu trực thuộc cấp
# tỉnh", "không bao gồm ..."; read with its marks ("cư trú", "trụ sở" are no "trừ"), folded
# only in a text typed without them
_EXCEPT_BODY = (
    r"(?:(?<!\w)(?:ngoại trừ|trừ|không bao gồm|không áp dụng (?:đối )?với)|(?<=\()ngoài)"
    r"\s+([^,;:.()\n]+?)"
    r"(?=\s+(?:và|hoặc|thì|nhưng)\s|[,;:.()\n]|$)"
)
_EXCEPT = re.compile(_EXCEPT_BODY)
_EXCEPT_FOLDED = re.compile(fold(_EXCEPT_BODY))
_ASKS_EXCEPTION = re.compile(r"\b(?:tru|ngoai|khong bao gom|khong ap dung)\b")


def excepted(question: str, text: str) -> bool:
    """The unit names what the question asks about (two of its words, side by side) only inside
    an exception it makes ("... không phân biệt nội thành hay ngoại thành, trừ đặc khu trực thuộc
    cấp tỉnh" for a question about a "đặc khu"): it rules on everything but what is asked. A
    question that asks about an exception itself is left alone."""
    lower = text.lower()
    marked = diacritic_ratio(text) >= 0.4
    if not marked:
        lower = fold(lower)
    spans = [m.span(1) for m in (_EXCEPT if marked else _EXCEPT_FOLDED).finditer(lower)]
    if not spans or _ASKS_EXCEPTION.search(fold(question).lower()):
        return False
    inside = {p for a, b in spans for p in _pairs(lower[a:b])} & _pairs(question)
    rest = lower
    for a, b in reversed(spans):
        rest = f"{rest[:a]} | {rest[b:]}"
    return bool(inside - _pairs(rest))


# an amount a clause adds on top of another: "được hỗ trợ thêm hằng tháng 150.000 đồng"
_ADDS = re.compile(r"\bthem(?: [^\W\d_]+){0,3} \d")
# a question that asks for an addition: "hỗ trợ thêm", "bổ sung", "ngoài ... còn", "cộng"
_ASKS_ADDITION = re.compile(r"\b(?:them|bo sung|ngoai|con duoc|cong|extra|additional|top up)\b")


# what a negation denies: the two words after it, past modal words ("không phải sắp xếp",
# "không thực hiện sắp xếp" -> "sap xep"); a question's must pass one, so that a compound
# ("thiết bị bay không người lái") is no negation asked
_MODALS = r"(?:phai|duoc|thuc hien|bi|can|duoc phep|se)"
_NEGATED = re.compile(rf"\b(?:khong|chua|ko)\s+(?:{_MODALS}\s+)*([a-z]+ [a-z]+)")
_NEGATED_ASKED = re.compile(rf"\b(?:khong|chua|ko)\s+(?:{_MODALS}\s+)+([a-z]+ [a-z]+)")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", _folded(text)))


def negates_as_asked(question: str, text: str) -> bool:
    """The question asks of what is not done ("những xã nào không phải sắp xếp") and the unit
    says what is not done, in the same words ("02 xã không thực hiện sắp xếp là ...")."""
    asked = set(_NEGATED_ASKED.findall(_words(question)))
    return bool(asked) and bool(asked & set(_NEGATED.findall(_words(text))))


def added(question: str, text: str) -> bool:
    """The clause states an amount paid on top of another ("... được hỗ trợ thêm hằng tháng
    150.000 đồng") and the question asks what is paid, not what is added: another clause that
    states the amount itself answers it first."""
    return bool(_ADDS.search(_folded(text))) and not _ASKS_ADDITION.search(_folded(question))


def _pairs(text: str) -> set[str]:
    """A text's adjacent syllable pairs ("dac khu")."""
    return {p for p in syllable_set(text) if " " in p}


# "đối với người lao động là 300 triệu", "đối với đối tượng vay vốn là cơ sở sản xuất kinh doanh":
# whom a clause states its rule for, up to punctuation or a figure
_FOR_WHOM = re.compile(r"\bđối với\s+([^,;:.()\d\n]+)", re.IGNORECASE)
_NOT_SUBJECT = {"các", "những", "mỗi", "từng", "trường", "hợp", "đối", "tượng", "thì", "mức"}


def _subject_named(text: str, asked: frozenset[str]) -> float | None:
    """How much of whom the unit states its rule for ("đối với người lao động") the question
    names (0..1, the best of the unit's "đối với"); None when the unit names no one."""
    best = None
    for found in _FOR_WHOM.finditer(text):
        before, is_, after = found.group(1).partition(" là ")
        # "đối tượng vay vốn là cơ sở sản xuất kinh doanh": the businesses
        phrase = after if is_ and before.strip().lower().startswith("đối tượng") else before
        words = [w for w in syllables(phrase)[:6] if w not in _NOT_SUBJECT]
        if words:
            named = sum(w in asked for w in words) / len(words)
            best = named if best is None else max(best, named)
    return best


# "Phó Trưởng ban", "Phó Chủ tịch Ủy ban": a deputy and the two words of the position deputized
_DEPUTY = re.compile(r"(?<!\w)phó\s+(\w+\s+\w+)", re.IGNORECASE)


def _deputy_of_asked(label: str, question: str) -> bool:
    """The unit's label names the deputy of a position the question names, and the question
    does not ask for the deputy: "Trưởng Ban Chỉ đạo thi" is not "Phó Trưởng ban"."""
    asked = f" {' '.join(syllables(question))} "
    for found in _DEPUTY.finditer(label):
        position = " ".join(syllables(found.group(1)))
        if f" {position} " in asked and f" pho {position} " not in asked:
            return True
    return False


def _echoes(text: str, asked: frozenset[str]) -> bool:
    words = syllables(text)
    return bool(words) and set(words) <= asked


def _names_excluded(query: Query, text: str, meta: DocumentMeta | None) -> bool:
    """The unit's column, labels or document are about a place the question leaves out."""
    from corpus.places import same_place

    folded = _folded(text)
    return any(
        _folded(place) in folded
        or (meta is not None and meta.region and same_place(meta.region, place))
        for place in query.excluded
    )


def without_claims(question: str) -> tuple[str, frozenset[str]]:
    """A yes/no question with the figures it claims blanked ("... là 44% phải không"), and the
    numbers of those figures. An age ("trẻ em dưới 16 tuổi ... được miễn phí phải không") says
    whom the question is about, which finds the clause; it is kept."""
    from bot.compose import predicate

    claimed = {f for _, _, f in figures(predicate(question)) if "tuổi" not in f.lower()}
    for figure in claimed:
        question = question.replace(figure, " ")
    numbers = frozenset(w for f in claimed for w in syllables(f) if w[:1].isdigit())
    return question, numbers


def rank_units(
    query: Query,
    items: Sequence[Concept],
    hits: Sequence[Hit],
    metas: dict[str, DocumentMeta],
    topic: Sequence[Concept] | None = None,
    pair_weights: Mapping[str, float] | None = None,
    articles: Mapping[tuple[str, str], int] | None = None,
) -> list[Unit]:
    """Every candidate unit of the hits, best first. `topic` are the concepts the question is
    about (without the places, years and documents it names, which scope it); all of them when
    not given. `articles`: the number of passages of each (document, article), by which a
    figure in a short article shares its best passage's retrieval strength."""
    from bot import ranker

    topic = list(items if topic is None else topic)
    wants = query.kind in ("figure", "date", "effective", "session", "signer") or query.compare
    # a yes/no question's claimed figure is what the answer checks, not what finds it: "hệ số
    # 0,60 đúng không" must not pick the cell that says 0,60 over the one for the place asked
    text = query.standard
    if query.yesno:
        text, claimed = without_claims(text)
        topic = [c for c in topic if not (claimed and plain_words(c.alternatives[0]) <= claimed)]
    question = ranker.asked(text, topic, items, wants, pair_weights)
    best_hit = max((h.score for h in hits), default=1.0) or 1.0
    short = _short_articles(hits, articles or {})
    asked_words = frozenset(syllables(query.standard))
    asked_levels = levels(query.standard)
    # "khi nào được trả tiền": the date in a document's heading says when it was issued, which
    # answers only a question about the document
    no_heading = query.kind == "date" and not asks_document_date(query.standard)
    out: list[Unit] = []
    for rank, hit in enumerate(hits):
        p = hit.passage
        if no_heading and p.kind == "heading":
            continue
        meta = metas.get(p.doc_id)
        frame_text = passage_context(p, meta)
        context = syllable_set(frame_text)
        relative = max(0.0, hit.score) / best_hit
        # a figure in a short article shares its best passage's strength
        lent = max(relative, short.get((p.doc_id, p.article or ""), 0.0) / best_hit)
        # "3. Đối tượng giảm 50% mức phí": the share its clauses have, read once a passage
        titled = _titled_share(query, p) if p.kind == "content" else None
        for c in candidates(p):
            start, end, text, heading = c.start, c.end, c.text, c.heading
            lead = lead_in(p, start)
            frame = context | syllable_set(heading) | syllable_set(lead)
            # a cell's figure is its own value, never a number in the row's labels ("13 nhóm")
            value = value_for(query, c.cell or text, heading, c.per) if c.figure else None
            if titled and (value is None or not (is_money(value) or _is_share(value))):
                value = titled  # "giảm bao nhiêu": the heading's 50%, not "từ đủ 60 tuổi"
            values = ranker.features(
                question,
                text=text,
                label=c.label,
                column=c.column,
                frame=frame,
                value=value,
                retrieval=lent if value else relative,
                rank=rank,
                # "Mức bội chi ... tương đương 3,44% GDP, gồm:" states the total it breaks down
                lead_in=text.rstrip().endswith(":") and value is None,
                caption=bool(_CAPTION.match(text)),
                doc_number=_names_number(query, text),
                kind_match=_kind_match(query, text, value, p),
                row=p.kind in ("row", "table"),
            )
            score = ranker.score(values)
            if query.excluded and _names_excluded(query, f"{c.column} {c.label} {heading}", meta):
                score -= EXCLUDED  # "các tỉnh không phải Hà Nội": not Hà Nội's column
            if _deputy_of_asked(c.label, query.standard):
                score -= DEPUTY
            if set_elsewhere(asked_levels, f"{text} {heading}", frame_text):
                score -= OTHER_LEVEL  # "ở cấp xã": not the city tier's table
            if not query.yesno and excepted(query.standard, text):
                score -= EXCEPTED  # "đặc khu" asked: not the clause that makes it the exception
            if not query.yesno and negates_as_asked(query.standard, text):
                score += NEGATED  # "không phải sắp xếp": "02 xã không thực hiện sắp xếp là ..."
            if value and not query.yesno and added(query.standard, text):
                score -= ADDED  # "được bao nhiêu": not "được hỗ trợ thêm 150.000 đồng"
            if _echoes(text, asked_words):  # "Mẫu số 02" alone answers "Mẫu số 02 là mẫu gì"
                score -= ECHO
            if value and (
                respective(query.standard, text) is not None
                or ordinal_figure(query.standard, text) is not None
                or (len(query.years) == 1 and _of_year(text, query.years[0]))
            ):  # "thứ ba ... lần lượt ... 60%", "năm 2026 tối đa 1,26%": the item's own figure
                score += PAIRED
            if value and _breaks_down(text, query.years):
                # "bình quân giai đoạn 2025 - 2027" asked: not "trong đó, năm 2025 tối đa ..."
                score -= BREAKDOWN
            own, covered = values["own"], values["framed"]
            out.append(Unit(rank, start, end, text, value, heading, own, covered, score, values))
    # a clause stated for someone the question does not name loses to one for whom it does
    subjects = [_subject_named(u.text, asked_words) if u.value else None for u in out]
    if any(s is not None and s >= 0.5 for s in subjects):
        out = [
            replace(u, score=u.score - OTHER_SUBJECT) if s is not None and s < 0.34 else u
            for u, s in zip(out, subjects, strict=True)
        ]
    out.sort(key=lambda u: -u.score)
    return out


def _titled_share(query: Query, p: Passage) -> str | None:
    """The share or amount the heading right above a passage states ("3. Đối tượng giảm 50%
    mức phí" over "Người cao tuổi ..."), which its clauses have: what a question about one of
    them asks, when the clause states none itself. Only a share or money is read so: a count
    in a heading is its numbering more often than not."""
    if query.kind != "figure" or query.yesno or not p.section:
        return None
    measure = asked_measure(query.standard)
    # "được giảm bao nhiêu" names no measure: a reduction is a share or an amount
    changes = measure is None and _CHANGE_Q.search(_folded(_SO.sub(" ", query.standard)))
    if measure not in ("percent", "money") and not changes:
        return None
    value = value_for(query, p.section[-1])
    return value if value and (is_money(value) or _is_share(value)) else None


def _is_share(figure: str) -> bool:
    return "%" in figure or "‰" in figure


def article_sizes(passages: Sequence[Passage]) -> dict[tuple[str, str], int]:
    """How many passages each article has, by (document, article number)."""
    return dict(Counter((p.doc_id, p.article) for p in passages if p.article))


def _short_articles(
    hits: Sequence[Hit], articles: Mapping[tuple[str, str], int]
) -> dict[tuple[str, str], float]:
    """The retrieval strength a figure in each short article has at least: ARTICLE_SHARE of
    the article's best passage's score, by (document, article)."""
    out: dict[tuple[str, str], float] = {}
    for h in hits:
        key = (h.passage.doc_id, h.passage.article or "")  # no article: never in `articles`
        if articles.get(key, MAX_ARTICLE_PASSAGES + 1) <= MAX_ARTICLE_PASSAGES:
            out[key] = max(out.get(key, 0.0), ARTICLE_SHARE * max(0.0, h.score))
    return out


# when a document was made: the date it was passed, signed or issued
DOCUMENT_DATE = (
    # "ký" the document, not "đăng ký" (register) or "ký nhận" (sign for receipt)
    re.compile(r"\b(ban hành|thông qua|(?<!đăng )ký(?! nhận| kết| hợp đồng)|ra đời)\b"),
    re.compile(r"\b(ban hanh|thong qua|(?<!dang )ky(?! nhan| ket| hop dong)|ra doi)\b"),
)


def asks_document_date(question: str) -> bool:
    """ "Thông tư 21 ban hành ngày nào": the date of the document itself (with diacritics when
    typed with them: "kỳ thi" is not "ký")."""
    typed = question.lower()
    if fold(typed) != typed:
        return bool(DOCUMENT_DATE[0].search(typed))
    return bool(DOCUMENT_DATE[1].search(typed))


def _names_number(query: Query, text: str) -> bool:
    if not query.numbers:
        return False
    stated = set(re.findall(r"\d{1,5}/\d{4}/[\wĐđ-]+|\d{1,5}/[\wĐđ-]+", text))
    return any(n in s for n in query.numbers for s in stated)


# an effective date: the clause that puts a text in force, not one that ends another's force
# ("... hết hiệu lực thi hành kể từ ngày ..."); asked when a rule applies ("áp dụng từ ngày
# nào"), also the clause that dates its application ("được áp dụng từ ngày 01 tháng 7 năm 2025")
_TAKES_EFFECT = re.compile(r"(?<!hết )hiệu lực", re.IGNORECASE)
APPLIED_FROM = re.compile(
    r"\b(?:được )?(?:áp dụng|thực hiện) (?:kể )?từ ngày \d{1,2} tháng \d{1,2} năm \d{4}",
    re.IGNORECASE,
)
_APPLIES = re.compile(r"\b(?:ap dung|thuc hien)\b")
_IN_FORCE = re.compile(r"\bhieu luc\b")


def asks_application(question: str) -> bool:
    """ "Mức trợ cấp ... áp dụng từ ngày nào": when a rule applies, not when a text is in force."""
    folded = _folded(question)
    return bool(_APPLIES.search(folded)) and not _IN_FORCE.search(folded)


def _kind_match(query: Query, text: str, value: str | None, p: Passage) -> bool:
    if query.kind == "effective":
        return value is not None and bool(
            _TAKES_EFFECT.search(text)
            or (asks_application(query.standard) and APPLIED_FROM.search(text))
        )
    if query.kind == "signer":
        return p.kind == "signature" and value is not None
    if asks_implementation(query):
        # "ai được giao triển khai nghị quyết này": the clause of the article that puts the
        # document to work and does what is asked (to oversee it is not to carry it out)
        acts = set(_ACTS.findall(fold(text).lower()))
        wanted = set(_ACTS.findall(fold(query.standard).lower()))
        return (
            implements(p) and bool(acts & wanted) and ("giam sat" in acts) == ("giam sat" in wanted)
        )
    return False


_ACTS = re.compile(r"\b(?:thuc hien|trien khai|thi hanh|giam sat|chi dao)\b")
# carrying out or overseeing the document itself ("thực hiện nghị quyết này"), not one it cites
_CARRIES_OUT = re.compile(
    rf"{_ACTS.pattern}.{{0,30}}\b(?:nghi quyet|nghi dinh|thong tu|quyet dinh|van ban|nq)\b"
    r"(?! (?:so )?\d)"
)
# the article that does: "Tổ chức thực hiện", "Trách nhiệm thi hành", "Điều khoản thi hành"
_IMPLEMENTATION = re.compile(
    r"Điều \d+\w?\.?\s+(?:Tổ chức thực hiện|Trách nhiệm thi hành|Tổ chức thi hành"
    r"|Điều khoản thi hành|Hiệu lực và trách nhiệm thi hành|Hiệu lực thi hành)",
    re.IGNORECASE,
)


def asks_implementation(query: Query) -> bool:
    """ "Ai được giao triển khai nghị quyết này", "ai giám sát việc thực hiện nghị quyết"."""
    return query.kind == "who" and bool(_CARRIES_OUT.search(fold(query.standard).lower()))


def implements(p: Passage) -> bool:
    """The passage lies in the article that says who carries the document out."""
    return bool(_IMPLEMENTATION.match(article_heading(p.section)))


def article_heading(section: Sequence[str]) -> str:
    """The heading of the article a section path lies in ("Điều 2. Đối tượng ..."), or ""."""
    return next((s for s in reversed(section) if s.startswith("Điều")), "")


def lead_in(p: Passage, start: int) -> str:
    """The lines that lead into the unit's list ("Cơ cấu kinh tế:"), if the unit is an item:
    the passage's first line, and the nearest lead-in line above the unit ("1. Mức hỗ trợ đối
    với cây trồng ...:" then "b) Diện tích mạ:")."""
    first = p.text.split("\n", 1)[0]
    leads = [first] if start > len(first) and first.rstrip().endswith(":") else []
    before = p.text[:start].rstrip("\n").split("\n")[:-1] if "\n" in p.text[:start] else []
    nearest = next((x for x in reversed(before) if x.rstrip().endswith(":")), "")
    line_start = p.text.rfind("\n", 0, start) + 1
    own_line = p.text[line_start:start]
    if nearest and nearest != first and not own_line.rstrip().endswith(":"):
        leads.append(nearest)
    return "\n".join(leads)


# an appendix's caption "(Ban hành kèm theo Nghị quyết số ...)" names a document, answers nothing
_CAPTION = re.compile(r"^\(?\s*(?:ban hành\s+)?kèm theo\b", re.IGNORECASE)
