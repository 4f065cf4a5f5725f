"""The catalogue of one municipality: stored, imported, and searched."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from knowledge_base import search_index
from knowledge_base.convert import faq_entry, faq_row, provision, service_row
from knowledge_base.models import Change, Faq, Organization, Service
from knowledge_base.ranking import rank
from knowledge_base.schema import Bundle
from knowledge_base.text import Vocabulary, index_terms, query_terms, words
from knowledge_base.types import FaqEntry, Provision, SearchResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FaqResult:
    entry: FaqEntry
    score: float


@dataclass
class _Cache:
    provisions: dict[str, Provision] = field(default_factory=dict)
    faqs: dict[str, FaqEntry] = field(default_factory=dict)
    organizations: dict[str, str] = field(default_factory=dict)
    terms: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(()))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Catalogue:
    """Provisions and FAQ entries, kept in memory for ranking; text search in the database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._cache: _Cache | None = None

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        with self._sessions() as session:
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
            for s in services:
                cache.terms[("service", s.id)] = frozenset(
                    index_terms(s.search_text, cache.vocabulary)
                )
            for f in faqs:
                cache.terms[("faq", f.id)] = frozenset(index_terms(f.search_text, cache.vocabulary))
        self._cache = cache

    @property
    def _data(self) -> _Cache:
        if self._cache is None:
            self.refresh()
        assert self._cache is not None
        return self._cache

    def provisions(self) -> list[Provision]:
        return sorted(self._data.provisions.values(), key=lambda p: p.name)

    def provision(self, provision_id: str) -> Provision | None:
        return self._data.provisions.get(provision_id)

    def faqs(self) -> list[FaqEntry]:
        return sorted(self._data.faqs.values(), key=lambda f: f.id)

    def __len__(self) -> int:
        return len(self._data.provisions)

    # -- searching -------------------------------------------------------------------------

    def _hits(self, query: str, kind: str) -> tuple[list[str], list[str], list[search_index.Hit]]:
        terms, corrections = query_terms(query[:2000], self._data.vocabulary)
        if not terms:
            return terms, corrections, []
        with self._sessions() as session:
            return terms, corrections, search_index.search(session.connection(), terms, kind=kind)

    def search(
        self,
        query: str,
        *,
        domains: Sequence[str] = (),
        district_id: str | None = None,
        limit: int = 3,
    ) -> list[SearchResult]:
        """The provisions that best fit a resident's words, own district first."""
        terms, corrections, hits = self._hits(query, "service")
        return rank(
            hits=hits,
            provisions=self._data.provisions,
            doc_terms=self._data.terms,
            query_terms=terms,
            corrections=corrections,
            domains=domains,
            district_id=district_id,
            limit=limit,
        )

    def search_faqs(
        self, query: str, *, domains: Sequence[str] = (), limit: int = 1
    ) -> list[FaqResult]:
        _, _, hits = self._hits(query, "faq")
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

    # -- writing ---------------------------------------------------------------------------

    def replace_all(self, bundle: Bundle, *, changed_by: str) -> None:
        """Make the catalogue exactly this bundle, in one transaction."""
        now = _now()
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
            session.flush()
            search_index.replace_rows(connection, _analysed(rows))
        self.refresh()


def _split_search(row: Service) -> tuple[str, str]:
    title = " ".join([row.name, *row.keywords, *(row.service_types or [])])
    return title, row.search_text


def _analysed(rows: list[search_index.IndexRow]) -> list[search_index.IndexRow]:
    vocab: set[str] = set()
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
