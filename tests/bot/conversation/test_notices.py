"""A notice to the resident written in the caller's transaction commits with it, or not
at all, and live streams hear of it only once it has committed."""

from __future__ import annotations

import pytest

from bot.conversation import Reply
from bot.platform.db import unit_of_work


class Crash(Exception):
    pass


def test_a_notice_in_the_callers_transaction_is_stored_and_published_with_it(app, monkeypatch):
    published: list[tuple[str, int]] = []
    monkeypatch.setattr(app.events, "publish", lambda c, m: published.append((c, m)))
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    before = app.conversations.log(conversation)
    published.clear()

    def notify_then_crash() -> None:
        with unit_of_work(app.sessions) as session:
            written = app.conversations.notify(
                conversation, lambda texts: [Reply("Opgepakt")], session=session
            )
            assert [m.text for m in written] == ["Opgepakt"]
            assert published == []  # not before it commits
            raise Crash

    with pytest.raises(Crash):
        notify_then_crash()
    assert app.conversations.log(conversation) == before
    assert published == []

    with unit_of_work(app.sessions) as session:
        [written] = app.conversations.notify(
            conversation, lambda texts: [Reply("Opgepakt")], session=session
        )
        assert published == []
    assert app.conversations.log(conversation)[-1].id == written.id
    assert published == [(conversation, written.id)]


def test_no_notice_for_a_conversation_that_is_gone(app):
    with unit_of_work(app.sessions) as session:
        assert app.conversations.notify("gone", lambda texts: [Reply("?")], session=session) == []
