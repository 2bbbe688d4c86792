"""Placing an uploaded file into a corpus folder, safely and within bounds.

An upload is checked before it touches the corpus: its size, its suffix, that its bytes are
what the suffix claims (a .docx is a zip holding word/document.xml, a .pdf starts with %PDF,
.md/.txt decode as UTF-8), and what it would cost to read (`Limits`: a .docx's inflated text
and paragraphs, a PDF's pages). It is then copied to a hidden temporary file in the corpus
folder, parsed there in a worker process with a time limit (corpus.worker), refused if it
yields too many passages (each is embedded), and renamed to a name the app chooses: a slug of
the original stem, unique in the folder. A file that does not pass leaves the folder as it was.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.listing import list_files
from corpus.paths import BUNDLED_CORPUS
from corpus.types import CorpusError, Document
from corpus.worker import ParseLimitError, parse_bounded

SUFFIXES = (".md", ".txt", ".docx", ".pdf")
DEFAULT_MAX_MB = 20.0
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a .docx inflating past this is refused (zip bomb)
MAX_SLUG = 80
TEMP_PREFIX = ".upload-"
_PARAGRAPH = (b"<w:p>", b"<w:p ")


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one upload may cost: far above a long law or resolution (a few MB of text,
    a few thousand paragraphs and passages). Each passage is embedded before the upload
    returns, so the passage limit bounds the upload's indexing time too."""

    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    docx_text_bytes: int = 30 * 1024 * 1024  # word/document.xml once inflated
    paragraphs: int = 50_000
    pages: int = 1_000
    passages: int = 5_000
    parse_seconds: float = 120.0

    @classmethod
    def from_config(cls, config) -> Limits:
        return cls(max_bytes=config.max_upload_bytes, parse_seconds=config.parse_seconds)


class UploadError(CorpusError, ValueError):
    """The upload is refused; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True, slots=True)
class Placed:
    path: Path  # the file's final place in the corpus folder
    document: Document  # as parsed from the temporary copy (doc_id differs from the final one)
    sidecar: Path | None = None  # <stem>.meta.yaml written beside it, if any

    def remove(self) -> None:
        """Take the placed file (and its sidecar) out of the folder again."""
        self.path.unlink(missing_ok=True)
        if self.sidecar:
            self.sidecar.unlink(missing_ok=True)


def max_upload_bytes() -> int:
    """The largest upload the installed configuration allows (NQA_MAX_UPLOAD_MB, 20 MB)."""
    from config import current

    return current().max_upload_bytes


def check_upload(
    path: Path, name: str, *, max_bytes: int | None = None, limits: Limits | None = None
) -> str:
    """Validate an uploaded file; returns its (lower-case) suffix or raises UploadError."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(f"Không nhận tệp '{Path(name).name}': chỉ nhận {', '.join(SUFFIXES)}.")
    limits = limits or Limits(max_bytes=max_upload_bytes())
    limit = limits.max_bytes if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UploadError(
            f"Tệp '{Path(name).name}' không còn trên máy chủ (tải lên bị gián đoạn): hãy tải lên lại."
        ) from None
    if size == 0:
        raise UploadError(f"Tệp '{Path(name).name}' rỗng.")
    if size > limit:
        raise UploadError(
            f"Tệp '{Path(name).name}' nặng {size / 1048576:.1f} MB, vượt giới hạn "
            f"{limit / 1048576:.0f} MB (NQA_MAX_UPLOAD_MB)."
        )
    problem = _sniff(path, suffix)
    if problem:
        raise UploadError(f"Tệp '{Path(name).name}' không phải tệp {suffix} hợp lệ: {problem}.")
    if too_much := _cost(path, suffix, limits):
        raise UploadError(f"Tệp '{Path(name).name}' {too_much}. Kho tài liệu không thay đổi.")
    return suffix


def _cost(path: Path, suffix: str, limits: Limits) -> str | None:
    """What about the file would cost too much to read (Vietnamese), or None."""
    if suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > limits.docx_text_bytes:
                return (
                    f"chứa {info.file_size / 1048576:.0f} MB văn bản khi giải nén, vượt giới hạn "
                    f"{limits.docx_text_bytes / 1048576:.0f} MB: hãy chia nhỏ tệp"
                )
            paragraphs = _count_paragraphs(z, info, limits.paragraphs + 1)
        if paragraphs > limits.paragraphs:
            shown = f"{limits.paragraphs:,}".replace(",", ".")
            return f"có hơn {shown} đoạn văn, vượt giới hạn: hãy chia nhỏ tệp"
    if suffix == ".pdf":
        pages = _pdf_pages(path)
        if pages is not None and pages > limits.pages:
            return f"có {pages} trang, vượt giới hạn {limits.pages} trang: hãy chia nhỏ tệp"
    return None


def _count_paragraphs(z: zipfile.ZipFile, info: zipfile.ZipInfo, stop: int) -> int:
    """Paragraph marks in the inflated document.xml, read in chunks (counting stops at `stop`).
    Each chunk is searched with the previous one's last 4 bytes in front, so a mark (5 bytes)
    cut by a chunk boundary is counted once."""
    count, tail = 0, b""
    with z.open(info) as f:
        while count < stop and (chunk := f.read(1 << 20)):
            data = tail + chunk
            count += sum(data.count(mark) for mark in _PARAGRAPH)
            tail = data[-4:]
    return count


def _pdf_pages(path: Path) -> int | None:
    """The PDF's page count, or None when pdfium cannot open it (the parser will say why)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def _sniff(path: Path, suffix: str) -> str | None:
    """Why the bytes do not match the suffix, or None when they do."""
    if suffix == ".pdf":
        with path.open("rb") as f:
            return None if f.read(5) == b"%PDF-" else "không bắt đầu bằng %PDF"
    if suffix == ".docx":
        if not zipfile.is_zipfile(path):
            return "không phải tệp nén Word (zip)"
        try:
            with zipfile.ZipFile(path) as z:
                infos = z.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            return f"tệp nén hỏng ({exc})"
        if not any(i.filename == "word/document.xml" for i in infos):
            return "thiếu word/document.xml"
        if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
            return "giải nén quá lớn"
        return None
    data = path.read_bytes()  # .md / .txt, already bounded by the size limit
    if b"\x00" in data:
        return "chứa byte nhị phân (NUL)"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"không đọc được dưới dạng UTF-8 (byte {exc.start})"
    return None


def slugify(text: str) -> str:
    """ASCII slug in [a-z0-9-]: "Nghị quyết 35/NQ-HĐND" -> "nghi-quyet-35-nq-hdnd"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:MAX_SLUG].strip("-") or "tai-lieu"


def unique_stem(folder: Path, slug: str, taken: Iterable[str] = ()) -> str:
    """`slug`, or `slug-2`, `slug-3` ...: a stem no file in `folder` nor `taken` has (any
    suffix, sidecars "<stem>.meta.yaml" included, so an old sidecar never describes a new file)."""
    used = {p.name.split(".")[0] for p in folder.iterdir()} | set(taken)
    stem, n = slug, 1
    while stem in used:
        n += 1
        stem = f"{slug}-{n}"
    return stem


def duplicate_of(src: Path, folder: Path) -> Path | None:
    """A document of `folder` (as `list_files` lists them) with the same bytes as `src`."""
    if not folder.is_dir():
        return None
    size = src.stat().st_size
    digest = None
    for path in (s.path for s in list_files(folder).sources):
        if path.stat().st_size != size:
            continue
        digest = digest or hashlib.sha256(src.read_bytes()).digest()
        if hashlib.sha256(path.read_bytes()).digest() == digest:
            return path
    return None


def place_upload(
    src: Path,
    name: str,
    folder: Path,
    *,
    taken: Iterable[str] = (),
    parse: Callable[[Path], Document] | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> Placed:
    """Check `src` (uploaded as `name`), parse a temporary copy in `folder` (in a worker
    process bounded by `limits.parse_seconds`, unless `parse` is given), then rename it to a
    fresh slug name. On any error the folder is left as it was and UploadError says why.
    The caller must hold a lock if uploads can run concurrently (the name is chosen here)."""
    limits = limits or Limits(max_bytes=max_upload_bytes())
    if parse is None:
        parse = functools.partial(parse_bounded, seconds=limits.parse_seconds)
    suffix = check_upload(src, name, max_bytes=max_bytes, limits=limits)
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}{suffix}"
    try:
        shutil.copyfile(src, temp)
        try:
            document = parse(temp)
        except ParseLimitError as exc:
            raise UploadError(
                f"Tệp '{Path(name).name}' quá nặng để đọc ({_limit_vi(exc.reason, limits)}): "
                "hãy chia nhỏ tệp. Kho tài liệu không thay đổi."
            ) from exc
        except Exception as exc:  # a parser bug on odd input is still a refused upload
            reason = _reason(exc, temp) if isinstance(exc, CorpusError) else type(exc).__name__
            raise UploadError(
                f"Không đọc được tệp '{Path(name).name}': {reason}. Kho tài liệu không thay đổi."
            ) from exc
        if not document.passages:
            raise UploadError(
                f"Tệp '{Path(name).name}' không có nội dung đọc được. Kho tài liệu không thay đổi."
            )
        if len(document.passages) > limits.passages:
            raise UploadError(
                f"Tệp '{Path(name).name}' có {len(document.passages)} đoạn, vượt giới hạn "
                f"{limits.passages} đoạn: hãy chia nhỏ tệp. Kho tài liệu không thay đổi."
            )
        final = folder / f"{unique_stem(folder, slugify(Path(name).stem), taken)}{suffix}"
        sidecar = _title_sidecar(document, temp, Path(name).stem, final)
        try:
            os.replace(temp, final)
        except OSError:
            if sidecar:
                sidecar.unlink(missing_ok=True)
            raise
    finally:
        temp.unlink(missing_ok=True)
    return Placed(final, document, sidecar)


def _limit_vi(reason: str, limits: Limits) -> str:
    if "memory" in reason:
        return "cần quá nhiều bộ nhớ"
    return f"đọc quá {limits.parse_seconds:g} giây"


def _title_sidecar(document: Document, temp: Path, original: str, final: Path) -> Path | None:
    """A document that states no title of its own would be listed by its slug; a metadata
    sidecar (<stem>.meta.yaml) gives it the uploaded file's name instead."""
    title = " ".join(unicodedata.normalize("NFC", original).split())[:200]
    if document.meta.title != temp.stem or not title:
        return None
    import yaml

    sidecar = final.with_name(final.stem + ".meta.yaml")
    sidecar.write_text(yaml.safe_dump({"title": title}, allow_unicode=True), encoding="utf-8")
    return sidecar


def _reason(exc: CorpusError, temp: Path) -> str:
    """The parser's message without the temporary file's name."""
    message = str(exc)
    for prefix in (f"{temp}: ", f"{temp.name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message.replace(str(temp), "").replace(temp.name, "tệp") or "tệp hỏng"


def seed_corpus(folder: Path, source: Path = BUNDLED_CORPUS) -> int:
    """Copy the bundled documents (and their metadata sidecars) into `folder` when it holds no
    document; returns how many documents were copied."""
    folder.mkdir(parents=True, exist_ok=True)
    if list_files(folder).sources:
        return 0
    copied = 0
    for document in list_files(source).sources:
        for src in document.files:
            temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(4)}{src.suffix}"
            shutil.copyfile(src, temp)
            os.replace(temp, folder / src.name)
        copied += 1
    return copied
