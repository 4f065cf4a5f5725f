"""Full-text search in the database: SQLite FTS5 by default, PostgreSQL in production.

Both backends index the same pre-analysed terms (see ``text.py``) in a table
``kb_search`` with a title part (name, types, keywords; weighted higher) and a body part,
so the same query finds the same candidates on either database. The table is an FTS5
virtual table on SQLite and a plain table with a GIN tsvector index on PostgreSQL, where
the ``dutch`` text search configuration runs over those terms on both the document and
the query side (it drops Dutch stop words; its Snowball stemmer is the one ``text.py``
already applied, so it changes little, and the same on both sides). The analysis happens
in Python first because SQLite has no Dutch stemmer, compound splitting or spelling
correction, and residents should get the same answers whichever database a municipality
runs. The tables are created by the Alembic migrations in ``bot/migrations``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

CANDIDATES = 60


@dataclass(frozen=True)
class IndexRow:
    doc_id: str
    kind: str  # "service" or "faq"
    title: str
    body: str


@dataclass(frozen=True)
class Hit:
    doc_id: str
    kind: str
    score: float  # higher is better, comparable only within one query


def replace_rows(connection: Connection, rows: Iterable[IndexRow]) -> None:
    rows = list(rows)
    for row in rows:
        connection.execute(
            text("DELETE FROM kb_search WHERE kind = :kind AND doc_id = :doc_id"),
            {"kind": row.kind, "doc_id": row.doc_id},
        )
    if rows:
        connection.execute(
            text(
                "INSERT INTO kb_search (doc_id, kind, title, body) "
                "VALUES (:doc_id, :kind, :title, :body)"
            ),
            [row.__dict__ for row in rows],
        )


def delete_rows(connection: Connection, kind: str, doc_ids: Iterable[str]) -> None:
    for doc_id in doc_ids:
        connection.execute(
            text("DELETE FROM kb_search WHERE kind = :kind AND doc_id = :doc_id"),
            {"kind": kind, "doc_id": doc_id},
        )


def clear(connection: Connection) -> None:
    connection.execute(text("DELETE FROM kb_search"))


def search(
    connection: Connection, terms: list[str], *, kind: str, limit: int = CANDIDATES
) -> list[Hit]:
    """Documents matching any of the terms, best first. Terms are [a-z0-9]+ only."""
    safe = [t for t in terms if t.isalnum() and t.isascii()][:64]
    if not safe:
        return []
    if connection.dialect.name == "sqlite":
        query = " OR ".join(f'"{t}"' for t in safe)
        result = connection.execute(
            text(
                "SELECT doc_id, kind, -bm25(kb_search, 0.0, 0.0, 3.0, 1.0) AS score "
                "FROM kb_search WHERE kb_search MATCH :q AND kind = :kind "
                "ORDER BY score DESC LIMIT :limit"
            ),
            {"q": query, "kind": kind, "limit": limit},
        )
    else:
        query = " | ".join(safe)
        result = connection.execute(
            text(
                "SELECT doc_id, kind, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', tsv, q, 1) AS score "
                "FROM kb_search, to_tsquery('dutch', :q) AS q WHERE tsv @@ q AND kind = :kind "
                "ORDER BY score DESC LIMIT :limit"
            ),
            {"q": query, "kind": kind, "limit": limit},
        )
    return [Hit(doc_id=r[0], kind=r[1], score=float(r[2])) for r in result]
