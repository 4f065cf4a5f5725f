"""The demo municipality: districts, teams, catalogue and staff accounts to try it with."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.application import Application
from bot.platform.models import StaffUser
from bot.platform.municipality import apply_to_directory
from bot.staff.accounts import Role, add_user, new_password, set_password, verify_password
from knowledge_base import DEMO_DIR, read_bundle

# Before logins were kept per database, every database shared this one file.
SHARED_LOGINS_FILE = "demo-logins.tsv"


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    password: str
    teams: tuple[str, ...] = ()


def demo_staff(app: Application) -> list[tuple[str, str, Role, tuple[str, ...]]]:
    people: list[tuple[str, str, Role, tuple[str, ...]]] = [
        ("anna", "Anna", Role.VOLUNTEER, ()),
        ("bram", "Bram", Role.VOLUNTEER, ()),
        ("eline", "Eline (redactie)", Role.EDITOR, ()),
        ("pieter", "Pieter (beleid)", Role.ANALYST, ()),
        ("admin", "Beheerder", Role.ADMIN, ()),
    ]
    for team in app.municipality.teams:
        people.append(
            (
                f"team-{team.id.removeprefix('wt-')}",
                f"Medewerker {team.name}",
                Role.TEAM_MEMBER,
                (team.id,),
            )
        )
    return people


def logins_file(data_dir: Path, database_url: str) -> Path:
    """Where ``demo seed`` keeps the demo logins of one database: a file of its own in the
    data directory, named after the database (its URL without the password; a SQLite file
    by its full path), so that seeding PostgreSQL leaves the SQLite demo's logins alone."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database).resolve()
        key = f"sqlite:{database}"
        name = database.stem
    else:
        key = url.render_as_string(hide_password=True)  # the same for any password
        name = url.database or "default"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:40]
    return data_dir / f"demo-logins-{backend}-{name}-{digest}.tsv"


def seed(app: Application, *, logins_file: Path | None) -> list[Login]:
    """Load the demo data; create staff accounts once, remembering their passwords.

    A remembered password is kept only while it still signs in to this database (the
    file may belong to a database that was since replaced, or restored from elsewhere);
    otherwise the account gets a new one. Without a logins file no staff accounts are
    made (tests that do not need them).
    """
    apply_to_directory(app.municipality, app.directory)
    bundle = read_bundle(DEMO_DIR)
    problems = bundle.problems({d.id for d in app.directory.districts()})
    if problems:
        raise ValueError("demo catalogue: " + "; ".join(problems))
    app.catalogue.replace_all(bundle, changed_by="demo seed")
    if logins_file is None:
        return []
    known = _read_logins(logins_file)
    if not known:
        # The file all databases shared: its passwords are kept where they still work.
        known = _read_logins(logins_file.parent / SHARED_LOGINS_FILE)
    hashes = _password_hashes(app)
    logins: dict[str, Login] = {}
    for username, display, role, teams in demo_staff(app):
        remembered = known.get(username)
        stored = hashes.get(username)
        if remembered and stored and verify_password(stored, remembered.password):
            logins[username] = Login(username, role.value, remembered.password, teams)
            continue
        password = new_password()
        if stored is not None:
            set_password(app.sessions, username, password)
        else:
            add_user(
                app.sessions,
                username=username,
                display_name=display,
                role=role,
                password=password,
                teams=teams,
            )
        logins[username] = Login(username, role.value, password, teams)
    _write_logins(logins_file, logins)
    return list(logins.values())


def _password_hashes(app: Application) -> dict[str, str]:
    with app.sessions() as session:
        rows = session.execute(select(StaffUser.username, StaffUser.password_hash))
        return {username: password_hash for username, password_hash in rows}


def _read_logins(path: Path) -> dict[str, Login]:
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            found[parts[0]] = Login(
                parts[0], parts[1], parts[2], tuple(filter(None, parts[3].split(",")))
            )
    return found


def _write_logins(path: Path, logins: dict[str, Login]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(
        f"{x.username}\t{x.role}\t{x.password}\t{','.join(x.teams)}\n" for x in logins.values()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def seed_insights(app: Application) -> int:
    """A year of synthetic daily counts up to yesterday, so that the insights page is
    worth opening in the demo (``demo seed`` only: tests make their own counts)."""
    from bot.demo.insights import district_teams, seed_year
    from bot.insights.rollup import local_day

    return seed_year(
        app.sessions,
        end=local_day(app.clock()) - timedelta(days=1),
        districts=[d.id for d in app.directory.districts()],
        teams=[t.id for t in app.directory.teams()],
        provisions=[p.id for p in app.catalogue.provisions()],
        team_of=district_teams(app.directory),
    )
