"""Team API tokens on a migrated SQLite file and a real PostgreSQL database: shown once,
stored as a hash, found only while active, and always tied to one known team."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from bot.platform.db import make_engine, make_sessionmaker
from handoff import Directory, TeamInfo, TeamTokenError, TeamTokens
from handoff.models import TeamToken

NOORD, ZUID = "team-noord", "team-zuid"


@pytest.fixture
def sessions(database_url):
    engine = make_engine(database_url)
    factory = make_sessionmaker(engine)
    Directory(factory).replace_all(
        [TeamInfo(NOORD, "Wijkteam Noord"), TeamInfo(ZUID, "Wijkteam Zuid")], []
    )
    yield factory
    engine.dispose()


@pytest.fixture
def tokens(sessions, clock):
    return TeamTokens(sessions, clock)


def test_a_token_finds_its_team_and_only_a_hash_is_stored(tokens, sessions):
    token = tokens.issue(NOORD, label="Zaaksysteem Noord")
    assert token.startswith("vwt_")
    assert len(token) > 40
    assert tokens.team_for(token) == NOORD
    with sessions() as session:
        (row,) = session.scalars(select(TeamToken)).all()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        stored = [str(getattr(row, c.key)) for c in TeamToken.__table__.columns]
        assert not any(token in value for value in stored)
        assert row.prefix == token[:12]


def test_every_token_is_new_and_belongs_to_one_team(tokens):
    noord = tokens.issue(NOORD, label="a")
    zuid = tokens.issue(ZUID, label="b")
    assert noord != zuid
    assert tokens.team_for(noord) == NOORD
    assert tokens.team_for(zuid) == ZUID


@pytest.mark.parametrize(
    "token",
    ["", "vwt_", "vwt_not-a-token", "Bearer vwt_x", "x" * 10_000, "vwt_" + "a" * 43],
)
def test_an_unknown_token_finds_nothing(tokens, token):
    tokens.issue(NOORD, label="a")
    assert tokens.team_for(token) is None
    assert tokens.authenticate(token) is None


def test_a_revoked_token_finds_nothing_and_stays_listed(tokens, clock):
    token = tokens.issue(NOORD, label="Zaaksysteem")
    (listed,) = tokens.list(NOORD)
    clock.advance(hours=1)
    revoked = tokens.revoke(listed.id)
    assert revoked.revoked_at == clock.now
    assert tokens.team_for(token) is None
    clock.advance(hours=1)
    again = tokens.revoke(str(listed.id))
    assert again.revoked_at == revoked.revoked_at  # the first revocation is kept
    (still,) = tokens.list(NOORD)
    assert not still.active


def test_revoke_by_prefix_or_by_the_token_itself(tokens):
    first = tokens.issue(NOORD, label="one")
    second = tokens.issue(NOORD, label="two")
    tokens.revoke(first[:12])
    tokens.revoke(second)
    assert [t.active for t in tokens.list(NOORD)] == [False, False]


@pytest.mark.parametrize("which", ["999", 999, "vwt_nothing-like-it", "vwt_", "²", "9" * 40])
def test_revoking_an_unknown_token_is_a_clear_error(tokens, which):
    tokens.issue(NOORD, label="one")
    with pytest.raises(TeamTokenError, match="token"):
        tokens.revoke(which)
    assert tokens.list(NOORD)[0].active


def test_an_unknown_team_or_an_empty_label_is_refused(tokens):
    with pytest.raises(TeamTokenError, match=r"unknown team 'wt-nergens'.*team-noord"):
        tokens.issue("wt-nergens", label="x")
    with pytest.raises(TeamTokenError, match="unknown team"):
        tokens.list("wt-nergens")
    with pytest.raises(TeamTokenError, match="label"):
        tokens.issue(NOORD, label="   ")
    with pytest.raises(TeamTokenError, match="at most"):
        tokens.issue(NOORD, label="x" * 101)
    assert tokens.list(NOORD) == []


def test_last_used_is_written_at_most_once_a_minute(tokens, clock):
    token = tokens.issue(NOORD, label="one")
    assert tokens.list(NOORD)[0].last_used_at is None
    first = clock.now
    tokens.team_for(token)
    clock.advance(seconds=30)
    tokens.team_for(token)
    assert tokens.list(NOORD)[0].last_used_at == first
    clock.advance(seconds=31)
    tokens.team_for(token)
    assert tokens.list(NOORD)[0].last_used_at == clock.now


def test_the_list_never_holds_the_token(tokens):
    token = tokens.issue(NOORD, label="one")
    tokens.issue(ZUID, label="other")
    (listed,) = tokens.list(NOORD)
    assert (listed.team_id, listed.label, listed.prefix) == (NOORD, "one", token[:12])
    assert token not in repr(listed)
