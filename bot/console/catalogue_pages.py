"""The content editors' pages: the list of provisions with filters, creating, editing,
retiring and restoring a provision, marking it as checked, and its history. While editing,
the form shows the card a resident would see and hints for plain (B1) Dutch.

The edit form has the same fields as the editors' spreadsheet, and goes through the same
parsing and validation (``knowledge_base.spreadsheet``), so a rule holds in both places.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console import provision_views
from bot.console.guard import NotAllowed, posted, require
from bot.console.rendering import application, console_texts, render, secure
from bot.platform.i18n import Texts
from bot.platform.municipality import LOCAL_TIME
from bot.staff.accounts import Role
from bot.staff.sessions import Staff
from knowledge_base import (
    CHECKED_FIELDS,
    SERVICE_COLUMNS,
    CatalogueError,
    EditConflict,
    EntrySummary,
    ServiceIn,
    domains,
    service_cells,
    service_from_cells,
    service_types,
)
from knowledge_base import ELIGIBILITY_GROUPS as GROUPS
from knowledge_base import SheetProblem as Problem

router = APIRouter(prefix="/console/catalogue", include_in_schema=False)

PAGE_SIZE = 50
STATUSES = ("active", "stale", "retired", "all")
MULTI_VALUE = ("service_types", "domains", "groups", "districts")
EDITORS = (Role.EDITOR,)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    type: str = ""
    district: str = ""
    domain: str = ""
    status: str = "active"
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> Filters:
        params = request.query_params
        status = params.get("status", "active")
        try:
            page = max(1, min(10_000, int(params.get("page", "1"))))
        except ValueError:
            page = 1
        return cls(
            q=params.get("q", "")[:200].strip(),
            type=params.get("type", ""),
            district=params.get("district", ""),
            domain=params.get("domain", ""),
            status=status if status in STATUSES else "active",
            page=page,
        )

    def keep(self, entry: EntrySummary, today: Any, text_hits: Collection[str] = ()) -> bool:
        if self.status == "active" and entry.retired:
            return False
        if self.status == "retired" and not entry.retired:
            return False
        if self.status == "stale" and not entry.is_stale(today):
            return False
        if self.type and self.type not in entry.service_types:
            return False
        if self.district == "-" and entry.districts:
            return False
        if self.district not in ("", "-") and self.district not in entry.districts:
            return False
        if self.domain and self.domain not in entry.domains:
            return False
        if self.q:
            needle = self.q.lower()
            haystack = f"{entry.name} {entry.id} {entry.organization}".lower()
            return entry.id in text_hits or all(word in haystack for word in needle.split())
        return True


def _group_names(texts: Texts) -> list[tuple[str, str]]:
    names = {
        "seniors": texts.gettext("Seniors"),
        "youth": texts.gettext("Young people"),
        "children": texts.gettext("Children"),
        "parents": texts.gettext("Parents"),
        "carers": texts.gettext("Carers (mantelzorgers)"),
        "disabled": texts.gettext("People with a disability"),
        "low_income": texts.gettext("People with a low income"),
        "newcomers": texts.gettext("Newcomers"),
        "everyone": texts.gettext("Everyone"),
    }
    return [(group, names.get(group, group)) for group in GROUPS]


def _choices(request: Request) -> dict[str, Any]:
    app = application(request)
    texts = console_texts(request)
    locale = texts.locale
    return {
        "service_types": [
            (t.id, t.en if locale == "en" else t.nl) for t in service_types().values()
        ],
        "domains": [(d.id, d.en if locale == "en" else d.nl) for d in domains().values()],
        "districts": [(d.id, d.name) for d in app.municipality.districts],
        "groups": _group_names(texts),
        "organizations": [(o.id, o.name) for o in app.catalogue.organizations()],
    }


@router.get("")
def catalogue_list(request: Request) -> Response:
    staff = require(request, *EDITORS)
    app = application(request)
    filters = Filters.of(request)
    today = app.today()
    everything = app.catalogue.summaries()
    # Words in the text find a provision too ("traplift" finds the home adaptations), and
    # what the residents' search finds comes first, in its order: "schuldhulp" puts the
    # Kredietbank on top, not whatever is first by name.
    ranked = _ranked(request, filters) if filters.q else {}
    text_hits = app.catalogue.containing(filters.q) | set(ranked) if filters.q else set()
    found = [e for e in everything if filters.keep(e, today, text_hits)]
    found.sort(key=lambda e: ranked.get(e.id, len(ranked)))  # stable: the rest by name
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(filters.page, pages)
    return render(
        request,
        "catalogue_list.html",
        staff=staff,
        filters=filters,
        entries=found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(found),
        stale_count=sum(e.is_stale(today) for e in everything),
        page=page,
        pages=pages,
        today=today,
        statuses=STATUSES,
        **_choices(request),
    )


def _ranked(request: Request, filters: Filters) -> dict[str, int]:
    """Provision ids in the order the residents' search gives them for these words."""
    district = filters.district if filters.district not in ("", "-") else None
    results = application(request).catalogue.search(filters.q, district_id=district, limit=50)
    return {r.provision.id: i for i, r in enumerate(results)}


@router.get("/new")
def new_form(request: Request, copy: str | None = None, keywords: str | None = None) -> Response:
    """A new provision: empty, a copy of another, or with the keywords of an unmet need
    (a theme on the insights page)."""
    staff = require(request, *EDITORS)
    cells = dict.fromkeys(SERVICE_COLUMNS, "")
    cells["access"], cells["cost"], cells["languages"] = "open", "free", "nl"
    source = application(request).catalogue.entry(copy) if copy else None
    if source is not None:
        cells = service_cells(source.service)
        cells["id"] = ""
    if keywords:
        cells["keywords"] = keywords.strip()[:200]
    return _edit_page(request, staff, cells=cells, version=None)


@router.post("/new")
async def create(request: Request) -> Response:
    staff, form = await posted(request, *EDITORS)
    cells = _form_cells(form)
    return await run_in_threadpool(_save, request, staff, cells, None)


@router.post("/new/preview")
async def preview(request: Request) -> Response:
    """The resident's card and the B1 hints for the form as it is now (while typing)."""
    _staff, form = await posted(request, *EDITORS)
    cells = _form_cells(form)
    return render(request, "provision_preview.html", staff=None, **_extras(request, cells))


@router.get("/{provision_id}")
def edit_form(request: Request, provision_id: str) -> Response:
    staff = require(request, *EDITORS)
    entry = application(request).catalogue.entry(provision_id)
    if entry is None:
        return _missing(request, staff)
    return _edit_page(
        request,
        staff,
        cells=service_cells(entry.service),
        version=entry.version,
        retired=entry.retired,
        saved=request.query_params.get("saved") is not None,
    )


@router.post("/{provision_id}")
async def update(request: Request, provision_id: str) -> Response:
    staff, form = await posted(request, *EDITORS)
    cells = _form_cells(form)
    cells["id"] = provision_id
    version = _version(form)
    return await run_in_threadpool(_save, request, staff, cells, version)


@router.post("/{provision_id}/retire")
async def retire(request: Request, provision_id: str) -> Response:
    return await _set_retired(request, provision_id, retired=True)


@router.post("/{provision_id}/restore")
async def restore(request: Request, provision_id: str) -> Response:
    return await _set_retired(request, provision_id, retired=False)


@router.post("/{provision_id}/checked")
async def mark_checked(request: Request, provision_id: str) -> Response:
    """The editor checked every field today: only the review date and reviewer change."""
    staff, form = await posted(request, *EDITORS)
    app = application(request)
    entry = await run_in_threadpool(app.catalogue.entry, provision_id)
    if entry is None:
        return _missing(request, staff)
    checked = entry.service.model_copy(
        update={"last_reviewed": app.today(), "reviewed_by": staff.display_name}
    )
    try:
        await run_in_threadpool(
            lambda: app.catalogue.save(
                checked, changed_by=staff.display_name, expected_version=_version(form)
            )
        )
    except EditConflict:
        return _conflict(request, staff, provision_id)
    return _back_to(provision_id)


@router.get("/{provision_id}/history")
def history(request: Request, provision_id: str) -> Response:
    staff = require(request, *EDITORS)
    app = application(request)
    entry = app.catalogue.entry(provision_id)
    if entry is None:
        return _missing(request, staff)
    texts = console_texts(request)
    return render(
        request,
        "provision_history.html",
        staff=staff,
        entry=entry,
        lines=provision_views.history(texts, app.catalogue.history(provision_id)),
        local=lambda moment: moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME),
    )


# -- helpers -------------------------------------------------------------------------------


def _form_cells(form: FormData) -> dict[str, str]:
    cells: dict[str, str] = {}
    for column in SERVICE_COLUMNS:
        if column in MULTI_VALUE:
            cells[column] = ", ".join(str(v) for v in form.getlist(column))
        elif column == "walk_in":
            cells[column] = "ja" if form.get(column) else "nee"
        else:
            value = form.get(column)
            # A browser sends a text area's line breaks as CRLF: stored as typed they would
            # make an untouched text a change.
            text = value if isinstance(value, str) else ""
            cells[column] = text.replace("\r\n", "\n").replace("\r", "\n")
    # Organisations are chosen from the list; their details live in the catalogue import.
    cells["organization_name"] = ""
    # Domains shown ticked only because they follow from the kinds of help stay implicit
    # unless the editor changed them: otherwise a new kind of help would keep old domains.
    shown = {d for d in str(form.get("domains_shown", "")).split(",") if d}
    submitted = {str(v) for v in form.getlist("domains")}
    if form.get("domains_implicit") == "1" and submitted == shown:
        cells["domains"] = ""
    return cells


def _version(form: FormData) -> int | None:
    value = form.get("version")
    try:
        return int(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _save(request: Request, staff: Staff, cells: dict[str, str], version: int | None) -> Response:
    app = application(request)
    texts = console_texts(request)
    item, problems = service_from_cells(cells)
    problems += _reference_problems(request, item)
    errors: dict[str, list[str]] = {}
    for column, message in problems:
        field = column if column in SERVICE_COLUMNS else "form"
        errors.setdefault(field, []).append(provision_views.problem_text(texts, column, message))
    if item is not None and not errors:
        try:
            app.catalogue.save(
                item,
                changed_by=staff.display_name,
                expected_version=version,
                known_districts={d.id for d in app.municipality.districts},
            )
            return _back_to(item.id)
        except EditConflict:
            if version is not None:
                return _conflict(request, staff, item.id)
            errors.setdefault("id", []).append(
                provision_views.problem_text(texts, "id", Problem("taken", "taken"))
            )
        except CatalogueError:
            errors.setdefault("form", []).append(
                provision_views.problem_text(texts, "", Problem("other"))
            )
    return _edit_page(request, staff, cells=cells, version=version, errors=errors, status_code=422)


def _reference_problems(request: Request, item: ServiceIn | None) -> list[tuple[str, str]]:
    """What only the catalogue and the municipality know: its organisations, districts."""
    if item is None:
        return []
    app = application(request)
    problems: list[tuple[str, str]] = []
    if item.organization not in {o.id for o in app.catalogue.organizations()}:
        problems.append(("organization", Problem("unknown", "unknown_organization")))
    known = {d.id for d in app.municipality.districts}
    if any(d not in known for d in item.districts):
        problems.append(("districts", Problem("unknown", "unknown_district")))
    return problems


def _extras(request: Request, cells: dict[str, str]) -> dict[str, Any]:
    """The card a resident would see for these values, and the B1 hints on its texts."""
    item, _problems = service_from_cells(cells)
    names = dict(_choices(request)["organizations"])
    texts = console_texts(request)
    return {
        "preview": provision_views.preview(item, cells, names.get(cells.get("organization"), "")),
        "hints": provision_views.hints(texts, cells),
    }


def _edit_page(
    request: Request,
    staff: Staff,
    *,
    cells: dict[str, str],
    version: int | None,
    retired: bool = False,
    saved: bool = False,
    errors: dict[str, list[str]] | None = None,
    status_code: int = 200,
) -> Response:
    selected = {
        column: {v.strip() for v in cells.get(column, "").split(",")} for column in MULTI_VALUE
    }
    implicit = not cells.get("domains")
    if implicit:
        # Show the domains that follow from the kinds of help as ticked.
        types = [t for t in selected["service_types"] if t in service_types()]
        selected["domains"] = {d for t in types for d in service_types()[t].domains}
    texts = console_texts(request)
    stored = application(request).catalogue.entry(cells["id"]) if version is not None else None
    return render(
        request,
        "provision_edit.html",
        staff=staff,
        # The heading names the provision as stored: an emptied name field leaves it be.
        title=stored.service.name if stored else texts.gettext("New provision"),
        labels=provision_views.labels(texts),
        hint_fields=CHECKED_FIELDS,
        cells=cells,
        selected=selected,
        domains_implicit=implicit,
        domains_shown=",".join(sorted(selected["domains"])),
        version=version,
        retired=retired,
        saved=saved,
        errors=errors or {},
        status_code=status_code,
        **_choices(request),
        **_extras(request, cells),
    )


async def _set_retired(request: Request, provision_id: str, *, retired: bool) -> Response:
    staff, form = await posted(request, *EDITORS)
    app = application(request)
    try:
        await run_in_threadpool(
            lambda: app.catalogue.set_retired(
                provision_id,
                retired,
                changed_by=staff.display_name,
                expected_version=_version(form),
            )
        )
    except EditConflict:
        return _conflict(request, staff, provision_id)
    except CatalogueError:
        return _missing(request, staff)
    return _back_to(provision_id)


def _back_to(provision_id: str) -> Response:
    return secure(RedirectResponse(f"/console/catalogue/{provision_id}?saved=1", status_code=303))


def _conflict(request: Request, staff: Staff, provision_id: str) -> Response:
    return render(
        request, "edit_conflict.html", staff=staff, provision_id=provision_id, status_code=409
    )


def _missing(request: Request, staff: Staff) -> Response:
    if not staff.may(*EDITORS):
        raise NotAllowed
    return render(request, "not_found.html", staff=staff, status_code=404)
