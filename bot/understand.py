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
from index.search import MAX_QUERY_CHARS
from index.spelling import standardize
from index.tokenize import DOC_NUMBER

MAX_CHARS = MAX_QUERY_CHARS  # one limit for questions and searches


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


# Answer types, tried in order on the folded question.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "position",
        _words(
            r"chuc vu (?:gi|nao)", r"chuc danh (?:gi|nao)", r"giu chuc", r"position", r"what title"
        ),
    ),
    (
        "signer",
        _words(
            r"ai ky",
            r"nguoi ky",
            r"ky boi ai",
            r"ai la nguoi ky",
            r"who signed",
            r"signed by",
            r"signatory",
        ),
    ),
    (
        "number",
        _words(
            r"so hieu",
            r"so may",
            r"so bao nhieu",
            r"ky hieu",
            r"so van ban",
            r"what number",
            r"document number",
        ),
    ),
    (
        "issuer",
        _words(
            r"(?:co quan|ai|don vi) (?:nao )?ban hanh",
            r"ban hanh boi",
            r"ai ban hanh",
            r"cua co quan nao",
            r"who issued",
            r"issued by",
            r"which (?:body|agency)",
        ),
    ),
    (
        "amends",
        _words(
            r"sua doi (?:van ban|nghi quyet|nghi dinh|thong tu)? ?nao",
            r"thay the (?:van ban|nghi quyet|nghi dinh|thong tu)? ?nao",
            r"bai bo (?:van ban|nghi quyet|nghi dinh|thong tu)? ?nao",
            r"amend",
        ),
    ),
    (
        "effective",
        _words(
            r"hieu luc", r"ap dung tu", r"co hieu luc", r"take effect", r"in force", r"effective"
        ),
    ),
    (
        "date",
        _words(
            r"ngay nao",
            r"ngay bao nhieu",
            r"khi nao",
            r"bao gio",
            r"thoi gian nao",
            r"thoi diem nao",
            r"thong qua ngay",
            r"ngay thang nam",
            r"ngay ban hanh",
            r"ban hanh ngay",
            r"ky ngay",
            r"nam nao",
            r"when",
            r"what date",
            r"which date",
        ),
    ),
    (
        "session",
        _words(
            r"ky hop (?:thu )?(?:may|nao|bao nhieu)",
            r"khoa may",
            r"khoa nao",
            r"khoa bao nhieu",
            r"phien hop (?:thu )?(?:may|nao|bao nhieu)",
            r"which session",
        ),
    ),
    (
        "basis",
        _words(
            r"can cu (?:vao )?(?:dau|nao|gi)",
            r"can cu phap ly",
            r"dua tren",
            r"legal basis",
            r"based on",
        ),
    ),
)
_FIGURE = _words(
    r"bao nhieu",
    r"may",
    r"muc nao",
    r"muc bao",
    r"phan tram",
    r"bao lau",
    r"how much",
    r"how many",
    r"what percentage",
    r"what share",
    r"what rate",
    r"percent",
    r"how long",
    r"la bao",
    r"dat bao",
    r"tang bao",
    r"giam bao",
    r"gia bao",
    r"ton bao",
    r"mat bao",
)
# Nouns that name an amount: a question made of them alone ("mức chuẩn trợ giúp xã hội của Hà
# Nội", "học phí mầm non ở Huế") asks for the figure.
_AMOUNT_NOUNS = _words(
    r"muc",
    r"ty le",
    r"ty trong",
    r"hoc phi",
    r"le phi",
    r"phi",
    r"luong",
    r"phu cap",
    r"tro cap",
    r"he so",
    r"dinh muc",
    r"gia",
    r"kinh phi",
    r"chi tieu",
    r"rate",
    r"fee",
    r"fees",
    r"wage",
    r"salary",
    r"allowance",
)
_LIST = _words(
    r"nhung (?:gi|ai|dau|noi dung|nhiem vu|giai phap|truong hop|doi tuong|chi tieu|khoan|loai)",
    r"gom (?:nhung|cac|co)",
    r"bao gom",
    r"cac (?:nhiem vu|giai phap|chi tieu|truong hop|doi tuong)"
    r"(?: (?:nao|gi|chu yeu|chinh))?",
    r"lam (?:nhung )?gi",
    r"(?:nhiem vu|giai phap) (?:gi|nao|chu yeu)",
    r"ke ten",
    r"liet ke",
    r"doi tuong nao",
    r"truong hop nao",
    r"what are",
    r"which (?:tasks|measures|groups|cases)",
    r"list",
)
_COMPARE = _words(
    r"cao hon",
    r"thap hon",
    r"nhieu hon",
    r"it hon",
    r"lon hon",
    r"nho hon",
    r"so voi",
    r"chenh lech",
    r"khac nhau",
    r"hay la",
    r"higher",
    r"lower",
    r"more than",
    r"compare",
    r"difference",
)
_YESNO_END = re.compile(
    r"(?:\bkhong|\bchua|\bphai khong|\bdung khong|\bco phai khong|\bduoc khong)\s*\??\s*$"
)
_YESNO_START = re.compile(
    r"^(?:co phai|co|liệu|lieu|phai chang|does|do|is|are|can|will|did|has|have)\b"
)
_WHO = _words(r"ai", r"co quan nao", r"don vi nao", r"to chuc nao", r"who", r"which body")
_WHERE = _words(
    r"o dau", r"noi nao", r"tai dau", r"dia ban nao", r"khu vuc nao", r"vung nao", r"where"
)
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
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\d/.,])")
_BARE_NUMBER = re.compile(
    r"\b(nghi quyet|nghi dinh|thong tu|quyet dinh|luat|cong van)\s+(?:so\s+)?(\d{1,5})\b"
)
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


def answer_kind(text: str) -> str:
    folded = fold(text).lower()
    for kind, pattern in _KINDS:
        if pattern.search(folded):
            return kind
    if _FIGURE.search(folded):
        return "figure"
    if _WHERE.search(folded):
        return "where"
    if _WHO.search(folded):
        return "who"
    if _AMOUNT_NOUNS.search(folded) and not _LIST.search(folded):
        return "figure"
    return "other"


def is_yesno(folded: str) -> bool:
    folded = folded.strip(" ?!.")
    if re.search(r"\b(?:bao nhieu|may|nao|gi|ai|dau|the nao|ra sao|khi nao|bao gio)\b", folded):
        # "có bao nhiêu ... không" asks for a figure, "có những gì" for a list
        return bool(re.search(r"\b(?:phai khong|dung khong|co phai)\s*$", folded))
    return bool(_YESNO_END.search(folded + " ")) or bool(
        _YESNO_START.match(folded) and folded.split()[0] in ("does", "do", "is", "are", "can")
    )


def constraints(text: str) -> dict[str, tuple[str, ...]]:
    """Places, years, document types and numbers the question names."""
    folded = fold(text).lower()
    years: list[str] = []
    for first, second in _YEAR.findall(text):
        years.append(f"{first}-{second}" if second else first)
    numbers = [m.group(0) for m in DOC_NUMBER.finditer(text)]
    numbers += [m.group(2) for m in _BARE_NUMBER.finditer(folded)]
    kinds = [v for k, v in _KIND_WORDS.items() if re.search(rf"\b{k}\b", folded)]
    if "Bộ luật" in kinds and "Luật" in kinds:
        kinds.remove("Luật")
    return {
        "places": tuple(find_places(text)),
        "years": tuple(dict.fromkeys(years)),
        "doc_kinds": tuple(dict.fromkeys(kinds)),
        "numbers": tuple(dict.fromkeys(numbers)),
    }


_SIDES = re.compile(
    r"\s(?:so với|so voi|hay là|hay la|hay|hoặc|hoac|với|voi|vs\.?|or|versus)\s", re.I
)


def compare_sides(text: str) -> tuple[str, str] | None:
    """The two things a comparison sets side by side: "BHYT hay BHXH" -> ("BHYT", "BHXH"),
    "tăng trưởng CN-TTCN so với nông lâm thủy sản" -> both phrases."""
    m = _SIDES.search(text)
    if not m:
        return None
    left = re.split(r"[,;:]", text[: m.start()])[-1].strip()
    right = re.split(r"[,;:?]", text[m.end() :])[0].strip()
    return (left, right) if left and right else None


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


def understand(question: str, previous: str | None = None) -> Query:
    """Clean the question and read what it asks; an elliptical follow-up searches for its topic
    in the frame of the previous question (its answer type and framing words)."""
    text = clean(question)
    standard = standardize(text).text
    folded = fold(standard).lower()
    kind = answer_kind(standard)
    found = constraints(standard)
    found["places"] = tuple(dict.fromkeys([*find_places(text), *found["places"]]))
    flags = {
        "yesno": is_yesno(folded),
        "listing": bool(_LIST.search(folded)) and kind not in ("signer", "date", "number"),
        "compare": bool(_COMPARE.search(folded)),
    }
    if previous and is_elliptical(standard):
        before = understand(previous)
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
