"""OCR of a PDF without a text layer: a page image drawn here, read by tesseract once, then
from the cache (with tesseract gone from PATH); clear errors when OCR is off or missing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from test_corpus_pdf import FONT

from corpus.ocr import INSTALL, tesseract_version
from corpus.options import ReadOptions
from corpus.readers import ReadError, read_file

LINES = [
    "Điều 1. Mức hỗ trợ xây dựng nhà ở",
    "Hỗ trợ bốn mươi triệu đồng mỗi hộ nghèo",
    "để xây mới nhà ở trên địa bàn tỉnh.",
]
needs_tesseract = pytest.mark.skipif(
    tesseract_version("vie") is None,
    reason=f"tesseract with Vietnamese is not installed ({INSTALL})",
)
needs_font = pytest.mark.skipif(FONT is None, reason="needs DejaVuSans (Vietnamese glyphs)")


def _scan(path: Path) -> None:
    """A page that is only an image of Vietnamese text, as a scanner makes it (300 dpi)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1400, 420), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 44)
    for i, line in enumerate(LINES):
        draw.text((80, 60 + 100 * i), line, font=font, fill=0)
    size = (1400 * 72 / 300, 420 * 72 / 300)
    pdf = canvas.Canvas(str(path), pagesize=size)
    pdf.drawImage(ImageReader(image), 0, 0, *size)
    pdf.save()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


@needs_font
@needs_tesseract
@pytest.mark.slow
def test_scan_is_read_by_ocr_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ban-chup.pdf"
    _scan(path)
    options = ReadOptions(cache_dir=tmp_path / "data")
    first = read_file(path, options)
    text = " ".join(line for line in first.lines if isinstance(line, str))
    expected = _words(" ".join(LINES))
    assert len(expected & _words(text)) >= 0.8 * len(expected), text
    assert "Điều 1. Mức hỗ trợ xây dựng nhà ở" in first.lines
    assert first.notes == ("OCR (tesseract vie): 1 pages",)

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    cached = json.loads((tmp_path / "data" / "ocr" / f"{sha}.json").read_text(encoding="utf-8"))
    assert cached["lang"] == "vie" and cached["tesseract"].startswith("tesseract")
    assert "Điều 1" in cached["pages"]["0"]

    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # tesseract is gone
    again = read_file(path, options)
    assert again.lines == first.lines and again.notes == first.notes
    with pytest.raises(ReadError, match="needs OCR with tesseract"):
        read_file(path, ReadOptions(cache_dir=tmp_path / "other"))  # no cache: needs tesseract


@needs_font
def test_ocr_turned_off_or_missing_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ban-chup.pdf"
    _scan(path)
    with pytest.raises(ReadError) as error:
        read_file(path, ReadOptions(ocr=False))
    assert str(error.value).startswith(f"{path}: the PDF has no text layer (scanned images?)")
    assert "OCR is turned off" in str(error.value)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError) as error:
        read_file(path)
    assert "no text layer" in str(error.value) and INSTALL in str(error.value)
