"""The catalogue of one municipality: stored, imported, and searched."""

from __future__ import annotations

import logging
import threading
import time
from calendar import monthrange
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, delete, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from knowledge_base import search_index
from knowledge_base.convert import (
    apply_faq,
    apply_service,
    faq_entry,
    faq_in,
    faq_row,
    organization_in,
    provision,
    service_in,
    service_row,
)
from knowledge_base.models import Change, Faq, Organization, Revision, Service
from knowledge_base.ranking import rank
from knowledge_base.schema import Bundle, OrganizationIn, ServiceIn
from knowledge_base.text import Vocabulary, index_terms, query_terms, words
from knowledge_base.types import FaqEntry, Provision, SearchResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FaqResult:
    entry: FaqEntry
    score: float


STALE_MONTHS = 12
# How often a server process asks whether the catalogue changed elsewhere (one tiny query).
RECHECK_SECONDS = 2.0


class CatalogueError(ValueError):
    """A change that does not fit the catalogue; ``problems`` lists each one."""

    code = "catalogue.invalid"

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [message]


class EditConflict(CatalogueError):
    """Someone else changed the provision since the editor opened it."""

    code = "catalogue.edit_conflict"


@dataclass(frozen=True)
class Entry:
    """A provision as editors see it: its content, whether it is retired, its version."""

    service: ServiceIn
    retired: bool
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class EntrySummary:
    """A provision's line in the editors' list: enough to filter and sort, cheap to read."""

    id: str
    name: str
    organization: str
    service_types: tuple[str, ...]
    domains: tuple[str, ...]
    districts: tuple[str, ...]
    retired: bool
    last_reviewed: date | None
    reviewed_by: str | None
    version: int
    updated_at: datetime

    def is_stale(self, today: date, months: int = STALE_MONTHS) -> bool:
        return not self.retired and (
            self.last_reviewed is None or self.last_reviewed < _months_before(today, months)
        )


@dataclass(frozen=True)
class ChangeRecord:
    entity: str
    entity_id: str
    action: str  # create, update, retire, restore, delete, import, replace
    changed_by: str
    changed_at: datetime
    diff: dict[str, Any]


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Cache:
    provisions: dict[str, Provision] = field(default_factory=dict)
    faqs: dict[str, FaqEntry] = field(default_factory=dict)
    organizations: dict[str, str] = field(default_factory=dict)
    index: search_index.TermIndex = field(default_factory=lambda: search_index.TermIndex(()))
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(()))
    # Provision ids per service type, by name: a life event's bundle asks for a few kinds.
    by_type: dict[str, list[str]] = field(default_factory=dict)
    # The newest kb_changes id when this view was read, and when that was last checked:
    # another server process may have edited the catalogue since.
    change_mark: int = 0
    checked_at: float = 0.0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Catalogue:
    """Provisions and FAQ entries, kept in memory with their search index for ranking."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Callable[[], datetime] = _now
    ) -> None:
        self._sessions = sessions
        # The application's clock (one for every part), so a test's fake time reaches the
        # change history too; the wall clock when the library is used on its own.
        self._clock = clock
        self._cache: _Cache | None = None
        # One rebuild at a time: after an edit, a burst of searches reads the catalogue once.
        self._loading = threading.Lock()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the catalogue into memory now (otherwise it happens on first use)."""
        self._cache = self._load()

    def _load(self) -> _Cache:
        with self._sessions() as session:
            mark = _change_mark(session)
            orgs = {o.id: o.name for o in session.scalars(select(Organization))}
            services = session.scalars(select(Service).where(Service.retired.is_(False))).all()
            faqs = session.scalars(select(Faq)).all()
            cache = _Cache(
                provisions={s.id: provision(s, orgs.get(s.organization_id, "")) for s in services},
                faqs={f.id: faq_entry(f) for f in faqs},
                organizations=orgs,
            )
            vocab: set[str] = set()
            for s in services:
                vocab.update(words(s.search_text))
            for f in faqs:
                vocab.update(words(f.search_text))
            cache.vocabulary = Vocabulary(vocab)
            for item in sorted(cache.provisions.values(), key=lambda p: p.name):
                for service_type in item.service_types:
                    cache.by_type.setdefault(service_type, []).append(item.id)
            cache.index = search_index.TermIndex(search_index.read_rows(session.connection()))
        cache.change_mark = mark
        cache.checked_at = time.monotonic()
        return cache

    @property
    def _data(self) -> _Cache:
        cache = self._cache
        if cache is not None and time.monotonic() - cache.checked_at > RECHECK_SECONDS:
            with self._sessions() as session:
                changed = _change_mark(session) != cache.change_mark
            cache.checked_at = time.monotonic()
            if changed:
                cache = None
        if cache is None:
            with self._loading:
                cache = self._cache
                if cache is None or time.monotonic() - cache.checked_at > RECHECK_SECONDS:
                    cache = self._load()
                    self._cache = cache
        return cache

    def provisions(self) -> list[Provision]:
        return sorted(self._data.provisions.values(), key=lambda p: p.name)

    def provision(self, provision_id: str) -> Provision | None:
        return self._data.provisions.get(provision_id)

    def of_service_type(
        self, service_type: str, *, district_id: str | None = None
    ) -> list[Provision]:
        """The provisions of one kind of help: the resident's own district's first, then
        the whole municipality's; never one that serves other districts only. Without a
        district, district-only provisions come after the whole municipality's."""

        def order(p: Provision) -> tuple[int, str]:
            if district_id and district_id in p.district_ids:
                return (0, p.name)
            return (1 if p.whole_municipality else 2, p.name)

        data = self._data
        return sorted(
            (
                p
                for p in (data.provisions[i] for i in data.by_type.get(service_type, ()))
                if not district_id or p.whole_municipality or district_id in p.district_ids
            ),
            key=order,
        )

    def faqs(self) -> list[FaqEntry]:
        return sorted(self._data.faqs.values(), key=lambda f: f.id)

    def __len__(self) -> int:
        return len(self._data.provisions)

    # -- searching -------------------------------------------------------------------------

    def _hits(self, query: str, kind: str) -> tuple[list[str], list[search_index.Hit]]:
        """The spelling corrections made, and the documents the analysed words find."""
        data = self._data
        terms, corrections = query_terms(query[:2000], data.vocabulary)
        return corrections, data.index.search(terms, kind=kind)

    def search(
        self,
        query: str,
        *,
        domains: Sequence[str] = (),
        district_id: str | None = None,
        limit: int = 3,
    ) -> list[SearchResult]:
        """The provisions that best fit a resident's words, own district first."""
        corrections, hits = self._hits(query, "service")
        return rank(
            hits=hits,
            provisions=self._data.provisions,
            corrections=corrections,
            domains=domains,
            district_id=district_id,
            limit=limit,
        )

    def search_faqs(
        self, query: str, *, domains: Sequence[str] = (), limit: int = 1
    ) -> list[FaqResult]:
        _, hits = self._hits(query, "faq")
        if not hits:
            return []
        data = self._data
        top = max(h.score for h in hits) or 1.0
        results = []
        for hit in hits:
            entry = data.faqs.get(hit.doc_id)
            if entry is None:
                continue
            bonus = 0.2 if set(entry.domains) & set(domains) else 0.0
            results.append(FaqResult(entry, hit.score / top + bonus))
        results.sort(key=lambda r: -r.score)
        return results[:limit]

    def containing(self, words_: str) -> set[str]:
        """Ids of the provisions in use whose text has all these words (in any form), found
        with the database's full-text index: the editors' search, not ranked."""
        vocabulary = self._data.vocabulary
        # A word's own forms, and those of the catalogue word it is closest to ("schuld"
        # finds "schulden", whose stem differs).
        forms = [
            list(dict.fromkeys([*index_terms(w, vocabulary), *index_terms(vocabulary.correct(w))]))
            for w in words(words_[:500])
        ]
        with self._sessions() as session:
            return search_index.matching(session.connection(), forms, kind="service")

    # -- editing ---------------------------------------------------------------------------

    def entries(self, *, include_retired: bool = True) -> list[Entry]:
        """Every provision as editors see it, retired ones included unless asked otherwise."""
        with self._sessions() as session:
            query = select(Service).order_by(Service.name)
            if not include_retired:
                query = query.where(Service.retired.is_(False))
            return [_entry(row) for row in session.scalars(query)]

    def entry(self, provision_id: str) -> Entry | None:
        with self._sessions() as session:
            row = session.get(Service, provision_id)
            return _entry(row) if row else None

    def organizations(self) -> list[OrganizationIn]:
        with self._sessions() as session:
            return [
                organization_in(o)
                for o in session.scalars(select(Organization).order_by(Organization.name))
            ]

    def summaries(self) -> list[EntrySummary]:
        """Every provision, retired ones included, by name: the editors' list."""
        with self._sessions() as session:
            rows = session.execute(
                select(
                    Service.id,
                    Service.name,
                    Organization.name,
                    Service.service_types,
                    Service.domains,
                    Service.districts,
                    Service.retired,
                    Service.last_reviewed,
                    Service.reviewed_by,
                    Service.version,
                    Service.updated_at,
                )
                .join(Organization, Organization.id == Service.organization_id)
                .order_by(Service.name, Service.id)
            )
            return [
                EntrySummary(
                    id=r[0],
                    name=r[1],
                    organization=r[2],
                    service_types=tuple(r[3]),
                    domains=tuple(r[4]),
                    districts=tuple(r[5]),
                    retired=r[6],
                    last_reviewed=r[7],
                    reviewed_by=r[8],
                    version=r[9],
                    updated_at=r[10],
                )
                for r in rows
            ]

    def stale(self, today: date, *, months: int = STALE_MONTHS) -> list[EntrySummary]:
        """Provisions in use that nobody has reviewed for ``months`` (or ever)."""
        return [e for e in self.summaries() if e.is_stale(today, months)]

    def history(
        self, entity_id: str, *, entity: str = "service", limit: int = 100
    ) -> list[ChangeRecord]:
        """Who changed this provision (or, with ``entity="faq"``, FAQ entry) and how,
        newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(Change)
                .where(Change.entity == entity, Change.entity_id == entity_id)
                .order_by(Change.id.desc())
                .limit(limit)
            )
            return [_change_record(c) for c in rows]

    def recent_changes(self, *, limit: int = 50) -> list[ChangeRecord]:
        with self._sessions() as session:
            rows = session.scalars(select(Change).order_by(Change.id.desc()).limit(limit))
            return [_change_record(c) for c in rows]

    def save(
        self,
        item: ServiceIn,
        *,
        changed_by: str,
        expected_version: int | None = None,
        known_districts: Collection[str] | None = None,
    ) -> Entry:
        """Create a provision, or update it when ``expected_version`` is the stored one.

        A create (``expected_version`` None) of an existing id, or an update based on an
        older version than the stored one, raises EditConflict: the editor reloads and
        sees the other person's change instead of silently undoing it.
        """
        now = self._clock()
        unknown = _unknown_districts([item], known_districts)
        if unknown:
            raise CatalogueError(unknown[0], unknown)
        with self._sessions() as session, session.begin():
            if session.get(Organization, item.organization) is None:
                raise CatalogueError(f"unknown organization {item.organization}")
            row = session.get(Service, item.id, with_for_update=True)
            if row is None:
                if expected_version is not None:
                    raise EditConflict(f"provision {item.id} does not exist (any more)")
                row = service_row(item, now=now)
                session.add(row)
                session.add(_change("service", item.id, "create", changed_by, now, {}))
            else:
                if expected_version is None:
                    raise EditConflict(f"a provision with id {item.id} exists already")
                if row.version != expected_version:
                    raise EditConflict(
                        f"provision {item.id} was changed by someone else in the meantime"
                    )
                diff = _diff(service_in(row), item)
                if diff:
                    apply_service(row, item, now=now)
                    session.add(_change("service", item.id, "update", changed_by, now, diff))
            try:
                _bump_revision(session)
                session.flush()
            except StaleDataError:
                raise EditConflict(
                    f"provision {item.id} was changed by someone else in the meantime"
                ) from None
            self._reindex(session.connection(), services=[row], faqs=[])
            entry = _entry(row)
        self._forget()
        return entry

    def set_retired(
        self,
        provision_id: str,
        retired: bool,
        *,
        changed_by: str,
        expected_version: int | None = None,
    ) -> Entry:
        """Retire a provision (it stays, with its history, but residents no longer see it),
        or bring a retired one back."""
        now = self._clock()
        with self._sessions() as session, session.begin():
            row = session.get(Service, provision_id, with_for_update=True)
            if row is None:
                raise CatalogueError(f"there is no provision {provision_id}")
            if expected_version is not None and row.version != expected_version:
                raise EditConflict(
                    f"provision {provision_id} was changed by someone else in the meantime"
                )
            if row.retired != retired:
                row.retired = retired
                row.updated_at = now
                action = "retire" if retired else "restore"
                session.add(_change("service", provision_id, action, changed_by, now, {}))
                try:
                    _bump_revision(session)
                    session.flush()
                except StaleDataError:
                    raise EditConflict(
                        f"provision {provision_id} was changed by someone else in the meantime"
                    ) from None
            entry = _entry(row)
        self._forget()
        return entry

    def export_bundle(self, *, include_retired: bool = False) -> Bundle:
        """The catalogue as an import file holds it: organisations, provisions, FAQ entries."""
        with self._sessions() as session:
            services = select(Service).order_by(Service.id)
            if not include_retired:
                services = services.where(Service.retired.is_(False))
            return Bundle.model_construct(
                organizations=[
                    organization_in(o)
                    for o in session.scalars(select(Organization).order_by(Organization.id))
                ],
                services=[service_in(s) for s in session.scalars(services)],
                faqs=[faq_in(f) for f in session.scalars(select(Faq).order_by(Faq.id))],
            )

    def import_bundle(
        self,
        bundle: Bundle,
        *,
        changed_by: str,
        replace: bool = False,
        dry_run: bool = False,
        known_districts: Collection[str] | None = None,
    ) -> ImportSummary:
        """Bring a whole file into the catalogue in one transaction, or not at all.

        New entries are created and changed ones updated (with history); with ``replace``
        provisions missing from the file are retired and FAQ entries missing from it are
        deleted (each only when the file holds entries of that kind). ``dry_run`` does all
        of it and rolls back: the summary says what would happen. Raises CatalogueError,
        with every problem, when the file does not fit the catalogue (for example a
        provision of an organisation that exists nowhere).
        """
        now = self._clock()
        summary = ImportSummary()
        session = self._sessions()
        try:
            session.begin()
            self._check_references(session, bundle, known_districts)
            for org in bundle.organizations:
                existing_org = session.get(Organization, org.id)
                if existing_org is None:
                    session.add(Organization(**org.model_dump()))
                    summary.created.append(f"organization {org.id}")
                    continue
                # A spreadsheet only knows an organisation's name: fields a file leaves
                # empty keep what the catalogue has.
                given = {k: v for k, v in org.model_dump().items() if v}
                if any(getattr(existing_org, k) != v for k, v in given.items()):
                    for key, value in given.items():
                        setattr(existing_org, key, value)
                    summary.updated.append(f"organization {org.id}")
            session.flush()
            changed_services: list[Service] = []
            stored = {s.id: s for s in session.scalars(select(Service))}
            for item in bundle.services:
                row = stored.get(item.id)
                if row is None:
                    row = service_row(item, now=now)
                    session.add(row)
                    session.add(_change("service", item.id, "create", changed_by, now, {}))
                    summary.created.append(f"service {item.id}")
                    changed_services.append(row)
                    continue
                diff = _diff(service_in(row), item)
                if row.retired:
                    row.retired = False
                    diff["retired"] = [True, False]
                if diff:
                    apply_service(row, item, now=now)
                    session.add(_change("service", item.id, "update", changed_by, now, diff))
                    summary.updated.append(f"service {item.id}")
                    changed_services.append(row)
                else:
                    summary.unchanged += 1
            changed_faqs: list[Faq] = []
            stored_faqs = {f.id: f for f in session.scalars(select(Faq))}
            for faq in bundle.faqs:
                frow = stored_faqs.get(faq.id)
                if frow is None:
                    frow = faq_row(faq, now=now)
                    session.add(frow)
                    session.add(_change("faq", faq.id, "create", changed_by, now, {}))
                    summary.created.append(f"faq {faq.id}")
                    changed_faqs.append(frow)
                elif diff := _diff(faq_in(frow), faq):
                    apply_faq(frow, faq, now=now)
                    session.add(_change("faq", faq.id, "update", changed_by, now, diff))
                    summary.updated.append(f"faq {faq.id}")
                    changed_faqs.append(frow)
                else:
                    summary.unchanged += 1
            connection = session.connection()
            # A file replaces only the kinds of entry it holds: a spreadsheet of
            # provisions leaves the FAQ entries alone, and the other way round.
            if replace and bundle.services:
                in_file = {s.id for s in bundle.services}
                for row in stored.values():
                    if row.id not in in_file and not row.retired:
                        row.retired = True
                        row.updated_at = now
                        session.add(_change("service", row.id, "retire", changed_by, now, {}))
                        summary.retired.append(f"service {row.id}")
            if replace and bundle.faqs:
                faq_ids = {f.id for f in bundle.faqs}
                gone = [f for f in stored_faqs.values() if f.id not in faq_ids]
                for frow in gone:
                    session.delete(frow)
                    session.add(_change("faq", frow.id, "delete", changed_by, now, {}))
                    summary.deleted.append(f"faq {frow.id}")
                search_index.delete_rows(connection, "faq", [f.id for f in gone])
            session.add(
                _change(
                    "catalogue",
                    "*",
                    "import",
                    changed_by,
                    now,
                    {
                        "created": len(summary.created),
                        "updated": len(summary.updated),
                        "retired": len(summary.retired),
                        "deleted": len(summary.deleted),
                        "replace": replace,
                    },
                )
            )
            try:
                _bump_revision(session)
                session.flush()
            except StaleDataError:
                raise CatalogueError(
                    "the catalogue was changed by someone else during the import; try again"
                ) from None
            self._reindex(connection, services=changed_services, faqs=changed_faqs)
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if not dry_run:
            self._forget()
        return summary

    def _check_references(
        self, session: Session, bundle: Bundle, known_districts: Collection[str] | None
    ) -> None:
        known = {o.id for o in bundle.organizations} | set(session.scalars(select(Organization.id)))
        problems = [
            f"service {s.id}: unknown organization {s.organization} (give its name in the "
            "file to add it)"
            for s in bundle.services
            if s.organization not in known
        ]
        problems += _unknown_districts(bundle.services, known_districts)
        if problems:
            raise CatalogueError("; ".join(problems), problems)

    def _reindex(
        self, connection: Connection, *, services: Sequence[Service], faqs: Sequence[Faq]
    ) -> None:
        rows = [search_index.IndexRow(s.id, "service", *_split_search(s)) for s in services]
        rows += [search_index.IndexRow(f.id, "faq", f.question, f.search_text) for f in faqs]
        if not rows:
            return
        known = self._data.vocabulary.words
        search_index.replace_rows(connection, _analysed(rows, known))

    def _forget(self) -> None:
        """Drop the in-memory view; the next search reads the catalogue again."""
        self._cache = None

    # -- writing everything ------------------------------------------------------------------

    def replace_all(self, bundle: Bundle, *, changed_by: str) -> None:
        """Make the catalogue exactly this bundle, in one transaction."""
        now = self._clock()
        with self._sessions() as session, session.begin():
            connection = session.connection()
            search_index.clear(connection)
            session.execute(delete(Service))
            session.execute(delete(Faq))
            session.execute(delete(Organization))
            session.flush()
            for org in bundle.organizations:
                session.add(Organization(**org.model_dump()))
            session.flush()
            rows = []
            for item in bundle.services:
                row = service_row(item, now=now)
                session.add(row)
                rows.append(search_index.IndexRow(row.id, "service", *_split_search(row)))
            for faq in bundle.faqs:
                frow = faq_row(faq, now=now)
                session.add(frow)
                rows.append(search_index.IndexRow(frow.id, "faq", frow.question, frow.search_text))
            session.add(
                Change(
                    entity="catalogue",
                    entity_id="*",
                    action="replace",
                    changed_by=changed_by,
                    changed_at=now,
                    diff={
                        "organizations": len(bundle.organizations),
                        "services": len(bundle.services),
                        "faqs": len(bundle.faqs),
                    },
                )
            )
            _bump_revision(session)
            session.flush()
            search_index.replace_rows(connection, _analysed(rows))
        self._forget()


def _split_search(row: Service) -> tuple[str, str]:
    title = " ".join([row.name, *row.keywords, *(row.service_types or [])])
    return title, row.search_text


def _analysed(
    rows: list[search_index.IndexRow], known: Iterable[str] = ()
) -> list[search_index.IndexRow]:
    vocab: set[str] = set(known)
    for row in rows:
        vocab.update(words(row.title + " " + row.body))
    vocabulary = Vocabulary(vocab)
    return [
        search_index.IndexRow(
            row.doc_id,
            row.kind,
            " ".join(index_terms(row.title, vocabulary)),
            " ".join(index_terms(row.body, vocabulary)),
        )
        for row in rows
    ]


def _entry(row: Service) -> Entry:
    return Entry(
        service=service_in(row), retired=row.retired, version=row.version, updated_at=row.updated_at
    )


def _change(
    entity: str, entity_id: str, action: str, changed_by: str, now: datetime, diff: dict[str, Any]
) -> Change:
    return Change(
        entity=entity,
        entity_id=entity_id,
        action=action,
        changed_by=changed_by,
        changed_at=now,
        diff=diff,
    )


def _change_record(row: Change) -> ChangeRecord:
    return ChangeRecord(
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        changed_by=row.changed_by,
        changed_at=row.changed_at,
        diff=dict(row.diff or {}),
    )


def _diff(old: BaseModel, new: BaseModel) -> dict[str, Any]:
    """Field by field, what changed: {field: [old, new]} in JSON terms."""
    before, after = old.model_dump(), new.model_dump()
    changed = {}
    for key in after:
        if before.get(key) != after[key]:
            changed[key] = [
                old.model_dump(mode="json", include={key}).get(key),
                new.model_dump(mode="json", include={key}).get(key),
            ]
    return changed


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _unknown_districts(services: Iterable[ServiceIn], known: Collection[str] | None) -> list[str]:
    if known is None:
        return []
    return [
        f"service {s.id}: unknown district {d} (known: {', '.join(sorted(known))})"
        for s in services
        for d in s.districts
        if d not in known
    ]


def _change_mark(session: Session) -> int:
    return session.scalar(select(Revision.number).where(Revision.id == 1)) or 0


def _bump_revision(session: Session) -> None:
    bumped = session.execute(
        update(Revision).where(Revision.id == 1).values(number=Revision.number + 1)
    )
    if not getattr(bumped, "rowcount", 0):
        session.add(Revision(id=1, number=1))
