"""Turning a catalogue provision into a card in the resident's language."""

from __future__ import annotations

from collections import defaultdict

from bot.conversation.messages import Card
from bot.platform.i18n import Texts
from knowledge_base import CostKind, Provision


def card_for(provision: Provision, texts: Texts) -> Card:
    locale = texts.locale
    place = provision.place
    return Card(
        id=provision.id,
        name=provision.name,
        service_types=provision.service_types,
        summary=provision.summary.get(locale),
        audience=provision.audience.get(locale),
        cost=cost_text(provision, texts),
        cost_note=provision.cost.note.get(locale) if provision.cost.note else None,
        description=provision.description.get(locale),
        opening=opening_lines(provision, texts),
        how_to_apply=provision.how_to_apply.get(locale),
        phone=provision.phone,
        email=provision.email,
        website=provision.website,
        address=f"{place.address}, {place.postcode} {place.city}" if place else None,
    )


def cost_text(provision: Provision, texts: Texts) -> str:
    """The cost in a few words; the note that may follow is the card's ``cost_note``."""
    cost = provision.cost
    if cost.kind is CostKind.FREE:
        text = texts.gettext("Free")
    elif cost.kind is CostKind.FIXED and cost.amount is not None:
        text = texts.money(cost.amount)
        if cost.unit:
            text = f"{text} {cost.unit.get(texts.locale)}"
    elif cost.kind is CostKind.INCOME_DEPENDENT:
        text = texts.gettext("Depends on your income")
    else:
        text = texts.gettext("Personal contribution (eigen bijdrage)")
    return text


def opening_lines(provision: Provision, texts: Texts) -> tuple[str, ...]:
    by_day: dict[int, list[str]] = defaultdict(list)
    for period in sorted(provision.schedule, key=lambda p: (p.weekday, p.opens)):
        by_day[period.weekday].append(f"{texts.clock(period.opens)}-{texts.clock(period.closes)}")
    lines = [f"{texts.weekday(day)} {', '.join(times)}" for day, times in sorted(by_day.items())]
    if provision.schedule_note:
        lines.append(provision.schedule_note.get(texts.locale))
    return tuple(lines)
