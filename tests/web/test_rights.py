"""Rights are checked on the server: crafted requests cannot read or change what a role may not."""

from __future__ import annotations

from sqlalchemy import select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import TaskProgress, Value


def _value(web_url, indicator_id, period):
    with session_scope(web_url) as s:
        row = s.scalar(select(Value).where(Value.indicator_id == indicator_id, Value.period == period))
        return None if row is None else (row.value, row.state)


def test_officer_cannot_read_another_commune(client, world, token_for):
    headers = token_for("vanphong.b")
    assert client.get(f"/api/communes/{world.commune_a}/status", headers=headers).status_code == 403
    assert client.get(f"/api/communes/{world.commune_a}/plan", headers=headers).status_code == 403
    assert client.get(f"/api/indicators/{world.ind_a_office}/values", headers=headers).status_code == 403
    assert client.get(f"/api/communes/{world.commune_a}/audit", headers=headers).status_code == 403
    login(client, "vanphong.b")
    page = client.get(f"/dashboard?commune={world.commune_a}")
    assert page.status_code == 403
    assert "Xã Thử Nghiệm" not in page.text


def test_officer_cannot_read_unapproved_values_of_another_commune(client, world, token_for):
    own = token_for("vanphong.a")
    put = client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 55}, headers=own)
    assert put.status_code == 200 and put.json()["state"] == "submitted"
    other = token_for("vanphong.b")
    response = client.get(f"/api/indicators/{world.ind_a_office}/values", headers=other)
    assert response.status_code == 403
    assert "55" not in response.text


def test_officer_cannot_set_another_units_value_by_api(client, world, token_for, web_url):
    headers = token_for("vanphong.a")
    response = client.put(f"/api/indicators/{world.ind_a_economy}/values/{world.period}", json={"value": 5}, headers=headers)
    assert response.status_code == 403
    assert _value(web_url, world.ind_a_economy, world.period) is None
    response = client.put(f"/api/indicators/{world.ind_b_office}/values/{world.period}", json={"value": 5}, headers=headers)
    assert response.status_code == 403
    assert _value(web_url, world.ind_b_office, world.period) is None


def test_crafted_form_field_for_another_units_indicator_is_not_saved(client, world, web_url):
    login(client, "vanphong.a")
    page = client.get(f"/entry?period={world.period}")
    assert f'name="value_{world.ind_a_office}"' in page.text
    assert f'name="value_{world.ind_a_economy}"' not in page.text  # not his unit's indicator
    response = client.post("/entry", data={
        "csrf_token": csrf_of(page.text), "period": world.period,
        f"value_{world.ind_a_office}": "72,5", f"value_{world.ind_a_economy}": "99",
        f"tstatus_{world.task_a_economy}": "done",
    })
    assert response.status_code == 200
    assert _value(web_url, world.ind_a_office, world.period) == (72.5, "submitted")
    assert _value(web_url, world.ind_a_economy, world.period) is None
    with session_scope(web_url) as s:
        assert s.scalar(select(TaskProgress).where(TaskProgress.task_id == world.task_a_economy)) is None


def test_viewer_and_officer_cannot_approve(client, world, token_for, web_url):
    client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 60},
               headers=token_for("vanphong.a"))
    with session_scope(web_url) as s:
        value_id = s.scalar(select(Value.id).where(Value.indicator_id == world.ind_a_office))
    for user in ("vanphong.a", "xem.a", "vanphong.b", "tinh"):
        assert client.post(f"/api/values/{value_id}/approve", headers=token_for(user)).status_code == 403, user
    assert _value(web_url, world.ind_a_office, world.period) == (60, "submitted")


def test_approval_locks_the_value(client, world, token_for, web_url):
    officer = token_for("vanphong.a")
    client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 60}, headers=officer)
    with session_scope(web_url) as s:
        value_id = s.scalar(select(Value.id).where(Value.indicator_id == world.ind_a_office))
    approved = client.post(f"/api/values/{value_id}/approve", headers=token_for("lanhdao.a"))
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    again = client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 90}, headers=officer)
    assert again.status_code in (409, 422)
    assert _value(web_url, world.ind_a_office, world.period) == (60, "approved")


def test_entry_without_csrf_token_is_rejected(client, world, web_url):
    login(client, "vanphong.a")
    response = client.post("/entry", data={"period": world.period, f"value_{world.ind_a_office}": "50"})
    assert response.status_code == 403
    assert _value(web_url, world.ind_a_office, world.period) is None


def test_api_without_token_or_with_wrong_token_is_refused(client, world):
    assert client.get(f"/api/communes/{world.commune_a}/status").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get(f"/api/communes/{world.commune_a}/status", headers=bad).status_code == 401


def test_province_viewer_reads_every_commune_of_the_province(client, world, token_for):
    headers = token_for("tinh")
    for commune in (world.commune_a, world.commune_b):
        response = client.get(f"/api/communes/{commune}/plan", headers=headers)
        assert response.status_code == 200
        assert len(response.json()["indicators"]) == 2
    assert client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 1},
                      headers=headers).status_code == 403


def test_task_progress_only_by_the_leading_unit(client, world, token_for, web_url):
    body = {"status": "in_progress", "percent": 40}
    path = f"/api/tasks/{world.task_a_economy}/progress/{world.period}"
    assert client.put(path, json=body, headers=token_for("vanphong.a")).status_code == 403
    assert client.put(path, json=body, headers=token_for("vanphong.b")).status_code == 403
    ok = client.put(path, json=body, headers=token_for("kinhte.a"))
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    assert client.put(path, json={"status": "done", "percent": 140}, headers=token_for("kinhte.a")).status_code == 422


def test_explanation_loop_and_extension_through_the_api(client, world, token_for):
    leader, economy, office = token_for("lanhdao.a"), token_for("kinhte.a"), token_for("vanphong.a")
    asked = client.post("/api/explanations", json={"task_id": world.task_a_economy, "question": "Vì sao chậm?"},
                        headers=leader)
    assert asked.status_code == 200
    explanation = asked.json()["id"]
    assert client.post("/api/explanations", json={"task_id": world.task_a_economy, "question": "?"},
                       headers=economy).status_code == 403
    assert client.post(f"/api/explanations/{explanation}/answer", json={"answer": "Thiếu kinh phí"},
                       headers=office).status_code == 403
    answered = client.post(f"/api/explanations/{explanation}/answer", json={"answer": "Thiếu kinh phí"}, headers=economy)
    assert answered.status_code == 200 and answered.json()["answer"] == "Thiếu kinh phí"
    year = int(world.period[:4])
    requested = client.post(f"/api/tasks/{world.task_a_economy}/extensions",
                            json={"new_due": f"{year + 1}-03-31", "reason": "Chờ phần mềm"}, headers=economy)
    assert requested.status_code == 200
    request_id = requested.json()["id"]
    assert client.post(f"/api/extensions/{request_id}/decision", json={"grant": True},
                       headers=economy).status_code == 403
    granted = client.post(f"/api/extensions/{request_id}/decision", json={"grant": True}, headers=leader)
    assert granted.status_code == 200
    assert granted.json()["decision"] == "granted" and granted.json()["task_due"] == f"{year + 1}-03-31"


def test_leader_approves_several_values_at_once_and_only_his_communes(client, world, token_for, web_url):
    from web_helpers import csrf_of, login

    client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 81},
               headers=token_for("vanphong.a"))
    client.put(f"/api/indicators/{world.ind_a_economy}/values/{world.period}", json={"value": 12},
               headers=token_for("kinhte.a"))
    client.put(f"/api/indicators/{world.ind_b_office}/values/{world.period}", json={"value": 70},
               headers=token_for("vanphong.b"))
    with session_scope(web_url) as s:
        ids = {v.indicator_id: v.id for v in s.scalars(select(Value))}
    login(client, "lanhdao.a")
    page = client.get("/approvals")
    token = csrf_of(page.text)
    mixed = client.post("/values/approve-many", data={"csrf_token": token,
                                                      "ids": [ids[world.ind_a_office], ids[world.ind_b_office]]})
    assert mixed.status_code == 403
    assert _value(web_url, world.ind_a_office, world.period) == (81, "submitted")  # nothing half-approved
    ok = client.post("/values/approve-many", data={"csrf_token": token,
                                                   "ids": [ids[world.ind_a_office], ids[world.ind_a_economy]]})
    assert ok.status_code == 200 and "2 giá trị" in ok.text
    assert _value(web_url, world.ind_a_office, world.period) == (81, "approved")
    assert _value(web_url, world.ind_a_economy, world.period) == (12, "approved")


def test_evidence_is_uploaded_with_a_value_and_readable_only_in_its_commune(client, world, token_for, web_url):
    import re

    from web_helpers import csrf_of, login

    login(client, "vanphong.a")
    page = client.get(f"/entry?period={world.period}")
    saved = client.post(
        "/entry",
        data={"csrf_token": csrf_of(page.text), "period": world.period, f"value_{world.ind_a_office}": "66"},
        files={f"ev_{world.ind_a_office}": ("bien-ban.pdf", b"%PDF-1.4 minh chung", "application/pdf")},
    )
    assert saved.status_code == 200 and "Đã lưu" in saved.text
    login(client, "lanhdao.a")
    approvals = client.get("/approvals").text
    link = re.search(r'href="(/evidence/\d+)">📎 bien-ban.pdf', approvals)
    assert link, "the leader sees the evidence beside the value"
    assert client.get(link.group(1)).content == b"%PDF-1.4 minh chung"
    login(client, "vanphong.b")
    assert client.get(link.group(1)).status_code == 403
