"""Exports for NLU training and labelling carry no personal data: residents' questions
masked and without ids (``nlu export-messages``), and the Rasa project (``nlu rasa
export``) made of our own training data only."""

from __future__ import annotations

import io
import json
import os
import stat
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

from bot.application import build_application
from bot.cli import main
from bot.cli.nlu_export import export_messages
from bot.conversation.messages import Incoming
from bot.demo.seed import seed
from bot.platform.masking import mask_personal_data
from bot.platform.models import StaffUser
from bot.staff.accounts import Role, add_user, new_password
from nlu.rasa_export import export_project
from tests import personal_data
from tests.conftest import make_settings
from tools.check_logs import found_in

QUESTION = f"ik heb schulden, bel me op {personal_data.PHONE} of mail {personal_data.EMAIL}"
STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"
FIELDS = {"text", "count", "language", "route", "domains", "scores", "act", "crisis", "entities"}


def say(app, conversation: str, text: str = "", payload: str | None = None) -> None:
    app.conversations.receive(conversation, Incoming(text=text, payload=payload))


def converse(app) -> list[str]:
    """Three residents: the same question twice, a referral with their details, a crisis."""
    conversations = [app.conversations.start(channel="web").conversation_id for _ in range(3)]
    first, second, third = conversations
    say(app, first, QUESTION)
    say(app, second, QUESTION)
    say(app, third, STORY)
    say(app, third, "ja")
    say(app, third, payload="handoff:phone")
    say(app, third, personal_data.PHONE_COMPACT)
    say(app, third, payload="handoff:any")
    say(app, third, "4121 AB")
    say(app, third, "Fatima")
    say(app, third, payload="handoff:send")
    say(app, first, f"ik wil niet meer leven, mijn iban is {personal_data.IBAN}")
    return conversations


def exported(app, since) -> list[dict]:
    sink = io.StringIO()
    count = export_messages(app.sessions, since=since, sink=sink)
    lines = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert len(lines) == count
    return lines


def test_questions_are_exported_masked_counted_and_without_ids(app, clock):
    conversations = converse(app)
    lines = exported(app, clock() - timedelta(days=30))
    raw = json.dumps(lines, ensure_ascii=False)
    assert found_in(raw) == []
    assert "Fatima" not in raw  # an answer to "what may the team call you", left out
    assert not any(c in raw for c in conversations)
    assert all(set(line) == FIELDS for line in lines)
    by_text = {line["text"]: line for line in lines}
    question = by_text["ik heb schulden, bel me op [telefoon] of mail [e-mail]"]
    assert question["count"] == 2
    assert "money" in question["domains"]
    assert set(question["entities"]) >= {"phone", "email"}
    assert by_text[STORY]["route"] == "handoff"
    assert len(lines) == 2  # nothing said during the referral's steps, and no crisis


def test_crisis_messages_are_left_out(app, clock):
    conversation = app.conversations.start(channel="web").conversation_id
    say(app, conversation, "ik wil niet meer leven")
    say(app, conversation, "ik word thuis geslagen en ben bang")
    say(app, conversation, "is er een klussendienst in de buurt")
    lines = exported(app, clock() - timedelta(days=30))
    assert [line["text"] for line in lines] == ["is er een klussendienst in de buurt"]


def test_answers_to_a_volunteer_are_left_out(app, clock):
    add_user(
        app.sessions,
        username="anna",
        display_name="Anna",
        role=Role.VOLUNTEER,
        password=new_password(),
    )
    with app.sessions() as session:
        anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
    conversation = app.conversations.start(channel="web").conversation_id
    say(app, conversation, "is er een klussendienst in de buurt")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    app.takeovers.reply(conversation, staff_id=anna, text="Hoe heet u?")
    say(app, conversation, "Fatima de Boer")
    app.takeovers.hand_back(conversation, staff_id=anna)
    say(app, conversation, "waar vind ik hulp bij de administratie")
    texts = [line["text"] for line in exported(app, clock() - timedelta(days=30))]
    assert "Fatima de Boer" not in texts
    assert sorted(texts) == [
        "is er een klussendienst in de buurt",
        "waar vind ik hulp bij de administratie",
    ]


def test_only_the_asked_period_is_exported(app, clock):
    converse(app)
    clock.advance(days=40)
    assert exported(app, clock() - timedelta(days=30)) == []


def test_the_command_writes_the_file(sqlite_url, tmp_path, analyzer):
    application = build_application(make_settings(sqlite_url, tmp_path), analyzer=analyzer)
    try:
        seed(application, logins_file=None)
        converse(application)
    finally:
        application.close()
    out = tmp_path / "labelling" / "questions.jsonl"
    result = CliRunner().invoke(
        main,
        ["nlu", "export-messages", "--since", "7", "--out", str(out)],
        env={"VRAAGWIJZER_DATABASE_URL": sqlite_url, "VRAAGWIJZER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert "wrote 2 questions of the last 7 days" in result.output
    text = out.read_text(encoding="utf-8")
    assert "[telefoon]" in text
    assert found_in(text) == []
    # Residents' words: readable by the owner only, whatever the umask.
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_command_narrows_an_existing_files_mode(sqlite_url, tmp_path, analyzer):
    application = build_application(make_settings(sqlite_url, tmp_path), analyzer=analyzer)
    application.close()
    out = tmp_path / "questions.jsonl"
    out.write_text("old contents\n", encoding="utf-8")
    os.chmod(out, 0o644)
    result = CliRunner().invoke(
        main,
        ["nlu", "export-messages", "--out", str(out)],
        env={"VRAAGWIJZER_DATABASE_URL": sqlite_url, "VRAAGWIJZER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == ""


def test_the_rasa_export_holds_only_our_own_training_data(tmp_path):
    export_project(tmp_path)
    for path in sorted(tmp_path.rglob("*.yml")):
        content = path.read_text(encoding="utf-8")
        assert mask_personal_data(content) == content, path.name
        assert found_in(content) == [], path.name
