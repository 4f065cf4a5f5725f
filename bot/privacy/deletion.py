"""Deleting conversations for good: the one place that knows which rows belong to a
conversation and in what order they go.

Two paths use it: the resident who asks to be forgotten (one conversation, at once) and
the retention purge (batches of conversations past their period). What belongs to a
conversation is its messages, the volunteers' notes on it and the conversation itself.
A referral ticket made from it is the district team's record and stays (the handoff
package keeps its own copy of what the resident agreed to share); the access log has no
link to conversations and outlives them on purpose.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, delete, update
from sqlalchemy.orm import Session

from bot.platform.models import Conversation, ConversationNote, Message


@dataclass(frozen=True)
class Deleted:
    """How many rows went: counts only, nothing personal."""

    conversations: int = 0
    messages: int = 0
    notes: int = 0


def delete_conversations(session: Session, conversation_ids: Collection[str]) -> Deleted:
    """Delete these conversations with everything that belongs to them, in the caller's
    unit of work. Ids of conversations that are already gone count as nothing."""
    if not conversation_ids:
        return Deleted()
    ids = list(conversation_ids)
    # Replies point at the messages they answer: drop those links first, so no database
    # has to order the deletes within one statement.
    session.execute(
        update(Message)
        .where(Message.conversation_id.in_(ids), Message.reply_to_id.is_not(None))
        .values(reply_to_id=None)
    )
    messages = _deleted(session, delete(Message).where(Message.conversation_id.in_(ids)))
    notes = _deleted(
        session, delete(ConversationNote).where(ConversationNote.conversation_id.in_(ids))
    )
    conversations = _deleted(session, delete(Conversation).where(Conversation.id.in_(ids)))
    return Deleted(conversations=conversations, messages=messages, notes=notes)


def _deleted(session: Session, statement: Executable) -> int:
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount or 0)
