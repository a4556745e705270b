"""Web benchmark (issue 5): prints p50/p95 server time, asserts nothing.

SQLite in a temporary folder: the administrative units, the richest seed plan imported into
100 communes of one province, 3 years (2024-2026) of monthly values and task progress.
Times, in process (FastAPI TestClient, so no network), the commune dashboard (goal < 150 ms;
first view after a change, and repeated views) and the province view over the 100 communes
(goal < 500 ms).
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
GOLD = next((p for p in (ROOT.parent / "shared" / "gold", Path("/work/shared/gold")) if p.exists()), None)
COMMUNES = 100
YEARS = (2024, 2025, 2026)
PASSWORD = "bench-password"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def richest_plan() -> dict:
    """The seed plan with the most indicators and tasks (the hand-made JSON, to skip extraction)."""
    plans = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return max(plans, key=lambda p: len(p["indicators"]) + len(p["tasks"]))


def build(url: str) -> tuple[int, int]:
    """Load the data; returns (a commune id, its province id)."""
    from nq57.domain.periods import Period, PeriodKind
    from nq57.store import db
    from nq57.store.models.tracking import Indicator, Plan, Task, TaskProgress, Unit, Value
    from nq57.track import plans, units
    from nq57.web import accounts

    plan_json = richest_plan()
    with db.session_scope(url) as s:
        units.load_units(s)
    with db.session_scope(url) as s:
        province = max(s.scalars(select(Unit).where(Unit.kind == "province")),
                       key=lambda p: len(units.communes_of(s, p)))
        communes = units.communes_of(s, province)[:COMMUNES]
        for c in communes:
            plans.import_plan(s, plan_json, c, "bench.json", is_demo=True)
        s.flush()
        ids = [c.id for c in communes]
        indicators = s.scalars(select(Indicator).join(Plan).where(Plan.commune_id.in_(ids), Indicator.seq > 0)).all()
        tasks = s.scalars(select(Task).join(Plan).where(Plan.commune_id.in_(ids), Task.seq > 0)).all()
        months = [Period(y, PeriodKind.MONTH, m) for y in YEARS for m in range(1, 13)]
        rng = random.Random(57)
        now = datetime(2026, 1, 1)
        rows = [{"indicator_id": i.id, "commune_id": i.plan.commune_id, "period": str(p), "period_end": p.end,
                 "value": round(30 + (p.year - 2024) * 15 + p.index * 2 + rng.random() * 8, 2), "state": "approved",
                 "entered_by": "bench", "entered_at": now, "version": 1, "is_demo": True}
                for i in indicators for p in months]
        for k in range(0, len(rows), 5000):
            s.execute(insert(Value), rows[k:k + 5000])
        progress = [{"task_id": t.id, "commune_id": t.plan.commune_id, "period": str(p), "period_end": p.end,
                     "status": rng.choice(["in_progress", "done", "not_started"]), "percent": 50.0,
                     "state": "submitted", "entered_by": "bench", "entered_at": now, "version": 1, "is_demo": True}
                    for t in tasks for p in months]
        for k in range(0, len(progress), 5000):
            s.execute(insert(TaskProgress), progress[k:k + 5000])
        accounts.create_user(s, "bench.lanhdao", PASSWORD, "commune_leader", province_id=province.id,
                             commune_id=communes[0].id)
        accounts.create_user(s, "bench.tinh", PASSWORD, "province_viewer", province_id=province.id)
        print(f"data: {len(communes)} communes of {province.name}, {len(indicators)} indicators, "
              f"{len(rows)} values, {len(progress)} task progress rows ({YEARS[0]}-{YEARS[-1]})")
        return communes[0].id, province.id


def login(client, username: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.status_code


def timed(client, path: str, runs: int) -> list[float]:
    client.get(path)  # warm-up (template compilation, caches)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        out.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return out


def cold(client, path: str, runs: int, forget) -> list[float]:
    """Each request after emptying the web cache, as after any change to the data."""
    client.get(path)
    out = []
    for _ in range(runs):
        forget()
        start = time.perf_counter()
        response = client.get(path)
        out.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return out


def report(label: str, samples: list[float], goal_ms: float) -> None:
    p50, p95 = percentile(samples, 0.5) * 1000, percentile(samples, 0.95) * 1000
    print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(samples)} requests "
          f"(goal < {goal_ms:.0f} ms; mean {statistics.mean(samples) * 1000:.1f} ms)")


def main() -> int:
    if GOLD is None:
        print("shared/gold not found: nothing to benchmark")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NQ57_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        start = time.perf_counter()
        commune_id, _ = build(url)
        print(f"setup: {time.perf_counter() - start:.1f} s")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient
        from nq57.web.app import create_app

        app = create_app(url)
        from nq57.web import cache

        with TestClient(app) as leader:
            login(leader, "bench.lanhdao")
            report("commune dashboard, 3 years of data, first view after a change",
                   cold(leader, "/dashboard?period=2026-06", 20, cache.clear), 150)
            report("commune dashboard, 3 years of data, repeated views",
                   timed(leader, "/dashboard?period=2026-06", 40), 150)
            report("commune status API (/api/communes/{id}/status)",
                   timed(leader, f"/api/communes/{commune_id}/status?period=2026-06", 40), 150)
        with TestClient(app) as province:
            login(province, "bench.tinh")
            report(f"province view, {COMMUNES} communes (ranking + who has reported)",
                   timed(province, "/province?period=2026-06", 20), 500)
            body = province.get("/api/province/ranking?period=2026-06").json()
            ranked = sum(1 for r in body["ranking"] if r["rank"] is not None)
            print(f"  (indicator ranked: {body['indicator']['code'] if body['indicator'] else None}; "
                  f"{ranked} communes ranked; {len(body['completeness'])} communes in the reporting table)")
        app.state.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
