"""Parse time per file: the real documents and the bundled corpus, each file read and cut into
passages once (OCR off, so a scan costs what its text layer costs).

    .venv/bin/python scripts/bench_parse.py                       # eval/data/realdocs/docs + bundled
    .venv/bin/python scripts/bench_parse.py DIR [DIR ...] --skip-pdf

Prints one line per file (seconds, passages, row passages, tiny content passages) and the
totals; a file that cannot be read shows its error instead of a count.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DIRS = [ROOT / "eval/data/realdocs/docs", ROOT / "corpus/data"]


def main(argv: list[str] | None = None) -> int:
    from corpus import ReadOptions, load_document
    from corpus.readers import SUPPORTED_SUFFIXES, ReadError

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--skip-pdf", action="store_true", help="leave PDF files out")
    args = parser.parse_args(argv)
    import config

    config.use_environment()
    options = ReadOptions(ocr=False)
    files = sorted(
        p
        for d in args.dirs
        for p in d.iterdir()
        if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "SOURCES.md"
        if not (args.skip_pdf and p.suffix.lower() == ".pdf")
    )
    load_document(files[0], options)  # imports and first-call costs are not any file's
    totals = {"seconds": 0.0, "pdf": 0.0, "content": 0, "tiny": 0, "pdf_content": 0, "pdf_tiny": 0}
    for path in files:
        start = time.perf_counter()
        try:
            doc = load_document(path, options)
        except ReadError as exc:
            elapsed = time.perf_counter() - start
            print(f"{elapsed:7.3f}s  {path.name}: {exc.reason}")
            totals["seconds"] += elapsed
            continue
        elapsed = time.perf_counter() - start
        totals["seconds"] += elapsed
        if path.suffix.lower() == ".pdf":
            totals["pdf"] += elapsed
        content = [p for p in doc.passages if p.kind == "content"]
        tiny = [p for p in content if len(p.text.split()) < 3]
        rows = sum(p.kind == "row" for p in doc.passages)
        totals["content"] += len(content)
        totals["tiny"] += len(tiny)
        if path.suffix.lower() == ".pdf":
            totals["pdf_content"] += len(content)
            totals["pdf_tiny"] += len(tiny)
        print(
            f"{elapsed:7.3f}s  {path.name}: {len(doc.passages)} passages, "
            f"{rows} rows, {len(tiny)}/{len(content)} content under 3 words"
        )
    tiny, content = totals["tiny"], totals["content"]
    other = (tiny - totals["pdf_tiny"], content - totals["pdf_content"])
    print(
        f"total {totals['seconds']:.2f}s for {len(files)} files "
        f"({totals['seconds'] - totals['pdf']:.2f}s without PDF)\n"
        f"content passages under 3 words: {tiny}/{content} ({_share(tiny, content)}); "
        f"without PDF {other[0]}/{other[1]} ({_share(*other)})"
    )
    return 0


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


if __name__ == "__main__":
    raise SystemExit(main())
