"""Tokenizing does not import transformers: underthesea's optional translator would pull it in
on import, seconds of every replica's start, for nothing the index uses."""

from __future__ import annotations

import subprocess
import sys


def test_word_tokens_without_the_translator():
    code = (
        "import sys\n"
        "from index.tokenize import word_tokens\n"
        "assert word_tokens('Bảo hiểm y tế toàn dân') == ['w:bảo_hiểm_y_tế']\n"
        "assert 'transformers' not in sys.modules, 'transformers was imported'\n"
        "from underthesea.pipeline.translate import translate  # still importable on purpose\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
