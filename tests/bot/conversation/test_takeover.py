"""Taking over a conversation on both databases: one holder at a time, even when two
volunteers press the button at the same moment."""

from __future__ import annotations

import threading

import pytest

from bot.conversation import TakeoverError
from bot.conversation.messages import Incoming
from bot.staff.accounts import Role, add_user, new_password


def volunteers(app, *names: str) -> list[int]:
    from sqlalchemy import select

    from bot.platform.models import StaffUser

    for name in names:
        add_user(
            app.sessions,
            username=name.lower(),
            display_name=name,
            role=Role.VOLUNTEER,
            password=new_password(),
        )
    with app.sessions() as session:
        return [
            session.scalar(select(StaffUser.id).where(StaffUser.username == n.lower()))
            for n in names
        ]


def test_two_volunteers_at_the_same_moment_one_wins(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    app.conversations.receive(conversation, Incoming(text="ik voel me alleen"))
    ids = volunteers(app, "Anna", "Bram", "Cor", "Dina")
    barrier = threading.Barrier(len(ids))
    won: list[int] = []
    lost: list[str] = []

    def press(staff_id: int, name: str) -> None:
        barrier.wait()
        try:
            app.takeovers.take(conversation, staff_id=staff_id, name=name)
            won.append(staff_id)
        except TakeoverError as exc:
            lost.append(exc.reason)

    threads = [
        threading.Thread(target=press, args=(i, n))
        for i, n in zip(ids, ["Anna", "Bram", "Cor", "Dina"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(won) == 1
    assert lost == ["held_by_other"] * 3
    assert app.takeovers.holder(conversation).staff_id == won[0]
    announcements = [m for m in app.conversations.log(conversation) if "U praat nu met" in m.text]
    assert len(announcements) == 1


def test_a_held_conversation_waits_for_the_volunteer_and_then_the_assistant_is_back(app):
    conversation = app.conversations.start(channel="web", locale="en").conversation_id
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    assert app.conversations.log(conversation)[-1].text == (
        "You are now talking to Anna, a volunteer."
    )
    assert app.conversations.receive(conversation, Incoming(text="hello?")) == []
    app.takeovers.reply(conversation, staff_id=anna, text="Hi, I am Anna.")
    app.takeovers.hand_back(conversation, staff_id=anna)
    assert app.takeovers.holder(conversation) is None
    assert app.conversations.receive(conversation, Incoming(text="where is the community centre"))


def test_a_deleted_conversation_can_no_longer_be_held(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    assert app.forget_conversation(conversation)
    for action in (
        lambda: app.takeovers.reply(conversation, staff_id=anna, text="hallo"),
        lambda: app.takeovers.hand_back(conversation, staff_id=anna),
        lambda: app.takeovers.take(conversation, staff_id=anna, name="Anna"),
    ):
        with pytest.raises(TakeoverError) as raised:
            action()
        assert raised.value.reason == "not_found"
