"""Benchmark: masking personal data in what residents send, and the volunteer's transcript
of the longest conversation a resident can make in a minute (issue 17).

A resident decides what is masked, so masking is timed on what would make it slow: each
input below is 10,000 characters, the longest message the chat API takes, and the time
is per message (best and median of ``--runs``). Target: under 50 ms each. The crisis check
(nlu.crisis.assess) reads every message whole, so it is timed on the same inputs; target:
under 300 ms each.

The transcript: a resident sends 28 messages of 10,000 characters (alternately
"1" * 10,000 and "a" * 9,999 + "@", within the rate limit of 30 a minute) through the
conversation engine, which answers each; then a volunteer opens the transcript (the
console page through the ASGI app, signed in as the demo volunteer, on SQLite). Target:
under a second; it took 18 to 21 s when the page masked every message on each view.

    make bench-masking        # or: python -m tools.bench.masking --runs 20
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from bot.application import build_application
from bot.conversation.messages import Incoming
from bot.demo.seed import seed
from bot.platform.db import make_engine
from bot.platform.masking import mask_personal_data
from bot.platform.migrate import upgrade
from bot.platform.settings import Settings
from bot.web.app import create_app
from nlu.embedded import EmbeddedAnalyzer
from tests.bot.console_client import sign_in
from tools.bench.machine import describe

ROOT = Path(__file__).resolve().parents[2]
LONGEST = 10_000
TARGET_MASK_MS = 50.0
TARGET_PAGE_MS = 1_000.0
TARGET_CRISIS_MS = 300.0
MESSAGES = 28


def _fill(unit: str) -> str:
    return (unit * (LONGEST // len(unit) + 1))[:LONGEST]


INPUTS = {
    "'1' * 10,000": "1" * LONGEST,
    "'a' * 9,999 + '@'": "a" * (LONGEST - 1) + "@",
    "digits and spaces ('12 34 ')": _fill("12 34 "),
    "many @ ('a@')": _fill("a@"),
    "numbers that almost are ('0 1 ')": _fill("0 1 "),
    "phone-like groups ('0612 345 ')": _fill("0612 345 "),
    "spaced e-mail parts ('a @ b . ')": _fill("a @ b . "),
    "IBAN-like groups ('NL91 ')": _fill("NL91 "),
    "BSN-like ('bsn 123 ')": _fill("bsn 123 "),
    "a number start in every group ('(0')": _fill("(0"),
    "dates and numbers ('12-03-2024 0')": _fill("12-03-2024 0"),
    "zero-width joined digits ('06\\u200d')": _fill("06\u200d"),
    "an ordinary story with contact details": _fill(
        "Ik heb schulden, bel me op 06 12345678 of mail fatima@example.nl, ik woon op "
        "4121 AB 7 en mijn IBAN is NL91 ABNA 0417 1643 00. "
    ),
}


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def masking_rows(runs: int) -> list[str]:
    rows = []
    for name, text in INPUTS.items():
        assert len(text) == LONGEST, name
        times = timed(lambda text=text: mask_personal_data(text), runs)
        verdict = "PASS" if max(times) <= TARGET_MASK_MS else "FAIL"
        rows.append(
            f"| {name} | {min(times):.1f} | {statistics.median(times):.1f} | "
            f"{max(times):.1f} | {verdict} |"
        )
    return rows


def crisis_rows(runs: int) -> list[str]:
    from nlu.crisis import assess

    assess("warm up")
    rows = []
    for name, text in INPUTS.items():
        times = timed(lambda text=text: assess(text), runs)
        verdict = "PASS" if max(times) <= TARGET_CRISIS_MS else "FAIL"
        rows.append(
            f"| {name} | {min(times):.1f} | {statistics.median(times):.1f} | "
            f"{max(times):.1f} | {verdict} |"
        )
    return rows


def transcript_times(folder: Path, runs: int) -> tuple[float, list[float]]:
    """How long the 28 messages took to send (engine, answers included), and each view."""
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
        conversation = app.conversations.start(channel="web", locale="nl").conversation_id
        started = time.perf_counter()
        for i in range(MESSAGES):
            text = "1" * LONGEST if i % 2 else "a" * (LONGEST - 1) + "@"
            app.conversations.receive(conversation, Incoming(text=text))
        sending = (time.perf_counter() - started) * 1000
        with TestClient(create_app(app)) as browser:
            sign_in(browser, "anna", logins["anna"].password)

            def view() -> None:
                page = browser.get(f"/console/conversations/{conversation}")
                assert page.status_code == 200, page.status_code

            view()  # warm up: templates, the first query
            return sending, timed(view, runs)
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(describe())
    print(f"Target: masking a message of {LONGEST:,} characters <= {TARGET_MASK_MS:.0f} ms.\n")
    print("| input (10,000 characters) | best ms | median ms | max ms | target |")
    print("|---|---|---|---|---|")
    for row in masking_rows(args.runs):
        print(row)
    print(f"\nCrisis check of a message of {LONGEST:,} characters, target <= "
          f"{TARGET_CRISIS_MS:.0f} ms:\n")  # fmt: skip
    print("| input (10,000 characters) | best ms | median ms | max ms | target |")
    print("|---|---|---|---|---|")
    for row in crisis_rows(args.runs):
        print(row)
    with tempfile.TemporaryDirectory() as folder:
        sending, views = transcript_times(Path(folder), args.runs)
    verdict = "PASS" if max(views) <= TARGET_PAGE_MS else "FAIL"
    print(
        f"\nTranscript of {MESSAGES} messages of {LONGEST:,} characters (SQLite), "
        f"target <= {TARGET_PAGE_MS:.0f} ms:\n"
    )
    print("| step | n | median ms | max ms | target |")
    print("|---|---|---|---|---|")
    print(f"| sending the {MESSAGES} messages (engine, answered) | 1 | {sending:.0f} | - | - |")
    print(
        f"| the volunteer opens the transcript | {len(views)} | "
        f"{statistics.median(views):.1f} | {max(views):.1f} | {verdict} |"
    )


if __name__ == "__main__":
    main()
