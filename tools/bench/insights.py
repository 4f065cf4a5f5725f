"""Benchmark: the insights at scale (issue 16). A year of roll-ups at 5,000 conversations a
day (bot/demo/insights.py), then:

- the insights page (the console page through the ASGI app, signed in as the demo
  analyst, on SQLite): the default view (twelve months), by week, and one district;
  target: under 500 ms each;
- the roll-up of one day of 5,000 conversations (about 20,000 messages, with the
  understanding, cards and feedback a real day has), written straight into the database;
  target: under 5 s.

    make bench-insights        # or: python -m tools.bench.insights --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from bot.application import build_application
from bot.demo.insights import district_teams, seed_year
from bot.demo.seed import seed
from bot.insights.rollup import day_bounds
from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.models import Conversation, Message
from bot.platform.settings import Settings
from bot.web.app import create_app
from nlu.embedded import EmbeddedAnalyzer
from tests.bot.console_client import sign_in
from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
PER_DAY = 5000
TARGET_PAGE_MS = 500.0
TARGET_ROLLUP_S = 5.0
DOMAINS = ["money", "health", "housing", "social", "daily_living", "family", "work"]
QUESTIONS = [
    "waar kan ik de energietoeslag aanvragen",
    "ik zoek een maatje om mee te wandelen",
    "hulp bij mijn administratie",
    "wie kan mijn lamp ophangen",
]


def one_day(app, day: date, provisions: list[str], districts: list[str]) -> None:
    """PER_DAY conversations started on ``day``: a question, an answer with cards or
    without, sometimes feedback, sometimes a crisis; straight into the tables."""
    rng = random.Random(day.toordinal())
    start, _ = day_bounds(day)
    conversations, messages = [], []
    message_id = 10_000_000
    for i in range(PER_DAY):
        cid = f"bench{day.isoformat()}{i:06d}"
        at = start + timedelta(seconds=rng.randrange(86_000))
        conversations.append(
            {
                "id": cid,
                "channel": rng.choice(["web", "web", "web", "telegram"]),
                "channel_ref": None if i % 4 else f"chat{i}",
                "token_hash": None,
                "locale": "nl",
                "state": "idle",
                "state_data": {},
                "district_id": rng.choice([*districts, None]),
                "created_at": at,
                "last_activity_at": at,
            }
        )
        crisis = rng.random() < 0.02
        question = rng.choice(QUESTIONS)
        understanding = {
            "language": rng.choice(["nl"] * 9 + ["en"]),
            "domains": rng.sample(DOMAINS, rng.choice([1, 1, 2])),
            "route": "crisis" if crisis else rng.choice(["answer", "answer", "other"]),
            "crisis": "suicide" if crisis else None,
        }
        cards = [{"id": p} for p in rng.sample(provisions, rng.choice([0, 1, 2, 3]))]
        q_id, a_id = message_id, message_id + 1
        message_id += 4
        messages.append(_message(q_id, cid, "resident", question, at, understanding=understanding))
        parts = {"kind": "crisis" if crisis else "answer", "cards": cards}
        messages.append(_message(a_id, cid, "bot", "…", at, parts=parts, reply_to=q_id))
        if cards and rng.random() < 0.3:
            payload = rng.choice(["feedback:yes", "feedback:no"])
            messages.append(_message(q_id + 2, cid, "resident", "", at, payload=payload))
    with app.sessions.begin() as session:
        session.execute(insert(Conversation), conversations)
        for i in range(0, len(messages), 5000):
            session.execute(insert(Message), messages[i : i + 5000])


def _message(mid, cid, sender, text, at, *, understanding=None, parts=None, payload=None,
             reply_to=None):  # fmt: skip
    return {
        "id": mid,
        "conversation_id": cid,
        "sender": sender,
        "text": text,
        "payload": payload,
        "client_id": None,
        "reply_to_id": reply_to,
        "parts": parts or {},
        "understanding": understanding,
        "masked_text": text,
        "created_at": at,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        app = build_application(
            Settings(database_url=url, data_dir=folder, demo=True),  # type: ignore[call-arg]
            analyzer=EmbeddedAnalyzer.load(cache_dir=ROOT / "var" / "test-cache" / "nlu"),
        )
        try:
            logins = {x.username: x for x in seed(app, logins_file=folder / "logins.tsv")}
            districts = [d.id for d in app.directory.districts()]
            provisions = [p.id for p in app.catalogue.provisions()]
            today = app.clock().date()
            started = time.perf_counter()
            rows = seed_year(
                app.sessions,
                end=today - timedelta(days=1),
                districts=districts,
                teams=[t.id for t in app.directory.teams()],
                provisions=provisions,
                per_day=PER_DAY,
                team_of=district_teams(app.directory),
            )
            seeded = time.perf_counter() - started
            print(f"A year at {PER_DAY:,} conversations a day: {rows:,} roll-up rows "
                  f"(written in {seeded:.1f} s).\n")  # fmt: skip

            views = {
                "twelve months, per month": "/console/insights",
                "thirteen weeks, per week": "/console/insights?bucket=week",
                "a year per week": "/console/insights?bucket=week&from="
                + str(today - timedelta(days=364)),
                "one district, twelve months": f"/console/insights?district={districts[0]}",
            }  # fmt: skip
            print(f"Insights page (SQLite), target <= {TARGET_PAGE_MS:.0f} ms:\n")
            print("| view | best ms | median ms | max ms | target |")
            print("|---|---|---|---|---|")
            with TestClient(create_app(app)) as browser:
                sign_in(browser, "pieter", logins["pieter"].password)
                for name, path in views.items():
                    assert browser.get(path).status_code == 200  # warm up
                    times = []
                    for _ in range(args.runs):
                        t = time.perf_counter()
                        page = browser.get(path)
                        times.append((time.perf_counter() - t) * 1000)
                        assert page.status_code == 200
                    verdict = "PASS" if statistics.median(times) <= TARGET_PAGE_MS else "FAIL"
                    print(f"| {name} | {min(times):.0f} | {statistics.median(times):.0f} | "
                          f"{max(times):.0f} | {verdict} |")  # fmt: skip

            day = today - timedelta(days=400)  # outside the seeded year
            one_day(app, day, provisions, districts)
            times = []
            for _ in range(max(1, args.runs // 2)):
                t = time.perf_counter()
                counted = app.rollups.make(day)
                times.append(time.perf_counter() - t)
            assert counted == PER_DAY, counted
            verdict = "PASS" if max(times) <= TARGET_ROLLUP_S else "FAIL"
            print(f"\nRoll-up of one day of {PER_DAY:,} conversations (SQLite), target <= "
                  f"{TARGET_ROLLUP_S:.0f} s: best {min(times):.2f} s, max {max(times):.2f} s "
                  f"{verdict}")  # fmt: skip
        finally:
            app.close()
    print(f"\n(run at {datetime.now().isoformat(timespec='seconds')})")


if __name__ == "__main__":
    main()
