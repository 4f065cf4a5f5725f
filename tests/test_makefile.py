"""The Makefile's recipes, where a mistake would not show in any other test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_dry_run_of_make_test_runs_nothing(tmp_path: Path) -> None:
    """``make -n`` runs a recipe line that calls ``$(MAKE)``; such a line once also trained
    the NLU model and started the Rasa install for real (the README test runs ``make -n
    test`` while the suite runs). With the tools pointed at a folder that does not exist,
    anything really run would fail."""
    missing = tmp_path / "missing"
    result = subprocess.run(
        ["make", "-n", "test", f"BIN={missing}", f"RASA_VENV={missing}-rasa"],
        cwd=ROOT,
        env={**os.environ, "MAKEFLAGS": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{missing}/vraagwijzer nlu train" in result.stdout
    assert f"{missing}/pytest" in result.stdout
    assert not missing.exists()
    assert not Path(f"{missing}-rasa").exists()
