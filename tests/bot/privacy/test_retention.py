"""Retention on SQLite and PostgreSQL: the purge deletes exactly what has passed its
period (conversations with their messages and notes, tickets' copies of the conversation,
old access log entries) and nothing else, in batches; a dry run only counts; the CLI
command and the running server's scheduled purge do the same."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from bot.channels.telegram import texts as telegram_texts
from bot.console import access_log
from bot.conversation.messages import Incoming
from bot.platform.clock import utcnow
from bot.platform.i18n import Catalogs
from bot.platform.models import Conversation, ConversationNote, Message, TranscriptView
from bot.platform.settings import SUPPORTED_LOCALES, SettingsError, load_settings
from bot.privacy.retention import PurgeReport, Retention, RetentionPolicy, purge_regularly
from bot.server import build_asgi
from handoff import Outcome, Status
from handoff.models import Ticket
from tests.command_line import vraagwijzer
from tests.conftest import FakeClock, make_app
from tests.personal_data import PHONE

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


def say(app, conversation_id: str, text: str = "", payload: str | None = None):
    return app.conversations.receive(conversation_id, Incoming(text=text, payload=payload))


def chat(app, text: str = "is er een taalcafe in de buurt") -> str:
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, text)
    return conversation


def hand_off(app, *, method: str = "phone") -> tuple[str, str]:
    """A resident asks for a referral; returns (conversation id, reference)."""
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    say(app, conversation, "ja")
    say(app, conversation, payload=f"handoff:{method}")
    if method == "phone":
        say(app, conversation, PHONE)
        say(app, conversation, "na drie uur")
    say(app, conversation, "4121 AB")
    say(app, conversation, "Fatima")
    sent = say(app, conversation, payload="handoff:send")
    assert sent[0].ticket is not None, [r.text for r in sent]
    return conversation, sent[0].ticket.reference


def close(app, reference: str) -> None:
    """The team closes the referral, as the console does (the resident may hear of it)."""
    closed = app.tickets.transition(
        reference, Status.CLOSED, by="femke", outcome=Outcome.HELPED, team_id="wt-lindenhof"
    )
    app.status_changed(closed)


def counts(app, conversation_id: str) -> dict[str, int]:
    with app.sessions() as session:
        return {
            "conversations": session.scalar(
                select(func.count()).where(Conversation.id == conversation_id)
            ),
            "messages": session.scalar(
                select(func.count()).where(Message.conversation_id == conversation_id)
            ),
            "notes": session.scalar(
                select(func.count()).where(ConversationNote.conversation_id == conversation_id)
            ),
            "access": session.scalar(
                select(func.count()).where(TranscriptView.conversation_id == conversation_id)
            ),
        }


def transcript_of(app, reference: str):
    return app.tickets.get(reference).transcript


def test_an_idle_conversation_goes_with_its_messages_and_notes_a_recent_one_stays(app, clock):
    old = chat(app)
    app.takeovers.add_note(old, author="anna", text="Mevrouw belt morgen terug")
    access_log.record(
        app.sessions,
        kind=access_log.TRANSCRIPT,
        conversation_id=old,
        username="anna",
        role="volunteer",
        at=clock(),
    )
    clock.advance(days=20)
    recent = chat(app)
    clock.advance(days=10, hours=1)  # old: idle 30 days and an hour; recent: 10 days

    before = counts(app, old)
    assert before["messages"] >= 3
    assert before["notes"] == 1
    dry = app.retention.purge(dry_run=True)
    assert dry == PurgeReport(conversations=1, messages=before["messages"], notes=1, dry_run=True)
    assert counts(app, old) == before  # a dry run deletes nothing

    report = app.retention.purge()
    assert report == PurgeReport(conversations=1, messages=before["messages"], notes=1)
    # Gone from the database, not hidden; the access log (an audit log) stays.
    assert counts(app, old) == {"conversations": 0, "messages": 0, "notes": 0, "access": 1}
    assert counts(app, recent)["conversations"] == 1
    assert app.retention.purge() == PurgeReport()

    clock.advance(days=20)
    assert app.retention.purge().conversations == 1
    assert counts(app, recent)["conversations"] == 0


def test_any_later_message_counts_as_activity(app, clock):
    conversation = chat(app)
    clock.advance(days=25)
    # A volunteer's reply (or a status update) is a message too: the 30 days start again.
    with app.sessions.begin() as session:
        session.add(
            Message(
                conversation_id=conversation,
                sender="staff",
                text="Hallo, ik ben Anna.",
                parts={},
                created_at=clock(),
            )
        )
    clock.advance(days=10)
    assert app.retention.purge().conversations == 0
    clock.advance(days=21)
    assert app.retention.purge().conversations == 1


def test_a_referral_keeps_its_conversation_while_open_and_its_transcript_a_year_after_closing(
    app, clock
):
    conversation, reference = hand_off(app)
    clock.advance(days=60)
    assert app.retention.purge().conversations == 0  # the referral is still open
    assert counts(app, conversation)["conversations"] == 1

    close(app, reference)
    report = app.retention.purge()
    assert (report.conversations, report.ticket_transcripts) == (1, 0)
    assert counts(app, conversation)["conversations"] == 0
    ticket = app.tickets.get(reference)
    assert ticket.transcript
    assert any(line.text == STORY for line in ticket.transcript)

    clock.advance(days=364)
    assert app.retention.purge() == PurgeReport()
    clock.advance(days=2)
    assert app.retention.purge(dry_run=True) == PurgeReport(ticket_transcripts=1, dry_run=True)
    assert transcript_of(app, reference)
    assert app.retention.purge() == PurgeReport(ticket_transcripts=1)

    # The ticket stays as the team's record: only its copy of the conversation is gone,
    # and its history says so.
    ticket = app.tickets.get(reference)
    assert ticket.transcript is None
    assert (ticket.status, ticket.phone, ticket.name) == (Status.CLOSED, PHONE, "Fatima")
    assert STORY in ticket.summary
    history = app.tickets.history(reference, team_id=None)
    assert (history[-1].action, history[-1].from_value, history[-1].to_value) == (
        "transcript",
        "shared",
        "erased",
    )
    assert history[-1].by == "VraagWijzer"
    assert app.retention.purge() == PurgeReport()


def test_a_reopened_referral_counts_from_its_last_closing(app, clock):
    _, reference = hand_off(app)
    close(app, reference)
    clock.advance(days=300)
    app.tickets.transition(reference, Status.IN_PROGRESS, by="femke", team_id="wt-lindenhof")
    clock.advance(days=100)
    assert app.retention.purge().ticket_transcripts == 0  # open again: the team needs it
    close(app, reference)
    clock.advance(days=300)
    assert app.retention.purge().ticket_transcripts == 0
    clock.advance(days=66)
    assert app.retention.purge().ticket_transcripts == 1


def test_a_resident_who_hears_back_in_the_chat_gets_the_closing_message_first(app, clock):
    conversation, reference = hand_off(app, method="chat")
    clock.advance(days=45)
    before = len(app.conversations.log(conversation))
    close(app, reference)  # the status change is posted in the chat
    assert len(app.conversations.log(conversation)) == before + 1
    assert app.retention.purge().conversations == 0
    clock.advance(days=31)
    assert app.retention.purge().conversations == 1


def test_the_access_log_is_kept_for_its_own_period(app, clock):
    access_log.record(
        app.sessions,
        kind=access_log.TRANSCRIPT,
        conversation_id="gone-long-ago",
        username="anna",
        role="volunteer",
        at=clock(),
    )
    clock.advance(days=700)
    access_log.record(
        app.sessions,
        kind=access_log.TRANSCRIPT,
        conversation_id="gone-later",
        username="bram",
        role="admin",
        at=clock(),
    )
    clock.advance(days=31)
    report = app.retention.purge()
    assert report.access_log_entries == 1
    assert [a.conversation_id for a in access_log.openings(app.sessions)] == ["gone-later"]


def test_a_volunteers_note_or_take_over_counts_as_activity(app, clock):
    """Staff still at work on a conversation keep it, even when the resident is quiet."""
    noted, taken = chat(app), chat(app)
    clock.advance(days=25)
    app.takeovers.add_note(noted, author="anna", text="Bel mevrouw vrijdag terug")
    with app.sessions.begin() as session:
        session.get(Conversation, taken).held_since = clock()
    clock.advance(days=10)
    assert app.retention.purge().conversations == 0
    clock.advance(days=21)
    assert app.retention.purge().conversations == 2


def test_a_retention_shorter_than_a_conversation_can_be_continued_is_refused():
    """Else a resident could still be writing in a conversation the purge deletes."""
    with pytest.raises(SettingsError, match="RETENTION_DAYS"):
        load_settings(retention_days=7)
    assert load_settings(retention_days=7, conversation_expiry_days=7).retention_days == 7


def test_the_periods_come_from_settings(database_url, tmp_path, analyzer, clock):
    app = make_app(
        database_url,
        tmp_path,
        analyzer,
        clock,
        retention_days=7,
        conversation_expiry_days=7,
        ticket_transcript_days=10,
        access_log_days=3,
    )
    try:
        assert app.retention.policy == RetentionPolicy(7, 10, 3)
        conversation = chat(app)
        referred, reference = hand_off(app)
        close(app, reference)
        access_log.record(
            app.sessions,
            kind=access_log.TRANSCRIPT,
            conversation_id=conversation,
            username="anna",
            role="volunteer",
            at=clock(),
        )
        messages = counts(app, conversation)["messages"] + counts(app, referred)["messages"]
        clock.advance(days=7, minutes=1)
        assert app.retention.purge() == PurgeReport(
            conversations=2, messages=messages, access_log_entries=1
        )
        clock.advance(days=3)
        assert app.retention.purge() == PurgeReport(ticket_transcripts=1)
    finally:
        app.close()


def test_the_purge_works_in_batches(app, clock):
    conversations = [chat(app, "hallo") for _ in range(7)]
    _, reference = hand_off(app)
    close(app, reference)
    clock.advance(days=400)
    expected_messages = 0
    for conversation_id in conversations:
        expected_messages += counts(app, conversation_id)["messages"]

    deleted_per_statement: list[int] = []

    def watch(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("DELETE FROM CONVERSATIONS"):
            deleted_per_statement.append(cursor.rowcount)

    retention = Retention(app.sessions, app.tickets, RetentionPolicy(), clock, batch_size=3)
    event.listen(app.db, "after_cursor_execute", watch)
    try:
        report = retention.purge()
    finally:
        event.remove(app.db, "after_cursor_execute", watch)
    assert report.conversations == 8
    assert report.messages >= expected_messages
    assert report.ticket_transcripts == 1
    assert deleted_per_statement == [3, 3, 2]
    with app.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 0
        assert session.scalar(select(func.count()).select_from(Message)) == 0
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_a_batch_size_below_one_is_refused(app, clock):
    with pytest.raises(ValueError, match="batch_size"):
        Retention(app.sessions, app.tickets, RetentionPolicy(), clock, batch_size=0)


# -- the purge in the running server -------------------------------------------------------


def wait_until(condition, *, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        time.sleep(0.05)


def test_the_server_purges_at_start_up_and_then_every_interval(
    database_url, tmp_path, analyzer, clock
):
    app = make_app(database_url, tmp_path, analyzer, clock, purge_interval_minutes=0.002)
    try:
        old = chat(app)
        clock.advance(days=20)
        newer = chat(app)
        clock.advance(days=11)
        with TestClient(build_asgi(app.settings, application=app)):
            wait_until(lambda: counts(app, old)["conversations"] == 0)  # at start-up
            assert counts(app, newer)["conversations"] == 1
            clock.advance(days=20)
            wait_until(lambda: counts(app, newer)["conversations"] == 0)  # a later round
    finally:
        app.close()


class FlakyRetention:
    """The real purge, failing on its first round (a database that was briefly away)."""

    def __init__(self, real: Retention) -> None:
        self.real = real
        self.rounds = 0

    def purge(self, *, dry_run: bool = False) -> PurgeReport:
        self.rounds += 1
        if self.rounds == 1:
            raise RuntimeError("database briefly unavailable")
        return self.real.purge(dry_run=dry_run)


def test_a_failed_round_is_logged_and_the_next_one_purges(app, clock, caplog):
    old = chat(app)
    clock.advance(days=31)
    flaky = FlakyRetention(app.retention)

    async def run() -> None:
        task = asyncio.create_task(purge_regularly(flaky, interval_minutes=0.001))  # type: ignore[arg-type]
        try:
            while flaky.rounds < 3:
                await asyncio.sleep(0.01)
        finally:
            task.cancel()

    asyncio.run(asyncio.wait_for(run(), timeout=30))
    assert "retention purge failed" in caplog.text
    assert counts(app, old)["conversations"] == 0


# -- the command ----------------------------------------------------------------------------


def test_the_purge_command_prints_counts_and_a_dry_run_deletes_nothing(
    sqlite_url, tmp_path, analyzer
):
    # The command runs on the real clock: the data is made 40 days in the past.
    past = FakeClock()
    past.now = utcnow() - timedelta(days=40)
    app = make_app(sqlite_url, tmp_path, analyzer, past)
    try:
        old = chat(app, f"mijn telefoonnummer is {PHONE}")
        app.takeovers.add_note(old, author="anna", text="Belt terug")
        messages = counts(app, old)["messages"]
    finally:
        app.close()

    env = {"VRAAGWIJZER_DATABASE_URL": sqlite_url, "VRAAGWIJZER_DATA_DIR": str(tmp_path)}

    def purge(*args: str) -> str:
        done = vraagwijzer("purge", *args, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    dry = purge("--dry-run")
    assert f"conversations to delete: 1 ({messages} messages, 1 notes)" in dry
    assert "30 days after the last message" in dry
    real = purge()
    assert f"conversations deleted: 1 ({messages} messages, 1 notes)" in real
    assert "ticket transcripts erased: 0" in real
    assert PHONE not in dry + real
    assert "conversations deleted: 0" in purge()


# -- what residents are told ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "words"),
    [("nl", ["45 dagen na het laatste bericht", "/vergeet"]), ("en", ["45 days", "/vergeet"])],
)
def test_telegrams_privacy_text_states_the_retention_from_settings(locale, words):
    text = telegram_texts.privacy_text(
        Catalogs(SUPPORTED_LOCALES).get(locale),
        municipality="Lindenhaven",
        phone="14 0344",
        days=30,
        retention_days=45,
    )
    for word in words:
        assert word in text
    assert "until you delete them" not in text
