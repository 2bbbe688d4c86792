"""What the index needs of the configuration: where things live on disk and which model to
use. Built from the edge's `config.Config` (`Settings.from_config`); a caller that passes no
Settings gets the installed configuration's (config.current())."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from config import DEFAULT_MODEL, Config, current

__all__ = ["DEFAULT_MODEL", "Settings", "data_dir", "model_dir"]


def data_dir() -> Path:
    """Indexes, converted models, feedback: the installed configuration's data folder."""
    return current().data_dir


def model_dir() -> Path:
    """Converted models are shared between indexes: NQA_MODEL_DIR, else <data dir>/models."""
    return current().models


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = field(default_factory=lambda: current().model)
    # sentence-transformers backend for the default model: "onnx-int8" (fast) or "torch"
    backend: str = field(default_factory=lambda: current().backend)
    # how the two rankings are combined: "weighted" (default) or "rrf", for comparison
    fusion: str = field(default_factory=lambda: current().fusion)
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    # where indexes (and the OCR cache) and converted models live
    data_dir: Path = field(default_factory=data_dir, compare=False)
    model_dir: Path = field(default_factory=model_dir, compare=False)

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        return cls(
            model=config.model,
            backend=config.backend,
            fusion=config.fusion,
            data_dir=config.data_dir,
            model_dir=config.models,
        )
