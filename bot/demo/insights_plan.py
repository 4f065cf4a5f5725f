"""The generator of the demo's year of insights: one pass over the days, drawing each
district's conversations from the patterns (``insights_patterns``) and simulating every
referral ticket (accepted, contacted, closed, rerouted, late) so that its events land on
the (working) days they happen."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.demo.draws import binomial, poisson, split
from bot.demo.insights_patterns import (
    ACCEPT_DAYS,
    ACCEPT_WEIGHTS,
    CHANNELS,
    CONSENT,
    CONTACT_DAYS,
    CRISIS_KINDS,
    DOMAIN_RATES,
    LANGUAGES,
    OUTCOME_WEIGHTS,
    OUTCOMES,
    RARE_LANGUAGES,
    RARE_WEEKLY_CAP,
    REROUTED,
    SLA_WORKING_DAYS,
    THEMES,
    WEEKDAY,
    debt_district,
    energy_weight,
    guess_teams,
    is_working_day,
    money_provisions,
    volume_factor,
    winter_weight,
)
from bot.insights import measures as m
from handoff import Outcome

DAYS = 365
# Tickets made before the year still get accepted, contacted and closed in its first
# weeks; without this lead-in the referral charts would start from nothing.
LEAD_IN_DAYS = 45
_CHUNK = 20_000


@dataclass
class _Ticket:
    district: str
    team: str
    made: int  # day index
    hour: float  # local time of day it was made


class Plan:
    """The generator: one pass over the days, keeping referral events for later days."""

    def __init__(
        self,
        end: date,
        districts: Sequence[str],
        teams: Sequence[str],
        provisions: Sequence[str],
        per_day: int,
        seed: int,
        team_of: Mapping[str, str] | None,
    ) -> None:
        rng = self.rng = random.Random(seed)
        self.first = LEAD_IN_DAYS  # the index of the first day written
        self.origin = end - timedelta(days=DAYS - 1 + LEAD_IN_DAYS)
        named = [*dict.fromkeys(d for d in districts if d)]
        self.districts = [*named, ""]
        known = [1.0 + 0.8 * rng.random() for _ in named]
        # About a fifth of the conversations never name a district.
        self.weights = [0.8 * w / sum(known) for w in known] + [0.2] if known else [1.0]
        self.debt = debt_district(named)
        self.teams = sorted(dict.fromkeys(teams))
        self.team_of = dict(team_of) if team_of is not None else guess_teams(named, self.teams)
        self.central = self.team_of.get("") or next(
            (t for t in self.teams if "centra" in t), self.teams[0] if self.teams else None
        )
        self.provisions = sorted(dict.fromkeys(provisions))
        self.money = set(money_provisions(self.provisions))
        self.local = {p: {d for d in named if d in p} for p in self.provisions}
        self.popularity: dict[str, float] = {}
        self.helpful: dict[str, float] = {}
        self.unfit: dict[str, float] = {}  # the chance of "unfit" among the not helpful
        for p in self.provisions:
            self.popularity[p] = rng.lognormvariate(0.0, 0.7)
            helpful = min(0.6, 0.3 * rng.uniform(0.5, 1.5))
            self.helpful[p] = helpful
            self.unfit[p] = min(0.3, 0.08 * rng.lognormvariate(0.0, 0.6)) / (1.0 - helpful)
        days = DAYS + LEAD_IN_DAYS
        self.working = [is_working_day(self.day(i)) for i in range(days)]
        factors = [volume_factor(self.day(i), self.t(i)) for i in range(days)]
        mean = sum(factors[self.first :]) / DAYS
        self.volume = [per_day * f / mean for f in factors]
        # Referral events by the day they happen, kept until that day is written.
        self.events: dict[int, Counter[tuple[str, str, str]]] = defaultdict(Counter)
        self.rare_week: Counter[tuple[str, tuple[int, int]]] = Counter()

    def t(self, index: int) -> float:
        """How far into the year written a day is: 0 at its first day, 1 at ``end``."""
        return min(1.0, max(0.0, (index - self.first) / (DAYS - 1)))

    def day(self, index: int) -> date:
        return self.origin + timedelta(days=index)

    def days(self) -> Iterable[tuple[date, list[dict[str, Any]], int]]:
        """Each day written with its rows and its number of conversations."""
        for index in range(len(self.volume)):
            day = self.day(index)
            rows: list[dict[str, Any]] = []
            mean = self.volume[index] * (1.0 + self.rng.gauss(0.0, 0.05))
            total = max(0, round(self.rng.gauss(mean, math.sqrt(max(mean, 0.0)))))
            per_district = split(self.rng, total, self.weights)
            rare = self._rare_languages(day, per_district)
            for district, n, rare_here in zip(self.districts, per_district, rare, strict=True):
                if n:
                    self._conversations(index, district, n, rare_here, rows)
            events = self.events.pop(index, Counter())
            if index < self.first:
                continue
            for (district, measure, key), count in sorted(events.items()):
                rows.append(_row(day, district, measure, key, count))
            yield day, rows, total

    def _rare_languages(self, day: date, per_district: list[int]) -> list[Counter[str]]:
        found: list[Counter[str]] = [Counter() for _ in per_district]
        room = list(per_district)
        week = day.isocalendar()[:2]
        for language, rate in RARE_LANGUAGES.items():
            count = poisson(self.rng, rate * WEEKDAY[day.weekday()])
            for _ in range(count):
                if self.rare_week[language, week] >= RARE_WEEKLY_CAP or not any(room):
                    break
                i = self.rng.choices(range(len(room)), weights=room)[0]
                room[i] -= 1
                found[i][language] += 1
                self.rare_week[language, week] += 1
        return found

    def _conversations(
        self,
        index: int,
        district: str,
        n: int,
        rare_languages: Counter[str],
        rows: list[dict[str, Any]],
    ) -> None:
        rng = self.rng
        day = self.day(index)
        t = self.t(index)
        debt = district == self.debt and district != ""
        energy = energy_weight(day)
        winter = winter_weight(day)
        write = index >= self.first

        referral = 0.12 + 0.12 * t if debt else 0.15
        routes = dict(zip(m.ROUTES, split(rng, n, [0.70, referral, 0.02, 0.13]), strict=True))
        self._tickets(index, district, routes["referral"])
        if not write:
            return

        def add(measure: str, key: str, count: int) -> None:
            if count > 0:
                rows.append(_row(day, district, measure, key, count))

        add(m.CONVERSATIONS, "", n)
        for route, count in routes.items():
            add(m.ROUTE, route, count)

        telegram = 0.22 + 0.06 * t
        for channel, count in zip(CHANNELS, split(rng, n, [1.0 - telegram, telegram]), strict=True):
            add(m.CHANNEL, channel, count)

        common = split(rng, n - sum(rare_languages.values()), list(LANGUAGES.values()))
        for language, count in zip(LANGUAGES, common, strict=True):
            add(m.LANGUAGE, language, count)
        for language, count in sorted(rare_languages.items()):
            add(m.LANGUAGE, language, count)

        for domain, rate in DOMAIN_RATES.items():
            if domain == "money":
                # The debt district's share climbs from 15% to about a third.
                rate = (
                    (0.15 + 0.18 * t) * (1.0 + 0.1 * energy)
                    if debt
                    else rate * (1.0 + 0.6 * energy)
                )
            elif domain == "social":
                rate *= 1.0 + 0.3 * winter
            elif domain == "housing" and debt:
                rate *= 1.0 + 0.4 * t
            add(m.DOMAIN, domain, binomial(rng, n, rate))

        self._provisions(n, routes, district, debt, t, energy, add)

        for theme, spec in THEMES.items():
            rate = spec.rate * (1.0 + spec.energy * energy + spec.winter * winter)
            if debt:
                rate *= 1.0 + spec.debt * t
            unmet = binomial(rng, n, rate)
            add(m.UNMET, theme, unmet)
            phrased = binomial(rng, unmet, 0.85)
            weights = [w for _, w in spec.phrases]
            for (phrase, _), count in zip(spec.phrases, split(rng, phrased, weights), strict=True):
                add(m.UNMET_PHRASE, f"{theme}{m.SEP}{phrase}", count)

        # Volunteers read along on weekdays only.
        add(m.TAKEOVER, "", binomial(rng, n, 0.04 if day.weekday() < 5 else 0.004))
        kinds = split(rng, routes["crisis"], list(CRISIS_KINDS.values()))
        for kind, count in zip(CRISIS_KINDS, kinds, strict=True):
            add(m.CRISIS, kind, count)

    def _provisions(
        self,
        n: int,
        routes: Mapping[str, int],
        district: str,
        debt: bool,
        t: float,
        energy: float,
        add: Callable[[str, str, int], None],
    ) -> None:
        if not self.provisions:
            return
        rng = self.rng
        weights = []
        for p in self.provisions:
            w = self.popularity[p]
            local = self.local[p]
            if local:
                w *= 3.0 if district in local else 0.15
            if p in self.money:
                w *= 1.0 + 1.2 * energy + (1.5 * t if debt else 0.0)
            weights.append(w)
        cards = routes["answer"] * 1.6 + routes["referral"] * 0.7 + routes["other"] * 0.2
        shown_total = max(0, round(rng.gauss(cards, math.sqrt(cards + 1.0))))
        for p, shown in zip(self.provisions, split(rng, shown_total, weights), strict=True):
            # A card counts once per conversation, however often it was shown.
            shown = min(shown, n)
            if not shown:
                continue
            helpful = binomial(rng, shown, self.helpful[p])
            unfit = binomial(rng, shown - helpful, self.unfit[p])
            add(m.SHOWN, p, shown)
            add(m.HELPFUL, p, helpful)
            add(m.UNFIT, p, unfit)

    def _tickets(self, index: int, district: str, referrals: int) -> None:
        team = self.team_of.get(district) or self.central
        if team is None:
            return
        for _ in range(binomial(self.rng, referrals, CONSENT)):
            hour = self.rng.uniform(7.0, 23.0)
            self._ticket(_Ticket(district, team, index, hour))

    def _ticket(self, ticket: _Ticket) -> None:
        rng = self.rng
        made = ticket.made
        late_load = self.t(made) if ticket.district == self.debt else 0.0
        self._event(made, ticket.district, m.REF_CREATED, ticket.team)
        team = ticket.team
        delay = 0
        if rng.random() < REROUTED:
            self._event(self._working(made, 0), ticket.district, m.REF_REROUTED, team)
            team = self._reroute(ticket)
            delay = 1  # the next team starts a working day later

        # An overloaded team (the debt district late in the year) reaches people later.
        weights = [
            w * (1.0 + 3.0 * late_load) if d is None or d >= SLA_WORKING_DAYS else w
            for d, w in CONTACT_DAYS
        ]
        contact_days = rng.choices([d for d, _ in CONTACT_DAYS], weights=weights)[0]
        accept_days = rng.choices(ACCEPT_DAYS, weights=ACCEPT_WEIGHTS)[0]
        made_hours = made * 24.0 + ticket.hour
        due = self._working(made, SLA_WORKING_DAYS) * 24.0 + (
            ticket.hour if self.working[made] else 0.0
        )
        accepted = self._working(made, accept_days + delay)

        if contact_days is None:
            if due <= self._last_hour():
                self._event(made, ticket.district, m.REF_LATE, team)
            self._event(accepted, ticket.district, m.REF_ACCEPTED, team)
            closed = self._working(accepted, rng.randint(10, 15))
            outcome = rng.choice([Outcome.COULD_NOT_CONTACT.value, Outcome.NO_LONGER_NEEDED.value])
            self._event(closed, ticket.district, m.REF_CLOSED, f"{team}{m.SEP}{outcome}")
            return

        contact_day = self._working(made, contact_days + delay)
        opens = 9.0
        if contact_day == made:
            if ticket.hour >= 16.5:
                contact_day = self._working(made, 1)
            else:
                opens = max(opens, ticket.hour + 0.25)
        contacted_hours = contact_day * 24.0 + rng.uniform(opens, 17.0)
        accepted = min(accepted, contact_day)
        self._event(accepted, ticket.district, m.REF_ACCEPTED, team)
        self._event(contact_day, ticket.district, m.REF_CONTACTED, team)
        hours = contacted_hours - made_hours
        bucket = next((str(h) for h in m.FIRST_CONTACT_HOURS if hours <= h), m.MORE)
        self._event(contact_day, ticket.district, m.REF_FIRST_CONTACT, f"{team}{m.SEP}{bucket}")
        if contacted_hours > due and due <= self._last_hour():
            self._event(made, ticket.district, m.REF_LATE, team)
        closed = self._working(contact_day, int(rng.triangular(2, 45, 8)))
        outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0]
        self._event(closed, ticket.district, m.REF_CLOSED, f"{team}{m.SEP}{outcome}")

    def _reroute(self, ticket: _Ticket) -> str:
        if ticket.team != self.central and self.central is not None:
            return self.central
        own = self.team_of.get(ticket.district)
        if own and own != ticket.team:
            return own
        others = [t for t in self.teams if t != ticket.team]
        return self.rng.choice(others) if others else ticket.team

    def _event(self, index: int, district: str, measure: str, key: str) -> None:
        # Events after ``end`` have not happened yet; those of the lead-in are not written.
        if self.first <= index < len(self.volume):
            self.events[index][district, measure, key] += 1

    def _working(self, index: int, days: int) -> int:
        """The day index ``days`` working days after ``index`` (0: itself, or the next
        working day); past the end every day counts, as nothing there is written."""
        while index < len(self.working) and not self.working[index]:
            index += 1
        for _ in range(days):
            index += 1
            while index < len(self.working) and not self.working[index]:
                index += 1
        return index

    def _last_hour(self) -> float:
        return len(self.volume) * 24.0


def _row(day: date, district: str, measure: str, key: str, count: int) -> dict[str, Any]:
    return {"day": day, "district": district, "measure": measure, "key": key, "count": count}
