"""Daily roll-ups: the counts behind the insights, made from a day's conversations and the
referrals' steps, and kept after the conversations themselves are deleted.

A day is a calendar day in the municipality (Europe/Amsterdam). A conversation counts on
the day it started, once per key (bot/insights/measures.py); a referral counts on the
day of each step. Making a day again replaces its counts, so the server makes the last
``REDO_DAYS`` days again on every run (a conversation that went on past midnight, a
referral contacted later) and any day in the retention period that was never made; a day
whose conversations are gone is left as it is.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import payloads
from bot.insights import measures as m
from bot.insights.themes import phrases, theme_of
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.models import Conversation, InsightCount, InsightDay, InsightTotal, Message
from handoff import TicketActivity, Tickets

logger = logging.getLogger(__name__)

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
REDO_DAYS = 14
FEEDBACK_YES = payloads.FEEDBACK_YES.wire
FEEDBACK_NO = payloads.FEEDBACK_NO.wire
# The most serious route a conversation took decides its place in the route mix.
_ROUTE_ORDER = {"crisis": 0, "referral": 1, "answer": 2, "other": 3}


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day's start and end as the naive UTC moments the database stores."""

    def utc(d: date) -> datetime:
        return datetime.combine(d, time(), LOCAL_TIME).astimezone(UTC).replace(tzinfo=None)

    return utc(day), utc(day + timedelta(days=1))


def local_day(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME).date()


WEEK = "week"
MONTH = "month"


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def sum_up(session: Session, period: str, first: date, last: date) -> None:
    """The week's or month's totals again, from its days (in the caller's transaction)."""
    session.execute(
        delete(InsightTotal).where(InsightTotal.period == period, InsightTotal.start == first)
    )
    summed = (
        select(
            literal(period),
            literal(first),
            InsightCount.district,
            InsightCount.measure,
            InsightCount.key,
            func.sum(InsightCount.count),
        )
        .where(InsightCount.day >= first, InsightCount.day <= last)
        .group_by(InsightCount.district, InsightCount.measure, InsightCount.key)
    )
    session.execute(
        insert(InsightTotal).from_select(
            ["period", "start", "district", "measure", "key", "count"], summed
        )
    )


def sum_up_range(sessions: sessionmaker[Session], first: date, last: date) -> None:
    """Every week and month that holds a day of [first, last] (after counts were written
    straight into the days: the demo year, a test)."""
    periods: set[tuple[str, date, date]] = set()
    day = first
    while day <= last:
        periods.add((WEEK, *week_of(day)))
        periods.add((MONTH, *month_of(day)))
        day += timedelta(days=1)
    for period, start, end in sorted(periods):
        with unit_of_work(sessions) as session:
            sum_up(session, period, start, end)


@dataclass
class _Tally:
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, district: str, measure: str, keys: Iterable[str]) -> None:
        for key in set(keys):
            self.counts[(district, measure, key[:160])] += 1


class Rollups:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        tickets: Tickets,
        clock: Clock,
        *,
        keep_days: int,
    ) -> None:
        self._sessions = sessions
        self._tickets = tickets
        self._clock = clock
        self._keep_days = keep_days

    def today(self) -> date:
        return local_day(self._clock())

    def due(self) -> list[date]:
        """The days to make now: any day of the retention period not made yet (a server
        that was down, a new installation), and each of the last REDO_DAYS up to
        yesterday once more each day."""
        today = self.today()
        yesterday = today - timedelta(days=1)
        first = yesterday - timedelta(days=self._keep_days - 1)
        today_start, _ = day_bounds(today)
        with self._sessions() as session:
            made: dict[date, datetime] = {
                day: at
                for day, at in session.execute(
                    select(InsightDay.day, InsightDay.rolled_up_at).where(
                        InsightDay.day >= first, InsightDay.day <= yesterday
                    )
                )
            }
        days = [first + timedelta(days=i) for i in range(self._keep_days)]
        redo = yesterday - timedelta(days=REDO_DAYS - 1)
        return [d for d in days if d not in made or (d >= redo and made[d] < today_start)]

    def make_due(self) -> list[date]:
        days = self.due()
        for day in days:
            self.make(day)
        return days

    def make(self, day: date) -> int:
        """Count the day's conversations and referral steps, replacing earlier counts of
        that day; the number of conversations counted."""
        start, end = day_bounds(day)
        tally = _Tally()
        with self._sessions() as session:
            conversations = self._conversations(session, start, end, tally)
        self._referrals(self._tickets.activity(start, end), start, end, tally)
        rows = [
            {"day": day, "district": d, "measure": measure, "key": key, "count": n}
            for (d, measure, key), n in sorted(tally.counts.items())
        ]
        with unit_of_work(self._sessions) as session:
            session.execute(delete(InsightCount).where(InsightCount.day == day))
            if rows:
                session.execute(insert(InsightCount), rows)
            session.merge(
                InsightDay(day=day, rolled_up_at=self._clock(), conversations=conversations)
            )
            sum_up(session, WEEK, *week_of(day))
            sum_up(session, MONTH, *month_of(day))
        return conversations

    # -- conversations ------------------------------------------------------------------

    def _conversations(
        self, session: Session, start: datetime, end: datetime, tally: _Tally
    ) -> int:
        started = session.execute(
            select(Conversation.id, Conversation.channel, Conversation.district_id).where(
                Conversation.created_at >= start, Conversation.created_at < end
            )
        ).all()
        if not started:
            return 0
        about = {cid: (channel, district or "") for cid, channel, district in started}
        lines: dict[str, list[Any]] = defaultdict(list)
        ids = list(about)
        # In slices: a parameter list of thousands is more than some drivers take.
        for i in range(0, len(ids), 500):
            for row in session.execute(
                select(
                    Message.conversation_id,
                    Message.id,
                    Message.sender,
                    Message.payload,
                    Message.parts,
                    Message.understanding,
                    Message.masked_text,
                    Message.reply_to_id,
                )
                .where(Message.conversation_id.in_(ids[i : i + 500]))
                .order_by(Message.id)
            ):
                lines[row.conversation_id].append(row)
        counted = 0
        for cid, (channel, district) in about.items():
            if self._conversation(lines.get(cid, []), channel, district, tally):
                counted += 1
        return counted

    def _conversation(self, lines: list[Any], channel: str, district: str, t: _Tally) -> bool:
        resident = [line for line in lines if line.sender == "resident"]
        if not resident:
            return False
        understood = [line.understanding for line in resident if line.understanding]
        domains = {d for u in understood for d in u.get("domains") or ()}
        crises = {
            u.get("crisis") or "unspecified" for u in understood if u.get("route") == "crisis"
        }
        kinds = [(line.parts or {}).get("kind") for line in lines if line.sender == "bot"]
        referred = any((line.parts or {}).get("ticket") for line in lines)
        if crises or "crisis" in kinds:
            route = "crisis"
        elif referred:
            route = "referral"
        elif any(u.get("route") == "answer" for u in understood) or "answer" in kinds:
            route = "answer"
        else:
            route = "other"
        language = next((u.get("language") for u in understood if u.get("language")), None)

        t.add(district, m.CONVERSATIONS, [""])
        t.add(district, m.DOMAIN, domains)
        t.add(district, m.ROUTE, [route])
        t.add(district, m.LANGUAGE, [language or "und"])
        t.add(district, m.CHANNEL, [channel])
        if "takeover" in kinds:
            t.add(district, m.TAKEOVER, [""])
        if route == "crisis":
            t.add(district, m.CRISIS, crises or {"unspecified"})

        shown: set[str] = set()
        helpful: set[str] = set()
        unfit: set[str] = set()
        unmet: dict[str, set[str]] = {}
        replies: dict[int, list[Any]] = defaultdict(list)
        for line in lines:
            if line.sender == "bot" and line.reply_to_id is not None:
                replies[line.reply_to_id].append(line)
        last_cards: list[str] = []
        last_question: Any = None
        for line in lines:
            parts = line.parts or {}
            if line.sender == "bot" and parts.get("cards"):
                last_cards = [c["id"] for c in parts["cards"] if c.get("id")]
                shown.update(last_cards)
            if line.sender != "resident":
                continue
            if line.payload in (FEEDBACK_YES, FEEDBACK_NO):
                (helpful if line.payload == FEEDBACK_YES else unfit).update(last_cards)
                if line.payload == FEEDBACK_NO and last_question is not None:
                    self._unmet(last_question, unmet)
                continue
            u = line.understanding or {}
            if line.payload or u.get("route") != "answer" or u.get("held"):
                continue
            last_question = line
            answered = replies.get(line.id, [])
            # Answered, but with no provision: the search found none that fits.
            plain = all(
                (r.parts or {}).get("kind") in (None, "answer", "clarify") for r in answered
            )
            if answered and plain and not any((r.parts or {}).get("cards") for r in answered):
                self._unmet(line, unmet)
        t.add(district, m.SHOWN, shown)
        t.add(district, m.HELPFUL, helpful)
        t.add(district, m.UNFIT, unfit)
        t.add(district, m.UNMET, unmet)
        t.add(
            district,
            m.UNMET_PHRASE,
            {f"{theme}{m.SEP}{p}" for theme, ps in unmet.items() for p in ps},
        )
        return True

    @staticmethod
    def _unmet(question: Any, unmet: dict[str, set[str]]) -> None:
        text = question.masked_text or ""
        domains = (question.understanding or {}).get("domains") or []
        unmet.setdefault(theme_of(text, domains), set()).update(phrases(text))

    # -- referrals ----------------------------------------------------------------------

    def _referrals(
        self, tickets: list[TicketActivity], start: datetime, end: datetime, t: _Tally
    ) -> None:
        now = self._clock()

        def within(moment: datetime) -> bool:
            return start <= moment < end

        for ticket in tickets:
            district = ticket.district_id or ""
            reroutes = [s for s in ticket.steps if s[1] == "rerouted"]
            team = ticket.team_id
            # The team at each moment: before the first reroute, the team it came from.
            first_team = reroutes[0][2] if reroutes and reroutes[0][2] else team
            if within(ticket.created_at):
                t.add(district, m.REF_CREATED, [first_team])
            statuses = [(at, to) for at, action, _, to in ticket.steps if action == "status"]
            accepted = next((at for at, to in statuses if to == "accepted"), None)
            contacted = next(
                (at for at, action, _, _ in ticket.steps if action == "contact"),
                next((at for at, to in statuses if to == "contacted"), None),
            )
            if accepted is not None and within(accepted):
                t.add(district, m.REF_ACCEPTED, [team])
            if contacted is not None and within(contacted):
                t.add(district, m.REF_CONTACTED, [team])
                hours = (contacted - ticket.created_at).total_seconds() / 3600
                bucket = next((str(h) for h in m.FIRST_CONTACT_HOURS if hours <= h), m.MORE)
                t.add(district, m.REF_FIRST_CONTACT, [f"{team}{m.SEP}{bucket}"])
            if within(ticket.created_at):
                late = (contacted is None and now > ticket.due_at) or (
                    contacted is not None and contacted > ticket.due_at
                )
                if late:
                    t.add(district, m.REF_LATE, [first_team])
            for at, action, from_value, _ in ticket.steps:
                if action == "rerouted" and within(at):
                    t.add(district, m.REF_REROUTED, [from_value or team])
            outcomes = [(at, to) for at, action, _, to in ticket.steps if action == "outcome"]
            for at, to in statuses:
                if to == "closed" and within(at):
                    outcome = next((o for o_at, o in reversed(outcomes) if o_at <= at), None)
                    t.add(district, m.REF_CLOSED, [f"{team}{m.SEP}{outcome or 'none'}"])
