"""Progress against the targets as of a date, replayed from the history; the monthly report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from qinglai_rules.cli import main
from qinglai_rules.ledger.book import Ledger
from qinglai_rules.ledger.monthly import build_monthly, write_monthly
from qinglai_rules.ledger.progress import Target, month_end, monthly_series, parse_target, progress


@pytest.fixture
def campaign(ledger: Ledger, clock) -> Ledger:  # type: ignore[no-untyped-def]
    """Six items; what happened to them between May 2019 and March 2020 (Beijing dates)."""
    def add(region: str, title: str, deadline: str | None, department: str) -> int:
        values = {"unit_kind": "县区", "region": region, "title": title, "department": department}
        if deadline:
            values["deadline"] = deadline
        return ledger.add(values, by="wang").id

    clock.set("2019-05-06")
    a = add("宾县", "A 暂缓兑现扶持资金", "2019-10-31", "宾县工信局")
    b = add("宾县", "B 拖欠道路工程款", "2020-06-30", "宾县财政局")
    c = add("宾县", "C 拒不履行判决", None, "宾县住建局")
    d = add("宁安市", "D 进厂道路不再修建", "2019-09-30", "宁安市交通运输局")
    e = add("宁安市", "E 税收返还条款", "2020-12-31", "宁安市商务局")
    clock.set("2019-08-15")
    ledger.update(a, {"status": "整改中"}, by="wang")
    clock.set("2019-10-20")
    ledger.update(a, {"status": "已整改"}, by="wang")
    ledger.update(d, {"status": "整改中"}, by="wang")
    clock.set("2019-11-05")
    ledger.update(b, {"status": "已整改"}, by="wang")
    clock.set("2019-11-20")
    add("宁安市", "F 新官不理旧账", "2019-12-15", "宁安市工信局")
    clock.set("2020-03-10")
    ledger.update(d, {"status": "已整改"}, by="wang")
    ledger.update(c, {"status": "已整改"}, by="wang")
    assert e == 5
    return ledger


def _units(report) -> dict:  # type: ignore[no-untyped-def]
    return {u.unit: u for u in [*report.units, report.total]}


def test_progress_at_the_end_of_2019(campaign: Ledger) -> None:
    report = progress(campaign.entries(), campaign.history(), dt.date(2019, 12, 31))
    units = _units(report)
    binxian, ningan, total = units["宾县"], units["宁安市"], units["合计"]
    assert (binxian.counts.total, binxian.counts.rectified, binxian.counts.not_started) == (3, 2, 1)
    assert binxian.checkpoints[0].met and round(binxian.checkpoints[0].share, 3) == 0.667
    assert (ningan.counts.rectified, ningan.counts.overdue, ningan.counts.not_started) == (0, 2, 1)  # D and F late
    assert not ningan.checkpoints[0].met
    assert (total.counts.total, total.counts.rectified) == (6, 2)
    assert [(p.target.share, p.met) for p in total.checkpoints] == [(0.5, False)]  # 33% < 50% by 2019-12-31
    assert total.next_target == Target(dt.date(2020, 12, 31), 1.0) and total.needed == 4
    assert [e.title[0] for e, _ in report.overdue] == ["D", "F"]


def test_progress_before_and_after(campaign: Ledger) -> None:
    early = _units(progress(campaign.entries(), campaign.history(), dt.date(2019, 6, 30)))["合计"]
    assert early.counts.total == 5  # F entered the ledger in November
    assert early.checkpoints == [] and early.next_target.share == 0.5 and early.needed == 3
    late = progress(campaign.entries(), campaign.history(), dt.date(2020, 12, 31))
    total = _units(late)["合计"]
    assert (total.counts.rectified, total.counts.overdue) == (4, 1)  # E due that very day is not late yet
    assert [(p.target.date.year, round(p.share, 3), p.met) for p in total.checkpoints] == [
        (2019, 0.333, False), (2020, 0.667, False)]
    assert _units(late)["宾县"].counts.share == 1.0


def test_progress_by_department_and_custom_targets(campaign: Ledger) -> None:
    targets = (parse_target("2019-11-30:30%"), parse_target("2020-03-31=100"))
    report = progress(campaign.entries(), campaign.history(), dt.date(2019, 11, 30), by="department",
                      targets=targets)
    units = _units(report)
    assert set(units) == {"宾县工信局", "宾县财政局", "宾县住建局", "宁安市交通运输局", "宁安市商务局", "宁安市工信局",
                          "合计"}
    assert units["合计"].checkpoints[0].met  # 2/6 = 33% ≥ 30% on 2019-11-30
    assert units["合计"].needed == 4
    with pytest.raises(ValueError, match="YYYY-MM"):
        month_end("2019-13")
    with pytest.raises(ValueError):
        parse_target("by the end of the year")


def test_monthly_series_replays_each_month(campaign: Ledger) -> None:
    series = monthly_series(campaign.entries(), campaign.history(), dt.date(2019, 11, 30))
    assert [m for m, _ in series] == ["2019-05", "2019-06", "2019-07", "2019-08", "2019-09", "2019-10", "2019-11"]
    assert [(c.total, c.rectified) for _, c in series] == [(5, 0)] * 5 + [(5, 1), (6, 2)]


def test_monthly_report_docx_xlsx_and_chart(campaign: Ledger, tmp_path: Path) -> None:
    report = build_monthly(campaign.entries(), campaign.history(), "2019-11")
    assert [e.title[0] for e in report.new_entries] == ["F"]
    assert [(e.title[0], day.isoformat()) for e, day, _ in report.newly_rectified] == [("B", "2019-11-05")]
    paths = write_monthly(report, tmp_path)
    assert [p.name for p in paths] == ["清赖行动月报-2019-11.docx", "清赖行动月报-2019-11.xlsx",
                                       "整改进度-2019-11.svg", "整改进度-2019-11.png"]
    docx = Document(str(paths[0]))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "“清赖行动”专项整治工作进展月报（2019年11月）" in text
    assert "统计期间：2019年11月1日至11月30日" in text
    assert "台账共有失信违诺事项6项，已整改2项，整改比例33.3%；整改中0项，未整改3项，逾期未整改1项。" in text
    assert "本月新列入台账1项，新完成整改1项。" in text
    assert "下一目标“2019-12-31 前 ≥50%”：尚需再整改1项。" in text
    units, overdue, rectified = docx.tables
    assert [[c.text for c in row.cells] for row in units.rows][1:] == [
        ["宁安市", "3", "0", "0", "2", "1", "0.0%", "2019-12-31 前 ≥50%", "2"],
        ["宾县", "3", "2", "0", "1", "0", "66.7%", "2019-12-31 前 ≥50%", "0"],
        ["合计", "6", "2", "0", "3", "1", "33.3%", "2019-12-31 前 ≥50%", "1"],
    ]
    assert overdue.rows[1].cells[2].text == "D 进厂道路不再修建"
    assert rectified.rows[1].cells[2].text == "B 拖欠道路工程款" and rectified.rows[1].cells[3].text == "2019-11-05"
    assert len(docx.inline_shapes) == 1  # the progress chart
    workbook = load_workbook(paths[1])
    summary = {row[0]: row[1] for row in workbook["汇总"].iter_rows(min_row=3, values_only=True) if row[1] is not None}
    assert (summary["事项总数"], summary["已整改"], summary["逾期"], summary["整改比例"]) == (6, 2, 1, "33.3%")
    assert summary["本月新整改"] == 1 and summary["本月新增事项"] == 1
    assert workbook["逾期事项"]["C2"].value == "D 进厂道路不再修建"
    trend = workbook["月度趋势"]
    assert trend.max_row == 8 and trend["D8"].value == round(2 / 6, 4) and len(trend._images) == 1
    svg = paths[2].read_text(encoding="utf-8")
    assert svg.count("<circle") == 7 and "整改完成比例" in svg
    with Image.open(paths[3]) as image:
        assert image.size == (760, 360)


def test_progress_and_monthly_commands(campaign: Ledger, tmp_path: Path) -> None:
    db = campaign.store.location
    runner = CliRunner()
    result = runner.invoke(main, ["ledger", "progress", "--db", db, "--as-of", "2019-12-31", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["total"]["rectified"] == 2 and payload["total"]["checkpoints"][0]["met"] is False
    assert [o["title"][0] for o in payload["overdue"]] == ["D", "F"]
    table = runner.invoke(main, ["ledger", "progress", "--db", db, "--as-of", "2019-12-31"])
    assert "33.3%" in table.output and "未达标" in table.output
    bad = runner.invoke(main, ["ledger", "progress", "--db", db, "--target", "soon"])
    assert bad.exit_code != 0 and "2019-12-31:50%" in bad.output
    monthly = runner.invoke(main, ["ledger", "monthly", "--db", db, "--month", "2019-11", "--out", str(tmp_path)])
    assert monthly.exit_code == 0, monthly.output
    assert (tmp_path / "清赖行动月报-2019-11.docx").is_file()
