"""Small-count suppression: hand-made tables, then properties over random tables.

The properties are checked here from scratch (not with ``is_safe``), so a bug shared
by the suppression and its own checker cannot hide itself.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.insights.suppression import (
    SuppressedSeries,
    SuppressedTable,
    is_safe,
    suppress_series,
    suppress_table,
)

K = 10


def test_a_single_small_cell_forces_a_second_one_in_its_row_and_column():
    cells = [[3, 20, 30], [25, 40, 50]]

    table = suppress_table(cells, min_count=K)

    # The 3 alone would be row total minus the rest; the 20 (smallest fitting) goes with
    # it, and the cells below them protect the columns.
    assert table == SuppressedTable(
        cells=((None, None, 30), (None, None, 50)),
        row_totals=(53, 115),
        column_totals=(28, 60, 80),
        total=168,
    )
    assert is_safe(table, cells, K)


def test_a_row_summing_below_the_threshold_has_its_total_hidden():
    cells = [[2, 3, 0], [30, 40, 50], [25, 35, 45]]

    table = suppress_table(cells, min_count=K)

    assert table.row_totals[0] is None
    assert table.cells[0][:2] == (None, None)
    assert is_safe(table, cells, K)


def test_a_line_of_one_cell_hides_its_total_with_the_cell():
    # In one column the row total is the cell: protecting the 3 hides the 20, so row
    # 2's total (also 20) goes too.
    table = suppress_table([[3], [20]], min_count=K)

    assert table == SuppressedTable(
        cells=((None,), (None,)), row_totals=(None, None), column_totals=(23,), total=23
    )


def test_large_counts_are_untouched():
    cells = [[10, 25, 300], [11, 12, 13]]

    table = suppress_table(cells, min_count=K)

    assert table == SuppressedTable(
        cells=((10, 25, 300), (11, 12, 13)),
        row_totals=(335, 36),
        column_totals=(21, 37, 313),
        total=371,
    )


def test_zeros_and_zero_rows_stay_visible():
    table = suppress_table([[0, 0, 0], [12, 0, 20]], min_count=K)

    assert table == SuppressedTable(
        cells=((0, 0, 0), (12, 0, 20)), row_totals=(0, 32), column_totals=(12, 0, 20), total=32
    )


def test_empty_tables():
    assert suppress_table([], min_count=K) == SuppressedTable((), (), (), 0)
    assert suppress_table([[], []], min_count=K) == SuppressedTable(((), ()), (0, 0), (), 0)
    assert suppress_series([], min_count=K) == SuppressedSeries((), 0)


def test_a_threshold_of_one_hides_nothing():
    table = suppress_table([[1, 0], [2, 3]], min_count=1)

    assert table == SuppressedTable(((1, 0), (2, 3)), (1, 5), (3, 3), 6)


def test_a_series_hides_a_second_value_next_to_a_small_one():
    assert suppress_series([3, 20, 30, 0], min_count=K) == SuppressedSeries(
        values=(None, None, 30, 0), total=53
    )
    assert suppress_series([4, 5], min_count=K) == SuppressedSeries((None, None), None)
    assert suppress_series([40, 50], min_count=K) == SuppressedSeries((40, 50), 90)


def test_is_safe_catches_differencing_and_wrong_figures():
    cells = [[3, 20], [30, 40]]
    one_hidden = SuppressedTable(((None, 20), (30, 40)), (23, 70), (33, 60), 93)
    wrong = SuppressedTable(((None, None), (None, None)), (23, 71), (33, 60), 93)
    small_shown = SuppressedTable(((3, 20), (30, 40)), (23, 70), (33, 60), 93)

    assert not is_safe(one_hidden, cells, K)
    assert not is_safe(wrong, cells, K)
    assert not is_safe(small_shown, cells, K)


@pytest.mark.parametrize(
    ("cells", "min_count"),
    [([[1, 2], [3]], K), ([[1, -1]], K), ([[1, 2]], 0)],
)
def test_bad_input_is_refused(cells, min_count):
    with pytest.raises(ValueError, match=r"must|cannot"):
        suppress_table(cells, min_count=min_count)


# Random tables: up to 8 × 12, mixing zeros, small counts and large ones, with the
# threshold itself drawn too.
@st.composite
def tables(draw):
    min_count = draw(st.integers(2, 15))
    value = st.one_of(st.just(0), st.integers(1, min_count - 1), st.integers(min_count, 200))
    columns = draw(st.integers(0, 12))
    cells = draw(st.lists(st.lists(value, min_size=columns, max_size=columns), max_size=8))
    return cells, min_count


def shown_and_true(table, cells):
    """Both as grids with the margins: row totals last in a row, column totals last."""
    true = [[*row, sum(row)] for row in cells]
    true.append([sum(column) for column in zip(*true, strict=True)] if true else [0])
    shown = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    shown.append([*table.column_totals, table.total])
    return shown, true


def lines(shown, true):
    """(shown figures, true figures, shown total, true total) for every line."""
    for r in range(len(true)):
        yield shown[r][:-1], true[r][:-1], shown[r][-1], true[r][-1]
    for c in range(len(true[0])):
        yield (
            [row[c] for row in shown[:-1]],
            [row[c] for row in true[:-1]],
            shown[-1][c],
            true[-1][c],
        )


moderately = settings(max_examples=200, deadline=None)


@moderately
@given(tables())
def test_every_shown_figure_is_true(example):
    cells, min_count = example
    shown, true = shown_and_true(suppress_table(cells, min_count=min_count), cells)

    for shown_row, true_row in zip(shown, true, strict=True):
        for figure, value in zip(shown_row, true_row, strict=True):
            assert figure is None or figure == value


@moderately
@given(tables())
def test_every_small_figure_is_hidden(example):
    cells, min_count = example
    shown, true = shown_and_true(suppress_table(cells, min_count=min_count), cells)

    for shown_row, true_row in zip(shown, true, strict=True):
        for figure, value in zip(shown_row, true_row, strict=True):
            if 0 < value < min_count:
                assert figure is None


@moderately
@given(tables())
def test_a_shown_total_never_gives_away_less_than_the_threshold(example):
    cells, min_count = example
    shown, true = shown_and_true(suppress_table(cells, min_count=min_count), cells)

    for figures, _, total, _ in lines(shown, true):
        if total is None:
            continue
        hidden = sum(figure is None for figure in figures)
        difference = total - sum(figure for figure in figures if figure is not None)
        assert (hidden == 0 and difference == 0) or (hidden >= 2 and difference >= min_count)


@moderately
@given(tables())
def test_a_hidden_total_is_never_the_sum_of_shown_figures(example):
    cells, min_count = example
    shown, true = shown_and_true(suppress_table(cells, min_count=min_count), cells)

    for figures, _, total, _ in lines(shown, true):
        if total is None and figures:
            assert None in figures


@moderately
@given(tables())
def test_the_same_counts_give_the_same_table_and_the_checker_agrees(example):
    cells, min_count = example
    table = suppress_table(cells, min_count=min_count)

    assert suppress_table([tuple(row) for row in cells], min_count=min_count) == table
    assert is_safe(table, cells, min_count)


@moderately
@given(tables())
def test_a_series_is_its_one_row_table(example):
    cells, min_count = example
    values = [value for row in cells for value in row][:12]
    table = suppress_table([values], min_count=min_count)

    assert suppress_series(values, min_count=min_count) == SuppressedSeries(
        table.cells[0], table.total
    )
    assert table.row_totals[0] == table.total
