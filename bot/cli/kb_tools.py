"""``vraagwijzer kb search``, ``evaluate``, ``lint``, ``import`` and ``export``: the catalogue
on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.platform.settings import Settings
from knowledge_base import (
    Bundle,
    Catalogue,
    CatalogueError,
    FileFormat,
    SearchResult,
    check_provision,
    read_file,
    write_file,
)

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


def import_file(
    catalogue: Catalogue,
    path: Path,
    *,
    file_format: str | None,
    dry_run: bool,
    replace: bool,
    changed_by: str,
    known_districts: set[str],
) -> tuple[str, bool]:
    """Read, check and import a catalogue file; the report to print, and whether it went in."""
    result = read_file(path, file_format=FileFormat(file_format) if file_format else None)
    notes = [f"note: {n}" for n in result.notes]
    if result.problems or result.bundle is None:
        return _refusal(path, result.problems, notes), False
    try:
        summary = catalogue.import_bundle(
            result.bundle,
            changed_by=changed_by,
            replace=replace,
            dry_run=dry_run,
            known_districts=known_districts,
        )
    except CatalogueError as exc:
        return _refusal(path, exc.problems, notes), False
    verb = "would be" if dry_run else "were"
    lines = [
        *notes,
        f"{path.name}: {len(summary.created)} created, {len(summary.updated)} updated, "
        f"{len(summary.retired)} retired, {len(summary.deleted)} deleted, "
        f"{summary.unchanged} unchanged",
    ]
    for label, items in (
        ("created", summary.created),
        ("updated", summary.updated),
        ("retired", summary.retired),
        ("deleted", summary.deleted),
    ):
        lines += [f"  {label}: {item}" for item in items[:50]]
        if len(items) > 50:
            lines.append(f"  ... and {len(items) - 50} more {verb} {label}")
    if dry_run:
        lines.append("dry run: nothing was written")
    return "\n".join(lines), True


def _refusal(path: Path, problems: Sequence[str], notes: list[str]) -> str:
    return "\n".join(
        [
            *notes,
            f"{path.name}: {len(problems)} problem(s); nothing was imported.",
            *(f"  {p}" for p in problems),
        ]
    )


def export_file(
    catalogue: Catalogue,
    path: Path,
    *,
    file_format: str | None,
    include_retired: bool,
    municipality: str,
) -> list[Path]:
    """Write the catalogue; an HSDS export is checked against the HSDS 3.0 schemas first."""
    from knowledge_base import guess_format

    fmt = FileFormat(file_format) if file_format else guess_format(path)
    bundle = catalogue.export_bundle(include_retired=include_retired)
    return write_file(bundle, path, file_format=fmt, municipality=municipality)


def lint(bundle: Bundle) -> list[dict[str, Any]]:
    """The B1 check's hints for every provision in use, as JSON-ready rows."""
    return [
        {
            "id": service.id,
            "field": field,
            "kind": finding.kind.value,
            "text": finding.text,
            "suggestion": finding.suggestion,
            "words": finding.words,
            "message": finding.message(),
        }
        for service in sorted(bundle.services, key=lambda s: s.id)
        for field, findings in check_provision(service).items()
        for finding in findings
    ]


def lint_report(rows: Sequence[dict[str, Any]], provisions: int) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    flagged = len({row["id"] for row in rows})
    lines = [f"{row['id']} {row['field']}: {row['message']}" for row in rows]
    lines.append(
        f"{len(rows)} hint(s) in {flagged} of {provisions} provisions"
        + (f" ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})" if counts else "")
    )
    return "\n".join(lines)
