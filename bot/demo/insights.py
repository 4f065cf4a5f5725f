"""A year of invented insight roll-ups for the demo municipality and for benchmarks.

The insights page shows aggregate counts that only build up over months of real use; a
fresh demo has none, and an empty page neither shows what the page is for nor lets
anyone judge its charts, its small-count suppression or its speed. This module writes a
year of ``InsightCount`` rows (and one ``InsightDay`` per day) that look like a mid-size
Dutch municipality, with a few stories worth finding:

- energy bills: money questions, debt and energy provisions and the unmet theme
  "energietoeslag" peak in January-February and October-December;
- one district (the one whose id contains "haven", else the second) where debts rise:
  its share of money questions grows through the year, and so do its referrals and the
  referrals its team answers late;
- languages and unmet themes rare enough (under 10 a week) for the page to hide them.

The figures obey the rules of ``bot/insights/measures.py`` per day and district: routes,
channels and languages each add up to the conversations, a domain or theme never counts
more conversations than there were, "helpful" and "unfit" never more than "shown".
Referral events are simulated per ticket (accepted, contacted, closed, rerouted, late),
so each lands on the (working) day it happens, and tickets of the last weeks are still
open at ``end``.

Nothing here describes a resident: the numbers come from ``random.Random(seed)``, so the
same arguments always give the same rows.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session, sessionmaker

from bot.insights import measures as m
from bot.insights.rollup import LOCAL_TIME, REDO_DAYS, sum_up_range
from bot.platform.db import unit_of_work
from bot.platform.models import InsightCount, InsightDay
from handoff import Directory, Outcome, add_working_days
from nlu import CrisisKind

__all__ = [
    "MONEY_KEYWORDS",
    "debt_district",
    "district_teams",
    "money_provisions",
    "provisions_by_type",
    "seed_year",
]

DAYS = 365
# Tickets made before the year still get accepted, contacted and closed in its first
# weeks; without this lead-in the referral charts would start from nothing.
_LEAD_IN_DAYS = 45
_CHUNK = 20_000

# Provision ids that point at debts, energy bills or a tight budget.
MONEY_KEYWORDS = (
    "energie",
    "schuld",
    "kredietbank",
    "budget",
    "toeslag",
    "geld",
    "voedselbank",
    "bijstand",
    "administratie",
)

# Share of conversations touching each living domain (a conversation may touch several).
_DOMAIN_RATES = {
    "housing": 0.13,
    "money": 0.17,
    "work": 0.07,
    "daily_living": 0.09,
    "health": 0.13,
    "mental": 0.08,
    "social": 0.09,
    "family": 0.08,
    "caregiving": 0.06,
    "mobility": 0.05,
    "safety": 0.03,
    "legal": 0.04,
}

_CHANNELS = ("web", "telegram")
# Languages common enough to show every week, as a share of conversations.
_LANGUAGES = {"nl": 0.80, "en": 0.08, "ar": 0.035, "tr": 0.03, "pl": 0.025, "uk": 0.03}
# Rare languages: conversations a day in the whole municipality, whatever its size, and
# never 10 a week, so the page has figures it must hide.
_RARE_LANGUAGES = {"de": 0.45, "fa": 0.5, "ru": 0.4, "so": 0.35, "ti": 0.25, "fr": 0.3, "es": 0.2}
_RARE_WEEKLY_CAP = 9

_CRISIS_KINDS = {
    CrisisKind.SUICIDE.value: 0.24,
    CrisisKind.VIOLENCE.value: 0.19,
    CrisisKind.MEDICAL.value: 0.11,
    CrisisKind.CHILD.value: 0.07,
    CrisisKind.ELDER.value: 0.05,
    CrisisKind.DANGER.value: 0.08,
    CrisisKind.HOMELESS.value: 0.14,
    "unspecified": 0.12,
}


@dataclass(frozen=True)
class _Theme:
    rate: float  # share of a district's conversations on a quiet day
    energy: float = 0.0  # extra at the height of the energy-bill season (times rate)
    winter: float = 0.0  # extra around the holidays
    debt: float = 0.0  # extra in the debt district by the end of the year
    phrases: tuple[tuple[str, float], ...] = ()


# Unmet needs: questions no provision fitted. The rare ones stay under the page's minimum.
# As bot/insights/themes.py makes them: a theme is the longest word of its question, so no
# word of a phrase beside it is longer; phrases are two content words, no stopwords.
_THEMES = {
    "energietoeslag": _Theme(
        0.006,
        energy=5.0,
        debt=1.0,
        phrases=(
            ("energietoeslag aanvragen", 0.35),
            ("rekening betalen", 0.3),
            ("energietoeslag gemeente", 0.15),
            ("energie afgesloten", 0.12),
            ("voorschot energie", 0.08),
        ),
    ),
    "mantelzorg": _Theme(
        0.010,
        phrases=(
            ("mantelzorg vergoeding", 0.35),
            ("zorg moeder", 0.3),
            ("moeder verzorgen", 0.2),
            ("mantelzorg pauze", 0.15),
        ),
    ),
    "eenzaamheid": _Theme(
        0.008,
        winter=0.8,
        phrases=(
            ("niemand praten", 0.35),
            ("weinig contact", 0.3),
            ("vrienden maken", 0.2),
            ("avonden eenzaam", 0.15),
        ),
    ),
    "vervoer": _Theme(
        0.008,
        phrases=(
            ("vervoer regelen", 0.4),
            ("taxi dokter", 0.3),
            ("busje rijden", 0.3),
        ),
    ),
    "huurachterstand": _Theme(
        0.004,
        energy=0.5,
        debt=3.0,
        phrases=(
            ("huurachterstand betalen", 0.4),
            ("huur betalen", 0.35),
            ("ontruiming dreigt", 0.25),
        ),
    ),
    "huisdieren": _Theme(0.0006, phrases=(("huisdier opvang", 1.0),)),
    "internet": _Theme(0.0008, phrases=(("internet thuis", 1.0),)),
    "tandarts": _Theme(0.0007, phrases=(("tandarts betalen", 1.0),)),
    "rijbewijs": _Theme(0.0004, phrases=(("rijbewijs keuring", 1.0),)),
}

# Referral tickets. Working days until first contact (None: never reached), weights.
_CONTACT_DAYS: tuple[tuple[int | None, float], ...] = (
    (0, 0.24),
    (1, 0.38),
    (2, 0.264),
    (3, 0.07),
    (4, 0.02),
    (6, 0.01),
    (9, 0.005),
    (14, 0.003),
    (None, 0.008),
)
_ACCEPT_DAYS = (0, 1, 2, 3)
_ACCEPT_WEIGHTS = (0.6, 0.3, 0.07, 0.03)
_OUTCOMES = (
    Outcome.HELPED.value,
    Outcome.REFERRED_ELSEWHERE.value,
    Outcome.NO_LONGER_NEEDED.value,
    Outcome.DECLINED.value,
    Outcome.NOT_ELIGIBLE.value,
    Outcome.COULD_NOT_CONTACT.value,
)
_OUTCOME_WEIGHTS = (0.55, 0.17, 0.12, 0.07, 0.06, 0.03)
_SLA_WORKING_DAYS = 3  # the default VRAAGWIJZER_HANDOFF_DAYS_NORMAL
_CONSENT = 0.93  # referral-route conversations that end in a ticket
_REROUTED = 0.03

# How strongly the energy-bill season is felt, by month (interpolated between months).
_ENERGY_BY_MONTH = (1.0, 0.85, 0.35, 0.1, 0.0, 0.0, 0.0, 0.0, 0.15, 0.6, 0.85, 1.0)
_WEEKDAY = (1.18, 1.12, 1.08, 1.06, 0.95, 0.62, 0.58)
# The quiet days around Christmas and New Year.
_HOLIDAYS = {(12, 24): 0.55, (12, 25): 0.35, (12, 26): 0.45, (12, 31): 0.5, (1, 1): 0.4}


class _Typed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def service_types(self) -> Sequence[str]: ...


def provisions_by_type(provisions: Iterable[_Typed]) -> dict[str, list[str]]:
    """Provision ids per service type (a catalogue's ``Provision`` or a bundle's ``ServiceIn``)."""
    found: dict[str, list[str]] = defaultdict(list)
    for provision in provisions:
        for service_type in provision.service_types:
            found[service_type].append(provision.id)
    return {key: sorted(ids) for key, ids in sorted(found.items())}


def money_provisions(provisions: Iterable[str]) -> list[str]:
    """The provision ids about debts, energy bills or a tight budget, by their names."""
    return sorted(p for p in provisions if any(word in p for word in MONEY_KEYWORDS))


def debt_district(districts: Sequence[str]) -> str | None:
    """The district the demo gives rising debts: the one named after the harbour, if any."""
    if not districts:
        return None
    return next((d for d in districts if "haven" in d), districts[min(1, len(districts) - 1)])


def district_teams(directory: Directory) -> dict[str, str]:
    """The team of each district, and under "" the central team (for unknown districts)."""
    teams = {d.id: d.team_id for d in directory.districts() if d.team_id}
    central = next((t.id for t in directory.teams() if t.central), None)
    if central:
        teams[""] = central
    return teams


def seed_year(
    sessions: sessionmaker[Session],
    *,
    end: date,
    districts: Sequence[str],
    teams: Sequence[str],
    provisions: Sequence[str],
    per_day: int = 300,
    seed: int = 7,
    team_of: Mapping[str, str] | None = None,
) -> int:
    """Write invented roll-ups for the 365 days up to and including ``end``.

    ``per_day`` conversations a day on average over the year; ``team_of`` gives the team
    of each district (and under "" the team of tickets without one, see
    ``district_teams``), else it is guessed from the ids. Rows already there for those
    days are replaced, so seeding twice leaves the same rows. Returns the rows written
    (``InsightCount`` rows and the 365 ``InsightDay`` rows).
    """
    if per_day < 0:
        raise ValueError("per_day must not be negative")
    plan = _Plan(end, districts, teams, provisions, per_day, seed, team_of)
    start = end - timedelta(days=DAYS - 1)
    written = 0
    with unit_of_work(sessions) as session:
        session.execute(delete(InsightCount).where(InsightCount.day.between(start, end)))
        session.execute(delete(InsightDay).where(InsightDay.day.between(start, end)))
        rows: list[dict[str, Any]] = []
        days: list[dict[str, Any]] = []
        for day, day_rows, conversations in plan.days():
            rows.extend(day_rows)
            days.append(
                {
                    "day": day,
                    "rolled_up_at": _rolled_up_at(day, end),
                    "conversations": conversations,
                }
            )
            if len(rows) >= _CHUNK:
                session.execute(insert(InsightCount), rows)
                written += len(rows)
                rows = []
        if rows:
            session.execute(insert(InsightCount), rows)
            written += len(rows)
        session.execute(insert(InsightDay), days)
        written += len(days)
    # The weeks' and months' sums the page reads.
    sum_up_range(sessions, start, end)
    return written


@dataclass
class _Ticket:
    district: str
    team: str
    made: int  # day index
    hour: float  # local time of day it was made


class _Plan:
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
        self.first = _LEAD_IN_DAYS  # the index of the first day written
        self.origin = end - timedelta(days=DAYS - 1 + _LEAD_IN_DAYS)
        named = [*dict.fromkeys(d for d in districts if d)]
        self.districts = [*named, ""]
        known = [1.0 + 0.8 * rng.random() for _ in named]
        # About a fifth of the conversations never name a district.
        self.weights = [0.8 * w / sum(known) for w in known] + [0.2] if known else [1.0]
        self.debt = debt_district(named)
        self.teams = sorted(dict.fromkeys(teams))
        self.team_of = dict(team_of) if team_of is not None else _guess_teams(named, self.teams)
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
        days = DAYS + _LEAD_IN_DAYS
        self.working = [_is_working_day(self.day(i)) for i in range(days)]
        factors = [_volume_factor(self.day(i), self.t(i)) for i in range(days)]
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
            per_district = _split(self.rng, total, self.weights)
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
        for language, rate in _RARE_LANGUAGES.items():
            count = _poisson(self.rng, rate * _WEEKDAY[day.weekday()])
            for _ in range(count):
                if self.rare_week[language, week] >= _RARE_WEEKLY_CAP or not any(room):
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
        energy = _energy(day)
        winter = _winter(day)
        write = index >= self.first

        referral = 0.12 + 0.12 * t if debt else 0.15
        routes = dict(zip(m.ROUTES, _split(rng, n, [0.70, referral, 0.02, 0.13]), strict=True))
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
        for channel, count in zip(
            _CHANNELS, _split(rng, n, [1.0 - telegram, telegram]), strict=True
        ):
            add(m.CHANNEL, channel, count)

        common = _split(rng, n - sum(rare_languages.values()), list(_LANGUAGES.values()))
        for language, count in zip(_LANGUAGES, common, strict=True):
            add(m.LANGUAGE, language, count)
        for language, count in sorted(rare_languages.items()):
            add(m.LANGUAGE, language, count)

        for domain, rate in _DOMAIN_RATES.items():
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
            add(m.DOMAIN, domain, _binomial(rng, n, rate))

        self._provisions(n, routes, district, debt, t, energy, add)

        for theme, spec in _THEMES.items():
            rate = spec.rate * (1.0 + spec.energy * energy + spec.winter * winter)
            if debt:
                rate *= 1.0 + spec.debt * t
            unmet = _binomial(rng, n, rate)
            add(m.UNMET, theme, unmet)
            phrased = _binomial(rng, unmet, 0.85)
            weights = [w for _, w in spec.phrases]
            for (phrase, _), count in zip(spec.phrases, _split(rng, phrased, weights), strict=True):
                add(m.UNMET_PHRASE, f"{theme}{m.SEP}{phrase}", count)

        # Volunteers read along on weekdays only.
        add(m.TAKEOVER, "", _binomial(rng, n, 0.04 if day.weekday() < 5 else 0.004))
        kinds = _split(rng, routes["crisis"], list(_CRISIS_KINDS.values()))
        for kind, count in zip(_CRISIS_KINDS, kinds, strict=True):
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
        for p, shown in zip(self.provisions, _split(rng, shown_total, weights), strict=True):
            # A card counts once per conversation, however often it was shown.
            shown = min(shown, n)
            if not shown:
                continue
            helpful = _binomial(rng, shown, self.helpful[p])
            unfit = _binomial(rng, shown - helpful, self.unfit[p])
            add(m.SHOWN, p, shown)
            add(m.HELPFUL, p, helpful)
            add(m.UNFIT, p, unfit)

    def _tickets(self, index: int, district: str, referrals: int) -> None:
        team = self.team_of.get(district) or self.central
        if team is None:
            return
        for _ in range(_binomial(self.rng, referrals, _CONSENT)):
            hour = self.rng.uniform(7.0, 23.0)
            self._ticket(_Ticket(district, team, index, hour))

    def _ticket(self, ticket: _Ticket) -> None:
        rng = self.rng
        made = ticket.made
        late_load = self.t(made) if ticket.district == self.debt else 0.0
        self._event(made, ticket.district, m.REF_CREATED, ticket.team)
        team = ticket.team
        delay = 0
        if rng.random() < _REROUTED:
            self._event(self._working(made, 0), ticket.district, m.REF_REROUTED, team)
            team = self._reroute(ticket)
            delay = 1  # the next team starts a working day later

        # An overloaded team (the debt district late in the year) reaches people later.
        weights = [
            w * (1.0 + 3.0 * late_load) if d is None or d >= _SLA_WORKING_DAYS else w
            for d, w in _CONTACT_DAYS
        ]
        contact_days = rng.choices([d for d, _ in _CONTACT_DAYS], weights=weights)[0]
        accept_days = rng.choices(_ACCEPT_DAYS, weights=_ACCEPT_WEIGHTS)[0]
        made_hours = made * 24.0 + ticket.hour
        due = self._working(made, _SLA_WORKING_DAYS) * 24.0 + (
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
        outcome = rng.choices(_OUTCOMES, weights=_OUTCOME_WEIGHTS)[0]
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


def _rolled_up_at(day: date, end: date) -> datetime:
    """When the server would last have made the day, seen from the night after ``end``:
    each night it makes the last REDO_DAYS days again. A seeded day that looked older
    than that would be made again from the (missing) conversations at once, and the
    chart's last two weeks would drop to nothing."""
    night = min(day + timedelta(days=REDO_DAYS), end + timedelta(days=1))
    local = datetime.combine(night, time(2, 15), LOCAL_TIME)
    return local.astimezone(UTC).replace(tzinfo=None)


def _row(day: date, district: str, measure: str, key: str, count: int) -> dict[str, Any]:
    return {"day": day, "district": district, "measure": measure, "key": key, "count": count}


def _guess_teams(districts: Sequence[str], teams: Sequence[str]) -> dict[str, str]:
    """A team per district by the ids ("wt-havenkwartier", "wt-oost" for "oosterveld");
    districts no team is named after go to the central team."""
    found: dict[str, str] = {}
    for district in districts:
        for team in teams:
            name = team.removeprefix("wt-")
            if district in team or (len(name) >= 3 and district.startswith(name)):
                found[district] = team
                break
    central = next((t for t in teams if "centra" in t and t not in found.values()), None)
    if central:
        found[""] = central
    return found


def _is_working_day(day: date) -> bool:
    # The handoff calendar (weekends and the municipality's days off), through its API.
    noon = datetime.combine(day, time(12, 0))
    return add_working_days(noon, 0).date() == day


def _energy(day: date) -> float:
    """0..1: how much the energy-bill season weighs on a day, smooth between months."""
    month = day.month - 1
    offset = (day.day - 15) / 30.0
    other = (month + (1 if offset >= 0 else -1)) % 12
    here = _ENERGY_BY_MONTH[month]
    return here + (_ENERGY_BY_MONTH[other] - here) * abs(offset)


def _winter(day: date) -> float:
    """0..1, highest around Christmas: loneliness questions."""
    distance = min(abs((day - date(year, 12, 25)).days) for year in (day.year - 1, day.year))
    return math.exp(-((distance / 20.0) ** 2))


def _volume_factor(day: date, t: float) -> float:
    factor = _WEEKDAY[day.weekday()]
    factor *= _HOLIDAYS.get((day.month, day.day), 1.0)
    if (day.month == 12 and day.day >= 27) or (day.month == 1 and day.day == 2):
        factor *= 0.75
    elif day.month == 12 and 18 <= day.day <= 23:
        factor *= 0.9
    # The summer holidays, deepest at the start of August.
    summer = date(day.year, 8, 1)
    factor *= 1.0 - 0.22 * math.exp(-(((day - summer).days / 20.0) ** 2))
    # Bills bring extra questions; more residents find the assistant as the year goes on.
    factor *= 1.0 + 0.12 * _energy(day)
    return factor * (0.9 + 0.2 * t)


def _split(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """``n`` spread over the weights at random (a multinomial draw); sums to ``n``."""
    counts = [0] * len(weights)
    left = n
    mass = float(sum(weights))
    if 0 < n <= 2 * len(weights) and mass > 0:
        # Few items over many weights: placing each is cheaper than a draw per weight.
        for i in rng.choices(range(len(weights)), weights=weights, k=n):
            counts[i] += 1
        return counts
    for i, weight in enumerate(weights):
        if left <= 0:
            break
        if i == len(weights) - 1:
            counts[i] = left
            break
        share = weight / mass if mass > 0 else 0.0
        count = _binomial(rng, left, share)
        counts[i] = count
        left -= count
        mass -= weight
    return counts


def _binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw (``random.binomialvariate`` is Python 3.12): exact while it is
    cheap, a normal approximation once the spread is wide enough for it to be close."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    variance = n * p * (1.0 - p)
    if variance >= 9.0:
        return min(n, max(0, round(rng.gauss(n * p, math.sqrt(variance)))))
    # Exact: jump from one success to the next by geometric gaps, so the cost is the
    # number of successes (of the rarer outcome), not of trials.
    rarer = min(p, 1.0 - p)
    log_miss = math.log1p(-rarer)
    count = 0
    trial = 0
    while True:
        trial += int(math.log(1.0 - rng.random()) / log_miss) + 1
        if trial > n:
            break
        count += 1
    return count if p <= 0.5 else n - count


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0.0:
        return 0
    if mean > 30.0:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
