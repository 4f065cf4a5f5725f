"""What a district team is told when a referral arrives: an e-mail to the team's address
and a call to the case system's webhook, both through the outbox (``bot/referrals/outbox.py``).

Staff-facing words, so they come from the console's catalog. No personal data: the
reference, the urgency, the due date and a link; the rest is behind the sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.platform.i18n import Texts
from bot.platform.settings import Settings
from bot.referrals.outbox import EMAIL, WEBHOOK, enqueue
from handoff import TeamInfo, TicketView

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def local_moment(texts: Texts, moment: datetime) -> str:
    """A stored moment (naive UTC) as the team's clock shows it: ``8 december 2026 17:00``."""
    at = moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
    return f"{texts.short_date(at)} {texts.clock(at.time())}"


class TicketNotifier:
    """What to announce when a ticket arrives at a team (new, or sent on by another team)."""

    def __init__(self, settings: Settings, texts: Callable[[], Texts]) -> None:
        self._settings = settings
        self._texts = texts

    def ticket_arrived(
        self, session: Session, ticket: TicketView, team: TeamInfo | None, *, now: datetime
    ) -> None:
        link = f"{self._settings.public_url.rstrip('/')}/console/tickets/{ticket.reference}"
        # One arrival: a retried request repeats it, a later reroute is a new one.
        event = f"{ticket.reference}:{ticket.team_id}:{ticket.updated_at.isoformat()}"
        if self._settings.smtp_host and team is not None and team.email:
            texts = self._texts()
            urgent = ticket.urgency.value == "urgent"
            urgency = texts.gettext("URGENT") if urgent else texts.gettext("normal")
            enqueue(
                session,
                kind=EMAIL,
                dedupe_key=f"email:{event}",
                payload={
                    "to": team.email,
                    "subject": texts.gettext(
                        "New referral %(reference)s (%(urgency)s)",
                        reference=ticket.reference,
                        urgency=urgency,
                    ),
                    "body": texts.gettext(
                        "A new referral has arrived for %(team)s.\n\nReference: %(reference)s\n"
                        "Urgency: %(urgency)s\nFirst contact at the latest: %(due)s\n\n"
                        "Open it in the console (sign in first):\n%(link)s\n\n"
                        "This e-mail holds no personal data on purpose.",
                        team=team.name,
                        reference=ticket.reference,
                        urgency=urgency,
                        due=local_moment(texts, ticket.due_at),
                        link=link,
                    ),
                },
                now=now,
            )
        if self._settings.webhook_url:
            enqueue(
                session,
                kind=WEBHOOK,
                dedupe_key=f"webhook:{event}",
                payload={
                    "event": "ticket.arrived",
                    "reference": ticket.reference,
                    "team_id": ticket.team_id,
                    "urgency": ticket.urgency.value,
                    "due_at": ticket.due_at.isoformat() + "Z",
                    "url": link,
                },
                now=now,
            )


def forget_note(texts: Texts) -> str:
    """The note a ticket gets when the resident deletes the conversation it came from."""
    return texts.gettext(
        "The resident deleted this conversation in the chat. This referral stays, with the "
        "conversation as it was shared when it was sent."
    )
