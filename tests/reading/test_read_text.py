"""Text reading: encodings (GB18030, UTF-8 BOM, UTF-16, Big5), short texts, undecodable bytes, newlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglai_rules.errors import ReadError
from qinglai_rules.reading import read
from qinglai_rules.reading.encoding import decode_bytes
from qinglai_rules.synth.source import parse_source

from ._helpers import DATA, block_texts, expected_lines, source_text

MINUTES = source_text("minutes_text.txt")


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("gb18030", "gb18030"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),
        ("utf-8", "utf-8"),
        ("utf-16-be", "utf-16-be"),
        ("big5", "big5"),
    ],
)
def test_minutes_in_each_encoding_read_the_same(make, encoding: str, detected: str) -> None:
    source = parse_source(MINUTES)
    source.encoding = encoding
    source.script = "traditional" if encoding == "big5" else "simplified"
    path = make(source, f"minutes-{encoding}")
    raw = path.read_bytes()
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")  # the fixture is really not UTF-8
    doc = read(path)
    assert doc.format == "text"
    assert doc.encoding == detected
    expected = [line.rstrip() for line in expected_lines(source)]
    assert block_texts(doc) == expected
    assert "\ufeff" not in doc.text


def test_leading_spaces_kept_trailing_spaces_stripped(tmp_path: Path) -> None:
    path = tmp_path / "indent.txt"
    path.write_text("会议纪要\n　　参加人员：县财政局负责同志。 \t\n", encoding="utf-8")
    assert block_texts(read(path)) == ["会议纪要", "　　参加人员：县财政局负责同志。"]


@pytest.mark.parametrize("text", ["会议同意拨付补助资金", "同意返还土地出让金。", "甲方：管委会"])
def test_short_gb18030_text_is_detected(tmp_path: Path, text: str) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert doc.text == text


def test_big5_text_is_not_mistaken_for_gbk() -> None:
    text = "會議同意撥付補助資金，由財政局負責。"
    decoded, encoding = decode_bytes(text.encode("big5"))
    assert (decoded, encoding) == (text, "big5")


def test_undecodable_bytes_name_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Cafés résumés naïve".encode("latin-1"))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.code == "undecodable"
    assert "latin1.txt" in str(caught.value)
    assert "第 3 字节" in str(caught.value) and "0xE9" in str(caught.value)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newlines_are_normalised(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "nl.txt"
    path.write_bytes(newline.join(["第一条　甲方同意。", "", "第二条　乙方同意。"]).encode("utf-8"))
    doc = read(path)
    assert block_texts(doc) == ["第一条　甲方同意。", "第二条　乙方同意。"]
    assert "\r" not in doc.text


def test_seed_plan_loses_its_portal_trailer() -> None:
    doc = read(DATA / "qinglai_plan_heilongjiang_2019.txt")
    texts = block_texts(doc)
    assert texts[0] == "黑龍江省“清賴行動”專項整治工作實施方案"
    assert doc.script == "traditional"
    assert "清赖行动" in doc.norm and len(doc.norm) == len(doc.text)
    assert "分享到" not in doc.text and "相關文章" not in doc.text
    assert texts[-1].startswith("(五)建立長效機制。")
    raw_lines = [
        line for line in (DATA / "qinglai_plan_heilongjiang_2019.txt").read_text().splitlines() if line
    ]
    assert len(texts) == len(raw_lines) - 2  # only the two trailer lines went


def test_trailer_with_related_titles_is_cut_but_closing_lines_stay(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    lines = [
        "当前位置：首页 > 政策文件",
        "关于支持民营企业发展的若干措施",
        "一、加大财政支持力度。对符合条件的企业给予贷款贴息。",
        "某某市人民政府",
        "2019年5月6日",
        "【打印本页】【关闭窗口】",
        "相关文章：",
        "关于印发某某实施方案的通知",
        "2019-05-01",
        "版权所有：某某市人民政府  黑ICP备05000000号",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert block_texts(read(path)) == lines[1:5]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_with_ascii_and_chinese(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Article 1\n第一条　甲方同意。\n".encode(codec))
    doc = read(path)
    assert doc.encoding == codec and block_texts(doc) == ["Article 1", "第一条　甲方同意。"]


def test_long_leading_whitespace_is_not_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "padded.txt"
    path.write_text(" " * 5000 + "\n会议同意。", encoding="utf-8")
    assert block_texts(read(path)) == ["会议同意。"]
