"""Notifications that must not get lost: e-mails to district teams and calls to a case
system's webhook, through a transactional outbox.

A notification is written in the same transaction as the change it announces (a new
ticket is never committed without its e-mail, nor the other way round) and sent
afterwards by the server's outbox loop or ``vraagwijzer outbox send``. A mail server or
webhook that is down only delays it: each failure is recorded and retried later, with a
growing pause. Several server processes may send at once: on PostgreSQL each takes
different rows (``FOR UPDATE SKIP LOCKED``).

Nothing personal leaves this way to a team: the message names the reference, the urgency
and a link; the team reads the rest in the console (or through the API) after signing in.
A resident's own mail (a link to go on with their chat) goes to the address they gave,
and its text is erased from the outbox once it is sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.models import OutboxMessage
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)

EMAIL = "email"
WEBHOOK = "webhook"
BATCH = 50
SEND_TIMEOUT_SECONDS = 10.0
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
FIRST_RETRY = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=1)
SIGNATURE_HEADER = "X-VraagWijzer-Signature"


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Backlog:
    waiting: int
    failing: int  # waiting, and tried at least once
    oldest: datetime | None


def enqueue(
    session: Session, *, kind: str, dedupe_key: str, payload: dict[str, Any], now: datetime
) -> None:
    """Add a notification to the caller's transaction; the same key again is ignored."""
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return
    try:
        with session.begin_nested():
            session.add(
                OutboxMessage(
                    kind=kind,
                    dedupe_key=dedupe_key,
                    payload=payload,
                    created_at=now,
                    next_attempt_at=now,
                    attempts=0,
                )
            )
    except IntegrityError:
        # Stored by a concurrent retry of the same change.
        pass


def sign(secret: str, body: bytes) -> str:
    """The signature a receiver checks: HMAC-SHA256 of the exact body, hex."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Outbox:
    """Sends what is due, records what failed, and says how much is waiting."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: Settings,
        clock: Clock,
        *,
        http: httpx.Client | None = None,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._clock = clock
        # Made on the first webhook call: most municipalities have none, and a client loads
        # the system's certificates (20 ms) for every application built.
        self._http = http

    def deliver_due(self, *, limit: int = BATCH) -> DeliveryReport:
        now = self._clock()
        sent = failed = 0
        with self._sessions() as session, session.begin():
            due = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            for message in due:
                try:
                    self._send(message)
                except Exception as exc:
                    message.attempts += 1
                    message.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                    pause = min(FIRST_RETRY * 2 ** (message.attempts - 1), LONGEST_PAUSE)
                    message.next_attempt_at = now + pause
                    failed += 1
                    logger.warning(
                        "outbox %s #%s failed (attempt %s), retry at %s: %s",
                        message.kind,
                        message.id,
                        message.attempts,
                        message.next_attempt_at.isoformat(timespec="seconds"),
                        type(exc).__name__,
                    )
                else:
                    message.attempts += 1
                    message.sent_at = now
                    message.last_error = None
                    if message.payload.get("erase_after_send"):
                        # It held a secret for the recipient (a code to resume a chat):
                        # once sent, only that a mail went out is kept.
                        message.payload = {"subject": message.payload.get("subject", "")}
                    sent += 1
        return DeliveryReport(sent=sent, failed=failed)

    def backlog(self) -> Backlog:
        with self._sessions() as session:
            waiting = OutboxMessage.sent_at.is_(None)
            count, oldest = session.execute(
                select(func.count(OutboxMessage.id), func.min(OutboxMessage.created_at)).where(
                    waiting
                )
            ).one()
            failing = session.scalar(
                select(func.count(OutboxMessage.id)).where(waiting, OutboxMessage.attempts > 0)
            )
            return Backlog(waiting=int(count or 0), failing=int(failing or 0), oldest=oldest)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def _send(self, message: OutboxMessage) -> None:
        if message.kind == EMAIL:
            self._send_email(message.payload)
        elif message.kind == WEBHOOK:
            self._call_webhook(message.payload)
        else:
            raise ValueError(f"unknown outbox kind {message.kind}")

    def _send_email(self, payload: dict[str, Any]) -> None:
        settings = self._settings
        if not settings.smtp_host:
            raise RuntimeError("no SMTP server configured (VRAAGWIJZER_SMTP_HOST)")
        mail = EmailMessage()
        mail["From"] = settings.smtp_from
        mail["To"] = payload["to"]
        mail["Subject"] = payload["subject"]
        # The moment of sending in the municipality's own time (mail programs convert it).
        sent_at = self._clock().replace(tzinfo=UTC).astimezone(LOCAL_TIME)
        mail["Date"] = format_datetime(sent_at)
        mail.set_content(payload["body"])
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=SEND_TIMEOUT_SECONDS
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user and settings.smtp_password:
                smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
            smtp.send_message(mail)

    def _call_webhook(self, payload: dict[str, Any]) -> None:
        settings = self._settings
        if not settings.webhook_url:
            raise RuntimeError("no webhook configured (VRAAGWIJZER_WEBHOOK_URL)")
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        headers = {"Content-Type": "application/json"}
        if settings.webhook_secret:
            headers[SIGNATURE_HEADER] = sign(settings.webhook_secret.get_secret_value(), body)
        if self._http is None:
            self._http = httpx.Client(timeout=SEND_TIMEOUT_SECONDS)
        response = self._http.post(settings.webhook_url, content=body, headers=headers)
        response.raise_for_status()
