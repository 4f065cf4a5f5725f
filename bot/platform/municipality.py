"""The municipality this installation serves: its name, contact, districts and teams."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from handoff import Directory, DistrictInfo, TeamInfo

DEMO_FILE = Path(__file__).parents[1] / "demo" / "municipality.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    phone: str
    website: str
    email: str | None = None


class DistrictSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    postcodes: list[str]

    @field_validator("postcodes")
    @classmethod
    def _ranges(cls, value: list[str]) -> list[str]:
        for item in value:
            low, _, high = item.partition("-")
            if not (low.isdigit() and (high or low).isdigit()):
                raise ValueError(f"postcode range {item!r} is not like 4100-4109")
        return value

    def ranges(self) -> tuple[tuple[int, int], ...]:
        result = []
        for item in self.postcodes:
            low, _, high = item.partition("-")
            result.append((int(low), int(high or low)))
        return tuple(result)


class TeamSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    districts: list[str] = []
    email: str | None = None
    phone: str | None = None
    central: bool = False


class Shelter(_Strict):
    """Where someone with no roof tonight gets a bed the same day (centrale toegang)."""

    name: str
    phone: str
    day_and_night: bool = False


class Hours(_Strict):
    """A weekly period, in the municipality's own time (Monday is 0)."""

    weekday: int = Field(ge=0, le=6)
    opens: time
    closes: time

    @field_validator("closes")
    @classmethod
    def _after_opening(cls, value: time, info: ValidationInfo) -> time:
        opens = info.data.get("opens")
        if opens is not None and value <= opens:
            raise ValueError("closes must be after opens")
        return value


LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


class Municipality(_Strict):
    id: str
    name: str
    website: str
    general_contact: Contact
    # The same-day number for emergency shelter; without it, the general contact.
    emergency_shelter: Shelter | None = None
    districts: list[DistrictSpec]
    teams: list[TeamSpec]
    # When volunteers watch the live conversations: a resident who asks for a person is
    # told one will write soon, besides the district team's call-back.
    volunteer_hours: list[Hours] = []

    def volunteers_on_duty(self, at: datetime) -> bool:
        """Whether ``at`` (naive UTC, as the database keeps it) is in volunteer hours."""
        local = at.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
        return any(
            h.weekday == local.weekday() and h.opens <= local.time() < h.closes
            for h in self.volunteer_hours
        )

    def team_of(self, district_id: str) -> str | None:
        return next((t.id for t in self.teams if district_id in t.districts), None)


# libyaml when it is there: every application reads the file when it is built.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_municipality(path: Path | None = None) -> Municipality:
    with (path or DEMO_FILE).open(encoding="utf-8") as fh:
        return Municipality.model_validate(yaml.load(fh, Loader=_LOADER))  # noqa: S506 (a safe loader)


def apply_to_directory(municipality: Municipality, directory: Directory) -> None:
    directory.replace_all(
        [
            TeamInfo(id=t.id, name=t.name, email=t.email, phone=t.phone, central=t.central)
            for t in municipality.teams
        ],
        [
            DistrictInfo(
                id=d.id, name=d.name, postcode_ranges=d.ranges(), team_id=municipality.team_of(d.id)
            )
            for d in municipality.districts
        ],
    )
