"""Whatever a resident sends, the engine answers or refuses it cleanly, and keeps it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation.errors import InvalidMessage
from bot.conversation.messages import Incoming
from tests import personal_data
from tests.conftest import FakeClock, make_app

pytestmark = pytest.mark.slow  # fuzz: hundreds of generated conversations

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["ja", "nee", "4101 AB", "9999 ZZ", "laat maar", "VW-7KQ4-M2", "\x00", "🙂"]),
)
payloads = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(
        ["lang:en", "lang:xx", "ask:district", "district:centrum", "district:nope", "restart", ":"]
    ),
)


def test_any_text_or_payload_is_answered_or_refused_cleanly(sqlite_url, tmp_path, analyzer):
    app = make_app(sqlite_url, tmp_path, analyzer, FakeClock())
    conversation = app.conversations.start(channel="test").conversation_id

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(text=texts, payload=payloads)
    def check(text, payload):
        before = len(app.conversations.log(conversation))
        try:
            replies = app.conversations.receive(conversation, Incoming(text=text, payload=payload))
        except InvalidMessage:
            assert len(app.conversations.log(conversation)) == before
            return
        assert replies
        assert all(r.text.strip() for r in replies)
        assert len(app.conversations.log(conversation)) == before + 1 + len(replies)

    try:
        check()
    finally:
        app.close()


# -- whole conversations: typing anything, pressing what was offered, or sending a made-up
# payload, step after step; over the length limit too -----------------------------------------

LIMIT = 100  # small, so that texts past it are cheap to generate
# What residents say that leads somewhere: a need for the district team (consent, contact,
# postcode, name, the last check), a crisis, a status question, answers to those questions.
moves = st.sampled_from(
    [
        "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit",
        "ik wil met iemand praten",
        "ik wil niet meer leven",
        "wat is de status van VW-7KQ4-M2",
        f"bel me op {personal_data.PHONE}",
        f"mijn mail is {personal_data.EMAIL_TYPO}",
        "4101 AB",
        "Jan",
        "ja",
        "nee",
        "laat maar",
    ]
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("text"), texts),
        st.tuples(st.just("text"), moves),
        # Pressing what was offered, more often than anything else: that is how the deeper
        # states (contact, postcode, the last check) are reached.
        *[st.tuples(st.just("press"), st.integers(min_value=0, max_value=5))] * 4,
        st.tuples(st.just("text"), st.text(min_size=LIMIT + 1, max_size=LIMIT + 40)),
        st.tuples(st.just("press"), st.integers(min_value=0, max_value=5)),
        st.tuples(st.just("payload"), payloads.filter(lambda p: p is not None)),
        st.tuples(st.just("payload"), st.text(min_size=201, max_size=260)),
    ),
    min_size=1,
    max_size=10,
)


def test_any_sequence_of_texts_and_buttons_keeps_the_conversation_sound(
    sqlite_url, tmp_path, analyzer
):
    app = make_app(sqlite_url, tmp_path, analyzer, FakeClock(), max_message_chars=LIMIT)

    @settings(
        max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(steps=steps)
    def check(steps):
        started = app.conversations.start(channel="test")
        conversation = started.conversation_id
        offered = list(started.messages[-1].buttons)
        for kind, value in steps:
            if kind == "press":
                if not offered:
                    continue
                incoming = Incoming(payload=offered[value % len(offered)].payload)
            elif kind == "payload":
                incoming = Incoming(payload=value)
            else:
                incoming = Incoming(text=value)
            before = app.conversations.log(conversation)
            try:
                replies = app.conversations.receive(conversation, incoming)
            except InvalidMessage as exc:
                refused = exc.code
            else:
                refused = None
            if refused is not None:
                # Refused whole: nothing of it stored, and the resident can go on.
                assert app.conversations.log(conversation) == before
                assert refused in {"empty_message", "message_too_long", "invalid_payload"}
                continue
            after = app.conversations.log(conversation)
            assert after[: len(before)] == before
            assert len(after) == len(before) + 1 + len(replies)
            assert replies
            assert all(r.text.strip() for r in replies)
            for reply in replies:
                assert all(b.label.strip() and b.payload for b in reply.buttons)
            offered = list(replies[-1].buttons)

    try:
        check()
    finally:
        app.close()
