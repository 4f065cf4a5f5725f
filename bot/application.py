"""The one application object: every part, wired from settings. No globals.

Tests build their own with ``build_application(settings, ...)``; the server and the CLI
build one at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import (
    ConversationEngine,
    Decider,
    HandoffFlow,
    Reply,
    ResumeCodes,
    Takeovers,
    replies,
)
from bot.insights.rollup import Rollups
from bot.metrics import Metrics
from bot.platform.clock import Clock, utcnow
from bot.platform.db import make_engine, make_sessionmaker
from bot.platform.events import GONE, EventBus, event_bus_for
from bot.platform.i18n import CONSOLE_DOMAIN, Catalogs, Texts
from bot.platform.languages import EMERGENCY_LOCALES, SUPPORTED_LOCALES
from bot.platform.municipality import Municipality, load_municipality
from bot.platform.ratelimit import RateLimits
from bot.platform.settings import Settings
from bot.privacy.retention import Retention, RetentionPolicy
from bot.referrals.notifications import TicketNotifier, forget_note
from bot.referrals.outbox import Outbox
from bot.staff.sessions import SessionPolicy, StaffSessions
from handoff import Directory, TeamTokens, Tickets, TicketStatus, TicketView
from knowledge_base import Catalogue, domains
from nlu import Analyzer, load_analyzer

logger = logging.getLogger(__name__)


@dataclass
class Application:
    settings: Settings
    db: Engine
    sessions: sessionmaker[Session]
    municipality: Municipality
    catalogs: Catalogs
    directory: Directory
    catalogue: Catalogue
    analyzer: Analyzer
    events: EventBus
    conversations: ConversationEngine
    resume_codes: ResumeCodes
    takeovers: Takeovers
    tickets: Tickets
    team_tokens: TeamTokens
    notifier: TicketNotifier
    outbox: Outbox
    metrics: Metrics
    staff_sessions: StaffSessions
    console_catalogs: Catalogs
    clock: Clock
    retention: Retention
    rollups: Rollups
    rate_limits: RateLimits

    def today(self) -> date:
        return self.clock().date()

    def ticket_arrived(self, session: Session, ticket: TicketView) -> None:
        """Announce a ticket to its team, in the transaction that made or moved it."""
        team = self.directory.team(ticket.team_id)
        self.notifier.ticket_arrived(session, ticket, team, now=self.clock())

    def status_changed(self, ticket: TicketView, *, session: Session | None = None) -> None:
        """A resident who chose to hear back in the chat is told of each status change
        there (only the status, in their language; nothing the team wrote).

        With ``session``, in the transaction that made the change: both or neither."""
        self.tell_resident(ticket, replies.ticket_status, session=session)

    def tell_resident(
        self,
        ticket: TicketView,
        compose: Callable[[Texts, TicketStatus], Reply],
        *,
        session: Session | None = None,
    ) -> None:
        """Post ``compose``'s message on the ticket in the resident's chat, if they chose
        to hear back there; with ``session``, in the caller's transaction."""
        if not ticket.notify_resident:
            return
        status = self.tickets.status_for_conversation(
            ticket.reference, ticket.conversation_id, session=session
        )
        if status is not None:
            self.conversations.notify(
                ticket.conversation_id, lambda texts: [compose(texts, status)], session=session
            )

    def forget_conversation(self, conversation_id: str) -> bool:
        """Delete a conversation at the resident's request. A referral it made stays with
        the team (their record), with a note that the resident asked for this."""
        note = forget_note(self.console_catalogs.get(self.settings.default_locale))
        for reference in self.conversations.ticket_references(conversation_id):
            if self.tickets.status_for_conversation(reference, conversation_id) is not None:
                self.tickets.add_note(reference, note, by="VraagWijzer", team_id=None)
        if not self.conversations.forget(conversation_id):
            return False
        # Its open streams (the widget in another tab, another server process) end now,
        # not at their next keep-alive.
        self.events.publish(conversation_id, GONE)
        return True

    def close(self) -> None:
        self.outbox.close()
        self.events.close()
        self.db.dispose()


def build_application(
    settings: Settings, *, analyzer: Analyzer | None = None, clock: Clock = utcnow
) -> Application:
    db = make_engine(settings.resolved_database_url)
    sessions = make_sessionmaker(db)
    municipality = load_municipality(settings.municipality_file)
    catalogs = Catalogs(SUPPORTED_LOCALES, emergency=EMERGENCY_LOCALES)
    directory = Directory(sessions)
    catalogue = Catalogue(sessions, clock)
    if analyzer is None:
        analyzer = load_analyzer(
            settings.nlu_backend,
            rasa_url=settings.rasa_url,
            cache_dir=settings.data_dir / "nlu",
            districts=[d.name for d in municipality.districts],
        )
    events = event_bus_for(db)
    sla_days = {"normal": settings.handoff_days_normal, "urgent": settings.handoff_days_urgent}
    tickets = Tickets(
        sessions,
        zrm={d.id: d.zrm for d in domains().values()},
        sla=sla_days,
        clock=clock,
    )
    console_catalogs = Catalogs(SUPPORTED_LOCALES, domain=CONSOLE_DOMAIN)
    notifier = TicketNotifier(settings, lambda: console_catalogs.get(settings.default_locale))
    outbox = Outbox(sessions, settings, clock)
    metrics = Metrics.for_process()
    metrics.watch_outbox(outbox, clock)

    def announce(session: Session, ticket: TicketView) -> None:
        notifier.ticket_arrived(session, ticket, directory.team(ticket.team_id), now=clock())
        metrics.ticket_created(ticket)

    handoff_flow = HandoffFlow(
        tickets=tickets,
        directory=directory,
        municipality=municipality,
        sla_days=sla_days,
        on_ticket=announce,
    )
    conversations = ConversationEngine(
        sessions=sessions,
        analyzer=analyzer,
        decider=Decider(
            finder=catalogue,
            directory=directory,
            municipality=municipality,
            handoff=handoff_flow,
            analyzer=analyzer,
        ),
        catalogs=catalogs,
        events=events,
        clock=clock,
        default_locale=settings.default_locale,
        max_message_chars=settings.max_message_chars,
        expiry=timedelta(days=settings.conversation_expiry_days),
        observer=metrics.answered,
    )
    staff_sessions = StaffSessions(
        sessions,
        SessionPolicy(
            idle=timedelta(minutes=settings.console_idle_minutes),
            lifetime=timedelta(hours=settings.console_session_hours),
            max_failures=settings.signin_max_failures,
            lock=timedelta(minutes=settings.signin_lock_minutes),
        ),
        clock,
    )
    return Application(
        settings=settings,
        db=db,
        sessions=sessions,
        municipality=municipality,
        catalogs=catalogs,
        directory=directory,
        catalogue=catalogue,
        analyzer=analyzer,
        events=events,
        conversations=conversations,
        resume_codes=ResumeCodes(
            sessions=sessions,
            clock=clock,
            lifetime=timedelta(hours=settings.resume_code_hours),
            expiry=timedelta(days=settings.conversation_expiry_days),
            catalogs=catalogs,
            events=events,
            link=settings.widget_page_url or settings.public_url.rstrip("/") + "/",
        ),
        takeovers=Takeovers(
            sessions=sessions,
            catalogs=catalogs,
            events=events,
            clock=clock,
            expiry=timedelta(days=settings.conversation_expiry_days),
        ),
        tickets=tickets,
        team_tokens=TeamTokens(sessions, clock),
        notifier=notifier,
        outbox=outbox,
        metrics=metrics,
        staff_sessions=staff_sessions,
        console_catalogs=console_catalogs,
        clock=clock,
        retention=Retention(sessions, tickets, RetentionPolicy.from_settings(settings), clock),
        rollups=Rollups(sessions, tickets, clock, keep_days=settings.retention_days),
        rate_limits=RateLimits.from_settings(settings),
    )
