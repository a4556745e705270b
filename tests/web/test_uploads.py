"""Bad uploads give a message on the page and import nothing; invalid forms keep the input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from web_helpers import TestClient, csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import Plan, Value
from nq57.web.app import create_app


def _plans(web_url) -> int:
    with session_scope(web_url) as s:
        return s.scalar(select(func.count(Plan.id)))


def _upload(client, name: str, data: bytes):
    page = client.get("/documents")
    return client.post("/documents", data={"csrf_token": csrf_of(page.text)}, files={"file": (name, data)})


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("trong.docx", b"", "rỗng"),
        ("virus.exe", b"MZ\x90\x00binary", "không được hỗ trợ"),
        ("hong.docx", b"PK\x03\x04 not really a zip archive", "hỏng"),
        ("hong.pdf", b"%PDF-1.7\n garbage without objects", "hong.pdf"),
        ("tieuthuyet.txt", "Ngày xưa có một chàng trai nghèo sống ven sông, ngày ngày đi câu cá.\n".encode() * 30,
         "Không nhận ra kế hoạch"),
    ],
)
def test_bad_document_uploads_say_what_is_wrong_and_import_nothing(client, world, web_url, name, data, words):
    login(client, "lanhdao.a")
    before = _plans(web_url)
    response = _upload(client, name, data)
    assert response.status_code == 422
    assert words in response.text
    assert 'id="upload-error"' in response.text
    assert "/uploads/" not in response.text  # no server path in the message
    assert _plans(web_url) == before


def test_upload_over_the_limit_is_refused_with_a_message(world, web_url):
    app = create_app(web_url, upload_limit=10_000)
    with TestClient(app) as client:
        login(client, "lanhdao.a")
        response = _upload(client, "lon.txt", "Kế hoạch chỉ tiêu nhiệm vụ\n".encode() * 1000)
        assert response.status_code == 422
        assert "quá lớn" in response.text
        huge = _upload(client, "rat-lon.txt", b"x" * 3_000_000)  # refused before it is read
        assert huge.status_code == 413
        assert "quá lớn" in huge.text


def test_upload_page_is_refused_to_officers(client, world):
    login(client, "vanphong.a")
    assert client.get("/documents").status_code == 403


def test_invalid_value_keeps_what_was_typed_and_marks_the_field(client, world, web_url):
    login(client, "vanphong.a")
    page = client.get(f"/entry?period={world.period}")
    response = client.post("/entry", data={
        "csrf_token": csrf_of(page.text), "period": world.period,
        f"value_{world.ind_a_office}": "bảy mươi", f"note_{world.ind_a_office}": "ghi chú của tôi",
    })
    assert response.status_code == 422
    assert 'value="bảy mươi"' in response.text
    assert 'value="ghi chú của tôi"' in response.text
    assert f'aria-describedby="err_{world.ind_a_office}"' in response.text
    assert "không phải là số" in response.text
    with session_scope(web_url) as s:
        assert s.scalar(select(func.count(Value.id))) == 0


def test_one_bad_field_saves_nothing_of_the_form(client, world, web_url):
    login(client, "lanhdao.a")  # the leader may enter every indicator of the commune
    page = client.get(f"/entry?period={world.period}")
    response = client.post("/entry", data={
        "csrf_token": csrf_of(page.text), "period": world.period,
        f"value_{world.ind_a_office}": "75", f"value_{world.ind_a_economy}": "150%x",
    })
    assert response.status_code == 422
    with session_scope(web_url) as s:
        assert s.scalar(select(func.count(Value.id))) == 0


def test_percentage_over_100_is_refused_beside_the_field(client, world, web_url):
    login(client, "vanphong.a")
    page = client.get(f"/entry?period={world.period}")
    response = client.post("/entry", data={
        "csrf_token": csrf_of(page.text), "period": world.period, f"value_{world.ind_a_office}": "140",
    })
    assert response.status_code == 422
    assert 'value="140"' in response.text
    assert 'class="field-error"' in response.text


def test_document_api_extracts_then_imports_a_reviewed_plan(client, world, token_for, web_url):
    from web_helpers import sample_plan

    leader = token_for("lanhdao.a")
    text = (
        "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
        "| STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu năm 2026 | Đơn vị chủ trì |\n"
        "| 1 | Tỷ lệ người dân có tài khoản định danh điện tử mức 2 | % | ≥ 90% | Công an xã |\n"
    )
    extracted = client.post("/api/documents/extract", files={"file": ("kh.txt", text.encode())}, headers=leader)
    assert extracted.status_code == 200, extracted.text
    body = extracted.json()
    assert set(body) >= {"plan", "review", "warnings"}
    bad = client.post("/api/documents/extract", files={"file": ("x.exe", b"MZ")}, headers=leader)
    assert bad.status_code == 422 and "không được hỗ trợ" in bad.json()["detail"]
    plan = sample_plan(2026)
    plan["document"]["number"] = "99/KH-UBND"
    before = _plans(web_url)
    imported = client.post(f"/api/communes/{world.commune_a}/plans", json=plan, headers=leader)
    assert imported.status_code == 200 and imported.json()["indicators"] == 2
    assert _plans(web_url) == before + 1
    refused = client.post(f"/api/communes/{world.commune_b}/plans", json=plan, headers=leader)
    assert refused.status_code == 403
    malformed = client.post(f"/api/communes/{world.commune_a}/plans", json={"indicators": []}, headers=leader)
    assert malformed.status_code == 422
    assert _plans(web_url) == before + 1


PLAN_TEXT = """ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM
Số: 31/KH-UBND
KẾ HOẠCH
Chuyển đổi số trên địa bàn xã năm 2026
| STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu năm 2026 | Đơn vị chủ trì |
| 1 | Tỷ lệ người dân có tài khoản định danh điện tử mức 2 | % | ≥ 90% | Công an xã |
| 2 | Tỷ lệ hộ gia đình có cáp quang băng rộng cố định | % | ≥ 85% | Phòng Kinh tế |
"""


def _fields(html: str) -> dict[str, str]:
    import html as html_lib
    import re

    form = {m.group(1): html_lib.unescape(m.group(2)) for m in re.finditer(r'<input name="([^"]+)" value="([^"]*)"', html)}
    form.update({m.group(1): "1" for m in re.finditer(r'type="checkbox" name="([^"]+)" value="1" checked', html)})
    for m in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', m.group(2)) or re.search(r"<option selected>([^<]*)<", m.group(2))
        if chosen:
            form[m.group(1)] = html_lib.unescape(chosen.group(1))
    form["token"] = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return form


def test_review_shows_the_source_and_imports_only_what_the_reviewer_kept(client, world, web_url):
    from nq57.store.models.tracking import Indicator

    login(client, "lanhdao.a")
    review = _upload(client, "kh-31.txt", PLAN_TEXT.encode())
    assert review.status_code == 200, review.text[:500]
    assert "Công an xã" in review.text and 'class="source"' in review.text
    form = _fields(review.text)
    names = sorted(k for k in form if k.startswith("ind_") and k.endswith("_name"))
    assert len(names) == 2
    form[names[0]] = "Tỷ lệ người dân có định danh điện tử mức 2 (đã sửa)"
    form.pop(names[1].replace("_name", "_keep"))  # the reviewer drops the second indicator
    form["csrf_token"] = csrf_of(review.text)
    form["commune"] = str(world.commune_a)
    before = _plans(web_url)
    done = client.post("/documents/confirm", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text[:1500]
    assert _plans(web_url) == before + 1
    with session_scope(web_url) as s:
        plan = s.scalar(select(Plan).where(Plan.number == "31/KH-UBND"))
        kept = s.scalars(select(Indicator.name).where(Indicator.plan_id == plan.id, Indicator.seq > 0)).all()
    assert kept == ["Tỷ lệ người dân có định danh điện tử mức 2 (đã sửa)"]
    again = client.post("/documents/confirm", data=form)  # the upload is used up: no second import
    assert again.status_code == 422 and _plans(web_url) == before + 1


def test_review_with_a_bad_target_keeps_the_edits_and_imports_nothing(client, world, web_url):
    login(client, "lanhdao.a")
    review = _upload(client, "kh-31.txt", PLAN_TEXT.encode())
    form = _fields(review.text)
    target = next(k for k in form if k.endswith("_t0_value"))
    form[target] = "chín mươi"
    form["csrf_token"] = csrf_of(review.text)
    form["commune"] = str(world.commune_a)
    before = _plans(web_url)
    response = client.post("/documents/confirm", data=form)
    assert response.status_code == 422
    assert 'value="chín mươi"' in response.text and 'aria-invalid="true"' in response.text
    assert _plans(web_url) == before


def test_a_word_table_and_a_plan_json_go_through_review(client, world, tmp_path):
    import io
    import json

    from docx import Document as WordDocument
    from web_helpers import sample_plan

    word = WordDocument()
    word.add_paragraph("ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM")
    word.add_paragraph("KẾ HOẠCH ứng dụng công nghệ số năm 2026")
    table = word.add_table(rows=3, cols=5)
    for row, cells in zip(table.rows, [
        ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch 2026", "Cơ quan chủ trì"),
        ("1", "Tỷ lệ văn bản điện tử có ký số", "%", "≥ 95%", "Văn phòng HĐND và UBND"),
        ("2", "Số thôn có tổ công nghệ số cộng đồng", "thôn", "12", "Phòng Văn hóa - Xã hội"),
    ], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    login(client, "lanhdao.a")
    review = _upload(client, "ke-hoach.docx", buffer.getvalue())
    assert review.status_code == 200, review.text[:800]
    assert "ký số" in review.text and 'class="source"' in review.text
    plan_json = json.dumps(sample_plan(2026), ensure_ascii=False).encode()
    as_json = _upload(client, "ke-hoach.json", plan_json)
    assert as_json.status_code == 200 and "wifi công cộng" in as_json.text
    broken = _upload(client, "hong.json", b"{ not json")
    assert broken.status_code == 422 and "Plan JSON" in broken.text
