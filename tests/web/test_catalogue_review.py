"""Catalogue review: unmapped indicators with a suggestion; leader or province admin decides."""

from __future__ import annotations

from sqlalchemy import select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import CatalogueIndicator, Indicator


def _mark_for_review(web_url, world) -> tuple[str, str]:
    """Indicator A-office awaits review with a suggestion; A-economy has none. Returns two codes."""
    from nq57.track.catalogue import ensure_catalogue

    with session_scope(web_url) as s:
        ensure_catalogue(s)
        first, second = s.scalars(select(CatalogueIndicator).order_by(CatalogueIndicator.code).limit(2)).all()
        office, economy = s.get(Indicator, world.ind_a_office), s.get(Indicator, world.ind_a_economy)
        office.catalogue, office.mapping, office.mapping_score = first, "review", 60.0
        economy.catalogue, economy.mapping = None, "none"
        return first.code, second.code


def _mapping(web_url, indicator_id):
    with session_scope(web_url) as s:
        ind = s.get(Indicator, indicator_id)
        return ind.mapping, ind.catalogue.code if ind.catalogue else None


def test_leader_confirms_a_suggestion_and_picks_an_entry(client, world, web_url):
    suggested, other = _mark_for_review(web_url, world)
    login(client, "lanhdao.a")
    page = client.get("/catalogue-review")
    assert page.status_code == 200
    assert f'data-indicator="{world.ind_a_office}"' in page.text and f'data-indicator="{world.ind_a_economy}"' in page.text
    assert f'<option value="{suggested}" selected>' in page.text  # the suggestion is preselected
    token = csrf_of(page.text)
    done = client.post(f"/catalogue-review/{world.ind_a_office}", data={"csrf_token": token, "code": suggested})
    assert done.status_code == 200 and f"khớp với mã {suggested}" in done.text
    assert f'data-indicator="{world.ind_a_office}"' not in done.text  # decided: off the list
    client.post(f"/catalogue-review/{world.ind_a_economy}", data={"csrf_token": token, "code": other})
    assert _mapping(web_url, world.ind_a_office) == ("manual", suggested)
    assert _mapping(web_url, world.ind_a_economy) == ("manual", other)


def test_no_catalogue_counterpart_and_unknown_code(client, world, web_url, token_for):
    _mark_for_review(web_url, world)
    leader = token_for("lanhdao.a")
    unknown = client.put(f"/api/indicators/{world.ind_a_office}/catalogue", json={"code": "KHONG-CO"}, headers=leader)
    assert unknown.status_code == 422 and "KHONG-CO" in unknown.json()["detail"]
    assert _mapping(web_url, world.ind_a_office)[0] == "review"
    none = client.put(f"/api/indicators/{world.ind_a_office}/catalogue", json={"code": None}, headers=leader)
    assert none.status_code == 200
    assert _mapping(web_url, world.ind_a_office) == ("manual", None)
    listed = client.get("/api/catalogue/review", headers=leader).json()
    assert [r["id"] for r in listed] == [world.ind_a_economy]


def test_only_leader_of_the_commune_or_province_admin_reviews(client, world, web_url, token_for, make_user):
    suggested, _ = _mark_for_review(web_url, world)
    path = f"/api/indicators/{world.ind_a_office}/catalogue"
    for user in ("vanphong.a", "xem.a", "tinh"):
        assert client.put(path, json={"code": suggested}, headers=token_for(user)).status_code == 403, user
    make_user("lanhdao.b", "commune_leader", province_id=world.province_id, commune_id=world.commune_b)
    assert client.put(path, json={"code": suggested}, headers=token_for("lanhdao.b")).status_code == 403
    assert _mapping(web_url, world.ind_a_office)[0] == "review"
    make_user("quantri.tinh", "province_admin", province_id=world.province_id)
    admin = token_for("quantri.tinh")
    listed = client.get("/api/catalogue/review", headers=admin).json()
    assert {r["id"] for r in listed} >= {world.ind_a_office, world.ind_a_economy}
    assert all(r["commune"] for r in listed)
    assert client.put(path, json={"code": suggested}, headers=admin).status_code == 200
    assert _mapping(web_url, world.ind_a_office) == ("manual", suggested)
