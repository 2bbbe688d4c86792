"""Writing the answer from the chosen evidence: the figure, date or name first, then what it
measures and where it holds, every statement cited [n]. Nothing here invents text: values,
clauses and labels are copied from the cited passages or from the documents' metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.evidence import Unit, article_heading, lead_in, numbers_in
from bot.understand import Query
from corpus.meta import dates_in
from corpus.types import DocumentMeta, Passage
from index.fold import diacritic_ratio, fold

MAX_ITEMS = 7  # list answers show this many items, then "và N nội dung khác"
# ... unless only this many are left: they are listed, not counted ("và 2 nội dung khác" takes
# a line and tells nothing)
MAX_TAIL = 2
MAX_ITEM_CHARS = 140
# a list of few items shows each at more length, within what MAX_ITEMS items of MAX_ITEM_CHARS
# would take, up to this many characters an item: three items are read in full, not each cut
# at its first ";" ("... cho cán bộ quản lý hợp tác xã; đẩy mạnh thu hút cán bộ trẻ ...")
MAX_FEW_ITEM_CHARS = 320
ITEM_SLACK = 1.15  # a lead clause up to this much longer than MAX_ITEM_CHARS is kept whole
MAX_HEADING_CHARS = 100  # a list's lead-in longer than this is cut before its items


@dataclass(frozen=True, slots=True)
class Cited:
    """A passage an answer cites, with the span it uses."""

    passage: Passage
    span: tuple[int, int] | None
    score: float


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    cited: tuple[Cited, ...]


def clause_of(unit: Unit, passage: Passage) -> str:
    """The unit's text as a statement: a table cell with its row label and heading; a clause
    with the lead-in line it belongs to ("Cơ cấu kinh tế: Công nghiệp, xây dựng: 59,4%")."""
    text = unit.text.strip().rstrip(";,")
    if passage.kind == "row":
        return text
    if passage.kind == "content" and unit.heading and unit.heading not in text:
        # "(Trâu, bò thịt, ngựa) trên 06 tháng tuổi, hỗ trợ ...", "Giá trị xuất khẩu, trong đó
        # xuất khẩu địa phương tăng 10%"
        sep = ", " if text.lower().startswith("trong đó") else " "
        text = f"{unit.heading}{sep}{text}"
    # the nearest line leading into it: "b) Diện tích mạ:" rather than "1. Mức hỗ trợ ...:"
    lead = lead_in(passage, unit.start).rsplit("\n", 1)[-1]
    if lead:
        text = f"{lead.rstrip()} {text}"
    return text


def where(meta: DocumentMeta | None) -> str:
    """ "Nghị quyết 63/2025/NQ-HĐND của Hội đồng nhân dân thành phố Hà Nội": what a reader needs
    to know where a figure holds; an amending document says what it amends."""
    if meta is None:
        return ""
    kind = meta.kind or "Văn bản"
    head = f"{kind} {meta.number}" if meta.number else kind
    if meta.issuer and meta.issuer.lower() not in head.lower():
        head = f"{head} của {meta.issuer}"
    if meta.amends:
        head = f"{head}, sửa đổi {', '.join(meta.amends[:2])}"
    return head


def figure_answer(query: Query, unit: Unit, passage: Passage, meta: DocumentMeta | None) -> str:
    clause = clause_of(unit, passage)
    value = unit.value or _first_figure(clause)
    body = clause if value not in clause or len(clause) > len(value) + 3 else ""
    source = where(meta)
    text = f"{value} — {body}" if body and value else (body or value)
    if source:
        text = f"{text.rstrip('.')} ({source})"
    return f"{text} [1]"


def leads_with_figure(unit: Unit, passage: Passage) -> bool:
    """ "GRDP bình quân đầu người: 115 triệu đồng/người/năm": an indicator and its figure, which
    an answer leads with even when the question did not say "bao nhiêu"."""
    from bot.figures import figures

    clause = clause_of(unit, passage)
    label, _, rest = clause.rpartition(":")
    found = figures(rest) if rest else []
    return bool(found) and len(label) <= 150 and len(rest) <= 60 and unit.value is None


def _first_figure(clause: str) -> str:
    from bot.figures import figures

    _, _, rest = clause.partition(":")
    found = figures(rest or clause)
    return found[0][2] if found else ""


# "huyện nào", "xã nào", "which district": the question asks for the name of a place or body
_WHICH_NAMED = re.compile(
    r"(?<!\w)(huyện|xã|phường|tỉnh|thành phố|quận|thị xã|thị trấn|đền|chùa|trường|bệnh viện|"
    r"huyen|xa|phuong|tinh|quan|thi xa|thi tran)\s+(?:nào|nao)(?!\w)",
    re.IGNORECASE,
)
_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:những|các|nhung|cac)\s*$", re.IGNORECASE)
_WHICH_ENGLISH = {"district": "huyện", "commune": "xã", "ward": "phường", "province": "tỉnh"}
_WHICH_EN = re.compile(r"\bwhich (district|commune|ward|province)\b", re.IGNORECASE)


def named_answer(question: str, clause: str) -> str:
    """The name a "huyện nào" question asks for, as the clause gives it ("huyện Định Hóa"), or
    "" when the clause names none it does not share with the question."""
    m = _WHICH_NAMED.search(question)
    en = _WHICH_EN.search(question) if m is None else None
    if m is None and en is None:
        return ""
    if m is not None and _PLURAL_BEFORE.search(question[: m.start()]):
        return ""  # "từ những xã nào": all of them, which the clause lists
    kind = _WHICH_ENGLISH[en.group(1).lower()] if en else m.group(1)
    asked = fold(question).lower()
    pattern = re.compile(
        rf"(?<!\w){re.escape(fold(kind).lower())}\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*){{1,4}})"
    )
    folded = fold(clause)  # marks removed, case and offsets kept
    if len(folded) != len(clause):
        return ""
    for found in pattern.finditer(folded):
        name = found.group(1).strip()
        if fold(name).lower() not in asked:
            start = found.start(1)
            return f"{clause[found.start() : start].strip()} {clause[start : start + len(name)]}"
    return ""


def value_answer(unit: Unit, passage: Passage) -> str:
    clause = clause_of(unit, passage)
    if unit.value and unit.value != clause:
        return f"{unit.value} — {clause} [1]"
    if passage.kind in ("row", "table"):  # a text cell first, then the labels that place it
        labels, sep, cell = clause.rpartition(": ")
        if sep and labels and len(cell) > 1:
            return f"{cell} — {labels} [1]"
    return f"{clause} [1]"


# a year or a span of years a heading sets: "năm 2026", "giai đoạn 2027 - 2030"
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")


def period_apart(years: Sequence[str], section: Sequence[str]) -> str | None:
    """The nearest heading above a clause that sets it a year or span of years ("Điều 3. Chuẩn
    nghèo ... giai đoạn 2027 - 2030") holding none of the years asked ("năm 2026"); None when
    the nearest such heading holds one of them, or no heading names a year."""
    for heading in reversed(section):
        if not _PERIOD.search(heading):
            continue
        return None if covers(years, heading) else heading
    return None


def covers(years: Sequence[str], text: str) -> bool:
    """`text` sets a year or span of years ("giai đoạn 2026 - 2030") holding a year asked."""
    asked = {int(y) for y in years if y.isdigit()}
    spans = [(int(m.group(1)), int(m.group(2) or m.group(1))) for m in _PERIOD.finditer(text)]
    return any(a <= y <= b for a, b in spans for y in asked)


def yesno_answer(query: Query, unit: Unit, passage: Passage, asked: frozenset[str]) -> str:
    """ "Có. <clause> [1]" or "Không, <clause> [1]": a figure the question states is checked
    against the one the clause states; otherwise the clause says no when it negates one of the
    question's own words ("không áp dụng" when asked whether it applies)."""
    clause = clause_of(unit, passage)
    # a table cell's figure is read with the unit its column heading states ("100" under
    # "nghìn đồng/tháng" is 100.000 đồng)
    cell = unit.value if passage.kind in ("row", "table") and unit.value else None
    verdict = figure_verdict(query.standard, cell or clause, asked)
    number = cell.split()[0] if cell else ""
    if cell and cell != number and clause.endswith(f" {number}"):  # shown with its unit
        clause = f"{clause[: -len(number)]}{cell}"
    if verdict is None:
        verdict = date_verdict(query.standard, clause)  # "thông qua ngày 08/12/2023 đúng không"
    if verdict is None and _ALL_ASKED.search(query.standard) and _ONLY_ONE.search(clause):
        verdict = False  # "có được hưởng tất cả ... không" / "chỉ được hưởng một mức cao nhất"
    if verdict is None and other_provinces(query.standard, clause):
        verdict = False  # "liên kết với Hải Phòng, Quảng Ninh" / "với các tỉnh Bắc Giang, ..."
    if verdict is None and opposed(query.standard, clause):
        verdict = False  # "được chọn mức thấp nhất, đúng không" / "áp dụng ... mức cao nhất"
    if verdict is None and requires_what_is_denied(query.standard, clause):
        verdict = False  # "nhà không thuộc hộ nghèo ... có được không" / "... thuộc hộ nghèo"
    if verdict is None and _ASKS_NEW_RULE.search(query.standard) and _KEEPS_OLD.search(clause):
        # "có phải áp dụng tỷ lệ mới không" / "... thì tiếp tục thực hiện theo quyết định đã
        # được phê duyệt": a transitional clause keeps the earlier rule
        verdict = False
    if verdict is None:
        frame = prohibited(unit, passage, asked)
        verdict = not denies(query.standard, clause, asked, bool(frame))
        if frame and frame not in clause:  # "5. Thời gian không thu phí: ..."
            clause = f"{frame.rstrip(':')}: {clause}"
    if verdict:
        return f"Có. {clause[:1].upper()}{clause[1:]} [1]"
    lead = clause[:1].lower() if clause[1:2].islower() else clause[:1]  # "PHÂN LOẠI" stays
    return f"Không, {lead}{clause[1:]} [1]"


# words that say no: negations, and words that say it by their meaning (excluding, exempting,
# repealing, being late or wrong); "loại trừ" is read before "trừ"
_NEGATIVE = ("nghiêm cấm", "không", "chưa", "chẳng", "chớ", "cấm", "hết hiệu lực", "loại trừ",
             "bãi bỏ", "miễn", "trừ", "chậm", "sai")  # fmt: skip
# where a negation's reach ends: punctuation, or a conjunction opening another clause
_SCOPE_END = re.compile(r"[,.;:()\n]|\s(?:nhưng|và|hoặc|thì|nếu|trừ|song)\s", re.IGNORECASE)
_SCOPE_WORDS = 12
_MORE = re.compile(
    r"\b(?:cao hơn|lớn hơn|nhiều hơn|vượt|trên|hơn|quá|more than|above|over)\b", re.I
)
_LESS = re.compile(r"\b(?:thấp hơn|nhỏ hơn|ít hơn|dưới|không quá|less than|below|under)\b", re.I)


# a question about all or both of something, and a clause that allows only one of them
_ALL_ASKED = re.compile(
    r"(?<!\w)(?:tất cả|cả hai|toàn bộ|đồng thời|cộng dồn|cùng lúc|tat ca|ca hai|toan bo|"
    r"dong thoi|cong don|cung luc)(?!\w)",
    re.IGNORECASE,
)
_ONLY_ONE = re.compile(r"(?<!\w)chỉ (?:được )?(?:[^\W\d_]+ ){0,2}(?:một|01)(?!\w)", re.IGNORECASE)

# a question whether a new rule applies ("có phải áp dụng lại tỷ lệ mới không"), and a
# transitional clause that keeps the earlier one ("tiếp tục thực hiện theo quyết định đã được
# phê duyệt", "tiếp tục hưởng theo mức cũ")
_ASKS_NEW_RULE = re.compile(
    r"\b(?:áp dụng|thực hiện|hưởng|tính)(?: lại)?\b[^?]*\b(?:mới|lại)\b", re.IGNORECASE
)
_KEEPS_OLD = re.compile(
    r"\btiếp tục (?:triển khai |được )?(?:thực hiện|áp dụng|hưởng|thi hành)[^.;]*\b(?:đã được"
    r"|đã|cũ|trước đó|trước đây)\b",
    re.IGNORECASE,
)
# words whose opposite, stated by the clause in their place, says no
_OPPOSITES = tuple(
    (fold(a).lower(), fold(b).lower())
    for a, b in (("cao nhất", "thấp nhất"), ("lớn nhất", "nhỏ nhất"), ("nhiều nhất", "ít nhất"),
                 ("tối đa", "tối thiểu"), ("cao hơn", "thấp hơn"), ("lớn hơn", "nhỏ hơn"),
                 ("nhiều hơn", "ít hơn"), ("bắt buộc", "tự nguyện"),
                 # opposite courses of action
                 ("nới lỏng", "siết chặt"), ("mở rộng", "thu hẹp"), ("khuyến khích", "hạn chế"))
)  # fmt: skip


def other_provinces(question: str, clause: str) -> bool:
    """The question names provinces and the clause names only others ("... với Hải Phòng và
    Quảng Ninh phải không" against "với các tỉnh Bắc Giang, Bắc Ninh")."""
    from corpus.places import same_place

    said = _provinces(clause)
    asked = _provinces(question) if said else []
    return bool(asked) and not any(same_place(a, s) for a in asked for s in said)


# a commune or district may bear a province's name ("xã Bình Thuận" in Thái Nguyên)
_SUB_UNIT = re.compile(r"(?:xã|phường|huyện|quận|thị trấn|thị xã|thôn|xóm)\s*$", re.IGNORECASE)


def _provinces(text: str) -> list[str]:
    """The provinces a text names as written, not as the name of a commune or district."""
    from corpus.places import find_places

    return [
        p
        for p in find_places(text)
        if any(not _SUB_UNIT.search(text[: m.start()]) for m in re.finditer(re.escape(p), text))
    ]


def opposed(question: str, clause: str) -> bool:
    """The question claims one of two opposites and the clause states only the other ("chọn
    mức thấp nhất" against "áp dụng theo địa bàn có mức lương tối thiểu cao nhất")."""
    from bot.concepts import has_words

    asked, said = fold(question).lower(), fold(clause).lower()
    return any(
        has_words(asked, a)
        and not has_words(asked, b)
        and has_words(said, b)
        and not has_words(said, a)
        for pair in _OPPOSITES
        for a, b in (pair, pair[::-1])
    )


# a group the asker says they are not in: "nhà không thuộc hộ nghèo" ("không có", "không là"
# are left alone: "không có lương hưu hoặc có lương hưu thấp hơn" allows both)
_DENIED = re.compile(
    r"(?<!\w)(?:không|chưa|ko|khong|chua)\s+(thuộc|thuoc)\s+([^\W\d_]+\s+[^\W\d_]+)",
    re.IGNORECASE,
)


def requires_what_is_denied(question: str, clause: str) -> bool:
    """The asker says they are not in a circumstance ("nhà không thuộc hộ nghèo") that the
    clause sets as the condition ("... thuộc hộ nghèo, hộ cận nghèo ..."), not negated there."""
    said = " ".join(fold(clause).lower().split())
    for m in _DENIED.finditer(question):
        needed = fold(f"{m.group(1)} {m.group(2)}").lower()
        for found in re.finditer(rf"(?<!\w){re.escape(needed)}(?!\w)", said):
            before = said[: found.start()].split()[-2:]
            if not {"khong", "chua"} & set(before):
                return True
    return False


# a section element that is only a label ("Khoản 2", or the marker "1.", "II.", "b)" of a
# numbered item), not a heading that says anything
BARE_LABEL = re.compile(
    r"(?:Điều|Khoản|Điểm|Mục|Chương|Phần)\s+[\w.]+\.?|(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?"
)

# a heading or lead-in that makes every item under it a prohibition: "Điều 7. Các hành vi bị
# nghiêm cấm", "2. Nghiêm cấm các hành vi sau đây:"
_PROHIBITION = re.compile(r"(?<!\w)(?:nghiêm cấm|bị cấm|cấm các hành vi)(?!\w)", re.IGNORECASE)


def prohibited(unit: Unit, passage: Passage, asked: frozenset[str] = frozenset()) -> str:
    """The heading or lead-in line that denies what the clause lists, or "": one that
    prohibits ("Điều 7. Các hành vi bị nghiêm cấm"), or the nearest heading or lead-in when it
    negates one of the question's words ("5. Thời gian không thu phí" over "ngày mùng 01, 02
    tết" asked "có mất phí không")."""
    article = article_heading(passage.section)
    first = passage.text.split("\n", 1)[0].rstrip()
    lead = first if unit.start > len(first) and first.endswith(":") else ""
    if _PROHIBITION.search(unit.text):  # the clause says it itself ("1. Nghiêm cấm ...")
        return ""
    for frame in (lead, article):
        if frame and _PROHIBITION.search(frame):
            return frame
    # a bare label ("Khoản 4") says nothing: the heading above it titles the clause ("Điều 6.
    # Miễn lệ phí" over "4. Xe mô tô ba bánh chuyên dùng cho người khuyết tật")
    titled = [s for s in passage.section if not BARE_LABEL.fullmatch(s)]
    nearest = lead or (titled[-1] if titled else "")
    if not nearest or _negative(unit.text, asked):
        return ""  # a clause that says no says it itself
    return nearest if _negative(nearest, asked, reach=1) else ""


def denies(question: str, clause: str, asked: frozenset[str], framed: bool = False) -> bool:
    """The clause says no: the question and the clause differ in polarity. A text says no
    when a negation or a word that says no by its meaning ("miễn", "trừ", "bãi bỏ") reaches
    at least two of the question's words before its clause ends ("không thuộc đối tượng tham
    gia bảo hiểm xã hội bắt buộc", "trừ đặc khu"; not "không phân biệt nội thành"). So "có
    loại trừ ... không" is answered yes by "không áp dụng đối với ...", and "có được miễn ...
    không" by "miễn ... đối với ..."."""
    # what is asked, not its premise: "bỏ thi không đi thi thì có được trả lại tiền không"
    asked_text = predicate(question)
    # "Trường hợp ... chưa được điều chỉnh thì được truy lĩnh": the rule is what follows "thì"
    rule = (
        re.split(r"\s(?:thì|thi)\s", clause)[-1]
        if re.search(r"\s(?:thì|thi)\s", clause)
        else clause
    )
    # under a prohibiting heading (`framed`) the clause says what must not be done
    return (_negative(rule, asked) != framed) != _negative(asked_text, asked)


def _negative(text: str, asked: frozenset[str], reach: int = 2) -> bool:
    """Does the text say no about what is asked? Within a clause negations cancel in pairs
    ("không được miễn"); coordinated clauses each say no ("chậm tiến độ, sai cam kết")."""
    from bot.concepts import syllables

    accented = diacritic_ratio(text) >= 0.4  # "miền núi" is not "miễn" when typed with marks
    words = _words(text, accented)
    keys = [_words(w, accented) for w in _NEGATIVE]
    segments: list[int] = [0]  # negations reaching the question in each clause
    restricting = False  # inside a noun phrase a negation restricts ("các dự án chậm ..., sai")
    i = 0
    while i < len(words):
        if words[i] in _BREAKS:
            segments.append(0)
            restricting = restricting and words[i] not in _HARD_BREAKS
            i += 1
            continue
        match = next((k for k in keys if words[i : i + len(k)] == k), None)
        if match is None:
            i += 1
            continue
        if restricting or _modifies_a_noun(words, i):  # "các tiêu chí chưa đạt chuẩn"
            restricting = True
            i += len(match)
            continue
        after = words[i + len(match) : i + len(match) + 2]
        if len(after) == 2 and after[0] in _BOUNDING and after[1].isdigit():
            i += len(match)  # "chưa đủ 06 tháng", "không quá 5 năm": a bound, not a denial
            continue
        scope = " ".join(words[i + len(match) : i + len(match) + _SCOPE_WORDS])
        end = _SCOPE_END.search(f" {scope} ")
        reached = set(syllables(scope[: max(0, end.start() - 1)] if end else scope))
        if len(reached & asked) >= min(reach, len(asked)):
            segments[-1] += 1
        i += len(match)
    return any(n % 2 == 1 for n in segments)


_BREAKS = {",", ";", ".", ":", "và", "va", "hoặc", "hoac"}
_BOUNDING = {"đủ", "du", "quá", "qua"}  # "chưa đủ 06 tháng", "không quá 05 năm"
# plural determiners: a negation one to three words after one belongs to a noun phrase ("các
# xã chưa đạt chuẩn", "những hộ không có đất"), it restricts the noun and denies nothing
_PLURAL = {"các", "những", "mọi", "mấy", "cac", "may"}


_HARD_BREAKS = {";", ".", ":", "(", ")"}


def _modifies_a_noun(words: list[str], i: int) -> bool:
    """The negation at `i` restricts a noun phrase that a plural determiner opens inside the
    clause ("hoàn thành các chỉ tiêu, tiêu chí chưa đạt chuẩn"); one opening the clause is
    its subject ("Các xã không được hỗ trợ": that says no)."""
    for back in range(2, 7):
        j = i - back
        if j < 0 or words[j + 1] in _HARD_BREAKS:
            return False
        if words[j] in _PLURAL:
            return j > 0 and words[j - 1] not in _BREAKS
    return False


def _words(text: str, accented: bool) -> list[str]:
    """Lower-case words with their marks (and punctuation kept as words, so a negation's
    reach can stop there), or folded syllables for a text typed without marks."""
    if accented:
        return re.findall(r"[^\W\d_]+|\d+|[,.;:()]", text.lower())
    from bot.concepts import syllables

    return [w for piece in re.findall(r"[^,.;:()]+|[,.;:()]", text)
            for w in (syllables(piece) if piece not in ",.;:()" else [piece])]  # fmt: skip


def figure_verdict(question: str, clause: str, asked: frozenset[str]) -> bool | None:
    """A question stating a figure ("có cao hơn 50% không", "tăng 9% đúng không") against the
    figure the clause states for the same thing; None when the question states no figure."""
    from bot.concepts import syllables
    from bot.figures import figures

    stated_q = [f for _, _, f in figures(predicate(question))]
    if not stated_q:
        return None
    wanted = number_value(stated_q[0])
    found = figures(clause)
    if wanted is None or not found:
        return None
    # a claimed share is checked against a share the clause states, an amount against an
    # amount: "chi tới 80%" is not the "5" of "xã A Lưới 5"
    kind = figure_kind(stated_q[0])
    same = [f for f in found if figure_kind(f[2]) == kind]
    pool = same or found
    # the words naming a share are those since the share before it ("..., ngân sách xã hỗ trợ
    # 10%" names the commune's share, not the city's), unless the two make one change or range
    # ("từ 1,49 triệu đồng lên 1,6 triệu đồng"); what it is counted per ("30 triệu đồng/công
    # trình nước sạch") names it most closely, then the nearest words before it
    since = {f[0]: _previous_end(clause, f, same) for f in pool}
    per = {
        f[0]: sum(w in asked for w in syllables(clause[f[1] : _per_end(clause, f)])) for f in pool
    }
    best = max(
        pool,
        key=lambda f: (
            per[f[0]],
            _overlap_before(clause, f[0], asked, since[f[0]], NEAREST_WORDS),
            _overlap_before(clause, f[0], asked, since[f[0]]),
        ),
    )
    value = number_value(best[2])
    if value is None:
        return None
    position = question.find(stated_q[0])
    before = question[max(0, position - 20) : position]
    if _MORE.search(before):
        return value > wanted
    if _LESS.search(before):
        return value < wanted
    if abs(value - wanted) >= 1e-9:
        return False
    # "bằng 4,5% của 50% mức tiền lương": a share of a share, which a claim of "4,5% tiền
    # lương" without that second share does not state
    of_share = _OF_SHARE.match(clause, best[1])
    return not of_share or numbers_in(of_share.group(1)) <= numbers_in(question)


_OF_SHARE = re.compile(r"\s*của\s+(\d+(?:[.,]\d+)?\s*%)", re.IGNORECASE)


def figure_kind(figure: str) -> str:
    """What a figure counts: "%" for a share, "money" for an amount, else the word after its
    number ("05 xã" -> "xa"), "" for a bare number."""
    from bot.concepts import syllables
    from bot.figures import is_money

    if "%" in figure or "phần trăm" in figure.lower():
        return "%"
    if is_money(figure) or re.search(r"\d\s*(?:triệu|nghìn|ngàn|tỷ)", figure, re.IGNORECASE):
        return "money"
    words = [w for w in syllables(figure) if not w[:1].isdigit()]
    return words[0] if words else ""


_LINKED = re.compile(r"[\s.,]*(?:lên|xuống|đến|tới|[-–])?[\s.,]*", re.IGNORECASE)


# where the rest of what a figure is counted per ends: "/công| trình nước sạch| và 50 ..."
_PER_END = re.compile(r"\s+(?:và|hoặc)\s|[,;:()]|\.(?:\s|$)|$")


def _per_end(clause: str, figure: tuple[int, int, str]) -> int:
    """Where the words of what a figure is counted per end ("30 triệu đồng/công trình nước
    sạch" and no further); the figure's own end when it is counted per nothing."""
    if "/" not in figure[2]:
        return figure[1]
    return _PER_END.search(clause, figure[1]).start()


def _previous_end(clause: str, figure: tuple[int, int, str], others: list) -> int:
    """Where the figure of the same kind before `figure` ends, with what it is counted per
    (0 when none, or when the two are linked as one change or range)."""
    before = [g for g in others if g[1] <= figure[0]]
    if not before:
        return 0
    last = max(before, key=lambda g: g[1])
    if _LINKED.fullmatch(clause[last[1] : figure[0]]):
        return 0
    return min(_per_end(clause, last), figure[0])


NEAREST_WORDS = 5  # the words right before a figure that name it most closely


def _overlap_before(
    clause: str, start: int, asked: frozenset[str], since: int = 0, last: int = 0
) -> int:
    from bot.concepts import syllables

    words = syllables(clause[max(0, start - 50, since) : start])
    return sum(w in asked for w in (words[-last:] if last else words))


_SCALES = (("nghìn tỷ", 1e12), ("ngàn tỷ", 1e12), ("tỷ", 1e9), ("triệu", 1e6), ("nghìn", 1e3),
           ("ngàn", 1e3))  # fmt: skip


def number_value(figure: str) -> float | None:
    """ "5.310.000 đồng" -> 5310000, "8,5%" -> 8.5, "5 triệu" -> 5000000 (Vietnamese: "."
    groups thousands, "," marks decimals)."""
    m = re.search(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?", figure)
    if not m:
        return None
    raw = m.group(0)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    after = figure[m.end() :].lower().lstrip()
    scale = next((factor for word, factor in _SCALES if after.startswith(word)), 1.0)
    return value * scale


def predicate(question: str) -> str:
    """What a yes/no question asks to be true: "... là 44% phải không" asserts it all; in
    "vay đến 300 triệu đồng ... có phải thế chấp không" the part after "có" is asked and the
    figure before it is a premise."""
    from bot.figures import figures
    from bot.understand import strip_particles

    question = strip_particles(question)
    if re.search(r"(?:đúng|phải)\s+(?:không|ko|k)\s*\??\s*$", question, re.IGNORECASE):
        return strip_yesno(question)
    # "Có phải / Có đúng là / Phải chăng ... không?" frames the whole sentence as the claim: a
    # "có" inside it ("100% dân có bảo hiểm y tế") is its verb, not where the question turns
    if _CLAIM_FRAME.match(question):
        return strip_yesno(_CLAIM_FRAME.sub("", question, count=1))
    pivot = list(re.finditer(r"\b(?:có|co)\b", question, re.IGNORECASE))
    if len(pivot) > 1 and figures(question[pivot[0].end() : pivot[-1].start()]):
        # "Nghị quyết có đặt mục tiêu 100% người dân có bảo hiểm y tế không": the figure
        # after the first "có" is claimed; the last "có" is a verb of the claim
        return strip_yesno(question[pivot[0].end() :])
    return strip_yesno(question[pivot[-1].end() :] if pivot else question)


_CLAIM_FRAME = re.compile(
    r"^\s*(?:có phải|co phai|có đúng|co dung|phải chăng|phai chang)(?:\s+(?:là|la))?\s+",
    re.IGNORECASE,
)


def strip_yesno(question: str) -> str:
    """The question without its closing "... không?" / "... chưa?" / "có phải ... không"."""
    from bot.understand import strip_particles

    question = strip_particles(question)
    q = re.sub(
        r"\s*,?\s*(?:hay|hoặc)?\s*(?:không|chưa|phải không|đúng không|ko|k)\s*\??\s*$",
        "",
        question,
        flags=re.IGNORECASE,
    )
    return re.sub(r"^\s*(?:có phải|có)\s+", "", q, flags=re.IGNORECASE)


def items_shown(count: int) -> int:
    """How many of a list's `count` items are shown: all of them when at most MAX_TAIL would be
    left after MAX_ITEMS, else MAX_ITEMS."""
    return count if count <= MAX_ITEMS + MAX_TAIL else MAX_ITEMS


def item_limit(count: int) -> int:
    """How long an item of a list of `count` items may be: the room MAX_ITEMS items of
    MAX_ITEM_CHARS take, shared by the items shown, within MAX_FEW_ITEM_CHARS."""
    shown = max(1, min(count, MAX_ITEMS))
    return min(MAX_FEW_ITEM_CHARS, max(MAX_ITEM_CHARS, MAX_ITEMS * MAX_ITEM_CHARS // shown))


def list_answer(heading: str, items: Sequence[tuple[str, int]]) -> str:
    """ "<heading>:" then one line per item, each cited; more than MAX_ITEMS + MAX_TAIL: the
    rest after MAX_ITEMS counted.
    Items share the length MAX_ITEMS items would take: fewer items, each read further."""
    head = " ".join(heading.split()).rstrip(":")
    if len(head) > MAX_HEADING_CHARS:  # a long lead-in is cut: the items are the answer
        head = head[:MAX_HEADING_CHARS].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    lines = [f"{head}:" if heading else "Gồm:"]
    limit = item_limit(len(items))
    shown = items_shown(len(items))
    for text, n in items[:shown]:
        lines.append(f"- {shorten(text, limit, fill=limit > MAX_ITEM_CHARS)} [{n}]")
    if len(items) > shown:
        lines.append(f"- và {len(items) - shown} nội dung khác.")
    return "\n".join(lines)


# a lead-in that an enumeration follows on the same line: "... các bệnh hiểm nghèo sau đây: ung
# thư, suy thận, ..."
_INLINE_LIST = re.compile(r"(?:sau đây|như sau|sau|bao gồm|gồm có|gồm|như)\s*:\s*[^\W\d_]", re.I)


def shorten(text: str, limit: int = MAX_ITEM_CHARS, fill: bool = False) -> str:
    """An item's lead clause: up to its first sentence end, or the limit at a word; an
    indicator with its figure ("Tỷ lệ gia đình văn hóa: Từ 90% trở lên") stays whole. With
    `fill`, as many of its whole clauses as the limit holds, the lead clause at least."""
    text = " ".join(text.split()).lstrip("-+• ")
    if _INLINE_LIST.search(text):  # "... các bệnh sau đây: ung thư, ...": the list is the point
        limit *= 2
    ends = [m.start() for m in re.finditer(r"[.;](?:\s|$)", text) if m.start() >= 20]
    # an item short enough is kept whole ("... tết Nguyên đán; ngày lễ Phật Đản")
    if ends and len(text.rstrip(" .;")) > limit:
        # the lead clause; with room to `fill`, every whole clause that fits
        fits = [end for end in ends if end <= limit * ITEM_SLACK] if fill else []
        text = text[: fits[-1] if fits else ends[0]]
    # a lead clause a little over the limit is kept whole, not cut a word or two before its
    # end ("... theo đúng mô hình hợp tác xã kiểu…")
    if len(text) > limit * ITEM_SLACK:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text.rstrip(" ,;.")


def compare_answer(
    sides: Sequence[tuple[str, str, int]], names: Sequence[str] = (), question: str = ""
) -> str:
    """Each side's value with what it measures, cited: "95% — BHYT [1]; 44% — BHXH [2]"; led,
    when both sides are plain figures of one unit, by which is higher ("BHYT (95%) cao hơn BHXH
    (44%).") in the question's own words for it (nhanh / chậm, nhiều / ít ...)."""
    # a clause's own full stop would stand before its citation and the list's ("44%. [2].")
    parts = [f"{value} — {label.rstrip(' .')} [{n}]" for value, label, n in sides]
    text = "; ".join(parts) + "."
    values = [value for value, _, _ in sides]
    lead = _which_is_higher(values, names, question)
    if lead and _ASKS_DIFFERENCE.search(question):
        lead = f"{lead.rstrip('.')}, {_difference(values)}."
    return f"{capitalized(lead)} {text}" if lead else text


# the question asks by how much: "cao hơn ... bao nhiêu", "chênh (lệch) bao nhiêu", "khác nhau
# bao nhiêu", "hơn bao nhiêu", "how much more"
_ASKS_DIFFERENCE = re.compile(
    r"\b(?:hơn|hon|chênh(?: lệch)?|chenh(?: lech)?|khác nhau|khac nhau)\b(?:\s+\S+){0,8}?\s+"
    r"(?:bao nhiêu|bao nhieu|bn|mấy|may)\b|\bchênh lệch\b|\bchenh lech\b|\bdifference\b|"
    r"\bhow much (?:more|less|higher|lower)\b",
    re.IGNORECASE,
)


def _difference(values: Sequence[str]) -> str:
    """ "chênh 1,8 điểm phần trăm (6,6% − 4,8%)": what two figures of one unit differ by,
    worked out from the figures shown, so the reader can check it."""
    plain = _same_bound(values) or list(values)
    # the figures as written, their unit said after ("200 nghìn" is 200 of "nghìn đồng")
    a, b = (number_value(re.match(r"[\d.,]+", v.strip()).group(0)) for v in plain)  # type: ignore[union-attr]
    unit = re.sub(r"^[\d.,\s]+", "", plain[0]).strip()
    decimals = max(len(m.group(1)) if (m := re.search(r",(\d+)", v)) else 0 for v in plain)
    amount = _vietnamese_number(abs(a - b), decimals)  # type: ignore[operator]
    head, per = unit_key(unit)
    said = "điểm phần trăm" if unit.startswith("%") else f"{head}/{per}" if per else head
    shown = " − ".join(re.match(r"[\d.,]+\s*%?", v).group(0).strip() for v in plain)  # type: ignore[union-attr]
    return f"chênh {amount} {said} ({shown})".replace("  ", " ")


def unit_key(unit: str) -> tuple[str, str]:
    """A unit by what it counts and per what period: "nghìn đồng/người học/tháng" and "nghìn
    đồng/trẻ,học sinh/tháng" are both ("nghìn đồng", "tháng")."""
    parts = [p.strip() for p in unit.lower().split("/")]
    return parts[0], parts[-1] if len(parts) > 1 else ""


def _vietnamese_number(x: float, decimals: int) -> str:
    """1.8 -> "1,8"; 70000 -> "70.000" (Vietnamese: "." groups thousands, "," marks decimals)."""
    whole, _, frac = f"{x:,.{decimals}f}".partition(".")
    return whole.replace(",", ".") + (f",{frac}" if frac else "")


def capitalized(text: str) -> str:
    """The text with its first letter capitalized ("ngày 28 ..." after "Có." -> "Ngày 28 ...")."""
    return text[:1].upper() + text[1:]


# comparative pairs (higher, lower) a question may use
_COMPARATIVES = (("nhanh hơn", "chậm hơn"), ("nhiều hơn", "ít hơn"), ("lớn hơn", "nhỏ hơn"),
                 ("cao hơn", "thấp hơn"))  # fmt: skip
# a figure given as a bound or an estimate is not compared as a plain figure
_BOUNDED = re.compile(
    r"\b(?:dưới|trên|từ|tối đa|tối thiểu|khoảng|không quá|không dưới|ít nhất|đến|trở lên)\b|[-–]",
    re.IGNORECASE,
)
_FRAME_YEAR = re.compile(r"^(?:năm|nam)\s+(?:19|20)\d{2}\s+", re.IGNORECASE)


# a bound a figure opens with ("tối đa 1,36%"): two figures with the same one are ranked
_LEAD_BOUND = re.compile(
    r"^(tối đa|tối thiểu|không quá|không dưới|ít nhất|dưới|trên|khoảng)\s+", re.IGNORECASE
)


def _same_bound(values: Sequence[str]) -> list[str] | None:
    """The figures without the bound both open with ("tối đa 1,36%", "tối đa 1,23%" -> "1,36%",
    "1,23%"), or None when they open with none or different ones."""
    found = [_LEAD_BOUND.match(v) for v in values]
    if not all(found) or len({m.group(1).lower() for m in found if m}) != 1:
        return None
    return [v[m.end() :] for v, m in zip(values, found, strict=True) if m]


# "A và B lần lượt là bao nhiêu" asks each figure; a comparison word asks which is higher too
_EACH_ASKED = re.compile(r"\b(?:lần lượt|lan luot|respectively)\b")
_COMPARED = re.compile(r"\b(?:hơn|hon|chênh|chenh|so sánh|so sanh|so với|so voi|than|compare)\b")


def _which_is_higher(values: Sequence[str], names: Sequence[str], question: str) -> str:
    """ "A (x) cao hơn B (y)." for two plain figures of the same unit, or two with the same
    bound ("tối đa 1,36%", "tối đa 1,23%"); "" otherwise, or when the question asks each
    figure ("lần lượt") with no word of comparison."""
    plain = _same_bound(values) if len(values) == 2 else None
    figures_only = plain or list(values)
    if len(values) != 2 or len(names) < 2 or any(_BOUNDED.search(v) for v in figures_only):
        return ""
    units = [re.sub(r"^[\d.,\s]+", "", v).strip().lower() for v in figures_only]
    numbers = [number_value(v) for v in figures_only]
    if unit_key(units[0]) != unit_key(units[1]) or None in numbers or numbers[0] == numbers[1]:
        return ""
    typed = question.lower()
    if _EACH_ASKED.search(typed) and not _COMPARED.search(typed):
        return ""  # "năm 2025 và năm 2027 lần lượt là bao nhiêu": each figure, not which is higher
    higher, lower = next(
        (pair for pair in _COMPARATIVES if pair[0] in typed or pair[1] in typed),
        _COMPARATIVES[-1],
    )
    first, second = (_FRAME_YEAR.sub("", n.strip()) for n in names[:2])
    hi, lo = (0, 1) if numbers[0] > numbers[1] else (1, 0)
    named = ((first, values[0]), (second, values[1]))
    if lower in typed and higher not in typed:  # "bên nào thấp hơn": the lower one, first
        return f"{named[lo][0]} ({named[lo][1]}) {lower} {named[hi][0]} ({named[hi][1]})."
    return f"{named[hi][0]} ({named[hi][1]}) {higher} {named[lo][0]} ({named[lo][1]})."


def places_answer(answers: Sequence[tuple[str, str]]) -> str:
    """One line per document that answers: "Huế: 190 ... [1]"."""
    return "\n".join(f"{place}: {text}" for place, text in answers)


# "năm học 2024 - 2025", "giai đoạn 2021 - 2025": a span of years stated as one
_SCHOOL_YEAR = re.compile(r"năm học\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", re.IGNORECASE)


def date_verdict(question: str, clause: str) -> bool | None:
    """A yes/no question that states a full date or a school year ("thông qua ngày 08/12/2023",
    "từ năm học 2024 - 2025") against the clause that states one of the same kind: the same
    says yes, only others say no; None when either states none."""
    asked, said = dates_in(question), dates_in(clause)
    if asked and said:
        return bool(asked & said)
    asked_years = {(int(a), int(b)) for a, b in _SCHOOL_YEAR.findall(question)}
    said_years = {(int(a), int(b)) for a, b in _SCHOOL_YEAR.findall(clause)}
    if asked_years and said_years:
        return bool(asked_years & said_years)
    return None
