"""The explicit states of a conversation, so a short answer is read in context."""

from enum import StrEnum


class State(StrEnum):
    # No question of ours is open: the next message is a new question.
    IDLE = "idle"
    # After a crisis reply we asked "are you safe right now?".
    CRISIS_CHECK = "crisis_check"
    # We asked for a postcode or district, to show local help or find the right team.
    AWAITING_DISTRICT = "awaiting_district"
    # The warm handoff, one open question at a time (see handoff_flow.py).
    HANDOFF_CONSENT = "handoff_consent"
    HANDOFF_CONTACT = "handoff_contact"
    HANDOFF_PHONE = "handoff_phone"
    HANDOFF_EMAIL = "handoff_email"
    HANDOFF_WHEN = "handoff_when"
    HANDOFF_POSTCODE = "handoff_postcode"
    HANDOFF_NAME = "handoff_name"
    HANDOFF_CONFIRM = "handoff_confirm"


# The steps of the warm handoff: every state whose value starts with "handoff".
HANDOFF_STATES = frozenset(
    {
        State.HANDOFF_CONSENT,
        State.HANDOFF_CONTACT,
        State.HANDOFF_PHONE,
        State.HANDOFF_EMAIL,
        State.HANDOFF_WHEN,
        State.HANDOFF_POSTCODE,
        State.HANDOFF_NAME,
        State.HANDOFF_CONFIRM,
    }
)
_HANDOFF_STATE_VALUES = frozenset(s.value for s in HANDOFF_STATES)


def is_handoff_state(state: str) -> bool:
    """Is a conversation in this state (a ``State`` or its stored value) in the handoff?
    The one test for it: not ``state.startswith("handoff")``."""
    return state in _HANDOFF_STATE_VALUES
