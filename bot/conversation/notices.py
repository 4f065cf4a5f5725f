"""Messages the resident did not ask for (a status change of their ticket), written in a
transaction that may be the caller's own.

A notice announces a change made elsewhere (the team's inbox, its case system). Written in
the transaction of that change, the two commit together or not at all (the outbox rule of
``bot/application.py``): a crash between them can neither lose a notice nor announce a
change that never happened. Live streams hear of it only once it has committed, since a
stream that reads before then finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from bot.conversation import store
from bot.conversation.errors import ConversationNotFound
from bot.conversation.messages import LoggedMessage, Reply
from bot.platform.events import EventBus
from bot.platform.i18n import Catalogs, Texts


def write(
    session: Session,
    catalogs: Catalogs,
    conversation_id: str,
    compose: Callable[[Texts], Sequence[Reply]],
    *,
    now: datetime,
) -> list[LoggedMessage]:
    """Store the notice in the conversation's language; nothing when it is gone."""
    try:
        conversation = store.get(session, conversation_id)
    except ConversationNotFound:
        return []
    texts = catalogs.get(conversation.locale)
    rows = [
        store.add_reply(session, conversation, r, now=now, reply_to=None) for r in compose(texts)
    ]
    session.flush()
    return [store.to_logged(m) for m in rows]


def publish_after_commit(
    session: Session, events: EventBus, conversation_id: str, messages: Sequence[LoggedMessage]
) -> None:
    """Tell live streams of ``messages`` once ``session``'s transaction commits (never, if
    it rolls back)."""
    if not messages:
        return

    def publish(_session: Session) -> None:
        for message in messages:
            events.publish(conversation_id, message.id)

    event.listen(session, "after_commit", publish, once=True)
