"""Tracking core benchmark (issue 4): prints figures, asserts nothing.

For SQLite (a temporary file) and PostgreSQL (a temporary database on 127.0.0.1:5432, skipped
when unreachable): import the five seed documents (extracted once, beforehand), create 100
communes of one province each with the richest seed plan and 3 years (2024-2026) of monthly
values and task progress, then time a commune's full status + alerts and the whole province's.
Goal: a commune's full status < 50 ms, a province < 1 s.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text

from nq57.domain.periods import Period, PeriodKind
from nq57.store import db
from nq57.store.models.tracking import Indicator, Plan, Task, TaskProgress, Unit, Value
from nq57.track import plans, units, values
from nq57.track.alerts import alerts, province_alerts
from nq57.track.status import commune_status, province_status

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.exists()), None)
GOLD = next((p for p in (ROOT.parent / "shared" / "gold", Path("/work/shared/gold")) if p.exists()), None)
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
COMMUNES = 100
YEARS = (2024, 2025, 2026)
SERVICE_SAMPLE = 2000  # values written through the full service (validation, audit)


def documents() -> list[tuple[str, dict, float]]:
    """(name, Plan JSON, extraction seconds) for the five seeds; gold JSON if no extractor."""
    out = []
    try:
        from nq57.extract.pipeline import extract_file
    except ImportError:
        extract_file = None
    if SEEDS is not None and extract_file is not None:
        for path in sorted(SEEDS.glob("*.txt")):
            start = time.perf_counter()
            plan = extract_file(path).plan.model_dump(mode="json")
            out.append((path.name, plan, time.perf_counter() - start))
    elif GOLD is not None:
        for path in sorted(GOLD.glob("*.json")):
            out.append((path.name, json.loads(path.read_text(encoding="utf-8")), 0.0))
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run(url: str, label: str, docs: list[tuple[str, dict, float]]) -> None:
    print(f"\n== {label}")
    engine = db.get_engine(url)
    make = db.session_factory(url)
    with make() as s:
        start = time.perf_counter()
        units.load_units(s)
        s.commit()
        print(f"units load: {time.perf_counter() - start:.2f} s")
        richest = None
        for name, plan_json, _ in docs:
            loc = plan_json["document"].get("locality") or {}
            commune = units.find_commune(s, f"{loc.get('name')}, {loc.get('province')}")
            start = time.perf_counter()
            result = plans.import_plan(s, plan_json, commune, name)
            s.commit()
            print(f"import {name}: {ms(time.perf_counter() - start)} "
                  f"({result.indicators} indicators, {result.tasks} tasks)")
            if richest is None or result.indicators + result.tasks > richest[1]:
                richest = (plan_json, result.indicators + result.tasks)

        province = max(
            s.scalars(select(Unit).where(Unit.kind == "province")),
            key=lambda p: len(units.communes_of(s, p)),
        )
        communes = units.communes_of(s, province)[:COMMUNES]
        start = time.perf_counter()
        for c in communes:
            plans.import_plan(s, richest[0], c, "bench.json", is_demo=True)
        s.commit()
        print(f"import richest plan into {len(communes)} communes of {province.short_name}: "
              f"{ms((time.perf_counter() - start) / len(communes))} per plan")

        commune_ids = [c.id for c in communes]
        indicators = s.scalars(
            select(Indicator).join(Plan).where(Plan.commune_id.in_(commune_ids), Indicator.seq > 0)
        ).all()
        tasks = s.scalars(select(Task).join(Plan).where(Plan.commune_id.in_(commune_ids), Task.seq > 0)).all()
        months = [Period(y, PeriodKind.MONTH, m) for y in YEARS for m in range(1, 13)]
        rng = random.Random(57)

        # Through the service (validation, optimistic locking, audit): a sample, timed.
        sample = [(ind, p) for ind in indicators[:60] for p in months][:SERVICE_SAMPLE]
        start = time.perf_counter()
        for ind, p in sample:
            values.set_value(s, ind, str(p), value=round(40 + p.index * 3 + rng.random() * 5, 2),
                             note="bench", actor="bench", check=True)
        s.commit()
        service_rate = len(sample) / (time.perf_counter() - start)
        print(f"values written through the service: {service_rate:,.0f} /s ({len(sample)} values)")

        done = {(ind.id, str(p)) for ind, p in sample}
        now = datetime(2026, 1, 1)
        rows = [
            {"indicator_id": ind.id, "commune_id": ind.plan.commune_id, "period": str(p), "period_end": p.end,
             "value": round(30 + (p.year - 2024) * 15 + p.index * 2 + rng.random() * 8, 2), "state": "approved",
             "entered_by": "bench", "entered_at": now, "version": 1, "is_demo": True}
            for ind in indicators for p in months if (ind.id, str(p)) not in done
        ]
        start = time.perf_counter()
        for i in range(0, len(rows), 5000):
            s.execute(insert(Value), rows[i:i + 5000])
        s.commit()
        print(f"values bulk-inserted: {len(rows) / (time.perf_counter() - start):,.0f} /s ({len(rows)} values)")
        progress = [
            {"task_id": t.id, "commune_id": t.plan.commune_id, "period": str(p), "period_end": p.end,
             "status": rng.choice(["in_progress", "in_progress", "done", "not_started"]),
             "percent": rng.choice([None, 30.0, 60.0, 100.0]), "state": "submitted", "entered_by": "bench",
             "entered_at": now, "version": 1, "is_demo": True}
            for t in tasks for p in months
        ]
        for i in range(0, len(progress), 5000):
            s.execute(insert(TaskProgress), progress[i:i + 5000])
        s.commit()
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("ANALYZE"))  # fresh planner statistics, as autovacuum would give
            s.commit()
        print(f"data: {len(communes)} communes, {len(indicators)} indicators, {len(sample) + len(rows)} values, "
              f"{len(progress)} task progress rows")

    as_of = date(2026, 6, 25)
    with make() as s:
        one = s.get(Unit, communes[0].id)
        timings = []
        for _ in range(7):
            start = time.perf_counter()
            st = commune_status(s, one, "2026", as_of)
            alerts(s, one, as_of, status=st)
            timings.append(time.perf_counter() - start)
        print(f"one commune, full status + alerts: median {ms(statistics.median(timings))} "
              f"(min {ms(min(timings))}) — {st.summary.text}")
        province = s.get(Unit, communes[0].parent_id)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            found = province_status(s, province, "2026", as_of)
            by_commune = province_alerts(s, province, as_of, found=found)
            timings.append(time.perf_counter() - start)
        n_alerts = sum(len(v) for v in by_commune.values())
        print(f"province of {len(found)} communes, every status + alerts: median {statistics.median(timings):.2f} s "
              f"({n_alerts} alerts)")
    engine.dispose()
    db._engines.pop(url, None)


def main() -> int:
    docs = documents()
    if not docs:
        print("no seed documents found; nothing to measure")
        return 0
    for name, _, seconds in docs:
        if seconds:
            print(f"extract {name}: {seconds:.2f} s (extractor, not counted in import)")
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.environ["NQ57_DATA_DIR"] = tmp
        run(f"sqlite:///{tmp}/bench.sqlite3", "SQLite", docs)
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "skip"
        print(f"\n== PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return 0
    name = f"nq57_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        run(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", "PostgreSQL", docs)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
