"""Every reply the assistant can give, worded through the message catalogs.

msgids are English; the Dutch catalog holds the B1 Dutch wording residents see by default.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.conversation import payloads
from bot.conversation.messages import Button, Card, Kind, Reply, TicketRef
from bot.platform.i18n import Catalogs, Texts
from bot.platform.languages import SUPPORTED_LOCALES, language_name
from bot.platform.municipality import Municipality
from handoff import DistrictInfo, TeamInfo, TicketStatus
from nlu import Act, CrisisKind

_ReplyMaker = TypeVar("_ReplyMaker", bound=Callable[..., Reply])


def of_kind(kind: Kind) -> Callable[[_ReplyMaker], _ReplyMaker]:
    """Mark what a reply function's messages are, unless the function says otherwise
    (small talk that turns out to be out of scope)."""

    def mark(make: _ReplyMaker) -> _ReplyMaker:
        @functools.wraps(make)
        def made(*args: Any, **kwargs: Any) -> Reply:
            reply = make(*args, **kwargs)
            return reply if reply.kind is not None else dataclasses.replace(reply, kind=kind)

        return made  # type: ignore[return-value]

    return mark


@of_kind(Kind.SMALLTALK)
def welcome(texts: Texts, municipality: str) -> Reply:
    other = "en" if texts.locale == "nl" else "nl"
    return Reply(
        texts.gettext(
            "Hello! I am the digital assistant of %(municipality)s. "
            "Ask your question in your own words. For example about money, housing, care, "
            "or feeling alone. In danger? Call 112.",
            municipality=municipality,
        ),
        buttons=(Button(language_name(other), payloads.lang(other).wire),),
    )


@of_kind(Kind.SMALLTALK)
def language_set(texts: Texts) -> Reply:
    return Reply(texts.gettext("Fine, I will write in English from now on. What is your question?"))


@of_kind(Kind.SMALLTALK)
def feedback(texts: Texts, *, helpful: bool) -> Reply:
    if helpful:
        return Reply(texts.gettext("Good to hear. Do you have another question? Just ask."))
    return Reply(
        texts.gettext(
            "I am sorry that this does not fit. You can tell me more, in other words. "
            "Or talk to someone from the district team (wijkteam): they think along with you."
        ),
        buttons=(Button(texts.gettext("Talk to the district team"), payloads.ASK_TEAM.wire),),
    )


@of_kind(Kind.CLARIFY)
def not_understood(texts: Texts, *, misses: int, municipality: Municipality) -> Reply:
    """Never the same line twice in a row: the first time ask for other words, then
    offer a person, then also the municipality's number."""
    person = (Button(texts.gettext("Talk to a person"), payloads.ASK_PERSON.wire),)
    if misses >= 3:
        return Reply(
            texts.gettext(
                "I am sorry, I cannot understand your question. A person can help you "
                "better. You can also call the municipality: %(phone)s.",
                phone=municipality.general_contact.phone,
            ),
            buttons=person,
            fell_short=True,
        )
    if misses == 2:
        return Reply(
            texts.gettext(
                "Sorry, I still do not understand. Would you like to talk to a person? "
                "They are happy to think along with you."
            ),
            buttons=person,
            fell_short=True,
        )
    return Reply(
        texts.gettext(
            "Sorry, I do not understand your question well. Can you say it in other words? "
            "For example: 'I have debts' or 'I feel lonely'."
        ),
        fell_short=True,
    )


@of_kind(Kind.REFERRAL_OFFER)
def handoff_intro(texts: Texts, cards: tuple[Card, ...]) -> Reply:
    text = texts.gettext(
        "Someone from the district team (wijkteam) can think along with you. They look at "
        "your situation together with you."
    )
    if cards:
        text += " " + texts.gettext("In the meantime, this may help:")
    return Reply(text, cards=cards)


@of_kind(Kind.CLARIFY)
def ask_district_again(texts: Texts, districts: Sequence[DistrictInfo]) -> Reply:
    return Reply(
        texts.gettext(
            "I did not recognise a postcode. Choose your district, or type your postcode."
        ),
        buttons=tuple(Button(d.name, payloads.district(d.id).wire) for d in districts),
    )


@of_kind(Kind.CLARIFY)
def district_noted(texts: Texts, district: str) -> Reply:
    return Reply(texts.gettext("Thank you. You live in %(district)s.", district=district))


@of_kind(Kind.ANSWER)
def district_given_up(texts: Texts, central: TeamInfo | None) -> Reply:
    text = texts.gettext("That is fine. I will show help for the whole municipality.")
    if central is not None and central.phone:
        text += " " + texts.gettext(
            "You can also call %(team)s: %(phone)s.", team=central.name, phone=central.phone
        )
    return Reply(text)


@of_kind(Kind.SMALLTALK)
def fine_no_district(texts: Texts) -> Reply:
    return Reply(texts.gettext("That is fine. What else can I help you with?"))


@of_kind(Kind.ANSWER)
def outside_municipality(
    texts: Texts, municipality: Municipality, central: TeamInfo | None
) -> Reply:
    text = texts.gettext(
        "That postcode is not in %(municipality)s. Your own municipality can help you. "
        "Search for 'wijkteam' with the name of your town.",
        municipality=municipality.name,
    )
    if central is not None and central.phone:
        text += " " + texts.gettext(
            "Do you live in %(municipality)s after all? Call %(team)s: %(phone)s.",
            municipality=municipality.name,
            team=central.name,
            phone=central.phone,
        )
    return Reply(text)


@of_kind(Kind.ANSWER)
def team_contact(texts: Texts, team: TeamInfo | None) -> Reply:
    if team is None:
        return Reply(texts.gettext("Call the municipality and ask for the district team."))
    parts = [texts.gettext("%(team)s is there for you.", team=team.name)]
    if team.phone:
        parts.append(texts.gettext("Phone: %(phone)s.", phone=team.phone))
    if team.email:
        parts.append(texts.gettext("E-mail: %(email)s.", email=team.email))
    return Reply(" ".join(parts))


@of_kind(Kind.CRISIS)
def crisis(texts: Texts, kind: CrisisKind | None) -> Reply:
    first = {
        CrisisKind.SUICIDE: texts.gettext(
            "I am glad you are telling me this. Please talk to someone right now. "
            "Call 113 Suicide Prevention on 0800-0113 (free, day and night) or chat at 113.nl. "
            "In immediate danger: call 112."
        ),
        CrisisKind.VIOLENCE: texts.gettext(
            "Your safety comes first. In danger now? Call 112. "
            "For advice about violence at home, call Veilig Thuis on 0800-2000 "
            "(free, day and night)."
        ),
        CrisisKind.MEDICAL: texts.gettext(
            "Call 112 now. Say where you are and what is happening. Stay with the person "
            "if it is safe."
        ),
        CrisisKind.CHILD: texts.gettext(
            "Is a child in danger right now? Call 112. "
            "For advice about a child who is not safe, call Veilig Thuis on 0800-2000 "
            "(free, day and night)."
        ),
    }
    text = first.get(kind) if kind is not None else None
    if text is None:
        text = texts.gettext(
            "In danger now? Call 112. Thinking about suicide? Call 113 on 0800-0113. "
            "Violence at home? Call Veilig Thuis on 0800-2000. All free, day and night."
        )
    return Reply(text)


@of_kind(Kind.SMALLTALK)
def small_talk(texts: Texts, act: str | None, municipality: Municipality) -> Reply:
    if act == Act.GREET:
        return Reply(texts.gettext("Hello! What can I help you with?"))
    if act == Act.THANK:
        return Reply(texts.gettext("You are welcome. Do you have another question? Just ask."))
    if act == Act.BYE:
        return Reply(texts.gettext("Goodbye, and good luck. You can always come back here."))
    if act == Act.BOT_QUESTION:
        return Reply(
            texts.gettext(
                "I am a digital assistant, not a person. I help you find support in "
                "%(municipality)s. I speak Dutch and English. Would you rather talk to a "
                "person? Say so, and I will put you in touch with the district team.",
                municipality=municipality.name,
            )
        )
    if act == Act.ASK_STATUS:
        return Reply(
            texts.gettext(
                "You have not been referred to the district team in this conversation. "
                "Do you have a reference number from somewhere else? Call the district team."
            )
        )
    if act in {Act.AFFIRM, Act.DENY, Act.STOP}:
        return Reply(texts.gettext("All right. What else can I help you with?"))
    if act == Act.OUT_OF_SCOPE:
        contact = municipality.general_contact
        return Reply(
            texts.gettext(
                "I can help with questions about care, money, housing, family and getting by. "
                "For this question, please contact the municipality: call %(phone)s or look at "
                "%(website)s.",
                phone=contact.phone,
                website=contact.website,
            ),
            kind=Kind.OUT_OF_SCOPE,
        )
    return Reply(
        texts.gettext(
            "I am here for questions about daily life: money, housing, care, family, "
            "feeling alone. What can I help you with?"
        )
    )


@of_kind(Kind.OUT_OF_SCOPE)
def other_language(catalogs: Catalogs, municipality: Municipality) -> Reply:
    """Said in Dutch and English at once: the resident may read neither well."""
    lines = [
        catalogs.get(locale).gettext(
            "I can only write in Dutch and English. The municipality can help you with an "
            "interpreter: call %(phone)s. In danger? Call 112.",
            phone=municipality.general_contact.phone,
        )
        for locale in SUPPORTED_LOCALES
        if locale in catalogs.locales
    ]
    return Reply("\n\n".join(dict.fromkeys(lines)))


@of_kind(Kind.CLARIFY)
def location_unusable(texts: Texts) -> Reply:
    return Reply(
        texts.gettext(
            "Thank you. But I cannot see your district from a location on the map. "
            "Please type your postcode, for example 4101 AB."
        )
    )


@of_kind(Kind.CLARIFY)
def unknown_button(texts: Texts) -> Reply:
    return Reply(texts.gettext("That button no longer works. Please type your question."))


@of_kind(Kind.STATUS)
def ticket_unknown(texts: Texts) -> Reply:
    return Reply(
        texts.gettext(
            "I cannot find that number in this chat. For your privacy I only give the "
            "status in the chat where the question was sent. You can call the district team."
        )
    )


@of_kind(Kind.STATUS)
def ticket_status(texts: Texts, status: TicketStatus) -> Reply:
    """Where the resident's referral stands, saying only what happened: picked up when a
    team member took it, contact only when the team recorded a contact."""
    values = {
        "team": status.team_name,
        "reference": status.reference,
        "day": texts.day(_local_date(status.due_at)),
    }
    words = {
        "new": texts.gettext(
            "Your question %(reference)s has arrived at %(team)s. They will contact you by %(day)s."
        ),
        "accepted": texts.gettext(
            "%(team)s has picked up your question %(reference)s. They will contact you by %(day)s."
        ),
        "contacted": texts.gettext(
            "%(team)s has been in contact with you about your question %(reference)s."
        ),
        "in_progress": texts.gettext("%(team)s is working on your question %(reference)s."),
        "closed": texts.gettext("%(team)s has closed your question %(reference)s."),
    }
    text = words.get(status.status.value, words["new"])
    return Reply(
        text % values,
        ticket=TicketRef(reference=status.reference, status=status.status.value),
    )


@of_kind(Kind.STATUS)
def passed_on(texts: Texts, team: str) -> Reply:
    """The resident answered the district team in the chat: it is for them, not for me."""
    return Reply(
        texts.gettext(
            "I have passed your message on to %(team)s. They will answer you here.",
            team=team or texts.gettext("the district team"),
        ),
        passed_on_to=team,
    )


@of_kind(Kind.STATUS)
def ticket_contacted(texts: Texts, status: TicketStatus) -> Reply:
    """Posted when the team records a contact with the resident (a call, a visit)."""
    text = texts.gettext(
        "%(team)s has been in contact with you about your question %(reference)s.",
        team=status.team_name,
        reference=status.reference,
    )
    return Reply(text, ticket=TicketRef(reference=status.reference, status=status.status.value))


def _local_date(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Amsterdam")).date()
