"""The insights charts: well-formed, accessible SVG that keeps suppressed figures hidden."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup

from bot.insights.charts import PALETTE, bar_chart, line_chart, nice_ticks, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
WEEKS = [f"2026-W{week:02d}" for week in range(1, 54)]
ROUTES = ["Antwoord", "Verwijzing", "Crisis", "Anders"]


def bar(chart_id: str = "topics", **kwargs: object) -> Markup:
    arguments: dict[str, object] = {
        "title": "Onderwerpen",
        "summary": "Schulden en geld komt het vaakst voor.",
        "labels": ["Schulden en geld", "Wonen", "Jeugd"],
        "values": [37, None, 4],
    }
    return bar_chart(chart_id, **{**arguments, **kwargs})  # type: ignore[arg-type]


def line(chart_id: str = "weekly", **kwargs: object) -> Markup:
    arguments: dict[str, object] = {
        "title": "Gesprekken per week",
        "summary": "Het aantal gesprekken stijgt.",
        "x_labels": ["jan 2026", "feb 2026", "mrt 2026", "apr 2026"],
        "series": [("Gesprekken", [12, None, 30, 37]), ("Verwijzingen", [None, 11, 14, 20])],
    }
    return line_chart(chart_id, **{**arguments, **kwargs})  # type: ignore[arg-type]


def stacked(chart_id: str = "routes", **kwargs: object) -> Markup:
    arguments: dict[str, object] = {
        "title": "Routes per maand",
        "summary": "Meestal een antwoord.",
        "labels": ["jan 2026", "feb 2026", "mrt 2026"],
        "series": list(
            zip(
                ROUTES,
                [[300, 250, None], [120, 90, None], [None, 12, None], [40, 30, None]],
                strict=True,
            )
        ),
    }
    return stacked_bar_chart(chart_id, **{**arguments, **kwargs})  # type: ignore[arg-type]


CHARTS: list[Callable[..., Markup]] = [bar, line, stacked]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, under test)


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in parse(svg).iter(f"{SVG}text")]


def ids(svg: str) -> list[str]:
    return [e.attrib["id"] for e in parse(svg).iter() if "id" in e.attrib]


@pytest.mark.parametrize("chart", CHARTS)
def test_a_chart_is_well_formed_scalable_svg(chart: Callable[..., Markup]) -> None:
    svg = chart()
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["width"] == "100%"
    assert re.fullmatch(r"0 0 360 [\d.]+", root.attrib["viewBox"])


@pytest.mark.parametrize("chart", CHARTS)
def test_title_and_summary_name_the_chart_for_screen_readers(
    chart: Callable[..., Markup],
) -> None:
    root = parse(chart("c1", title="Titel", summary="Korte samenvatting"))
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "c1-title c1-desc"
    assert root.find(f"{SVG}title[@id='c1-title']").text == "Titel"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc[@id='c1-desc']").text == "Korte samenvatting"  # type: ignore[union-attr]


@pytest.mark.parametrize("chart", CHARTS)
def test_ids_are_unique_within_a_chart_and_between_two(chart: Callable[..., Markup]) -> None:
    first, second = ids(chart("first")), ids(chart("second"))
    assert len(set(first)) == len(first)
    assert not set(first) & set(second)
    # Every pattern a shape refers to is this chart's own.
    for reference in re.findall(r"url\(#([^)]+)\)", chart("first")):
        assert reference in first


@pytest.mark.parametrize("chart_id", ["", "1st", "a b", 'x"onload="y', "a" * 65])
def test_an_unusable_chart_id_is_refused(chart_id: str) -> None:
    with pytest.raises(ValueError, match="chart_id"):
        bar(chart_id)


def test_caller_text_is_escaped_everywhere() -> None:
    evil = '<script>alert("x")</script>'
    charts = [
        bar(title=evil, summary=evil, labels=[evil, "b", "c"], suppressed_label=evil),
        line(x_labels=[evil] * 4, series=[(evil, [1, None, 3, 4])], suppressed_label=evil),
        stacked(series=[(evil, [1, 2, 3]), ("b", [None, 1, 1])], suppressed_label=evil),
    ]
    for svg in charts:
        assert "<script" not in svg
        root = parse(svg)
        assert evil in [e.text for e in root.iter()]


def test_characters_xml_cannot_hold_are_dropped() -> None:
    svg = bar(labels=["Wonen\x00\x1b", "b", "c"])
    assert "Wonen" in texts(svg)


def test_jinja_inserts_the_chart_as_markup() -> None:
    page = Environment(autoescape=True).from_string("<div>{{ chart }}</div>")
    assert page.render(chart=bar()).startswith("<div><svg ")


def test_no_inline_style_or_script_that_the_csp_would_block() -> None:
    for svg in (bar(), line(), stacked()):
        assert "style" not in svg
        assert "script" not in svg


def test_a_suppressed_bar_is_a_hatched_placeholder_with_the_callers_label() -> None:
    root = parse(bar(values=[37, None, 4], suppressed_label="< 10"))
    hatched = [r for r in root.iter(f"{SVG}rect") if r.attrib["fill"] == "url(#topics-hatch)"]
    assert len(hatched) == 1
    assert "< 10" in texts(bar())
    assert [t for t in texts(bar()) if t.isdigit()] == ["37", "4"]


def test_bars_follow_the_given_order_and_scale_to_the_largest() -> None:
    root = parse(bar(labels=["a", "b", "c"], values=[10, 40, 20]))
    bars = [r for r in root.iter(f"{SVG}rect") if r.attrib["fill"] == PALETTE[0]]
    widths = [float(r.attrib["width"]) for r in bars]
    assert widths[1] == max(widths)
    assert widths[0] == pytest.approx(widths[1] / 4, abs=0.1)
    assert [float(r.attrib["y"]) for r in bars] == sorted(float(r.attrib["y"]) for r in bars)


def test_values_are_shown_in_the_callers_format() -> None:
    svg = bar(values=[1234, None, 5], value_format=lambda v: f"{v:,.0f}".replace(",", "."))
    assert "1.234" in texts(svg)


def test_long_labels_wrap_inside_the_chart() -> None:
    label = "Zorg en ondersteuning thuis voor mensen met een beperking of ouderdom"
    shown = texts(bar(labels=[label, "Wonen", "Jeugd"]))
    lines = shown[: shown.index("37")]
    assert len(lines) > 1
    assert " ".join(lines) == label
    assert all(len(text) * 14 * 0.6 <= 360 - 16 for text in lines)


def test_a_line_breaks_at_a_suppressed_value() -> None:
    root = parse(
        line(series=[("Gesprekken", [12, 20, None, 30, 37])], x_labels=["a", "b", "c", "d", "e"])
    )
    lines = [p.attrib["d"] for p in root.iter(f"{SVG}path") if p.attrib.get("fill") == "none"]
    series_path = max(lines, key=len)
    assert series_path.count("M") == 2
    assert any(r.attrib["fill"] == "url(#weekly-hatch)" for r in root.iter(f"{SVG}rect"))


def test_a_lone_value_between_gaps_still_shows_as_a_marker() -> None:
    svg = line(x_labels=WEEKS, series=[("a", [None] * 10 + [7] + [None] * 42)])
    markers = [p for p in parse(svg).iter(f"{SVG}path") if p.attrib.get("fill") == PALETTE[0]]
    assert len(markers) == 2  # the legend's and the lone point's


def test_series_differ_by_dash_and_marker_not_colour_alone() -> None:
    series = [(name, [1, 2, 3, 4]) for name in ROUTES]
    root = parse(line(series=series))
    strokes = [p for p in root.iter(f"{SVG}path") if p.attrib.get("stroke") in PALETTE]
    dashes = {p.attrib["stroke"]: p.attrib.get("stroke-dasharray", "") for p in strokes}
    assert len(set(dashes.values())) == len(series)
    assert [t for t in texts(line(series=series)) if t in ROUTES] == ROUTES


def test_a_stacked_bar_shows_shares_and_names_what_is_suppressed() -> None:
    shown = texts(stacked())
    assert "65%" in shown  # 300 of the 460 that may be shown in January
    assert "Crisis < 10" in shown
    # March is suppressed altogether: a placeholder, not a bar of shares.
    assert "< 10" in shown
    root = parse(stacked())
    textures = {r.attrib["fill"] for r in root.iter(f"{SVG}rect")}
    assert {f"url(#routes-s{i})" for i in range(4)} <= textures


def test_the_share_format_is_the_callers() -> None:
    svg = stacked(share_format=lambda share: f"{share * 100:.1f} %".replace(".", ","))
    assert "65,2 %" in texts(svg)


@pytest.mark.parametrize(
    ("chart", "data"),
    [
        (bar, {"labels": [], "values": []}),
        (bar, {"labels": ["a", "b"], "values": [None, None]}),
        (line, {"x_labels": [], "series": []}),
        (line, {"x_labels": ["a"], "series": []}),
        (line, {"x_labels": ["a", "b"], "series": [("a", [None, None]), ("b", [None, None])]}),
        (stacked, {"labels": [], "series": []}),
        (stacked, {"labels": ["a"], "series": [("a", [None]), ("b", [None])]}),
    ],
)
def test_no_data_is_a_valid_chart_saying_so(
    chart: Callable[..., Markup], data: dict[str, object]
) -> None:
    svg = chart(empty_label="Nog niets te zien", **data)
    assert texts(svg) == ["Nog niets te zien"]
    assert parse(svg).find(f"{SVG}title") is not None


def test_mismatched_lengths_and_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="3 labels"):
        bar(values=[1, 2])
    with pytest.raises(ValueError, match="Gesprekken"):
        line(series=[("Gesprekken", [1])])
    with pytest.raises(ValueError, match="not negative"):
        bar(values=[1, -2, 3])
    with pytest.raises(ValueError, match="at most"):
        line(series=[(str(i), [1, 2, 3, 4]) for i in range(len(PALETTE) + 1)])


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (37, [0, 10, 20, 30, 40]),
        (40, [0, 10, 20, 30, 40]),
        (100, [0, 20, 40, 60, 80, 100]),
        (1234, [0, 500, 1000, 1500]),
        (3, [0, 1, 2, 3]),
        (1, [0, 1]),
        (0, [0, 1]),
    ],
)
def test_nice_ticks(maximum: int, ticks: list[int]) -> None:
    assert nice_ticks(maximum) == ticks


@given(st.integers(min_value=0, max_value=10**12))
def test_nice_ticks_are_few_round_and_cover_the_maximum(maximum: int) -> None:
    ticks = nice_ticks(maximum)
    step = ticks[1]
    assert ticks[0] == 0
    assert ticks[-1] >= maximum
    assert len(ticks) <= 6
    assert ticks == list(range(0, ticks[-1] + 1, step))
    assert re.fullmatch(r"[125]0*", str(step))


def test_the_y_axis_starts_at_zero_with_round_ticks() -> None:
    shown = texts(line())
    assert [t for t in shown if t.isdigit()] == ["0", "10", "20", "30", "40"]


def test_many_x_labels_are_thinned_but_the_first_stays() -> None:
    svg = line(x_labels=WEEKS, series=[("Gesprekken", list(range(53)))])
    shown = [t for t in texts(svg) if t.startswith("2026-W")]
    assert 2 <= len(shown) <= 8
    assert shown[0] == "2026-W01"
    assert len(texts(line())) > 0
    assert [t for t in texts(line()) if t.endswith("2026")] == [
        "jan 2026",
        "feb 2026",
        "mrt 2026",
        "apr 2026",
    ]


def test_the_palette_keeps_three_to_one_against_white() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for colour in PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 3


@pytest.mark.parametrize("chart", CHARTS)
def test_output_is_deterministic(chart: Callable[..., Markup]) -> None:
    assert chart() == chart()


counts = st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(counts)
def test_any_counts_give_well_formed_svg_without_nan_or_none(values: list[int | None]) -> None:
    labels = [f"week {i}" for i in range(len(values))]
    for svg in (
        bar(labels=labels, values=values),
        line(x_labels=labels, series=[("a", values), ("b", values[::-1])]),
        stacked(labels=labels, series=[("a", values), ("b", values[::-1])]),
    ):
        parse(svg)
        assert "None" not in svg
        assert not re.search(r"nan|inf", svg, re.IGNORECASE)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_any_text_gives_well_formed_svg(title: str, labels: list[str]) -> None:
    values = list(range(len(labels)))
    parse(bar(title=title, summary=title, labels=labels, values=values, suppressed_label=title))
    parse(line(title=title, x_labels=labels, series=[(title, values)]))
    parse(stacked(summary=title, labels=labels, series=[(title, values), ("b", values)]))
