"""The console's one table from an error's code to what a staff member reads.

Every domain error carries a stable ``code`` (``ticket.closed``, ``staff.taken``, ...).
A page that catches one asks ``error_text`` for the words, in the staff member's own
language from the console's catalog; it never shows the exception's message, which is
English and meant for logs. A code missing from the table falls back to the codes of
the error's classes, most precise first, and at last to a general sentence: a new
reason is said in general words, never raw.
"""

from __future__ import annotations

from bot.platform.errors import error_codes
from bot.platform.i18n import Texts


def takeover_reason(exc: BaseException) -> str:
    """Why a volunteer's action in a conversation was refused, in one word
    (``held_by_other``, ``expired``): the last word of the error's ``reason`` or ``code``.
    Its words are under ``takeover.<reason>`` in the table."""
    reason = getattr(exc, "reason", None) or getattr(exc, "code", None) or ""
    return str(reason).rpartition(".")[2]


def error_text(exc: BaseException, texts: Texts) -> str:
    """``exc`` in plain words for the staff member, in their language."""
    table = _table(texts)
    for code in error_codes(exc):
        if code in table:
            return table[code]
    return texts.gettext("That did not work. Check the form and try again.")


def code_text(code: str, texts: Texts) -> str:
    """The words for one code (``f"takeover.{takeover_reason(exc)}"``)."""
    return _table(texts).get(code) or texts.gettext(
        "That did not work. Check the form and try again."
    )


def _table(texts: Texts) -> dict[str, str]:
    return {
        # A referral ticket (handoff): the team inbox.
        "ticket.outcome_needed": texts.gettext(
            "To close a referral, choose an outcome: how did it end for the resident?"
        ),
        "ticket.outcome_only_when_closing": texts.gettext(
            "Choose an outcome only when you close the referral."
        ),
        "ticket.step_not_allowed": texts.gettext(
            "This step is not possible from the current status. Choose one of the steps offered."
        ),
        "ticket.record_contact": texts.gettext(
            'Record the contact under "I had contact": say how you reached the resident.'
        ),
        "ticket.claimed_by_other": texts.gettext(
            "A colleague has already picked up this referral. Ask them to give it to you."
        ),
        "ticket.closed": texts.gettext("This referral is closed. Reopen it first."),
        "ticket.reason_needed": texts.gettext("Say why the referral goes to another team."),
        "ticket.same_team": texts.gettext("The referral is already with that team."),
        "ticket.not_reroutable": texts.gettext("A closed referral cannot go to another team."),
        "ticket.unknown_team": texts.gettext("Choose a team from the list."),
        "ticket.text_needed": texts.gettext("A note needs some text."),
        "ticket.busy": texts.gettext(
            "Someone else changed this referral just now. Please try again."
        ),
        "ticket.not_a_team_member": texts.gettext(
            "You can only give a referral to a member of its own team."
        ),
        # A team member's answer in the resident's chat (bot/console/ticket_chat.py).
        "team_reply.empty": texts.gettext("Write an answer first."),
        "team_reply.too_long": texts.gettext(
            "This answer is too long. Split it into shorter messages."
        ),
        "team_reply.gone": texts.gettext("The resident has deleted this conversation."),
        "team_reply.expired": texts.gettext(
            "This conversation has ended; the resident can no longer read answers in it. "
            "Contact them another way."
        ),
        "team_reply.not_by_chat": texts.gettext(
            "This resident did not ask to be answered in the chat."
        ),
        # A volunteer in a live conversation (takeover_reason).
        "takeover.held_by_other": texts.gettext("Someone else has taken over this conversation."),
        "takeover.not_holder": texts.gettext("Take over the conversation first."),
        "takeover.not_held": texts.gettext("Nobody holds this conversation."),
        "takeover.empty": texts.gettext("Write a message first."),
        "takeover.too_long": texts.gettext("That message is too long."),
        "takeover.expired": texts.gettext(
            "This conversation has ended: the resident has not written for too long."
        ),
        "takeover.handoff_in_progress": texts.gettext(
            "A referral is already under way in this conversation."
        ),
        # Staff accounts (admin pages).
        "staff.taken": texts.gettext("That username is taken."),
        "staff.team_needed": texts.gettext("A district team member belongs to at least one team."),
        "staff.name_needed": texts.gettext("A name is needed."),
        "staff.missing": texts.gettext("There is no such account."),
        "staff.weak_password": texts.gettext("A password needs at least 12 characters."),
    }
