"""The daily roll-up against a day counted by hand: conversations through the real engine,
a referral through its real steps, then the counts of that day (and of the next)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bot.conversation.messages import Incoming
from bot.insights import measures as m
from bot.insights.rollup import day_bounds
from bot.platform.models import Conversation, InsightCount, InsightDay
from tests.bot.console.test_console_inbox import referral

DAY = date(2026, 11, 25)  # the FakeClock's day (09:00 UTC is 10:00 in Lindenhaven)


def counts(app, day: date) -> dict[tuple[str, str], int]:
    """(measure, key) -> count, over all districts."""
    out: dict[tuple[str, str], int] = {}
    with app.sessions() as session:
        for measure, key, n in session.execute(
            select(InsightCount.measure, InsightCount.key, InsightCount.count).where(
                InsightCount.day == day
            )
        ):
            out[(measure, key)] = out.get((measure, key), 0) + n
    return out


def say(app, conversation: str, *steps: Incoming):
    replies = []
    for step in steps:
        replies = app.conversations.receive(conversation, step)
    return replies


def start(app, locale: str = "nl") -> str:
    return app.conversations.start(channel="web", locale=locale).conversation_id


@pytest.fixture
def day_of_conversations(app):
    """Five conversations, counted by hand in the test below."""
    # 1. A plain question answered with a card, and "Dit helpt me".
    helped = start(app)
    (answer,) = say(app, helped, Incoming(text="is er een klussendienst die een lamp kan ophangen"))
    card = answer.cards[0].id
    say(app, helped, Incoming(payload="feedback:yes", button_of=answer.id))
    # 2. A crisis.
    say(app, start(app), Incoming(text="ik wil niet meer leven"))
    # 3. A referral (Lindenhof's team), in the English conversation below it is Dutch.
    reference = referral(app)
    # 4. Opened, never written in: not counted.
    start(app)
    # 5. A question whose answer did not fit: "Dit past niet".
    unfit = start(app)
    (other,) = say(app, unfit, Incoming(text="ik zoek een maatje om mee te wandelen"))
    say(app, unfit, Incoming(payload="feedback:no", button_of=other.id))
    return card, other.cards[0].id, reference


def test_a_day_counted_by_hand(app, day_of_conversations):
    helped_card, unfit_card, _ = day_of_conversations
    assert app.rollups.make(DAY) == 4
    got = counts(app, DAY)
    assert got[(m.CONVERSATIONS, "")] == 4
    assert got[(m.ROUTE, "crisis")] == 1
    assert got[(m.ROUTE, "referral")] == 1
    assert got[(m.ROUTE, "answer")] == 2
    assert (m.ROUTE, "other") not in got
    assert got[(m.CHANNEL, "web")] == 4
    assert got[(m.LANGUAGE, "nl")] == 4
    assert got[(m.CRISIS, "suicide")] == 1
    assert got[(m.DOMAIN, "money")] >= 1  # the referral is about debts
    assert got[(m.SHOWN, helped_card)] == 1
    assert got[(m.HELPFUL, helped_card)] == 1
    assert got[(m.UNFIT, unfit_card)] == 1
    assert (m.HELPFUL, unfit_card) not in got
    # "Dit past niet" makes the question an unmet need, themed by its longest word.
    assert got[(m.UNMET, "wandelen")] == 1
    assert got[(m.UNMET_PHRASE, f"wandelen{m.SEP}maatje wandelen")] == 1
    assert got[(m.REF_CREATED, "wt-lindenhof")] == 1
    assert (m.REF_CONTACTED, "wt-lindenhof") not in got
    # No resident text anywhere but the masked phrases of a theme.
    assert not any("lamp" in key or "leven" in key for _, key in got)


def test_a_referral_counts_on_the_days_of_its_steps(app, clock, day_of_conversations):
    _, _, reference = day_of_conversations
    clock.advance(days=1, hours=2)
    app.tickets.claim(reference, by="Fatima", team_id="wt-lindenhof")
    from handoff import ContactMethod

    app.tickets.record_contact(reference, ContactMethod.PHONE, by="Fatima", team_id="wt-lindenhof")
    next_day = date(2026, 11, 26)
    app.rollups.make(DAY)
    app.rollups.make(next_day)
    assert counts(app, DAY)[(m.REF_CREATED, "wt-lindenhof")] == 1
    later = counts(app, next_day)
    assert later[(m.REF_ACCEPTED, "wt-lindenhof")] == 1
    assert later[(m.REF_CONTACTED, "wt-lindenhof")] == 1
    assert later[(m.REF_FIRST_CONTACT, f"wt-lindenhof{m.SEP}48")] == 1  # 26 hours
    assert (m.CONVERSATIONS, "") not in later  # no conversation started that day


def test_making_a_day_again_replaces_it_and_the_counts_outlive_the_conversations(
    app, clock, day_of_conversations
):
    app.rollups.make(DAY)
    first = counts(app, DAY)
    _, end = day_bounds(DAY)
    app.rollups.make(DAY)
    assert counts(app, DAY) == first
    clock.advance(days=40)
    app.retention.purge()
    with app.sessions() as session:
        left = session.scalar(
            select(func.count()).select_from(Conversation).where(Conversation.created_at < end)
        )
    assert left == 1  # only the one with an open referral is kept
    assert counts(app, DAY) == first
    # Its conversations are gone: the day is no longer made again (it would count none).
    assert DAY not in app.rollups.due()


def test_due_makes_missing_days_once_and_recent_days_again_each_day(app, clock):
    due = app.rollups.due()
    assert len(due) == app.settings.retention_days
    assert due[-1] == date(2026, 11, 24)
    app.rollups.make_due()
    assert app.rollups.due() == []
    clock.advance(days=1)
    again = app.rollups.due()
    assert again[-1] == date(2026, 11, 25)
    assert len(again) == 14  # the last REDO_DAYS, once more
    app.rollups.make_due()
    assert app.rollups.due() == []
    with app.sessions() as session:
        assert session.scalar(select(InsightDay.conversations).where(InsightDay.day == DAY)) == 0


def test_a_take_over_by_a_volunteer_is_counted(staff_app):
    from bot.platform.models import StaffUser

    conversation = start(staff_app)
    say(staff_app, conversation, Incoming(text="ik zit er echt doorheen, kan iemand helpen"))
    with staff_app.sessions() as session:
        anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
    staff_app.takeovers.take(conversation, staff_id=anna, name="Anna")
    staff_app.takeovers.reply(conversation, staff_id=anna, text="Ik ben Anna, ik lees mee.")
    staff_app.rollups.make(DAY)
    got = counts(staff_app, DAY)
    assert got[(m.TAKEOVER, "")] == 1
    assert got[(m.CONVERSATIONS, "")] == 1
