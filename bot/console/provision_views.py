"""What the provision editor shows besides the form: each field's label, problems in the
editor's language, the history as word-level changes, the B1 hints, and the card as a
resident sees it in the chat."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from bot.conversation.cards import card_for
from bot.conversation.messages import Card
from bot.platform.i18n import Catalogs, Texts
from bot.platform.languages import SUPPORTED_LOCALES
from knowledge_base import CHECKED_FIELDS, ChangeRecord, Finding, ServiceIn, check_text, service_row
from knowledge_base import FindingKind as Kind
from knowledge_base import provision_of_row as provision

# The widget's own words for a card's parts ("Meer informatie", "Voor wie", ...).
WIDGET_DOMAIN = "widget"
# Unchanged words kept around a change in the history; longer unchanged runs are cut.
CONTEXT_WORDS = 4


def labels(texts: Texts) -> dict[str, str]:
    """Each form field's label, as the form shows it."""
    return {
        "id": texts.gettext("Id"),
        "name": texts.gettext("Name"),
        "organization": texts.gettext("Organisation"),
        "access": texts.gettext("Access"),
        "service_types": texts.gettext("Kind of help (one to three)"),
        "domains": texts.gettext("Living domains"),
        "summary": texts.gettext("Summary, one line"),
        "summary_en": texts.gettext("Summary in English"),
        "description": texts.gettext("What it offers"),
        "description_en": texts.gettext("What it offers, in English"),
        "audience": texts.gettext("For whom"),
        "audience_en": texts.gettext("For whom, in English"),
        "how_to_apply": texts.gettext("How to get it"),
        "how_to_apply_en": texts.gettext("How to get it, in English"),
        "min_age": texts.gettext("Minimum age"),
        "max_age": texts.gettext("Maximum age"),
        "groups": texts.gettext("Groups"),
        "cost": texts.gettext("Cost"),
        "cost_amount": texts.gettext("Amount in euros"),
        "cost_unit": texts.gettext("Per"),
        "cost_unit_en": texts.gettext("Per, in English"),
        "cost_note": texts.gettext("Note on the cost"),
        "cost_note_en": texts.gettext("Note on the cost, in English"),
        "phone": texts.gettext("Phone"),
        "email": texts.gettext("E-mail"),
        "website": texts.gettext("Website"),
        "location_name": texts.gettext("Building"),
        "address": texts.gettext("Street and number"),
        "postcode": texts.gettext("Postcode"),
        "city": texts.gettext("Town"),
        "walk_in": texts.gettext("People can walk in without an appointment"),
        "districts": texts.gettext("Districts (none ticked: the whole municipality)"),
        "opening_hours": texts.gettext("Opening hours"),
        "schedule_note": texts.gettext("Note on the opening hours"),
        "schedule_note_en": texts.gettext("Note on the opening hours, in English"),
        "languages": texts.gettext("Languages spoken"),
        "keywords": texts.gettext("Words residents use for it"),
        "last_reviewed": texts.gettext("Last checked on"),
        "reviewed_by": texts.gettext("Checked by"),
        "retired": texts.gettext("Not shown to residents"),
    }


def problem_text(texts: Texts, column: str, problem: str) -> str:
    """A problem with a field, in the editor's language (``problem`` is the catalogue's
    ``Problem``: English text with a code)."""
    code = getattr(problem, "code", "other")
    n = getattr(problem, "limit", None)
    if code == "pattern":
        if column == "languages":
            return texts.gettext(
                "Use language codes of two or three letters, for example: nl, en, ar."
            )
        return texts.gettext(
            "Use only small letters, digits and hyphens, for example klussendienst-oost."
        )
    if code == "required" and column in ("organization", "access", "cost"):
        return texts.gettext("Choose one.")
    fixed = {
        "required": texts.gettext("Fill this in."),
        "required_choice": texts.gettext("Tick at least one."),
        "choice": texts.gettext("Choose one of the options."),
        "unknown": texts.gettext("Choose from the list."),
        "number": texts.gettext("Fill in a whole number, for example 65."),
        "amount": texts.gettext("Fill in an amount in euros, for example 2,50."),
        "yes_no": texts.gettext("Tick the box, or leave it empty."),
        "date": texts.gettext("Fill in a date, for example 2026-03-01."),
        "opening_hours": texts.gettext(
            "Write days and times like this: ma-vr 09:00-12:00; wo 13:00-16:00."
        ),
        "overlap": texts.gettext("Two opening times on the same day overlap."),
        "closes_before_opens": texts.gettext("A closing time comes before its opening time."),
        "postcode": texts.gettext("Fill in a Dutch postcode, for example 4101 AB."),
        "fixed_needs_amount": texts.gettext("A fixed amount needs the amount in euros."),
        "walk_in": texts.gettext("Walking in needs a street and number, a postcode and a town."),
        "nul": texts.gettext("This contains an invisible character. Type the text again."),
        "taken": texts.gettext("There is already a provision with this id. Choose another one."),
        "unknown_organization": texts.gettext("Choose an organisation from the list."),
        "unknown_district": texts.gettext("Choose districts from the list."),
    }
    if code in fixed:
        return fixed[code]
    if n is not None:
        counted = {
            "too_short": texts.ngettext(
                "Too short: write at least %(n)s character.",
                "Too short: write at least %(n)s characters.",
                n,
            ),
            "too_long": texts.ngettext(
                "Too long: at most %(n)s character.", "Too long: at most %(n)s characters.", n
            ),
            "too_few": texts.ngettext("Tick at least %(n)s.", "Tick at least %(n)s.", n),
            "too_many": texts.ngettext("Tick at most %(n)s.", "Tick at most %(n)s.", n),
            "at_least": texts.gettext("The smallest number here is %(n)s.", n=n),
            "at_most": texts.gettext("The largest number here is %(n)s.", n=n),
        }
        if code in counted:
            return counted[code]
    return texts.gettext("This is not right yet. Check what you filled in.")


# -- B1 hints ------------------------------------------------------------------------------


def hint_text(texts: Texts, finding: Finding) -> str:
    if finding.kind is Kind.LONG_SENTENCE:
        return texts.gettext(
            "Long sentence (%(n)s words): “%(text)s”. Can you make two sentences of it?",
            n=finding.words,
            text=finding.text,
        )
    if finding.kind is Kind.LONG_WORD:
        return texts.gettext("Long word: “%(text)s”. Is there a shorter one?", text=finding.text)
    if finding.kind is Kind.JARGON:
        return texts.gettext(
            "“%(text)s” is a difficult word. Write for example: “%(plain)s”.",
            text=finding.text,
            plain=finding.suggestion or "",
        )
    return texts.gettext(
        "Passive voice (“%(text)s”). Say who does it: “the district team calls you”.",
        text=finding.text,
    )


def hints(texts: Texts, cells: dict[str, str]) -> dict[str, list[str]]:
    """The B1 hints for each Dutch text field of the form, in the editor's language."""
    found = {}
    for field in CHECKED_FIELDS:
        findings = check_text(cells.get(field))
        if findings:
            found[field] = [hint_text(texts, f) for f in findings]
    return found


# -- the resident's card -------------------------------------------------------------------


@cache
def _resident_catalogs() -> tuple[Catalogs, Catalogs]:
    return Catalogs(SUPPORTED_LOCALES), Catalogs(SUPPORTED_LOCALES, domain=WIDGET_DOMAIN)


@dataclass(frozen=True)
class Preview:
    """A provision's card as the chat widget shows it, and the widget's words around it."""

    card: Card
    words: dict[str, str]


def preview(item: ServiceIn | None, cells: dict[str, str], organization: str) -> Preview:
    """The card a resident would see (in Dutch) for what the form holds now. A form with
    problems still shows what it can: the texts as typed."""
    messages, widget = _resident_catalogs()
    texts, words = messages.get("nl"), widget.get("nl")
    if item is not None:
        card = card_for(provision(service_row(item, now=datetime.now(UTC)), organization), texts)
    else:
        card = Card(
            id=cells.get("id", ""),
            name=cells.get("name", ""),
            service_types=(),
            summary=cells.get("summary", ""),
            audience=cells.get("audience", ""),
            cost=_cost_text(cells, texts),
            opening=tuple(filter(None, [cells.get("opening_hours"), cells.get("schedule_note")])),
            how_to_apply=cells.get("how_to_apply", ""),
            phone=cells.get("phone") or None,
            email=cells.get("email") or None,
            website=cells.get("website") or None,
            description=cells.get("description", ""),
            cost_note=cells.get("cost_note") or None,
        )
    keys = ("more", "for_whom", "cost", "opening", "apply", "phone", "email", "website")
    return Preview(card, {k: words.gettext(_WIDGET_WORDS[k]) for k in (*keys, "address")})


# The cost line's words, as bot/conversation/cards.py has them in the residents' catalog.
_COST_WORDS = {
    "free": "Free",
    "income_dependent": "Depends on your income",
    "contribution": "Personal contribution (eigen bijdrage)",
}


def _cost_text(cells: dict[str, str], texts: Texts) -> str:
    """The card's cost line for a form that cannot be read as a whole yet (as
    ``bot.conversation.cards.cost_text`` says it for a provision)."""
    kind = cells.get("cost", "")
    if kind in _COST_WORDS:
        return texts.gettext(_COST_WORDS[kind])
    try:
        amount = Decimal(cells.get("cost_amount", "").replace(".", "").replace(",", "."))
    except InvalidOperation:
        return ""
    unit = cells.get("cost_unit", "")
    return f"{texts.money(amount)} {unit}".strip()


_WIDGET_WORDS = {
    "more": "More information",
    "for_whom": "For whom",
    "cost": "Cost",
    "opening": "Opening hours",
    "apply": "How to apply",
    "phone": "Phone",
    "email": "E-mail",
    "website": "Website",
    "address": "Address",
}


# -- history -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    parts: list[tuple[str, str]]  # ("same" | "del" | "ins", text)


@dataclass(frozen=True)
class HistoryLine:
    record: ChangeRecord
    fields: list[FieldChange]


# Where a nested value of the stored provision is in the form.
_NESTED = {
    ("cost", "kind"): "cost",
    ("cost", "amount"): "cost_amount",
    ("cost", "unit"): "cost_unit",
    ("cost", "unit_en"): "cost_unit_en",
    ("cost", "note"): "cost_note",
    ("cost", "note_en"): "cost_note_en",
    ("location", "name"): "location_name",
    ("schedule", ""): "opening_hours",
}
_DAYS = {"monday": "ma", "tuesday": "di", "wednesday": "wo", "thursday": "do", "friday": "vr"}
_DAYS |= {"saturday": "za", "sunday": "zo"}
_TOKEN = re.compile(r"\s+|[^\s]+")


def history(texts: Texts, changes: list[ChangeRecord]) -> list[HistoryLine]:
    """The history with each change as words struck and added; changes that changed
    nothing one can see (line endings, say) are left out."""
    names = labels(texts)
    lines = []
    for record in changes:
        fields = []
        for column, before, after in _flat(record.diff):
            parts = word_diff(_text(before), _text(after))
            if any(kind != "same" for kind, _ in parts):
                fields.append(FieldChange(names.get(column, column), parts))
        if record.action == "update" and not fields:
            continue
        lines.append(HistoryLine(record, fields))
    return lines


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The words of ``before`` struck and those of ``after`` added, with a few unchanged
    words around each change (longer unchanged stretches become "…")."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    # Compared by word: a changed line ending or double space is no change.
    matcher = difflib.SequenceMatcher(
        None, [t if t.strip() else " " for t in old], [t if t.strip() else " " for t in new],
        autojunk=False,
    )  # fmt: skip
    parts: list[tuple[str, str]] = []
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            parts.append(("same", _shorten(old[a1:a2], index, len(opcodes))))
            continue
        if a2 > a1 and "".join(old[a1:a2]).strip():
            parts.append(("del", "".join(old[a1:a2])))
        if b2 > b1 and "".join(new[b1:b2]).strip():
            parts.append(("ins", "".join(new[b1:b2])))
    return [p for p in parts if p[1]]


def _shorten(tokens: list[str], index: int, count: int) -> str:
    words = [t for t in tokens if t.strip()]
    keep = CONTEXT_WORDS * 2  # token pairs: a word and the space after it
    if len(words) <= CONTEXT_WORDS * 2 + 1:
        return "".join(tokens)
    head = "".join(tokens[:keep]) if index > 0 else ""
    tail = "".join(tokens[-keep:]) if index < count - 1 else ""
    if index == 0:
        return "… " + tail.lstrip()
    if index == count - 1:
        return head.rstrip() + " …"
    return head.rstrip() + " … " + tail.lstrip()


def _flat(diff: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(form field, before, after) for each changed value, nested ones by their field."""
    flat: list[tuple[str, Any, Any]] = []
    for key, values in diff.items():
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        before, after = values
        if key == "schedule":
            flat.append(("opening_hours", _schedule(before), _schedule(after)))
        elif isinstance(before, dict) or isinstance(after, dict):
            old, new = before or {}, after or {}
            for sub in dict.fromkeys([*old, *new]):
                if old.get(sub) != new.get(sub):
                    flat.append((_NESTED.get((key, sub), sub), old.get(sub), new.get(sub)))
        else:
            flat.append((key, before, after))
    return flat


def _schedule(value: Any) -> str:
    if not value:
        return ""
    spans: dict[str, list[str]] = {}
    for item in value:
        day = _DAYS.get(str(item.get("day")), str(item.get("day")))
        spans.setdefault(day, []).append(f"{item.get('opens')}-{item.get('closes')}")
    return "; ".join(f"{day} {', '.join(times)}" for day, times in spans.items())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)
