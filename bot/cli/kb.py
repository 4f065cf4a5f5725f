"""``vraagwijzer kb``: the catalogue of local provisions on the command line: search,
import and export, the hit rate on a labelled set, and the B1 check of its texts. The
work itself is in ``kb_tools``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli.common import read_settings, with_database
from bot.platform.settings import Settings

if TYPE_CHECKING:
    from knowledge_base import Catalogue


@click.group()
def kb() -> None:
    """The catalogue of local provisions."""


@contextmanager
def _catalogue(settings: Settings | None = None) -> Iterator[Catalogue]:
    from knowledge_base import Catalogue

    with with_database(settings) as database:
        yield Catalogue(database.sessions)


_nlu_option = click.option(
    "--nlu/--no-nlu",
    "use_nlu",
    default=True,
    show_default=True,
    help="Use the living domains the NLU finds in the query, as the chat does.",
)


@kb.command("search")
@click.argument("query", required=False)
@click.option("--district", default=None, help="The resident's district id.")
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read {"query": ..., "district": ...} lines on stdin; one array per line.',
)
@_nlu_option
def kb_search(
    query: str | None,
    district: str | None,
    limit: int,
    as_json: bool,
    jsonl: bool,
    use_nlu: bool,
) -> None:
    """Find provisions for a resident's words."""
    from bot.cli.kb_tools import domain_finder, result_json

    if query is None and not jsonl:
        raise click.UsageError("give a QUERY, or --jsonl")
    settings = read_settings()
    with _catalogue(settings) as catalogue:
        understand = domain_finder(settings if use_nlu else None)
        if jsonl:
            for line in sys.stdin:
                try:
                    item = json.loads(line)
                    text = str(item.get("query", ""))
                    results = catalogue.search(
                        text,
                        domains=understand(text),
                        district_id=item.get("district"),
                        limit=limit,
                    )
                except (ValueError, AttributeError):
                    results = []
                click.echo(json.dumps([result_json(r) for r in results], ensure_ascii=False))
            return
        assert query is not None
        results = catalogue.search(
            query, domains=understand(query), district_id=district, limit=limit
        )
        if as_json:
            click.echo(json.dumps([result_json(r) for r in results], ensure_ascii=False, indent=2))
            return
        for r in results:
            types = ", ".join(r.provision.service_types)
            click.echo(f"{r.score:6.3f}  {r.provision.name}  [{types}]  ({'; '.join(r.reasons)})")
        if not results:
            click.echo("nothing found")


_format_option = click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "yaml", "hsds"]),
    default=None,
    help="The file's format; guessed from the name (.csv, .yaml/.yml, .json) when left out.",
)


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@_format_option
@click.option("--dry-run", is_flag=True, help="Check everything and say what would change.")
@click.option(
    "--replace",
    is_flag=True,
    help="Make the catalogue this file: retire provisions and delete FAQ entries not in it.",
)
@click.option("--by", "changed_by", default=None, help="Name for the history (default: you).")
def kb_import(
    file: Path, file_format: str | None, dry_run: bool, replace: bool, changed_by: str | None
) -> None:
    """Import a catalogue file (CSV, YAML or HSDS JSON): all of it, or nothing."""
    from bot.cli.kb_tools import import_file

    settings = read_settings()
    with _catalogue(settings) as catalogue:
        report, ok = import_file(
            catalogue,
            file,
            file_format=file_format,
            dry_run=dry_run,
            replace=replace,
            changed_by=changed_by or _whoami(),
            known_districts=_district_ids(settings),
        )
    click.echo(report, err=not ok)
    if not ok:
        sys.exit(1)


@kb.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_format_option
@click.option("--include-retired", is_flag=True, help="Also the retired provisions.")
def kb_export(file: Path, file_format: str | None, include_retired: bool) -> None:
    """Write the catalogue to FILE as CSV, YAML or HSDS 3.0 JSON."""
    from bot.cli.kb_tools import export_file
    from bot.platform.municipality import load_municipality

    settings = read_settings()
    with _catalogue(settings) as catalogue:
        try:
            written = export_file(
                catalogue,
                file,
                file_format=file_format,
                include_retired=include_retired,
                municipality=load_municipality(settings.municipality_file).name,
            )
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}")


def _whoami() -> str:
    import getpass

    try:
        return f"{getpass.getuser()} (command line)"
    except (OSError, KeyError):
        return "command line"


def _district_ids(settings: Settings) -> set[str]:
    from bot.platform.municipality import load_municipality

    return {d.id for d in load_municipality(settings.municipality_file).districts}


@kb.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--misses", is_flag=True, help="List the queries without a top-3 hit.")
@_nlu_option
def kb_evaluate(gold: Path, misses: bool, use_nlu: bool) -> None:
    """Top-1 and top-3 hit rate on a labelled set ({"query", "expected_types"} lines)."""
    from bot.cli.kb_tools import domain_finder, evaluate

    settings = read_settings()
    with _catalogue(settings) as catalogue:
        understand = domain_finder(settings if use_nlu else None)
        click.echo(evaluate(catalogue, gold, understand, show_misses=misses))


@kb.command("lint")
@click.argument("file", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of the hints.")
def kb_lint(file: Path | None, as_json: bool) -> None:
    """The B1 check of the Dutch texts: long sentences and words, jargon, passive voice.

    Checks the catalogue in the database, or FILE (CSV, YAML or HSDS JSON). Hints are not
    errors: the exit code is 0 with hints, 1 only when the catalogue cannot be read."""
    from bot.cli.kb_tools import lint, lint_report
    from knowledge_base import read_file

    if file is not None:
        result = read_file(file)
        if result.bundle is None or result.problems:
            raise click.ClickException("; ".join(result.problems[:5]) or f"cannot read {file}")
        bundle = result.bundle
    else:
        with _catalogue() as catalogue:
            bundle = catalogue.export_bundle()
    rows = lint(bundle)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(lint_report(rows, len(bundle.services)))
