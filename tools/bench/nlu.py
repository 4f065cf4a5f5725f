"""Benchmark: the NLU backends side by side on one labelled set, in one table.

Each backend runs in its own process pinned to one core, so peak memory and speed are its
own: the embedded backend (and two of its feature variants, the alternatives it was chosen
over) and Rasa's DIET trained on the same data and called over HTTP as the product does.

    make bench-nlu                          # dev set from ../shared/eval, Rasa included
    python -m tools.bench.nlu --gold FILE --no-rasa

Quality (domain macro-F1, route accuracy, crisis recall) is scored as
../shared/tools/score_nlu.py scores it. Latency is one message at a time; messages per
second is 1 / mean latency on one core. Cold start is loading the cached model into a new
process; training time is training from the data with no cache.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"
VARIANTS = {
    "embedded (char n-grams + stems)": ("chars", "words"),
    "embedded, char n-grams only": ("chars",),
    "embedded, word stems only": ("words",),
}


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _measure(analyzer: Any, gold: list[dict[str, Any]], rounds: int) -> dict[str, Any]:
    from nlu.evaluation import score

    texts = [g["text"] for g in gold]
    for text in texts[:20]:  # warm-up
        analyzer.analyze(text)
    latencies: list[float] = []
    predicted = []
    for _ in range(rounds):
        predicted = []
        for text in texts:
            started = time.perf_counter()
            predicted.append(analyzer.analyze(text))
            latencies.append(time.perf_counter() - started)
    scores = score(gold, predicted)
    latencies.sort()
    return {
        "macro_f1": scores.macro_f1,
        "route_accuracy": scores.route_accuracy,
        "crisis_recall": scores.crisis_recall,
        "per_second": 1 / statistics.fmean(latencies),
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))],
    }


def worker_embedded(variant: str, gold_path: Path, rounds: int) -> dict[str, Any]:
    """Runs in its own process: train with no cache, then load as a server starts."""
    _pin_to_one_core()
    from nlu.embedded import EmbeddedAnalyzer, train
    from nlu.model import Model

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        train(features=VARIANTS[variant]).save(Path(cache) / "model.pkl")
        training = time.perf_counter() - started
        started = time.perf_counter()
        model = Model.load(Path(cache) / "model.pkl")
        assert model is not None
        analyzer = EmbeddedAnalyzer(model)
        cold_start = time.perf_counter() - started
        result = _measure(analyzer, _load_gold(gold_path), rounds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {**result, "training_s": training, "cold_start_s": cold_start, "peak_mb": peak_mb}


def worker_rasa(gold_path: Path) -> dict[str, Any]:
    from nlu.rasa import RasaAnalyzer
    from tests.nlu.rasa_server import rasa_server, trained_model, training_seconds

    started = time.perf_counter()
    model = trained_model(smoke=False)
    trained_now = time.perf_counter() - started
    training = training_seconds(model) or trained_now
    started = time.perf_counter()
    with rasa_server(model) as server:
        cold_start = time.perf_counter() - started
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(server.pid, {sorted(os.sched_getaffinity(0))[0]})
        analyzer = RasaAnalyzer(server.url, fallback=None, timeout=30)
        result = _measure(analyzer, _load_gold(gold_path), rounds=1)
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_kb = next(int(line.split()[1]) for line in status.splitlines() if "VmHWM" in line)
    return {
        **result,
        "training_s": training,
        "cold_start_s": cold_start,
        "peak_mb": peak_kb / 1024,
    }


def _run_worker(args: list[str]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "tools.bench.nlu", "--worker", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark worker {args[0]} failed:\n{completed.stderr[-3000:]}")
    return dict(json.loads(completed.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the set (embedded)")
    parser.add_argument("--no-rasa", action="store_true")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        gold = Path(rest[-1])
        result = (
            worker_rasa(gold) if kind == "rasa" else worker_embedded(rest[0], gold, int(rest[1]))
        )
        print(json.dumps(result))
        return

    rows: dict[str, dict[str, Any]] = {}
    for variant in VARIANTS:
        rows[variant] = _run_worker(["embedded", variant, str(args.rounds), str(args.gold)])
    if not args.no_rasa:
        rows["Rasa 3.6 DIET (HTTP /model/parse)"] = _run_worker(["rasa", str(args.gold)])

    print(describe())
    print(f"Labelled set: {args.gold} ({len(_load_gold(args.gold))} messages)")
    print()
    print(
        "| backend | domain macro-F1 | route acc. | crisis recall | msg/s (1 core) | "
        "p50 ms | p99 ms | peak RSS MB | cold start s | training s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['macro_f1']:.3f} | {r['route_accuracy']:.3f} | "
            f"{r['crisis_recall']:.2f} | {r['per_second']:.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['peak_mb']:.0f} | {r['cold_start_s']:.2f} | "
            f"{r['training_s']:.1f} |"
        )
    rasa = rows.get("Rasa 3.6 DIET (HTTP /model/parse)")
    if rasa is not None:
        embedded = rows[next(iter(VARIANTS))]
        print()
        print(
            f"Embedded vs Rasa: macro-F1 {embedded['macro_f1'] - rasa['macro_f1']:+.3f}, "
            f"p50 latency {rasa['p50_ms'] / embedded['p50_ms']:.1f}x lower, "
            f"throughput {embedded['per_second'] / rasa['per_second']:.1f}x higher."
        )


if __name__ == "__main__":
    main()
