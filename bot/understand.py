"""Understanding a question before retrieval: what kind of answer it wants, what it constrains
(provinces, years, document types and numbers), and whether it leans on the conversation.

Every pattern here is a pattern of Vietnamese (or English) question phrasing, matched on the
folded, lower-cased question after chat spellings were made standard."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.types import QuestionError
from corpus.places import find_places
from index.fold import fold
from index.query import is_english
from index.search import MAX_QUERY_CHARS
from index.spelling import Speller, standardize
from index.tokenize import DOC_NUMBER

MAX_CHARS = MAX_QUERY_CHARS  # one limit for questions and searches


class _Pattern:
    """Question phrasing written with diacritics ("số mấy"), matched with them when the
    question has them ("hệ số mấy" is not "số mấy"; "cơ sở bao nhiêu" is not "số bao
    nhiêu"; "đứng đầu" is not "ở đâu") and folded when it was typed without any."""

    def __init__(self, *alternatives: str):
        body = r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"
        self.accented = re.compile(body)
        self.folded = re.compile(fold(body))

    def search(self, text: Typed) -> re.Match[str] | None:
        return (self.accented if text.accented else self.folded).search(text.value)


@dataclass(frozen=True, slots=True)
class Typed:
    """A question as the patterns read it: lower case, folded if typed without diacritics."""

    value: str
    accented: bool

    @classmethod
    def of(cls, text: str) -> Typed:
        lower = text.lower()
        words = [w for w in lower.split() if any(c.isalpha() for c in w)]
        marked = sum(fold(w) != w for w in words)
        accented = bool(words) and marked / len(words) >= 0.4
        return cls(lower if accented else fold(lower), accented)


_w = _Pattern
# "mấy" before a noun asks how many; after a noun that numbers its kinds ("khu vực mấy",
# "lớp mấy", "hạng mấy") it asks which one, like "nào"
_NUMBERED = r"khu vực|vùng|loại|hạng|nhóm|bậc|lớp|tầng"
_WHICH_NUMBERED = rf"(?:{_NUMBERED}) mấy"
# typed without marks "xe may", "may tinh" are a motorbike, a computer
_HOW_MANY = (
    r"(?<!xe )" + "".join(f"(?<!{n} )" for n in _NUMBERED.split("|"))
    + r"mấy(?! (?:tính|móc|bay|chuyên dùng|điện))"
)  # fmt: skip
# Answer types, tried in order.
_KINDS: tuple[tuple[str, _Pattern], ...] = (
    # "dựa trên báo cáo số mấy của UBND": the number of a document the text cites, read from
    # the text as a figure (not the document's own number, not its legal basis)
    ("figure", _w(r"(?:báo cáo|tờ trình|kế hoạch|chỉ thị|kết luận|công văn)(?! này)"
                  r"(?: [^\s?]+){0,3}? số (?:mấy|bao nhiêu|hiệu)")),
    ("position", _w(r"chức vụ (?:gì|nào)", r"chức danh (?:gì|nào)", r"giữ chức", r"position",
                    r"what title")),
    ("signer", _w(r"ai ký", r"người ký", r"ký bởi ai", r"who signed", r"signed by",
                  r"signatory",
                  # "Chủ tịch ... ký nghị quyết ... là ai"
                  r"ký (?:ban hành )?(?:nghị quyết|nghị định|thông tư|quyết định|công văn|luật|"
                  r"văn bản)[^?]{0,80} (?:là )?ai",
                  # "Phó Thủ tướng nào ký ...": the office held, then "nào ký"
                  r"(?:thủ tướng|bộ trưởng|thứ trưởng|chủ tịch|lãnh đạo|người) nào (?:đã )?ký")),
    # "Nghị quyết số mấy", "mang số bao nhiêu": the document's number; "mẫu số mấy", "hệ số
    # mấy", "tổng số bao nhiêu" ask about something else
    ("number", _w(r"số hiệu", r"ký hiệu", r"số văn bản", r"what number", r"document number",
                  r"(?:nghị quyết|nghị định|thông tư|quyết định|công văn|văn bản|luật|mang|có|là)"
                  r" số (?:mấy|bao nhiêu|nào|gì)")),
    ("issuer", _w(r"(?:cơ quan|ai|đơn vị) (?:nào )?ban hành", r"ban hành bởi", r"của cơ quan nào",
                  r"who issued", r"issued by", r"which (?:body|agency)")),
    ("amends", _w(r"(?:sửa đổi|thay thế|bãi bỏ|làm hết hiệu lực)(?: (?:văn bản|nghị quyết|"
                  r"nghị định|thông tư|quyết định))?(?: [^?]{0,40})? nào", r"amends?",
                  r"replaces?",
                  # "thay cho thông tư nào": in place of a text (not "dùng thay cho giấy tờ nào")
                  r"thay cho (?:văn bản|nghị quyết|nghị định|thông tư|quyết định|luật)"
                  r"(?: [^?]{0,40})? nào")),
    ("effective", _w(r"hiệu lực", r"áp dụng từ", r"take effect", r"in force", r"effective")),
    # "vào những ngày nào": a set of days, listed, not one date
    ("date", _w(r"(?<!những )(?<!các )ngày nào", r"ngày bao nhiêu", r"khi nào", r"lúc nào", r"bao giờ", r"thời gian nào",
                r"thời điểm nào", r"thông qua ngày", r"ngày tháng năm", r"ngày ban hành",
                r"ban hành ngày", r"ký ngày", r"năm nào", r"what date", r"which date",
                # English "when" opens the question ("When was it passed?"); inside it, it
                # opens a condition ("the fee ... when applying for a licence")
                r"^\W*when", r"(?:until|by|since) when")),
    ("session", _w(r"kỳ họp (?:thứ )?(?:mấy|nào|bao nhiêu)", r"khóa mấy", r"khóa nào",
                   r"khóa bao nhiêu", r"phiên họp (?:thứ )?(?:mấy|nào|bao nhiêu)",
                   r"which session")),
    ("basis", _w(r"căn cứ (?:vào )?(?:đâu|nào|gì)", r"căn cứ pháp lý", r"dựa trên",
                 r"theo đề nghị của", r"(?:ai|cơ quan nào|bộ nào) (?:đề nghị|trình)",
                 r"legal basis", r"based on")),
)  # fmt: skip
_FIGURE = _w(
    r"bao nhiêu",
    _HOW_MANY,
    # "ở mức nào" asks a figure; "theo những mức nào" asks the set of levels, a list
    r"(?<!những )(?<!các )mức nào",
    r"khoảng(?: điểm| giá| thời gian)? nào",  # "chấm trong khoảng điểm nào": a range
    r"hệ số nào",
    r"tỷ lệ nào",
    r"mức bao",
    r"phần trăm",
    r"bao lâu",
    r"how much",
    r"how many",
    r"what percentage",
    r"what share",
    r"what rate",
    r"percent",
    r"how long",
    r"how old",
)
# Nouns that name an amount: a question made of them alone ("mức chuẩn trợ giúp xã hội của Hà
# Nội", "học phí mầm non ở Huế") asks for the figure.
_AMOUNT_NOUNS = _w(
    r"mức",
    r"tỷ lệ",
    r"tỷ trọng",
    r"học phí",
    r"lệ phí",
    r"phí",
    r"lương",
    r"phụ cấp",
    r"trợ cấp",
    r"hệ số",
    r"định mức",
    r"giá",
    r"kinh phí",
    r"chỉ tiêu",
    r"rate",
    r"fees?",
    r"wage",
    r"salary",
    r"allowance",
)
_LIST = _w(
    r"những (?:gì|ai|đâu|nội dung|nhiệm vụ|giải pháp|trường hợp|đối tượng|chỉ tiêu|khoản|"
    r"loại|đơn vị|xã|việc|hành vi|hình thức)",
    r"gồm (?:những|các|có)", r"bao gồm", r"các (?:nhiệm vụ|giải pháp|chỉ tiêu|trường hợp|"
    r"đối tượng)(?: (?:nào|gì|chủ yếu|chính))?",
    r"làm (?:những )?gì", r"(?:nhiệm vụ|giải pháp) (?:gì|nào|chủ yếu)", r"kể tên", r"liệt kê",
    r"kể hết", r"đối tượng nào", r"trường hợp nào", r"what are", r"which (?:tasks|measures|"
    r"groups|cases)", r"list",
    # "những khó khăn nào", "những điều kiện gì": a plural noun asked with "nào" or "gì" asks
    # for a set
    r"(?:những|các)(?: [^\s?,.]+){1,6} (?:nào|gì)",
)  # fmt: skip
# "A so với B là bao nhiêu" compares A and B; "tăng bao nhiêu so với cùng kỳ", "bằng mấy phần
# trăm so với cấp tỉnh" ask one figure relative to a reference (the asking word comes first)
_RELATIVE = _w(r"(?:bao nhiêu|mấy|nào|gì|thế nào|ra sao|how much|how many|what)\b.*\bso với")
_COMPARE = _w(
    r"so sánh",
    r"cao hơn",
    r"thấp hơn",
    r"nhiều hơn",
    r"ít hơn",
    r"lớn hơn",
    r"nhỏ hơn",
    r"nhanh hơn",
    r"chậm hơn",
    r"so với",
    r"so giữa",
    r"chênh lệch",
    r"chênh nhau",
    r"khác nhau",
    r"hay là",
    r"lần lượt",
    r"higher",
    r"lower",
    r"more than",
    r"compare",
    r"difference",
)
_YESNO_END = _w(r"không\s*\??\s*$", r"chưa\s*\??\s*$", r"phải không", r"đúng không",
                r"có phải", r"được không")  # fmt: skip
# the asking words besides "mấy", which may point rather than count (_indefinite_may)
_ASKING_WORDS = (r"bao nhiêu", r"nào", r"gì", r"ai", r"đâu", r"thế nào", r"ra sao", r"khi nào",
                 r"bao giờ")  # fmt: skip
_ASKS_BUT_MAY = _w(*_ASKING_WORDS)
_ASKS = _w(_HOW_MANY, _WHICH_NUMBERED, *_ASKING_WORDS)
_WHO = _w(r"ai", r"cơ quan nào", r"đơn vị nào", r"tổ chức nào", r"who", r"which body")
_WHERE = _w(r"ở đâu", r"nơi nào", r"tại đâu", r"địa bàn nào", r"khu vực (?:nào|mấy)",
            r"vùng (?:nào|mấy)", r"where")  # fmt: skip
_KIND_WORDS = {
    "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định",
    "thong tu": "Thông tư",
    "quyet dinh": "Quyết định",
    "cong van": "Công văn",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "resolution": "Nghị quyết",
    "decree": "Nghị định",
    "circular": "Thông tư",
}
# a year or a span of years, not part of a longer number or a date ("2026." ends a sentence)
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\d/]|[.,]\d)")
_FROM_DATE = re.compile(
    r"(?<!\w)(?:từ|tu)\s+(?:ngày\s+|ngay\s+)?\d{1,2}/\d{1,2}/((?:19|20)\d{2})(?![\d/])", re.I
)
# "63/2025" names a document; "tháng 12/2025" is a month
_NUMBER_YEAR = re.compile(
    r"(?<![\d/.,])(?<!tháng )(?<!thang )(?!(?:19|20)\d\d/)(\d{1,4})/(?:19|20)\d{2}(?![\d/])",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(
    r"\b(nghi quyet|nghi dinh|thong tu|quyet dinh|luat|cong van|nd|nq|tt|qd)\s*(?:so\s+)?(\d{1,5})\b"
)
# a document type abbreviated before its number, as documents abbreviate it in their own
# numbers ("176/2025/NĐ-CP"): "nđ 176", "NQ 22/2025", "tt 154"
_ABBREVIATED_KIND = {"nd": "Nghị định", "nq": "Nghị quyết", "tt": "Thông tư", "qd": "Quyết định"}
_ELLIPTICAL = re.compile(
    r"^(?:con|the con|vay con|va|con ve|what about|how about|and)\b|"
    r"\b(?:ong ay|ba ay|nguoi do|van ban do|nghi quyet do|van ban nay|nghi quyet nay|"
    r"he|she|it|they)\b|"
    r"\b(?:thi sao|the nao|ra sao|thi the nao|nhu the nao)\s*\??$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Query:
    """A question, understood."""

    text: str  # cleaned, as asked
    standard: str  # chat spellings and amounts made standard (what the rules below read)
    retrieval: str  # what to search for (the text, or a rewrite for follow-ups)
    kind: str  # position | signer | number | issuer | amends | effective | date | session | basis |
    #            figure | who | where | other
    yesno: bool = False  # "... có ... không?": the answer starts with "Có" or "Không"
    listing: bool = False  # "gồm những gì", "nhiệm vụ nào": the answer lists items
    compare: bool = False  # "cao hơn", "so với": the answer gives both figures
    places: tuple[str, ...] = ()  # provinces and cities named
    excluded: tuple[str, ...] = ()  # ... named to be left out ("các tỉnh không phải Hà Nội")
    years: tuple[str, ...] = ()  # years named ("2023"), school years as "2025-2026"
    doc_kinds: tuple[str, ...] = ()  # document types named ("Nghị định")
    numbers: tuple[str, ...] = ()  # document numbers named ("63/2025/NQ-HĐND", or "293")
    followup: bool = False

    @property
    def wants_figure(self) -> bool:
        return self.kind == "figure"


def clean(question: str) -> str:
    """The question as asked, or a QuestionError saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("Câu hỏi phải là văn bản (the question must be text).")
    if _CONTROL.search(question):
        raise QuestionError(
            "Câu hỏi chứa ký tự điều khiển không hợp lệ: hãy gõ lại câu hỏi "
            "(the question contains control characters)."
        )
    text = " ".join(unicodedata.normalize("NFC", question).split())
    if not text:
        raise QuestionError("Câu hỏi trống: hãy nhập câu hỏi (the question is empty).")
    if len(text) > MAX_CHARS:
        raise QuestionError(
            f"Câu hỏi quá dài ({len(text)} ký tự, tối đa {MAX_CHARS}): hãy hỏi ngắn gọn hơn "
            f"(the question has {len(text)} characters; the limit is {MAX_CHARS})."
        )
    return text


def _typed(text: str) -> Typed:
    # "AI" in capitals is the acronym, not the question word "ai" (who)
    return Typed.of(re.sub(r"\bAI\b", "trí tuệ nhân tạo", text))


_HOW_LONG = _w(r"bao lâu", r"how long")
# a date right after "hiệu lực" / "áp dụng từ"; a figure the question states ("là 4.960.000")
_DATE_NEXT = re.compile(r" (?:thi hành )?(?:từ )?(?:ngày )?\d")
_CLAIMED_FIGURE = re.compile(r"(?<!\w)(?:là|la|bằng|bang)\s+\d")


# "gì", and "thế nào", "ra sao", "bằng cách nào" asking how something is done or what it is like
_WHAT = _w(
    r"gì", r"là sao", r"thế nào", r"ra sao", r"bằng cách nào",
    # "theo nghị quyết nào", "cơ quan nào": which document or body, not an amount
    r"(?:nghị quyết|nghị định|thông tư|quyết định|văn bản|luật|cơ quan|đơn vị|chương trình|"
    r"đề án|kế hoạch|quy định) nào",
    # "tính theo giá nào": which price an amount is reckoned on, not the amount
    r"theo (?:giá|loại giá|căn cứ|tiêu chí|phương pháp) nào",
    # "tỷ lệ ... áp dụng trên địa bàn xã cũ nào": which place, not the rate
    r"(?:xã|phường|huyện|quận|tỉnh|thị trấn|thị xã|địa bàn|địa phương)(?: cũ| mới)? nào",
)  # fmt: skip


# a figure stated in a question: "có phải 100 nghìn đồng không", "có cao hơn 5% không"
_STATES_FIGURE = re.compile(
    r"\d[\d.,]*\s*(?:%|đồng|dong|triệu|trieu|nghìn|nghin|tỷ|ty|lần|lan)", re.I
)


def answer_kind(text: str) -> str:
    typed = _typed(text)
    for kind, pattern in _KINDS:
        found = pattern.search(typed)
        if found is None:
            continue
        if (
            kind == "effective"
            and _DATE_NEXT.match(typed.value, found.end())
            and (
                _FIGURE.search(typed)
                or _CLAIMED_FIGURE.search(typed.value)
                or _AMOUNT_NOUNS.search(typed)
            )
        ):  # "áp dụng từ 1/1/2026 là bao nhiêu", "so sánh lương ... áp dụng từ 01/01/2026": the
            # date frames the figure asked
            continue
        if kind in ("effective", "date") and _HOW_LONG.search(typed):
            continue  # "từ khi luật có hiệu lực thì có bao lâu để ...": a span, not a date
        return kind
    if _FIGURE.search(typed):
        return "figure"
    if _WHERE.search(typed):
        return "where"
    if _WHO.search(typed):
        return "who"
    # a noun phrase naming an amount asks for it, unless another word asks what is wanted
    # ("Mẫu số 02 ... về trợ cấp hưu trí là mẫu gì")
    if _AMOUNT_NOUNS.search(typed) and not _LIST.search(typed) and not _WHAT.search(typed):
        return "figure"
    return "other"


def _compares(typed: Typed) -> bool:
    found = _COMPARE.search(typed)
    if not found:
        return False
    if found.group(0) in ("so với", "so voi") and _RELATIVE.search(typed):
        others = _COMPARE.search(Typed(typed.value[found.end() :], typed.accented))
        return others is not None
    return True


# particles that close a spoken question without changing what it asks: "... không ạ?",
# "... ko vậy", "... không nhỉ"
_CLOSING_PARTICLES = re.compile(
    # "ak" is chat for "ạ"; "ad", "admin" address whoever answers the page
    r"(?:\s+(?:ạ|vậy|nhỉ|nhé|hả|hở|ha|vay|nhi|nhe|a|z|zay|ak|ad|admin))+\s*[?!.]*\s*$",
    re.IGNORECASE,
)
# "Liệu ... có ...?", "... à?", "... chứ?": asked to be confirmed
_CONFIRM = _w(r"^liệu\b.*\bcó\b", r"\bà\s*\??\s*$", r"\bchứ\s*\??\s*$")


def strip_particles(text: str) -> str:
    """The question without the particles that close it ("... không ạ?" -> "... không")."""
    return _CLOSING_PARTICLES.sub("", text.strip())


def is_yesno(text: str) -> bool:
    bare = strip_particles(text)
    typed = _typed(bare.strip(" ?!."))
    ends = _YESNO_END.search(typed) or _CONFIRM.search(_typed(bare.strip(" !.")))
    if ends and _indefinite_may(typed):
        return True
    if _ASKS.search(typed):
        # "có bao nhiêu ... không" asks for a figure, "có những gì" for a list, unless it ends
        # "..., phải không?"
        return bool(ends) and typed.value.rstrip(" ?").endswith(
            ("phải không", "đúng không", "phai khong", "dung khong")
        )
    english = typed.value.split()[:1] in (["does"], ["do"], ["is"], ["are"], ["can"], ["will"])
    return bool(ends) or english


# "có thu hồi mấy dự án chây ì không": "mấy" after the verb that "có ... không" asks about
# points at some things ("those projects"), it counts nothing; "có mấy xã ... không" counts
_INDEFINITE_MAY = re.compile(r"\b(?:có|co)\s+(?:\S+\s+){1,4}?(?:mấy|may)\s+\S+")
_MAY_COUNTS = re.compile(r"\b(?:có|co|là|la|được|duoc|đạt|dat)\s+(?:mấy|may)\b")


def _indefinite_may(typed: Typed) -> bool:
    """The question's only asking word is a "mấy" that points rather than counts."""
    text = typed.value
    return bool(
        _INDEFINITE_MAY.search(text)
        and not _MAY_COUNTS.search(text)
        and not _ASKS_BUT_MAY.search(typed)
    )


def constraints(text: str) -> dict[str, tuple[str, ...]]:
    """Places, years, document types and numbers the question names."""
    folded = fold(text).lower()
    years: list[str] = []
    for first, second in _YEAR.findall(text):
        years.append(f"{first}-{second}" if second else first)
    # "áp dụng từ ngày 01/01/2027": the year from which the figure asked holds
    years += [y for y in _FROM_DATE.findall(text) if y not in years]
    numbers = [m.group(0) for m in DOC_NUMBER.finditer(text)]
    numbers += [m.group(2) for m in _BARE_NUMBER.finditer(folded)]
    # "pháp luật" (the law in general), "kỷ luật" (discipline), "quy luật" (a natural law) and
    # "luật sư" (a lawyer) name no type of document
    kinds = [
        v
        for k, v in _KIND_WORDS.items()
        if re.search(rf"(?<!phap )(?<!ky )(?<!quy )\b{k}\b(?! su\b)", folded)
    ]
    kinds += [
        _ABBREVIATED_KIND[m.group(1)]
        for m in _BARE_NUMBER.finditer(folded)
        if m.group(1) in _ABBREVIATED_KIND and _ABBREVIATED_KIND[m.group(1)] not in kinds
    ]
    if "Bộ luật" in kinds and "Luật" in kinds:
        kinds.remove("Luật")
    if kinds:  # "Nghị quyết 63/2025 và 66/2025": each number with its year names a document
        numbers += [m.group(1) for m in _NUMBER_YEAR.finditer(text) if m.group(1) not in numbers]
    return {
        "places": tuple(find_places(text)),
        "years": tuple(dict.fromkeys(years)),
        "doc_kinds": tuple(dict.fromkeys(kinds)),
        "numbers": tuple(dict.fromkeys(numbers)),
    }


_SIDES = re.compile(
    r"\s(?:so với|so voi|hay là|hay la|hay|hoặc|hoac|với|voi|vs\.?|or|versus)\s", re.I
)
_TAIL_WORDS = (
    r"lần lượt|là|bao nhiêu|thế nào|như thế nào|ra sao|cao hơn|thấp hơn|nhiều hơn|ít hơn|"
    r"lớn hơn|khác nhau|chênh lệch|chênh nhau|nhau|là gì"
)
_ASKING_TAIL = re.compile(rf"(?:\s+(?:{_TAIL_WORDS}|{fold(_TAIL_WORDS)}))+\s*$", re.I)
_AND = re.compile(r"\s(?:và|va|and)\s", re.I)  # "A và B lần lượt là ...": only when no other
# the words opening a comparison, not part of its first side: "so giữa A với B", "so sánh A và B"
_COMPARE_OPENER = re.compile(
    r"^(?:(?:so sánh|so sanh|so)\s+)?(?:giữa|giua)\s+|^(?:so sánh|so sanh)\s+", re.I
)
# "thì" after the second side opens what is asked of both
_THEN = re.compile(r"\sthì\s", re.I)


def compare_sides(text: str) -> tuple[str, str] | None:
    """The two things a comparison sets side by side: "BHYT hay BHXH" -> ("BHYT", "BHXH"),
    "tăng trưởng CN-TTCN so với nông lâm thủy sản" -> both phrases."""
    found = side_questions(text)
    return found[2] if found else None


_JOIN = re.compile(
    r"\s(?:và|va|hay|hoặc|hoac|so với|so voi|and|or|cao hơn|thấp hơn|nhiều hơn|ít hơn|lớn hơn|"
    r"nhỏ hơn|cao hon|thap hon|nhieu hon|it hon|lon hon|nho hon)\s",
    re.I,
)


# words that open what two parallel phrases share: a place, a verb, a copula, a question word
_SHARED_OPENERS = frozenset(
    "o tai cua duoc la co thi da se bi cho nam trong khi lan so bang dat tang giam chiem la theo "
    "bao nhieu may nao gi the ra sao nay moi tren duoi tu den va hay hoac khac chenh cao "
    "thap hon lon nho nhieu it giong".split()
)


def parallel(text: str) -> tuple[str, str, tuple[str, str]] | None:
    """Two parallel phrases with one head ("nhóm sinh trưởng nhanh và nhóm sinh trưởng chậm
    bị thiệt hại ...", "vùng I và vùng II"), each read with what the question says around
    them: -> ("... nhóm sinh trưởng nhanh bị thiệt hại ...", "... nhóm sinh trưởng chậm bị
    thiệt hại ...", (the two phrases))."""
    for m in _JOIN.finditer(text):
        before, after = text[: m.start()].split(), text[m.end() :].split()
        if not before or not after:
            continue
        head = fold(after[0]).lower()
        starts = [i for i in range(len(before) - 1, max(-1, len(before) - 11), -1)
                  if fold(before[i]).lower() == head]  # fmt: skip
        if not starts:
            continue
        a = before[starts[0] :]
        b: list[str] = []
        for word in after[: len(a)]:
            if b and fold(word).lower() in ("bao", "bn"):  # "... hộ nghèo bao nhiêu điểm": asked
                break
            b.append(word.rstrip(",;:?."))
            if word[-1:] in ",;:?.":
                break
        # a number closes the phrase it counts ("của cả nước năm 2025", not "... năm"), and a
        # proper name goes on while its words are capitalized ("ở đền Bạch Mã", not "... Bạch")
        while (
            len(b) < len(after)
            and after[len(b) - 1][-1:] not in ",;:?."
            and (
                after[len(b)][:1].isdigit() or (b[-1][:1].isupper() and after[len(b)][:1].isupper())
            )
        ):
            b.append(after[len(b)].rstrip(",;:?."))
        # a longer second phrase goes on to the word that opens what both share ("tổ chức tại
        # cơ sở giáo dục | ở Vĩnh Long", not "... giáo | dục ở ...")
        while (
            len(b) < min(len(after), len(a) + 5)
            and after[len(b) - 1][-1:] not in ",;:?."
            and fold(after[len(b)]).lower().strip(",;:?.") not in _SHARED_OPENERS
            and fold(" ".join(after[len(b) : len(b) + 2])).lower() != "hien nay"
            and not after[len(b)][:1].isdigit()
        ):
            b.append(after[len(b)].rstrip(",;:?."))
        if len(b) < 2 or len(a) < 2:
            continue
        prefix = " ".join(before[: starts[0]])
        suffix = " ".join(after[len(b) :])
        left = " ".join(x for x in (prefix, " ".join(a), suffix) if x)
        right = " ".join(x for x in (prefix, " ".join(b), suffix) if x)
        return left, right, (" ".join(a), " ".join(b))
    return None


_PLACE_JOIN = re.compile(
    r"\s*(?:,|và|va|hay|hoặc|hoac|so với|so voi|với|voi|and|or|vs\.?)\s+"
    r"(?:(?:ở|o|tại|tai|của|cua|in)\s+)?",  # "ở Huế và ở Vĩnh Long"
    re.I,
)


def _two_places(text: str) -> tuple[str, str, tuple[str, str]] | None:
    """ "học phí mầm non ở Huế và Vĩnh Long": the same question asked of each place."""
    names = find_places(text)
    if len(names) != 2:
        return None
    spans = []
    for name in names:
        m = re.search(rf"(?:(?:tỉnh|thành phố|tp\.?)\s+)?{re.escape(name)}", text, re.I)
        if m is None:
            return None
        spans.append(m.span())
    (a0, a1), (b0, b1) = sorted(spans)
    if not _PLACE_JOIN.fullmatch(text[a1:b0]):
        return None
    first, second = text[a0:a1], text[b0:b1]
    left = f"{text[:a1]}{text[b1:]}"
    right = f"{text[:a0]}{second}{text[b1:]}"
    return left, right, (first, second)


# what only a comparison says: "So sánh ...", "... chênh nhau thế nào", "... cao hơn"
_COMPARE_LEAD = re.compile(r"^\s*(?:hãy\s+|hay\s+)?(?:so sánh|so sanh)\s+", re.I)
_COMPARE_TAIL = re.compile(
    r"\s+(?:chênh lệch|chênh nhau|chenh lech|chenh nhau|khác nhau|khac nhau|cao hơn|thấp hơn|"
    r"cao hon|thap hon)(?:\s+(?:thế nào|ra sao|như thế nào|the nao|nhu the nao|bao nhiêu|"
    r"bao nhieu|bn))?(?=\s*[?.!]*\s*$)",
    re.I,
)


# "A và B lần lượt là bao nhiêu": each side asked alone is asked without "lần lượt"
_RESPECTIVELY = re.compile(r"\s+(?:lần lượt|lan luot)(?=\s)", re.I)


def _one_side(question: str) -> str:
    """A side of a comparison asked alone: without "so sánh", "lần lượt" and "... chênh nhau
    thế nào"."""
    side = _RESPECTIVELY.sub("", _COMPARE_TAIL.sub("", _COMPARE_LEAD.sub("", question)))
    # "chiếm tỷ trọng lớn hơn": each side's share asked alone ("chiếm tỷ trọng bao nhiêu"),
    # unless the side asks already ("chỉ tiêu nào cao hơn, BHYT?"); other comparatives are
    # left out ("có quyền ... nhiều hơn so với vợ" states no figure)
    plain = _COMPARATIVE.sub("", side)
    if plain != side and not _ASKING.search(plain) and _SHARE_COMPARED.search(side):
        how_much = " bao nhieu" if fold(side) == side else " bao nhiêu"
        plain = _COMPARATIVE.sub(how_much, side, count=1)
        plain = _COMPARATIVE.sub("", plain)
    return plain.strip() or question


# a share compared: "chiếm (tỷ trọng) lớn hơn", the measure one or two words at most
_SHARE_COMPARED = re.compile(
    r"\b(?:chiếm|chiem)(?:\s+[^\s,;]+){0,2}\s+(?:cao|lớn|nhiều|thấp|nhỏ|ít|lon|nhieu|thap|nho|it)"
    r"\s+(?:hơn|hon)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\s(?:cao|lớn|nhiều|thấp|nhỏ|ít|lon|nhieu|thap|nho|it)\s+(?:hơn|hon)\b", re.IGNORECASE
)


# a predicate after the second side that both sides share: "chiếm tỷ trọng lớn hơn", "cao hơn"
_SHARED_PREDICATE = re.compile(
    r"\s(?:chiếm|chiem|đạt|dat|tăng|tang|giảm|giam|cao hơn|cao hon|lớn hơn|lon hon|nhiều hơn|"
    r"nhieu hon|thấp hơn|thap hon)\b.*$",
    re.IGNORECASE,
)


# what a comparison measures, said once before the first side: "tăng trưởng", "tỷ lệ", "học phí"
_HEAD_NOUN = re.compile(
    r"(?:tốc độ tăng trưởng|tăng trưởng|tỷ lệ|tỷ trọng|học phí|lệ phí|mức|giá trị|chỉ tiêu|"
    r"toc do tang truong|tang truong|ty le|ti le|ty trong|ti trong|hoc phi|le phi|muc|gia tri|"
    r"chi tieu)(?!\w)",
    re.IGNORECASE,
)


def side_questions(text: str) -> tuple[str, str, tuple[str, str]] | None:
    """Each side of a comparison as a question of its own, with what the two share:
    "chỉ tiêu nào cao hơn, BHYT hay BHXH?" -> "chỉ tiêu nào cao hơn, BHYT?",
    "chỉ tiêu nào cao hơn, BHXH?" (and the sides themselves)."""
    # two places first: "ở Huế và ở Vĩnh Long" is not "ở Huế" and "ở Vĩnh"
    found = _two_places(text) or parallel(text)
    if found is not None:
        left, right, sides = found
        return _one_side(left), _one_side(right), sides
    m = _SIDES.search(text) or _AND.search(text)
    if not m:
        return None
    before = text[: m.start()]
    cut = max(before.rfind(c) for c in ",;:")
    prefix, left = (before[: cut + 1], before[cut + 1 :]) if cut >= 0 else ("", before)
    after = text[m.end() :]
    ends = sorted(i for i in (after.find(c) for c in ",;:?") if i >= 0)
    # a comma inside the side ("có bằng cấp, chứng chỉ chênh lệch nhau bao nhiêu"): what follows
    # it is a word or two more of the side, then only the asking words
    while ends and after[ends[0]] == "," and _SIDE_GOES_ON.match(after[ends[0] + 1 :]):
        ends = sorted(i for i in (after.find(c, ends[0] + 1) for c in ",;:?") if i >= 0)
    right, suffix = (after[: min(ends)], after[min(ends) :]) if ends else (after, "")
    left, right = _COMPARE_OPENER.sub("", left.strip()), right.strip()
    then = _THEN.search(right)
    if then:  # "... với tỷ lệ đóng BHXH thì mỗi cái bao nhiêu": what follows asks of both
        right, suffix = right[: then.start()].strip(), f" {right[then.start() :].strip()}{suffix}"
    tail = _ASKING_TAIL.search(right)
    if tail:  # "Cục loại 2 lần lượt là bao nhiêu": the asking words belong to both sides
        right, suffix = right[: tail.start()].strip(), f" {tail.group(0).strip()}{suffix}"
    if not left or not right:
        return None
    shared = _SHARED_PREDICATE.search(right)
    # a short left side: up to four words, a dash between them no word ("công nghiệp - xây dựng")
    words = [w for w in left.split() if any(ch.isalnum() for ch in w)]
    shared = shared if shared and shared.start() > 0 and len(words) <= 4 else None
    if shared:  # "CN-XD hay dịch vụ chiếm tỷ trọng lớn hơn": what follows is said of both
        right, suffix = right[: shared.start()].strip(), f" {shared.group(0).strip()}{suffix}"
    lw, rw = left.split(), right.split()
    if not shared and len(rw) <= 3 and len(rw) < len(lw):  # "học phí ... nông thôn và thành thị"
        right_question = " ".join([*lw[: len(lw) - len(rw)], *rw])  # the left's head
    else:
        head = _HEAD_NOUN.match(left)
        right_question = right
        if head and not _HEAD_NOUN.match(right):  # "tăng trưởng CN-TTCN so với nông lâm ..."
            right_question = f"{head.group(0)} {right}"
    left_question = _one_side(f"{prefix} {left}{suffix}".strip())
    right_question = _one_side(f"{prefix} {right_question}{suffix}".strip())
    # a year named on one side only scopes both ("... so với nông lâm thủy sản năm 2023"); a
    # side that names a year of its own keeps it ("... năm 2023 và ... năm 2025")
    years = constraints(text)["years"]
    for year in years:
        if not any(y in left_question for y in years):
            left_question = f"{left_question.rstrip(' ?.')} năm {year}"
        if not any(y in right_question for y in years):
            right_question = f"{right_question.rstrip(' ?.')} năm {year}"
    return left_question, right_question, (left, right)


# after a comma, one to three words of a side and then only what the comparison asks
_SIDE_GOES_ON = re.compile(
    rf"\s*(?:\w+\s+){{1,3}}?(?:{_TAIL_WORDS}|{fold(_TAIL_WORDS)}|chênh|chenh)\b", re.IGNORECASE
)


# ", và", "; còn": where a second question begins
_SECOND_QUESTION = re.compile(r"\s*(?:,\s*(?:và|còn|va|con)|;)\s+", re.IGNORECASE)
_ASKING = re.compile(
    r"\b(?:bao nhiêu|bao nhieu|mấy|may|nào|nao|gì|gi|ai|khi nào|bao giờ|bao lâu|ra sao|thế nào)\b",
    re.IGNORECASE,
)


# a premise both questions share: "Một cụ ông 80 tuổi ở Hà Nội đang hưởng trợ cấp ...: ..."
_PREMISE = re.compile(r"^([^?]{12,}?[:.])\s+(?=\S)")
# a plain "và" between two clauses that each ask ("... trả bao nhiêu và thành phố hỗ trợ thêm
# bao nhiêu"), tried when no ", và" or ";" parts them
_PLAIN_AND = re.compile(r"\s+(?:và|va)\s+", re.IGNORECASE)


def two_questions(question: str) -> tuple[str, str] | None:
    """ "Lương cơ sở năm 2020 là bao nhiêu, và Hà Nội dùng mức nào?" -> its two questions, each
    of which asks something of its own; None for one question. A premise stated before them
    ("Một cụ ông 80 tuổi ... hưởng trợ cấp hưu trí xã hội: ...") goes with each."""
    premise = ""
    found = _PREMISE.match(question)
    if found and not _ASKING.search(found.group(1)):
        premise, question = found.group(1), question[found.end() :]
    for splitter in (_SECOND_QUESTION, _PLAIN_AND):
        for m in splitter.finditer(question):
            first, second = question[: m.start()], question[m.end() :]
            if len(first.split()) < 5 or len(second.split()) < 5:  # each a question of its own
                continue
            if splitter is _PLAIN_AND:  # the clauses "và" joins ask, each of its own
                first_clause = re.split(r"[,;:]", first)[-1]
                second_clause = re.split(r"[,;:]", second)[0]
                if not (_ASKING.search(first_clause) and _ASKING.search(second_clause)):
                    continue
            if _ASKING.search(first) and _ASKING.search(second):
                if premise:
                    return f"{premise} {first.strip()}", f"{premise} {second.strip()}"
                return first.strip(), second.strip()
        if splitter is _SECOND_QUESTION and _SECOND_QUESTION.search(question):
            return None  # ", và" that parts no two questions: one question
    return None


def is_elliptical(text: str) -> bool:
    folded = fold(text).lower().strip(" ?!.")
    return bool(_ELLIPTICAL.search(folded)) or len(folded.split()) <= 2


def topic(text: str) -> str:
    """A follow-up without its connective: "còn bảo hiểm xã hội thì sao?" -> "bảo hiểm xã hội"."""
    words = text.strip(" ?!.").split()
    lead = {"con", "the", "vay", "va", "ve", "what", "how", "about", "and"}
    while words and fold(words[0]).lower() in lead:
        words = words[1:]
    joined = " ".join(words)
    return re.sub(
        r"\s*(thì sao|thi sao|thế nào|the nao|ra sao|thì thế nào|như thế nào)\s*$",
        "",
        joined,
        flags=re.I,
    )


# words that leave out what follows: "không phải Hà Nội", "ngoài TP.HCM", "trừ Hà Nội và Huế"
_EXCLUDING = re.compile(
    r"(?<!\w)(?:không phải|khong phai|ngoại trừ|ngoai tru|ngoài|ngoai|trừ|tru|không thuộc|"
    r"khong thuoc|other than|except|outside)\s+((?:[^.;()?!]|\.(?=\S))*)",  # "TP.HCM" goes on
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s*(?:,|\bvà\b|\bva\b|\bhoặc\b|\bhoac\b|\band\b|\bor\b)\s*", re.I)


def excluded_places(text: str) -> tuple[str, ...]:
    """The provinces and cities the question leaves out: each place of a list that opens
    within a few words of "không phải", "ngoài", "trừ" ("ở các tỉnh (không phải Hà Nội,
    TP.HCM)" leaves out both cities; "ngoài học phí, Hà Nội ..." leaves out none)."""
    out: list[str] = []
    for m in _EXCLUDING.finditer(text):
        for part in _LIST_JOIN.split(m.group(1)):
            head = " ".join(part.split()[:4])
            named = [*find_places(head), *constraints(head)["places"]]
            if not named:
                break
            out += named
    return tuple(dict.fromkeys(out))


# an area left out: "khu vực không phải đô thị", "vùng ngoài đô thị", "địa bàn không thuộc
# thành thị": its columns are not the ones asked
_AREA_EXCLUDED = re.compile(
    r"(?<!\w)(?:khu vực|khu vuc|vùng|vung|địa bàn|dia ban)\s+(?:không phải|khong phai|ngoài|ngoai|"
    r"không thuộc|khong thuoc)\s+((?:[^\W\d_]+\s*){1,2}?)(?=[\s,.;?!]|$)",
    re.IGNORECASE,
)


# ... said the other way round: "ngoài khu vực đô thị", "không thuộc địa bàn thành thị"
_EXCLUDED_AREA = re.compile(
    r"(?<!\w)(?:không phải|khong phai|ngoài|ngoai|không thuộc|khong thuoc|trừ|tru)\s+"
    r"(?:khu vực|khu vuc|vùng|vung|địa bàn|dia ban)\s+((?:[^\W\d_]+\s*){1,2}?)(?=[\s,.;?!)]|$)",
    re.IGNORECASE,
)


def excluded_areas(text: str) -> tuple[str, ...]:
    """The kind of area a question leaves out ("khu vực ngoài đô thị", "ngoài khu vực đô
    thị" -> "đô thị")."""
    found = [*_AREA_EXCLUDED.finditer(text), *_EXCLUDED_AREA.finditer(text)]
    return tuple(dict.fromkeys(m.group(1).strip() for m in found))


# a question about a text a resolution cites, not the resolution: "Tờ trình ... số mấy"
_CITED_KIND = re.compile(r"^\W*(?:to trinh|bao cao|ke hoach|chuong trinh|ket luan|chi thi)\b")


def understand(question: str, previous: str | None = None, speller: Speller | None = None) -> Query:
    """Clean the question and read what it asks; an elliptical follow-up searches for its topic
    in the frame of the previous question (its answer type and framing words). With the
    corpus's `speller`, typos are read as the words the corpus uses ("lãi xuất": "lãi suất")."""
    text = clean(question)
    standard = standardize(text, None if is_english(text) else speller).text
    typed = _typed(standard)
    kind = answer_kind(standard)
    if kind == "number" and _CITED_KIND.match(fold(standard).lower()):
        kind = "figure"  # "Tờ trình của UBND ... mang số mấy": the number of the text it cites
    found = constraints(standard)
    found["places"] = tuple(dict.fromkeys([*find_places(text), *found["places"]]))
    excluded = excluded_places(standard)
    if excluded:
        found["places"] = tuple(p for p in found["places"] if p not in excluded)
    excluded = (*excluded, *excluded_areas(standard))
    if excluded:
        found["excluded"] = excluded
    flags = {
        "yesno": is_yesno(standard),
        "listing": bool(_LIST.search(typed)) and kind not in ("signer", "date", "number"),
        # "người thứ 3 đóng bao nhiêu % so với người thứ nhất" asks one figure relative to another
        "compare": _compares(typed)
        or (kind == "figure" and parallel(standard) is not None and not _RELATIVE.search(typed)),
    }
    if flags["yesno"] and kind == "figure" and _indefinite_may(typed):
        kind = "other"  # "có thu hồi mấy dự án chây ì không" asks whether, not how many
    if (
        flags["yesno"]
        and kind == "figure"
        and not _FIGURE.search(typed)
        and not _STATES_FIGURE.search(standard)
    ):
        # "đi tham quan ngày 23/11 có mất phí không" asks whether, not how much: the clause that
        # says so, not the row that prices it
        kind = "other"
    if previous and is_elliptical(standard):
        before = understand(previous, speller=speller)
        focus = topic(standard) or standard
        if kind == "other":
            kind = before.kind
        merged = {
            key: found[key] or getattr(before, key) for key in ("places", "years", "doc_kinds")
        }
        return Query(
            text=text,
            standard=standard,
            retrieval=_frame(focus, previous),
            kind=kind,
            followup=True,
            numbers=found["numbers"],
            **merged,
            **flags,
        )
    return Query(text=text, standard=standard, retrieval=text, kind=kind, **found, **flags)


def _frame(focus: str, previous: str) -> str:
    """The focus plus the previous question's framing words ("tỷ lệ", "năm 2023", "bao nhiêu")."""
    frame_words = re.findall(
        r"\b(?:năm \d{4}|\d{4}|tỷ lệ|chỉ tiêu|mục tiêu|bao nhiêu|kế hoạch|mức|"
        r"target|rate|percentage)\b",
        previous,
        re.I,
    )
    places = find_places(previous)
    return " ".join([focus, *dict.fromkeys(frame_words), *places])
