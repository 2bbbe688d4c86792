"""Placing an uploaded file into a corpus folder, safely.

An upload is checked before it touches the corpus: its size, its suffix, and that its bytes
are what the suffix claims (a .docx is a zip holding word/document.xml, a .pdf starts with
%PDF, .md/.txt decode as UTF-8). It is then copied to a hidden temporary file in the
corpus folder, parsed there (a file that does not parse leaves the folder as it was), and
renamed to a name the app chooses: a slug of the original stem, unique in the folder.
"""

from __future__ import annotations

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

SUFFIXES = (".md", ".txt", ".docx", ".pdf")
DEFAULT_MAX_MB = 20.0
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a .docx inflating past this is refused (zip bomb)
MAX_SLUG = 80
TEMP_PREFIX = ".upload-"


class UploadError(ValueError):
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
    """NQA_MAX_UPLOAD_MB (a number of megabytes), else 20 MB."""
    raw = os.environ.get("NQA_MAX_UPLOAD_MB", "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        raise ValueError(
            f"NQA_MAX_UPLOAD_MB={raw!r} is not a number of megabytes; set e.g. NQA_MAX_UPLOAD_MB=20."
        ) from None
    if mb <= 0:
        raise ValueError(
            f"NQA_MAX_UPLOAD_MB={raw!r} must be positive; set e.g. NQA_MAX_UPLOAD_MB=20."
        )
    return int(mb * 1024 * 1024)


def check_upload(path: Path, name: str, *, max_bytes: int | None = None) -> str:
    """Validate an uploaded file; returns its (lower-case) suffix or raises UploadError."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(f"Không nhận tệp '{Path(name).name}': chỉ nhận {', '.join(SUFFIXES)}.")
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    size = path.stat().st_size
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
    return suffix


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
) -> Placed:
    """Check `src` (uploaded as `name`), parse a temporary copy in `folder`, then rename it
    to a fresh slug name. On any error the folder is left as it was and UploadError says why.
    The caller must hold a lock if uploads can run concurrently (the name is chosen here)."""
    if parse is None:
        from corpus import load_document as parse
    suffix = check_upload(src, name, max_bytes=max_bytes)
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}{suffix}"
    try:
        shutil.copyfile(src, temp)
        try:
            document = parse(temp)
        except Exception as exc:  # a parser bug on odd input is still a refused upload
            reason = _reason(exc, temp) if isinstance(exc, CorpusError) else type(exc).__name__
            raise UploadError(
                f"Không đọc được tệp '{Path(name).name}': {reason}. Kho tài liệu không thay đổi."
            ) from exc
        if not document.passages:
            raise UploadError(
                f"Tệp '{Path(name).name}' không có nội dung đọc được. Kho tài liệu không thay đổi."
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
