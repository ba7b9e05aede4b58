"""``qinglai parse``: the human view, the JSON view, the override and read errors."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from qinglai_rules.cli import main

from . import samples
from .helpers import SEED


def _run(*args: str):
    return CliRunner().invoke(main, ["parse", *args])


def test_parse_json_seed(tmp_path):
    path = tmp_path / "plan.txt"
    shutil.copy(SEED, path)
    result = _run(str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    keys = {"path", "sha256", "format", "encoding", "script", "warnings", "metadata", "pages", "clauses"}
    assert keys <= set(data)
    assert data["path"] == str(path)
    assert len(data["sha256"]) == 64
    assert data["script"] == "traditional"
    assert data["metadata"]["doc_type"] == "policy"
    assert data["pages"] == 1
    top = [c["label"] for c in data["clauses"] if c["parent"] is None]
    assert top == ["序言", "一、", "二、", "三、", "四、"]
    item = next(c for c in data["clauses"] if c["id"] == "o3.o2.o2.o1")
    assert item["path_list"] == ["三、", "（二）", "2.", "（1）"]
    assert item["path"] == "三、 › （二） › 2. › （1）"
    assert item["kind"] == "outline-4"
    assert item["page"] == 1 and item["pages"] == [1]
    assert item["parent"] == "o3.o2.o2"
    assert item["heading"] == "全面查找問題"
    assert item["text"].startswith("(1)全面查找問題。")  # the document's own characters
    assert item["end"] - item["start"] == len(item["text"])


def test_parse_human_view(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text(samples.POLICY, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "文号：哈政规〔2019〕3号" in out
    assert "发文机关：哈尔滨市人民政府" in out
    assert "日期：2019-03-05" in out
    lines = out.splitlines()
    chapter = next(line for line in lines if "第二章" in line)
    article = next(line for line in lines if line.strip().startswith("第三条"))
    item = next(line for line in lines if line.strip().startswith("（一）"))
    indent = [len(x) - len(x.lstrip()) for x in (chapter, article, item)]
    assert indent[0] < indent[1] < indent[2]
    assert "优惠政策" in chapter and "ch2" in chapter
    assert "对新引进的重点项目" in article and "[p1]" in article


def test_parse_doc_type_override(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(samples.MINUTES, encoding="utf-8")
    data = json.loads(_run(str(path), "--json", "--doc-type", "policy").output)
    assert data["metadata"]["doc_type"] == "policy"
    assert data["metadata"]["doc_type_overridden"] is True
    assert data["metadata"]["doc_type_reason"] == "用户指定"
    assert not any(c["kind"] == "minutes-item" for c in data["clauses"])
    bad = _run(str(path), "--doc-type", "memo")
    assert bad.exit_code == 2


def test_parse_missing_file_exits_2_naming_it(tmp_path):
    missing = tmp_path / "nowhere.pdf"
    result = _run(str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.output
