"""Hostile catalogue files (issue 17): whatever a file holds ends as a listed problem with
its place, in time that follows the file's size, and never as a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge_base.io import MAX_DEPTH, read_file
from knowledge_base.schema import OrganizationIn

ROOT = Path(__file__).parents[2]
# The project has no pytest-timeout: work that may not finish runs in a child process with
# this timeout, so code that unfolds aliases fails the test instead of stalling the run.
# The fixed code needs about a second; the old one took minutes for the depth-8 bomb.
CHILD_TIMEOUT = 30


def alias_bomb(depth: int) -> str:
    """A "billion laughs": each level lists the one before nine times (9**(depth+1) words
    written out, from about 70 bytes a level)."""
    lines = [
        "services:",
        "  - id: bom",
        "    name: Bom",
        "    keywords: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]",
    ]
    for level in range(1, depth + 1):
        lines.append(f"    x{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def in_child(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


@pytest.mark.slow
def test_an_alias_bomb_is_refused_at_its_anchors_and_aliases(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(8), encoding="utf-8")
    assert len(bomb.read_bytes()) < 1024
    code = (
        "import json, sys; from pathlib import Path; from knowledge_base.io import read_file; "
        "result = read_file(Path(sys.argv[1])); "
        "print(json.dumps([result.bundle is None, result.problems]))"
    )
    refused, problems = json.loads(in_child(code, str(bomb)))
    assert refused
    assert problems[:3] == [
        "bomb.yaml:4: aliases are not allowed (&a0); write it out in full",
        "bomb.yaml:5: aliases are not allowed (&a1); write it out in full",
        "bomb.yaml:5: aliases are not allowed (*a0); write it out in full",
    ]
    # One problem per anchor and per line that uses an alias, not one per use.
    assert len(problems) == 17


@pytest.mark.slow
def test_data_that_shares_one_list_is_checked_in_its_own_size():
    # 2**60 values written out; whatever walks it as a tree never finishes.
    code = (
        "from pydantic import ValidationError; from knowledge_base.schema import OrganizationIn\n"
        "shared = ['x']\n"
        "for _ in range(60): shared = [shared, shared]\n"
        "try: OrganizationIn.model_validate({'id': 'a', 'name': 'Ab', 'extra': shared})\n"
        "except ValidationError as exc: print(exc.errors()[0]['msg'])\n"
    )
    assert in_child(code).strip() == "Extra inputs are not permitted"


def test_data_nested_100000_deep_is_a_validation_error_not_a_recursion_error():
    deep: list[object] = ["\x00"]
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="NUL character"):
        OrganizationIn.model_validate({"id": "a", "name": "Ab", "description": deep})


def test_a_python_tag_is_a_problem_and_never_runs(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "catalogue.yaml"
    path.write_text(
        f"services:\n  - !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    result = read_file(path)
    assert result.bundle is None
    assert result.problems == [
        "catalogue.yaml:2: the tag !!python/object/apply:os.system is not allowed; "
        "write the plain value"
    ]
    assert not marker.exists()


def test_json_nested_100000_deep_is_a_problem_at_the_level_too_many(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = read_file(path)
    assert result.bundle is None
    assert result.problems == [
        f"catalogue.json:1:{MAX_DEPTH + 1}: nested deeper than {MAX_DEPTH} levels; "
        "no catalogue needs that many"
    ]


@pytest.mark.parametrize(
    ("text", "too_deep"),
    [
        ("[" * MAX_DEPTH + "]" * MAX_DEPTH, False),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), True),
        # Brackets and escaped quotes inside text are text, not levels.
        ('[{"name": "' + '[\\"' * 1000 + '"}]', False),
    ],
    ids=["at-the-limit", "one-past", "brackets-in-text"],
)
def test_json_depth_counts_levels_not_brackets_in_text(tmp_path, text, too_deep):
    path = tmp_path / "catalogue.json"
    path.write_text(text, encoding="utf-8")
    problems = read_file(path).problems
    assert any("nested deeper than" in p for p in problems) is too_deep, problems


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "catalogue.yaml",
            b"services:\n  - id: [unclosed\n  - name: b\n",
            "catalogue.yaml:3: not valid YAML: while parsing a flow sequence (line 2): "
            "did not find expected ',' or ']'",
        ),
        (
            "catalogue.yaml",
            b"just a sentence\n",
            "catalogue.yaml:1: expected sections organizations, services, faqs, "
            "found a single value",
        ),
        (
            "catalogue.yaml",
            f"services:\n  - id: a\n    name: {HUGE}\n".encode(),
            "catalogue.yaml:3: service: a whole number of 5,000 digits; at most 4,300 can be read",
        ),
        (
            "catalogue.yaml",
            b"services:\n  - id: a\x00b\n",
            "catalogue.yaml:2: not valid YAML: control characters are not allowed (U+0000); "
            "remove it",
        ),
        (
            "catalogue.yaml",
            b"services:\n  - !vraag {id: a}\n",
            "catalogue.yaml:2: the tag !vraag is not allowed; write the plain value",
        ),
        (
            "catalogue.yaml",
            b"services:\n  - &entry {id: a}\n",
            "catalogue.yaml:2: aliases are not allowed (&entry); write it out in full",
        ),
        (
            "catalogue.yaml",
            b"services:\n" + b"".join(b"  " * i + b"-\n" for i in range(1, 100)),
            f"catalogue.yaml:{MAX_DEPTH + 1}: nested deeper than {MAX_DEPTH} levels; "
            "no catalogue needs that many",
        ),
        (
            "catalogue.yaml",
            b"? [services, faqs]\n: []\n",
            "catalogue.yaml:1: expected a section name (organizations, services, faqs), "
            "found a list",
        ),
        (
            "catalogue.yaml",
            b"services:\n  - id: a\n    last_reviewed: 2024-02-30\n",
            "catalogue.yaml:3: service: cannot read '2024-02-30': day is out of range for month",
        ),
        (
            "catalogue.json",
            b'[{"name": "caf\xe9"}]',
            "catalogue.json:1:15: not UTF-8 text (JSON is always UTF-8)",
        ),
        (
            "catalogue.json",
            f'[{{"id": {HUGE}}}]'.encode(),
            "catalogue.json:1:9: not valid JSON: a whole number of 5,000 digits; "
            "at most 4,300 can be read",
        ),
        (
            "catalogue.json",
            b'[{"name": "a\x00b"}]',
            "catalogue.json:1:13: not valid JSON: Invalid control character at",
        ),
    ],
    ids=[
        "yaml-scanner-error",
        "yaml-scalar-document",
        "yaml-huge-integer",
        "yaml-nul-byte",
        "yaml-unknown-tag",
        "yaml-anchor",
        "yaml-too-deep",
        "yaml-list-as-key",
        "yaml-impossible-date",
        "json-not-utf8",
        "json-huge-integer",
        "json-nul-byte",
    ],
)
def test_each_hostile_file_is_one_problem_at_its_place(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert read_file(path).problems == [expected]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "bomb.yaml",
            alias_bomb(8),
            "  bomb.yaml:4: aliases are not allowed (&a0); write it out in full",
        ),
        (
            "tagged.yaml",
            "services:\n  - !!python/object/apply:os.system ['true']\n",
            "  tagged.yaml:2: the tag !!python/object/apply:os.system is not allowed; "
            "write the plain value",
        ),
        (
            "deep.json",
            "[" * 100_000 + "]" * 100_000,
            f"  deep.json:1:{MAX_DEPTH + 1}: nested deeper than {MAX_DEPTH} levels; "
            "no catalogue needs that many",
        ),
    ],
    ids=["alias-bomb", "python-tag", "json-100000-deep"],
)
def test_kb_import_dry_run_lists_the_problem_without_a_traceback(
    run, tmp_path, name, content, expected
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    done = run("kb", "import", str(path), "--dry-run", timeout=CHILD_TIMEOUT)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{name}: " in done.stderr
    assert "problem(s); nothing was imported." in done.stderr
    assert expected in done.stderr.splitlines()
