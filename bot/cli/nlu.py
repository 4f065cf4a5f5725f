"""``vraagwijzer nlu``: understanding residents' messages on the command line: classify,
train, evaluate, the Rasa project, and residents' questions for labelling."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli.common import read_settings, setup_logging, with_database


@click.group()
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

    setup_logging("WARNING")
    settings = read_settings()
    classify_stream(
        sys.stdin,
        sys.stdout,
        backend=backend or settings.nlu_backend,
        rasa_url=settings.rasa_url,
        cache_dir=settings.data_dir / "nlu",
        batch_size=batch_size,
    )


@nlu.command("train")
@click.option(
    "--if-changed",
    is_flag=True,
    help="Keep the cached model when the training data is the same as when it was trained.",
)
def nlu_train(if_changed: bool) -> None:
    """Train the embedded model from nlu/data and cache it."""
    from nlu import train_or_load
    from nlu import training_fingerprint as fingerprint

    setup_logging()
    settings = read_settings()
    cache = settings.data_dir / "nlu"
    current = cache / f"model-{fingerprint()}.pkl"
    # `make demo` a second time need not wait a minute for the same model again.
    if if_changed and current.exists():
        click.echo(f"up to date; cached as {current}")
        return
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

    setup_logging("WARNING")
    settings = read_settings()
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

    with with_database() as database:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open_private(out) as sink:
            count = export_messages(
                database.sessions, since=utcnow() - timedelta(days=days), sink=sink
            )
    click.echo(f"wrote {count} questions of the last {days} days to {out}")
