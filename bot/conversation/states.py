"""The explicit states of a conversation, so a short answer is read in context."""

from enum import StrEnum


class State(StrEnum):
    # No question of ours is open: the next message is a new question.
    IDLE = "idle"
    # We asked for a postcode or district, to show local help or find the right team.
    AWAITING_DISTRICT = "awaiting_district"
