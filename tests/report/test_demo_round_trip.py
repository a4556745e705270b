"""The issue's round trip on the demo: for every demo commune, the report's .docx read back by
the extractor gives every value and status the database holds."""

from __future__ import annotations

import pytest
from report_sample import best_match, read_back
from sqlalchemy import select

from nq57.report.from_track import build_content
from nq57.store.db import session_scope
from nq57.store.models.tracking import Plan, Unit
from nq57.track.status import commune_status

demo = pytest.importorskip("nq57.demo.build")
pytestmark = pytest.mark.slow
PERIODS = ("2026-Q3", "2026")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    demo.build_demo(url=url)
    return url


def _cases(url: str):
    with session_scope(url) as s:
        communes = s.scalars(
            select(Unit)
            .where(Unit.id.in_(select(Plan.commune_id).where(Plan.kind == "plan")))
            .order_by(Unit.id)
        ).all()
        for commune in communes:
            for period in PERIODS:
                status = commune_status(s, commune, period, demo.AS_OF)
                content = build_content(s, commune, period, as_of=demo.AS_OF)
                yield commune.name, period, status, content


def _mismatches(rows, results) -> list[str]:
    problems = []
    for row in rows:
        found = best_match(row.name, results)
        if found is None:
            problems.append(f"{row.name}: not read back")
            continue
        if found["status"] != row.status:
            problems.append(f"{row.name}: status {found['status']} != {row.status}")
        if (row.value is None) != (found["actual"] is None) or (
            row.value is not None and abs(found["actual"] - row.value) > 0.006
        ):
            problems.append(f"{row.name}: value {found['actual']} != {row.value}")
        if row.target is not None and (found["target"] or {}).get("value") != pytest.approx(row.target):
            problems.append(f"{row.name}: target {found['target']} != {row.target}")
    return problems


def test_demo_reports_read_back_with_the_databases_values(demo_url, tmp_path):
    checked = 0
    for name, period, status, content in _cases(demo_url):
        rows = [r for r in status.indicators if r.target_op != "bool"]
        results = read_back(content, tmp_path)
        assert _mismatches(rows, results) == [], (name, period)
        checked += len(rows)
    assert checked > 40


def test_demo_yes_no_indicators_read_back(demo_url, tmp_path):
    rows_seen = 0
    for _name, _period, status, content in _cases(demo_url):
        rows = [r for r in status.indicators if r.target_op == "bool"]
        rows_seen += len(rows)
        assert _mismatches(rows, read_back(content, tmp_path)) == []
    assert rows_seen
