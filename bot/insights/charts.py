"""Charts for the insights page, drawn on the server as plain, accessible SVG.

Policy officers read the insights page on a laptop, on a phone and with a screen reader.
The console's Content-Security-Policy allows scripts and styles from this server only, and
we want neither a CDN nor a chart library to audit, so a chart is SVG text built here and
inserted by Jinja as ``Markup``. That is why:

- colours and fonts are presentation attributes, never ``style`` (``style-src 'self'``
  would block inline styles);
- the viewBox is 360 units wide, so one unit is one CSS pixel on a 360 px phone and the
  text grows with the page at 200% zoom (the page's stylesheet may cap the width via the
  ``chart`` class);
- the palette is Okabe-Ito (colour-blind safe) minus the colours below 3:1 on white, and
  series also differ by dash pattern and marker, or by texture in stacked bars;
- ``None`` means "fewer conversations than we may show" (privacy): a bar chart draws a
  hatched placeholder labelled with the caller's text, a line chart leaves a gap.

The figures themselves belong in a table next to the chart as well; the ``summary`` becomes
the chart's ``<desc>``. All wording comes from the caller (message catalogs); the defaults
here only exist so a forgotten argument still renders.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

__all__ = ["PALETTE", "bar_chart", "line_chart", "nice_ticks", "stacked_bar_chart"]

WIDTH = 360
FONT = 14
SMALL = 13
LINE = 18
PAD = 8
BAR = 20
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white, so also fine for small text
GRID = "#d9d9d9"
# Okabe-Ito without its orange, sky blue and yellow, which stay under 3:1 on white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4")
# Marker outlines relative to the point, and whether they are filled (a cross has no inside).
MARKERS = (
    ("m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0", True),
    ("m-3.2 -3.2h6.4v6.4h-6.4z", True),
    ("m0 -4.5l4 7h-8z", True),
    ("m0 -4.5l4.5 4.5l-4.5 4.5l-4.5 -4.5z", True),
    ("m-3.5 -3.5l7 7m0 -7l-7 7", False),
)
# (patternTransform, marks drawn in white over the series colour) per stacked series.
TEXTURES = (
    ("", ""),
    ("rotate(45)", '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="1.5"/>'),
    ("", '<circle cx="3" cy="3" r="1.2" fill="#fff"/>'),
    ("", '<line x1="0" y1="3" x2="6" y2="3" stroke="#fff" stroke-width="1.5"/>'),
    ("rotate(45)", '<path d="M0 0V6M0 3H6" stroke="#fff" stroke-width="1.2"/>'),
)
# Beyond this many points markers on every point turn a line into a smudge.
MARKER_POINTS = 24
PLACEHOLDER = 24

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}\Z")
# Characters XML 1.0 forbids even escaped; one stray byte must not break the whole page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def nice_ticks(maximum: float, *, target: int = 5) -> list[int]:
    """Round axis ticks from 0 to at least ``maximum``: at most ``target`` steps of 1, 2 or 5
    times a power of ten (37 gives 0, 10, 20, 30, 40)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    # Counts are whole: a step of 0.5 would put "2.5 conversations" on the axis.
    whole = max(1, math.ceil(step))
    return list(range(0, math.ceil(maximum / whole) * whole + 1, whole))


def bar_chart(
    chart_id: str,
    *,
    title: str,
    summary: str,
    labels: Sequence[str],
    values: Sequence[int | None],
    suppressed_label: str = "< 10",
    value_format: Callable[[float], str] = str,
    empty_label: str = "Geen gegevens",
) -> Markup:
    """Horizontal bars in the given order, each label on its own line above its bar so
    long Dutch words fit a phone; ``None`` is a hatched placeholder."""
    _series_shape([("values", values)], len(labels))
    known = _counts(values)
    if not known:
        return _empty(chart_id, "bar", title, summary, empty_label)
    texts = [suppressed_label if v is None else value_format(v) for v in values]
    gutter = max(
        _width(t) + (PLACEHOLDER + 4 if v is None else 0)
        for t, v in zip(texts, values, strict=True)
    )
    span = WIDTH - 2 * PAD - gutter - 6
    top = max(known) or 1
    body: list[str] = []
    y: float = PAD
    for label, value, text in zip(labels, values, texts, strict=True):
        y = _label_lines(body, label, y)
        if value is None:
            body += _placeholder(chart_id, PAD, y, text)
        else:
            length = max(1.0, value / top * span) if value else 0.0
            if length:
                body.append(_rect(PAD, y, length, BAR, PALETTE[0]))
            body.append(_text(PAD + length + 6, y + BAR / 2 + 5, text))
        body.append(_line(PAD, y, PAD, y + BAR, INK))
        y += BAR + 10
    return _svg(chart_id, "bar", title, summary, y, body)


def line_chart(
    chart_id: str,
    *,
    title: str,
    summary: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    suppressed_label: str = "< 10",
    value_format: Callable[[float], str] = str,
    empty_label: str = "Geen gegevens",
) -> Markup:
    """Lines over time with a legend, y ticks from 0 and thinned x labels; ``None`` leaves
    a gap, marked by a hatched strip on the x axis."""
    _series_shape(series, len(x_labels))
    known = _counts([v for _, values in series for v in values])
    if not x_labels or not known:
        return _empty(chart_id, "line", title, summary, empty_label)
    count = len(x_labels)
    suppressed = [any(values[i] is None for _, values in series) for i in range(count)]
    body: list[str] = []
    y: float = PAD
    for index, (name, _) in enumerate(series):
        mid = y + LINE / 2
        body.append(_stroke(f"M{_n(PAD)} {_n(mid)}H{_n(PAD + 28)}", index))
        body.append(_marker(index, PAD + 14, mid))
        y = _label_lines(body, name, y, indent=36, bottom=0)
    if any(suppressed):
        body.append(_rect(PAD, y + 4, 28, 10, f"url(#{chart_id}-hatch)", stroke=MUTED))
        y = _label_lines(body, suppressed_label, y, indent=36, bottom=0)

    ticks = nice_ticks(max(known))
    tick_texts = [value_format(t) for t in ticks]
    left = PAD + max(_width(t, SMALL) for t in tick_texts) + 6
    right = WIDTH - PAD
    plot_top, plot_bottom = y + 12, y + 12 + 180
    step_x = (right - left) / (count - 1) if count > 1 else 0.0

    def at(i: int) -> float:
        return left + i * step_x if count > 1 else (left + right) / 2

    def height(v: float) -> float:
        return plot_bottom - v / ticks[-1] * (plot_bottom - plot_top)

    for tick, text in zip(ticks, tick_texts, strict=True):
        body.append(_line(left, height(tick), right, height(tick), GRID))
        body.append(_text(left - 6, height(tick) + 4, text, anchor="end", size=SMALL))
    body.append(_line(left, plot_bottom, right, plot_bottom, INK))

    band = max(step_x, 4.0)
    for i in (i for i, s in enumerate(suppressed) if s):
        start, end = max(left, at(i) - band / 2), min(right, at(i) + band / 2)
        body.append(_rect(start, plot_bottom - 7, end - start, 7, f"url(#{chart_id}-hatch)"))

    label_width = max(_width(t, SMALL) for t in x_labels)
    fits = max(1, int((right - left + 12) // (label_width + 12)))
    for i in range(0, count, math.ceil(count / fits)):
        x = min(max(at(i), label_width / 2 + 2), WIDTH - label_width / 2 - 2)
        body.append(_line(at(i), plot_bottom, at(i), plot_bottom + 4, INK))
        body.append(_text(x, plot_bottom + 6 + SMALL, x_labels[i], anchor="middle", size=SMALL))

    for index, (_, values) in enumerate(series):
        path, pen_down = [], False
        for i, v in enumerate(values):
            if v is not None:
                path.append(f"{'L' if pen_down else 'M'}{_n(at(i))} {_n(height(v))}")
            pen_down = v is not None
        if path:
            body.append(_stroke("".join(path), index))
        for i, v in enumerate(values):
            alone = all(j < 0 or j >= count or values[j] is None for j in (i - 1, i + 1))
            if v is not None and (count <= MARKER_POINTS or alone):
                body.append(_marker(index, at(i), height(v)))
    return _svg(chart_id, "line", title, summary, plot_bottom + 6 + SMALL + PAD, body)


def stacked_bar_chart(
    chart_id: str,
    *,
    title: str,
    summary: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    suppressed_label: str = "< 10",
    share_format: Callable[[float], str] = lambda share: f"{round(share * 100)}%",
    empty_label: str = "Geen gegevens",
) -> Markup:
    """One full-width bar per label (a month, say) split into the series' shares, with a
    legend; each series has its own colour and texture.

    Shares are of the values that may be shown; a suppressed series is left out of its
    bar and named under it with ``suppressed_label``, a fully suppressed bar is a hatched
    placeholder."""
    _series_shape(series, len(labels))
    if not _counts([v for _, values in series for v in values]):
        return _empty(chart_id, "stacked", title, summary, empty_label)
    body: list[str] = []
    y: float = PAD
    for index, (name, _) in enumerate(series):
        body.append(_rect(PAD, y + 1, 16, 16, f"url(#{chart_id}-s{index})", stroke=INK))
        y = _label_lines(body, name, y, indent=24, bottom=0)
    y += 12
    span = WIDTH - 2 * PAD
    for row, label in enumerate(labels):
        y = _label_lines(body, label, y)
        values = [v[row] for _, v in series]
        total = sum(v for v in values if v is not None)
        if all(v is None for v in values):
            body += _placeholder(chart_id, PAD, y, suppressed_label)
        elif total == 0:
            body.append(_rect(PAD, y, span, BAR, "none", stroke=MUTED))
            body.append(_text(PAD + span / 2, y + BAR / 2 + 5, empty_label, anchor="middle"))
        else:
            before = 0
            for index, value in enumerate(values):
                if not value:
                    continue
                x, width = PAD + before / total * span, value / total * span
                body.append(_rect(x, y, width, BAR, f"url(#{chart_id}-s{index})", stroke="#fff"))
                text = share_format(value / total)
                box = _width(text, SMALL) + 6
                if width >= box + 4:
                    # A white box keeps the figure at full contrast over any colour or texture.
                    body.append(_rect(x + (width - box) / 2, y + 3, box, BAR - 6, "#fff"))
                    body.append(
                        _text(x + width / 2, y + BAR / 2 + 4, text, anchor="middle", size=SMALL)
                    )
                before += value
        y += BAR
        hidden = [name for (name, _), v in zip(series, values, strict=True) if v is None]
        if hidden and len(hidden) < len(values):
            body.append(_rect(PAD, y + 5, 12, 12, f"url(#{chart_id}-hatch)", stroke=MUTED))
            note = ", ".join(f"{name} {suppressed_label}" for name in hidden)
            y = _label_lines(body, note, y + 2, indent=18, bottom=0, fill=MUTED)
        y += 12
    textures = "".join(
        f'<pattern id="{chart_id}-s{i}" width="6" height="6" patternUnits="userSpaceOnUse"'
        + (f' patternTransform="{transform}"' if transform else "")
        + f'><rect width="6" height="6" fill="{PALETTE[i]}"/>{marks}</pattern>'
        for i, (transform, marks) in enumerate(TEXTURES[: len(series)])
    )
    return _svg(chart_id, "stacked", title, summary, y, body, textures)


def _svg(
    chart_id: str,
    kind: str,
    title: str,
    summary: str,
    height: float,
    body: list[str],
    defs: str = "",
) -> Markup:
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id must be a letter then letters, digits, - or _: {chart_id!r}")
    hatch = (
        f'<pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{MUTED}"'
        ' stroke-width="2"/></pattern>'
    )
    # Safe: every caller-given text went through _e; the rest is built here.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {_n(height)}"'
        f' width="100%" font-size="{FONT}" fill="{INK}">'
        f'<title id="{chart_id}-title">{_e(title)}</title>'
        f'<desc id="{chart_id}-desc">{_e(summary)}</desc>'
        f"<defs>{hatch}{defs}</defs>{''.join(body)}</svg>"
    )


def _empty(chart_id: str, kind: str, title: str, summary: str, empty_label: str) -> Markup:
    body = [_text(WIDTH / 2, 2 * LINE, empty_label, anchor="middle", fill=MUTED)]
    return _svg(chart_id, kind, title, summary, 3 * LINE, body)


def _label_lines(
    body: list[str],
    label: str,
    y: float,
    *,
    indent: float = 0,
    bottom: float = 2,
    fill: str = INK,
) -> float:
    """Write ``label`` wrapped to the chart's width from ``y``; return the y below it."""
    room = int((WIDTH - 2 * PAD - indent) // (FONT * 0.6))
    for line in textwrap.wrap(label, max(room, 4)) or [""]:
        body.append(_text(PAD + indent, y + FONT, line, fill=fill))
        y += LINE
    return y + bottom


def _placeholder(chart_id: str, x: float, y: float, text: str) -> list[str]:
    return [
        _rect(x, y, PLACEHOLDER, BAR, f"url(#{chart_id}-hatch)", stroke=MUTED),
        _text(x + PLACEHOLDER + 4, y + BAR / 2 + 5, text, fill=MUTED),
    ]


def _stroke(path: str, index: int) -> str:
    dash = f' stroke-dasharray="{DASHES[index]}"' if DASHES[index] else ""
    return (
        f'<path d="{path}" fill="none" stroke="{PALETTE[index]}" stroke-width="2.5"'
        f' stroke-linejoin="round"{dash}/>'
    )


def _marker(index: int, x: float, y: float) -> str:
    colour, (outline, filled) = PALETTE[index], MARKERS[index]
    paint = f'fill="{colour}"' if filled else f'fill="none" stroke="{colour}" stroke-width="2"'
    return f'<path d="M{_n(x)} {_n(y)}{outline}" {paint}/>'


def _rect(x: float, y: float, w: float, h: float, fill: str, *, stroke: str = "") -> str:
    edge = f' stroke="{stroke}"' if stroke else ""
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{edge}/>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}"/>'


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT,
    fill: str = INK,
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}"'
        f' text-anchor="{anchor}">{_e(text)}</text>'
    )


def _e(text: str) -> str:
    return str(escape(_NOT_XML.sub("", text)))


def _n(number: float) -> str:
    """Coordinates to one decimal: short, stable output whatever the float noise."""
    text = f"{number:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _width(text: str, size: int = FONT) -> float:
    # A generous average glyph width for sans-serif; we cannot measure text on the server.
    return len(text) * size * 0.6


def _counts(values: Sequence[int | None]) -> list[int]:
    known = [v for v in values if v is not None]
    if any(not math.isfinite(v) or v < 0 for v in known):
        raise ValueError("chart values are counts: finite and not negative")
    return known


def _series_shape(series: Sequence[tuple[str, Sequence[int | None]]], count: int) -> None:
    if len(series) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} series can be told apart")
    for name, values in series:
        if len(values) != count:
            raise ValueError(f"series {name!r} has {len(values)} values for {count} labels")
