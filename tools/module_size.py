"""No module of the application over 500 lines (``make lint``): a module that grows past it
is doing two things, and the next engineer has to read both to change one."""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 500
# Migrations are written once and never edited; their length is the schema's.
SKIP = ("migrations",)


def too_long(root: Path, limit: int = LIMIT) -> list[tuple[Path, int]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if any(part in SKIP for part in path.parts):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append((path, lines))
    return found


def main(argv: list[str]) -> int:
    found = [item for root in argv or ["bot"] for item in too_long(Path(root))]
    for path, lines in found:
        print(f"{path}: {lines} lines (at most {LIMIT}): split it by what it does")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
