"""`vraagwijzer kb import` and `kb export` as an administrator runs them: whole files in,
clear reports out, and nothing written from a file with a problem in it. The commands run
in this process (tests/command_line.py), on a migrated SQLite file of their own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge_base.hsds import validate_hsds
from knowledge_base.io import DEMO_DIR
from tests.command_line import Ran, on_a_database_of_its_own


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., Ran]:
    """In this process, instead of conftest's child process: the same commands."""
    return on_a_database_of_its_own(tmp_path)


def test_import_export_and_a_refused_file(run, tmp_path):
    first = run("kb", "import", str(DEMO_DIR))
    assert first.returncode == 0, first.stderr
    assert "0 updated" in first.stdout
    assert "created: service wijkteam-centrum" in first.stdout

    for name in ("catalogue.csv", "catalogue.yaml", "catalogue.json"):
        exported = run("kb", "export", str(tmp_path / name))
        assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "catalogue-faqs.csv").exists()
    assert validate_hsds(json.loads((tmp_path / "catalogue.json").read_text())) == []
    for name in ("catalogue.csv", "catalogue-faqs.csv", "catalogue.yaml", "catalogue.json"):
        again = run("kb", "import", "--dry-run", str(tmp_path / name))
        assert again.returncode == 0, again.stderr
        assert "0 created, 0 updated, 0 retired, 0 deleted" in again.stdout, name

    sheet = (tmp_path / "catalogue.csv").read_text(encoding="utf-8-sig")
    broken = sheet.replace(";referral;", ";verwijzing;", 1).replace("4101 AB", "4101", 1)
    (tmp_path / "broken.csv").write_text(broken, encoding="utf-8")
    refused = run("kb", "import", str(tmp_path / "broken.csv"))
    assert refused.returncode == 1
    assert "2 problem(s); nothing was imported." in refused.stderr
    assert "column access" in refused.stderr
    assert "column postcode" in refused.stderr
    assert run("kb", "export", str(tmp_path / "after.csv")).returncode == 0
    assert (tmp_path / "after.csv").read_text(encoding="utf-8-sig") == sheet


def test_a_dry_run_reports_and_writes_nothing(run, tmp_path):
    run("kb", "import", str(DEMO_DIR))
    run("kb", "export", str(tmp_path / "before.yaml"))
    text = (tmp_path / "before.yaml").read_text(encoding="utf-8")
    (tmp_path / "changed.yaml").write_text(
        text.replace("name: Wijkteam Centrum\n", "name: Wijkteam Binnenstad\n"), encoding="utf-8"
    )
    dry = run("kb", "import", "--dry-run", "--replace", str(tmp_path / "changed.yaml"))
    assert dry.returncode == 0, dry.stderr
    assert "1 updated" in dry.stdout
    assert "dry run: nothing was written" in dry.stdout
    run("kb", "export", str(tmp_path / "after.yaml"))
    assert (tmp_path / "after.yaml").read_text(encoding="utf-8") == text


def test_a_file_of_unknown_format_or_an_unknown_district_is_explained(run, tmp_path):
    (tmp_path / "catalogue.xlsx").write_bytes(b"PK\x03\x04")
    unknown = run("kb", "import", str(tmp_path / "catalogue.xlsx"))
    assert unknown.returncode == 1
    assert "cannot tell the format of catalogue.xlsx" in unknown.stderr
    moved = (
        (DEMO_DIR / "services.yaml")
        .read_text(encoding="utf-8")
        .replace("districts: [centrum]", "districts: [atlantis]", 1)
    )
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for name in ("organizations.yaml", "faqs.yaml"):
        (folder / name).write_text((DEMO_DIR / name).read_text(encoding="utf-8"))
    (folder / "services.yaml").write_text(moved, encoding="utf-8")
    refused = run("kb", "import", str(folder))
    assert refused.returncode == 1
    assert "unknown district atlantis" in refused.stderr
    assert "nothing was imported" in refused.stderr
