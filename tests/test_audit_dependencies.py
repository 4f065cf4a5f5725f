"""``make audit``'s verdict on pip-audit's report: known vulnerabilities always fail; what
could not be audited is said loudly, and fails only in strict mode (CI with internet).
The reports are pip-audit's JSON format; the one with every package skipped is what this
project's sandbox gets (PyPI's per-version JSON API answers 404 there)."""

from __future__ import annotations

import pytest

from tools.audit_dependencies import assess

PROJECT = {"name": "vraagwijzer", "skip_reason": "distribution marked as editable"}
CLEAN = {"name": "jinja2", "version": "3.1.6", "vulns": []}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.4",
    "vulns": [{"id": "GHSA-0000-test-0001", "fix_versions": ["3.1.5"], "aliases": []}],
}


def skipped(name: str) -> dict:
    return {
        "name": name,
        "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} (1.0)",
    }


def report(*dependencies: dict) -> dict:
    return {"dependencies": [PROJECT, *dependencies], "fixes": []}


@pytest.mark.parametrize("strict", [False, True])
def test_a_known_vulnerability_always_fails(strict):
    found = assess(report(VULNERABLE, skipped("alembic")))
    assert found.exit_code(strict=strict) == 1
    text = "\n".join(found.lines(strict=strict))
    assert "jinja2 3.1.4: GHSA-0000-test-0001 (fixed in 3.1.5)" in text


def test_a_clean_audit_passes_quietly():
    found = assess(report(CLEAN, {"name": "alembic", "version": "1.20.1", "vulns": []}))
    assert found.exit_code(strict=True) == 0
    assert found.lines(strict=True) == [
        "dependency audit: 2 packages checked, no known vulnerabilities"
    ]


def test_packages_that_could_not_be_audited_are_a_loud_warning_not_a_silent_pass():
    found = assess(report(skipped("alembic"), skipped("fastapi")))
    assert found.exit_code(strict=False) == 0
    text = "\n".join(found.lines(strict=False))
    assert "WARNING: 2 OF 2 PACKAGES WERE NOT AUDITED" in text
    assert "alembic, fastapi" in text
    assert "Nothing was checked" in text
    assert "VRAAGWIJZER_AUDIT_STRICT=1" in text


def test_in_strict_mode_what_could_not_be_audited_fails():
    found = assess(report(CLEAN, skipped("fastapi")))
    assert found.exit_code(strict=True) == 1
    assert "this fails the run" in "\n".join(found.lines(strict=True))


@pytest.mark.parametrize("broken", [None, {"no": "dependencies"}])
def test_an_audit_that_did_not_run_is_said_and_fails_in_strict_mode(broken):
    found = assess(broken, error="pip-audit failed (exit 1): cannot resolve api.osv.dev")
    assert found.exit_code(strict=False) == 0
    assert found.exit_code(strict=True) == 1
    assert "DID NOT RUN" in "\n".join(found.lines(strict=False))
