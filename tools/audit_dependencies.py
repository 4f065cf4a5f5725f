"""Audit the installed dependencies for known vulnerabilities (``make audit``, run by
``make test``).

pip-audit checks every package installed in ``.venv`` (the project itself, installed
editable, is skipped) against the Python Packaging Advisory Database through PyPI's JSON
API. A known vulnerability fails the run, always.

pip-audit reports a package it could not look up ("Dependency not found on PyPI and could
not be audited") and still exits 0, so an audit that could not reach the service would pass
in silence. This wrapper counts those and says so loudly. Where the service cannot be
reached at all (a sandbox whose network lets the package installer through but not PyPI's
per-version JSON API, which then answers 404), that is a warning; with
``VRAAGWIJZER_AUDIT_STRICT=1`` (CI with internet) it fails the run, as does pip-audit not
running at all. The run is bounded in time (``VRAAGWIJZER_AUDIT_TIMEOUT``, seconds).

    python -m tools.audit_dependencies
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

EDITABLE = "distribution marked as editable"


@dataclass
class Assessment:
    """What an audit found, and whether the run should fail."""

    audited: int = 0
    vulnerable: list[str] = field(default_factory=list)
    not_audited: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    def exit_code(self, *, strict: bool) -> int:
        if self.vulnerable:
            return 1
        if self.error is not None or self.not_audited:
            return 1 if strict else 0
        return 0

    def lines(self, *, strict: bool) -> list[str]:
        out: list[str] = []
        if self.vulnerable:
            out.append(f"FAIL: {len(self.vulnerable)} known vulnerabilities in dependencies:")
            out += [f"  {v}" for v in self.vulnerable]
        if self.error is not None:
            out += _banner(
                "THE DEPENDENCY AUDIT DID NOT RUN",
                [
                    self.error,
                    *_consequence(strict, "Nothing was checked for known vulnerabilities."),
                ],
            )
        elif self.not_audited:
            total = self.audited + len(self.not_audited)
            why = [f"{count} x {reason}" for reason, count in self.reasons.most_common(3)]
            out += _banner(
                f"{len(self.not_audited)} OF {total} PACKAGES WERE NOT AUDITED",
                [
                    "pip-audit could not look them up, so they were NOT checked for known",
                    "vulnerabilities. Usually the vulnerability service cannot be reached",
                    "from this network (PyPI's per-version JSON API answers 404, or OSV does",
                    "not resolve). Why, as pip-audit says it:",
                    *(f"  {w}" for w in why),
                    f"Not audited: {', '.join(sorted(self.not_audited)[:12])}"
                    + (" ..." if len(self.not_audited) > 12 else ""),
                    *_consequence(
                        strict,
                        "Only the packages it could look up were checked."
                        if self.audited
                        else "Nothing was checked for known vulnerabilities.",
                    ),
                ],
            )
        if not out:
            out.append(
                f"dependency audit: {self.audited} packages checked, no known vulnerabilities"
            )
        elif not self.vulnerable and self.audited:
            out.append(f"({self.audited} packages were audited: no known vulnerabilities there)")
        return out


def _consequence(strict: bool, what: str) -> list[str]:
    if strict:
        return [what, "VRAAGWIJZER_AUDIT_STRICT=1: this fails the run."]
    return [
        what,
        "This run passes anyway; set VRAAGWIJZER_AUDIT_STRICT=1 (CI with internet) to fail.",
    ]


def _banner(title: str, body: list[str]) -> list[str]:
    rule = "!" * 78
    return [rule, f"!! WARNING: {title}", *(f"!! {line}" for line in body), rule]


def assess(report: dict[str, object] | None, *, error: str | None = None) -> Assessment:
    """Read pip-audit's JSON report (``-f json``)."""
    if report is None:
        return Assessment(error=error or "pip-audit wrote no report")
    result = Assessment(error=error)
    dependencies = report.get("dependencies")
    if not isinstance(dependencies, list):
        return Assessment(error="pip-audit's report has no list of dependencies")
    for dependency in dependencies:
        name = str(dependency.get("name"))
        reason = dependency.get("skip_reason")
        if reason == EDITABLE:
            continue  # the project itself
        if reason:
            result.not_audited.append(name)
            result.reasons[str(reason).split(":")[0]] += 1
            continue
        result.audited += 1
        for vulnerability in dependency.get("vulns") or ():
            fixes = ", ".join(vulnerability.get("fix_versions") or ()) or "no fix yet"
            result.vulnerable.append(
                f"{name} {dependency.get('version')}: {vulnerability.get('id')} (fixed in {fixes})"
            )
    return result


def run_pip_audit(timeout: float) -> Assessment:
    exe = Path(sys.executable).parent / "pip-audit"
    with tempfile.TemporaryDirectory() as folder:
        report_file = Path(folder) / "audit.json"
        command = [
            str(exe),
            "--local",
            "--skip-editable",
            "--progress-spinner=off",
            "--desc=off",
            "--timeout=15",
            "--format=json",
            f"--output={report_file}",
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return Assessment(error=f"pip-audit did not finish within {timeout:.0f} s")
        except OSError as exc:
            return Assessment(error=f"pip-audit could not start: {exc}")
        if not report_file.exists():
            last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            return Assessment(error=f"pip-audit failed (exit {done.returncode}): {last[:300]}")
        return assess(json.loads(report_file.read_text()))


def main() -> int:
    strict = os.environ.get("VRAAGWIJZER_AUDIT_STRICT", "") in {"1", "true", "yes"}
    timeout = float(os.environ.get("VRAAGWIJZER_AUDIT_TIMEOUT", "300"))
    assessment = run_pip_audit(timeout)
    code = assessment.exit_code(strict=strict)
    stream = sys.stderr if code or assessment.error or assessment.not_audited else sys.stdout
    print("\n".join(assessment.lines(strict=strict)), file=stream)
    return code


if __name__ == "__main__":
    sys.exit(main())
