"""Benchmark: how fast the chat API answers one message (SQLite, embedded NLU).

Runs the real server (``vraagwijzer serve``) in its own process on loopback and sends
messages one at a time over HTTP; also times the conversation engine in-process, which
is the server time without HTTP. Prints a table with the machine it ran on.

    make bench-chat            # or: python -m tests.bench.chat_api --messages 1000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.bench.machine import describe

MESSAGES = [
    "hallo",
    "is er een klussendienst in mijn wijk",
    "ik voel me eenzaam sinds mijn man overleden is",
    "waar kan ik terecht met schulden",
    "mijn moeder heeft dementie en ik kan het niet meer aan",
    "hoe vraag ik een scootmobiel aan",
    "I need help with my energy bill",
    "bedankt!",
    "de deurwaarder komt morgen en ik heb ook ruzie met de verhuurder, ik kom er niet uit",
    "is er een taalcafe waar ik nederlands kan oefenen",
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"| {name} | {len(ms)} | {statistics.median(ms):.2f} | {percentile(ms, 95):.2f} | "
        f"{percentile(ms, 99):.2f} | {max(ms):.2f} |"
    )


def bench_http(data_dir: Path, count: int) -> list[float]:
    env = {**os.environ, "VRAAGWIJZER_DEMO": "true", "VRAAGWIJZER_DATA_DIR": str(data_dir)}
    exe = str(Path(sys.executable).parent / "vraagwijzer")
    for step in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run([exe, *step], env=env, check=True, capture_output=True)
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=10) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if http.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start")
                time.sleep(0.2)
            timings = []
            conversation = http.post("/api/v1/conversations").json()
            headers = {"Authorization": f"Bearer {conversation['token']}"}
            url = f"/api/v1/conversations/{conversation['id']}/messages"
            for i in range(count + 20):
                if i % 25 == 0:
                    conversation = http.post("/api/v1/conversations").json()
                    headers = {"Authorization": f"Bearer {conversation['token']}"}
                    url = f"/api/v1/conversations/{conversation['id']}/messages"
                started = time.perf_counter()
                response = http.post(
                    url, json={"text": MESSAGES[i % len(MESSAGES)]}, headers=headers
                )
                elapsed = time.perf_counter() - started
                response.raise_for_status()
                if i >= 20:  # warm-up excluded
                    timings.append(elapsed)
            return timings
    finally:
        server.terminate()
        server.wait(10)


def bench_engine(data_dir: Path, count: int) -> list[float]:
    from bot.application import build_application
    from bot.conversation.messages import Incoming
    from bot.settings import Settings

    app = build_application(Settings(demo=True, data_dir=data_dir))  # type: ignore[call-arg]
    timings = []
    conversation = app.conversations.start(channel="bench")
    for i in range(count + 20):
        if i % 25 == 0:
            conversation = app.conversations.start(channel="bench")
        started = time.perf_counter()
        app.conversations.receive(
            conversation.conversation_id, Incoming(text=MESSAGES[i % len(MESSAGES)])
        )
        if i >= 20:
            timings.append(time.perf_counter() - started)
    app.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        http = bench_http(data_dir, args.messages)
        engine = bench_engine(data_dir, args.messages)
    print(describe())
    print()
    print("| measured | messages | median ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    print(row("HTTP round trip (server process, SQLite)", http))
    print(row("engine in-process (NLU + search + 2 commits)", engine))


if __name__ == "__main__":
    main()
