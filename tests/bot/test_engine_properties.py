"""Whatever a resident sends, the engine answers or refuses it cleanly, and keeps it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation.errors import InvalidMessage
from bot.conversation.messages import Incoming
from tests.conftest import FakeClock, make_app

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
