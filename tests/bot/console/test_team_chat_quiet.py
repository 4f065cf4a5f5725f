"""After a district team answers a "Hier in de chat" referral, the resident's messages are
for the team: the assistant says once that it passed them on, then stays quiet until the
team writes again. A crisis is still answered at once."""

from __future__ import annotations

from datetime import timedelta

from bot.console.ticket_chat import post_reply
from bot.conversation.messages import Incoming, Kind, Sender


def team_writes(app, conversation_id: str, text: str) -> None:
    post_reply(
        app.sessions,
        app.events,
        app.clock,
        conversation_id=conversation_id,
        author="Fatima",
        team="Wijkteam Lindenhof",
        text=text,
        expiry=timedelta(days=30),
    )


def test_answers_to_the_team_are_passed_on_once_then_quiet(app):
    conversation = app.conversations.start(channel="test", locale="nl").conversation_id
    team_writes(app, conversation, "Dag, ik ben Fatima van het wijkteam. Kan ik u dinsdag bellen?")

    (note,) = app.conversations.receive(conversation, Incoming(text="Ja, dinsdagochtend is goed"))
    assert note.kind is Kind.STATUS
    assert "Wijkteam Lindenhof" in note.text
    assert "Waarmee kan ik u" not in note.text

    # More from the resident: stored (the team reads it), no word from the assistant.
    assert app.conversations.receive(conversation, Incoming(text="na tienen graag")) == []
    log = app.conversations.log(conversation)
    assert log[-1].sender is Sender.RESIDENT
    assert log[-1].text == "na tienen graag"

    # A crisis is never kept quiet.
    crisis = app.conversations.receive(conversation, Incoming(text="ik wil niet meer leven"))
    assert crisis[0].kind is Kind.CRISIS

    # The team writes again: the next answer is passed on again, once.
    team_writes(app, conversation, "Prima, tot dinsdag.")
    (again,) = app.conversations.receive(conversation, Incoming(text="dank u wel"))
    assert again.kind is Kind.STATUS


def test_without_a_team_answer_the_assistant_answers_as_usual(app):
    conversation = app.conversations.start(channel="test", locale="nl").conversation_id
    replies = app.conversations.receive(conversation, Incoming(text="ik zoek een klusdienst"))
    assert replies[-1].kind is Kind.ANSWER
