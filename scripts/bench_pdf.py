"""Which PDF text extractor to use: time and broken words per file, pypdfium2 vs pdfminer.six
(pypdf, the old reader, for reference), then this project's reader (corpus.pdf) as built.

    .venv/bin/python scripts/bench_pdf.py                       # the real PDFs of the eval corpus
    .venv/bin/python scripts/bench_pdf.py a.pdf b.pdf --no-pdfminer

A broken word is a token that is not a Vietnamese syllable while gluing it to its neighbour
gives one ("CH" + "ÍNH" -> "CHÍNH", "Ngh" + "ị" -> "Nghị"): the split pypdf makes at accented
glyphs. The rate is per 1,000 tokens; about 1 per 1,000 is the floor of a clean text (list
labels such as "điểm c" glue into a syllable too). Article order counts "Điều N." headings that come after a
higher-numbered one (0 for a file read in reading order). Scanned pages (no text) are skipped
by the libraries and read by corpus.pdf only when a cached OCR text exists.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DOCS = Path(__file__).resolve().parent.parent / "eval" / "data" / "realdocs" / "docs"

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_SYLLABLE = re.compile(
    "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    "[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: "N1" is a code, not a split "N"
_ARTICLE = re.compile(r"^Điều (\d+)\.", re.MULTILINE)


def is_syllable(token: str) -> bool:
    bare = unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", token.lower()).translate(_TONES)
    )
    return _SYLLABLE.fullmatch(bare) is not None


def broken_words(text: str) -> tuple[int, int]:
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", text))
    broken = 0
    for i, token in enumerate(tokens):
        if is_syllable(token) or not token.isalpha():
            continue
        glued = (
            tokens[i - 1] + token if i else "",
            token + tokens[i + 1] if i + 1 < len(tokens) else "",
        )
        if any(g and is_syllable(g) for g in glued):
            broken += 1
    return broken, len(tokens)


def order_errors(text: str) -> int:
    highest, errors = 0, 0
    for number in map(int, _ARTICLE.findall(text)):
        errors += number < highest
        highest = max(highest, number)
    return errors


def read_pdfium(path: Path) -> tuple[int, str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return len(pages), "\n".join(pages).replace("\r\n", "\n")


def read_pdfminer(path: Path) -> tuple[int, str]:
    from pdfminer.high_level import extract_text

    text = extract_text(str(path))
    return text.count("\f") or 1, text


def read_pypdf(path: Path) -> tuple[int, str]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() or "" for page in reader.pages)


def read_project(path: Path) -> tuple[int, str]:
    from corpus.layout import Table
    from corpus.options import ReadOptions
    from corpus.pdf import read_pdf
    from index.settings import data_dir

    result = read_pdf(path, ReadOptions(ocr=True, cache_dir=data_dir()))
    lines = [" | ".join(r) for i in result.items if isinstance(i, Table) for r in i.rows]
    lines += [i for i in result.items if isinstance(i, str)]
    return result.pages, "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--no-pdfminer", action="store_true", help="skip the slow library")
    parser.add_argument("--no-pypdf", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted(DOCS.glob("*.pdf"))
    readers: dict[str, Callable[[Path], tuple[int, str]]] = {"pypdfium2": read_pdfium}
    if not args.no_pdfminer:
        readers["pdfminer.six"] = read_pdfminer
    if not args.no_pypdf:
        readers["pypdf"] = read_pypdf
    readers["corpus.pdf"] = read_project
    print(f"{'file':<44} {'library':<13} {'pages':>5} {'seconds':>8} {'broken/1k':>9} {'order':>5}")
    totals = dict.fromkeys(readers, 0.0)
    for path in files:
        for name, read in readers.items():
            start = time.perf_counter()
            try:
                pages, text = read(path)
            except Exception as exc:  # a reader that refuses a file is a result too
                print(f"{path.name[:44]:<44} {name:<13} {'-':>5} {'-':>8}  {type(exc).__name__}")
                continue
            seconds = time.perf_counter() - start
            totals[name] += seconds
            broken, tokens = broken_words(text)
            rate = 1000 * broken / tokens if tokens else 0.0
            errors = order_errors(text)
            print(
                f"{path.name[:44]:<44} {name:<13} {pages:>5} {seconds:>8.3f} {rate:>9.1f} {errors:>5}"
            )
    print()
    for name, seconds in totals.items():
        print(f"total {name:<13} {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
