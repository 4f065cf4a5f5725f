"""Load test: 300 residents chatting at once for five minutes, against two server processes
on PostgreSQL behind one address, and against one process on SQLite.

Each simulated resident behaves like the chat widget (asyncio + httpx, one client of its
own): starts a conversation, follows its Server-Sent Events stream, sends the messages of
a script with pauses to read and type (cards, buttons, a language switch, a whole referral
to a district team), sometimes sends the same message again (a lost answer), checks the
conversation, and starts the next one, until the time is up.

"Two processes behind one address" is ``vraagwijzer serve --workers 2``: both processes
accept on one port and the kernel spreads the connections, so a resident's stream and its
messages often land on different processes; their replies reach the stream through
PostgreSQL LISTEN/NOTIFY. Every conversation is checked afterwards against the stored log:
each message stored once and answered, each stored message delivered once on the stream.

Reported: reply times (median, p95, p99, max), error rate, throughput, resident set size
of each server process (sampled every five seconds), and the machine.

    make bench-load       # both set-ups, 300 residents, 5 minutes each
    python -m tools.bench.load --residents 50 --minutes 1 --only sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text

from tools.bench.chat_api import (
    SCRIPTS,
    Outcome,
    Resident,
    Server,
    check,
    converse,
    percentile,
    prepare,
)
from tools.bench.machine import describe

TARGET_ERRORS = 0


@dataclass
class Memory:
    """Peak and last resident set size (MiB) of each server process."""

    peak: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)

    def sample(self, pids: list[int]) -> None:
        for pid in pids:
            rss = rss_mib(pid)
            if rss is not None:
                self.peak[pid] = max(self.peak.get(pid, 0.0), rss)
                self.last[pid] = rss


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def helper_process(pid: int) -> bool:
    """multiprocessing's resource tracker, which uvicorn's supervisor also starts."""
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True


class Servers(Server):
    """``vraagwijzer serve --workers N`` in its own process on a free port."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        super().__init__(env, log, "--workers", str(workers))
        self.workers = workers

    def pids(self) -> list[int]:
        """The processes that answer requests (the workers, or the one server)."""
        if self.workers == 1:
            return [self.process.pid]
        return [pid for pid in children(self.process.pid) if not helper_process(pid)]

    def started(self) -> bool:
        return len(self.pids()) >= self.workers


@dataclass
class Run:
    name: str
    residents: int
    elapsed: float
    conversations: int
    outcome: Outcome
    memory: Memory
    server_errors: list[str]
    streamed: int


async def resident(
    base: str,
    number: int,
    deadline: float,
    outcome: Outcome,
    rng: random.Random,
    think: float,
    counts: dict[str, int],
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        turn = 0
        while time.monotonic() < deadline:
            person = Resident(number, SCRIPTS[(number + turn) % len(SCRIPTS)])
            try:
                await converse(
                    http, person, outcome, think=think, retry_share=0.02, rng=rng, streams=True
                )
                outcome.errors.extend(await check(http, person, True))
            except httpx.HTTPError as exc:
                outcome.errors.append(f"resident {number}: {exc!r}")
            counts["conversations"] += 1
            counts["streamed"] += len(person.streamed)
            turn += 1


async def drive(
    base: str, residents: int, seconds: float, think: float, seed: int
) -> tuple[Outcome, float, dict[str, int]]:
    rng = random.Random(seed)
    outcome = Outcome()
    counts = {"conversations": 0, "streamed": 0}
    began = time.monotonic()
    deadline = began + seconds
    await asyncio.gather(
        *(resident(base, n, deadline, outcome, rng, think, counts) for n in range(residents))
    )
    return outcome, time.monotonic() - began, counts


def run(name: str, env: dict[str, str], workers: int, args: argparse.Namespace, log: Path) -> Run:
    servers = Servers(env, workers, log)
    memory = Memory()
    stop = threading.Event()
    try:
        servers.wait_ready()
        asyncio.run(drive(servers.base, 5, 5, 0.1, args.seed + 1))  # warm-up

        def watch() -> None:
            while not stop.is_set():
                memory.sample(servers.pids())
                stop.wait(5)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        outcome, elapsed, counts = asyncio.run(
            drive(servers.base, args.residents, args.minutes * 60, args.think, args.seed)
        )
        memory.sample(servers.pids())
    finally:
        stop.set()
        servers.stop()
    server_errors = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if "ERROR" in line or "Traceback" in line
    ]
    return Run(
        name,
        args.residents,
        elapsed,
        counts["conversations"],
        outcome,
        memory,
        server_errors,
        counts["streamed"],
    )


def postgres_env(data_dir: Path, base_url: str) -> dict[str, str]:
    from bot.platform.db import make_engine

    admin = make_engine(base_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS vw_load WITH (FORCE)"))
        connection.execute(text("CREATE DATABASE vw_load"))
    admin.dispose()
    env = prepare(data_dir)  # the NLU model, and the SQLite demo it leaves unused
    env["VRAAGWIJZER_DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/vw_load"
    exe = str(Path(sys.executable).parent / "vraagwijzer")
    for step in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run([exe, *step], env=env, check=True, capture_output=True, timeout=600)
    return env


def report(result: Run) -> None:
    outcome = result.outcome
    times = [t * 1000 for t in outcome.reply_times]
    sent = len(times) + outcome.retries
    print(f"### {result.name}")
    print()
    print(
        f"{result.residents} residents at once for {result.elapsed / 60:.1f} min: "
        f"{result.conversations} conversations, {len(times)} messages "
        f"(+{outcome.retries} sent again on purpose, +{outcome.resent_after_drop} after a "
        f"dropped connection), {len(times) / result.elapsed:.1f} messages/s, "
        f"{result.streamed} messages delivered on the streams."
    )
    print()
    if times:
        print("| reply time | median ms | p95 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|")
        print(
            f"| HTTP round trip | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | "
            f"{percentile(times, 99):.1f} | {max(times):.1f} |"
        )
        if outcome.server_times:
            server = [t * 1000 for t in outcome.server_times]
            print(
                f"| server time | {percentile(server, 50):.1f} | {percentile(server, 95):.1f} | "
                f"{percentile(server, 99):.1f} | {max(server):.1f} |"
            )
        print()
    rate = len(outcome.errors) / sent if sent else 1.0
    print(f"errors, lost or doubled messages: {len(outcome.errors)} (error rate {rate:.4%})")
    for problem in outcome.errors[:15]:
        print("  -", problem)
    for pid in sorted(result.memory.peak):
        print(
            f"server process {pid}: resident set size peak "
            f"{result.memory.peak[pid]:.0f} MiB, at the end {result.memory.last[pid]:.0f} MiB"
        )
    print(f"errors in the servers' log: {len(result.server_errors)}")
    for line in result.server_errors[:10]:
        print("  -", line[:300])
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument(
        "--think",
        type=float,
        default=12.0,
        help="mean seconds a resident reads the answer and types the next message",
    )
    parser.add_argument("--workers", type=int, default=2, help="processes on PostgreSQL")
    parser.add_argument("--only", choices=["postgres", "sqlite"])
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    postgres_url = os.environ.get("VRAAGWIJZER_BENCH_POSTGRES_URL")
    results: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="vraagwijzer-bench-load-") as tmp:
        if args.only != "sqlite":
            if not postgres_url:
                sys.exit("VRAAGWIJZER_BENCH_POSTGRES_URL is not set (make bench-load sets it)")
            data_dir = Path(tmp) / "postgres"
            data_dir.mkdir()
            env = postgres_env(data_dir, postgres_url)
            name = f"PostgreSQL, {args.workers} processes behind one address"
            results.append(run(name, env, args.workers, args, data_dir / "server.log"))
        if args.only != "postgres":
            data_dir = Path(tmp) / "sqlite"
            data_dir.mkdir()
            env = prepare(data_dir)
            results.append(run("SQLite, one process", env, 1, args, data_dir / "server.log"))
    print(describe())
    print()
    print(
        f"Each resident pauses {0.5 * args.think:.0f}-{1.5 * args.think:.0f} s between "
        f"messages to read and type (--think {args.think:g}); the load generator runs on the "
        "same machine."
    )
    print()
    for result in results:
        report(result)
    failed = [r.name for r in results if r.outcome.errors or r.server_errors]
    print(
        "target (no errors, nothing lost or doubled): "
        + ("met" if not failed else f"NOT met ({'; '.join(failed)})")
    )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
