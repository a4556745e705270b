"""Web fixtures: an app on a fresh SQLite file and accounts."""

from __future__ import annotations

import pytest
from web_helpers import PASSWORD, TestClient

from nq57.store.db import session_scope
from nq57.web import accounts
from nq57.web.app import create_app


@pytest.fixture
def web_url(tmp_path, monkeypatch):
    monkeypatch.setenv("NQ57_DATA_DIR", str(tmp_path / "data"))
    return f"sqlite:///{tmp_path / 'web.sqlite3'}"


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
