"""The store commands through click: findings, rules stats, users."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_builders import BRANCH_RULE, POLICY_V1, TAX_RULE, by_rule, make_document, ok, run_info

from qinglai_rules.cli import main
from qinglai_rules.store import open_store


@pytest.fixture
def cli_db(db_path: Path) -> str:
    """A store with one reviewed policy (two pending findings), reviewer wang and rule author zhou."""
    runner = CliRunner()
    for name, role in (("wang", "reviewer"), ("zhou", "rule_author")):
        result = runner.invoke(
            main,
            ["users", "add", name, "--role", role, "--db", str(db_path), "--password-stdin"],
            input="a-long-password\n",
        )
        assert result.exit_code == 0, result.output
    store = open_store(str(db_path))
    run = store.begin_run(run_info("policy.txt"))
    store.record_document(run, ok(make_document(POLICY_V1, "policy.txt")))
    store.finish_run(run)
    store.close()
    return str(db_path)


def _ids(db: str) -> dict[str, int]:
    with open_store(db) as store:
        return {rule: row.id for rule, row in by_rule(store.list_findings()).items()}


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input)


def test_users_add_prompts_without_echo_and_lists(db_path: Path) -> None:
    result = _run(
        "users",
        "add",
        "li",
        "--role",
        "reviewer",
        "--display-name",
        "李审",
        "--db",
        str(db_path),
        input="s3cret-pass\ns3cret-pass\n",
    )
    assert result.exit_code == 0, result.output
    assert "s3cret-pass" not in result.output
    with open_store(str(db_path)) as store:
        assert store.verify_password("li", "s3cret-pass")
    listed = _run("users", "list", "--db", str(db_path))
    assert listed.exit_code == 0 and "李审" in listed.output and "reviewer" in listed.output
    bad = _run(
        "users",
        "add",
        "li",
        "--role",
        "reviewer",
        "--db",
        str(db_path),
        "--password-stdin",
        input="another-pass\n",
    )
    assert bad.exit_code == 1 and "已存在" in bad.output


def test_findings_list_table_json_and_filters(cli_db: str) -> None:
    ids = _ids(cli_db)
    table = _run("findings", "list", "--db", cli_db)
    assert table.exit_code == 0, table.output
    assert str(ids[TAX_RULE]) in table.output and "待审" in table.output and "tax-rebate" in table.output
    assert "共 2 条" in table.output
    data = json.loads(_run("findings", "list", "--db", cli_db, "--json").output)
    assert data["total"] == 2 and data["by_status"]["pending"] == 2
    first = data["findings"][0]
    assert {"rule_id", "clause", "evidence", "law", "status", "fingerprint"} <= set(first)
    assert set(first["clause"]) >= {"id", "label", "path", "page", "text"}
    only = json.loads(
        _run("findings", "list", "--db", cli_db, "--json", "--family", "local-protection").output
    )
    assert [f["id"] for f in only["findings"]] == [ids[BRANCH_RULE]]
    none = json.loads(_run("findings", "list", "--db", cli_db, "--json", "--status", "confirmed").output)
    assert none["findings"] == []


def test_findings_show(cli_db: str) -> None:
    tax = _ids(cli_db)[TAX_RULE]
    shown = _run("findings", "show", str(tax), "--db", cli_db)
    assert shown.exit_code == 0, shown.output
    assert "给予返还" in shown.output and "优化营商环境条例" in shown.output and "第二条" in shown.output
    missing = _run("findings", "show", "999", "--db", cli_db)
    assert missing.exit_code == 1 and "999" in missing.output


def test_confirm_dismiss_amend_and_history(cli_db: str) -> None:
    ids = _ids(cli_db)
    done = _run(
        "findings",
        "confirm",
        str(ids[TAX_RULE]),
        "--reason",
        "违反税收法定",
        "--reviewer",
        "wang",
        "--db",
        cli_db,
    )
    assert done.exit_code == 0, done.output
    assert "已确认" in done.output
    dismissed = _run(
        "findings",
        "dismiss",
        str(ids[BRANCH_RULE]),
        "--reason",
        "示范文本",
        "--reviewer",
        "wang",
        "--db",
        cli_db,
    )
    assert dismissed.exit_code == 0, dismissed.output
    amended = _run(
        "findings",
        "amend",
        str(ids[TAX_RULE]),
        "--family",
        "payment-default",
        "--severity",
        "高风险",
        "--reason",
        "实为拖欠",
        "--reviewer",
        "wang",
        "--db",
        cli_db,
    )
    assert amended.exit_code == 0, amended.output
    data = json.loads(_run("findings", "show", str(ids[TAX_RULE]), "--db", cli_db, "--json").output)
    assert (data["status"], data["family"], data["severity"]) == ("confirmed", "payment-default", "高风险")
    assert [d["action"] for d in data["history"]] == ["confirm", "amend"]
    listed = json.loads(_run("findings", "list", "--db", cli_db, "--json", "--status", "dismissed").output)
    assert [f["id"] for f in listed["findings"]] == [ids[BRANCH_RULE]]


def test_refusals_exit_with_status_1_and_a_message(cli_db: str) -> None:
    tax = str(_ids(cli_db)[TAX_RULE])
    author = _run("findings", "confirm", tax, "--reason", "我觉得对", "--reviewer", "zhou", "--db", cli_db)
    assert author.exit_code == 1 and "无权" in author.output
    unknown = _run("findings", "confirm", tax, "--reason", "x", "--reviewer", "ghost", "--db", cli_db)
    assert unknown.exit_code == 1 and "ghost" in unknown.output
    blank = _run("findings", "dismiss", tax, "--reason", "  ", "--reviewer", "wang", "--db", cli_db)
    assert blank.exit_code == 1 and "理由" in blank.output
    nothing = _run("findings", "amend", tax, "--reason", "x", "--reviewer", "wang", "--db", cli_db)
    assert nothing.exit_code == 1 and "amend 需要" in nothing.output
    assert (
        _run("findings", "confirm", tax, "--reviewer", "wang", "--db", cli_db).exit_code == 2
    )  # no --reason
    first = _run(
        "findings", "confirm", tax, "--reason", "确认", "--reviewer", "wang", "--expect", "0", "--db", cli_db
    )
    assert first.exit_code == 0
    stale = _run(
        "findings", "dismiss", tax, "--reason", "驳回", "--reviewer", "wang", "--expect", "0", "--db", cli_db
    )
    assert stale.exit_code == 1 and "已被" in stale.output and "wang" in stale.output
    with open_store(cli_db) as store:
        assert [d.action for d in store.history(int(tax))] == ["confirm"]


def test_commands_on_a_missing_database_do_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite"
    result = _run("findings", "list", "--db", str(path))
    assert result.exit_code == 1 and "找不到数据库文件" in result.output
    assert not path.exists()


def test_rules_stats(cli_db: str) -> None:
    ids = _ids(cli_db)
    _run(
        "findings",
        "dismiss",
        str(ids[BRANCH_RULE]),
        "--reason",
        "示范文本",
        "--reviewer",
        "wang",
        "--db",
        cli_db,
    )
    _run("findings", "confirm", str(ids[TAX_RULE]), "--reason", "确认", "--reviewer", "wang", "--db", cli_db)
    table = _run("rules", "stats", "--db", cli_db)
    assert table.exit_code == 0, table.output
    assert table.output.index("local-protection") < table.output.index("tax-rebate")  # noisy first
    assert "示范文本" in table.output and "0%" in table.output
    data = json.loads(_run("rules", "stats", "--db", cli_db, "--json").output)
    assert [(s["rule_id"], s["precision"]) for s in data] == [(BRANCH_RULE, 0.0), (TAX_RULE, 1.0)]


def test_text_with_brackets_is_shown_literally(db_path: Path) -> None:
    store = open_store(str(db_path))
    document = make_document(
        POLICY_V1, "draft.txt", title="招商引资办法[bold]（试行）[/bold]", doc_number="[2019]"
    )
    run = store.begin_run(run_info("draft.txt"))
    store.record_document(run, ok(document))
    finding = store.list_findings()[0].id
    store.close()
    listed = _run("findings", "list", "--db", str(db_path))
    assert "[bold]（试行）" in listed.output
    shown = _run("findings", "show", str(finding), "--db", str(db_path))
    assert "招商引资办法[bold]（试行）[/bold]" in shown.output
