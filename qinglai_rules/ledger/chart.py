"""The progress curve (share rectified by month, with the plan's targets), drawn by hand.

SVG for HTML reports; PNG (Pillow, already present through reportlab/openpyxl) for DOCX and XLSX.
matplotlib would add tens of megabytes for one line chart. The PNG carries only ASCII labels (months,
percentages) so it needs no CJK font; the Chinese caption is written next to it in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from .progress import Counts, Target

WIDTH, HEIGHT = 760, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 36, 52
LINE = "#1f5fa8"
TARGET = "#c0392b"
GRID = "#dddddd"


@dataclass
class _Geometry:
    months: list[str]

    def x(self, index: float) -> float:
        span = max(len(self.months) - 1, 1)
        return LEFT + (WIDTH - LEFT - RIGHT) * (index / span if len(self.months) > 1 else 0.5)

    @staticmethod
    def y(share: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)

    def label_every(self) -> int:
        return max(1, (len(self.months) + 11) // 12)

    def labelled(self) -> list[int]:
        """Month indexes that get a label: every n-th, and the last one when it does not crowd its neighbour."""
        every = self.label_every()
        indexes = list(range(0, len(self.months), every))
        last = len(self.months) - 1
        if last >= 0 and last not in indexes:
            if indexes and last - indexes[-1] < every:
                indexes[-1] = last
            else:
                indexes.append(last)
        return indexes

    @staticmethod
    def label_left(x: float) -> bool:
        return x > WIDTH - RIGHT - 90


def _target_points(geometry: _Geometry, targets: tuple[Target, ...]) -> list[tuple[float, float, Target]]:
    points = []
    for target in targets:
        month = f"{target.date.year:04d}-{target.date.month:02d}"
        if month in geometry.months:
            points.append((geometry.x(geometry.months.index(month)), geometry.y(target.share), target))
    return points


def progress_svg(series: list[tuple[str, Counts]], targets: tuple[Target, ...],
                 title: str = "整改完成比例（按月）") -> str:
    geometry = _Geometry([month for month, _ in series])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
             f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>']
    for step in range(5):
        share = step / 4
        y = geometry.y(share)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{share:.0%}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="black"/>')
    parts.append(f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
                 'stroke="black"/>')
    for index in geometry.labelled():
        x = geometry.x(index)
        month = geometry.months[index]
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{month}</text>')
    for x, y, target in _target_points(geometry, targets):
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{TARGET}" '
                     'stroke-dasharray="4 3"/>')
        parts.append(f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} '
                     f'L{x - 6:.1f},{y:.1f} Z" fill="{TARGET}"><title>{escape(target.label)}</title></path>')
        anchor, dx = ("end", -10) if geometry.label_left(x) else ("start", 8)
        parts.append(f'<text x="{x + dx:.1f}" y="{y - 8:.1f}" fill="{TARGET}" text-anchor="{anchor}">'
                     f'目标 {target.share:.0%}</text>')
    points = [(geometry.x(i), geometry.y(counts.share)) for i, (_, counts) in enumerate(series)]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for (x, y), (month, counts) in zip(points, series, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}"><title>{month}：'
                     f'{counts.rectified}/{counts.total} 已整改（{counts.share:.0%}）</title></circle>')
    if points:
        x, y = points[-1]
        parts.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" fill="{LINE}">'
                     f'{series[-1][1].share:.0%}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def progress_png(series: list[tuple[str, Counts]], targets: tuple[Target, ...]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    geometry = _Geometry([month for month, _ in series])
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=12)
    for step in range(5):
        share = step / 4
        y = geometry.y(share)
        draw.line([(LEFT, y), (WIDTH - RIGHT, y)], fill=GRID)
        draw.text((LEFT - 6, y), f"{share:.0%}", fill="black", font=font, anchor="rm")
    draw.line([(LEFT, TOP), (LEFT, HEIGHT - BOTTOM)], fill="black")
    draw.line([(LEFT, HEIGHT - BOTTOM), (WIDTH - RIGHT, HEIGHT - BOTTOM)], fill="black")
    for index in geometry.labelled():
        draw.text((geometry.x(index), HEIGHT - BOTTOM + 12), geometry.months[index], fill="black", font=font,
                  anchor="mt")
    for x, y, target in _target_points(geometry, targets):
        for start in range(int(LEFT), int(x), 8):
            draw.line([(start, y), (min(start + 4, x), y)], fill=TARGET)
        draw.polygon([(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)], fill=TARGET)
        if geometry.label_left(x):
            draw.text((x - 10, y - 8), f"target {target.share:.0%}", fill=TARGET, font=font, anchor="rs")
        else:
            draw.text((x + 8, y - 8), f"target {target.share:.0%}", fill=TARGET, font=font, anchor="ls")
    points = [(geometry.x(i), geometry.y(counts.share)) for i, (_, counts) in enumerate(series)]
    if len(points) > 1:
        draw.line(points, fill=LINE, width=2)
    for x, y in points:
        draw.ellipse([(x - 3.5, y - 3.5), (x + 3.5, y + 3.5)], fill=LINE)
    if points:
        x, y = points[-1]
        draw.text((x, y - 10), f"{series[-1][1].share:.0%}", fill=LINE, font=font, anchor="ms")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
