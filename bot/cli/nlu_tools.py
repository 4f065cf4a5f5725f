"""``vraagwijzer nlu classify`` and ``evaluate``: the NLU contract on the command line."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from nlu import EVALUATED_ROUTES as ROUTES
from nlu import (
    Analyzer,
    EmbeddedAnalyzer,
    Understanding,
    crisis_report,
    load_analyzer,
    score_crisis,
)
from nlu import evaluation_report as report
from nlu import score_messages as score


def prediction(understanding: Understanding, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **extra,
        "text": understanding.text,
        "language": understanding.language,
        "route": understanding.route.value,
        "domains": list(understanding.domains),
        "scores": dict(understanding.scores),
        "act": understanding.act,
        "crisis": understanding.crisis.value if understanding.crisis else None,
        "entities": [
            {"kind": e.kind, "value": e.value, "start": e.start, "end": e.end}
            for e in understanding.entities
        ],
    }


def _batches(lines: IO[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_all(analyzer: Analyzer, texts: list[str]) -> list[Understanding]:
    if isinstance(analyzer, EmbeddedAnalyzer):
        return analyzer.analyze_many(texts)
    return [analyzer.analyze(t) for t in texts]


def classify_stream(
    source: IO[str],
    sink: IO[str],
    *,
    backend: str,
    rasa_url: str,
    cache_dir: Path,
    batch_size: int = 256,
) -> None:
    """One JSON line out for every line in, in order; a bad line gets an ``error`` field."""
    analyzer = load_analyzer(backend, rasa_url=rasa_url, cache_dir=cache_dir)
    for batch in _batches(source, max(1, batch_size)):
        parsed: list[tuple[dict[str, Any], str | None]] = []
        for line in batch:
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                    raise ValueError("expected an object with a text string")
                parsed.append((item, None))
            except ValueError as exc:
                parsed.append(({}, f"invalid input line: {exc}"))
        texts = [str(item.get("text", "")) for item, _ in parsed]
        results = analyze_all(analyzer, texts)
        for (item, problem), understanding in zip(parsed, results, strict=True):
            extra = {k: v for k, v in item.items() if k != "text"}
            out = prediction(understanding, extra)
            if problem:
                out["error"] = problem
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
        sink.flush()


def evaluate(
    gold_path: Path, *, backend: str, rasa_url: str, cache_dir: Path, png: Path | None
) -> str:
    gold = [
        json.loads(line)
        for line in gold_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    analyzer = load_analyzer(backend, rasa_url=rasa_url, cache_dir=cache_dir)
    predicted = analyze_all(analyzer, [g["text"] for g in gold])
    parts: list[str] = []
    if all("route" in g for g in gold):
        scores = score(gold, predicted)
        parts.append(report(scores))
        if png is not None:
            _confusion_png(scores.confusion, png)
            parts.append(f"confusion matrix written to {png}")
    crises = score_crisis(gold, predicted)
    if crises is not None:
        parts.append(crisis_report(crises))
    return "\n\n".join(parts)


def _confusion_png(confusion: Counter[tuple[str, str]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grid = [[confusion[(w, g)] for g in ROUTES] for w in ROUTES]
    fig, ax = plt.subplots(figsize=(5, 4.2), dpi=120)
    ax.imshow(grid, cmap="Blues")
    ax.set_xticks(range(len(ROUTES)), ROUTES)
    ax.set_yticks(range(len(ROUTES)), ROUTES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    peak = max(max(row) for row in grid) or 1
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(
                j,
                i,
                str(value),
                ha="center",
                va="center",
                color="white" if value > peak / 2 else "black",
            )
    ax.set_title("Route confusion")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
