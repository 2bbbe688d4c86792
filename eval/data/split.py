"""Split question sets into dev and test, stratified by kind, deterministically.

Rule: within each kind, sort the questions by id; the i-th of them (0-based) goes to dev when
floor((i + 1) * share) > floor(i * share), otherwise to test. With share 0.5 that is "every other
question in dev, starting with test for the first"; with 0.45 the dev picks are spread the same
way, 9 in 20. The first question of every kind goes to test.

    python eval/data/split.py            # every set below
    python eval/data/split.py seed       # one set

A set's sources may be its own dev and test files: the split of their union is the same split,
so running the script again changes nothing.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name -> (source files, output folder, dev share)
SETS: dict[str, tuple[tuple[str, ...], str, float]] = {
    "seed": (("seed_questions.jsonl",), "seed", 0.5),
    "realdocs": (("realdocs/dev.jsonl", "realdocs/test.jsonl"), "realdocs", 0.45),
    "informal": (("informal/dev.jsonl", "informal/test.jsonl"), "informal", 0.45),
    "realdocs2": (("realdocs2/questions.jsonl",), "realdocs2", 0.5),
    "realdocs7": (("realdocs7/questions.jsonl",), "realdocs7", 0.5),
    "bundled4": (("bundled4/questions.jsonl",), "bundled4", 0.5),
    "bundled5": (("bundled5/questions.jsonl",), "bundled5", 0.5),
    "realdocs8": (("realdocs8/questions.jsonl",), "realdocs8", 0.5),
    "realdocs9": (("realdocs9/questions.jsonl",), "realdocs9", 0.5),
    "bundled6": (("bundled6/questions.jsonl",), "bundled6", 0.5),
    "realdocs10": (("realdocs10/questions.jsonl",), "realdocs10", 0.5),
    "bundled7": (("bundled7/questions.jsonl",), "bundled7", 0.5),
    "bundled8": (("bundled8/questions.jsonl",), "bundled8", 0.5),
    "realdocs11": (("realdocs11/questions.jsonl",), "realdocs11", 0.5),
    "bundled9": (("bundled9/questions.jsonl",), "bundled9", 0.5),
    "realdocs12": (("realdocs12/questions.jsonl",), "realdocs12", 0.5),
    "bundled10": (("bundled10/questions.jsonl",), "bundled10", 0.5),
    "realdocs13": (("realdocs13/questions.jsonl",), "realdocs13", 0.5),
    "bundled11": (("bundled11/questions.jsonl",), "bundled11", 0.5),
    "realdocs14": (("realdocs14/questions.jsonl",), "realdocs14", 0.5),
    "bundled12": (("bundled12/questions.jsonl",), "bundled12", 0.5),
    "realdocs15": (("realdocs15/questions.jsonl",), "realdocs15", 0.5),
    "bundled13": (("bundled13/questions.jsonl",), "bundled13", 0.5),
    "realdocs16": (("realdocs16/questions.jsonl",), "realdocs16", 0.5),
    "bundled14": (("bundled14/questions.jsonl",), "bundled14", 0.5),
    "realdocs17": (("realdocs17/questions.jsonl",), "realdocs17", 0.5),
}


def split(rows: list[dict], share: float) -> tuple[list[dict], list[dict]]:
    """(dev, test), each sorted by id."""
    if not 0 < share < 1:
        raise ValueError(f"dev share must be between 0 and 1, got {share}.")
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row.get("kind") or "", []).append(row)
    dev, test = [], []
    for group in by_kind.values():
        for i, row in enumerate(sorted(group, key=lambda r: r["id"])):
            to_dev = math.floor((i + 1) * share) > math.floor(i * share)
            (dev if to_dev else test).append(row)
    return sorted(dev, key=lambda r: r["id"]), sorted(test, key=lambda r: r["id"])


def read_rows(paths: list[Path]) -> list[dict]:
    rows, seen = [], set()
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["id"] in seen:
                raise ValueError(f"{path}:{number}: id {row['id']} appears twice.")
            seen.add(row["id"])
            rows.append(row)
    return rows


def write_rows(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(names: list[str]) -> None:
    for name in names or list(SETS):
        if name not in SETS:
            raise SystemExit(f"Unknown set '{name}': choose from {', '.join(SETS)}.")
        sources, folder, share = SETS[name]
        paths = [HERE / s for s in sources]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise SystemExit(f"{name}: missing {', '.join(missing)}.")
        dev, test = split(read_rows(paths), share)
        write_rows(HERE / folder / "dev.jsonl", dev)
        write_rows(HERE / folder / "test.jsonl", test)
        print(f"{name}: {len(dev)} dev, {len(test)} test")


if __name__ == "__main__":
    main(sys.argv[1:])
