"""The indicator catalogue: automatic mapping, review list, manual decisions, a province's own set."""

import json

import pytest

from nq57.errors import UserError
from nq57.store.models.tracking import CatalogueIndicator
from nq57.track import catalogue, plans


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tỷ lệ hồ sơ TTHC được tiếp nhận và xử lý trực tuyến", "HS-TT"),
        ("Tỉ lệ cung cấp DVCTT toàn trình", "DVC-TT"),
        ("Tỷ lệ thanh toán trực tuyến phí, lệ phí", "TT-TT"),
        ("Tỷ lệ người dân có sổ sức khỏe điện tử", "HSSK"),
        ("Tỷ lệ văn bản đi, đến được xử lý trên môi trường điện tử", "VB-DT"),
        ("Tỷ lệ hồ sơ giải quyết trễ hạn", "HS-TRE"),
    ],
)
def test_confident_matches(session, name, code):
    catalogue.ensure_catalogue(session)
    entries = list(session.query(CatalogueIndicator))
    match = catalogue.best_match(name, entries)
    assert (match.code, match.confident) == (code, True)


def test_unrelated_names_are_not_mapped(session):
    catalogue.ensure_catalogue(session)
    entries = list(session.query(CatalogueIndicator))
    for name in ("Số lớp học được sửa chữa", "Tỷ lệ phủ sóng 6G trên địa bàn"):
        assert not catalogue.best_match(name, entries).confident


def test_review_list_and_manual_decision(session, imported, places):
    pending = catalogue.review_list(session, places["tan_an"])
    portal = next(i for i in pending if "cổng thông tin" in i.name)
    catalogue.set_mapping(session, portal, "VB-DT", "reviewer")
    assert portal.mapping == "manual" and portal.catalogue.code == "VB-DT"
    assert portal not in catalogue.review_list(session, places["tan_an"])
    # a manual decision survives a re-import
    again = plans.import_plan(session, imported.plan.document, places["tan_an"], "ke-hoach-tan-an.json")
    assert next(i for i in again.plan.indicators if "cổng thông tin" in i.name).catalogue.code == "VB-DT"
    with pytest.raises(UserError, match="không có chỉ tiêu mã"):
        catalogue.set_mapping(session, portal, "KHONG-CO", "reviewer")


def test_province_loads_its_own_catalogue(session, places, tmp_path):
    path = tmp_path / "dti-xa.json"
    path.write_text(json.dumps({"indicators": [
        {"code": "LH-WIFI", "name": "Số điểm wifi công cộng miễn phí", "unit": "điểm", "direction": "higher",
         "kind": "tác nghiệp", "aliases": ["diem wifi cong cong"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    assert catalogue.load_catalogue(session, path, owner=places["lam"]) == 1
    entry = session.query(CatalogueIndicator).filter_by(code="LH-WIFI").one()
    assert entry.owner_id == places["lam"].id
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"indicators": [{"code": "X", "name": "Y", "direction": "up"}]}), encoding="utf-8")
    with pytest.raises(UserError, match="direction"):
        catalogue.load_catalogue(session, bad)
    with pytest.raises(UserError, match="không tìm thấy"):
        catalogue.load_catalogue(session, tmp_path / "none.json")
