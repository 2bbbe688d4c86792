"""Shared fixtures. Every test run gets its own data folder (indexes, feedback), while the
converted embedding model is cached once per machine so the real model stays cheap to load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DOC = ROOT / "corpus" / "data" / "nq-hdnd-thai-nguyen-kt-xh-2023.md"
ALQAC_DIR = ROOT / "eval" / "data" / "alqac"


@pytest.fixture(scope="session", autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """The session's configuration (config.use): its own data folder, the shared model cache;
    also in the environment, for the servers and CLIs tests start as subprocesses."""
    import config

    old = {k: os.environ.get(k) for k in ("NQA_DATA_DIR", "NQA_MODEL_DIR")}
    os.environ["NQA_DATA_DIR"] = str(tmp_path_factory.mktemp("nqa-data"))
    os.environ.setdefault(
        "NQA_MODEL_DIR", str(Path.home() / ".cache" / "hoidap-nghiquyet" / "models")
    )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    config.use(
        config.Config(
            data_dir=Path(os.environ["NQA_DATA_DIR"]), model_dir=Path(os.environ["NQA_MODEL_DIR"])
        )
    )
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def seed_doc() -> Path:
    return SEED_DOC


@pytest.fixture
def alqac_dir() -> Path:
    return ALQAC_DIR


def bot_over(tmp_path_factory: pytest.TempPathFactory, name: str, text: str):
    """A bot (real model, real index) over one small document a test writes."""
    from bot import Bot
    from index import open_index

    folder = tmp_path_factory.mktemp(Path(name).stem)
    (folder / name).write_text(text, encoding="utf-8")
    return Bot(open_index(folder))


from tests.pg_server import pg_server, pg_url  # noqa: E402, F401  (postgres tests' fixtures)
