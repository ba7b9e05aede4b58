"""The ledger commands end to end: add, update, show, list, export, import (errors exit 1 with the cell)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from qinglai_rules.cli import main
from qinglai_rules.store import Store


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_ledger_commands(store: Store, tmp_path: Path) -> None:
    db = store.location
    code, out = _run("ledger", "add", "--db", db, "--by", "wang", "--unit-kind", "县区", "--region", "宾县",
                     "--title", "拖欠道路工程款", "--amount", "436万", "--deadline", "2019-06-30",
                     "--market-entity", "黑龙江路通市政工程有限公司")
    assert code == 0 and "已新增台账事项 1（附件1 政府及其部门失信违诺事项清单）" in out
    code, out = _run("ledger", "update", "1", "--db", db, "--by", "wang", "--status", "整改中",
                     "--written-agreement", "还款协议（2019年5月20日）", "--note", "县长办公会议定")
    assert code == 0 and "事项 1 已更新：written_agreement、status" in out
    code, out = _run("ledger", "update", "1", "--db", db, "--by", "wang", "--status", "整改中")
    assert code == 0 and "没有变化" in out
    code, out = _run("ledger", "update", "1", "--db", db, "--by", "author", "--status", "已整改")
    assert code == 1 and "无权修改台账" in out
    code, out = _run("ledger", "update", "1", "--db", db, "--by", "wang", "--deadline", "明年")
    assert code == 1 and "整改期限" in out
    code, out = _run("ledger", "show", "1", "--db", db, "--json")
    shown = json.loads(out)
    assert shown["amount"] == 4_360_000 and shown["status"] == "整改中"
    assert [h["field"] for h in shown["history"]][-2:] == ["written_agreement", "status"]
    assert shown["history"][-1]["note"] == "县长办公会议定"
    code, out = _run("ledger", "list", "--db", db, "--as-of", "2019-07-01", "--status", "逾期", "--json")
    assert [e["id"] for e in json.loads(out)] == [1]
    code, out = _run("ledger", "export", "--db", db, "--out", str(tmp_path), "--as-of", "2019-07-01")
    assert code == 0 and "附件1 1 项" in out
    path = tmp_path / "失信违诺事项清单-2019-07-01.xlsx"
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[2]}
    assert sheet.cell(3, headers["整改状态"]).value == "逾期"
    sheet.cell(3, headers["整改状态"], "已整改")
    sheet.cell(3, headers["涉及金额(元)"], "四百万")
    workbook.save(path)
    code, out = _run("ledger", "import", str(path), "--db", db, "--by", "wang")
    assert code == 1 and "第3行 N列「涉及金额(元)」" in out and "未导入任何改动" in out
    sheet.cell(3, headers["涉及金额(元)"], 4_360_000)
    workbook.save(path)
    code, out = _run("ledger", "import", str(path), "--db", db, "--by", "wang")
    assert code == 0 and "更新 1 项（1 处改动）" in out
    code, out = _run("ledger", "sync", "--db", db)
    assert code == 0 and "新建台账事项 0 项" in out
