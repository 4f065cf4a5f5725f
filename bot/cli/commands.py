"""The ``vraagwijzer`` command: serve, set up the database and demo, and one sub-command
group per capability (nlu, kb, ...)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from bot.platform.settings import Settings, SettingsError, load_settings
from bot.web.control_chars import control_character, describe

logger = logging.getLogger(__name__)


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _setup_logging(level: str = "INFO") -> None:
    """Masked logs on stderr (bot.platform.logs), as VRAAGWIJZER_LOG_FORMAT and _LOG_LEVEL say; a
    quiet command passes a higher floor (WARNING)."""
    from bot.platform.logs import LEVELS, configure_logging

    try:
        settings: Settings | None = load_settings()
    except SettingsError:
        settings = None  # the command reports the bad setting itself
    wanted = settings.log_level if settings else "info"
    configure_logging(
        level=max(wanted, level.lower(), key=LEVELS.__getitem__),
        log_format=settings.log_format if settings else "text",
    )


def asgi_app() -> Any:
    """The app of one worker process when ``serve --workers`` starts several: each
    builds its own application from the same environment."""
    from bot.server import build_asgi

    _setup_logging()
    return build_asgi(_settings())


class ControlCharacterArgument(click.ClickException):
    exit_code = 2  # as click's own usage errors


class _Commands(click.Group):
    """Every argument of every command is checked here, before any command reads it: a
    control character (or bytes that are not UTF-8) would end up in the database, where
    PostgreSQL refuses a NUL. The same rule as the web app's (bot/web/control_chars.py)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for argument in args:
            found = control_character(argument)
            if found:
                shown = argument if len(argument) <= 40 else argument[:37] + "..."
                # Python hands on bytes that are not UTF-8 as lone surrogates.
                what = "bytes that are not UTF-8" if "\udc80" <= found <= "\udcff" else None
                raise ControlCharacterArgument(
                    f"the argument {shown!r} contains {what or describe(found)}; leave it out"
                )
        return super().parse_args(ctx, args)


@click.group(cls=_Commands)
def main() -> None:
    """VraagWijzer: the chat assistant for residents' questions about daily life."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port (more than one needs PostgreSQL).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Run the web server (chat API, widget, console)."""
    import uvicorn

    from bot.metrics import prepare_multiprocess
    from bot.server import build_asgi

    _setup_logging()
    settings = _settings()
    try:
        settings.check_for_serving()
        settings.check_workers(workers)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    # Several processes behind one port add up their metrics in one place (bot.metrics).
    prepare_multiprocess(workers)
    uvicorn.run(
        "bot.cli.commands:asgi_app" if workers > 1 else build_asgi(settings),
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level=settings.log_level,
        # uvicorn's loggers go through ours (format, masking); the access log is ours too
        # (bot.web.observe: route templates, no query strings or client addresses).
        log_config=None,
        # The app reads X-Forwarded-* itself, from VRAAGWIJZER_TRUSTED_PROXIES only
        # (bot.web.security_headers); uvicorn's own FORWARDED_ALLOW_IPS would be a second rule.
        proxy_headers=False,
        access_log=False,
        # Idle keep-alive connections stay open longer than a proxy's (nginx upstream:
        # 60 s) and than a resident's pause between messages: a server that closes one
        # just as the client reuses it makes the client's request fail.
        timeout_keep_alive=75,
    )


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the newest schema."""
    from bot.platform.db import make_engine
    from bot.platform.migrate import upgrade

    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    engine.dispose()
    click.echo("database is up to date")


@main.group()
def demo() -> None:
    """The fictional demo municipality."""


@demo.command("seed")
def demo_seed() -> None:
    """Load the demo municipality, catalogue and staff accounts (and print the logins)."""
    from bot.application import build_application
    from bot.demo.seed import logins_file, seed, seed_insights

    _setup_logging("WARNING")
    settings = _settings()
    app = build_application(settings)
    # One file per database: the logins printed are always this database's.
    kept_in = logins_file(settings.data_dir, settings.resolved_database_url)
    try:
        logins = seed(app, logins_file=kept_in)
        rows = seed_insights(app)
    finally:
        app.close()
    click.echo(
        f"Demo municipality {app.municipality.name}: "
        f"{len(app.directory.districts())} districts, "
        f"{len(app.catalogue)} provisions."
    )
    click.echo(f"A year of insights figures up to yesterday ({rows} daily counts).")
    click.echo(f"Staff accounts of this database (username / password / role; kept in {kept_in}):")
    for login in logins:
        teams = f" ({', '.join(login.teams)})" if login.teams else ""
        click.echo(f"  {login.username:18} {login.password}  {login.role}{teams}")


@main.group()
def user() -> None:
    """Staff accounts for the console."""


@user.command("add")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="The name colleagues see.")
@click.option(
    "--role",
    type=click.Choice(["volunteer", "team_member", "editor", "analyst", "admin"]),
    required=True,
)
@click.option("--team", "teams", multiple=True, help="A team id (team members; repeatable).")
def user_add(username: str, display_name: str, role: str, teams: tuple[str, ...]) -> None:
    """Create an account; prints a new password once."""
    from bot.platform.db import make_engine, make_sessionmaker
    from bot.staff.accounts import Role, StaffError, add_user, new_password

    engine = make_engine(_settings().resolved_database_url)
    password = new_password()
    try:
        add_user(
            make_sessionmaker(engine),
            username=username,
            display_name=display_name,
            role=Role(role),
            password=password,
            teams=teams,
        )
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"{username}: {password}  (shown only now; give it to {display_name} in person)")


@user.command("reset-password")
@click.argument("username")
def user_reset_password(username: str) -> None:
    """A new password (printed once); unlocks the account and signs out its sessions."""
    from bot.platform.db import make_engine, make_sessionmaker
    from bot.staff.accounts import StaffError, new_password, set_password

    engine = make_engine(_settings().resolved_database_url)
    password = new_password()
    try:
        set_password(make_sessionmaker(engine), username, password)
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"{username}: {password}  (shown only now)")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def districts(as_json: bool) -> None:
    """List the districts with their postcode ranges and teams."""
    from bot.platform.db import make_engine, make_sessionmaker
    from handoff import Directory

    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    directory = Directory(make_sessionmaker(engine))
    rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "name": d.name,
            "postcodes": [f"{lo}-{hi}" for lo, hi in d.postcode_ranges],
            "team_id": d.team_id,
        }
        for d in directory.districts()
    ]
    engine.dispose()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['id']:16} {row['name']:20} {' '.join(row['postcodes']):12} "
            f"{row['team_id'] or '-'}"
        )


@main.group()
def team() -> None:
    """District teams: API tokens for their own case systems."""


def _team_tokens() -> tuple[Any, Any]:
    from bot.platform.db import make_engine, make_sessionmaker
    from handoff import TeamTokens

    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    return TeamTokens(make_sessionmaker(engine)), engine


def _when(moment: Any) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment is not None else "-"


@team.command("token")
@click.argument("team_id")
@click.option(
    "--label",
    default="case system",
    show_default=True,
    help="Which system uses the token; the ticket history names it.",
)
def team_token(team_id: str, label: str) -> None:
    """Make an API token for TEAM_ID; it is printed once, on stdout, and never again."""
    from handoff import TeamTokenError

    tokens, engine = _team_tokens()
    try:
        token = tokens.issue(team_id, label=label)
    except TeamTokenError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    # Only the token on stdout, so that a script can capture it; the advice on stderr.
    click.echo(token)
    click.echo(
        f"This is the API token for {team_id} ({label.strip()}). It is shown only now: store "
        "it in the case system's secrets. List tokens with `vraagwijzer team tokens "
        f"{team_id}`.",
        err=True,
    )


@team.command("tokens")
@click.argument("team_id")
def team_tokens(team_id: str) -> None:
    """List TEAM_ID's API tokens (never the tokens themselves)."""
    from handoff import TeamTokenError

    tokens, engine = _team_tokens()
    try:
        found = tokens.list(team_id)
    except TeamTokenError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    if not found:
        click.echo(f"{team_id} has no API tokens")
        return
    click.echo(f"{'id':>5}  {'prefix':14} {'label':24} {'created':20} {'last used':20} revoked")
    for t in found:
        click.echo(
            f"{t.id:>5}  {t.prefix + '…':14} {t.label[:24]:24} {_when(t.created_at):20} "
            f"{_when(t.last_used_at):20} {_when(t.revoked_at)}"
        )


@team.command("revoke")
@click.argument("token_id")
def team_revoke(token_id: str) -> None:
    """Revoke a token at once, by its id (or the prefix `team tokens` shows)."""
    from handoff import TeamTokenError

    tokens, engine = _team_tokens()
    try:
        view = tokens.revoke(token_id)
    except TeamTokenError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(
        f"token {view.id} of {view.team_id} ({view.label}) revoked since {_when(view.revoked_at)}"
    )


@main.group(invoke_without_command=True)
@click.option("--from", "start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--to", "end", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--bucket", type=click.Choice(["month", "week"]), default="month", show_default=True)
@click.option("--district", default=None, help="A district id (default: all districts).")
@click.option("--json", "as_json", is_flag=True, help="The JSON of GET /api/v1/insights.")
@click.pass_context
def insights(
    ctx: click.Context,
    start: Any,
    end: Any,
    bucket: str,
    district: str | None,
    as_json: bool,
) -> None:
    """The municipality's figures: what residents ask, where help is missing, how
    referrals fare (default: the last twelve whole months; small counts suppressed)."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.application import build_application
    from bot.cli.insights_tools import as_text, report_for

    _setup_logging("WARNING")
    app = build_application(_settings())
    try:
        report = report_for(
            app,
            start=start.date() if start else None,
            end=end.date() if end else None,
            bucket=bucket,
            district=district,
        )
    finally:
        app.close()
    click.echo(report.model_dump_json(indent=2) if as_json else as_text(report))


@insights.command("rollup")
@click.option("--day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def insights_rollup(day: Any) -> None:
    """Make the daily roll-ups that are due (the server does this by itself), or one day."""
    from bot.application import build_application

    _setup_logging("WARNING")
    app = build_application(_settings())
    try:
        days = [day.date()] if day else app.rollups.due()
        for one in days:
            click.echo(f"{one}: {app.rollups.make(one)} conversations")
    finally:
        app.close()


def _insight_tokens() -> tuple[Any, Any]:
    from bot.insights.tokens import InsightTokens
    from bot.platform.clock import utcnow
    from bot.platform.db import make_engine, make_sessionmaker

    engine = make_engine(_settings().resolved_database_url)
    return engine, InsightTokens(make_sessionmaker(engine), utcnow)


@insights.command("token")
@click.option("--label", required=True, help="Which dashboard or system uses it.")
def insights_token(label: str) -> None:
    """Make a token for GET /api/v1/insights (shown once)."""
    from bot.insights.tokens import InsightTokenError

    engine, tokens = _insight_tokens()
    try:
        click.echo(tokens.issue(label=label))
    except InsightTokenError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()


@insights.command("tokens")
def insights_tokens() -> None:
    """List the insights tokens (never the secrets)."""
    engine, tokens = _insight_tokens()
    try:
        for t in tokens.list():
            state = f"revoked {_when(t.revoked_at)}" if t.revoked_at else "active"
            click.echo(f"{t.id:4} {t.prefix}…  {t.label:30} made {_when(t.created_at)}  {state}")
    finally:
        engine.dispose()


@insights.command("revoke")
@click.argument("token_id")
def insights_revoke(token_id: str) -> None:
    """Revoke an insights token by its id or prefix."""
    from bot.insights.tokens import InsightTokenError

    engine, tokens = _insight_tokens()
    try:
        view = tokens.revoke(token_id)
    except InsightTokenError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()
    click.echo(f"revoked {view.id} ({view.label})")


@main.group()
def nlu() -> None:
    """Understanding resident messages."""


@nlu.command("classify")
@click.option(
    "--backend",
    type=click.Choice(["embedded", "rasa"]),
    default=None,
    help="Default: VRAAGWIJZER_NLU_BACKEND or embedded.",
)
@click.option("--batch-size", default=256, show_default=True, type=int)
def nlu_classify(backend: str | None, batch_size: int) -> None:
    """Read JSONL ({"text": ...}) on stdin, write one JSON line per input on stdout."""
    from bot.cli.nlu_tools import classify_stream

    _setup_logging("WARNING")
    settings = _settings()
    classify_stream(
        sys.stdin,
        sys.stdout,
        backend=backend or settings.nlu_backend,
        rasa_url=settings.rasa_url,
        cache_dir=settings.data_dir / "nlu",
        batch_size=batch_size,
    )


@nlu.command("train")
def nlu_train() -> None:
    """Train the embedded model from nlu/data and cache it."""
    from nlu import train_or_load
    from nlu import training_fingerprint as fingerprint

    _setup_logging()
    settings = _settings()
    cache = settings.data_dir / "nlu"
    for stale in cache.glob("model-*.pkl"):
        stale.unlink()
    train_or_load(cache_dir=cache)
    click.echo(f"trained; cached as {cache / f'model-{fingerprint()}.pkl'}")


@nlu.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--backend", type=click.Choice(["embedded", "rasa"]), default=None)
@click.option(
    "--png",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the route confusion matrix (PNG).",
)
def nlu_evaluate(gold: Path, backend: str | None, png: Path | None) -> None:
    """Per-domain precision/recall/F1, route confusion and crisis misses on a labelled set."""
    from bot.cli.nlu_tools import evaluate

    _setup_logging("WARNING")
    settings = _settings()
    report = evaluate(
        gold,
        backend=backend or settings.nlu_backend,
        rasa_url=settings.rasa_url,
        cache_dir=settings.data_dir / "nlu",
        png=png,
    )
    click.echo(report)


@nlu.group("rasa")
def nlu_rasa() -> None:
    """Rasa as an alternative NLU backend."""


@nlu_rasa.command("export")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def nlu_rasa_export(target: Path) -> None:
    """Write a complete Rasa 3.x NLU project (config, domain, data) to TARGET."""
    from nlu import export_rasa_project as export_project

    intents = export_project(target)
    click.echo(f"wrote a Rasa project with {len(intents)} intents to {target}")


@nlu.command("export-messages")
@click.option(
    "--since",
    "days",
    type=click.IntRange(1, 3650),
    default=30,
    show_default=True,
    help="Questions of the last DAYS days.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The JSONL file to write, readable by its owner only (mode 0600).",
)
def nlu_export_messages(days: int, out: Path) -> None:
    """Residents' questions with what the NLU understood, as JSONL for labelling:
    personal data masked, no ids, identical questions counted once. Left out: answers to
    the assistant's or a volunteer's questions, and crisis messages."""
    from datetime import timedelta

    from bot.cli.nlu_export import export_messages, open_private
    from bot.platform.clock import utcnow
    from bot.platform.db import make_engine, make_sessionmaker

    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open_private(out) as sink:
            count = export_messages(
                make_sessionmaker(engine), since=utcnow() - timedelta(days=days), sink=sink
            )
    finally:
        engine.dispose()
    click.echo(f"wrote {count} questions of the last {days} days to {out}")


@main.group()
def outbox() -> None:
    """Notifications waiting to be sent (e-mails to teams, webhook calls)."""


@outbox.command("send")
def outbox_send() -> None:
    """Send what is due now (the running server does this every few seconds)."""
    from bot.application import build_application

    app = build_application(_settings(), analyzer=_NoAnalyzer())
    try:
        report = app.outbox.deliver_due(limit=1000)
        click.echo(f"{report.sent} sent, {report.failed} failed (retried later)")
    finally:
        app.close()


@outbox.command("status")
def outbox_status() -> None:
    """How many notifications wait, and how many of them failed before."""
    from bot.application import build_application

    app = build_application(_settings(), analyzer=_NoAnalyzer())
    try:
        backlog = app.outbox.backlog()
        oldest = backlog.oldest.isoformat(timespec="seconds") if backlog.oldest else "-"
        click.echo(f"waiting: {backlog.waiting}, failing: {backlog.failing}, oldest: {oldest}")
    finally:
        app.close()


@main.command()
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
def purge(dry_run: bool) -> None:
    """Delete what has passed its retention period (the running server does this every
    VRAAGWIJZER_PURGE_INTERVAL_MINUTES); prints counts, never content."""
    from bot.application import build_application

    app = build_application(_settings(), analyzer=_NoAnalyzer())
    try:
        policy = app.retention.policy
        click.echo(
            f"retention: conversations {policy.retention_days} days after the last message, "
            f"ticket transcripts {policy.ticket_transcript_days} days after closing, "
            f"access log {policy.access_log_days} days"
        )
        for line in app.retention.purge(dry_run=dry_run).lines():
            click.echo(line)
    finally:
        app.close()


class _NoAnalyzer:
    """Commands that never read a resident's message need no language model."""

    name = "none"

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Any:
        raise RuntimeError("this command does not understand messages")


@main.group()
def kb() -> None:
    """The catalogue of local provisions."""


def _catalogue() -> tuple[Any, Any]:
    from bot.platform.db import make_engine, make_sessionmaker
    from knowledge_base import Catalogue

    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    return Catalogue(make_sessionmaker(engine)), engine


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
    catalogue, engine = _catalogue()
    understand = domain_finder(_settings() if use_nlu else None)
    try:
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
    finally:
        engine.dispose()


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

    settings = _settings()
    catalogue, engine = _catalogue()
    try:
        report, ok = import_file(
            catalogue,
            file,
            file_format=file_format,
            dry_run=dry_run,
            replace=replace,
            changed_by=changed_by or _whoami(),
            known_districts=_district_ids(settings),
        )
    finally:
        engine.dispose()
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

    settings = _settings()
    catalogue, engine = _catalogue()
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
    finally:
        engine.dispose()
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

    catalogue, engine = _catalogue()
    try:
        understand = domain_finder(_settings() if use_nlu else None)
        click.echo(evaluate(catalogue, gold, understand, show_misses=misses))
    finally:
        engine.dispose()


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
        catalogue, engine = _catalogue()
        try:
            bundle = catalogue.export_bundle()
        finally:
            engine.dispose()
    rows = lint(bundle)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(lint_report(rows, len(bundle.services)))
