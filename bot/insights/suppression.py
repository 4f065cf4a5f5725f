"""Small-count suppression for the insights page: no figure may single out a resident.

Municipal staff see how many conversations there were per living domain, district and
week. "2 conversations about debts in Noord this week" can point at a neighbour, so
every count below a threshold ``min_count`` (the setting
``VRAAGWIJZER_INSIGHTS_MIN_COUNT``) is hidden.

Hiding the small cells alone is not enough while totals are shown: a row total minus
the cells still shown gives the hidden cell back (the *differencing attack*). So, as in
statistical disclosure control, small figures are hidden first (primary suppression)
and then more figures are hidden to protect them (complementary suppression). The rule
holds for every *line*: each row with its row total, each column with its column total,
the row totals with the grand total, and the column totals with the grand total.

- Primary: a cell or total ``n`` with ``0 < n < min_count`` is hidden. A zero is about
  nobody and stays visible unless it is chosen as a complement.
- A line whose total is shown hides none of its figures, or at least two that sum to at
  least ``min_count``: "total minus what is shown" then gives only a sum of at least
  ``min_count`` spread over two or more figures.
- A line whose total is hidden hides at least one of its figures too; else the total is
  just the sum of the figures shown (a complement would be undone).
- A line that cannot meet the rule (fewer than two figures, or summing to less than
  ``min_count``) has its total hidden. A hidden total is a figure of another line (the
  margins), so the rules are applied again until no line breaks them.

Complements are chosen greedily and deterministically: the same counts always give the
same table, so comparing two page loads reveals nothing. The rule is checked line by
line; it is the usual practical standard, not an audit of every combination of lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

__all__ = ["SuppressedSeries", "SuppressedTable", "is_safe", "suppress_series", "suppress_table"]

# (row, column) in the grid of the table with its margins: row totals in the last
# column, column totals in the last row, the grand total in the corner.
_Position = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """A count table as it may be shown; ``None`` is a hidden figure."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class SuppressedSeries:
    """A list of counts with its total as it may be shown; ``None`` is a hidden figure."""

    values: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class _Line:
    members: tuple[_Position, ...]
    total: _Position


def suppress_table(cells: Sequence[Sequence[int]], *, min_count: int) -> SuppressedTable:
    """Hide what must be hidden in a table of non-negative counts shown with all totals."""
    grid = _grid(cells, min_count)
    if not cells:
        return SuppressedTable(cells=(), row_totals=(), column_totals=(), total=0)
    hidden = _suppress(grid, _lines(len(cells), len(cells[0])), min_count)
    shown = [
        tuple(None if (r, c) in hidden else value for c, value in enumerate(row))
        for r, row in enumerate(grid)
    ]
    return SuppressedTable(
        cells=tuple(row[:-1] for row in shown[:-1]),
        row_totals=tuple(row[-1] for row in shown[:-1]),
        column_totals=shown[-1][:-1],
        total=shown[-1][-1],
    )


def suppress_series(values: Sequence[int], *, min_count: int) -> SuppressedSeries:
    """Hide what must be hidden in a list of counts shown with its total."""
    # A one-row table: its column totals repeat the values and its grand total the row
    # total, so they are hidden exactly when those are.
    table = suppress_table([values], min_count=min_count)
    return SuppressedSeries(values=table.cells[0], total=table.row_totals[0])


def is_safe(table: SuppressedTable, true_cells: Sequence[Sequence[int]], min_count: int) -> bool:
    """Whether ``table`` shows ``true_cells`` truthfully and keeps the rules above.

    A check independent of how complements were chosen, e.g. before rendering a table.
    """
    grid = _grid(true_cells, min_count)
    if not true_cells:
        return table == SuppressedTable(cells=(), row_totals=(), column_totals=(), total=0)
    rows, columns = len(true_cells), len(true_cells[0])
    if len(table.cells) != rows or any(len(row) != columns for row in table.cells):
        return False
    if len(table.row_totals) != rows or len(table.column_totals) != columns:
        return False
    shown = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    shown.append([*table.column_totals, table.total])
    hidden = set()
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if shown[r][c] is None:
                hidden.add((r, c))
            elif shown[r][c] != value or 0 < value < min_count:
                return False
    return not any(_violates(line, grid, hidden, min_count) for line in _lines(rows, columns))


def _grid(cells: Sequence[Sequence[int]], min_count: int) -> list[list[int]]:
    """The cells with their margins, after checking the input."""
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, not {min_count}")
    if any(len(row) != len(cells[0]) for row in cells):
        raise ValueError("all rows of a table must have the same length")
    if any(value < 0 for row in cells for value in row):
        raise ValueError("counts cannot be negative")
    grid = [[*row, sum(row)] for row in cells]
    grid.append([sum(column) for column in zip(*grid, strict=True)] if grid else [0])
    return grid


def _lines(rows: int, columns: int) -> list[_Line]:
    """Every line of the grid: the rows (the last one the column totals), then the columns."""
    across = [_Line(tuple((r, c) for c in range(columns)), (r, columns)) for r in range(rows + 1)]
    down = [_Line(tuple((r, c) for r in range(rows)), (rows, c)) for c in range(columns + 1)]
    return across + down


def _violates(line: _Line, grid: list[list[int]], hidden: set[_Position], k: int) -> bool:
    hidden_members = [p for p in line.members if p in hidden]
    if line.total in hidden:
        return bool(line.members) and not hidden_members
    if not hidden_members:
        return False
    return len(hidden_members) < 2 or sum(grid[r][c] for r, c in hidden_members) < k


def _can_be_protected(line: _Line, grid: list[list[int]], k: int) -> bool:
    # Hiding every figure of a line hides its total's worth; if even that is too little
    # (or is one figure, equal to the total), only hiding the total helps.
    r, c = line.total
    return len(line.members) >= 2 and grid[r][c] >= k


def _suppress(grid: list[list[int]], lines: list[_Line], k: int) -> set[_Position]:
    """The positions to hide: the small figures, then complements until no line breaks."""
    hidden = {(r, c) for r, row in enumerate(grid) for c, n in enumerate(row) if 0 < n < k}
    lines_of: dict[_Position, list[_Line]] = {}
    for line in lines:
        for position in (*line.members, line.total):
            lines_of.setdefault(position, []).append(line)

    def choice(candidate: _Position, line: _Line) -> tuple[bool, int, int, _Position]:
        # Prefer a figure that settles the line by itself; then one whose other line
        # wants a hidden figure anyway (0), or does not mind (1), over one that starts a
        # new need (2), or one that forces its other line's total to be hidden (3).
        # Then the smallest figure (least information lost), or, if none settles the
        # line, the largest (fewest figures hidden); the position breaks ties.
        with_it = hidden | {candidate}
        settles = not _violates(line, grid, with_it, k)
        cost = 0
        for other in lines_of[candidate]:
            if other is line or _violates(other, grid, hidden, k):
                continue
            if not _violates(other, grid, with_it, k):
                cost = max(cost, 1)
            elif other.total in hidden or _can_be_protected(other, grid, k):
                cost = max(cost, 2)
            else:
                cost = 3
        value = grid[candidate[0]][candidate[1]]
        return (not settles, cost, value if settles else -value, candidate)

    while (broken := next((x for x in lines if _violates(x, grid, hidden, k)), None)) is not None:
        if broken.total not in hidden and not _can_be_protected(broken, grid, k):
            hidden.add(broken.total)
            continue
        # Terminates: hiding all of a protectable line's figures satisfies it.
        while _violates(broken, grid, hidden, k):
            candidates = [p for p in broken.members if p not in hidden]
            hidden.add(min(candidates, key=partial(choice, line=broken)))
    return hidden
