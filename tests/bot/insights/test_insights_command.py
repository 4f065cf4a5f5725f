"""``vraagwijzer insights`` reads counts, never a resident's message: it starts without
the language model (before, on a machine without a trained model it trained one first,
for a minute, and left it in the data directory)."""

from __future__ import annotations

import json

from tests.command_line import on_a_database_of_its_own


def test_the_figures_need_no_language_model(tmp_path):
    run = on_a_database_of_its_own(tmp_path)

    report = run("insights", "--json")
    rolled = run("insights", "rollup", "--day", "2026-11-24")

    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["min_count"] >= 1
    assert rolled.returncode == 0, rolled.stderr
    assert rolled.stdout.strip() == "2026-11-24: 0 conversations"
    assert not list((tmp_path / "var").glob("nlu/model-*.pkl"))
