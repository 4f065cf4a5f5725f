"""The catalogue as content editors write it (YAML), validated strictly.

These models are the contract for imports: unknown keys, unknown service types or
domains, bad postcodes and impossible opening hours are errors with a location.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

from knowledge_base.spec import domain_ids, service_types
from knowledge_base.types import Access, CostKind

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
GROUPS = (
    "seniors",
    "youth",
    "children",
    "parents",
    "carers",
    "disabled",
    "low_income",
    "newcomers",
    "everyone",
)
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


# Lengths match the database columns (PostgreSQL refuses longer text; SQLite would not).
Line = Annotated[str, Field(max_length=200)]
Note = Annotated[str, Field(max_length=1000)]
LongText = Annotated[str, Field(max_length=10_000)]
Phone = Annotated[str, Field(max_length=40)]
Email = Annotated[str, Field(max_length=320)]
Url = Annotated[str, Field(max_length=300)]
Word = Annotated[str, Field(min_length=1, max_length=100)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


def _has_nul(value: object) -> bool:
    """Whether any text in value (its dict values, list and tuple items) holds a NUL.

    Iterative, and each container is looked at once however often it is referred to: data
    that shares one list many times over (as YAML aliases build) costs its size in memory,
    not the size it would have written out, and deep nesting cannot exhaust the stack.
    """
    pending = [value]
    seen: set[int] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict | list | tuple) and id(item) not in seen:
            # Every item stays referenced from value during the walk, so ids stay unique.
            seen.add(id(item))
            pending.extend(item.values() if isinstance(item, dict) else item)
    return False


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: object) -> object:
        # A NUL byte is never meant, and PostgreSQL cannot store it in text.
        if _has_nul(data):
            raise ValueError("contains a NUL character (\\x00); remove it")
        return data


class OrganizationIn(_Strict):
    id: Slug
    name: str = Field(min_length=2, max_length=200)
    description: LongText = ""
    website: Url | None = None
    email: Email | None = None
    phone: Phone | None = None


class Eligibility(_Strict):
    min_age: int | None = Field(default=None, ge=0, le=120)
    max_age: int | None = Field(default=None, ge=0, le=120)
    groups: list[Literal[GROUPS]] = []  # type: ignore[valid-type]

    @field_validator("groups")
    @classmethod
    def _in_list_order(cls, value: list[str]) -> list[str]:
        # Order carries no meaning: one order, so an unchanged form is an unchanged record.
        return sorted(set(value), key=GROUPS.index)


class CostIn(_Strict):
    kind: CostKind
    amount: Decimal | None = Field(default=None, ge=0, le=100_000)
    unit: Annotated[str, Field(max_length=100)] | None = None
    unit_en: Annotated[str, Field(max_length=100)] | None = None
    note: Note | None = None
    note_en: Note | None = None

    @model_validator(mode="after")
    def _amount_fits_kind(self) -> CostIn:
        if self.kind is CostKind.FIXED and self.amount is None:
            raise ValueError("a fixed cost needs an amount")
        return self


class ContactIn(_Strict):
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None


class LocationIn(_Strict):
    name: Line | None = None
    address: str = Field(min_length=3, max_length=200)
    postcode: str
    city: str = Field(min_length=2, max_length=100)
    walk_in: bool = False

    @field_validator("postcode", mode="before")
    @classmethod
    def _dutch_postcode(cls, value: object) -> str:
        try:
            return str(nl_postcode.validate(str(value)))
        except StdnumError:
            raise ValueError(f"{value!r} is not a Dutch postcode like 4101 AB") from None


class OpeningIn(_Strict):
    day: Literal[DAYS]  # type: ignore[valid-type]
    opens: str
    closes: str

    @model_validator(mode="after")
    def _real_hours(self) -> OpeningIn:
        for value in (self.opens, self.closes):
            if not _CLOCK.match(value):
                raise ValueError(f"{value!r} is not a time like 09:30")
        if self.opens >= self.closes:
            raise ValueError(f"opens at {self.opens} but closes at {self.closes}")
        return self

    @property
    def weekday(self) -> int:
        return DAYS.index(self.day)

    def times(self) -> tuple[time, time]:
        return time.fromisoformat(self.opens), time.fromisoformat(self.closes)


class ServiceIn(_Strict):
    id: Slug
    name: str = Field(min_length=2, max_length=200)
    organization: Slug
    service_types: list[str] = Field(min_length=1, max_length=3)
    domains: list[str] | None = None
    access: Access
    summary: str = Field(min_length=5, max_length=200)
    summary_en: Line | None = None
    description: str = Field(min_length=5, max_length=10_000)
    description_en: LongText | None = None
    audience: str = Field(min_length=3, max_length=1000)
    audience_en: Note | None = None
    eligibility: Eligibility = Eligibility()
    cost: CostIn
    how_to_apply: str = Field(min_length=5, max_length=5000)
    how_to_apply_en: Annotated[str, Field(max_length=5000)] | None = None
    contact: ContactIn = ContactIn()
    location: LocationIn | None = None
    districts: list[Annotated[str, Field(max_length=64)]] = Field(default=[], max_length=50)
    schedule: list[OpeningIn] = Field(default=[], max_length=50)
    schedule_note: Note | None = None
    schedule_note_en: Note | None = None
    languages: list[LanguageCode] = Field(default=["nl"], max_length=30)
    keywords: list[Word] = Field(default=[], max_length=100)
    last_reviewed: date | None = None
    reviewed_by: Line | None = None

    @field_validator("districts")
    @classmethod
    def _sorted_districts(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("schedule")
    @classmethod
    def _in_week_order(cls, value: list[OpeningIn]) -> list[OpeningIn]:
        # One order whatever the source, so that exports and imports compare equal.
        ordered = sorted(value, key=lambda o: (o.weekday, o.opens))
        for before, after in pairwise(ordered):
            if before.day == after.day and after.opens < before.closes:
                raise ValueError(
                    f"opening hours overlap on {before.day}: "
                    f"{before.opens}-{before.closes} and {after.opens}-{after.closes}"
                )
        return ordered

    @field_validator("service_types")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in service_types()]
        if unknown:
            raise ValueError(f"unknown service type {', '.join(unknown)}")
        return value

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: list[str] | None) -> list[str] | None:
        unknown = [d for d in value or () if d not in domain_ids()]
        if unknown:
            raise ValueError(f"unknown domain {', '.join(unknown)}")
        return value

    @model_validator(mode="after")
    def _implicit_domains(self) -> ServiceIn:
        # Domains that follow from the service types anyway are left implicit, so that
        # the same provision compares equal whether or not a file spelled them out.
        if self.domains is not None and set(self.domains) == set(self._type_domains()):
            self.domains = None
        return self

    def _type_domains(self) -> list[str]:
        seen: dict[str, None] = {}
        for type_id in self.service_types:
            if type_id in service_types():
                seen.update(dict.fromkeys(service_types()[type_id].domains))
        return list(seen)

    def resolved_domains(self) -> list[str]:
        return self.domains if self.domains is not None else self._type_domains()


class FaqIn(_Strict):
    id: Slug
    question: str = Field(min_length=5, max_length=500)
    question_en: Annotated[str, Field(max_length=500)] | None = None
    answer: str = Field(min_length=5, max_length=5000)
    answer_en: Annotated[str, Field(max_length=5000)] | None = None
    domains: list[str] = Field(default=[], max_length=3)
    keywords: list[Word] = Field(default=[], max_length=100)
    last_reviewed: date | None = None

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: list[str]) -> list[str]:
        unknown = [d for d in value if d not in domain_ids()]
        if unknown:
            raise ValueError(f"unknown domain {', '.join(unknown)}")
        return value


class Bundle(_Strict):
    """A whole catalogue: what an import brings and an export writes."""

    organizations: list[OrganizationIn] = []
    services: list[ServiceIn] = []
    faqs: list[FaqIn] = []

    def problems(
        self, known_districts: set[str] | None = None, *, organizations: bool = True
    ) -> list[str]:
        """Cross-record problems that single-record validation cannot see.

        ``organizations=False`` leaves out whether each provision's organisation is in the
        bundle: an import may refer to organisations the catalogue already has.
        """
        found: list[str] = []
        for kind, items in (
            ("organization", self.organizations),
            ("service", self.services),
            ("faq", self.faqs),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    found.append(f"{kind} {item.id}: duplicate id")
                seen.add(item.id)
        org_ids = {o.id for o in self.organizations}
        for service in self.services:
            if organizations and service.organization not in org_ids:
                found.append(f"service {service.id}: unknown organization {service.organization}")
            if known_districts is not None:
                for district in service.districts:
                    if district not in known_districts:
                        found.append(f"service {service.id}: unknown district {district}")
        return found
