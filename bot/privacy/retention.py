"""How long what residents tell us is kept, and the purge that deletes it afterwards.

The AVG (GDPR) asks that personal data is kept no longer than its purpose needs; this
module is that rule in code, with the periods from settings (``docs/privacy.md`` is the
same rule for a municipality's privacy officer):

- A conversation is deleted for good, with its messages and volunteers' notes,
  ``retention_days`` after its last message (the resident's, the assistant's, a
  person's, or a status update of a referral). Never while a referral made from it is
  still open: a resident who chose to hear back in the chat gets the updates there. A
  referral holds its own copy of the conversation, so deleting the chat takes nothing
  from the team.
- A referral ticket is the district team's record and stays; its copy of the
  conversation is erased ``ticket_transcript_days`` after the team closed it (counted
  from the last closing, if it was reopened). The erasure is written in its history.
- The log of who opened which transcript (the access log, an audit log) is kept apart,
  with no link to the conversations, for ``access_log_days``; it outlives the
  conversations it is about, and then goes too. A ticket's history stays with the ticket.

The purge works in batches, each its own unit of work: a large city has thousands of
conversations a day, and on SQLite residents' messages must get the write lock in
between. Several server processes may purge at once: on PostgreSQL each batch takes rows
no other process holds (``FOR UPDATE SKIP LOCKED``). Every time is the application's
clock, so tests move time instead of waiting for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, delete, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.models import Conversation, ConversationNote, Message, TranscriptView
from bot.platform.settings import Settings
from bot.privacy.deletion import delete_conversations
from handoff import Tickets, has_open_ticket

logger = logging.getLogger(__name__)

BATCH = 500
# Who the ticket history names for an erasure the retention period made.
SYSTEM = "VraagWijzer"


@dataclass(frozen=True)
class RetentionPolicy:
    """The periods, from settings (their names are the ``VRAAGWIJZER_*`` variables)."""

    retention_days: int = 30
    ticket_transcript_days: int = 365
    access_log_days: int = 730

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            retention_days=settings.retention_days,
            ticket_transcript_days=settings.ticket_transcript_days,
            access_log_days=settings.access_log_days,
        )


@dataclass(frozen=True)
class PurgeReport:
    """What a purge deleted (or, in a dry run, would delete): counts only, nothing personal."""

    conversations: int = 0
    messages: int = 0
    notes: int = 0
    ticket_transcripts: int = 0
    access_log_entries: int = 0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self) if f.name != "dry_run")

    def lines(self) -> list[str]:
        deleted, erased = ("to delete", "to erase") if self.dry_run else ("deleted", "erased")
        return [
            f"conversations {deleted}: {self.conversations} "
            f"({self.messages} messages, {self.notes} notes)",
            f"ticket transcripts {erased}: {self.ticket_transcripts}",
            f"access log entries {deleted}: {self.access_log_entries}",
        ]


class Retention:
    """Applies a ``RetentionPolicy``: ``purge()`` deletes what has passed its period."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        tickets: Tickets,
        policy: RetentionPolicy,
        clock: Clock,
        *,
        batch_size: int = BATCH,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._sessions = sessions
        self._tickets = tickets
        self.policy = policy
        self._clock = clock
        self._batch = batch_size

    def purge(self, *, dry_run: bool = False) -> PurgeReport:
        """Delete every conversation, ticket transcript and access log entry past its
        period, batch by batch; with ``dry_run`` only count them."""
        now = self._clock()
        conversations_before = now - timedelta(days=self.policy.retention_days)
        transcripts_before = now - timedelta(days=self.policy.ticket_transcript_days)
        access_before = now - timedelta(days=self.policy.access_log_days)
        if dry_run:
            return self._count(conversations_before, transcripts_before, access_before)
        conversations, messages, notes = self._purge_conversations(conversations_before)
        report = PurgeReport(
            conversations=conversations,
            messages=messages,
            notes=notes,
            ticket_transcripts=self._erase_transcripts(transcripts_before),
            access_log_entries=self._purge_access_log(access_before),
        )
        if report.total:
            logger.info("retention purge: %s", "; ".join(report.lines()))
        return report

    # -- conversations ----------------------------------------------------------------

    def _purge_conversations(self, before: datetime) -> tuple[int, int, int]:
        conversations = messages = notes = 0
        while True:
            with unit_of_work(self._sessions) as session:
                ids = list(
                    session.scalars(
                        select(Conversation.id)
                        .where(_conversation_due(before))
                        .order_by(Conversation.last_activity_at)
                        .limit(self._batch)
                        .with_for_update(skip_locked=True)
                    )
                )
                if not ids:
                    break
                deleted = delete_conversations(session, ids)
            conversations += deleted.conversations
            messages += deleted.messages
            notes += deleted.notes
            if len(ids) < self._batch:
                break
        return conversations, messages, notes

    # -- tickets' copies of the conversation ------------------------------------------

    def _erase_transcripts(self, before: datetime) -> int:
        erased = 0
        while True:
            with unit_of_work(self._sessions) as session:
                looked_at, done = self._tickets.erase_transcripts(
                    session, closed_before=before, limit=self._batch, by=SYSTEM
                )
            erased += done
            if looked_at < self._batch:
                return erased

    # -- the access log ---------------------------------------------------------------

    def _purge_access_log(self, before: datetime) -> int:
        deleted = 0
        while True:
            with unit_of_work(self._sessions) as session:
                oldest = (
                    select(TranscriptView.id)
                    .where(TranscriptView.viewed_at < before)
                    .order_by(TranscriptView.id)
                    .limit(self._batch)
                )
                ids = list(session.scalars(oldest))
                if ids:
                    deleted += _deleted(
                        session, delete(TranscriptView).where(TranscriptView.id.in_(ids))
                    )
            if len(ids) < self._batch:
                return deleted

    # -- a dry run --------------------------------------------------------------------

    def _count(
        self, conversations_before: datetime, transcripts_before: datetime, access_before: datetime
    ) -> PurgeReport:
        due = select(Conversation.id).where(_conversation_due(conversations_before))
        with self._sessions() as session:
            conversations = _count(session, due.subquery())
            messages = _count(
                session, select(Message.id).where(Message.conversation_id.in_(due)).subquery()
            )
            notes = _count(
                session,
                select(ConversationNote.id)
                .where(ConversationNote.conversation_id.in_(due))
                .subquery(),
            )
            access = _count(
                session,
                select(TranscriptView.id)
                .where(TranscriptView.viewed_at < access_before)
                .subquery(),
            )
        return PurgeReport(
            conversations=conversations,
            messages=messages,
            notes=notes,
            ticket_transcripts=self._tickets.count_transcripts_to_erase(
                closed_before=transcripts_before
            ),
            access_log_entries=access,
            dry_run=True,
        )


def _conversation_due(before: datetime) -> ColumnElement[bool]:
    """Idle since ``before``: no message and no volunteer's note or take-over since then,
    and no referral from it still open."""
    recent_message = exists().where(
        Message.conversation_id == Conversation.id, Message.created_at >= before
    )
    recent_note = exists().where(
        ConversationNote.conversation_id == Conversation.id, ConversationNote.created_at >= before
    )
    open_ticket = has_open_ticket(Conversation.id)
    recently_taken = Conversation.held_since.is_not(None) & (Conversation.held_since >= before)
    return (
        (Conversation.last_activity_at < before)
        & ~recent_message
        & ~recent_note
        & ~recently_taken
        & ~open_ticket
    )


def _deleted(session: Session, statement: Executable) -> int:
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount or 0)


def _count(session: Session, rows: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(rows)) or 0)


async def purge_regularly(
    retention: Retention,
    *,
    interval_minutes: float,
    before: Callable[[], object] = lambda: None,
) -> None:
    """The server's purge: a first round at start-up, then one every ``interval_minutes``,
    for as long as the server runs. ``before`` runs first each round: the insights'
    daily roll-ups, made while the conversations they count are still there. A failure
    is logged and tried again next round: the loop never stops. It runs in a thread of
    its own, not one that answers residents."""
    while True:
        try:
            await asyncio.to_thread(before)
        except Exception:
            logger.exception("insights roll-up failed; trying again in %s min", interval_minutes)
        try:
            await asyncio.to_thread(retention.purge)
        except Exception:
            logger.exception("retention purge failed; trying again in %s min", interval_minutes)
        await asyncio.sleep(interval_minutes * 60)
