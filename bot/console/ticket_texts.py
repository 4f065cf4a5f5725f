"""How a referral reads for staff: its fields' values, the time left to first contact,
its history as sentences and moments in the municipality's own time. Shared by the
inbox, a ticket's page, its CSV export and the insights."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.platform.i18n import Texts
from handoff import ContactMethod, Status, TicketEventView, TicketView
from knowledge_base import domains as living_domains

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def local(moment: datetime) -> datetime:
    """A stored moment (naive UTC) as the clock on the wall in the municipality shows it."""
    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME)


def local_time(texts: Texts, moment: datetime | None) -> str:
    """``7 december 2026 13:24``, in Dutch time."""
    if moment is None:
        return ""
    at = local(moment)
    return f"{texts.short_date(at)} {texts.clock(at.time())}"


def sla_badge(ticket: TicketView, now: datetime, texts: Texts) -> tuple[str, str]:
    """(css class, words) for how the ticket stands against its due time: the time left
    while the resident waits for first contact, how late once it is past."""
    if ticket.status is Status.CLOSED:
        return "done", texts.gettext("closed")
    if ticket.status is Status.CONTACTED:
        return "ok", texts.gettext("contacted")
    if ticket.status is Status.IN_PROGRESS:
        return "ok", texts.gettext("In progress")
    left = ticket.due_at - now
    if left <= timedelta(0):
        late = -left
        if late < timedelta(days=1):
            hours = max(1, int(late.total_seconds() // 3600))
            words = texts.ngettext("%(n)s hour overdue", "%(n)s hours overdue", hours)
        else:
            words = texts.ngettext("%(n)s day overdue", "%(n)s days overdue", late.days)
        return "late", "⚠ " + words
    if left < timedelta(days=1):
        hours = max(1, int(left.total_seconds() // 3600))
        return "soon", texts.ngettext("%(n)s hour left", "%(n)s hours left", hours)
    due = texts.short_date(local(ticket.due_at))
    return "ok", texts.ngettext(
        "%(n)s day left (%(day)s)", "%(n)s days left (%(day)s)", left.days, day=due
    )


def labels(texts: Texts) -> dict[str, dict[str, str]]:
    """Ticket fields' values (status, outcome, ...) as staff read them."""
    return {
        "status": {
            "new": texts.gettext("New"),
            "accepted": texts.gettext("Accepted"),
            "contacted": texts.gettext("Contacted"),
            "in_progress": texts.gettext("In progress"),
            "closed": texts.gettext("Closed"),
            "rejected": texts.gettext("Wrong team"),
        },
        "outcome": {
            "helped": texts.gettext("Helped"),
            "referred_elsewhere": texts.gettext("Referred elsewhere"),
            "could_not_contact": texts.gettext("Could not make contact"),
            "not_eligible": texts.gettext("Not eligible"),
            "declined": texts.gettext("Declined by the resident"),
            "no_longer_needed": texts.gettext("No longer needed"),
        },
        "method": {
            "phone": texts.gettext("Phone"),
            "email": texts.gettext("E-mail"),
            "chat": texts.gettext("Here in the chat"),
            "visit": texts.gettext("Home visit"),
        },
        "urgency": {"normal": texts.gettext("Normal"), "urgent": texts.gettext("Urgent")},
        "channel": {"web": texts.gettext("web chat"), "telegram": "Telegram"},
    }


def domain_names(texts: Texts, ids: Sequence[str]) -> list[str]:
    """Living domains by their name in the staff member's language, each once."""
    known = living_domains()
    names: list[str] = []
    for domain_id in ids:
        found = known.get(domain_id)
        name = (found.en if texts.locale == "en" else found.nl) if found else domain_id
        if name not in names:
            names.append(name)
    return names


def history_lines(
    events: Sequence[TicketEventView],
    texts: Texts,
    names: dict[str, str],
    teams: dict[str, str],
) -> list[tuple[datetime, str]]:
    """The ticket's history as sentences: "Opgepakt door Fatima", not "claimed: — → x"."""
    words = labels(texts)
    status = words["status"]

    def who(username: str | None) -> str:
        if not username:
            return "—"
        if username == "resident":
            return texts.gettext("the resident")
        return names.get(username, username)

    lines: list[tuple[datetime, str]] = []
    for i, e in enumerate(events):
        by = who(e.by)
        previous = events[i - 1] if i else None
        if e.action == "created":
            text = texts.gettext("New: sent by the resident through the chat")
        elif e.action == "claimed":
            text = texts.gettext("Picked up by %(name)s", name=who(e.to_value))
        elif e.action == "status":
            if Status.REJECTED in (e.from_value, e.to_value):
                continue  # the "sent on" line says it
            if (
                previous is not None
                and previous.action in ("claimed", "contact")
                and previous.at == e.at
            ):
                continue  # said by the line before it
            target = status.get(e.to_value or "", e.to_value or "")
            text = texts.gettext("Status %(status)s, by %(name)s", status=target, name=by)
        elif e.action == "outcome":
            if e.to_value:
                outcome = words["outcome"].get(e.to_value, e.to_value)
                text = texts.gettext("Outcome: %(outcome)s", outcome=outcome)
            else:
                text = texts.gettext("Reopened by %(name)s", name=by)
        elif e.action == "assigned":
            if e.to_value:
                text = texts.gettext("Given to %(to)s by %(name)s", to=who(e.to_value), name=by)
            else:
                text = texts.gettext("Given to nobody in particular by %(name)s", name=by)
        elif e.action == "rerouted":
            text = texts.gettext(
                "Sent on from %(old)s to %(new)s by %(name)s",
                old=teams.get(e.from_value or "", e.from_value or ""),
                new=teams.get(e.to_value or "", e.to_value or ""),
                name=by,
            )
        elif e.action == "contact":
            if e.to_value == ContactMethod.CHAT:
                text = texts.gettext("Answered in the chat by %(name)s", name=by)
            else:
                how = words["method"].get(e.to_value or "", e.to_value or "")
                text = texts.gettext(
                    "Contact with the resident (%(how)s), by %(name)s", how=how, name=by
                )
        elif e.action == "transcript":
            text = texts.gettext("The copy of the conversation was erased (retention period)")
        else:
            text = f"{e.action}: {e.from_value or '—'} → {e.to_value or '—'}"
        if e.note:
            text += f" ({e.note})"
        lines.append((e.at, text))
    return lines
