"""One resident message being answered: what the decision code is given.

The turn carries everything a decision needs, explicitly: the message (its text, or the
payload of the button pressed), what the NLU understood, the conversation's row (locked
by the engine for this turn, changed in place), and the session of the engine's unit of
work, so that what a decision writes (a referral ticket) goes into the same transaction
as the replies and the new state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.conversation.states import State
from bot.conversation.store import merged_state_data
from bot.platform.i18n import Catalogs, Texts
from bot.platform.models import Conversation
from nlu import Understanding


@dataclass
class Turn:
    """One resident message being answered; handlers change the conversation in place."""

    conversation: Conversation
    texts: Texts
    text: str
    payload: str | None
    understanding: Understanding | None
    catalogs: Catalogs
    at: datetime  # naive UTC, when the message is answered
    # The engine's unit of work: the turn's writes commit (or roll back) with its replies.
    session: Session
    # The resident's message in the log, and the label of the button pressed (if any).
    message_id: int | None = None
    pressed: str | None = None

    @property
    def state(self) -> State:
        return State(self.conversation.state)

    def set_state(self, state: State, **data: object) -> None:
        self.conversation.state = state.value
        self.conversation.state_data = merged_state_data(self.conversation, **data)

    def set_locale(self, locale: str) -> None:
        self.conversation.locale = locale
        self.texts = self.catalogs.get(locale)
