"""The catalogue as the spreadsheet content editors keep: one row per provision.

Editors work in Excel or LibreOffice and save as CSV. This module reads such a file
(UTF-8, or Windows-1252 as Excel writes it; comma or semicolon separated) into the same
import contract as the YAML files, and writes one back. Every problem is reported with
its row (as numbered in the spreadsheet, the header is row 1) and column.

Columns (header names, in any order; * = required):

====================  ===============================================================
id*                   short fixed name: lowercase letters, digits, hyphens
name*                 the provision's name
organization*         id of the organisation that offers it
organization_name     the organisation's name (creates the organisation when new)
service_types*        one to three ids from service-types.yaml, comma separated
domains               living domain ids; empty: taken from the service types
access*               open, referral or emergency
summary*              one line, at most 200 characters (summary_en: in English)
description*          what it offers (description_en)
audience*             who it is for, in words (audience_en)
min_age, max_age      ages (whole years)
groups                seniors, youth, children, parents, carers, disabled, low_income,
                      newcomers, everyone (comma separated)
cost*                 free, fixed, income_dependent or contribution
cost_amount           euros, e.g. 2,50 (required for fixed)
cost_unit, cost_note  "per klus", a note on the cost (cost_unit_en, cost_note_en)
how_to_apply*         how to get it (how_to_apply_en)
phone, email, website contact
location_name         the building's name
address, postcode,    street and number, a Dutch postcode (4101 AB), the town
city
walk_in               ja/nee (yes/no): can people walk in without an appointment
districts             district ids; empty: the whole municipality
opening_hours         ma 09:00-12:00, 13:00-16:00; di-do 09:00-17:00
schedule_note         e.g. "Niet in de schoolvakanties" (schedule_note_en)
languages             language codes, e.g. nl, en, ar
keywords              words residents use for it, comma separated
last_reviewed         date of the last check, 2026-03-01 or 1-3-2026
reviewed_by           who checked it
====================  ===============================================================

FAQ entries go in a second file with the columns id*, question*, question_en, answer*,
answer_en, domains, keywords, last_reviewed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from knowledge_base.schema import DAYS, Bundle, FaqIn, OrganizationIn, ServiceIn

SERVICE_COLUMNS = (
    "id",
    "name",
    "organization",
    "organization_name",
    "service_types",
    "domains",
    "access",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "audience",
    "audience_en",
    "min_age",
    "max_age",
    "groups",
    "cost",
    "cost_amount",
    "cost_unit",
    "cost_unit_en",
    "cost_note",
    "cost_note_en",
    "how_to_apply",
    "how_to_apply_en",
    "phone",
    "email",
    "website",
    "location_name",
    "address",
    "postcode",
    "city",
    "walk_in",
    "districts",
    "opening_hours",
    "schedule_note",
    "schedule_note_en",
    "languages",
    "keywords",
    "last_reviewed",
    "reviewed_by",
)
SERVICE_REQUIRED = (
    "id",
    "name",
    "organization",
    "service_types",
    "access",
    "summary",
    "description",
    "audience",
    "cost",
    "how_to_apply",
)
FAQ_COLUMNS = (
    "id",
    "question",
    "question_en",
    "answer",
    "answer_en",
    "domains",
    "keywords",
    "last_reviewed",
)
FAQ_REQUIRED = ("id", "question", "answer")

# Where a validation error inside the nested model shows in the spreadsheet.
_NESTED_COLUMN = {
    ("cost", "kind"): "cost",
    ("cost", "amount"): "cost_amount",
    ("cost", "unit"): "cost_unit",
    ("cost", "note"): "cost_note",
    ("eligibility", "groups"): "groups",
    ("location", "name"): "location_name",
    ("schedule",): "opening_hours",
    ("contact",): "",
    ("eligibility",): "",
    ("location",): "",
}
_DAY_NAMES = {
    **{name: i for i, name in enumerate(DAYS)},
    **{name: i for i, name in enumerate(("ma", "di", "wo", "do", "vr", "za", "zo"))},
    **{name: i for i, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    **{
        name: i
        for i, name in enumerate(
            ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
        )
    },
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}
_DAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
_DAY_RANGE = re.compile(r"^([a-z]+)\s*(?:-|t/m|tot en met|to)\s*([a-z]+)$")
_PERIOD = re.compile(r"^(\d{1,2})[:.](\d{2})\s*(?:-|–|tot|to)\s*(\d{1,2})[:.](\d{2})$")
_YES = {"ja", "j", "yes", "y", "true", "1", "x"}
_NO = {"nee", "n", "no", "false", "0", ""}
# Spreadsheet programs run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Problem(str):
    """A problem's message in English, as the spreadsheet report says it, that also says
    what kind of problem it is (``code``, and the ``limit`` it is about, if any), so that
    the console can say it in the editor's own language."""

    code: str
    limit: int | None

    def __new__(cls, message: str, code: str = "other", limit: int | None = None) -> Problem:
        problem = super().__new__(cls, message)
        problem.code = code
        problem.limit = limit
        return problem


class _CellError(ValueError):
    def __init__(self, column: str, message: str, code: str = "other") -> None:
        super().__init__(message)
        self.column = column
        self.code = code


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 or Excel's Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"the file is neither UTF-8 nor Windows-1252 text (byte {exc.start}); "
            "save it as 'CSV UTF-8' in your spreadsheet program"
        ) from None


def _reader(text: str) -> Iterator[list[str]]:
    """Rows of cells. Only the separator is guessed, from the header line, which has no
    quotes or free text in it; quoting is always the spreadsheet standard ("", doubled)."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        strict=True,
    )


def is_faq_file(text: str) -> bool:
    header = text.splitlines()[0].lower() if text else ""
    return "question" in header and "service_types" not in header


def read_csv(text: str) -> tuple[Bundle | None, list[str]]:
    """Provisions (or, by its header, FAQ entries) from CSV text, and every problem."""
    if not text.strip():
        return None, ["row 1: the file is empty"]
    faq = is_faq_file(text)
    columns, required = (FAQ_COLUMNS, FAQ_REQUIRED) if faq else (SERVICE_COLUMNS, SERVICE_REQUIRED)
    rows = _reader(text)
    try:
        header = [h.strip().lower() for h in next(rows)]
    except (csv.Error, StopIteration) as exc:
        return None, [f"row 1: not a readable CSV header: {exc}"]
    problems = _header_problems(header, columns, required)
    if problems:
        return None, problems
    services: list[ServiceIn] = []
    faqs: list[FaqIn] = []
    organizations: dict[str, OrganizationIn] = {}
    first_row: dict[str, int] = {}
    row_number = 1
    try:
        # Row numbers as the spreadsheet shows them: blank rows count too.
        for row_number, values in enumerate(rows, start=2):
            if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                ident = values[header.index("id")].strip() if "id" in header else "?"
                problems.append(
                    f"row {row_number} (id {ident or '?'}): more cells than there are columns"
                )
                continue
            raw = dict(zip(header, values, strict=False))
            cells = _clean(raw)
            if not any(cells.values()):
                continue
            ident = cells.get("id") or "?"
            where = f"row {row_number} (id {ident})"
            if ident in first_row:
                problems.append(f"{where}: duplicate id, also on row {first_row[ident]}")
                continue
            first_row[ident] = row_number
            if faq:
                item, found = _validated(FaqIn, _faq_data, cells)
            else:
                item, found = _validated(ServiceIn, _service_data, cells)
            problems.extend(
                f"{where}, column {column}: {message}" if column else f"{where}: {message}"
                for column, message in found
            )
            if isinstance(item, FaqIn):
                faqs.append(item)
            elif isinstance(item, ServiceIn):
                services.append(item)
                _collect_organization(cells, organizations, where, problems)
    except csv.Error as exc:
        problems.append(f"row {row_number + 1}: not readable as CSV: {exc}")
    if problems:
        return None, problems
    # Whether each organisation exists is checked on import, against the file and the
    # catalogue together: a spreadsheet may name organisations the catalogue already has.
    bundle = Bundle.model_construct(
        organizations=list(organizations.values()), services=services, faqs=faqs
    )
    return bundle, []


def service_from_cells(cells: Mapping[str, str]) -> tuple[ServiceIn | None, list[tuple[str, str]]]:
    """A provision from one row's cells (or a web form with the same field names), and
    its problems as (column, message) pairs."""
    item, problems = _validated(ServiceIn, _service_data, _clean(dict(cells)))
    return (item if isinstance(item, ServiceIn) else None), problems


def _validated(
    model: type[ServiceIn] | type[FaqIn],
    to_data: Callable[[dict[str, str], list[tuple[str, str]]], dict[str, Any]],
    cells: dict[str, str],
) -> tuple[ServiceIn | FaqIn | None, list[tuple[str, str]]]:
    """Every problem of a row at once: the cells that cannot be read, then the rules."""
    problems: list[tuple[str, str]] = [
        (column, Problem("contains a NUL character (\\x00); remove it", "nul"))
        for column, value in cells.items()
        if "\x00" in value
    ]
    cells = {column: value.replace("\x00", "") for column, value in cells.items()}
    data = to_data(cells, problems)
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        unreadable = {column for column, _ in problems}
        # A cost without a readable amount is not also "a fixed cost without an amount".
        if "cost_amount" in unreadable:
            unreadable.add("cost")
        problems += [
            (column, _problem(err))
            for err in exc.errors()
            if (column := _column_of(err["loc"])) not in unreadable
        ]
        return None, problems
    return (None, problems) if problems else (item, [])


def _read(problems: list[tuple[str, str]], parse: Callable[..., Any], *args: Any) -> Any:
    """A cell's value, or None with the problem noted (the other cells are still read)."""
    try:
        return parse(*args)
    except _CellError as exc:
        problems.append((exc.column, Problem(str(exc), exc.code)))
        return None


def _header_problems(
    header: list[str], columns: tuple[str, ...], required: tuple[str, ...]
) -> list[str]:
    problems = []
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        problems.append(
            f"row 1: unknown column(s) {', '.join(unknown)} (known columns: {', '.join(columns)})"
        )
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(f"row 1: missing required column(s) {', '.join(missing)}")
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    if doubled:
        problems.append(f"row 1: column(s) {', '.join(doubled)} appear more than once")
    return problems


def _clean(raw: Mapping[Any, Any]) -> dict[str, str]:
    cells = {}
    for key, value in raw.items():
        if key is None or value is None:
            continue
        text = value.strip() if isinstance(value, str) else ""
        # A leading apostrophe is how an export protected a formula-like cell; undo it.
        if text.startswith("'") and text[1:2] in _FORMULA_START and text[1:2]:
            text = text[1:]
        cells[key] = text
    return cells


def _items(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,|]", cell) if part.strip()]


def _optional(cells: dict[str, str], column: str) -> str | None:
    return cells.get(column) or None


def _int(cells: dict[str, str], column: str) -> int | None:
    value = cells.get(column, "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise _CellError(column, f"{value!r} is not a whole number", "number")
    return int(value)


def _amount(cells: dict[str, str]) -> Decimal | None:
    value = cells.get("cost_amount", "").replace("€", "").replace(" ", "")
    if not value:
        return None
    # Dutch spreadsheets write 2,50 and 1.250,00.
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise _CellError(
            "cost_amount", f"{cells['cost_amount']!r} is not an amount like 2,50", "amount"
        ) from None


def _yes_no(cells: dict[str, str], column: str) -> bool:
    value = cells.get(column, "").lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _CellError(column, f"{cells[column]!r} is not ja or nee", "yes_no")


def _date(cells: dict[str, str], column: str) -> date | None:
    value = cells.get(column, "")
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise _CellError(column, f"{value!r} is not a date like 2026-03-01 or 1-3-2026", "date")


def parse_opening_hours(cell: str) -> list[dict[str, str]]:
    """'ma 09:00-12:00, 13:00-16:00; di-do 9.00-17.00' -> schedule entries."""
    entries: list[dict[str, str]] = []
    for part in (p.strip() for p in cell.replace("\n", ";").split(";")):
        if not part:
            continue
        match = re.match(r"^([a-zA-Z/ -]+?)\s+(\d.*)$", part)
        if not match:
            raise _CellError(
                "opening_hours",
                f"{part!r} is not a day with times, like 'ma 09:00-12:00'",
                "opening_hours",
            )
        days = _days(match.group(1).strip().lower().rstrip(":"), part)
        for period in (p.strip() for p in match.group(2).split(",")):
            found = _PERIOD.match(period)
            if not found:
                raise _CellError(
                    "opening_hours",
                    f"{period!r} in {part!r} is not a time span like 09:00-12:00",
                    "opening_hours",
                )
            h1, m1, h2, m2 = found.groups()
            for day in days:
                entries.append(
                    {
                        "day": DAYS[day],
                        "opens": f"{int(h1):02d}:{m1}",
                        "closes": f"{int(h2):02d}:{m2}",
                    }
                )
    return entries


def _days(text: str, part: str) -> list[int]:
    if text in _DAY_NAMES:
        return [_DAY_NAMES[text]]
    span = _DAY_RANGE.match(text)
    if span and span.group(1) in _DAY_NAMES and span.group(2) in _DAY_NAMES:
        first, last = _DAY_NAMES[span.group(1)], _DAY_NAMES[span.group(2)]
        if first <= last:
            return list(range(first, last + 1))
    raise _CellError(
        "opening_hours", f"{text!r} in {part!r} is not a day like ma, di ... zo", "opening_hours"
    )


def format_opening_hours(schedule: Iterable[Any]) -> str:
    by_day: dict[int, list[str]] = {}
    for entry in sorted(schedule, key=lambda e: (e.weekday, e.opens)):
        by_day.setdefault(entry.weekday, []).append(f"{entry.opens}-{entry.closes}")
    return "; ".join(f"{_DAY_SHORT[day]} {', '.join(spans)}" for day, spans in by_day.items())


def _service_data(cells: dict[str, str], problems: list[tuple[str, str]]) -> dict[str, Any]:
    location = None
    if any(cells.get(c) for c in ("address", "postcode", "city", "location_name")):
        location = {
            "name": _optional(cells, "location_name"),
            "address": cells.get("address", ""),
            "postcode": cells.get("postcode", ""),
            "city": cells.get("city", ""),
            "walk_in": bool(_read(problems, _yes_no, cells, "walk_in")),
        }
    elif cells.get("walk_in") and _read(problems, _yes_no, cells, "walk_in"):
        problems.append(
            ("walk_in", Problem("walking in needs an address, postcode and city", "walk_in"))
        )
    eligibility: dict[str, Any] = {
        "min_age": _read(problems, _int, cells, "min_age"),
        "max_age": _read(problems, _int, cells, "max_age"),
        "groups": _items(cells.get("groups", "")),
    }
    domains = _items(cells.get("domains", ""))
    return {
        "id": cells.get("id", ""),
        "name": cells.get("name", ""),
        "organization": cells.get("organization", ""),
        "service_types": _items(cells.get("service_types", "")),
        "domains": domains or None,
        "access": cells.get("access", "").lower(),
        "summary": cells.get("summary", ""),
        "summary_en": _optional(cells, "summary_en"),
        "description": cells.get("description", ""),
        "description_en": _optional(cells, "description_en"),
        "audience": cells.get("audience", ""),
        "audience_en": _optional(cells, "audience_en"),
        "eligibility": {k: v for k, v in eligibility.items() if v not in (None, [])},
        "cost": {
            "kind": cells.get("cost", "").lower(),
            "amount": _read(problems, _amount, cells),
            "unit": _optional(cells, "cost_unit"),
            "unit_en": _optional(cells, "cost_unit_en"),
            "note": _optional(cells, "cost_note"),
            "note_en": _optional(cells, "cost_note_en"),
        },
        "how_to_apply": cells.get("how_to_apply", ""),
        "how_to_apply_en": _optional(cells, "how_to_apply_en"),
        "contact": {
            "phone": _optional(cells, "phone"),
            "email": _optional(cells, "email"),
            "website": _optional(cells, "website"),
        },
        "location": location,
        "districts": _items(cells.get("districts", "")),
        "schedule": _read(problems, parse_opening_hours, cells.get("opening_hours", "")) or [],
        "schedule_note": _optional(cells, "schedule_note"),
        "schedule_note_en": _optional(cells, "schedule_note_en"),
        "languages": _items(cells.get("languages", "")) or ["nl"],
        "keywords": _items(cells.get("keywords", "")),
        "last_reviewed": _read(problems, _date, cells, "last_reviewed"),
        "reviewed_by": _optional(cells, "reviewed_by"),
    }


def _faq_data(cells: dict[str, str], problems: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "id": cells.get("id", ""),
        "question": cells.get("question", ""),
        "question_en": _optional(cells, "question_en"),
        "answer": cells.get("answer", ""),
        "answer_en": _optional(cells, "answer_en"),
        "domains": _items(cells.get("domains", "")),
        "keywords": _items(cells.get("keywords", "")),
        "last_reviewed": _read(problems, _date, cells, "last_reviewed"),
    }


def _collect_organization(
    cells: dict[str, str],
    organizations: dict[str, OrganizationIn],
    where: str,
    problems: list[str],
) -> None:
    org_id, name = cells.get("organization", ""), cells.get("organization_name", "")
    if not name:
        return
    known = organizations.get(org_id)
    if known is None:
        try:
            organizations[org_id] = OrganizationIn(id=org_id, name=name)
        except ValidationError as exc:
            problems.extend(
                f"{where}, column organization_name: {_message(e)}" for e in exc.errors()
            )
    elif known.name != name:
        problems.append(
            f"{where}, column organization_name: {name!r} differs from {known.name!r} "
            f"given for {org_id} before"
        )


def _column_of(loc: tuple[int | str, ...]) -> str:
    if not loc:
        return ""
    if len(loc) >= 2 and (str(loc[0]), str(loc[1])) in _NESTED_COLUMN:
        return _NESTED_COLUMN[(str(loc[0]), str(loc[1]))]
    if (str(loc[0]),) in _NESTED_COLUMN:
        nested = _NESTED_COLUMN[(str(loc[0]),)]
        return nested or (str(loc[1]) if len(loc) > 1 else "")
    return str(loc[0])


def _message(err: Any) -> str:
    message = str(err["msg"])
    return message.removeprefix("Value error, ")


# Pydantic's error types, and what the schema's own checks say, as problem codes.
_CODES = {
    "missing": "required",
    "string_too_short": "too_short",
    "string_too_long": "too_long",
    "string_pattern_mismatch": "pattern",
    "enum": "choice",
    "literal_error": "choice",
    "too_short": "too_few",
    "too_long": "too_many",
    "greater_than_equal": "at_least",
    "less_than_equal": "at_most",
    "int_parsing": "number",
    "decimal_parsing": "amount",
}
_VALUE_ERRORS = (
    ("Dutch postcode", "postcode"),
    ("fixed cost needs an amount", "fixed_needs_amount"),
    ("unknown service type", "unknown"),
    ("unknown domain", "unknown"),
    ("opening hours overlap", "overlap"),
    ("is not a time", "opening_hours"),
    ("but closes at", "closes_before_opens"),
    ("NUL character", "nul"),
)


def _problem(err: Any) -> Problem:
    message = _message(err)
    code = _CODES.get(str(err["type"]), "other")
    if err["type"] == "value_error":
        code = next((c for text, c in _VALUE_ERRORS if text in message), "other")
    context = err.get("ctx") or {}
    limit = next(
        (context[k] for k in ("min_length", "max_length", "ge", "le") if k in context), None
    )
    if code in ("too_short", "pattern", "choice") and not err.get("input"):
        code = "required"
    if code == "too_few" and not err.get("input"):
        code = "required_choice"
    return Problem(message, code, int(limit) if isinstance(limit, int | float) else None)


# -- writing -------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """A cell a spreadsheet program will show, not run: formula-like text gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(bundle: Bundle) -> str:
    """The provisions as a spreadsheet (UTF-8; semicolons, as Dutch Excel expects)."""
    names = {o.id: o.name for o in bundle.organizations}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(SERVICE_COLUMNS)
    for service in bundle.services:
        row = service_cells(service, names.get(service.organization, ""))
        writer.writerow([safe_cell(row[c]) for c in SERVICE_COLUMNS])
    return out.getvalue()


def service_cells(s: ServiceIn, organization_name: str = "") -> dict[str, str]:
    """One provision as spreadsheet cells (also the fields of the console's edit form)."""
    location = s.location
    amount = "" if s.cost.amount is None else f"{s.cost.amount:.2f}".replace(".", ",")
    cells: dict[str, object] = {
        "id": s.id,
        "name": s.name,
        "organization": s.organization,
        "organization_name": organization_name,
        "service_types": ", ".join(s.service_types),
        "domains": ", ".join(s.domains or []),
        "access": s.access.value,
        "summary": s.summary,
        "summary_en": s.summary_en,
        "description": s.description,
        "description_en": s.description_en,
        "audience": s.audience,
        "audience_en": s.audience_en,
        "min_age": s.eligibility.min_age,
        "max_age": s.eligibility.max_age,
        "groups": ", ".join(s.eligibility.groups),
        "cost": s.cost.kind.value,
        "cost_amount": amount,
        "cost_unit": s.cost.unit,
        "cost_unit_en": s.cost.unit_en,
        "cost_note": s.cost.note,
        "cost_note_en": s.cost.note_en,
        "how_to_apply": s.how_to_apply,
        "how_to_apply_en": s.how_to_apply_en,
        "phone": s.contact.phone,
        "email": s.contact.email,
        "website": s.contact.website,
        "location_name": location.name if location else None,
        "address": location.address if location else None,
        "postcode": location.postcode if location else None,
        "city": location.city if location else None,
        "walk_in": ("ja" if location.walk_in else "nee") if location else None,
        "districts": ", ".join(s.districts),
        "opening_hours": format_opening_hours(_Period.of(s)),
        "schedule_note": s.schedule_note,
        "schedule_note_en": s.schedule_note_en,
        "languages": ", ".join(s.languages),
        "keywords": ", ".join(s.keywords),
        "last_reviewed": s.last_reviewed.isoformat() if s.last_reviewed else None,
        "reviewed_by": s.reviewed_by,
    }
    return {key: "" if value is None else str(value) for key, value in cells.items()}


def write_faq_csv(bundle: Bundle) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(FAQ_COLUMNS)
    for f in bundle.faqs:
        row = {
            "id": f.id,
            "question": f.question,
            "question_en": f.question_en,
            "answer": f.answer,
            "answer_en": f.answer_en,
            "domains": ", ".join(f.domains),
            "keywords": ", ".join(f.keywords),
            "last_reviewed": f.last_reviewed.isoformat() if f.last_reviewed else None,
        }
        writer.writerow([safe_cell(row[c]) for c in FAQ_COLUMNS])
    return out.getvalue()


class _Period:
    """An opening period with a weekday number, for formatting."""

    def __init__(self, weekday: int, opens: str, closes: str) -> None:
        self.weekday, self.opens, self.closes = weekday, opens, closes

    @classmethod
    def of(cls, service: ServiceIn) -> Iterator[_Period]:
        for entry in service.schedule:
            yield cls(entry.weekday, entry.opens, entry.closes)
