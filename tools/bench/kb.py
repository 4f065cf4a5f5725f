"""Benchmark: how fast the catalogue answers a resident's question, on SQLite and PostgreSQL.

The issue's targets: ``Catalogue.search`` p99 <= 10 ms on the demo catalogue and <= 50 ms
on a generated catalogue of 20,000 provisions, on both databases. Search is in the path
of every answer the bot gives, so its tail latency is the one that matters.

Each (database, catalogue) pair runs in its own process, so memory figures are its own: a
freshly migrated database (a SQLite file in a temporary folder; a new database on the
PostgreSQL server), the catalogue imported with ``Catalogue.replace_all``, then every
question in ``kb_queries.txt`` asked three ways (no district; a district; living domains
and a district), one warm-up pass, then timed passes. Hostile questions (FTS operators,
SQL, control characters, a 5,000-character message) must not raise: any that do are
printed and the run exits 1. Missing a latency target is reported, not failed: this is a
measurement.

    make bench-kb                     # SQLite and a throw-away PostgreSQL
    python -m tools.bench.kb          # SQLite only, unless VRAAGWIJZER_BENCH_POSTGRES_URL is set
    python -m tools.bench.kb --profile sqlite generated   # cProfile of the timed passes
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.bench.kb_catalogue import DISTRICTS
from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
QUERIES_FILE = Path(__file__).with_name("kb_queries.txt")
POSTGRES_ENV = "VRAAGWIJZER_BENCH_POSTGRES_URL"
BENCH_DATABASE = "vw_bench_kb"
GENERATED_SIZE = 20_000
SEED = 20_000
TARGET_MS = {"demo": 10.0, "generated": 50.0}
DOMAIN_SETS = (
    ("money",),
    ("social",),
    ("daily_living", "housing"),
    ("health", "caregiving"),
    ("family",),
    ("mental", "social"),
    ("mobility",),
    ("legal", "money"),
    ("work",),
    ("safety",),
)


@dataclass(frozen=True)
class Call:
    section: str
    query: str
    domains: tuple[str, ...]
    district_id: str | None


def load_queries(path: Path = QUERIES_FILE) -> list[tuple[str, str]]:
    """(section, query) pairs from the file, plus the hostile ones a text file cannot hold."""
    queries: list[tuple[str, str]] = []
    section = "short"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip() and not line.startswith("# "):
            queries.append((section, line))
    stories = " ".join(q for s, q in queries if s == "story")
    queries += [
        ("hostile", "\x00"),
        ("hostile", "klus\x00hulp\tschulden\r\n-"),
        ("hostile", long_message(stories)),
    ]
    return queries


def long_message(stories: str, size: int = 5_000) -> str:
    """One 5,000-character message: real stories with FTS and SQL syntax mixed in."""
    noise = ' NEAR(schuld* hulp) "klus -AND OR NOT ^ ( ) ; DROP TABLE kb_search; -- '
    text = ""
    while len(text) < size:
        text += stories[: size // 3] + noise
    return text[:size]


def calls(queries: list[tuple[str, str]]) -> list[Call]:
    """Each question three ways: plain, from a district, with NLU domains and a district."""
    result: list[Call] = []
    for i, (section, query) in enumerate(queries):
        result.append(Call(section, query, (), None))
        result.append(Call(section, query, (), DISTRICTS[i % len(DISTRICTS)]))
        district = DISTRICTS[(i + 3) % len(DISTRICTS)] if i % 2 else None
        result.append(Call(section, query, DOMAIN_SETS[i % len(DOMAIN_SETS)], district))
    return result


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _memory_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


@contextmanager
def database(backend: str, postgres_url: str | None) -> Iterator[str]:
    """A freshly migrated database: a SQLite file, or a new database on the server."""
    from sqlalchemy import text

    from bot.platform.db import make_engine
    from bot.platform.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        else:
            assert postgres_url
            admin = make_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
            admin.dispose()
            url = postgres_url.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def worker(
    backend: str,
    catalogue_name: str,
    *,
    passes: int,
    size: int,
    postgres_url: str | None,
    profile: bool = False,
) -> dict[str, Any]:
    """Import one catalogue into one fresh database and time the searches."""
    from bot.platform.db import make_engine, make_sessionmaker
    from knowledge_base import Catalogue
    from knowledge_base.io import DEMO_DIR, read_bundle
    from tools.bench.kb_catalogue import distinct_words, generated_bundle

    started = time.perf_counter()
    bundle = read_bundle(DEMO_DIR) if catalogue_name == "demo" else generated_bundle(size, SEED)
    build_s = time.perf_counter() - started
    provisions, words = len(bundle.services), distinct_words(bundle)
    plan = calls(load_queries())

    with database(backend, postgres_url) as url:
        engine = make_engine(url)
        catalogue = Catalogue(make_sessionmaker(engine))
        started = time.perf_counter()
        catalogue.replace_all(bundle, changed_by="bench")
        import_s = time.perf_counter() - started
        del bundle
        gc.collect()
        refreshes = []
        for _ in range(3):
            started = time.perf_counter()
            catalogue.refresh()
            refreshes.append(time.perf_counter() - started)

        errors: dict[str, str] = {}

        def ask(call: Call) -> None:
            catalogue.search(
                call.query, domains=call.domains, district_id=call.district_id, limit=3
            )

        for call in plan:  # warm-up; also where errors are caught
            try:
                ask(call)
            except Exception as exc:  # reported: this is what we look for
                errors[call.query[:120]] = f"{type(exc).__name__}: {exc}"[:300]
        plan = [c for c in plan if c.query[:120] not in errors]

        timings: dict[str, list[float]] = {}
        profiler = cProfile.Profile() if profile else None
        for _ in range(passes):
            for call in plan:
                if profiler:
                    profiler.enable()
                started = time.perf_counter()
                ask(call)
                elapsed = time.perf_counter() - started
                if profiler:
                    profiler.disable()
                timings.setdefault(call.section, []).append(elapsed)
        engine.dispose()
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
    rss, peak = _memory_mb()
    return {
        "backend": backend,
        "catalogue": catalogue_name,
        "provisions": provisions,
        "words": words,
        "build_s": build_s,
        "import_s": import_s,
        "refresh_s": statistics.median(refreshes),
        "rss_mb": rss,
        "peak_mb": peak,
        "timings": timings,
        "errors": errors,
    }


def _run_worker(backend: str, catalogue: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "tools.bench.kb", "--worker", backend, catalogue]
    command += ["--passes", str(args.passes), "--size", str(args.size)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"worker {backend}/{catalogue} failed:\n{completed.stderr[-3000:]}")
    return dict(json.loads(completed.stdout.splitlines()[-1]))


def _ms(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {
        "n": len(ms),
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def report(results: list[dict[str, Any]], size: int, postgres: bool) -> bool:
    """Print the tables; True when no query raised."""
    print(describe())
    if not postgres:
        print(f"PostgreSQL: not measured ({POSTGRES_ENV} is not set; `make bench-kb` sets it).")
    print(
        f"Catalogues: demo, and generated ({size:,} provisions, seed {SEED}). Queries: "
        f"{QUERIES_FILE.name}, each plain, with a district, and with domains + district."
    )
    print()
    print(
        "| database | catalogue | provisions | distinct words | import s | refresh s | "
        "RSS MB (peak) | n | p50 ms | p95 ms | p99 ms | max ms | p99 target |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        every = [t for values in r["timings"].values() for t in values]
        s = _ms(every)
        target = TARGET_MS[r["catalogue"]]
        verdict = "PASS" if s["p99"] <= target else "FAIL"
        print(
            f"| {r['backend']} | {r['catalogue']} | {r['provisions']:,} | {r['words']:,} | "
            f"{r['import_s']:.2f} | {r['refresh_s']:.2f} | {r['rss_mb']:.0f} "
            f"({r['peak_mb']:.0f}) | {s['n']} | {s['p50']:.2f} | {s['p95']:.2f} | "
            f"{s['p99']:.2f} | {s['max']:.1f} | <= {target:.0f}: {verdict} |"
        )
    print()
    print("p50 / p99 ms by kind of question:")
    print()
    sections = list(results[0]["timings"]) if results else []
    print("| database | catalogue | " + " | ".join(sections) + " |")
    print("|---|---|" + "---|" * len(sections))
    for r in results:
        cells = []
        for section in sections:
            s = _ms(r["timings"].get(section, [0.0]))
            cells.append(f"{s['p50']:.2f} / {s['p99']:.2f}")
        print(f"| {r['backend']} | {r['catalogue']} | " + " | ".join(cells) + " |")
    failed = [(r, q, e) for r in results for q, e in r["errors"].items()]
    print()
    if failed:
        print(f"ERRORS: {len(failed)} quer(ies) raised:")
        for r, query, error in failed:
            print(f"  [{r['backend']}/{r['catalogue']}] {query!r}: {error}")
    else:
        print("No query raised (hostile ones included).")
    return not failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--size", type=int, default=GENERATED_SIZE, help="generated provisions")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile", nargs=2, metavar=("DATABASE", "CATALOGUE"), help="cProfile one pair"
    )
    args = parser.parse_args()
    postgres_url = os.environ.get(POSTGRES_ENV) or None
    if args.worker or args.profile:
        backend, catalogue = args.worker or args.profile
        result = worker(
            backend,
            catalogue,
            passes=args.passes,
            size=args.size,
            postgres_url=postgres_url,
            profile=bool(args.profile),
        )
        print(json.dumps(result) if args.worker else json.dumps(result["errors"]))
        return
    results = []
    for backend in ("sqlite", "postgres") if postgres_url else ("sqlite",):
        for catalogue in ("demo", "generated"):
            print(f"... {backend} / {catalogue}", file=sys.stderr, flush=True)
            results.append(_run_worker(backend, catalogue, args))
    ok = report(results, args.size, postgres=bool(postgres_url))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
