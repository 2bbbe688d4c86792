"""How documents are read: settings the caller chooses at the edge and passes down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ReadOptions:
    ocr: bool = True  # read PDF pages without a text layer through tesseract, when installed
    ocr_lang: str = "vie"  # tesseract language model
    # where OCR output is kept by the file's sha256, so each scan is read once; None: no cache
    cache_dir: Path | None = None


DEFAULT = ReadOptions()
