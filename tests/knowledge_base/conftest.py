"""The ``vraagwijzer`` command as a resident's municipality runs it: a child process on a
migrated SQLite file of its own (a copy of the migrated template: ``db upgrade`` in a
child process of its own would take seconds for each test)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DatabaseTemplates

EXE = str(Path(sys.executable).parent / "vraagwijzer")

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(tmp_path: Path, database_templates: DatabaseTemplates) -> Run:
    env = {
        "PATH": "/usr/bin:/bin",
        "VRAAGWIJZER_DATA_DIR": str(tmp_path / "var"),
        "VRAAGWIJZER_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}",
    }

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [EXE, *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
        )

    shutil.copyfile(database_templates.empty_sqlite(), tmp_path / "kb.db")
    return run
