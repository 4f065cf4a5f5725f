"""Button payloads: the one place that builds and reads them.

A payload is what a pressed button sends back: ``kind:value`` ("handoff:yes", "lang:en",
"show:<provision id>"), or a bare kind for the commands a channel sends on the resident's
behalf ("restart", "stop", "status", "location"). The wire strings are stored with every
message and button, sent as Telegram callback data, read by the web widget and by the
evaluation tools, so they never change: ``Payload.wire`` gives exactly the string that
was always sent, and ``Payload.parse`` reads it back the way ``str.partition(":")`` did.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PayloadKind(StrEnum):
    # "ask:team", "ask:person", "ask:melding", "ask:district".
    ASK = "ask"
    # The answer to "are you safe right now?": "crisis:safe", "crisis:unsafe".
    CRISIS = "crisis"
    # A district chosen from a list: "district:<district id>".
    DISTRICT = "district"
    # "feedback:yes", "feedback:no" under an answer.
    FEEDBACK = "feedback"
    # Telegram's own question before forgetting a chat: "forget:yes", "forget:no".
    FORGET = "forget"
    # A step of the warm handoff: "handoff:yes", "handoff:phone", "handoff:email=<address>".
    HANDOFF = "handoff"
    # Switch the conversation's language: "lang:<locale>".
    LANG = "lang"
    # A location shared on a map (Telegram).
    LOCATION = "location"
    # Start a new conversation.
    RESTART = "restart"
    # Show one provision: "show:<provision id>".
    SHOW = "show"
    # How is my referral doing?
    STATUS = "status"
    # Stop whatever question is open and say goodbye.
    STOP = "stop"


# Kinds sent without a value, and without a colon.
BARE_KINDS = frozenset(
    {PayloadKind.LOCATION, PayloadKind.RESTART, PayloadKind.STATUS, PayloadKind.STOP}
)
_SEPARATOR = ":"


@dataclass(frozen=True)
class Payload:
    kind: PayloadKind
    value: str = ""

    @property
    def wire(self) -> str:
        """The string sent and stored: ``kind:value``, or the bare kind."""
        if self.kind in BARE_KINDS and not self.value:
            return self.kind.value
        return f"{self.kind.value}{_SEPARATOR}{self.value}"

    def __str__(self) -> str:
        return self.wire

    @classmethod
    def parse(cls, text: object) -> Payload | None:
        """The payload a wire string stands for; None for no payload or one this product
        never sends (an unknown kind, or a kind that needs a value sent without a colon).
        Never raises. The value is everything after the first colon, as sent."""
        if not isinstance(text, str) or not text:
            return None
        name, separator, value = text.partition(_SEPARATOR)
        try:
            kind = PayloadKind(name)
        except ValueError:
            return None
        if not separator and kind not in BARE_KINDS:
            return None
        return cls(kind, value)


# -- builders for the payloads with a value of their own -----------------------------------


def lang(locale: str) -> Payload:
    return Payload(PayloadKind.LANG, locale)


def show(provision_id: str) -> Payload:
    return Payload(PayloadKind.SHOW, provision_id)


def district(district_id: str) -> Payload:
    return Payload(PayloadKind.DISTRICT, district_id)


def handoff(value: str) -> Payload:
    return Payload(PayloadKind.HANDOFF, value)


# The handoff's e-mail step offers the typed address and a corrected one as buttons.
HANDOFF_EMAIL_PREFIX = "email="


def handoff_email(address: str) -> Payload:
    return handoff(f"{HANDOFF_EMAIL_PREFIX}{address}")


# -- the fixed payloads -------------------------------------------------------------------

ASK_TEAM = Payload(PayloadKind.ASK, "team")
ASK_PERSON = Payload(PayloadKind.ASK, "person")
ASK_MELDING = Payload(PayloadKind.ASK, "melding")
ASK_DISTRICT = Payload(PayloadKind.ASK, "district")

CRISIS_SAFE = Payload(PayloadKind.CRISIS, "safe")
CRISIS_UNSAFE = Payload(PayloadKind.CRISIS, "unsafe")

FEEDBACK_YES = Payload(PayloadKind.FEEDBACK, "yes")
FEEDBACK_NO = Payload(PayloadKind.FEEDBACK, "no")

FORGET_YES = Payload(PayloadKind.FORGET, "yes")
FORGET_NO = Payload(PayloadKind.FORGET, "no")

HANDOFF_YES = handoff("yes")
HANDOFF_NO = handoff("no")
HANDOFF_PHONE = handoff("phone")
HANDOFF_EMAIL = handoff("email")
HANDOFF_CHAT = handoff("chat")
HANDOFF_VISIT = handoff("visit")
HANDOFF_STOP = handoff("stop")
HANDOFF_MORNING = handoff("morning")
HANDOFF_AFTERNOON = handoff("afternoon")
HANDOFF_EVENING = handoff("evening")
HANDOFF_ANY = handoff("any")
HANDOFF_UNKNOWN = handoff("unknown")
HANDOFF_SKIP = handoff("skip")
HANDOFF_SEND = handoff("send")
HANDOFF_CHANGE = handoff("change")
HANDOFF_CHANGE_CONTACT = handoff("change-contact")
HANDOFF_CHANGE_POSTCODE = handoff("change-postcode")
HANDOFF_CHANGE_NAME = handoff("change-name")

LOCATION = Payload(PayloadKind.LOCATION)
RESTART = Payload(PayloadKind.RESTART)
STATUS = Payload(PayloadKind.STATUS)
STOP = Payload(PayloadKind.STOP)
