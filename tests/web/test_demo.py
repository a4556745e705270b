"""`nq57 demo`: the seeds in their communes, values marked demo, accounts, idempotent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from nq57.demo.build import ROLE_ACCOUNTS, build_demo, find_seeds
from nq57.errors import UserError
from nq57.store.db import session_scope
from nq57.store.models.accounts import User
from nq57.store.models.tracking import Plan, Value

pytestmark = pytest.mark.slow


def _counts(url):
    with session_scope(url) as s:
        return {
            "plans": s.scalar(select(func.count(Plan.id))),
            "values": s.scalar(select(func.count(Value.id))),
            "users": s.scalar(select(func.count(User.id))),
            "not_demo_values": s.scalar(select(func.count(Value.id)).where(Value.is_demo.is_(False))),
            "not_demo_plans": s.scalar(select(func.count(Plan.id)).where(Plan.is_demo.is_(False))),
        }


def test_demo_is_complete_marked_and_idempotent(web_url, monkeypatch):
    from nq57.cli import app

    monkeypatch.setenv("NQ57_DATABASE_URL", web_url)
    seeds = [p for p in find_seeds().iterdir() if p.suffix == ".txt"]
    result = CliRunner().invoke(app, ["demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    for username, _, _ in ROLE_ACCOUNTS:
        assert username in result.output
    documents = [line for line in result.output.splitlines() if line.strip().startswith("- ")]
    assert len(documents) == len(seeds)
    assert sum("bỏ qua" in line for line in documents) <= 1
    after_first = _counts(web_url)
    assert after_first["values"] > 100
    assert after_first["users"] == len(ROLE_ACCOUNTS)
    assert after_first["not_demo_values"] == 0 and after_first["not_demo_plans"] == 0
    build_demo(url=web_url)
    assert _counts(web_url) == after_first


def test_demo_fails_clearly_without_seeds(tmp_path):
    with pytest.raises(UserError, match="văn bản mẫu"):
        find_seeds(tmp_path / "khong-co")

