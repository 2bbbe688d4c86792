"""Scanned PDF pages -> text through the tesseract command, cached by the file's sha256.

Pages are rendered by pdfium at 300 dpi in grey and handed to `tesseract - -` on its standard
input, two at a time (one tesseract thread each: faster on two cores than one tesseract using
both). The cache `<cache_dir>/ocr/<sha256>.json` holds each page's text, the tesseract version
and the language; a page found there never runs tesseract again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpus.options import ReadOptions

DPI = 300
PSM = 4  # one column of text: on the scanned decree 96% of its words are found in the
# text layer with psm 4 and 3 alike, 92% with 6 (a uniform block)
WORKERS = 2
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
_TIMEOUT = 300  # seconds for one page


def ocr_pages(path: Path, pdf: Any, numbers: Sequence[int], options: ReadOptions) -> list[str]:
    """The text of pages `numbers` (0-based) of the open pdfium document `pdf`."""
    from corpus.pdf import NO_TEXT
    from corpus.readers import ReadError

    if not options.ocr:
        raise ReadError(path, f"{NO_TEXT}; OCR is turned off for this corpus")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    cache = options.cache_dir / "ocr" / f"{sha}.json" if options.cache_dir else None
    done = _load(cache, options.ocr_lang)
    todo = [n for n in numbers if str(n) not in done["pages"]]
    if todo:
        version = tesseract_version(options.ocr_lang)
        if version is None:
            raise ReadError(
                path,
                f"{NO_TEXT}; reading it needs OCR with tesseract and its '{options.ocr_lang}' "
                f"model: {INSTALL}",
            )
        with ThreadPoolExecutor(WORKERS) as pool:
            for start in range(0, len(todo), WORKERS):
                batch = todo[start : start + WORKERS]
                images = [_render(pdf, n) for n in batch]  # pdfium in this thread only
                texts = pool.map(lambda image: _tesseract(path, image, options.ocr_lang), images)
                done["pages"].update({str(n): t for n, t in zip(batch, texts, strict=True)})
        done.update(tesseract=version, lang=options.ocr_lang, sha256=sha)
        if cache is not None:
            _save(cache, done)
    return [done["pages"][str(n)] for n in numbers]


def tesseract_version(lang: str) -> str | None:
    """The tesseract version when it is installed with the language model, else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if lang not in langs.stdout.split():
        return None
    first = (version.stdout or version.stderr).strip().splitlines()
    return first[0] if first else "tesseract"


def _render(pdf: Any, number: int) -> bytes:
    """A page as a binary PGM image (tesseract reads it on its standard input)."""
    page = pdf[number]
    try:
        bitmap = page.render(scale=DPI / 72, grayscale=True)
    finally:
        page.close()
    if bitmap.n_channels != 1:  # not grey after all: let Pillow convert it
        image = bitmap.to_pil().convert("L")
        return b"P5\n%d %d\n255\n" % image.size + image.tobytes()
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = memoryview(bitmap.buffer).cast("B")
    rows = [data[y * stride : y * stride + width] for y in range(height)]
    return b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows)


def _tesseract(path: Path, image: bytes, lang: str) -> str:
    from corpus.readers import ReadError

    command = ["tesseract", "-", "-", "-l", lang, "--psm", str(PSM), "--dpi", str(DPI)]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # the child process's environment, plus one
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=_TIMEOUT, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReadError(path, f"OCR failed ({type(exc).__name__}: {exc})") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ReadError(path, f"OCR failed (tesseract exit {done.returncode}: {reason[0]})")
    return done.stdout.decode("utf-8", "replace")


def _load(cache: Path | None, lang: str) -> dict[str, Any]:
    empty: dict[str, Any] = {"pages": {}}
    if cache is None or not cache.is_file():
        return empty
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty  # a damaged cache is read again
    if (
        not isinstance(data, dict)
        or data.get("lang") != lang
        or not isinstance(data.get("pages"), dict)
    ):
        return empty
    return data


def _save(cache: Path, data: dict[str, Any]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
        os.replace(tmp, cache)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
