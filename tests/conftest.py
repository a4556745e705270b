"""Shared fixtures: `db_url` runs a test on SQLite and on PostgreSQL.

SQLite: the schema is migrated once into a template file that each test copies.
PostgreSQL (127.0.0.1:5432, user postgres): one uniquely named database per test session,
migrated once, tables truncated between tests, dropped at the end; skipped with a reason
when the server is unreachable. Set NQ57_TEST_PG_URL to use another server.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date

import pytest

PG_ADMIN_URL = os.environ.get("NQ57_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> str:
    from nq57.store import db

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = db.get_engine(f"sqlite:///{path}")
    engine.dispose()
    db._engines.pop(f"sqlite:///{path}", None)
    return str(path)


@pytest.fixture(scope="session")
def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from nq57.store import db

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {str(exc.orig).splitlines()[0]}")
    name = f"nq57_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        db.get_engine(url)
        yield url
    finally:
        engine = db._engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        db._upgraded.discard(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _truncate(url: str) -> None:
    from sqlalchemy import text

    from nq57.store import db
    from nq57.store.base import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.get_engine(url).begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def truncate_tables():
    """`truncate_tables(url)` empties every table of a PostgreSQL test database."""
    return _truncate


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """A migrated, empty database; NQ57_DATABASE_URL and NQ57_DATA_DIR point to it."""
    from nq57.store import db

    monkeypatch.setenv("NQ57_DATA_DIR", str(tmp_path / "data"))
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("_pg_database")
        _truncate(url)
    monkeypatch.setenv("NQ57_DATABASE_URL", url)
    yield url
    if request.param == "sqlite":
        engine = db._engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        db._upgraded.discard(url)


@pytest.fixture
def session(db_url):
    from nq57.store.db import session_factory

    s = session_factory(db_url)()
    try:
        yield s
    finally:
        s.rollback()
        s.close()


@pytest.fixture
def places(session):
    """A few provinces and communes, enough for lookups without loading the whole registry."""
    from nq57.store.models.tracking import Unit
    from nq57.text.vietnamese import fold

    def add(code, kind, level, name, short, parent=None):
        unit = Unit(code=code, kind=kind, level=level, name=name, short_name=short, folded=fold(short),
                    parent_id=parent.id if parent else None, valid_from=date(2025, 7, 1))
        session.add(unit)
        session.flush()
        return unit

    lam = add("X90", "province", "tỉnh", "Tỉnh Lâm Hà", "Lâm Hà")
    bien = add("X91", "province", "thành phố trung ương", "Thành phố Biển Xanh", "Biển Xanh")
    units = {
        "lam": lam,
        "bien": bien,
        "tan_an": add("XW90001", "commune", "phường", "Phường Tân An", "Tân An", lam),
        "hoa_binh_lam": add("XW90002", "commune", "xã", "Xã Hòa Bình", "Hòa Bình", lam),
        "hoa_binh_bien": add("XW90003", "commune", "phường", "Phường Hòa Bình", "Hòa Bình", bien),
        "cat_lai": add("XW90004", "commune", "xã", "Xã Cát Lái", "Cát Lái", bien),
    }
    session.commit()
    return units


def sample_plan(year: int = 2026, number: str = "15/KH-UBND") -> dict:
    """An invented plan in the Plan JSON shape (not any seed's wording)."""
    return {
        "document": {
            "kind": "plan",
            "number": number,
            "issuer": "UBND phường Tân An",
            "locality": {"name": "Tân An", "level": "phường", "province": "Lâm Hà"},
            "issued_on": f"{year}-02-03",
            "title": f"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW năm {year} của phường Tân An",
            "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
            "signer": {"name": "Lê Thị Mai", "title": "Chủ tịch"},
            "references": ["57-NQ/TW", "71/NQ-CP", "12-KH/TU"],
        },
        "indicators": [
            {"code": "1", "group": "Hạ tầng số", "name": "Tỷ lệ phủ sóng 5G khu dân cư", "unit": "%",
             "targets": [{"year": year, "op": ">=", "value": 80, "text": "≥ 80%"}],
             "lead": "Phòng VHXH", "evaluator": None, "director": None},
            {"code": "2", "group": "Hành chính số", "name": "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
             "unit": "%", "targets": [{"year": year, "op": ">=", "value": 90, "text": "90%"}],
             "lead": "Trung tâm Phục vụ hành chính công", "evaluator": "Phòng Văn hóa – Xã hội", "director": None},
            {"code": "1", "group": "Hành chính số", "name": "Tỷ lệ hồ sơ giải quyết trễ hạn", "unit": "%",
             "targets": [{"year": year, "op": "<=", "value": 2, "text": "không quá 2%"}],
             "lead": "Trung tâm PVHCC", "evaluator": None, "director": None},
            {"code": "3", "group": "Hành chính số", "name": "Có cổng thông tin điện tử của phường", "unit": "",
             "targets": [{"year": year, "op": "bool", "value": True, "text": "Có"}],
             "lead": "Văn phòng HĐND và UBND", "evaluator": None, "director": None},
        ],
        "tasks": [
            {"code": "1", "group": "Nhận thức", "name": "Ban hành kế hoạch tuyên truyền về chuyển đổi số",
             "lead": "Phòng Văn hoá - Xã hội", "support": ["Công an phường"], "product": "Kế hoạch",
             "deadline": {"text": f"Quý I/{year}", "due": f"{year}-03-31", "recurrence": None}},
            {"code": "2", "group": "Nhận thức", "name": "Tập huấn kỹ năng số cho cán bộ",
             "lead": "Phòng VHXH; Trung tâm PVHCC", "support": [], "product": "Lớp tập huấn",
             "deadline": {"text": f"Tháng 6/{year}", "due": f"{year}-06-30", "recurrence": None}},
            {"code": "3", "group": "Báo cáo", "name": "Báo cáo tình hình thực hiện hằng tháng",
             "lead": "Văn phòng HĐND và UBND", "support": [], "product": "Báo cáo",
             "deadline": {"text": "Hằng tháng", "due": None, "recurrence": "monthly"}},
        ],
        "budget": [
            {"code": "1", "item": "Mua sắm thiết bị họp trực tuyến", "amount": 250, "unit": "triệu đồng"},
            {"code": "2", "item": "Tập huấn kỹ năng số", "amount": 40, "unit": "triệu đồng"},
        ],
        "results": [],
    }


@pytest.fixture
def plan_json() -> dict:
    return sample_plan()


@pytest.fixture
def make_plan():
    """`make_plan(year=2026, number=...)` builds a fresh sample Plan JSON."""
    return sample_plan


@pytest.fixture
def imported(session, places, plan_json):
    """The sample plan imported into Phường Tân An (Lâm Hà)."""
    from nq57.track.plans import import_plan

    result = import_plan(session, plan_json, places["tan_an"], "ke-hoach-tan-an.json", actor="tester")
    session.commit()
    return result
