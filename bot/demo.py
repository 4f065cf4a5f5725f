"""The demo municipality: districts, teams, catalogue and staff accounts to try it with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.application import Application
from bot.municipality import apply_to_directory
from bot.staff import Role, add_user, new_password, usernames
from knowledge_base.io import DEMO_DIR, read_bundle


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


def seed(app: Application, *, logins_file: Path | None) -> list[Login]:
    """Load the demo data; create staff accounts once, remembering their passwords.

    Without a logins file no staff accounts are made (tests that do not need them).
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
    existing = usernames(app.sessions)
    for username, display, role, teams in demo_staff(app):
        if username in existing and username in known:
            continue
        password = new_password()
        if username in existing:
            from bot.staff import set_password

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
        known[username] = Login(username, role.value, password, teams)
    _write_logins(logins_file, known)
    return list(known.values())


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
