"""The ``vraagwijzer`` command run in the test's own process, through click's CliRunner:
the same arguments, environment, stdin, stdout, stderr and exit code as a child process,
without starting Python, importing the application and loading the NLU model again for
every command. Tests whose point is the process boundary (a crash, several processes,
bytes on a real command line, the README's commands in a shell) start a real one."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from nlu.training import fingerprint
from tests.conftest import NLU_CACHE


@dataclass(frozen=True)
class Ran:
    """What the command did, named as ``subprocess.CompletedProcess`` names it."""

    returncode: int
    stdout: str
    stderr: str


def vraagwijzer(*args: str, env: Mapping[str, str], input: str | None = None) -> Ran:
    """``vraagwijzer ARGS`` with only ``env``'s settings, as a child process started with
    that environment would see them: the test process's own ``VRAAGWIJZER_`` settings are
    hidden while it runs (the test harness's ``VRAAGWIJZER_TEST_`` ones stay)."""
    hidden: dict[str, str | None] = {
        name: None
        for name in os.environ
        if name.startswith("VRAAGWIJZER_") and not name.startswith("VRAAGWIJZER_TEST_")
    }
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        result = CliRunner().invoke(
            main, list(args), env={**hidden, **env}, input=input, catch_exceptions=False
        )
    finally:
        # A command sets up logging to its stderr, which was the runner's: put back the
        # test process's own handlers, as a child process's would have ended with it.
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        for handler in [h for h in handlers if h not in root.handlers]:
            root.addHandler(handler)
        root.setLevel(level)
    return Ran(result.exit_code, result.stdout, result.stderr)


def on_a_database_of_its_own(folder: Path) -> Callable[..., Ran]:
    """``run(*args)``: ``vraagwijzer ARGS`` on a migrated SQLite file in ``folder``, with a
    data directory there too."""
    env = {
        "VRAAGWIJZER_DATA_DIR": str(folder / "var"),
        "VRAAGWIJZER_DATABASE_URL": f"sqlite:///{folder / 'vraagwijzer.db'}",
    }

    def run(*args: str) -> Ran:
        return vraagwijzer(*args, env=env)

    upgraded = run("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    return run


def with_trained_model(data_dir: Path) -> Path:
    """``data_dir`` with the test run's trained NLU model in it (the ``analyzer`` fixture
    makes it), so that a command that builds the application loads it instead of training
    its own."""
    model = NLU_CACHE / f"model-{fingerprint()}.pkl"
    (data_dir / "nlu").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model, data_dir / "nlu" / model.name)
    return data_dir
