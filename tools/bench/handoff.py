"""Benchmark: how long creating a referral takes, from the resident's "send" to the stored
ticket with its notification, on SQLite and (when given) PostgreSQL.

Times the conversation engine in-process, which is the server time without HTTP: the
final step of the handoff (consent given, details checked, "send" pressed) stores the
ticket, its history, the team's e-mail in the outbox, the replies and the conversation's
state in one transaction. Also times ``Tickets.create`` alone.

    make bench-handoff            # or: python -m tools.bench.handoff --referrals 200
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bot.application import Application, build_application
from bot.conversation.messages import Incoming
from bot.demo.seed import seed
from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.settings import Settings
from handoff import Consent, ContactMethod, NewTicket
from nlu.embedded import EmbeddedAnalyzer
from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 50.0
STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def application(url: str, data_dir: Path, analyzer: EmbeddedAnalyzer) -> Application:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = build_application(
        Settings(database_url=url, data_dir=data_dir, demo=True, smtp_host="127.0.0.1"),
        analyzer=analyzer,
    )
    seed(app, logins_file=None)
    return app


def send_times(app: Application, referrals: int) -> list[float]:
    times = []
    for i in range(referrals):
        conversation = app.conversations.start(channel="bench", locale="nl").conversation_id
        for step in (
            Incoming(text=STORY),
            Incoming(text="ja"),
            Incoming(payload="handoff:phone"),
            Incoming(text="06 12345678"),
            Incoming(payload="handoff:any"),
            Incoming(text="4121 AB"),
            Incoming(payload="handoff:skip"),
        ):
            app.conversations.receive(conversation, step)
        started = time.perf_counter()
        replies = app.conversations.receive(
            conversation, Incoming(payload="handoff:send", client_id=f"send-{i}")
        )
        times.append((time.perf_counter() - started) * 1000)
        assert replies[0].ticket is not None
    return times


def create_times(app: Application, tickets: int) -> list[float]:
    times = []
    for i in range(tickets):
        request = NewTicket(
            team_id="wt-lindenhof",
            conversation_id=f"bench-{i}",
            channel="bench",
            locale="nl",
            summary="Vraag in eigen woorden: " + STORY,
            contact_method=ContactMethod.PHONE,
            consent=Consent(text="akkoord", at=app.clock(), channel="bench", locale="nl"),
            domains=("money", "mental"),
            phone="06 12345678",
        )
        started = time.perf_counter()
        app.tickets.create(request, idempotency_key=f"bench-{i}")
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(name: str, times: list[float]) -> str:
    p99 = percentile(times, 99)
    verdict = "PASS" if p99 <= TARGET_MS else "FAIL"
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f}"
        f" | {p99:.1f} | {max(times):.1f} | {verdict} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, default=100)
    args = parser.parse_args()
    analyzer = EmbeddedAnalyzer.load(cache_dir=ROOT / "var" / "test-cache" / "nlu")
    backends = []
    with tempfile.TemporaryDirectory() as folder:
        backends.append(("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}"))
        postgres = os.environ.get("VRAAGWIJZER_BENCH_POSTGRES_URL")
        if postgres:
            backends.append(("PostgreSQL", postgres))
        print(describe())
        print(f"Target: creating a ticket p99 <= {TARGET_MS:.0f} ms server time.\n")
        print("| step | n | p50 ms | p95 ms | p99 ms | max ms | target |")
        print("|---|---|---|---|---|---|---|")
        for name, url in backends:
            app = application(url, Path(folder), analyzer)
            try:
                send_times(app, 5)  # warm up
                print(
                    row(
                        f"{name}: 'send' to stored ticket (engine)", send_times(app, args.referrals)
                    )
                )
                print(row(f"{name}: Tickets.create alone", create_times(app, args.referrals)))
            finally:
                app.close()
        if not postgres:
            print("\n(PostgreSQL not measured: VRAAGWIJZER_BENCH_POSTGRES_URL is not set.)")


if __name__ == "__main__":
    main()
