"""Insights tokens: shown once, stored hashed, refused when odd, unknown or revoked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.insights.tokens import InsightTokenError, InsightTokens
from bot.platform.models import InsightToken


def test_a_token_works_until_it_is_revoked_and_only_its_hash_is_kept(app):
    tokens = InsightTokens(app.sessions, app.clock)
    token = tokens.issue(label="Dashboard")
    assert tokens.valid(token)
    with app.sessions() as session:
        stored = session.scalar(select(InsightToken.token_hash))
    assert token not in stored
    (listed,) = tokens.list()
    assert listed.prefix == token[:12]
    assert tokens.revoke(str(listed.id)).revoked_at is not None
    assert not tokens.valid(token)
    first = tokens.revoke(token[:12]).revoked_at
    assert tokens.list()[0].revoked_at == first  # revoking twice keeps the first time


@pytest.mark.parametrize("given", ["", "vwi_", "vwt_" + "a" * 43, "vwi_" + "x" * 500, "²"])
def test_odd_tokens_are_refused(app, given):
    assert not InsightTokens(app.sessions, app.clock).valid(given)


@pytest.mark.parametrize("label", ["", "   ", "x" * 101])
def test_a_token_needs_a_label(app, label):
    with pytest.raises(InsightTokenError):
        InsightTokens(app.sessions, app.clock).issue(label=label)


@pytest.mark.parametrize("which", ["99", "vwi_nothere00", "neither"])
def test_revoking_what_is_not_there_says_so(app, which):
    with pytest.raises(InsightTokenError):
        InsightTokens(app.sessions, app.clock).revoke(which)
