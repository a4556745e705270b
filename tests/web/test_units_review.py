"""Internal units review: likely duplicates listed, two merged, reminder addresses set."""

from __future__ import annotations

from sqlalchemy import select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import Indicator, Unit
from nq57.text.vietnamese import fold


def _add_units(web_url, world, *names: str) -> list[int]:
    """Internal units created as two imports might have left them (no matching on creation)."""
    ids = []
    with session_scope(web_url) as s:
        for i, name in enumerate(names, start=1):
            unit = Unit(code=f"WTEST1-X{i}", kind="internal", level="phong", name=name, short_name=name,
                        folded=fold(name), parent_id=world.commune_a)
            s.add(unit)
            s.flush()
            ids.append(unit.id)
    return ids


def _pair(text: str, a: int, b: int) -> bool:
    return f'data-pair="{a}-{b}"' in text or f'data-pair="{b}-{a}"' in text


def test_page_lists_duplicates_and_merge_moves_the_indicators(client, world, web_url):
    full, short, other = _add_units(web_url, world, "Phòng Văn hóa – Xã hội", "Phòng VHXH", "Trạm Y tế")
    with session_scope(web_url) as s:
        s.get(Indicator, world.ind_a_economy).lead_unit_id = short
    login(client, "lanhdao.a")
    page = client.get("/units")
    assert page.status_code == 200
    assert _pair(page.text, full, short)
    assert not _pair(page.text, full, other) and not _pair(page.text, short, other)
    merged = client.post("/units/merge", data={"csrf_token": csrf_of(page.text), "first": short, "second": full,
                                               "keep": "second"})
    assert merged.status_code == 200 and "Đã gộp" in merged.text
    assert not _pair(merged.text, full, short)
    assert f'data-unit="{short}"' not in merged.text  # the merged unit is no longer listed
    with session_scope(web_url) as s:
        assert s.get(Indicator, world.ind_a_economy).lead_unit_id == full
        assert s.get(Unit, short).merged_into_id == full


def test_units_api_rights_and_email(client, world, web_url, token_for):
    full, short = _add_units(web_url, world, "Phòng Văn hoá - Xã hội", "Phòng Văn hóa – Xã hội")
    leader = token_for("lanhdao.a")
    listed = client.get(f"/api/communes/{world.commune_a}/units", headers=leader).json()
    assert [({d["first"], d["second"]}, d["score"]) for d in listed["duplicates"]] == [({full, short}, 100.0)]
    for user in ("vanphong.a", "xem.a", "tinh", "vanphong.b"):
        assert client.post("/api/units/merge", json={"keep_id": full, "drop_id": short},
                           headers=token_for(user)).status_code == 403, user
    assert client.get(f"/api/communes/{world.commune_b}/units", headers=leader).status_code == 403
    bad = client.put(f"/api/units/{full}/email", json={"email": "khong-phai-thu"}, headers=leader)
    assert bad.status_code == 422 and "không hợp lệ" in bad.json()["detail"]
    ok = client.put(f"/api/units/{full}/email", json={"email": "vhxh@xa.gov.vn"}, headers=leader)
    assert ok.status_code == 200
    with session_scope(web_url) as s:
        assert s.get(Unit, full).email == "vhxh@xa.gov.vn"
        assert s.get(Unit, short).merged_into_id is None
    same = client.post("/api/units/merge", json={"keep_id": full, "drop_id": full}, headers=leader)
    assert same.status_code == 422
    done = client.post("/api/units/merge", json={"keep_id": short, "drop_id": full}, headers=leader)
    assert done.status_code == 200 and done.json()["kept"] == short
    with session_scope(web_url) as s:
        assert s.scalar(select(Unit.merged_into_id).where(Unit.id == full)) == short


def test_province_admin_reaches_a_communes_units_and_budget_from_its_dashboard(client, world, web_url, make_user):
    _add_units(web_url, world, "Phòng Văn hoá - Xã hội", "Phòng Văn hóa – Xã hội")
    make_user("quantri.tinh", "province_admin", province_id=world.province_id)
    login(client, "quantri.tinh")
    dashboard = client.get(f"/dashboard?commune={world.commune_a}")
    assert f'href="/units?commune={world.commune_a}"' in dashboard.text
    units = client.get(f"/units?commune={world.commune_a}")
    assert units.status_code == 200 and "Có thể trùng nhau (1)" in units.text
    assert client.get(f"/budget?commune={world.commune_a}").status_code == 200
    login(client, "tinh")  # a province viewer reads the budget but does not manage units
    assert client.get(f"/budget?commune={world.commune_a}").status_code == 200
    assert client.get(f"/units?commune={world.commune_a}").status_code == 403
