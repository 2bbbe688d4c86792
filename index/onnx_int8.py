"""A dynamically quantized (int8) ONNX copy of a BERT-style sentence model, cached next to it.

sentence-transformers' own ONNX backend needs `optimum-onnx`, whose releases pin
transformers < 5 (this project runs transformers 5), so we export with torch and quantize with
onnxruntime directly. The graph takes `input_ids` and `attention_mask` and returns the mean-pooled,
L2-normalized sentence embedding, so running it needs only onnxruntime and `tokenizers`.

Weights are quantized per output channel (MatMul and the embedding Gather): per-tensor scales
drop the cosine to fp32 from ~0.996 to ~0.985. On CPUs without VNNI, int8 weights use 7 bits
(`reduce_range`) to avoid the u8*s8 overflow of AVX2's vpmaddubsw.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

ONNX_DIR = "onnx"


def cpu_variant() -> str:
    """'avx512_vnni' where the CPU has VNNI int8 dot products, else 'avx2'."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "avx2"
    return "avx512_vnni" if ("avx512_vnni" in flags or "avx_vnni" in flags) else "avx2"


def int8_path(model_folder: Path, variant: str | None = None) -> Path:
    return Path(model_folder) / ONNX_DIR / f"model_qint8_{variant or cpu_variant()}.onnx"


def ensure_onnx_int8(model_folder: Path, variant: str | None = None) -> Path:
    """The int8 ONNX file for `model_folder`, exporting and quantizing it on first use (~20 s).

    Written to a temporary file and renamed, so an interrupted export leaves nothing behind.
    """
    variant = variant or cpu_variant()
    target = int8_path(model_folder, variant)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=target.parent) as tmp:
        fp32, int8 = Path(tmp) / "model.onnx", Path(tmp) / target.name
        export_fp32(Path(model_folder), fp32)
        quantize(fp32, int8, reduce_range=variant != "avx512_vnni")
        os.chmod(int8, 0o644)
        os.replace(int8, target)
    return target


def export_fp32(model_folder: Path, out: Path) -> None:
    """Trace the HF BERT model plus mean pooling and normalization into one ONNX graph."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            token_type_ids = torch.zeros_like(input_ids)
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            mask = attention_mask.unsqueeze(-1).to(out.last_hidden_state.dtype)
            summed = (out.last_hidden_state * mask).sum(1)
            mean = summed / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    bert = AutoModel.from_pretrained(
        str(model_folder), attn_implementation="eager", local_files_only=True
    )
    model = Pooled(bert.eval())
    # Two rows of different lengths, so the trace sees padding; axes are dynamic anyway.
    ids = torch.tensor([[0, 41, 1294, 12, 2], [0, 41, 1294, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    axes = {0: "batch", 1: "seq"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer chatter about the legacy exporter and masks
        torch.onnx.export(
            model,
            (ids, mask),
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "sentence_embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,  # the dynamo exporter needs onnxscript; the TorchScript one is enough
        )


def quantize(fp32: Path, out: Path, *, reduce_range: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # onnxruntime logs "consider pre-processing" advice on the root logger on every call: drop
    # its records below ERROR for the duration (a filter, not the root level other threads use)
    root = logging.getLogger()
    root.addFilter(_quiet_onnxruntime)
    try:
        quantize_dynamic(
            str(fp32),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=True,
            reduce_range=reduce_range,
            op_types_to_quantize=["MatMul", "Gather"],
        )
    finally:
        root.removeFilter(_quiet_onnxruntime)


def _quiet_onnxruntime(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR or "onnxruntime" not in record.pathname
