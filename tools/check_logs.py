"""No personal data in the logs of a whole test run.

``make pytest`` points ``VRAAGWIJZER_TEST_LOG_DIR`` at an empty directory. Every pytest
process (xdist workers too) then writes every log record, at debug level, through the
same handler set-up as the server (masking, JSON lines), and every ``vraagwijzer serve``
that a test starts writes its stderr there (JSON, debug). Afterwards

    python -m tools.check_logs var/test-logs

looks in all of it for the residents' data the tests send (``tests.personal_data``), also
with spaces, dots and dashes left out, and fails when it finds any, or when there is no
log at all (so it cannot pass because nothing was written).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import unquote

from tests import personal_data

LOG_DIR_ENV = "VRAAGWIJZER_TEST_LOG_DIR"
# What a `vraagwijzer serve` started by a test logs, and how.
SERVER_LOG_ENV = {"VRAAGWIJZER_LOG_LEVEL": "debug", "VRAAGWIJZER_LOG_FORMAT": "json"}

_SEPARATORS = re.compile(r"[\s.\-]+")


def _normal(text: str) -> str:
    """Without separators, and URL-decoded ("06%2012345678" is a phone number too)."""
    return _SEPARATORS.sub("", unquote(text)).lower()


def found_in(text: str, values: Iterable[str] = personal_data.ALL) -> list[str]:
    """The values that occur in the text, also written with other separators."""
    normal = _normal(text)
    found: dict[str, str] = {}  # one report for spellings of the same value
    for value in values:
        if _normal(value) in normal:
            found.setdefault(_normal(value), value)
    return list(found.values())


def findings(log_dir: Path, values: Iterable[str] = personal_data.ALL) -> list[str]:
    """One line per log line that holds one of the values (says which and where)."""
    values = tuple(values)
    found: list[str] = []
    for path in _log_files(log_dir):
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                found.extend(f"{path}:{number}: {value!r}" for value in found_in(line, values))
    return found


def _log_files(log_dir: Path) -> list[Path]:
    return sorted(p for p in log_dir.rglob("*") if p.is_file())


def check(log_dir: Path, values: Iterable[str] = personal_data.ALL) -> list[str]:
    """Every problem with the run's logs; empty when all is well."""
    if not log_dir.is_dir():
        return [f"{log_dir} does not exist: the tests wrote no logs there"]
    files = _log_files(log_dir)
    if not any(p.stat().st_size for p in files):
        return [f"{log_dir} holds no log lines: the tests' logs did not reach it"]
    return findings(log_dir, values)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.check_logs LOG_DIR", file=sys.stderr)
        return 2
    log_dir = Path(argv[0])
    problems = check(log_dir)
    if problems:
        print("personal data in the test run's logs (or no logs):", file=sys.stderr)
        for problem in problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more", file=sys.stderr)
        return 1
    files = _log_files(log_dir)
    size = sum(p.stat().st_size for p in files)
    print(f"no personal data in {len(files)} log files ({size // 1024} KiB) under {log_dir}")
    return 0


# -- writing the logs (called by tests/conftest.py and the tests that start servers) -----


def capture_test_logs() -> logging.Handler | None:
    """In a pytest process, when the directory is set: every record at debug level into a
    file of this process's own, through the server's handler set-up."""
    folder = os.environ.get(LOG_DIR_ENV)
    if not folder:
        return None
    from bot.platform.logs import prepare, quiet_libraries

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    path = Path(folder) / f"pytest-{worker}-{os.getpid()}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = prepare(
        logging.FileHandler(path, encoding="utf-8"), log_format="json", level=logging.DEBUG
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet_libraries()
    return handler


def stop_capture(handler: logging.Handler | None) -> None:
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


@contextmanager
def server_stderr(name: str) -> Iterator[IO[bytes] | int]:
    """Where a server process started by a test writes its stderr (its logs): a file in
    the test log directory, or nowhere when it is not set."""
    folder = os.environ.get(LOG_DIR_ENV)
    if not folder:
        yield subprocess.DEVNULL
        return
    path = Path(folder) / f"{name}-{os.getpid()}-{os.urandom(4).hex()}.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as sink:
        yield sink


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
