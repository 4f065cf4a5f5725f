"""The search index: analysed terms stored in the database, ranked in memory with BM25.

Every provision and FAQ entry has a row in ``kb_search`` with its pre-analysed terms (see
``text.py``): a title part (name, types, keywords; weighted higher) and a body part. The
analysis happens in Python because SQLite has no Dutch stemmer, compound splitting or
spelling correction, and residents should get the same answers whichever database a
municipality runs. The table is an FTS5 virtual table on SQLite and has a GIN tsvector
index (the ``dutch`` configuration) on PostgreSQL; the console's catalogue search uses
those (``matching``). The tables are created by the Alembic migrations in
``bot/platform/migrations``.

Ranking a resident's question happens in memory (``TermIndex``), with the BM25 formula of
SQLite FTS5's ``bm25()`` over the same rows. A resident's story expands to dozens of terms
(stems, synonyms, compound parts) that between them occur in nearly every provision, and
letting the database score all of those cost 200 ms on SQLite and seconds on PostgreSQL
at 20,000 provisions; a sparse matrix of precomputed term weights does it in a few
milliseconds, and gives the same ranking on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sqlalchemy import Connection, text

CANDIDATES = 60
MAX_QUERY_TERMS = 64
# FTS5's bm25() defaults, and the column weights this index always used (title 3, body 1).
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3.0
# FTS5 gives a term in more than half of the documents this tiny idf instead of a
# negative one, so that matching it still counts for a little.
MIN_IDF = 1e-6


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
    matched: tuple[str, ...] = ()  # the query terms this document contains


# -- the rows in the database ----------------------------------------------------------------


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


def read_rows(connection: Connection) -> list[IndexRow]:
    """Every row, in a fixed order (so that equal scores rank the same on each database)."""
    result = connection.execute(
        text("SELECT doc_id, kind, title, body FROM kb_search ORDER BY kind, doc_id")
    )
    return [IndexRow(r[0], r[1], r[2], r[3]) for r in result]


def matching(connection: Connection, words: Sequence[Sequence[str]], *, kind: str) -> set[str]:
    """Ids of the documents that contain every word, each word given as its analysed forms
    (any one form will do): the database's own full-text index, for staff who look up
    entries (not ranked)."""
    groups = [g for g in (_safe(forms) for forms in words[:MAX_QUERY_TERMS]) if g]
    if not groups:
        return set()
    if connection.dialect.name == "sqlite":
        query = " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups)
        result = connection.execute(
            text("SELECT doc_id FROM kb_search WHERE kb_search MATCH :q AND kind = :kind"),
            {"q": query, "kind": kind},
        )
    else:
        query = " & ".join("(" + " | ".join(g) + ")" for g in groups)
        result = connection.execute(
            text(
                "SELECT doc_id FROM kb_search WHERE tsv @@ to_tsquery('dutch', :q) AND kind = :kind"
            ),
            {"q": query, "kind": kind},
        )
    return {row[0] for row in result}


def _safe(terms: Iterable[str]) -> list[str]:
    """Analysed terms are [a-z0-9]+; anything else never reaches a query."""
    return list(dict.fromkeys(t for t in terms if t.isalnum() and t.isascii()))[:MAX_QUERY_TERMS]


# -- ranking in memory -----------------------------------------------------------------------


class TermIndex:
    """BM25 weights of every (document, term) pair, one sparse matrix per kind.

    A document's score for a query is the sum of its weights for the query's terms, as in
    FTS5: tf counts title occurrences three times, the length is all terms of the row, and
    N, document frequencies and the average length are over all rows of both kinds.
    Immutable once built; the catalogue builds a new one when the rows change.
    """

    def __init__(self, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        # Every term occurrence as (document, term column, weight), built in bulk: a
        # 20,000-provision catalogue has millions, too many for a Python loop per cell.
        self._columns: dict[str, int] = {}
        column = self._columns.setdefault
        occurrences: list[int] = []
        lengths: list[int] = []  # title and body length of each row, alternating
        for row in rows:
            title, body = row.title.split(), row.body.split()
            occurrences.extend(column(term, len(self._columns)) for term in title)
            occurrences.extend(column(term, len(self._columns)) for term in body)
            lengths += (len(title), len(body))
        n = len(rows)
        parts = np.array(lengths, dtype=np.int64).reshape(n, 2)
        doc_length = parts.sum(axis=1).astype(float)
        tf = sparse.csr_matrix(
            (
                np.repeat(np.tile([TITLE_WEIGHT, 1.0], n), parts.ravel()),
                (
                    np.repeat(np.arange(n), doc_length.astype(np.int64)),
                    np.array(occurrences, dtype=np.int64),
                ),
            ),
            shape=(n, len(self._columns)),
        )
        tf.sum_duplicates()
        df = np.bincount(tf.indices, minlength=len(self._columns))
        idf = np.maximum(np.log((n - df + 0.5) / (df + 0.5)), MIN_IDF)
        average = doc_length.mean() if n and doc_length.sum() else 1.0
        norm = K1 * (1 - B + B * doc_length / average)
        row_of = np.repeat(np.arange(n), np.diff(tf.indptr))
        tf.data = idf[tf.indices] * tf.data * (K1 + 1) / (tf.data + norm[row_of])
        kinds = np.array([row.kind for row in rows])
        self._ids: dict[str, list[str]] = {}
        self._matrices: dict[str, sparse.csc_matrix] = {}
        for kind in sorted(set(kinds.tolist())):
            chosen = np.flatnonzero(kinds == kind)
            self._ids[kind] = [rows[i].doc_id for i in chosen]
            self._matrices[kind] = sparse.csc_matrix(tf[chosen])

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._ids.values())

    def search(self, terms: Sequence[str], *, kind: str, limit: int = CANDIDATES) -> list[Hit]:
        """Documents of this kind containing any of the terms, best first."""
        matrix = self._matrices.get(kind)
        known = [t for t in _safe(terms) if t in self._columns]
        if matrix is None or not known:
            return []
        columns = matrix[:, [self._columns[t] for t in known]].tocsr()
        scores = np.asarray(columns.sum(axis=1)).ravel()
        found = np.flatnonzero(scores)
        if len(found) > limit:
            found = found[np.argpartition(-scores[found], limit - 1)[:limit]]
        # Best first; equal scores in the rows' fixed order.
        found = found[np.lexsort((found, -scores[found]))]
        ids = self._ids[kind]
        hits = []
        for row in found:
            start, end = columns.indptr[row], columns.indptr[row + 1]
            matched = tuple(known[c] for c in sorted(columns.indices[start:end]))
            hits.append(Hit(ids[row], kind, float(scores[row]), matched))
        return hits
