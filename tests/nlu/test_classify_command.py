"""`vraagwijzer nlu classify`: the JSONL contract of spec/nlu-contract.md."""

from __future__ import annotations

import json

from tests.command_line import vraagwijzer
from tests.conftest import NLU_CACHE


def classify(lines: list[str]) -> list[dict]:
    result = vraagwijzer(
        "nlu",
        "classify",
        input="".join(line + "\n" for line in lines),
        env={"VRAAGWIJZER_DATA_DIR": str(NLU_CACHE.parent)},
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_line_out_per_line_in_in_order_with_extra_keys_echoed(analyzer):
    lines = [
        json.dumps({"id": "a", "text": "ik heb schulden en weet niet waar ik moet beginnen"}),
        "this is not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "hallo"}),
        json.dumps([1, 2]),
        json.dumps({"id": "f", "text": "I want to end my life"}),
    ]
    out = classify(lines)
    assert len(out) == len(lines)
    assert out[0]["id"] == "a"
    assert "money" in out[0]["domains"]
    assert out[0]["route"] in {"answer", "handoff"}
    assert "error" in out[1]
    assert out[1]["route"] == "other"
    assert out[2]["route"] == "other"
    assert out[2]["domains"] == []
    assert out[3]["route"] == "other"
    assert out[3]["domains"] == []
    assert "error" in out[4]
    assert out[5]["route"] == "crisis"
    assert out[5]["language"] == "en"
    for item in out:
        assert set(item) >= {"text", "language", "route", "domains", "scores"}
