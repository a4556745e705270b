"""The Excel round-trip through HTTP: template, preview (nothing written), confirm; bad files."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import Value


def _count(web_url) -> int:
    with session_scope(web_url) as s:
        return s.scalar(select(func.count(Value.id)))


def _filled_template(client, period: str, values: dict[int, float]) -> bytes:
    response = client.get(f"/entry/excel/template?period={period}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
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


def _upload(client, period, name, data):
    page = client.get(f"/entry/excel?period={period}")
    return client.post("/entry/excel", data={"csrf_token": csrf_of(page.text), "period": period},
                       files={"file": (name, data)})


def test_officer_template_holds_only_his_units_indicators(client, world):
    login(client, "vanphong.a")
    book = load_workbook(io.BytesIO(client.get(f"/entry/excel/template?period={world.period}").content))
    ids = {row[0].value for ws in book.worksheets if ws.cell(1, 1).value == "ID" for row in ws.iter_rows(min_row=2)}
    assert world.ind_a_office in ids and world.ind_a_economy not in ids


def test_preview_writes_nothing_and_confirm_imports(client, world, web_url):
    login(client, "vanphong.a")
    data = _filled_template(client, world.period, {world.ind_a_office: 77.5})
    preview = _upload(client, world.period, "mau.xlsx", data)
    assert preview.status_code == 200 and 'id="excel-preview"' in preview.text
    assert "77,5" in preview.text
    assert _count(web_url) == 0  # the preview is a dry run
    token = preview.text.split('name="token" value="', 1)[1].split('"', 1)[0]
    done = client.post("/entry/excel/confirm", data={"csrf_token": csrf_of(preview.text), "token": token},
                       follow_redirects=False)
    assert done.status_code == 303
    with session_scope(web_url) as s:
        value = s.scalar(select(Value).where(Value.indicator_id == world.ind_a_office))
        assert value.value == 77.5 and value.entered_by == "vanphong.a"


def test_a_workbook_with_another_units_value_is_refused(client, world, web_url):
    login(client, "lanhdao.a")  # the leader's template holds every indicator of the commune
    data = _filled_template(client, world.period, {world.ind_a_office: 70, world.ind_a_economy: 9})
    login(client, "vanphong.a")
    refused = _upload(client, world.period, "mau.xlsx", data)
    assert refused.status_code == 422
    assert "không do đơn vị" in refused.text
    assert _count(web_url) == 0


def test_bad_excel_files_say_what_is_wrong(client, world, web_url):
    login(client, "vanphong.a")
    for name, data, words in (("mau.xlsx", b"", "rỗng"), ("mau.csv", b"a,b", "không được hỗ trợ"),
                              ("mau.xlsx", b"PK\x03\x04broken", "Tệp &#39;mau.xlsx&#39;")):
        response = _upload(client, world.period, name, data)
        assert response.status_code == 422, name
        assert words in response.text, (name, response.text[:300])
        assert "/uploads/" not in response.text  # no server path in the message
    assert _count(web_url) == 0
