"""What the queue, the finding page and the rule statistics show."""

from __future__ import annotations

import re

import pytest

from qinglai_rules.desk import DeskSettings, create_app

from .conftest import login
from .helpers import finding_id_of, open_seeded, post_decision


def _ids(page: str) -> list[int]:
    return [int(value) for value in re.findall(r'<tr data-href="[^"]*" data-id="(\d+)"', page)]


def _facet_count(page: str, facet: str, value: str) -> int | None:
    section = page.split(f'data-facet="{facet}"', 1)[1].split("</section>", 1)[0]
    match = re.search(rf'data-value="{re.escape(value)}"[^>]*>\s*[^<]*<span class="count">(\d+)</span>', section)
    return int(match.group(1)) if match else None


@pytest.fixture
def reviewer_client(client):  # type: ignore[no-untyped-def]
    login(client, "wang")
    return client


def test_queue_lists_pending_findings_with_counts_per_filter_value(reviewer_client, db_path) -> None:
    page = reviewer_client.get("/").get_data(as_text=True)
    with open_seeded(db_path) as store:
        everything = store.list_findings(status="pending")
    assert _ids(page) == [row.id for row in everything]
    assert _facet_count(page, "family", "tax-rebate") == 3
    assert _facet_count(page, "category", "C5") == 2  # tax rebate and guarantee in the contract
    assert _facet_count(page, "doc_type", "contract") == 3
    assert _facet_count(page, "region", "龙江县") == 1
    assert _facet_count(page, "severity", "高风险") == 2
    assert _facet_count(page, "status", "pending") == len(everything)
    row = everything[0]
    assert row.evidence_text[:20] in page and row.clause_label in page and "投资合作协议" in page


def test_filters_narrow_the_queue_and_the_other_facets(reviewer_client) -> None:
    page = reviewer_client.get("/?family=tax-rebate").get_data(as_text=True)
    assert len(_ids(page)) == 3 and 'id="queue-total">3<' in page
    assert _facet_count(page, "doc_type", "policy") == 2  # counted within the chosen family
    assert _facet_count(page, "family", "land-price") is None  # values without findings are not offered
    assert _facet_count(page, "family", "guarantee-return") == 1  # its own facet ignores the family filter
    page = reviewer_client.get("/?family=tax-rebate&region=龙江县").get_data(as_text=True)
    assert len(_ids(page)) == 1
    page = reviewer_client.get("/?doc_type=contract&severity=违法&category=C5").get_data(as_text=True)
    assert len(_ids(page)) == 2
    page = reviewer_client.get("/?family=no-such-family&status=bogus").get_data(as_text=True)
    assert len(_ids(page)) == 8  # a stale link still opens the (unfiltered) queue


def test_status_filter_shows_decided_findings(reviewer_client, db_path) -> None:
    finding = finding_id_of(db_path, "DEMO-COUNTY-FINE")
    post_decision(reviewer_client, finding, action="confirm", reason="县政府规范性文件设定罚款")
    assert _ids(reviewer_client.get("/?status=confirmed").get_data(as_text=True)) == [finding]
    assert finding not in _ids(reviewer_client.get("/").get_data(as_text=True))
    assert len(_ids(reviewer_client.get("/?status=all").get_data(as_text=True))) == 8


def test_queue_pages(db_path) -> None:
    app = create_app(str(db_path), DeskSettings(page_size=3))
    client = app.test_client()
    login(client, "wang")
    first, second, third = (client.get(f"/?page={n}").get_data(as_text=True) for n in (1, 2, 3))
    assert [len(_ids(page)) for page in (first, second, third)] == [3, 3, 2]
    assert not set(_ids(first)) & set(_ids(second))
    assert "第 2 / 3 页" in second and 'rel="next"' in second and 'rel="prev"' in second
    assert client.get("/?page=99").location == "/?page=3"
    assert len(_ids(client.get("/?page=x").get_data(as_text=True))) == 3


def test_finding_page_shows_clause_in_context_law_trace_and_document(reviewer_client, db_path) -> None:
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    page = reviewer_client.get(f"/findings/{finding}").get_data(as_text=True)
    assert '<mark class="evidence">优先采购本地</mark>' in page
    current = page.split('id="current-clause"', 1)[1].split("</div>\n      </div>", 1)[0]
    assert "第三条 政府投资项目" in current
    assert "第二条 对新落户企业" in page and "第四条 企业未按期投产的" in page  # the neighbouring clauses
    assert "《公平竞争审查条例》第八条第（三）项" in page
    assert "限定经营、购买或者使用特定经营者提供的商品或者服务" in page  # the article's exact text
    assert "DEMO-LOCAL-PRIORITY" in page and "✓ 满足" in page
    assert "某政规〔2024〕3号" in page and "某县人民政府（县级）" in page and "2024-09-01" in page
    assert "删除优先采购本地产品的规定" in page  # suggestion
    assert 'id="no-history"' in page


def test_finding_page_shows_earlier_decisions_on_the_fingerprint(reviewer_client, db_path) -> None:
    finding = finding_id_of(db_path, "DEMO-REPEAL-NO-TRANSITION")
    post_decision(reviewer_client, finding, action="dismiss", reason="已另行发文规定过渡期")
    page = reviewer_client.get(f"/findings/{finding}").get_data(as_text=True)
    history = page.split('id="history"', 1)[1]
    assert "王审" in history and "驳回" in history and "已另行发文规定过渡期" in history
    assert "当前：驳回" in page


def test_finding_navigation_within_the_filtered_queue(reviewer_client, db_path) -> None:
    with open_seeded(db_path) as store:
        ids = store.finding_ids(status="pending", family="tax-rebate")
    page = reviewer_client.get(f"/findings/{ids[1]}?family=tax-rebate").get_data(as_text=True)
    assert f'id="prev-link" href="/findings/{ids[0]}?family=tax-rebate"' in page
    assert f'id="next-link" href="/findings/{ids[2]}?family=tax-rebate"' in page
    assert "第 2 / 3 条" in page


def test_rule_statistics(reviewer_client, db_path) -> None:
    post_decision(reviewer_client, finding_id_of(db_path, "DEMO-PAY-TERM"), action="dismiss", reason="非中小企业")
    page = reviewer_client.get("/rules").get_data(as_text=True)
    row = page.split('data-rule="DEMO-PAY-TERM"', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">([^<]+)</td>', row) == ["0", "1", "0", "0%"]
    assert "非中小企业" in row
    tax = page.split('data-rule="DEMO-TAX-SHARE"', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">([^<]+)</td>', tax) == ["0", "0", "3", "—"]
