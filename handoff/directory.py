"""Which district a postcode lies in, and which team serves that district."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from handoff.models import District, PostcodeRange, Team
from handoff.postcodes import Postcode, find_postcode


@dataclass(frozen=True)
class TeamInfo:
    id: str
    name: str
    email: str | None = None
    phone: str | None = None
    central: bool = False
    district_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DistrictInfo:
    id: str
    name: str
    postcode_ranges: tuple[tuple[int, int], ...]
    team_id: str | None = None

    def contains(self, postcode: Postcode) -> bool:
        return any(low <= postcode.digits <= high for low, high in self.postcode_ranges)


@dataclass(frozen=True)
class PostcodeLookup:
    """The answer to "where is this postcode": the district, or why there is none."""

    postcode: Postcode | None
    district: DistrictInfo | None = None

    @property
    def outside_municipality(self) -> bool:
        return self.postcode is not None and self.district is None


@dataclass
class _Snapshot:
    districts: tuple[DistrictInfo, ...] = ()
    teams: dict[str, TeamInfo] = field(default_factory=dict)


class DirectoryError(ValueError):
    """The municipality's districts and teams do not fit together."""

    code = "directory.invalid"


class Directory:
    """Districts and teams of one municipality, read once and kept in memory.

    The data changes rarely (an admin edits a team), so lookups on the hot path are
    in-memory; ``refresh()`` reads the database again after a change.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._snapshot: _Snapshot | None = None

    def refresh(self) -> None:
        with self._sessions() as session:
            teams = session.scalars(select(Team).options(selectinload(Team.districts))).all()
            districts = session.scalars(
                select(District).options(selectinload(District.postcode_ranges))
            ).all()
            self._snapshot = _Snapshot(
                districts=tuple(
                    DistrictInfo(
                        id=d.id,
                        name=d.name,
                        postcode_ranges=tuple((r.low, r.high) for r in d.postcode_ranges),
                        team_id=d.team_id,
                    )
                    for d in sorted(districts, key=lambda d: d.name)
                ),
                teams={
                    t.id: TeamInfo(
                        id=t.id,
                        name=t.name,
                        email=t.email,
                        phone=t.phone,
                        central=t.central,
                        district_ids=tuple(sorted(d.id for d in t.districts)),
                    )
                    for t in teams
                },
            )

    @property
    def _data(self) -> _Snapshot:
        if self._snapshot is None:
            self.refresh()
        assert self._snapshot is not None
        return self._snapshot

    def districts(self) -> tuple[DistrictInfo, ...]:
        return self._data.districts

    def teams(self) -> tuple[TeamInfo, ...]:
        return tuple(sorted(self._data.teams.values(), key=lambda t: t.name))

    def district(self, district_id: str) -> DistrictInfo | None:
        return next((d for d in self._data.districts if d.id == district_id), None)

    def lookup(self, text: str) -> PostcodeLookup:
        postcode = find_postcode(text)
        if postcode is None:
            return PostcodeLookup(None)
        district = next((d for d in self._data.districts if d.contains(postcode)), None)
        return PostcodeLookup(postcode, district)

    def team(self, team_id: str) -> TeamInfo | None:
        return self._data.teams.get(team_id)

    def central_team(self) -> TeamInfo | None:
        return next((t for t in self._data.teams.values() if t.central), None)

    def team_for_district(self, district_id: str | None) -> TeamInfo | None:
        """The district's own team, or the central team when there is none."""
        district = self.district(district_id) if district_id else None
        if district is not None and district.team_id in self._data.teams:
            return self._data.teams[district.team_id]
        return self.central_team()

    def save_team(self, team: TeamInfo) -> None:
        """Add a team, or change one's name and how it is reached (its districts stay)."""
        if not team.id.strip() or not team.name.strip():
            raise DirectoryError("a team needs an id and a name")
        with self._sessions() as session, session.begin():
            session.merge(
                Team(
                    id=team.id,
                    name=team.name.strip(),
                    email=team.email or None,
                    phone=team.phone or None,
                    central=team.central,
                )
            )
        self.refresh()

    def replace_all(self, teams: Sequence[TeamInfo], districts: Sequence[DistrictInfo]) -> None:
        """Make the database hold exactly these teams and districts (used by seeding)."""
        _check(teams, districts)
        with self._sessions() as session, session.begin():
            session.execute(delete(PostcodeRange))
            session.execute(delete(District))
            for team in teams:
                session.merge(
                    Team(
                        id=team.id,
                        name=team.name,
                        email=team.email,
                        phone=team.phone,
                        central=team.central,
                    )
                )
            session.flush()
            for info in districts:
                session.add(
                    District(
                        id=info.id,
                        name=info.name,
                        team_id=info.team_id,
                        postcode_ranges=[
                            PostcodeRange(low=low, high=high) for low, high in info.postcode_ranges
                        ],
                    )
                )
        self.refresh()


def _check(teams: Sequence[TeamInfo], districts: Sequence[DistrictInfo]) -> None:
    team_ids = {t.id for t in teams}
    seen: list[tuple[int, int, str]] = []
    for district in districts:
        if district.team_id is not None and district.team_id not in team_ids:
            raise DirectoryError(f"district {district.id}: unknown team {district.team_id}")
        for low, high in district.postcode_ranges:
            if not 1000 <= low <= high <= 9999:
                raise DirectoryError(f"district {district.id}: bad postcode range {low}-{high}")
            for other_low, other_high, other in seen:
                if low <= other_high and other_low <= high:
                    raise DirectoryError(
                        f"districts {other} and {district.id} share postcodes {low}-{high}"
                    )
            seen.append((low, high, district.id))
