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
