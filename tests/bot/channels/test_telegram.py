"""The Telegram channel end to end: the real python-telegram-bot, long polling a fake Bot
API server on loopback, talking to the real conversation engine and database."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.application import Application
from bot.channels.telegram import CHANNEL
from bot.channels.telegram.format import visible_len
from bot.conversation import replies
from bot.platform.models import Conversation, Message
from handoff import Status
from tests.bot.telegram_helpers import keyboard_data, keyboard_labels, run
from tests.fake_telegram import FakeTelegram, html_problem

CHAT = 4242
STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


# -- helpers -------------------------------------------------------------------------------


async def say(fake: FakeTelegram, text: str, *, chat: int = CHAT, expect: str = "", **kw) -> list:
    """Send a text and wait for a reply (one containing ``expect``, if given)."""
    before = len(fake.sent(chat))
    fake.text(chat, text, **kw)
    return await replies_after(fake, before, chat=chat, expect=expect)


async def replies_after(fake: FakeTelegram, before: int, *, chat: int = CHAT, expect: str = ""):
    def arrived() -> bool:
        new = fake.sent(chat)[before:]
        return (
            any(expect in p["text"] or expect in keyboard_labels(p) for p in new)
            if expect
            else bool(new)
        )

    await fake.wait_until(arrived, what=f"a reply with {expect!r}")
    return fake.sent(chat)[before:]


async def press(fake: FakeTelegram, label: str, *, chat: int = CHAT, expect: str = "") -> list:
    """Press the button with this label on the last message that has it."""
    for params in reversed(fake.sent(chat)):
        labels = keyboard_labels(params)
        if label in labels:
            data = keyboard_data(params)[labels.index(label)]
            before = len(fake.sent(chat))
            fake.press(chat, params["message_id"], data)
            return await replies_after(fake, before, chat=chat, expect=expect)
    raise AssertionError(f"no button {label!r} in {[keyboard_labels(p) for p in fake.sent(chat)]}")


def texts_of(params: list) -> str:
    return "\n".join(p["text"] for p in params)


def conversation_of(app: Application, chat: int = CHAT) -> Conversation | None:
    with app.sessions() as session:
        return session.scalars(
            select(Conversation).where(
                Conversation.channel == CHANNEL, Conversation.channel_ref == str(chat)
            )
        ).one_or_none()


# -- tests ---------------------------------------------------------------------------------


def test_start_registers_commands_and_a_first_message_gets_welcome_and_answer(app, fake):
    async def scenario(channel):
        await say(fake, "/start", expect="Lindenhaven")
        await say(fake, "is er een klussendienst in de buurt", expect="<b>")

    run(app, fake, scenario)

    assert fake.calls_of("getMe")
    assert fake.calls_of("deleteWebhook")  # polling starts by removing any webhook
    registered = {c.params.get("language_code"): c.params for c in fake.calls_of("setMyCommands")}
    assert set(registered) == {None, "nl", "en"}
    names = [c["command"] for c in registered["nl"]["commands"]]
    assert names == ["start", "help", "taal", "privacy", "status", "vergeet", "stop"]
    assert registered["nl"]["commands"][4]["description"] == "Hoe staat het met mijn aanmelding?"
    assert registered["en"]["commands"][4]["description"] == "How is my referral doing?"
    welcome, answer = fake.sent(CHAT)[:2]
    assert welcome["text"].startswith("Hallo! Ik ben de digitale assistent")
    assert welcome["parse_mode"] == "HTML"
    assert keyboard_labels(welcome) == ["English"]
    dutch = app.catalogs.get("nl")
    assert answer["text"].startswith(
        (
            dutch.ngettext("This fits your question:", "These fit your question:", 1),
            dutch.ngettext("This fits your question:", "These fit your question:", 2),
        )
    )
    assert fake.calls_of("sendChatAction")
    assert all(html_problem(p["text"]) is None for p in fake.sent(CHAT))
    conversation = conversation_of(app)
    assert conversation is not None
    assert conversation.locale == "nl"


def test_an_english_telegram_user_is_welcomed_in_english(app, fake):
    async def scenario(channel):
        await say(fake, "/start", language="en-GB", expect="Hello!")

    run(app, fake, scenario)
    assert keyboard_labels(fake.sent(CHAT)[0]) == ["Nederlands"]


def test_a_button_is_answered_its_keyboard_removed_and_a_second_press_does_nothing(app, fake):
    async def scenario(channel):
        await say(fake, "/start", expect="Hallo")
        welcome = fake.sent(CHAT)[0]
        (data,) = keyboard_data(welcome)
        assert data == f"m{_first_bot_message_id(app)}:0"
        reply = await press(fake, "English", expect="English")
        assert (
            reply[0]["text"] == "Fine, I will write in English from now on. What is your question?"
        )
        # The same keyboard again (a double tap): answered, nothing sent, nothing stored.
        before = len(fake.sent(CHAT))
        fake.press(CHAT, welcome["message_id"], data)
        await fake.wait_until(lambda: len(fake.calls_of("answerCallbackQuery")) >= 2)
        await say(fake, "hallo", expect="Hello")
        assert len(fake.sent(CHAT)) == before + 1

    run(app, fake, scenario)
    answers = fake.calls_of("answerCallbackQuery")
    assert len(answers) == 2
    assert "text" not in answers[0].params
    assert answers[1].params["text"] == "You already chose." or answers[1].params["text"] == (
        "U heeft al gekozen."
    )
    (edit,) = fake.calls_of("editMessageReplyMarkup")
    assert int(edit.params["message_id"]) == fake.sent(CHAT)[0]["message_id"]
    assert "reply_markup" not in edit.params  # the keyboard is gone
    assert conversation_of(app).locale == "en"
    with app.sessions() as session:
        presses = session.scalars(select(Message).where(Message.payload == "lang:en")).all()
    assert len(presses) == 1


def _first_bot_message_id(app: Application) -> int:
    with app.sessions() as session:
        return session.scalars(select(Message.id).where(Message.sender == "bot")).first()


def test_the_commands(app, fake):
    async def scenario(channel):
        help_ = await say(fake, "/help", expect="/vergeet")
        assert "Ik ben de digitale assistent van de gemeente Lindenhaven" in help_[0]["text"]
        privacy = await say(fake, "/privacy", expect="Wat ik bewaar")
        assert "30 dagen" in privacy[0]["text"]
        assert "14 0344" in privacy[0]["text"]
        language = await say(fake, "/taal", expect="Welke taal")
        assert "Which language do you want?" in language[0]["text"]
        assert keyboard_labels(language[0]) == ["Nederlands", "English"]
        assert keyboard_data(language[0]) == ["p:lang:nl", "p:lang:en"]
        await press(fake, "English", expect="in English")
        status = await say(fake, "/status", expect="referred")
        assert "You have not been referred" in texts_of(status)
        bye = await say(fake, "/stop", expect="Goodbye")
        assert bye[-1]["text"].startswith("Goodbye")
        unknown = await say(fake, "/onbekend", expect="/vergeet")
        assert "/start" in unknown[0]["text"]

    run(app, fake, scenario)


def test_stop_in_the_middle_of_a_referral_sends_nothing(app, fake):
    async def scenario(channel):
        await say(fake, STORY, expect="Vindt u dat goed")
        stopped = await say(fake, "/stop", expect="Dag, en veel succes")
        assert "Ik heb niets verstuurd" in texts_of(stopped)

    run(app, fake, scenario)
    assert conversation_of(app).state == "idle"
    assert app.tickets.list("wt-lindenhof") == []


def test_photos_stickers_and_voice_get_a_kind_answer(app, fake):
    async def scenario(channel):
        for content in (
            {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]},
            {"sticker": _sticker()},
            {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
            {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "brief.pdf"}},
        ):
            before = len(fake.sent(CHAT))
            fake.message(CHAT, **content)
            reply = await replies_after(fake, before, expect="alleen tekst")
            assert len(reply) == 1

    run(app, fake, scenario)


def _sticker() -> dict:
    return {
        "file_id": "s1",
        "file_unique_id": "u2",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }


def test_a_location_asks_for_the_postcode_which_then_finds_the_district(app, fake):
    async def scenario(channel):
        before = len(fake.sent(CHAT))
        fake.message(CHAT, location={"latitude": 51.8, "longitude": 5.3})
        reply = await replies_after(fake, before, expect="postcode")
        assert "zie ik niet in welke wijk" in texts_of(reply)
        noted = await say(fake, "4101 AB", expect="Centrum")
        assert "U woont in Centrum" in texts_of(noted)

    run(app, fake, scenario)
    assert conversation_of(app).district_id == "centrum"


def test_a_referral_through_telegram_its_status_and_forgetting_the_chat(app, fake):
    async def scenario(channel):
        await say(fake, STORY, expect="Vindt u dat goed")
        await press(fake, "Ja, dat is goed", expect="Hier in de chat")
        await press(fake, "Hier in de chat", expect="postcode")
        await say(fake, "4121 AB", expect="noemen")
        await press(fake, "Overslaan", expect="Zal ik het versturen")
        sent = await press(fake, "Versturen", expect="cliëntondersteuner")
        (ticket,) = app.tickets.list("wt-lindenhof")
        assert ticket.reference in texts_of(sent)
        assert ticket.channel == "telegram"

        # The team moves the ticket: the resident hears it in Telegram unasked.
        before = len(fake.sent(CHAT))
        moved = app.tickets.transition(
            ticket.reference, Status.IN_PROGRESS, by="femke", team_id="wt-lindenhof"
        )
        app.status_changed(moved)
        update = await replies_after(fake, before, expect="werkt aan uw vraag")
        assert ticket.reference in update[0]["text"]

        status = await say(fake, "/status", expect=ticket.reference)
        assert "Wijkteam Lindenhof werkt aan uw vraag" in texts_of(status)

        question = await say(fake, "/vergeet", expect="Zal ik uw gesprek wissen")
        assert keyboard_data(question[0]) == ["p:forget:yes", "p:forget:no"]
        await press(fake, "Ja, wis het", expect="gewist")
        return ticket.reference

    reference = run(app, fake, scenario)
    assert conversation_of(app) is None
    with app.sessions() as session:
        assert session.scalars(select(Message)).all() == []
    # The team keeps its referral, with a note of what the resident did.
    ticket = app.tickets.get(reference)
    assert ticket.transcript
    notes = app.tickets.notes(reference, team_id=None)
    assert [n.text for n in notes] == [
        "De inwoner heeft dit gesprek in de chat gewist. Deze aanmelding blijft bestaan, met "
        "het gesprek zoals het bij het versturen werd gedeeld."
    ]


def test_forget_can_be_declined_and_without_a_chat_there_is_nothing_to_forget(app, fake):
    async def scenario(channel):
        nothing = await say(fake, "/vergeet", expect="niets om te wissen")
        assert keyboard_data(nothing[0]) == []
        await say(fake, "hallo", expect="Hallo")
        await say(fake, "/vergeet", expect="Zal ik")
        await press(fake, "Nee, bewaar het", expect="niets gewist")

    run(app, fake, scenario)
    assert conversation_of(app) is not None


def test_an_expired_chat_starts_anew_and_forgetting_removes_old_chats_too(app, fake, clock):
    async def scenario(channel):
        await say(fake, "hallo", expect="Waarmee")
        clock.advance(days=31)
        again = await say(fake, "hallo", expect="digitale assistent")
        assert again[0]["text"].startswith("Hallo! Ik ben")
        with app.sessions() as session:
            refs = sorted(
                session.scalars(
                    select(Conversation.channel_ref).where(Conversation.channel == CHANNEL)
                )
            )
        assert refs[0] == str(CHAT)
        assert refs[1].startswith(f"{CHAT}#")
        await say(fake, "/vergeet", expect="Zal ik")
        await press(fake, "Ja, wis het", expect="gewist")

    run(app, fake, scenario)
    with app.sessions() as session:
        assert session.scalars(select(Conversation)).all() == []


def test_the_same_update_twice_is_answered_once_even_after_a_restart(app, fake):
    async def first(channel):
        update = fake.text(CHAT, "hallo")
        await replies_after(fake, 0, expect="Hallo")  # welcome and greeting
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= 2)
        fake.redeliver(update)
        await say(fake, "bedankt", expect="Graag gedaan")
        return update

    update = run(app, fake, first)
    count = len(fake.sent(CHAT))
    assert count == 3

    async def after_restart(channel):
        # A new process remembers nothing: the engine's log knows it was answered.
        fake.redeliver(update)
        await say(fake, "dank je", expect="Graag gedaan")

    run(app, fake, after_restart)
    assert len(fake.sent(CHAT)) == count + 1


def test_group_chats_are_ignored(app, fake):
    async def scenario(channel):
        group = {
            "message_id": 1,
            "date": 0,
            "chat": {"id": -100, "type": "group", "title": "buurt"},
            "from": {"id": 7, "is_bot": False, "first_name": "X"},
            "text": "hallo",
        }
        fake.add_update({"message": group})
        await say(fake, "hallo", expect="Hallo")

    run(app, fake, scenario)
    assert fake.sent(-100) == []


def test_a_message_nobody_asked_for_is_delivered_and_long_ones_are_split(app, fake):
    async def scenario(channel):
        await say(fake, "hallo", expect="Waarmee")
        conversation = conversation_of(app)
        paragraph = "Een lange <uitleg> & meer. " * 40  # ~1,100 characters
        long_text = "\n\n".join([paragraph] * 9)
        before = len(fake.sent(CHAT))
        app.conversations.notify(conversation.id, lambda texts: [replies.Reply(long_text)])
        await fake.wait_until(
            lambda: sum(len(p["text"]) for p in fake.sent(CHAT)[before:]) >= 9 * 1000,
            what="the whole long message",
        )
        return before

    before = run(app, fake, scenario)
    parts = fake.sent(CHAT)[before:]
    assert len(parts) == 3
    for part in parts:
        assert visible_len(part["text"]) <= 4096
        assert html_problem(part["text"]) is None
        assert "&lt;uitleg&gt; &amp; meer." in part["text"]
    assert conversation_of(app).delivered_id == _last_message_id(app)


def _last_message_id(app: Application) -> int:
    with app.sessions() as session:
        return max(session.scalars(select(Message.id)))


# -- Telegram failing ----------------------------------------------------------------------


def test_flood_waits_and_server_errors_are_retried_and_delivered_once(app, fake):
    async def scenario(channel):
        fake.fail("sendMessage", status=429, retry_after=1)
        fake.fail("sendMessage", status=500, times=2)
        fake.fail("sendMessage", status=502)
        await say(fake, "hallo", expect="Hallo!")
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= 2, what="welcome and greeting")

    run(app, fake, scenario)
    assert len(fake.calls_of("sendMessage", ok=False)) == 4
    texts = fake.sent_texts(CHAT)
    assert len(texts) == len(set(texts)) == 2


def test_a_slow_bot_api_times_out_and_is_tried_again(app, fake):
    async def scenario(channel):
        fake.fail("sendMessage", status=500, delay=2.0)
        await say(fake, "hallo", expect="Hallo!")

    run(app, fake, scenario, request_timeout=0.5)
    assert fake.calls_of("sendMessage", ok=False)
    assert fake.sent_texts(CHAT)[0].startswith("Hallo! Ik ben")


def test_while_telegram_is_down_nothing_is_lost(app, fake):
    async def scenario(channel):
        # More failures than one flush retries: delivery waits, then catches up in order.
        fake.fail("sendMessage", status=500, times=10)
        fake.text(CHAT, "hallo")
        fake.text(CHAT, "bedankt")
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= 3, what="all replies")

    run(app, fake, scenario)
    texts = fake.sent_texts(CHAT)
    assert texts[0].startswith("Hallo! Ik ben")
    assert texts[1] == "Hallo! Waarmee kan ik u helpen?"
    assert texts[2].startswith("Graag gedaan")


def test_undelivered_messages_are_sent_after_a_restart(app, fake):
    conversation, _ = app.conversations.open_channel(CHANNEL, str(CHAT), locale="nl")
    app.conversations.notify(conversation.id, lambda texts: [replies.Reply("Nog iets")])

    async def scenario(channel):
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= 2, what="the catch-up")

    run(app, fake, scenario)
    texts = fake.sent_texts(CHAT)
    assert texts[0].startswith("Hallo! Ik ben")
    assert texts[1] == "Nog iets"


def test_a_blocked_bot_does_not_stop_other_chats(app, fake):
    async def scenario(channel):
        fake.fail("sendMessage", status=403)
        fake.text(CHAT, "hallo")
        await fake.wait_until(lambda: fake.calls_of("sendMessage", ok=False), what="the refusal")
        await say(fake, "hallo", chat=CHAT + 1, expect="Hallo! Waarmee")
        await say(fake, "bedankt", expect="Graag gedaan")

    run(app, fake, scenario)


def test_a_message_stored_but_not_answered_before_a_crash_is_answered_after_restart(
    app, fake, clock
):
    conversation, _ = app.conversations.open_channel(CHANNEL, str(CHAT), locale="nl")
    # As if the process died after storing the resident's message, before answering it.
    with app.sessions() as session, session.begin():
        session.add(
            Message(
                conversation_id=conversation.id,
                sender="resident",
                text="hallo",
                client_id="tg:m:1",
                parts={},
                created_at=clock(),
            )
        )

    async def scenario(channel):
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= 2, what="welcome and the answer")

    run(app, fake, scenario)
    texts = fake.sent_texts(CHAT)
    assert texts[0].startswith("Hallo! Ik ben")
    assert texts[1] == "Hallo! Waarmee kan ik u helpen?"
    assert app.conversations.unanswered(channel=CHANNEL, since=timedelta(days=2)) == []


def test_a_take_over_withdraws_old_buttons_and_an_old_press_is_refused(app, fake):
    """Issue 17, finding 1 on Telegram: the consent question's keyboard is taken away when
    a volunteer takes over, and pressing it anyway (an old client) is refused in words."""
    from tests.bot.conversation.test_takeover import volunteers

    (anna,) = volunteers(app, "Anna")

    async def scenario(channel):
        await say(fake, STORY, expect="Vindt u dat goed")
        (conversation,) = app.conversations.chat_conversations(CHANNEL, str(CHAT))
        asking = next(p for p in fake.sent(CHAT) if "Ja, dat is goed" in keyboard_labels(p))
        before = len(fake.sent(CHAT))
        await asyncio.to_thread(app.takeovers.take, conversation, staff_id=anna, name="Anna")
        await replies_after(fake, before, expect="U praat nu met Anna")
        await fake.wait_until(
            lambda: any(
                int(c.params.get("message_id", 0)) == asking["message_id"]
                for c in fake.calls_of("editMessageReplyMarkup")
            ),
            what="the consent keyboard withdrawn",
        )
        await press(fake, "Ja, dat is goed", expect="Deze knop werkt niet meer")

    run(app, fake, scenario)
    assert app.tickets.list("wt-lindenhof") == []
    with app.sessions() as session:
        (row,) = session.scalars(select(Conversation).where(Conversation.channel == CHANNEL))
        assert row.state == "idle"
