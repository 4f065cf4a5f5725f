"""What the Telegram channel itself says: its commands, help, privacy and the answers to
things the assistant cannot read. Worded through the message catalogs (B1 Dutch, English).

The conversation's own replies come from ``bot.conversation.replies``; these are only the
texts that exist because of Telegram (commands, photos, the delete-my-chat question).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.conversation import ButtonExpired, InvalidMessage, MessageTooLong
from bot.platform.i18n import Catalogs, Texts

# The commands in the order Telegram's menu shows them.
COMMANDS = ("start", "help", "taal", "privacy", "status", "vergeet", "stop")


def command_descriptions(texts: Texts) -> list[tuple[str, str]]:
    """(command, description) for Telegram's command menu, in the resident's language."""
    descriptions = {
        "start": texts.gettext("Start (again)"),
        "help": texts.gettext("What I can do for you"),
        "taal": texts.gettext("Dutch or English"),
        "privacy": texts.gettext("What I keep and who sees it"),
        "status": texts.gettext("How is my referral doing?"),
        "vergeet": texts.gettext("Delete this chat"),
        "stop": texts.gettext("Stop and say goodbye"),
    }
    return [(command, descriptions[command]) for command in COMMANDS]


def help_text(texts: Texts, municipality: str) -> str:
    return texts.gettext(
        "I am the digital assistant of %(municipality)s. Ask your question in your own "
        "words. For example about money, housing, care or feeling alone. I look for help "
        "near you. I can also put you in touch with the district team (wijkteam).\n\n"
        "/start - start again\n"
        "/taal - Dutch or English\n"
        "/privacy - what I keep and who sees it\n"
        "/status - how is my referral doing?\n"
        "/vergeet - delete this chat\n"
        "/stop - stop and say goodbye\n\n"
        "In danger? Call 112.",
        municipality=municipality,
    )


def privacy_text(
    texts: Texts, *, municipality: str, phone: str, days: int, retention_days: int
) -> str:
    return texts.gettext(
        "What I keep: your messages in this chat, my answers, and your district if you "
        "tell me. I do not keep your Telegram name or phone number. I only keep the number "
        "of this chat, so that I can answer you.\n\n"
        "Who sees it: people who help residents in this chat for %(municipality)s (staff "
        "and volunteers) can read it. The district team (wijkteam) only gets this chat if "
        "you agree to be referred. Then they also get the contact details you give. "
        "Telegram carries the messages, "
        "under its own privacy rules.\n\n"
        "How long: after %(days)s days without a message, a new chat starts. We delete a "
        "chat for good %(retention_days)s days after its last message. If you were referred, "
        "we wait until the team has finished your referral. The referral stays with the team "
        "as their file.\n\n"
        "With /vergeet you delete your chats from our system at once. Questions about your "
        "data? Call %(phone)s.",
        municipality=municipality,
        phone=phone,
        days=days,
        retention_days=retention_days,
    )


def only_text(texts: Texts) -> str:
    return texts.gettext(
        "Thank you for your message. I can only read text. I cannot see photos, voice "
        "messages, stickers or files. Please type your question."
    )


def choose_language(catalogs: Catalogs, locales: Sequence[str]) -> str:
    """Asked in every language at once: the resident may not read the current one."""
    lines = [catalogs.get(locale).gettext("Which language do you want?") for locale in locales]
    return "\n".join(dict.fromkeys(lines))


def forget_question(texts: Texts) -> str:
    return texts.gettext(
        "Shall I delete your chat? I delete your messages and my answers from our system. "
        "This cannot be undone. A referral you already sent stays with the district team."
    )


def forget_yes(texts: Texts) -> str:
    return texts.gettext("Yes, delete it")


def forget_no(texts: Texts) -> str:
    return texts.gettext("No, keep it")


def forget_done(texts: Texts) -> str:
    return texts.gettext(
        "Done. I deleted your chat from our system. The messages are still in your Telegram "
        "app: you can delete them there yourself. Send a message to start again."
    )


def forget_kept(texts: Texts) -> str:
    return texts.gettext("All right. I did not delete anything.")


def nothing_to_forget(texts: Texts) -> str:
    return texts.gettext("There is nothing to delete: I have no chat with you stored.")


def sorry(texts: Texts) -> str:
    return texts.gettext(
        "Sorry, something went wrong on my side. Please send your message again in a "
        "little while. In danger? Call 112."
    )


def message_too_long(texts: Texts) -> str:
    return texts.gettext("Your message is too long for me. Can you say it in fewer words?")


def slow_down(texts: Texts) -> str:
    return texts.gettext(
        "You are sending many messages quickly. Please wait a minute. Then send your "
        "message again. In danger? Call 112."
    )


def button_used(texts: Texts) -> str:
    return texts.gettext("You already chose.")


def button_expired(texts: Texts) -> str:
    return texts.gettext(
        "This button no longer works: a volunteer is helping you now. Type your answer."
    )


def staff_label(texts: Texts) -> str:
    return texts.gettext("A person writes:")


def card_labels(texts: Texts) -> dict[str, str]:
    return {
        "audience": texts.gettext("For whom:"),
        "cost": texts.gettext("Costs:"),
        "opening": texts.gettext("Opening hours:"),
        "how_to_apply": texts.gettext("How to apply:"),
        "phone": texts.gettext("Phone:"),
        "email": texts.gettext("E-mail:"),
        "website": texts.gettext("Website:"),
        "address": texts.gettext("Address:"),
        "reference": texts.gettext("Your number:"),
        # Heads a card's details (who it is for, opening hours, how to apply...).
        "more": texts.gettext("More information"),
    }


# What the resident is told when the engine refuses their message, by the error's code
# (bot/conversation/errors.py; a code not listed falls back to its parent class's). Any
# other failure is logged and answered with ``sorry``.
FAILURES: dict[str, Callable[[Texts], str]] = {
    ButtonExpired.code: button_expired,
    MessageTooLong.code: message_too_long,
    InvalidMessage.code: sorry,
}
