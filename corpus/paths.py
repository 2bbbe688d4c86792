"""The bundled corpus."""

from pathlib import Path

BUNDLED_CORPUS = Path(__file__).parent / "data"
