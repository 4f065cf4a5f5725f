"""The console's one table of error codes: a staff member reads every refusal in their own
language, never an exception's English message."""

from __future__ import annotations

import pytest

from bot.console.errors import code_text, error_text, takeover_reason
from bot.console.ticket_chat import ChatReplyError
from bot.platform.errors import error_codes
from bot.platform.i18n import CONSOLE_DOMAIN, Catalogs
from bot.staff.accounts import StaffError
from handoff import InvalidTicket, NotATeamMember, TicketError, TransitionError

GENERAL = "Dat lukte niet. Kijk het formulier na en probeer het nog een keer."


@pytest.fixture(scope="module")
def dutch():
    return Catalogs(("nl", "en"), domain=CONSOLE_DOMAIN).get("nl")


@pytest.fixture(scope="module")
def english():
    return Catalogs(("nl", "en"), domain=CONSOLE_DOMAIN).get("en")


@pytest.mark.parametrize(
    "error",
    [
        TransitionError("a closed ticket cannot be claimed", code="closed"),
        TransitionError("closing a ticket needs an outcome", code="outcome_needed"),
        InvalidTicket("unknown team wt-nergens", code="unknown_team"),
        NotATeamMember("bram is not a member of team wt-oost"),
        TicketError("the ticket kept changing; try again", code="busy"),
        ChatReplyError("too_long"),
        StaffError("user anna exists already", "taken"),
        StaffError("a password needs at least 12 characters", "weak_password"),
    ],
)
def test_each_refusal_has_its_own_dutch_words(error, dutch, english):
    words = error_text(error, dutch)
    assert words != GENERAL
    assert str(error) not in words
    assert error_text(error, english) != words  # translated, not the msgid twice


def test_a_reason_without_words_falls_back_to_its_class_then_to_general_words(dutch):
    unknown = TicketError("say how", code="unknown_value")
    assert list(error_codes(unknown)) == ["ticket.unknown_value", "ticket.error"]
    assert error_text(unknown, dutch) == GENERAL
    assert error_text(StaffError("something new", "brand_new"), dutch) == GENERAL
    assert error_text(ValueError("raw English"), dutch) == GENERAL


def test_a_volunteers_refused_action_is_said_by_its_reason_whatever_its_code_looks_like(dutch):
    class Refused(Exception):
        def __init__(self, code: str) -> None:
            self.code = code

    expected = code_text("takeover.held_by_other", dutch)
    assert expected != GENERAL
    for code in ("held_by_other", "conversation.takeover.held_by_other"):
        assert takeover_reason(Refused(code)) == "held_by_other"
        assert code_text(f"takeover.{takeover_reason(Refused(code))}", dutch) == expected
