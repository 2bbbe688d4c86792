"""Render results: the printed table, the JSON report, the failure list and the chart."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from eval.metrics import METRIC_KEYS, REPORT_KEYS, Record, failed_checks, is_relevant

OURS = "hybrid"
_TABLE_KEYS = (*METRIC_KEYS, "recall@10")
_KIND_KEYS = (
    "n",
    "hit@1",
    "hit@5",
    "mrr@10",
    "recall@10",
    "doc@1",
    "answer_accuracy",
    "answer_in_160",
    "section_accuracy",
)


def report_json(summaries: Mapping[str, dict]) -> dict:
    """Exactly REPORT_KEYS for the first mode; with several modes, also "modes": {mode: summary}."""
    first = next(iter(summaries.values()))
    out = {key: first[key] for key in REPORT_KEYS}
    out["by_kind"] = {
        kind: {key: s[key] for key in METRIC_KEYS} for kind, s in first["by_kind"].items()
    }
    if len(summaries) > 1:
        out["modes"] = dict(summaries)
    return out


def format_table(summaries: Mapping[str, dict], title: str = "") -> str:
    """Metrics as rows, modes as columns, then ratios of ours (hybrid) to each other mode."""
    modes = list(summaries)
    others = [m for m in modes if m != OURS] if OURS in modes else []
    head = ["metric", *modes, *(f"{OURS}/{m}" for m in others)]
    rows = [head]
    for key in _TABLE_KEYS:
        values = [summaries[m].get(key) for m in modes]
        if key not in METRIC_KEYS and all(v is None for v in values):
            continue
        ratios = [_ratio(summaries[OURS].get(key), summaries[m].get(key)) for m in others]
        rows.append([key, *(_fmt(key, v) for v in values), *(() if key == "n" else ratios)])
    lines = [title] if title else []
    lines.append(_grid(rows))
    if others:
        lines.append(f"({OURS}/x = {OURS} ÷ x; for latency, above 1 means {OURS} is slower)")
    kinds = sorted({k for s in summaries.values() for k in s.get("by_kind", {})})
    if kinds:
        rows = [["by kind", *modes]]
        for kind in kinds:
            rows.append([kind, *("" for _ in modes)])
            for key in _KIND_KEYS:
                values = [summaries[m].get("by_kind", {}).get(kind, {}).get(key) for m in modes]
                if any(v is not None for v in values):
                    rows.append([f"  {key}", *(_fmt(key, v) for v in values)])
        lines += ["", _grid(rows)]
    return "\n".join(lines)


def failures(records_by_mode: Mapping[str, Sequence[Record]], k: int) -> list[dict]:
    """One line per (mode, question) that failed a scored check, with what was retrieved."""
    out = []
    for mode, records in records_by_mode.items():
        for r in records:
            failed = failed_checks(r, k)
            if not failed:
                continue
            q = r.question
            out.append(
                {
                    "mode": mode,
                    "id": q.id,
                    "kind": q.kind,
                    "question": q.question,
                    "failed": failed,
                    "error": r.error,
                    "abstained": r.abstained,
                    "answer": r.text,
                    "expected_answers": None if q.answers is None else list(q.answers),
                    "evidence": list(q.evidence),
                    "gold": [{"doc": g.doc, "article": g.article} for g in q.gold],
                    "expected_section": q.section,
                    "first_citation_section": r.first_section,
                    "retrieved": [
                        {
                            "rank": rank,
                            "relevant": is_relevant(q, h),
                            "passage_id": h.passage_id,
                            "articles": list(h.articles),
                            "section": h.section,
                            "score": round(h.score, 4),
                            "text": h.text[:300],
                        }
                        for rank, h in enumerate(r.retrieved[:k], start=1)
                    ],
                }
            )
    return out


def failures_path(json_out: Path | None) -> Path:
    return json_out.with_suffix(".failures.jsonl") if json_out else Path("eval-failures.jsonl")


def write_json(path: Path, obj: object) -> None:
    _atomic_write(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    _atomic_write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def save_chart(summaries: Mapping[str, dict], path: Path, title: str = "") -> Path:
    """Grouped bars: quality metrics per mode (left), warm latency per mode (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = list(summaries)
    quality = [
        key
        for key in (*METRIC_KEYS, "recall@10")
        if key != "n" and not key.startswith("latency")
        if any(summaries[m].get(key) is not None for m in modes)
    ]
    latency = ["latency_ms_p50", "latency_ms_p95"]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [max(len(quality), 1), 2]}
    )
    width = 0.8 / len(modes)
    for i, mode in enumerate(modes):
        xs = [j + i * width for j in range(len(quality))]
        left.bar(xs, [summaries[mode].get(key) or 0 for key in quality], width, label=mode)
        xs = [j + i * width for j in range(len(latency))]
        right.bar(xs, [summaries[mode].get(key) or 0 for key in latency], width, label=mode)
    for ax, keys in ((left, quality), (right, latency)):
        ax.set_xticks(
            [j + 0.4 - width / 2 for j in range(len(keys))], keys, rotation=30, ha="right"
        )
        ax.grid(axis="y", alpha=0.3)
    left.set_ylim(0, 1.05)
    left.set_ylabel("score")
    right.set_ylabel("ms (warm bot.ask)")
    left.legend(
        ncol=len(modes), loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, frameon=False
    )
    fig.suptitle(title or "Mode comparison")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _fmt(key: str, value: object) -> str:
    if value is None:
        return "-"
    if key == "n":
        return str(value)
    if key.startswith("latency"):
        return f"{value:.1f}"
    return f"{value:.3f}"


def _ratio(ours: float | None, other: float | None) -> str:
    if ours is None or other is None or other == 0:
        return "-"
    return f"{ours / other:.2f}x"


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
