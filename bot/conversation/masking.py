"""A masked copy of each message, made once when it is stored, for the staff pages.

Volunteers read conversations with personal data masked (``bot.platform.masking``). Masked on
every view, a transcript cost as many maskings as it had messages, each in proportion to
what a resident chose to send: one resident could slow the server for everyone (issue
17). So every message row gets its masked text (``Message.masked_text``) and, when a
button's label holds personal data (the e-mail address of a "did you mean ...?"), its
masked labels (``parts["masked_labels"]``) as it is inserted, whichever code stores it
(the engine, a volunteer's take-over, the store): an ORM event on the row, so a new way to
store messages cannot forget it. Rows from before migration 0009 have none; they are
masked when read, until the retention purge takes them.

Staff pages read the log a page at a time (``store.transcript``), so a long conversation
is no slower to open than a short one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper

from bot.platform.masking import mask_personal_data
from bot.platform.models import Message

MASKED_LABELS = "masked_labels"


@event.listens_for(Message, "before_insert")
def _mask_when_stored(_mapper: Mapper[Message], _connection: Connection, message: Message) -> None:
    message.masked_text = mask_personal_data(message.text or "")
    parts = message.parts or {}
    labels = _labels(parts)
    masked = [mask_personal_data(label) for label in labels]
    if masked != labels:
        message.parts = {**parts, MASKED_LABELS: masked}


def _labels(parts: dict[str, Any]) -> list[str]:
    return [str(b.get("label", "")) for b in parts.get("buttons", ())]


def masked(message: Message) -> tuple[str, tuple[str, ...]]:
    """The message's text and button labels as staff without a need to know read them."""
    parts = message.parts or {}
    if message.masked_text is None:  # stored before masked copies were
        return mask_personal_data(message.text), tuple(map(mask_personal_data, _labels(parts)))
    return message.masked_text, tuple(parts.get(MASKED_LABELS) or _labels(parts))
