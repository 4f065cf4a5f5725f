"""The catalogue's public value types: what a provision is, and what a search returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum


class Access(StrEnum):
    OPEN = "open"
    REFERRAL = "referral"
    EMERGENCY = "emergency"


class CostKind(StrEnum):
    FREE = "free"
    FIXED = "fixed"
    INCOME_DEPENDENT = "income_dependent"
    CONTRIBUTION = "contribution"


@dataclass(frozen=True)
class Localized:
    """A text in Dutch, with the English version when the editors wrote one."""

    nl: str
    en: str | None = None

    def get(self, locale: str) -> str:
        return self.en if locale == "en" and self.en else self.nl


@dataclass(frozen=True)
class Cost:
    kind: CostKind
    amount: Decimal | None = None
    unit: Localized | None = None
    note: Localized | None = None


@dataclass(frozen=True)
class Opening:
    """One opening period on one weekday (0 is Monday)."""

    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class Place:
    name: str | None
    address: str
    postcode: str
    city: str
    walk_in: bool = False


@dataclass(frozen=True)
class Provision:
    id: str
    name: str
    organization: str
    service_types: tuple[str, ...]
    domains: tuple[str, ...]
    access: Access
    summary: Localized
    description: Localized
    audience: Localized
    cost: Cost
    how_to_apply: Localized
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    place: Place | None = None
    district_ids: tuple[str, ...] = ()
    schedule: tuple[Opening, ...] = ()
    schedule_note: Localized | None = None
    languages: tuple[str, ...] = ("nl",)
    last_reviewed: date | None = None

    @property
    def whole_municipality(self) -> bool:
        return not self.district_ids


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: Localized
    answer: Localized
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    provision: Provision
    score: float
    # Why it matched, for staff and for evaluation: "text: klusjes", "type: klussendienst"...
    reasons: tuple[str, ...] = ()
    # A word of the query is in the provision's own name ("parkeerkaart" in
    # "Gehandicaptenparkeerkaart"): it is what the resident asked for, by name.
    named: bool = False
