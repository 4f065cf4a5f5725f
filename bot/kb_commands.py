"""``vraagwijzer kb search`` and ``evaluate``: the catalogue on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.settings import Settings
from knowledge_base import Catalogue, SearchResult

DomainFinder = Callable[[str], Sequence[str]]


def domain_finder(settings: Settings | None) -> DomainFinder:
    """The NLU's living domains for a query (as the chat uses them), or none at all."""
    if settings is None:
        return lambda _query: ()
    from nlu import load_analyzer

    analyzer = load_analyzer(
        settings.nlu_backend, rasa_url=settings.rasa_url, cache_dir=settings.data_dir / "nlu"
    )
    return lambda query: analyzer.analyze(query).domains


def result_json(result: SearchResult) -> dict[str, Any]:
    p = result.provision
    return {
        "id": p.id,
        "name": p.name,
        "service_types": list(p.service_types),
        "domains": list(p.domains),
        "districts": list(p.district_ids),
        "score": result.score,
        "why": list(result.reasons),
    }


def evaluate(
    catalogue: Catalogue, gold: Path, understand: DomainFinder, *, show_misses: bool = False
) -> str:
    rows = [
        json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    top1 = top3 = 0
    missed: list[str] = []
    for row in rows:
        expected = set(row.get("expected_types", []))
        results = catalogue.search(
            row["query"], domains=understand(row["query"]), district_id=row.get("district"), limit=3
        )
        hits = [bool(expected & set(r.provision.service_types)) for r in results]
        top1 += bool(hits[:1] and hits[0])
        top3 += any(hits)
        if not any(hits):
            got = ", ".join("/".join(r.provision.service_types) for r in results) or "nothing"
            missed.append(
                f"{row.get('id', '?')}: {row['query']!r} want {sorted(expected)}, got {got}"
            )
    n = len(rows) or 1
    lines = [
        f"queries: {len(rows)}",
        f"top-1 hit rate: {top1 / n:.3f}",
        f"top-3 hit rate: {top3 / n:.3f}",
    ]
    if show_misses:
        lines += ["", *missed]
    return "\n".join(lines)
