"""One configuration, read once at the edge: every variable validated with one message format,
documented in one README table, and never read (nor the process's state changed) below the
edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config import VARIABLES, Config, current, using
from errors import ConfigError, NqaError

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ("corpus", "index", "bot", "serve", "pgstore", "eval")


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("NQA_BACKEND", "bogus", "use one of onnx-int8, torch"),
        ("NQA_FUSION", "max", "use one of weighted, rrf"),
        ("NQA_LOG_LEVEL", "LOUD", "use one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("NQA_MODEL", "/missing/model", "no such folder"),
        ("NQA_LLM_URL", "localhost:8000", "expected an http:// or https:// address"),
        ("NQA_LLM_TIMEOUT", "soon", "expected a number from 0.1 to 600"),
        ("NQA_LLM_TIMEOUT", "0", "expected a number from 0.1 to 600"),
        ("NQA_MAX_UPLOAD_MB", "lots", "expected a number"),
        ("NQA_MAX_UPLOAD_MB", "-5", "expected a number"),
        ("NQA_PARSE_SECONDS", "0", "expected a number from 1 to 3600"),
        ("NQA_PORT", "70000", "expected a whole number from 1 to 65535"),
        ("NQA_PORT", "http", "expected a whole number from 1 to 65535"),
        ("NQA_CONCURRENCY", "0", "expected a whole number from 1 to 64"),
        ("NQA_CONCURRENCY", "2.5", "expected a whole number"),
        ("NQA_DB_POLL_SECONDS", "never", "expected a number"),
        ("NQA_DENSE", "ivf", "use one of exact, hnsw"),
        ("NQA_HNSW_EF_SEARCH", "10", "expected a whole number from 100 to 10000"),
    ],
)
def test_a_value_not_allowed_names_the_variable_the_value_and_what_is_allowed(name, value, allowed):
    with pytest.raises(ConfigError) as info:
        Config.from_env({name: value})
    message = str(info.value)
    assert message.startswith(f"{name}={value!r} is not allowed: ")
    assert allowed in message
    assert isinstance(info.value, NqaError)


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    file = tmp_path / "data"
    file.write_text("x")
    with pytest.raises(ConfigError, match="NQA_DATA_DIR=.* is not allowed: expected a folder"):
        Config.from_env({"NQA_DATA_DIR": str(file)})


def test_the_database_password_is_never_shown():
    with pytest.raises(ConfigError) as info:
        Config.from_env({"NQA_DATABASE_URL": "mysql://u:secret@h/db"})
    assert "secret" not in str(info.value)


def test_every_variable_is_read(tmp_path):
    env = {
        "NQA_DATA_DIR": str(tmp_path / "d"),
        "NQA_MODEL_DIR": str(tmp_path / "m"),
        "NQA_CORPUS_DIR": str(tmp_path / "c"),
        "NQA_MODEL": "some/model",
        "NQA_BACKEND": "TORCH",
        "NQA_FUSION": "rrf",
        "NQA_LOG_LEVEL": "debug",
        "NQA_LLM_URL": "http://127.0.0.1:8000/v1",
        "NQA_LLM_MODEL": "m",
        "NQA_LLM_API_KEY": "sk-1",
        "NQA_LLM_TIMEOUT": "2.5",
        "NQA_MAX_UPLOAD_MB": "5",
        "NQA_PARSE_SECONDS": "30",
        "NQA_ADMIN_TOKEN": "t",
        "NQA_HOST": "0.0.0.0",
        "NQA_PORT": "8080",
        "NQA_CONCURRENCY": "3",
        "NQA_DATABASE_URL": "postgresql://u@h/db",
        "NQA_REPLICA": "r1",
        "NQA_DB_POLL_SECONDS": "1.5",
        "NQA_DENSE": "hnsw",
        "NQA_HNSW_EF_SEARCH": "300",
    }
    assert set(env) == {v.name for v in VARIABLES}
    config = Config.from_env(env)
    assert config.data_dir == tmp_path / "d" and config.models == tmp_path / "m"
    assert config.app_corpus == tmp_path / "c"
    assert (config.backend, config.fusion, config.log_level) == ("torch", "rrf", "DEBUG")
    assert (config.llm_timeout, config.max_upload_bytes, config.parse_seconds) == (
        2.5,
        5 * 1024 * 1024,
        30.0,
    )
    assert (config.port, config.concurrency, config.dense, config.hnsw_ef_search) == (
        8080,
        3,
        "hnsw",
        300,
    )
    assert "sk-1" not in repr(config) and "postgresql" not in repr(config)


def test_unset_and_blank_mean_the_default():
    assert Config.from_env({"NQA_BACKEND": "  ", "NQA_PORT": ""}) == Config()
    defaults = Config()
    assert defaults.models == defaults.data_dir / "models"
    assert defaults.app_corpus == defaults.data_dir / "corpus"


def test_using_installs_and_restores():
    before = current()
    with using(Config(port=1234)):
        assert current().port == 1234
    assert current() is before


def test_the_readme_documents_every_variable_in_one_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(NQA_[A-Z_]+)` \|", readme, flags=re.MULTILINE)
    assert rows == [v.name for v in VARIABLES]  # one row each, in the code's order
    mentioned = set(re.findall(r"\bNQA_[A-Z_]+\b", readme))
    assert mentioned <= {v.name for v in VARIABLES}  # nothing the code does not read


def test_no_library_module_reads_the_environment_or_changes_the_process():
    offenders = []
    forbidden = re.compile(
        r"os\.environ|os\.getenv|set_num_threads|logging\.basicConfig|"
        r"getLogger\(\)\.setLevel|getLogger\(\)\.handlers"
    )
    for stage in LIBRARY:
        for path in (ROOT / stage).rglob("*.py"):
            if path.name in ("bench.py", "bench_pg.py", "probe.py"):  # scripts: their own edge
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if forbidden.search(line) and "child process's environment" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
