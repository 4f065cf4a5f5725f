"""What the assistant says in a crisis, as a trained desk worker would: the one number
that helps most first, in the resident's own language, then "are you safe now?".

National numbers are written in the texts themselves, so a translator sees them in place
(tests/bot/platform/test_i18n.py checks every catalog keeps them); the municipality's own (its
same-day shelter number, its general number for an interpreter) come from its file. A
child writing gets "je", shorter sentences and De Kindertelefoon. Every text here is also
translated into the languages the assistant does not serve in full
(``EMERGENCY_LOCALES``), so a crisis written in Arabic or Tigrinya is answered in that
language, never with Dutch only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.conversation import payloads
from bot.conversation.messages import Button, Kind, Reply
from bot.platform.i18n import Texts
from bot.platform.municipality import Municipality
from nlu import CrisisKind

# Texts worded for a child ("je") carry the message context "child" (pgettext).


KINDERTELEFOON = "0800-0432"


def crisis(
    texts: Texts,
    kinds: Sequence[CrisisKind],
    *,
    young: bool,
    municipality: Municipality,
) -> Reply:
    """The first reply to a crisis: the most urgent kind's words and numbers, then a line
    for each other kind's number not given yet (a threat with a gun at home: 112, then
    Veilig Thuis), and De Kindertelefoon for a child."""
    first = kinds[0] if kinds else None
    lines = [_first_line(texts, first, young=young, municipality=municipality)]
    for kind in kinds[1:]:
        extra = _extra_line(texts, kind, young=young, municipality=municipality)
        if extra and not _says_all_numbers(" ".join(lines), extra):
            lines.append(extra)
    if young and KINDERTELEFOON not in " ".join(lines):
        lines.append(
            texts.pgettext(
                "child",
                "You can also talk to De Kindertelefoon: call 0800-0432 (free) or chat at "
                "kindertelefoon.nl.",
            )
        )
    return Reply("\n\n".join(lines), kind=Kind.CRISIS)


# Kinds a resident mostly reports about someone else: "is that person safe?".
REPORTED = frozenset({CrisisKind.CHILD, CrisisKind.ELDER})


def safety_check(texts: Texts, kind: CrisisKind | None, *, young: bool) -> Reply:
    """Asked right after the numbers: the answer decides what comes next."""
    if kind in REPORTED and not young:
        return Reply(
            texts.gettext("Is the person you are worried about safe right now?"),
            buttons=(
                Button(texts.gettext("Yes, safe now"), payloads.CRISIS_SAFE.wire),
                Button(texts.gettext("No, not safe"), payloads.CRISIS_UNSAFE.wire),
            ),
            kind=Kind.CRISIS,
        )
    question = (
        texts.pgettext("child", "Are you safe right now?")
        if young
        else texts.gettext("Are you safe right now?")
    )
    return Reply(
        question,
        buttons=(
            Button(texts.gettext("Yes, I am safe now"), payloads.CRISIS_SAFE.wire),
            Button(texts.gettext("No, I am not safe"), payloads.CRISIS_UNSAFE.wire),
        ),
        kind=Kind.CRISIS,
    )


def unsafe(texts: Texts, *, young: bool) -> Reply:
    if young:
        text = texts.pgettext(
            "child",
            "Call 112 now. Tell them where you are. Can you not talk? Stay on the line: "
            "they can still help. You can also call De Kindertelefoon: 0800-0432.",
        )
    else:
        text = texts.gettext(
            "Call 112 now and tell them where you are. Can you not talk safely? Stay on the "
            "line anyway: they can still help you. Go to a safe place if you can."
        )
    return Reply(text, kind=Kind.CRISIS)


def safe_now(texts: Texts, *, young: bool) -> Reply:
    """Before the urgent referral's consent question; for a child, what helps a child
    (a referral form asking for a phone number and a postcode does not)."""
    if young:
        text = texts.pgettext(
            "child",
            "Good that you are safe now. You do not have to solve this alone. Tell an adult "
            "you trust, like a teacher. Or talk to De Kindertelefoon: call 0800-0432 (free) "
            "or chat at kindertelefoon.nl.",
        )
    else:
        text = texts.gettext(
            "Good that you are safe now. You do not have to solve this alone. The district "
            "team can help you further, and quickly."
        )
    return Reply(text, kind=Kind.CRISIS)


def other_language(texts: Texts, municipality: Municipality) -> Reply:
    """For a language the assistant does not serve in full, in that language: what it
    can and cannot do, the municipality's number with an interpreter, the emergency
    numbers."""
    return Reply(
        texts.gettext(
            "Hello. I am the digital assistant of %(municipality)s. I can only help in Dutch "
            "or English. Call the municipality on %(phone)s and ask for an interpreter "
            "(tolk). In danger? Call 112. Thinking about suicide? Call 0800-0113. "
            "Violence at home? Call Veilig Thuis on 0800-2000.",
            municipality=municipality.name,
            phone=municipality.general_contact.phone,
        ),
        buttons=(
            Button("Nederlands", payloads.lang("nl").wire),
            Button("English", payloads.lang("en").wire),
        ),
        kind=Kind.OUT_OF_SCOPE,
    )


def _first_line(
    texts: Texts, kind: CrisisKind | None, *, young: bool, municipality: Municipality
) -> str:
    if kind is CrisisKind.SUICIDE:
        if young:
            return texts.pgettext(
                "child",
                "Good that you tell me this. You do not have to carry this alone. Call 113: "
                "0800-0113 (free, day and night), or chat at 113.nl. In danger now? Call 112.",
            )
        return texts.gettext(
            "I am glad you are telling me this. You do not have to carry this alone. Call "
            "113 Suicide Prevention now: 0800-0113 (free, day and night), or chat at 113.nl. "
            "In immediate danger? Call 112."
        )
    if kind is CrisisKind.VIOLENCE:
        if young:
            return texts.pgettext(
                "child",
                "It is not your fault. Are you in danger now? Call 112. Go to a safe place if "
                "you can. Veilig Thuis helps too: 0800-2000 (free, day and night).",
            )
        return texts.gettext(
            "Your safety comes first. In danger now? Call 112. Can you not talk? Stay on the "
            "line anyway. Veilig Thuis gives advice and help with violence at home: "
            "0800-2000 (free, day and night)."
        )
    if kind is CrisisKind.CHILD:
        if young:
            return texts.pgettext(
                "child",
                "Good that you tell me this. It is not your fault. Talk to De Kindertelefoon: "
                "call 0800-0432 (free) or chat at kindertelefoon.nl. In danger now? Call 112. "
                "Veilig Thuis can help too: 0800-2000.",
            )
        return texts.gettext(
            "Is a child in danger right now? Call 112. Worried about a child who is not safe? "
            "Call Veilig Thuis: 0800-2000 (free, day and night). You may stay anonymous."
        )
    if kind is CrisisKind.ELDER:
        return texts.gettext(
            "What you describe is not allowed. It is elder abuse, also when it is about "
            "money. Is someone in danger now? Call 112. Veilig Thuis gives advice and can "
            "help: 0800-2000 (free, day and night). You may stay anonymous."
        )
    if kind is CrisisKind.DANGER:
        if young:
            return texts.pgettext(
                "child",
                "Call 112 now. Go to a safe place if you can and lock the door. Tell them "
                "where you are.",
            )
        return texts.gettext(
            "Call 112 now. Go to a safe place if you can and lock the door. Tell 112 where "
            "you are and what is happening."
        )
    if kind is CrisisKind.HOMELESS:
        return _shelter_line(texts, municipality)
    if kind is CrisisKind.MEDICAL:
        return texts.gettext(
            "Call 112 now. Say where you are and what is happening. Stay with the person "
            "if it is safe."
        )
    return texts.gettext(
        "In danger now? Call 112. Thinking about suicide? Call 113 on 0800-0113. "
        "Violence at home? Call Veilig Thuis on 0800-2000. All free, day and night."
    )


def _extra_line(
    texts: Texts, kind: CrisisKind, *, young: bool, municipality: Municipality
) -> str | None:
    if kind is CrisisKind.SUICIDE:
        return texts.gettext("Thinking about suicide? Call 113: 0800-0113 (free, day and night).")
    if kind in (CrisisKind.VIOLENCE, CrisisKind.CHILD, CrisisKind.ELDER):
        return texts.gettext(
            "For advice and help with violence or abuse: Veilig Thuis, 0800-2000 (free, day "
            "and night)."
        )
    if kind in (CrisisKind.DANGER, CrisisKind.MEDICAL):
        return texts.gettext("In danger now? Call 112.")
    if kind is CrisisKind.HOMELESS:
        return _shelter_line(texts, municipality)
    return None


def _shelter_line(texts: Texts, municipality: Municipality) -> str:
    shelter = municipality.emergency_shelter
    if shelter is None:
        return texts.gettext(
            "No place to sleep tonight? You can get help today. Call the municipality: "
            "%(phone)s. Say that you have nowhere to sleep, and if children are with you. "
            "In danger? Call 112.",
            phone=municipality.general_contact.phone,
        )
    if shelter.day_and_night:
        return texts.gettext(
            "No place to sleep tonight? You can get help today. Call %(name)s: %(phone)s "
            "(day and night). Say if children are with you. In danger? Call 112.",
            name=shelter.name,
            phone=shelter.phone,
        )
    return texts.gettext(
        "No place to sleep tonight? You can get help today. Call %(name)s: %(phone)s. Say "
        "if children are with you. In danger? Call 112.",
        name=shelter.name,
        phone=shelter.phone,
    )


def _says_all_numbers(said: str, line: str) -> bool:
    """Whether every phone number in ``line`` was given already."""
    numbers = {_digits(n) for n in _NUMBER.findall(line)}
    given = {_digits(n) for n in _NUMBER.findall(said)}
    return numbers <= given


_NUMBER = re.compile(r"\d[\d -]*\d")


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())
