"""What volunteers watch: the conversations going on now, and which ones need a person.

Read straight from the conversation log (what the NLU understood is stored with each
resident message), so the overview needs no bookkeeping of its own and is the same in
every server process. Crisis comes first, then the other flags, then the most recent.
A volunteer's review ("Bekeken") clears the flags raised before it; what happens after it
raises them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import payloads
from bot.conversation.messages import Sender
from bot.conversation.states import is_handoff_state
from bot.platform.masking import mask_personal_data
from bot.platform.models import Conversation, Message

ACTIVE_WINDOW = timedelta(hours=2)
MAX_ROWS = 300
# The overview shows the start of the resident's last message, masked.
PREVIEW_CHARS = 120


@dataclass(frozen=True)
class LiveRow:
    id: str
    channel: str
    locale: str
    last_at: datetime
    domains: tuple[str, ...]
    route: str | None
    # crisis, not_understood, wants_person, negative_feedback, handoff, held
    flags: tuple[str, ...]
    crisis_since: datetime | None
    held_by: str | None
    # When the resident's last message has no answer yet: since when they wait.
    waiting_since: datetime | None
    reviewed: bool
    # The start of the resident's last message, with personal data masked.
    preview: str = ""
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None


@dataclass
class _Seen:
    route: str | None = None
    domains: tuple[str, ...] = ()
    # Every crisis message's time: one after a volunteer's review flags the row again.
    crises: list[datetime] = field(default_factory=list)
    shortfalls: int = 0
    # When each flag was last raised: a review after it clears it.
    lost_at: datetime | None = None
    last_sender: str | None = None
    last_resident_at: datetime | None = None
    wants_person_at: datetime | None = None
    unhappy_at: datetime | None = None
    # The resident's last words: masked (None: stored before masked copies were), plain.
    last_words: tuple[str | None, str] | None = None


def overview(sessions: sessionmaker[Session], now: datetime) -> list[LiveRow]:
    since = now - ACTIVE_WINDOW
    with sessions() as session:
        conversations = session.scalars(
            select(Conversation)
            .where(Conversation.last_activity_at >= since)
            .order_by(Conversation.last_activity_at.desc())
            .limit(MAX_ROWS)
        ).all()
        seen: dict[str, _Seen] = {c.id: _Seen() for c in conversations}
        if seen:
            messages = session.execute(
                select(
                    Message.conversation_id,
                    Message.sender,
                    Message.understanding,
                    Message.parts,
                    Message.payload,
                    Message.created_at,
                    Message.masked_text,
                    Message.text,
                )
                .where(Message.conversation_id.in_(list(seen)))
                .order_by(Message.id)
            )
            for row in messages:
                conversation_id, sender, understanding, parts, payload, at, masked, text = row
                follow = seen[conversation_id]
                _follow(follow, sender, understanding, parts, payload, at)
                if sender == Sender.RESIDENT.value and text:
                    follow.last_words = (masked, text)
        rows = [_row(c, seen[c.id]) for c in conversations]
    rows.sort(key=_priority)
    return rows


def _follow(
    seen: _Seen,
    sender: str,
    understanding: dict[str, Any] | None,
    parts: dict[str, Any] | None,
    payload: str | None,
    created_at: datetime,
) -> None:
    seen.last_sender = sender
    if sender == Sender.BOT.value:
        # Twice in a row "sorry, I do not understand": a person should look.
        seen.shortfalls = seen.shortfalls + 1 if (parts or {}).get("fell_short") else 0
        if seen.shortfalls >= 2:
            seen.lost_at = created_at
    if sender != Sender.RESIDENT.value:
        return
    seen.last_resident_at = created_at
    if payload == payloads.FEEDBACK_NO.wire:
        seen.unhappy_at = created_at
    if not understanding:
        return
    route = understanding.get("route")
    seen.route = route
    seen.domains = tuple(understanding.get("domains") or ())
    if route == "crisis":
        seen.crises.append(created_at)
    cues = understanding.get("cues") or {}
    if cues.get("asks_person"):
        # Asked for a person in so many words; a story the assistant refers on is not that.
        seen.wants_person_at = created_at


def _row(conversation: Conversation, seen: _Seen) -> LiveRow:
    reviewed = conversation.reviewed_at

    def unreviewed(at: datetime | None) -> bool:
        return at is not None and (reviewed is None or at > reviewed)

    # Waiting since the first crisis message nobody has reviewed yet.
    crisis_since = next((t for t in seen.crises if unreviewed(t)), None)
    flags = []
    if crisis_since is not None:
        flags.append("crisis")
    if seen.shortfalls >= 2 and unreviewed(seen.lost_at):
        flags.append("not_understood")
    if unreviewed(seen.wants_person_at):
        flags.append("wants_person")
    if unreviewed(seen.unhappy_at):
        flags.append("negative_feedback")
    if is_handoff_state(conversation.state):
        flags.append("handoff")
    if conversation.held_by_id is not None:
        flags.append("held")
    waiting = seen.last_resident_at if seen.last_sender == Sender.RESIDENT.value else None
    return LiveRow(
        id=conversation.id,
        channel=conversation.channel,
        locale=conversation.locale,
        last_at=conversation.last_activity_at,
        domains=seen.domains,
        route=seen.route,
        flags=tuple(flags),
        crisis_since=crisis_since,
        held_by=conversation.held_by_name,
        waiting_since=waiting,
        reviewed=conversation.reviewed_at is not None,
        preview=_preview(seen.last_words),
        reviewed_at=conversation.reviewed_at,
        reviewed_by=conversation.reviewed_by,
    )


def _preview(words: tuple[str | None, str] | None) -> str:
    if words is None:
        return ""
    masked, text = words
    shown = " ".join((masked if masked is not None else mask_personal_data(text)).split())
    if len(shown) <= PREVIEW_CHARS:
        return shown
    return shown[:PREVIEW_CHARS].rstrip() + "…"


def _priority(row: LiveRow) -> tuple[int, float]:
    if row.crisis_since is not None:
        return (0, row.crisis_since.timestamp())  # the longest waiting crisis first
    attention = {"not_understood", "wants_person", "negative_feedback"} & set(row.flags)
    return (1 if attention else 2, -row.last_at.timestamp())


def review(sessions: sessionmaker[Session], conversation_id: str) -> tuple[datetime, str] | None:
    """When the conversation was last marked as reviewed, and by whom."""
    with sessions() as session:
        row = session.execute(
            select(Conversation.reviewed_at, Conversation.reviewed_by).where(
                Conversation.id == conversation_id
            )
        ).first()
    if row is None or row[0] is None:
        return None
    return row[0], row[1] or ""
