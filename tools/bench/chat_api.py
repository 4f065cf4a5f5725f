"""Benchmark: 100 residents chatting at once through the web chat API (SQLite).

Runs the real server (``vraagwijzer serve``) as a subprocess on a free loopback port with
a temporary data directory, and simulates residents the way the chat widget talks to it
(asyncio + httpx): each starts a conversation, follows its Server-Sent Events stream, and
sends its messages one after another with a short pause to read and type, each with a
``client_id``; some sends are retried with the same ``client_id`` (a lost answer). The
scripts include cards, buttons, the language switch and a whole referral to a district
team.

Measured: the reply time of each message (the POST round trip). Checked afterwards,
against the stored log: no errors, every message stored exactly once and answered, and
every stored message delivered exactly once on the stream. Also times the conversation
engine in-process (server time without HTTP). Prints a table with the machine it ran on.

    make bench-chat     # or: python -m tools.bench.chat_api --residents 100 --think 1.0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
NLU_CACHE = ROOT / "var" / "test-cache" / "nlu"
TARGET_P95_MS = 50.0

# What residents say: text, or ("payload", label) for a pressed button.
SCRIPTS: list[list[str | tuple[str, str]]] = [
    ["hallo", "ik zoek hulp bij mijn boodschappen", "is er een klussendienst in mijn wijk"],
    [
        "ik heb schulden en kom er niet uit",
        ("handoff:yes", "Ja, dat is goed"),
        ("handoff:chat", "Hier in de chat"),
        "4121 AB",
        ("handoff:skip", "Overslaan"),
        ("handoff:send", "Versturen"),
    ],
    [("lang:en", "English"), "I need help with my energy bill", "thank you"],
    ["ik voel me eenzaam sinds mijn man overleden is", "is er een taalcafe", "bedankt!"],
    [
        "mijn moeder heeft dementie en ik kan het niet meer aan",
        "hoe vraag ik een scootmobiel aan",
        "waar kan ik terecht met schulden",
    ],
]


@dataclass
class Resident:
    number: int
    script: list[str | tuple[str, str]]
    conversation: str = ""
    token: str = ""
    sent: list[str] = field(default_factory=list)  # client ids, in order
    streamed: list[int] = field(default_factory=list)
    stream_ready: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Outcome:
    reply_times: list[float] = field(default_factory=list)
    server_times: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    # Sends repeated (same client_id) after the connection dropped, as the widget does.
    resent_after_drop: int = 0


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 95):.1f} | "
        f"{percentile(ms, 99):.1f} | {max(ms):.1f} |"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "VRAAGWIJZER_DEMO": "true", "VRAAGWIJZER_DATA_DIR": str(data_dir)}
    env.pop("VRAAGWIJZER_DATABASE_URL", None)
    # Every simulated resident comes from 127.0.0.1: the per-address rate limits would
    # measure themselves, not the server. They are off here.
    for limit in ("MESSAGES_PER_CONVERSATION", "MESSAGES_PER_ADDRESS", "CONVERSATIONS_PER_ADDRESS"):
        env[f"VRAAGWIJZER_RATE_{limit}"] = "off"
    if NLU_CACHE.exists():  # the test suite's trained model, if there is one: no training
        shutil.copytree(NLU_CACHE, data_dir / "nlu")
    exe = str(Path(sys.executable).parent / "vraagwijzer")
    for step in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run([exe, *step], env=env, check=True, capture_output=True, timeout=600)
    return env


class Server:
    """``vraagwijzer serve`` in its own process on a free loopback port."""

    def __init__(self, env: dict[str, str], log: Path, *options: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        exe = str(Path(sys.executable).parent / "vraagwijzer")
        self.process = subprocess.Popen(
            [exe, "serve", "--host", "127.0.0.1", "--port", str(self.port), *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )

    def started(self) -> bool:
        """Whether it serves (a subclass may wait for more)."""
        return True

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.base, timeout=5) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError("the server stopped during start-up")
                try:
                    ready = http.get("/readyz").status_code == 200
                except httpx.TransportError:
                    ready = False
                if ready and self.started():
                    return
                time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


async def follow(http: httpx.AsyncClient, resident: Resident, outcome: Outcome) -> None:
    """Read the conversation's stream, as the widget does, noting each message id."""
    url = f"/api/v1/conversations/{resident.conversation}/stream"
    headers = {"Authorization": f"Bearer {resident.token}"}
    try:
        async with http.stream("GET", url, headers=headers, timeout=None) as response:
            response.raise_for_status()
            resident.stream_ready.set()
            async for line in response.aiter_lines():
                if line.startswith("data:"):
                    resident.streamed.append(json.loads(line[5:])["id"])
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        outcome.errors.append(f"stream of resident {resident.number}: {exc!r}")
        resident.stream_ready.set()


async def chat(base: str, resident: Resident, outcome: Outcome, **options: object) -> None:
    # Each resident is a browser of its own, with its own connections (one client for
    # all would also measure httpx's pool, which is slow with a hundred open streams).
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        await converse(http, resident, outcome, **options)  # type: ignore[arg-type]


async def converse(
    http: httpx.AsyncClient,
    resident: Resident,
    outcome: Outcome,
    *,
    think: float,
    retry_share: float,
    rng: random.Random,
    streams: bool,
) -> None:
    await asyncio.sleep(rng.uniform(0, think))  # residents do not all arrive at once
    started = await http.post("/api/v1/conversations")
    if started.status_code != 201:
        outcome.errors.append(f"start: {started.status_code} {started.text[:200]}")
        return
    body = started.json()
    resident.conversation, resident.token = body["id"], body["token"]
    stream = asyncio.create_task(follow(http, resident, outcome)) if streams else None
    if stream is not None:
        await resident.stream_ready.wait()
    headers = {"Authorization": f"Bearer {resident.token}"}
    url = f"/api/v1/conversations/{resident.conversation}/messages"
    try:
        for step in resident.script:
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
            client_id = uuid.uuid4().hex
            message = (
                {"payload": step[0], "client_id": client_id}
                if isinstance(step, tuple)
                else {"text": step, "client_id": client_id}
            )
            begin = time.perf_counter()
            response = await send_as_the_widget_does(http, url, message, headers, outcome)
            outcome.reply_times.append(time.perf_counter() - begin)
            timing = response.headers.get("server-timing", "")
            if "dur=" in timing:
                seconds = float(timing.rsplit("dur=", 1)[1]) / 1000
                outcome.server_times.append(seconds)
                label = step[0] if isinstance(step, tuple) else "text"
                outcome.by_kind.setdefault(label, []).append(seconds)
            resident.sent.append(client_id)
            if response.status_code != 200 or not response.json()["messages"]:
                outcome.errors.append(f"send: {response.status_code} {response.text[:200]}")
                continue
            if rng.random() < retry_share:  # the answer "got lost": the widget retries
                outcome.retries += 1
                again = await http.post(url, json=message, headers=headers)
                first = [m["id"] for m in response.json()["messages"]]
                if again.status_code != 200 or [m["id"] for m in again.json()["messages"]] != (
                    first
                ):
                    outcome.errors.append(f"retry answered differently: {again.text[:200]}")
        if stream is not None:
            await until_streamed(http, resident, headers)
    finally:
        if stream is not None:
            stream.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await stream


async def send_as_the_widget_does(
    http: httpx.AsyncClient,
    url: str,
    message: dict[str, str],
    headers: dict[str, str],
    outcome: Outcome,
) -> httpx.Response:
    """POST a message; when the connection drops before an answer, send it again with the
    same client_id (the widget does this: the server stores and answers it once)."""
    for attempt in range(3):
        try:
            return await http.post(url, json=message, headers=headers)
        except httpx.TransportError:
            if attempt == 2:
                raise
            outcome.resent_after_drop += 1
    raise AssertionError("unreachable")


async def until_streamed(
    http: httpx.AsyncClient, resident: Resident, headers: dict[str, str]
) -> None:
    log = await read_log(http, resident, headers)
    deadline = time.monotonic() + 10
    while log and log[-1]["id"] not in resident.streamed and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


async def read_log(
    http: httpx.AsyncClient, resident: Resident, headers: dict[str, str]
) -> list[dict[str, object]]:
    url = f"/api/v1/conversations/{resident.conversation}/messages"
    response = await http.get(url, headers=headers)
    response.raise_for_status()
    messages: list[dict[str, object]] = response.json()["messages"]
    return messages


async def check(http: httpx.AsyncClient, resident: Resident, streams: bool) -> list[str]:
    """Each message stored once, in order, answered; the stream delivered each once."""
    if not resident.conversation:
        return []
    headers = {"Authorization": f"Bearer {resident.token}"}
    log = await read_log(http, resident, headers)
    problems = []
    stored = [m["client_id"] for m in log if m["sender"] == "resident"]
    if stored != resident.sent:
        problems.append(f"resident {resident.number}: sent {resident.sent}, stored {stored}")
    senders = [m["sender"] for m in log]
    for i, sender in enumerate(senders):
        if sender == "resident" and (i + 1 == len(senders) or senders[i + 1] == "resident"):
            problems.append(f"resident {resident.number}: message {log[i]['id']} unanswered")
    if not streams:
        return problems
    twice = [i for i, n in Counter(resident.streamed).items() if n > 1]
    if twice:
        problems.append(f"resident {resident.number}: streamed twice: {twice}")
    missing = {m["id"] for m in log} - set(resident.streamed)
    if missing:
        problems.append(f"resident {resident.number}: never streamed: {sorted(missing)}")
    return problems


async def simulate(
    base: str, residents: int, think: float, retry_share: float, seed: int, streams: bool = True
) -> tuple[Outcome, float, list[Resident]]:
    rng = random.Random(seed)
    people = [Resident(i, SCRIPTS[i % len(SCRIPTS)]) for i in range(residents)]
    outcome = Outcome()
    began = time.perf_counter()
    await asyncio.gather(
        *(
            chat(base, r, outcome, think=think, retry_share=retry_share, rng=rng, streams=streams)
            for r in people
        )
    )
    elapsed = time.perf_counter() - began
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for resident in people:
            outcome.errors.extend(await check(http, resident, streams))
    return outcome, elapsed, people


def bench_engine(data_dir: Path, count: int) -> list[float]:
    from bot.application import build_application
    from bot.conversation.messages import Incoming
    from bot.platform.settings import Settings

    app = build_application(Settings(demo=True, data_dir=data_dir))  # type: ignore[call-arg]
    texts = [s for script in SCRIPTS for s in script if isinstance(s, str)]
    timings = []
    conversation = app.conversations.start(channel="bench")
    for i in range(count + 20):
        if i % 25 == 0:
            conversation = app.conversations.start(channel="bench")
        started = time.perf_counter()
        app.conversations.receive(
            conversation.conversation_id, Incoming(text=texts[i % len(texts)])
        )
        if i >= 20:
            timings.append(time.perf_counter() - started)
    app.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=100)
    parser.add_argument(
        "--think", type=float, default=4.0, help="mean seconds a resident reads and types"
    )
    parser.add_argument("--retry-share", type=float, default=0.05)
    parser.add_argument("--engine-messages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--no-streams", action="store_true", help="residents do not follow their SSE stream"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vraagwijzer-bench-chat-") as tmp:
        data_dir = Path(tmp)
        env = prepare(data_dir)
        server = Server(env, data_dir / "server.log")
        try:
            server.wait_ready()
            # Warm-up: the first requests load caches that residents should not pay for.
            asyncio.run(simulate(server.base, 5, 0.05, 0.0, args.seed + 1))
            outcome, elapsed, people = asyncio.run(
                simulate(
                    server.base,
                    args.residents,
                    args.think,
                    args.retry_share,
                    args.seed,
                    streams=not args.no_streams,
                )
            )
        finally:
            server.stop()
        server_errors = [
            line
            for line in (data_dir / "server.log").read_text(errors="replace").splitlines()
            if " ERROR " in line
        ]
        engine = bench_engine(data_dir, args.engine_messages)

    messages = len(outcome.reply_times)
    p95 = percentile(outcome.reply_times, 95) * 1000 if messages else float("nan")
    print(describe())
    print()
    print(
        f"{args.residents} residents at once, one `vraagwijzer serve` process, SQLite; "
        f"{messages} messages (+{outcome.retries} retried sends) in {elapsed:.1f} s "
        f"({messages / elapsed:.1f} messages/s), pause to read and type "
        f"{0.5 * args.think:.1f}-{1.5 * args.think:.1f} s"
        + ("." if args.no_streams else "; every resident follows its SSE stream.")
    )
    print()
    print("| measured | messages | median ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    if messages:
        name = f"reply time, HTTP round trip ({args.residents} residents at once)"
        print(row(name, outcome.reply_times))
        if outcome.server_times:
            print(row("of which server time (Server-Timing header)", outcome.server_times))
            for kind, values in sorted(outcome.by_kind.items()):
                print(row(f"server time: {kind}", values))
    print(row("engine in-process, one at a time (NLU + search + 2 commits)", engine))
    print()
    streamed = sum(len(p.streamed) for p in people)
    print(f"errors, lost or duplicated messages: {len(outcome.errors)}")
    print(f"messages delivered on the streams: {streamed}")
    for problem in outcome.errors[:20]:
        print("  -", problem)
    print(f"errors in the server's log: {len(server_errors)}")
    for line in server_errors[:10]:
        print("  -", line)
    failed = outcome.errors or server_errors
    verdict = "met" if not failed and p95 < TARGET_P95_MS else "NOT met"
    print(f"target (p95 < {TARGET_P95_MS:.0f} ms, no errors, nothing lost or doubled): {verdict}")


if __name__ == "__main__":
    main()
