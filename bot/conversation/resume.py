"""Going on with a web conversation on another device: a short code, or a link by e-mail.

The widget keeps its conversation in the browser; on a phone after a library computer,
the resident would have to start again and lose the district team's chat answers. So the
resident asks for a code (``K7QM-4TXP-9RW2``: 12 symbols of Crockford's base 32, 60 bits)
and types it on the other device, or has a link with the code mailed to the address they
gave in a referral.

The code is a key to the whole conversation, so it is handled like a password:
- only its SHA-256 is stored (60 random bits cannot be guessed offline from it in the
  hour it lives, and the rate limit on wrong codes stops guessing online);
- it works once and until it expires; a new code replaces the old one;
- using it gives the new device a new token and the old token stops working, so a
  conversation is open on one device at a time (a shared computer keeps no access);
- the e-mail's text with the code is removed from the outbox once it is sent.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import store
from bot.conversation.errors import ConversationError
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.events import GONE, EventBus
from bot.platform.i18n import Catalogs
from bot.platform.models import Conversation
from bot.referrals.outbox import EMAIL, LOCAL_TIME, enqueue

# Crockford's base 32: no I, L, O or U, so what is read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP = 4
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


class InvalidResumeCode(ConversationError):
    """Wrong, used or expired: the resident is told the same for all three, so a guess
    learns nothing about which codes exist."""

    code: ClassVar[str] = "conversation.invalid_resume_code"


class NoEmailAddress(ConversationError):
    """The resident gave no e-mail address in this conversation to send a link to."""

    code: ClassVar[str] = "conversation.no_email_address"


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Resumed:
    conversation_id: str
    token: str
    locale: str


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalize(code: str) -> str | None:
    """The code as issued, from what a person typed: any case, spaces or dashes, and the
    letters Crockford reads as digits. None when it cannot be a code."""
    cleaned = "".join(ch for ch in code.upper() if ch not in " -\t").translate(_MISREAD)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def masked_address(address: str) -> str:
    """``j***@example.nl``: enough for the resident to recognise it, not to read it."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class ResumeCodes:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        clock: Clock,
        lifetime: timedelta,
        expiry: timedelta,
        catalogs: Catalogs,
        events: EventBus,
        link: str,
    ) -> None:
        self._events = events
        self._sessions = sessions
        self._clock = clock
        self._lifetime = lifetime
        self._expiry = expiry
        self._catalogs = catalogs
        # The page with the widget; the code goes after "#", which browsers never send
        # to a server, so it stays out of every access log on the way.
        self._link = link

    def issue(self, conversation_id: str, token: str | None) -> IssuedCode:
        """A new code for the conversation (the token proves it is the resident's); any
        earlier code stops working."""
        with unit_of_work(self._sessions) as session:
            return self._issue(session, conversation_id, token)

    def send_link(self, conversation_id: str, token: str | None, *, address: str) -> IssuedCode:
        """A new code, mailed as a link to ``address`` (one the resident gave in this
        conversation: the caller looks it up). The e-mail is queued in the same
        transaction as the code, so a code is never made without its mail."""
        with unit_of_work(self._sessions) as session:
            issued = self._issue(session, conversation_id, token)
            locale = session.get_one(Conversation, conversation_id).locale
            texts = self._catalogs.get(locale)
            until = issued.expires_at.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
            link = f"{self._link}#vw-code={issued.code.replace('-', '')}"
            body = texts.gettext(
                "You asked for a link to go on with your chat on another device.\n\n"
                "Open this link on that device:\n%(link)s\n\n"
                "Or type this code in the chat: %(code)s\n\n"
                "The link and the code work once, until %(time)s on %(day)s.\n"
                "Did you not ask for this? Then you do not need to do anything.",
                link=link,
                code=issued.code,
                time=texts.clock(until.time()),
                day=texts.short_date(until),
            )
            enqueue(
                session,
                kind=EMAIL,
                dedupe_key=f"resume:{hash_code(issued.code)}",
                payload={
                    "to": address,
                    "subject": texts.gettext("Go on with your chat"),
                    "body": body,
                    "erase_after_send": True,
                },
                now=self._clock(),
            )
            return issued

    def _issue(self, session: Session, conversation_id: str, token: str | None) -> IssuedCode:
        now = self._clock()
        conversation = store.get_live(
            session, conversation_id, now=now, expiry=self._expiry, for_update=True
        )
        store.check_token(conversation, token)
        code = new_code()
        conversation.resume_code_hash = hash_code(code)
        conversation.resume_code_expires_at = now + self._lifetime
        session.flush()
        return IssuedCode(code=code, expires_at=now + self._lifetime)

    def redeem(self, code: str) -> Resumed:
        """The conversation for a code, with a new token; the code and the old token are
        spent. Raises InvalidResumeCode for a wrong, used or expired code."""
        canonical = normalize(code)
        if canonical is None:
            raise InvalidResumeCode("not a code")
        now = self._clock()
        token = store.new_token()
        with unit_of_work(self._sessions) as session:
            conversation = store.by_resume_code(session, hash_code(canonical))
            if (
                conversation is None
                or conversation.resume_code_expires_at is None
                or conversation.resume_code_expires_at <= now
                or now - conversation.last_activity_at > self._expiry
            ):
                raise InvalidResumeCode("wrong, used or expired")
            if not store.spend_resume_code(session, conversation.id, hash_code(canonical), token):
                raise InvalidResumeCode("used just now")
            resumed = Resumed(conversation.id, token, conversation.locale)
        # Streams still open on the old device read again, find their token spent and end.
        self._events.publish(resumed.conversation_id, GONE)
        return resumed
