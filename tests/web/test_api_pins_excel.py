"""API mirrors of the pins and of the Excel round-trip (template, preview, confirm)."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from nq57.store.db import session_scope
from nq57.store.models.tracking import Value
from nq57.web.app import create_app


def _values(web_url) -> list[tuple[int, float]]:
    with session_scope(web_url) as s:
        return sorted(tuple(r) for r in s.execute(select(Value.indicator_id, Value.value)))


def _filled(content: bytes, values: dict[int, float]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        if "ID" not in header:
            continue
        for row in ws.iter_rows(min_row=2):
            if row[header.index("ID")].value in values:
                row[header.index("Giá trị")].value = values[row[header.index("ID")].value]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_pin_and_unpin_through_the_api(client, world, token_for):
    leader = token_for("lanhdao.a")
    assert client.get("/api/pins", headers=leader).json()["indicator"] == []
    for _ in range(2):  # pinning twice keeps one pin
        pinned = client.put(f"/api/pins/indicator/{world.ind_a_office}", headers=leader)
        assert pinned.status_code == 200 and pinned.json()["pinned"] is True
    assert client.put(f"/api/pins/task/{world.task_a_economy}", headers=leader).status_code == 200
    listed = client.get("/api/pins", headers=leader).json()
    assert listed["indicator"] == [world.ind_a_office] and listed["task"] == [world.task_a_economy]
    assert client.delete(f"/api/pins/indicator/{world.ind_a_office}", headers=leader).json()["pinned"] is False
    assert client.get("/api/pins", headers=leader).json()["indicator"] == []
    # one pins only what one may see, and only known kinds
    assert client.put(f"/api/pins/indicator/{world.ind_b_office}", headers=leader).status_code == 403
    assert client.put(f"/api/pins/commune/{world.commune_b}", headers=leader).status_code == 403
    assert client.put(f"/api/pins/plan/{world.ind_a_office}", headers=leader).status_code == 422
    assert client.put(f"/api/pins/commune/{world.commune_b}", headers=token_for("tinh")).status_code == 200


def test_excel_round_trip_through_the_api(client, world, web_url, token_for):
    officer = token_for("vanphong.a")
    template = client.get(f"/api/excel/template?period={world.period}", headers=officer)
    assert template.status_code == 200 and template.headers["content-type"].startswith("application/vnd.openxml")
    data = _filled(template.content, {world.ind_a_office: 64.5})
    preview = client.post("/api/excel/preview", headers=officer, files={"file": ("so-lieu.xlsx", data)})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert [(c["period"], c["new"]) for c in body["changes"]] == [(world.period, 64.5)]
    assert _values(web_url) == []  # a preview writes nothing
    assert client.post("/api/excel/confirm", json={"token": body["token"]},
                       headers=token_for("kinhte.a")).status_code == 403  # not his upload
    done = client.post("/api/excel/confirm", json={"token": body["token"]}, headers=officer)
    assert done.status_code == 200 and done.json()["imported"] == 1
    assert _values(web_url) == [(world.ind_a_office, 64.5)]
    again = client.post("/api/excel/confirm", json={"token": body["token"]}, headers=officer)
    assert again.status_code == 422  # the token is spent


def test_excel_api_refuses_bad_files_and_other_units_values(client, world, web_url, token_for):
    leader_template = client.get(f"/api/excel/template?period={world.period}", headers=token_for("lanhdao.a"))
    both = _filled(leader_template.content, {world.ind_a_office: 70, world.ind_a_economy: 9})
    officer = token_for("vanphong.a")
    refused = client.post("/api/excel/preview", headers=officer, files={"file": ("mau.xlsx", both)})
    assert refused.status_code == 422 and any("không do đơn vị" in p for p in refused.json()["detail"])
    for name, data in (("mau.xlsx", b""), ("mau.csv", b"a;b"), ("mau.xlsx", b"PK\x03\x04hong")):
        response = client.post("/api/excel/preview", headers=officer, files={"file": (name, data)})
        assert response.status_code == 422, name
    assert client.post("/api/excel/preview", headers=token_for("xem.a"),
                       files={"file": ("mau.xlsx", both)}).status_code == 403
    with session_scope(web_url) as s:
        assert s.scalar(select(func.count(Value.id))) == 0


def test_new_operations_are_in_the_openapi_document(web_url):
    paths = create_app(web_url).openapi()["paths"]
    for path, method in (("/api/pins/{kind}/{ref_id}", "put"), ("/api/excel/preview", "post"),
                         ("/api/excel/confirm", "post"), ("/api/communes/{commune_id}/budget", "get"),
                         ("/api/budget-lines/{line_id}/entries/{period}", "put"), ("/api/catalogue/review", "get"),
                         ("/api/units/merge", "post"), ("/api/reminders/send", "post")):
        assert method in paths.get(path, {}), path
