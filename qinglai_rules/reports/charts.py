"""Bar charts as inline SVG, drawn in Python: the HTML report must work offline with no script library.

Labels are escaped here (the SVG is inserted into the page as markup). Text inherits the page's CJK
font stack, so no font is embedded.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 480
ROW = 26
BAR = 18
FONT = 13
MAX_LABEL_WIDTH = 200  # px; longer labels are shortened with … (the full label is in the tooltip)


def _display_width(text: str) -> float:
    """Approximate width in em: CJK and full-width characters are one em, others about half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def _shorten(text: str, max_em: float) -> str:
    if _display_width(text) <= max_em:
        return text
    while text and _display_width(text) > max_em - 1:
        text = text[:-1]
    return text + "…"


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, int]],
    *,
    color: str = "#2f6fb0",
    colors: dict[str, str] | None = None,
    keys: Sequence[str] | None = None,
) -> Markup:
    """A horizontal bar chart of ``rows`` (label, count); an empty chart says so in words.

    ``keys`` (parallel to ``rows``) choose a colour from ``colors`` per bar (e.g. per severity).
    """
    escaped_title = escape(title)
    if not rows:
        return Markup(
            f'<svg class="chart" role="img" aria-label="{escaped_title}" viewBox="0 0 {WIDTH} 40">'
            f'<text x="0" y="24" font-size="{FONT}" fill="#666">（无数据）</text></svg>'
        )
    labels = [_shorten(label, (MAX_LABEL_WIDTH - 12) / FONT) for label, _ in rows]
    label_width = max(60, int(max(_display_width(label) for label in labels) * FONT) + 12)
    peak = max(count for _, count in rows) or 1
    number_room = 8 + int(_display_width(str(peak)) * FONT) + 8
    span = WIDTH - label_width - number_room
    height = ROW * len(rows) + 6
    parts = [
        f'<svg class="chart" role="img" aria-label="{escaped_title}" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escaped_title}</title>",
    ]
    for index, ((label, count), short) in enumerate(zip(rows, labels, strict=True)):
        y = index * ROW + 4
        length = max(2, round(span * count / peak)) if count else 0
        key = keys[index] if keys else label
        fill = (colors or {}).get(key, color)
        middle = y + BAR / 2 + FONT * 0.35
        parts.append(
            f'<g><title>{escape(label)}：{count}</title>'
            f'<text x="{label_width - 8}" y="{middle:.1f}" font-size="{FONT}" text-anchor="end" '
            f'fill="#222">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{BAR}" rx="2" fill="{escape(fill)}"/>'
            f'<text x="{label_width + length + 6}" y="{middle:.1f}" font-size="{FONT}" fill="#222">{count}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
