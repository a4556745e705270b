"""Web fixtures: an app on a fresh SQLite file and accounts."""

from __future__ import annotations

import pytest
from web_helpers import PASSWORD, TestClient, sample_plan

from nq57.store.db import session_scope
from nq57.web import accounts
from nq57.web.app import create_app


@pytest.fixture(autouse=True)
def quick_argon2(monkeypatch):
    """Cheaper argon2 parameters in tests only (the production ones cost ~0.1 s per hash)."""
    from argon2 import PasswordHasher

    from nq57.web import security

    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def web_url(db_url):
    """Every web test runs on SQLite and on PostgreSQL (the shared `db_url` fixture)."""
    from nq57.web import cache

    cache.clear()  # ids restart after the PostgreSQL tables are truncated between tests
    return db_url


@pytest.fixture
def app(web_url):
    return create_app(web_url)


@pytest.fixture
def make_user(app, web_url):
    def make(username: str, role: str, **scope) -> int:
        with session_scope(web_url) as s:
            return accounts.create_user(s, username, PASSWORD, role, **scope).id

    return make


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


class World:
    """Two communes of one province, one plan each, and an account for every role."""

    province_id: int
    commune_a: int
    commune_b: int
    ind_a_office: int
    ind_a_economy: int
    ind_b_office: int
    task_a_economy: int
    period: str


@pytest.fixture
def world(app, web_url, make_user) -> World:
    from datetime import date

    from nq57.store.models.tracking import Unit
    from nq57.text.vietnamese import fold
    from nq57.track.plans import import_plan

    w = World()
    w.period = f"{date.today().year}-01"
    with session_scope(web_url) as s:
        province = Unit(code="PTEST", kind="province", level="tỉnh", name="Tỉnh Mẫu", short_name="Mẫu", folded="mau")
        s.add(province)
        s.flush()
        communes = []
        for code, name in (("WTEST1", "Thử Nghiệm"), ("WTEST2", "Bên Cạnh")):
            unit = Unit(code=code, kind="commune", level="xã", name=f"Xã {name}", short_name=name,
                        folded=fold(name), parent_id=province.id)
            s.add(unit)
            communes.append(unit)
        s.flush()
        plans = [import_plan(s, sample_plan(date.today().year), c, "test.json", actor="test").plan for c in communes]
        s.flush()
        w.province_id = province.id
        w.commune_a, w.commune_b = communes[0].id, communes[1].id
        w.ind_a_office, w.ind_a_economy = (i.id for i in plans[0].indicators)
        w.ind_b_office = plans[1].indicators[0].id
        w.task_a_economy = plans[0].tasks[0].id
        office_a = plans[0].indicators[0].lead_unit_id
        economy_a = plans[0].indicators[1].lead_unit_id
        office_b = plans[1].indicators[0].lead_unit_id
    make_user("lanhdao.a", "commune_leader", province_id=w.province_id, commune_id=w.commune_a)
    make_user("vanphong.a", "unit_officer", province_id=w.province_id, commune_id=w.commune_a, unit_id=office_a)
    make_user("kinhte.a", "unit_officer", province_id=w.province_id, commune_id=w.commune_a, unit_id=economy_a)
    make_user("xem.a", "commune_viewer", province_id=w.province_id, commune_id=w.commune_a)
    make_user("vanphong.b", "unit_officer", province_id=w.province_id, commune_id=w.commune_b, unit_id=office_b)
    make_user("tinh", "province_viewer", province_id=w.province_id)
    return w


@pytest.fixture
def token_for(web_url):
    """An API token for a username."""

    def issue(username: str) -> dict[str, str]:
        from sqlalchemy import select

        from nq57.store.models.accounts import User

        with session_scope(web_url) as s:
            user = s.scalar(select(User).where(User.username == username))
            return {"Authorization": f"Bearer {accounts.issue_api_token(s, user)}"}

    return issue
