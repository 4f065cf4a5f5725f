"""Conversations written as data (tests/bot/conversation/dialogs/*.yaml), run through the engine.

Each file is a list of dialogs; each dialog a list of turns with what the replies to that
turn must and must not show. Writing a new case needs no Python: add it to a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.conversation.messages import Incoming, Kind, LoggedMessage

DIALOGS = Path(__file__).parent / "dialogs"
CHECKS = frozenset(
    {
        "say",
        "press",
        "kind",
        "contains",
        "not_contains",
        "cards_of",
        "first_card_of",
        "no_cards",
        "max_cards",
        "no_referral_offer",
        "buttons",
    }
)
# The strongest kind among a turn's replies, as ../shared/tools/score_conversations.py
# reads a reply.
STRENGTH = (
    Kind.CRISIS,
    Kind.REFERRAL_OFFER,
    Kind.ANSWER,
    Kind.CLARIFY,
    Kind.OUT_OF_SCOPE,
    Kind.SMALLTALK,
)


def _load() -> list[Any]:
    cases = []
    for path in sorted(DIALOGS.glob("*.yaml")):
        for dialog in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(dialog, id=f"{path.stem}: {dialog['name']}"))
    return cases


def reply_kind(replies: Sequence[LoggedMessage]) -> str | None:
    kinds = {r.kind for r in replies}
    return next((k.value for k in STRENGTH if k in kinds), None)


def visible(replies: Sequence[LoggedMessage]) -> str:
    parts = [r.text for r in replies]
    parts += [c.name for r in replies for c in r.cards]
    return " ".join(parts).lower()


def check_turn(turn: dict[str, Any], replies: Sequence[LoggedMessage]) -> list[str]:
    """What is wrong with the replies to one turn (nothing: they pass)."""
    unknown = set(turn) - CHECKS
    assert not unknown, f"unknown checks {sorted(unknown)}"
    problems = []
    text = visible(replies)
    cards = [c for r in replies for c in r.cards]
    if "kind" in turn:
        wanted = turn["kind"] if isinstance(turn["kind"], list) else [turn["kind"]]
        if reply_kind(replies) not in wanted:
            problems.append(f"kind {reply_kind(replies)}, want {'/'.join(wanted)}")
    for fragment in turn.get("contains", []):
        if fragment.lower() not in text:
            problems.append(f"does not contain {fragment!r}")
    for fragment in turn.get("not_contains", []):
        if fragment.lower() in text:
            problems.append(f"contains {fragment!r}")
    if "cards_of" in turn and not any(set(turn["cards_of"]) & set(c.service_types) for c in cards):
        problems.append(f"no card of {turn['cards_of']}: {[c.id for c in cards]}")
    if "first_card_of" in turn and not (
        cards and set(turn["first_card_of"]) & set(cards[0].service_types)
    ):
        problems.append(f"first card not of {turn['first_card_of']}: {[c.id for c in cards]}")
    if turn.get("no_cards") and cards:
        problems.append(f"cards shown: {[c.id for c in cards]}")
    if "max_cards" in turn and len(cards) > turn["max_cards"]:
        problems.append(f"{len(cards)} cards, at most {turn['max_cards']}")
    if turn.get("no_referral_offer") and any(r.kind is Kind.REFERRAL_OFFER for r in replies):
        problems.append("offers a referral")
    offered = {b.payload for r in replies for b in r.buttons}
    for payload in turn.get("buttons", []):
        if payload not in offered:
            problems.append(f"no button {payload!r} (has {sorted(offered)})")
    return problems


@pytest.mark.parametrize("dialog", _load())
def test_dialog_file(app, dialog: dict[str, Any]) -> None:
    started = app.conversations.start(channel="test", locale=dialog.get("locale", "nl"))
    for number, turn in enumerate(dialog["turns"], 1):
        incoming = (
            Incoming(payload=turn["press"]) if "press" in turn else Incoming(text=turn["say"])
        )
        replies = app.conversations.receive(started.conversation_id, incoming)
        assert replies, f"turn {number}: no reply"
        problems = check_turn(turn, replies)
        assert not problems, (
            f"turn {number} ({turn.get('say') or turn.get('press')!r}): {problems}; "
            f"replies: {[(r.kind, r.text, [c.id for c in r.cards]) for r in replies]}"
        )


def test_a_check_that_does_not_hold_fails() -> None:
    """The checks can fail: a reply without the asked-for words or cards is caught."""
    reply = LoggedMessage.from_parts(
        id=1,
        conversation_id="c",
        sender="bot",
        text="Hallo",
        created_at=datetime(2026, 1, 1),
        parts={"kind": "smalltalk"},
    )
    problems = check_turn(
        {"kind": "answer", "contains": ["kost"], "cards_of": ["voedselbank"]}, [reply]
    )
    assert len(problems) == 3
