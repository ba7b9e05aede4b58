"""The monthly progress report (月报: “每月15日前要将上月整治推进…等进展情况报送”) as DOCX and XLSX,
with the progress curve as SVG and PNG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from ..store.ledger import HistoryRow
from .book import LedgerEntry
from .chart import progress_png, progress_svg
from .progress import (
    DEFAULT_TARGETS,
    Counts,
    ProgressReport,
    Target,
    Timeline,
    month_end,
    monthly_series,
    progress,
    unit_of,
)

UNIT_HEADERS = ("单位", "事项数", "已整改", "整改中", "未整改", "逾期", "整改比例", "下一目标", "尚需整改")
OVERDUE_HEADERS = ("编号", "单位", "事项名称", "整改期限", "责任单位", "市场主体")
RECTIFIED_HEADERS = ("编号", "单位", "事项名称", "整改完成日期", "责任单位")


@dataclass
class MonthlyReport:
    month: str
    start: dt.date
    end: dt.date
    progress: ProgressReport
    new_entries: list[LedgerEntry]
    newly_rectified: list[tuple[LedgerEntry, dt.date, str]]
    series: list[tuple[str, Counts]]

    @property
    def title(self) -> str:
        return f"“清赖行动”专项整治工作进展月报（{self.start.year}年{self.start.month}月）"

    def summary(self) -> dict[str, Any]:
        c = self.progress.total.counts
        return {"事项总数": c.total, "已整改": c.rectified, "整改中": c.in_progress, "未整改": c.not_started,
                "逾期": c.overdue, "整改比例": f"{c.share:.1%}", "本月新增事项": len(self.new_entries),
                "本月新整改": len(self.newly_rectified)}

    def summary_text(self) -> list[str]:
        c = self.progress.total.counts
        end = f"{self.end.month}月{self.end.day}日"
        lines = [
            f"截至{self.end.year}年{end}，台账共有失信违诺事项{c.total}项，已整改{c.rectified}项，整改比例{c.share:.1%}；"
            f"整改中{c.in_progress}项，未整改{c.not_started}项，逾期未整改{c.overdue}项。",
            f"本月新列入台账{len(self.new_entries)}项，新完成整改{len(self.newly_rectified)}项。",
        ]
        for checkpoint in self.progress.total.checkpoints:
            if checkpoint.total == 0:
                continue
            verdict = "已达到" if checkpoint.met else "未达到"
            lines.append(f"目标“{checkpoint.target.label}”：截至{checkpoint.target.date.isoformat()}整改比例"
                         f"{checkpoint.share:.1%}，{verdict}目标。")
        target = self.progress.total.next_target
        if target is not None:
            lines.append(f"下一目标“{target.label}”：尚需再整改{self.progress.total.needed}项。")
        return lines


def build_monthly(entries: Iterable[LedgerEntry], history: Iterable[HistoryRow], month: str, by: str = "region",
                  targets: tuple[Target, ...] = DEFAULT_TARGETS) -> MonthlyReport:
    entries = list(entries)
    history = list(history)
    end = month_end(month)
    start = end.replace(day=1)
    report = progress(entries, history, end, by, targets)
    timeline = Timeline(history)
    new_entries = [e for e in entries if (created := timeline.created_on(e.id)) and start <= created <= end]
    rectified = []
    for entry in entries:
        day = timeline.rectified_between(entry.id, start, end)
        if day is not None:
            rectified.append((entry, day, unit_of(entry, by)))
    rectified.sort(key=lambda item: (item[1], item[0].id))
    return MonthlyReport(month=f"{end.year:04d}-{end.month:02d}", start=start, end=end, progress=report,
                         new_entries=new_entries, newly_rectified=rectified,
                         series=monthly_series(entries, history, end))


def _unit_rows(report: MonthlyReport) -> list[list[Any]]:
    rows = []
    for unit in [*report.progress.units, report.progress.total]:
        c = unit.counts
        target = unit.next_target.label if unit.next_target else "—"
        rows.append([unit.unit, c.total, c.rectified, c.in_progress, c.not_started, c.overdue, f"{c.share:.1%}",
                     target, unit.needed if unit.next_target else "—"])
    return rows


def _overdue_rows(report: MonthlyReport) -> list[list[Any]]:
    return [[e.id, unit, e.title, e.deadline or "", e.responsible_unit or "", e.market_entity or ""]
            for e, unit in report.progress.overdue]


def _rectified_rows(report: MonthlyReport) -> list[list[Any]]:
    return [[e.id, unit, e.title, day.isoformat(), e.responsible_unit or ""]
            for e, day, unit in report.newly_rectified]


def write_monthly(report: MonthlyReport, out_dir: Path) -> list[Path]:
    """清赖行动月报-YYYY-MM.docx / .xlsx and 整改进度-YYYY-MM.svg / .png in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = report.progress.targets
    png = progress_png(report.series, targets)
    svg_path = out_dir / f"整改进度-{report.month}.svg"
    svg_path.write_text(progress_svg(report.series, targets), encoding="utf-8")
    png_path = out_dir / f"整改进度-{report.month}.png"
    png_path.write_bytes(png)
    docx_path = out_dir / f"清赖行动月报-{report.month}.docx"
    _write_docx(report, png, docx_path)
    xlsx_path = out_dir / f"清赖行动月报-{report.month}.xlsx"
    _write_xlsx(report, png, xlsx_path)
    return [docx_path, xlsx_path, svg_path, png_path]


def _write_docx(report: MonthlyReport, png: bytes, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = document.add_heading(report.title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"统计期间：{report.start.year}年{report.start.month}月{report.start.day}日至"
                           f"{report.end.month}月{report.end.day}日（数据截至{report.end.isoformat()}，北京时间）")
    document.add_paragraph("报送要求：每月15日前将上月整治推进、监督问责等进展情况报送营商环境建设监督局。")
    document.add_heading("一、总体情况", level=1)
    for line in report.summary_text():
        document.add_paragraph(line)
    document.add_heading("二、分单位进展", level=1)
    _docx_table(document, UNIT_HEADERS, _unit_rows(report))
    document.add_heading("三、整改进度", level=1)
    document.add_picture(BytesIO(png), width=Cm(16))
    caption = document.add_paragraph("图：各月末整改完成比例（红色菱形为方案目标）")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("四、逾期未整改事项", level=1)
    if report.progress.overdue:
        _docx_table(document, OVERDUE_HEADERS, _overdue_rows(report))
    else:
        document.add_paragraph("无。")
    document.add_heading("五、本月新整改事项", level=1)
    if report.newly_rectified:
        _docx_table(document, RECTIFIED_HEADERS, _rectified_rows(report))
    else:
        document.add_paragraph("无。")
    document.save(path)


def _docx_table(document: Any, headers: tuple[str, ...], rows: list[list[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def _write_xlsx(report: MonthlyReport, png: bytes, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = "汇总"
    summary.append([report.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["统计期间", f"{report.start.isoformat()} 至 {report.end.isoformat()}"])
    for key, value in report.summary().items():
        summary.append([key, value])
    for line in report.summary_text():
        summary.append([line])
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 24
    for title, headers, rows in (
        ("分单位进展", UNIT_HEADERS, _unit_rows(report)),
        ("逾期事项", OVERDUE_HEADERS, _overdue_rows(report)),
        ("本月新整改", RECTIFIED_HEADERS, _rectified_rows(report)),
        ("月度趋势", ("月份", "事项数", "已整改", "整改比例"),
         [[month, c.total, c.rectified, round(c.share, 4)] for month, c in report.series]),
    ):
        sheet = workbook.create_sheet(title)
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for column in "ABCDEFGHI":
            sheet.column_dimensions[column].width = 16
    trend = workbook["月度趋势"]
    image = Image(BytesIO(png))
    trend.add_image(image, "F2")
    workbook.save(path)
