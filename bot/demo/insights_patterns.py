"""The invented patterns of the demo's year of insights (``bot.demo.insights``): how
many conversations a day through the seasons, the share of each living domain, language,
channel, crisis and unmet theme, how referrals fare, and which district and provisions the
debt and energy-bill stories are about. Numbers only; ``insights_plan`` draws the days
from them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from handoff import Outcome, add_working_days
from nlu import CrisisKind

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
DOMAIN_RATES = {
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

CHANNELS = ("web", "telegram")
# Languages common enough to show every week, as a share of conversations.
LANGUAGES = {"nl": 0.80, "en": 0.08, "ar": 0.035, "tr": 0.03, "pl": 0.025, "uk": 0.03}
# Rare languages: conversations a day in the whole municipality, whatever its size, and
# never 10 a week, so the page has figures it must hide.
RARE_LANGUAGES = {"de": 0.45, "fa": 0.5, "ru": 0.4, "so": 0.35, "ti": 0.25, "fr": 0.3, "es": 0.2}
RARE_WEEKLY_CAP = 9

CRISIS_KINDS = {
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
class Theme:
    rate: float  # share of a district's conversations on a quiet day
    energy: float = 0.0  # extra at the height of the energy-bill season (times rate)
    winter: float = 0.0  # extra around the holidays
    debt: float = 0.0  # extra in the debt district by the end of the year
    phrases: tuple[tuple[str, float], ...] = ()


# Unmet needs: questions no provision fitted. The rare ones stay under the page's minimum.
# As bot/insights/themes.py makes them: a theme is the longest word of its question, so no
# word of a phrase beside it is longer; phrases are two content words, no stopwords.
THEMES = {
    "energietoeslag": Theme(
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
    "mantelzorg": Theme(
        0.010,
        phrases=(
            ("mantelzorg vergoeding", 0.35),
            ("zorg moeder", 0.3),
            ("moeder verzorgen", 0.2),
            ("mantelzorg pauze", 0.15),
        ),
    ),
    "eenzaamheid": Theme(
        0.008,
        winter=0.8,
        phrases=(
            ("niemand praten", 0.35),
            ("weinig contact", 0.3),
            ("vrienden maken", 0.2),
            ("avonden eenzaam", 0.15),
        ),
    ),
    "vervoer": Theme(
        0.008,
        phrases=(
            ("vervoer regelen", 0.4),
            ("taxi dokter", 0.3),
            ("busje rijden", 0.3),
        ),
    ),
    "huurachterstand": Theme(
        0.004,
        energy=0.5,
        debt=3.0,
        phrases=(
            ("huurachterstand betalen", 0.4),
            ("huur betalen", 0.35),
            ("ontruiming dreigt", 0.25),
        ),
    ),
    "huisdieren": Theme(0.0006, phrases=(("huisdier opvang", 1.0),)),
    "internet": Theme(0.0008, phrases=(("internet thuis", 1.0),)),
    "tandarts": Theme(0.0007, phrases=(("tandarts betalen", 1.0),)),
    "rijbewijs": Theme(0.0004, phrases=(("rijbewijs keuring", 1.0),)),
}

# Referral tickets. Working days until first contact (None: never reached), weights.
CONTACT_DAYS: tuple[tuple[int | None, float], ...] = (
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
ACCEPT_DAYS = (0, 1, 2, 3)
ACCEPT_WEIGHTS = (0.6, 0.3, 0.07, 0.03)
OUTCOMES = (
    Outcome.HELPED.value,
    Outcome.REFERRED_ELSEWHERE.value,
    Outcome.NO_LONGER_NEEDED.value,
    Outcome.DECLINED.value,
    Outcome.NOT_ELIGIBLE.value,
    Outcome.COULD_NOT_CONTACT.value,
)
OUTCOME_WEIGHTS = (0.55, 0.17, 0.12, 0.07, 0.06, 0.03)
SLA_WORKING_DAYS = 3  # the default VRAAGWIJZER_HANDOFF_DAYS_NORMAL
CONSENT = 0.93  # referral-route conversations that end in a ticket
REROUTED = 0.03

# How strongly the energy-bill season is felt, by month (interpolated between months).
ENERGY_BY_MONTH = (1.0, 0.85, 0.35, 0.1, 0.0, 0.0, 0.0, 0.0, 0.15, 0.6, 0.85, 1.0)
WEEKDAY = (1.18, 1.12, 1.08, 1.06, 0.95, 0.62, 0.58)
# The quiet days around Christmas and New Year.
HOLIDAYS = {(12, 24): 0.55, (12, 25): 0.35, (12, 26): 0.45, (12, 31): 0.5, (1, 1): 0.4}


def money_provisions(provisions: Iterable[str]) -> list[str]:
    """The provision ids about debts, energy bills or a tight budget, by their names."""
    return sorted(p for p in provisions if any(word in p for word in MONEY_KEYWORDS))


def debt_district(districts: Sequence[str]) -> str | None:
    """The district the demo gives rising debts: the one named after the harbour, if any."""
    if not districts:
        return None
    return next((d for d in districts if "haven" in d), districts[min(1, len(districts) - 1)])


def guess_teams(districts: Sequence[str], teams: Sequence[str]) -> dict[str, str]:
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


def is_working_day(day: date) -> bool:
    # The handoff calendar (weekends and the municipality's days off), through its API.
    noon = datetime.combine(day, time(12, 0))
    return add_working_days(noon, 0).date() == day


def energy_weight(day: date) -> float:
    """0..1: how much the energy-bill season weighs on a day, smooth between months."""
    month = day.month - 1
    offset = (day.day - 15) / 30.0
    other = (month + (1 if offset >= 0 else -1)) % 12
    here = ENERGY_BY_MONTH[month]
    return here + (ENERGY_BY_MONTH[other] - here) * abs(offset)


def winter_weight(day: date) -> float:
    """0..1, highest around Christmas: loneliness questions."""
    distance = min(abs((day - date(year, 12, 25)).days) for year in (day.year - 1, day.year))
    return math.exp(-((distance / 20.0) ** 2))


def volume_factor(day: date, t: float) -> float:
    """How many conversations a day brings, against an average day: the weekday, the
    holidays, the summer, the energy bills, and ``t`` (0..1) of the way through the year."""
    factor = WEEKDAY[day.weekday()]
    factor *= HOLIDAYS.get((day.month, day.day), 1.0)
    if (day.month == 12 and day.day >= 27) or (day.month == 1 and day.day == 2):
        factor *= 0.75
    elif day.month == 12 and 18 <= day.day <= 23:
        factor *= 0.9
    # The summer holidays, deepest at the start of August.
    summer = date(day.year, 8, 1)
    factor *= 1.0 - 0.22 * math.exp(-(((day - summer).days / 20.0) ** 2))
    # Bills bring extra questions; more residents find the assistant as the year goes on.
    factor *= 1.0 + 0.12 * energy_weight(day)
    return factor * (0.9 + 0.2 * t)
