"""Budget page and API: allocation and disbursement per line, period and source; share disbursed."""

from __future__ import annotations

from sqlalchemy import select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import BudgetEntry, BudgetLine, Plan


def _add_line(web_url, commune_id: int, item: str = "Mua sắm thiết bị điểm phục vụ hành chính công") -> int:
    with session_scope(web_url) as s:
        plan = s.scalar(select(Plan).where(Plan.commune_id == commune_id))
        line = BudgetLine(plan_id=plan.id, seq=1, code="1", item=item, amount=500, unit="triệu đồng")
        s.add(line)
        s.flush()
        return line.id


def _entries(web_url, line_id):
    with session_scope(web_url) as s:
        rows = s.scalars(select(BudgetEntry).where(BudgetEntry.budget_line_id == line_id)).all()
        return sorted((r.period, r.source, r.allocated, r.disbursed) for r in rows)


def test_leader_enters_budget_by_source_and_sees_the_share(client, world, web_url):
    line = _add_line(web_url, world.commune_a)
    login(client, "lanhdao.a")
    page = client.get(f"/budget?period={world.period}")
    assert page.status_code == 200 and "Mua sắm thiết bị" in page.text
    token = csrf_of(page.text)
    for source, allocated, disbursed in (("ngan_sach", "200", "50"), ("doanh_nghiep", "100", "100")):
        saved = client.post("/budget", data={"csrf_token": token, "line_id": line, "period": world.period,
                                             "source": source, "allocated": allocated, "disbursed": disbursed})
        assert saved.status_code == 200 and "Đã ghi kinh phí" in saved.text
    assert _entries(web_url, line) == [(world.period, "doanh_nghiep", 100, 100), (world.period, "ngan_sach", 200, 50)]
    shown = client.get(f"/budget?period={world.period}")
    assert 'data-share="0.5"' in shown.text  # 150 of 300 disbursed
    assert "đã giải ngân" in shown.text and "Doanh nghiệp" in shown.text


def test_invalid_budget_keeps_what_was_typed_and_says_why(client, world, web_url):
    line = _add_line(web_url, world.commune_a)
    login(client, "lanhdao.a")
    token = csrf_of(client.get("/budget").text)
    refused = client.post("/budget", data={"csrf_token": token, "line_id": line, "period": world.period,
                                           "source": "ngan_sach", "allocated": "100", "disbursed": "150,5"})
    assert refused.status_code == 422
    assert "lớn hơn số được giao" in refused.text and 'value="150,5"' in refused.text and 'aria-invalid="true"' in refused.text
    not_number = client.post("/budget", data={"csrf_token": token, "line_id": line, "period": world.period,
                                              "source": "ngan_sach", "allocated": "một trăm", "disbursed": "0"})
    assert not_number.status_code == 422 and "không phải là số" in not_number.text
    assert _entries(web_url, line) == []


def test_budget_api_reads_for_province_and_writes_only_for_the_leader(client, world, web_url, token_for):
    line = _add_line(web_url, world.commune_a)
    path = f"/api/budget-lines/{line}/entries/{world.period}"
    body = {"allocated": 80, "disbursed": 20, "source": "khac"}
    for user in ("vanphong.a", "xem.a", "tinh", "vanphong.b"):
        assert client.put(path, json=body, headers=token_for(user)).status_code == 403, user
    assert _entries(web_url, line) == []
    written = client.put(path, json=body, headers=token_for("lanhdao.a"))
    assert written.status_code == 200 and written.json()["share_disbursed"] == 0.25
    stale = client.put(path, json={**body, "disbursed": 30, "expected_version": 0}, headers=token_for("lanhdao.a"))
    assert stale.status_code == 409
    year = world.period[:4]
    read = client.get(f"/api/communes/{world.commune_a}/budget?period={year}", headers=token_for("tinh"))
    assert read.status_code == 200
    (row,) = read.json()["lines"]
    assert (row["allocated"], row["disbursed"], row["by_source"]) == (80, 20, {"khac": 20})
    assert client.get(f"/api/communes/{world.commune_a}/budget", headers=token_for("vanphong.b")).status_code == 403
