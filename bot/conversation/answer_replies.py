"""The words around an answer: a first sentence that fits what the resident said, follow-ups
answered from what was just shown, and an offer of a person worded for its reason.

Residents judge the assistant by its first reply, so the first sentence reflects what they
wrote (a loss, exhaustion, worry, a simple request) instead of one stock line; a follow-up
is one or two plain sentences from the provision's own fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.lists import format_list

from bot.conversation import payloads
from bot.conversation.followup import Aspect
from bot.conversation.messages import Button, Card, Kind, Reply
from bot.conversation.replies import of_kind
from bot.conversation.route_fit import Fit
from bot.platform.i18n import Texts
from handoff import DistrictInfo
from nlu import Feeling, LifeEvent


def think_along(texts: Texts) -> Button:
    """The quiet offer under an answer: a press starts the referral's consent question."""
    return Button(
        texts.gettext("Would you like someone to think along with you?"), payloads.ASK_TEAM.wire
    )


def feedback_buttons(texts: Texts) -> tuple[Button, ...]:
    return (
        Button(texts.gettext("This helps me"), payloads.FEEDBACK_YES.wire),
        Button(texts.gettext("This does not fit"), payloads.FEEDBACK_NO.wire),
    )


def opening(
    texts: Texts,
    *,
    feelings: Sequence[Feeling],
    life_event: LifeEvent | None,
    count: int,
    near: str | None = None,
) -> str:
    """The first sentence: what the resident's words carry, then what follows."""
    if near is not None:
        return texts.gettext("In %(district)s you can go here:", district=near)
    first = _feeling_line(texts, feelings)
    if life_event is not None:
        lead = _life_event_line(texts, life_event)
        return f"{first} {lead}" if first else lead
    follows = texts.ngettext("This fits your question:", "These fit your question:", count)
    return f"{first} {follows}" if first else follows


def _feeling_line(texts: Texts, feelings: Sequence[Feeling]) -> str:
    if Feeling.LOSS in feelings:
        return texts.gettext("I am sorry for your loss.")
    if Feeling.EXHAUSTION in feelings:
        return texts.gettext("That sounds heavy. It is good that you ask for help.")
    if Feeling.WORRY in feelings:
        return texts.gettext("I understand that you are worried.")
    if Feeling.LONELINESS in feelings:
        return texts.gettext("Thank you for telling me. You are not the only one.")
    return ""


def _life_event_line(texts: Texts, event: LifeEvent) -> str:
    lines = {
        LifeEvent.PARTNER_DIED: texts.gettext(
            "After the death of a partner, a lot comes at once. Things to think of now:"
        ),
        LifeEvent.DIAGNOSIS: texts.gettext(
            "A diagnosis changes a lot, for you and for the people around you. "
            "Things to think of now:"
        ),
        LifeEvent.JOB_LOSS: texts.gettext(
            "Losing your job brings worries about money and about what comes next. "
            "Things to think of now:"
        ),
        LifeEvent.DIVORCE: texts.gettext(
            "A divorce means arranging a lot, also for the children. Things to think of now:"
        ),
        LifeEvent.BABY: texts.gettext("A baby changes a lot. Things to think of now:"),
        LifeEvent.MOVING: texts.gettext(
            "Moving house is a good moment to look around. Things to think of now:"
        ),
        LifeEvent.RETIREMENT: texts.gettext(
            "After you retire, your days look different. Things to think of now:"
        ),
        LifeEvent.BECOMING_CARER: texts.gettext(
            "Caring for someone close is a lot of work. You do not have to do it alone. "
            "Things to think of now:"
        ),
    }
    return lines[event]


@of_kind(Kind.ANSWER)
def answer(
    texts: Texts,
    text: str,
    cards: tuple[Card, ...],
    buttons: tuple[Button, ...] = (),
    *,
    note: str | None = None,
) -> Reply:
    if note:
        text = f"{text}\n\n{note}"
    return Reply(text, cards=cards, buttons=(*buttons, *feedback_buttons(texts)))


def only_in(texts: Texts, name: str, districts: Sequence[str]) -> str:
    """A district's own provision shown before the resident's district is known."""
    return texts.gettext(
        "%(name)s is for %(districts)s. Do you live somewhere else? Then choose your "
        "district below.",
        name=name,
        districts=format_list(list(districts), locale=texts.locale) if districts else "-",
    )


def melding_note(texts: Texts, card: Card) -> str:
    return texts.gettext(
        "For %(name)s you first report your need to the municipality (a 'melding'). "
        "The district team can do that with you.",
        name=card.name,
    )


def melding_button(texts: Texts) -> Button:
    return Button(texts.gettext("Report it with the district team"), payloads.ASK_MELDING.wire)


@of_kind(Kind.ANSWER)
def follow_up(texts: Texts, card: Card, aspects: Sequence[Aspect]) -> Reply:
    """One or two sentences from the fields of the provision just shown."""
    said = [_aspect_line(texts, card, aspect) for aspect in aspects if aspect is not Aspect.NEARBY]
    said = [s for s in dict.fromkeys(said) if s]
    if not said:
        said = [_contact_line(texts, card)]
    return Reply(" ".join(said), buttons=feedback_buttons(texts))


def _aspect_line(texts: Texts, card: Card, aspect: Aspect) -> str:
    name = card.name
    if aspect is Aspect.COST:
        line = texts.gettext("The cost of %(name)s: %(cost)s.", name=name, cost=_bare(card.cost))
        return f"{line} {card.cost_note}" if card.cost_note else line
    if aspect is Aspect.PLACE:
        if card.address:
            return texts.gettext("%(name)s is at %(address)s.", name=name, address=card.address)
        return texts.gettext(
            "%(name)s has no fixed address. %(how)s", name=name, how=card.how_to_apply
        )
    if aspect is Aspect.HOURS:
        if card.opening:
            return texts.gettext(
                "When %(name)s is open: %(hours)s.",
                name=name,
                hours="; ".join(line.rstrip(".") for line in card.opening),
            )
        return _contact_line(texts, card)
    if aspect is Aspect.APPLY:
        return texts.gettext(
            "How to sign up for %(name)s: %(how)s", name=name, how=card.how_to_apply
        )
    if aspect is Aspect.AUDIENCE:
        return texts.gettext("%(name)s is for: %(who)s", name=name, who=card.audience)
    return _contact_line(texts, card)


def _contact_line(texts: Texts, card: Card) -> str:
    if card.phone and card.email:
        return texts.gettext(
            "You can reach %(name)s by phone on %(phone)s or by e-mail at %(email)s.",
            name=card.name,
            phone=card.phone,
            email=card.email,
        )
    if card.phone:
        return texts.gettext(
            "You can reach %(name)s by phone on %(phone)s.", name=card.name, phone=card.phone
        )
    if card.website:
        return texts.gettext(
            "You can find %(name)s at %(website)s.", name=card.name, website=card.website
        )
    return texts.gettext("%(name)s: %(how)s", name=card.name, how=card.how_to_apply)


def _bare(text: str) -> str:
    return text.rstrip(". ")


@of_kind(Kind.CLARIFY)
def what_then(texts: Texts, others: Sequence[Card] = ()) -> Reply:
    """After "nee, dat bedoel ik niet" with nothing more: ask, do not guess again; offer
    the other kinds of help the question could have meant, as buttons."""
    if others:
        return Reply(
            texts.gettext(
                "Sorry, that was not what you meant. Did you mean one of these? "
                "Or tell me in other words what you are looking for."
            ),
            buttons=tuple(Button(c.name, payloads.show(c.id).wire) for c in others),
        )
    return Reply(
        texts.gettext(
            "Sorry, that was not what you meant. What are you looking for? "
            "Tell me in a few words, for example 'someone to do small jobs in my house'."
        )
    )


@of_kind(Kind.CLARIFY)
def ask_district_choice(texts: Texts, districts: Sequence[DistrictInfo]) -> Reply:
    """Where the district matters and is not known yet: asked once, with buttons."""
    return Reply(
        texts.gettext("In which district do you live? Choose it, or type your postcode."),
        buttons=tuple(Button(d.name, payloads.district(d.id).wire) for d in districts),
    )


@of_kind(Kind.REFERRAL_OFFER)
def referral_intro(
    texts: Texts,
    fit: Fit,
    cards: tuple[Card, ...],
    *,
    feelings: Sequence[Feeling] = (),
    volunteer_online: bool = False,
) -> Reply:
    """Why the district team, in words for this situation."""
    if fit is Fit.PERSON:
        text = texts.gettext("You would like to talk to a person. That is possible.")
        if volunteer_online:
            text += " " + texts.gettext(
                "A volunteer is reading along now and will write to you here soon. "
                "Would you rather be called by the district team (wijkteam)? See below."
            )
    elif fit is Fit.MELDING:
        text = texts.gettext(
            "The district team (wijkteam) makes the melding with you. They call you to "
            "talk about what you need."
        )
    else:
        first = _feeling_line(texts, feelings)
        text = texts.gettext(
            "A lot is happening at once. The district team (wijkteam) looks at all of it "
            "together with you, so that you do not have to sort it out alone."
        )
        if first:
            text = f"{first} {text}"
    if cards:
        text += " " + texts.gettext("In the meantime, this may help:")
    return Reply(text, cards=cards)
