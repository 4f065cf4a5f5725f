"""Every conversation error has a stable code of its own, so the edges can map them."""

from __future__ import annotations

import pytest

import bot.conversation as conversation
from bot.conversation import ConversationError, TakeoverError


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_conversation_error_has_a_code_of_its_own():
    errors = [ConversationError, *_subclasses(ConversationError)]
    codes = [vars(error).get("code") for error in errors]
    assert all(isinstance(code, str) and code for code in codes), errors
    assert len(set(codes)) == len(codes)


def test_the_public_api_holds_every_conversation_error():
    public = {getattr(conversation, name) for name in conversation.__all__}
    assert set(_subclasses(ConversationError)) <= public


@pytest.mark.parametrize(
    "reason",
    ["not_found", "expired", "held_by_other", "not_held", "not_holder", "empty", "too_long"],
)
def test_a_takeover_error_made_from_its_reason_is_that_reason(reason):
    error = TakeoverError(reason)
    assert type(error) is not TakeoverError
    assert error.reason == reason
    assert error.code == f"takeover.{reason}"
    assert isinstance(error, ConversationError)


def test_a_referral_a_volunteer_cannot_offer_is_a_takeover_error():
    offered = conversation.HandoffNotOffered()
    assert isinstance(offered, TakeoverError)
    assert type(TakeoverError(offered.reason)) is conversation.HandoffNotOffered


def test_the_chat_api_words_for_a_refused_message_stay_the_same():
    # Clients and the Telegram channel read these as they are.
    assert conversation.EmptyMessage.code == "empty_message"
    assert conversation.MessageTooLong.code == "message_too_long"
    assert conversation.InvalidPayload.code == "invalid_payload"
