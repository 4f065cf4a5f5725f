"""The assistant's replies during the warm handoff: the consent it asks for (and the
words stored as the consent record), each step's question, the last check, and the
referral sent."""

from __future__ import annotations

from datetime import date

from bot.conversation import payloads
from bot.conversation.messages import Button, Kind, Reply, TicketRef
from bot.conversation.replies import of_kind
from bot.platform.i18n import Texts


def consent_text(texts: Texts, days: int) -> str:
    """The words a resident agrees to: stored with the ticket as the consent record."""
    if days == 0:
        return texts.gettext(
            "I will send your question and this chat to the district team. It is urgent, so "
            "someone from the team will contact you today. In the evening, at the weekend or "
            "on a public holiday: on the next working day. You only tell your story once."
        )
    return texts.ngettext(
        "I will send your question and this chat to the district team. Someone from the "
        "team will contact you within %(n)s working day. You only tell your story once.",
        "I will send your question and this chat to the district team. Someone from the "
        "team will contact you within %(n)s working days. You only tell your story once.",
        days,
    )


@of_kind(Kind.REFERRAL_OFFER)
def handoff_ask_consent(texts: Texts, days: int) -> Reply:
    return Reply(
        consent_text(texts, days) + " " + texts.gettext("Is that all right with you?"),
        buttons=(
            Button(texts.gettext("Yes, that is fine"), payloads.HANDOFF_YES.wire),
            Button(texts.gettext("No, rather not"), payloads.HANDOFF_NO.wire),
        ),
    )


@of_kind(Kind.REFERRAL_OFFER)
def handoff_ask_consent_again(texts: Texts) -> Reply:
    return Reply(
        texts.gettext("May I send your question to the district team? Answer yes or no."),
        buttons=(
            Button(texts.gettext("Yes, that is fine"), payloads.HANDOFF_YES.wire),
            Button(texts.gettext("No, rather not"), payloads.HANDOFF_NO.wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_contact(texts: Texts, *, again: bool = False) -> Reply:
    text = (
        texts.gettext("I did not understand that. How would you like to be contacted?")
        if again
        else texts.gettext("Thank you. How would you like the team to contact you?")
    )
    return Reply(
        text,
        buttons=(
            Button(texts.gettext("By phone"), payloads.HANDOFF_PHONE.wire),
            Button(texts.gettext("By e-mail"), payloads.HANDOFF_EMAIL.wire),
            Button(texts.gettext("Here in the chat"), payloads.HANDOFF_CHAT.wire),
            Button(texts.gettext("A visit at home"), payloads.HANDOFF_VISIT.wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_phone(texts: Texts) -> Reply:
    return Reply(texts.gettext("What is your phone number? For example 06 12345678."))


@of_kind(Kind.REFERRAL)
def handoff_bad_phone(texts: Texts) -> Reply:
    return Reply(
        texts.gettext(
            "That does not look like a phone number I can use. Please type it like this: "
            "06 12345678 or 0344 123456."
        ),
        buttons=(Button(texts.gettext("Stop"), payloads.HANDOFF_STOP.wire),),
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_email(texts: Texts) -> Reply:
    return Reply(texts.gettext("What is your e-mail address?"))


@of_kind(Kind.REFERRAL)
def handoff_bad_email(texts: Texts) -> Reply:
    return Reply(
        texts.gettext(
            "That does not look like an e-mail address. Please type it like this: name@example.nl."
        ),
        buttons=(Button(texts.gettext("Stop"), payloads.HANDOFF_STOP.wire),),
    )


@of_kind(Kind.REFERRAL)
def handoff_email_typo(texts: Texts, address: str, suggestion: str) -> Reply:
    return Reply(
        texts.gettext("Did you mean %(suggestion)s?", suggestion=suggestion),
        buttons=(
            Button(suggestion, payloads.handoff_email(suggestion).wire),
            Button(address, payloads.handoff_email(address).wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_when(texts: Texts, *, again: bool = False) -> Reply:
    text = (
        texts.gettext("When can the team best reach you? Choose, or type it in a few words.")
        if again
        else texts.gettext("When can the team best reach you?")
    )
    return Reply(
        text,
        buttons=(
            Button(texts.gettext("In the morning"), payloads.HANDOFF_MORNING.wire),
            Button(texts.gettext("In the afternoon"), payloads.HANDOFF_AFTERNOON.wire),
            Button(texts.gettext("In the evening"), payloads.HANDOFF_EVENING.wire),
            Button(texts.gettext("Any time"), payloads.HANDOFF_ANY.wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_postcode(texts: Texts, *, again: bool = False) -> Reply:
    text = (
        texts.gettext("I did not recognise a postcode. Please type it like this: 4101 AB.")
        if again
        else texts.gettext(
            "What is your postcode? Then I send your question to the team in your district."
        )
    )
    return Reply(
        text, buttons=(Button(texts.gettext("I do not know"), payloads.HANDOFF_UNKNOWN.wire),)
    )


@of_kind(Kind.REFERRAL)
def handoff_ask_name(texts: Texts, *, again: bool = False) -> Reply:
    text = (
        texts.gettext("Please type only your name, or skip this question.")
        if again
        else texts.gettext("What may the team call you? You may also skip this.")
    )
    return Reply(text, buttons=(Button(texts.gettext("Skip"), payloads.HANDOFF_SKIP.wire),))


@of_kind(Kind.REFERRAL)
def handoff_summary(
    texts: Texts,
    *,
    team: str | None,
    method: str,
    phone: str | None,
    email: str | None,
    when: str | None,
    name: str | None,
) -> Reply:
    how = {
        "phone": texts.gettext("by phone on %(phone)s", phone=phone or ""),
        "email": texts.gettext("by e-mail at %(email)s", email=email or ""),
        "chat": texts.gettext("here in the chat"),
        "visit": texts.gettext("to plan a visit at home, on %(phone)s", phone=phone or ""),
    }[method]
    lines = [
        texts.gettext("Please check:"),
        texts.gettext("- Team: %(team)s", team=team or texts.gettext("the central team")),
        texts.gettext("- Contact: %(how)s", how=how),
    ]
    if when:
        moments = {
            "morning": texts.gettext("in the morning"),
            "afternoon": texts.gettext("in the afternoon"),
            "evening": texts.gettext("in the evening"),
            "any": texts.gettext("any time"),
        }
        lines.append(texts.gettext("- When: %(when)s", when=moments.get(when, when)))
    if name:
        lines.append(texts.gettext("- Name: %(name)s", name=name))
    lines.append(texts.gettext("Shall I send it?"))
    return Reply(
        "\n".join(lines),
        buttons=(
            Button(texts.gettext("Send"), payloads.HANDOFF_SEND.wire),
            Button(texts.gettext("Change something"), payloads.HANDOFF_CHANGE.wire),
            Button(texts.gettext("Stop"), payloads.HANDOFF_STOP.wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_what_to_change(texts: Texts) -> Reply:
    return Reply(
        texts.gettext("What would you like to change?"),
        buttons=(
            Button(texts.gettext("How to contact me"), payloads.HANDOFF_CHANGE_CONTACT.wire),
            Button(texts.gettext("My postcode"), payloads.HANDOFF_CHANGE_POSTCODE.wire),
            Button(texts.gettext("My name"), payloads.HANDOFF_CHANGE_NAME.wire),
        ),
    )


@of_kind(Kind.REFERRAL)
def handoff_stopped(texts: Texts, *, declined: bool) -> Reply:
    if declined:
        return Reply(
            texts.gettext(
                "That is fine. I will not send anything. You can always contact the team yourself."
            )
        )
    return Reply(texts.gettext("All right, I stopped. I have not sent anything."))


@of_kind(Kind.REFERRAL)
def handoff_sent(texts: Texts, *, reference: str, team: str, due: date, method: str) -> Reply:
    values = {"reference": reference, "team": team, "day": texts.day(due)}
    if method == "chat":
        text = texts.gettext(
            "Sent. Your number is %(reference)s. Someone from %(team)s will answer you here "
            "in the chat, at the latest on %(day)s. Keep this number: with it you can ask "
            "about your question.",
            **values,
        )
    else:
        text = texts.gettext(
            "Sent. Your number is %(reference)s. Someone from %(team)s will contact you, at "
            "the latest on %(day)s. Keep this number: with it you can ask about your "
            "question.",
            **values,
        )
    return Reply(text, ticket=TicketRef(reference=reference, status="new"))


@of_kind(Kind.REFERRAL)
def client_support(texts: Texts) -> Reply:
    return Reply(
        texts.gettext(
            "Good to know: you may bring someone to the conversation with the team. You can "
            "also ask for a free client supporter (onafhankelijke cliëntondersteuner). This "
            "person is independent and is only on your side."
        )
    )
