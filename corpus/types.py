"""Values that flow out of the corpus stage: documents, their structure, passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from errors import CorpusError

__all__ = [
    "SECTION_SEP",
    "Corpus",
    "CorpusError",
    "Document",
    "DocumentMeta",
    "Heading",
    "LoadError",
    "Passage",
    "UnknownDocumentError",
]

SECTION_SEP = " › "


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a document says about itself (front matter, sidecar, or its own title block)."""

    doc_id: str  # the file's stem
    title: str
    number: str | None = None  # e.g. "35/NQ-HĐND"
    issuer: str | None = None  # e.g. "Hội đồng nhân dân tỉnh Thái Nguyên"
    date: str | None = None  # ISO date issued/passed, e.g. "2022-12-08"
    signer: str | None = None
    source_url: str | None = None
    kind: str | None = None  # "Nghị quyết", "Luật", ...
    path: str = ""  # file the document was read from
    fingerprint: str = ""  # sha256 of the file's bytes (and of its sidecar .yaml, if any)
    session: str | None = None  # e.g. "Khóa XIV, Kỳ họp thứ mười"
    effective: str | None = None  # ISO date the document takes effect ("có hiệu lực từ ngày ...")
    # numbers of the documents this one amends, supplements, replaces or repeals
    amends: tuple[str, ...] = ()
    # the province or city the issuer governs ("Hà Nội", "Huế"); None for national bodies
    region: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True, slots=True)
class Heading:
    """One node of a document's table of contents."""

    label: str  # "Điều 2", "I.", "2.", "b)"
    title: str  # full heading line as printed, e.g. "b) Các chỉ tiêu xã hội"
    level: str  # "phan" | "chuong" | "muc" | "dieu" | "roman" | "arabic" | "letter"
    path: tuple[str, ...]  # heading lines from the root down to and including this one
    article: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of truth: a self-standing piece of text with its full location."""

    id: str  # stable across rebuilds: "<doc_id>#<section path slug>#<n>"
    doc_id: str
    section: tuple[str, ...]  # heading path, e.g. ("Điều 2", "I. Mục tiêu ...", ...)
    article: str | None  # the Điều number, "2", or None
    text: str
    # "content" | "table" (a whole small table) | "row" (one table row) | "heading" |
    # "preamble" | "signature" | "recipients"
    kind: str = "content"
    # a table row: (column heading, value) for every cell of the row, in column order
    cells: tuple[tuple[str, str], ...] = ()

    @property
    def section_str(self) -> str:
        return SECTION_SEP.join(self.section)


@dataclass(frozen=True, slots=True)
class Document:
    meta: DocumentMeta
    toc: tuple[Heading, ...]
    passages: tuple[Passage, ...]
    # how the file was read and what looks wrong ("OCR", "no number found", ...), for staff
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file that could not be read, and why; the rest of the corpus still loads."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    errors: tuple[LoadError, ...] = field(default=())

    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.meta.doc_id == doc_id:
                return d
        known = ", ".join(d.meta.doc_id for d in self.documents) or "none"
        raise UnknownDocumentError(f"No document '{doc_id}' in the corpus (known: {known}).")


class UnknownDocumentError(CorpusError, KeyError):
    """A document id the corpus does not hold (a KeyError too, for callers that look ids up)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
