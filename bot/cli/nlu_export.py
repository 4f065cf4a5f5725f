"""Residents' questions for labelling: ``vraagwijzer nlu export-messages``.

Staff improve the understanding by labelling what residents really asked. The export
holds only what that needs: the question with personal data masked (``bot.platform.masking``) and
what the NLU understood of it. No conversation or message ids, no times, no channel, and
not in the order of the conversations: identical questions become one line with a count.
Only new questions are exported (messages that arrived while no question of ours was
open and no volunteer held the conversation): an answer to "what is your phone number?"
or "what may the team call you?", or to a volunteer's "hoe heet u?", is no question to
learn from, and a name is personal data that masking cannot recognise. Crisis messages
are left out too: they tell of someone's worst moment in their own words, more than
masking can hide, and the crisis layer learns from patterns, not from these.

The file is written readable by its owner only (mode 0600): it is residents' words.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation.messages import Sender
from bot.conversation.states import State
from bot.platform.masking import mask_personal_data
from bot.platform.models import Message


@dataclass
class _Question:
    understanding: dict[str, Any]
    count: int = field(default=0)


def export_messages(sessions: sessionmaker[Session], *, since: datetime, sink: IO[str]) -> int:
    """Write one JSON line per distinct question since then; returns how many lines."""
    questions: dict[str, _Question] = {}
    query = (
        select(Message.text, Message.understanding)
        .where(
            Message.sender == Sender.RESIDENT.value,
            Message.created_at >= since,
            Message.text != "",
            Message.understanding.is_not(None),
        )
        .execution_options(yield_per=500)
    )
    with sessions() as session:
        for text, understanding in session.execute(query):
            if not _is_new_question(understanding):
                continue
            masked = mask_personal_data(text)
            question = questions.setdefault(masked, _Question(understanding))
            question.count += 1
    ordered = sorted(questions.items(), key=lambda item: (item[1].understanding["route"], item[0]))
    for text, question in ordered:
        sink.write(json.dumps(_line(text, question), ensure_ascii=False) + "\n")
    return len(ordered)


def open_private(path: Path) -> IO[str]:
    """``path`` for writing, readable and writable by its owner only, also when it
    existed before with a wider mode."""
    descriptor = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        return os.fdopen(descriptor, "w", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


_NO_DETAILS_ASKED = frozenset({State.IDLE.value, State.CRISIS_CHECK.value})


def _is_new_question(understanding: object) -> bool:
    """Asked while no question of ours was open (or only "are you safe now?", whose
    answers are yes or no) and no volunteer held the conversation, and no crisis."""
    return (
        isinstance(understanding, dict)
        and understanding.get("state") in _NO_DETAILS_ASKED
        and understanding.get("act") not in ("affirm", "deny")
        and not understanding.get("held")
        and understanding.get("route") != "crisis"
        and not understanding.get("crisis")
    )


def _line(text: str, question: _Question) -> dict[str, Any]:
    u = question.understanding
    return {
        "text": text,
        "count": question.count,
        "language": u.get("language"),
        "route": u.get("route"),
        "domains": u.get("domains", []),
        "scores": u.get("scores", {}),
        "act": u.get("act"),
        "crisis": u.get("crisis"),
        # The kinds only: the values are the resident's details, their offsets those of
        # the unmasked text.
        "entities": sorted({e["kind"] for e in u.get("entities", []) if "kind" in e}),
    }
