"""National scale benchmark (issue 7): build a national dataset through the tracking
services, then time the aggregates officials open. Prints figures; asserts nothing.

    python bench/national.py --small --database-url postgresql+psycopg://postgres@127.0.0.1:5432/nq57_nat
    python bench/national.py --database-url URL --focus P01 --workers 2 --build-only   # long build
    python bench/national.py --database-url URL --no-build                            # measure only

`--small`: 2 provinces x 2 communes (about a minute on an idle 2-core machine). Without it: every commune of
the registry (~3,300; resumable: communes already built are skipped), the `--focus`
province first and whole, then the others interleaved so a build stopped early still spans
every province. `--limit N` stops after N communes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import text  # noqa: E402

from nq57.scale import builder  # noqa: E402
from nq57.store import db  # noqa: E402

SAMPLES = 200


def _url(raw: str) -> str:
    return raw.replace("postgresql://", "postgresql+psycopg://", 1) if raw.startswith("postgresql://") else raw


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return cuts[49], cuts[94]


def database_size(url: str) -> str:
    if not url.startswith("postgresql"):
        path = Path(url.split("///", 1)[1])
        return f"{path.stat().st_size / 1e6:,.1f} MB (SQLite file)"
    with db.get_engine(url).connect() as conn:
        return conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar_one()


def run_build(url: str, args: argparse.Namespace) -> builder.BuildReport:
    spec = builder.BuildSpec(
        provinces=2 if args.small else None,
        communes_per_province=2 if args.small else None,
        workers=args.workers,
    )
    print(f"== build ({'small' if args.small else 'national'}), {spec.months} tháng đến {spec.last_month()}")
    report = builder.build(url, spec, lambda line: print(line, flush=True), focus=args.focus, limit=args.limit)
    print(f"built: {report.communes} communes ({report.skipped} already there), {report.indicators:,} indicators, "
          f"{report.tasks:,} tasks, {report.values:,} values, {report.progress:,} task progress entries")
    print(f"build time: {report.seconds:.1f} s; throughput: {report.values_per_second:,.0f} values/s, "
          f"{report.writes_per_second:,.0f} writes/s (values + progress, each with its audit entry)")
    return report


# --- measuring ---------------------------------------------------------------------
def timed(samples: int, call) -> list[float]:
    out = []
    for i in range(samples):
        start = time.perf_counter()
        call(i)
        out.append(time.perf_counter() - start)
    return out


def report(name: str, samples: list[float], goal_ms: float | None) -> None:
    p50, p95 = percentiles(samples)
    verdict = ""
    if goal_ms is not None:
        verdict = f" — goal p95 < {goal_ms:.0f} ms: {'met' if p95 * 1000 < goal_ms else 'MISSED'}"
    print(f"{name}: p50 {ms(p50)}, p95 {ms(p95)} (n={len(samples)}){verdict}", flush=True)


def _viewer(session, province):
    from nq57.web import accounts
    from nq57.web.deps import Viewer

    user = accounts.create_user(session, "bench-national-viewer", "bench-national-pw", "province_viewer",
                                province_id=province.id)
    session.commit()
    return Viewer(user=user, csrf_token="", via_token=False)


def measure(url: str, samples: int, today: date, web_samples: int) -> None:
    from sqlalchemy import func, select

    from nq57.scale import catalogue as bench_catalogue
    from nq57.scale import rollups
    from nq57.store.models.tracking import Indicator, Plan, Unit, Value
    from nq57.track import values as value_service
    from nq57.track.status import commune_status
    from nq57.web.routes.dashboard import dashboard_data
    from nq57.web.routes.province import ranking_data

    period = str(builder.BuildSpec().last_month())
    codes = [e["code"] for e in bench_catalogue.entries()]
    make = db.session_factory(url)
    with make() as s:
        province_id, size = s.execute(
            select(Unit.parent_id, func.count()).join(Plan, Plan.commune_id == Unit.id)
            .group_by(Unit.parent_id).order_by(func.count().desc()).limit(1)
        ).one()
        province = s.get(Unit, province_id)
        communes = s.scalars(select(Unit.id).join(Plan, Plan.commune_id == Unit.id)
                             .where(Unit.parent_id == province_id).order_by(Unit.id)).all()
        who = _viewer(s, province)
        nationally = s.scalar(select(func.count(func.distinct(Plan.commune_id))))
        provinces = s.scalar(select(func.count(func.distinct(Unit.parent_id))).join(Plan, Plan.commune_id == Unit.id))
    print(f"== measuring period {period}, as of {today}: province {province.name} ({size} communes with data), "
          f"national roll-up over {nationally} communes in {provinces} provinces", flush=True)

    def dashboard(i: int) -> None:
        with make() as s:
            data = dashboard_data(s, who, communes[i % len(communes)], period)
            assert data["status"].indicators

    def comparison(i: int) -> None:
        with make() as s:
            assert rollups.province_comparison(s, s.get(Unit, province_id), codes[i % len(codes)], period, today)

    def national(i: int) -> None:
        with make() as s:
            assert rollups.national_rollup(s, codes[i % len(codes)], period, today)

    def missing(i: int) -> None:
        with make() as s:
            rollups.not_reported(s, s.get(Unit, province_id), period)

    def web_province(i: int) -> None:
        # Cold: the web cache is keyed on the newest audit id, and during a reporting window
        # some commune of the country writes every second, so a warm hit is the exception.
        from nq57.web import cache

        cache.clear()
        with make() as s:
            assert ranking_data(s, who, None, period)["ranking"]

    report("commune dashboard (web dashboard_data: status + alerts + pins)", timed(samples, dashboard), 100)
    report("province comparison, one indicator (nq57.scale.rollups)", timed(samples, comparison), 300)
    report("national roll-up by province, one indicator", timed(samples, national), 1000)
    report("who has not reported, one province", timed(samples, missing), 300)
    if web_samples:
        report("web province page's ranking_data, cache cold (whole-province status, today's path)",
               timed(web_samples, web_province), 300)

    # A new value, then every aggregate read back until each shows it (no batch job).
    with make() as s:
        targets = s.execute(
            select(Indicator.id, Plan.commune_id)
            .join(Plan, Plan.id == Indicator.plan_id)
            .join(Value, (Value.indicator_id == Indicator.id) & (Value.period == period))
            .join(Unit, Unit.id == Plan.commune_id)
            .where(Unit.parent_id == province_id, Indicator.catalogue_id.is_not(None))
            .order_by(Indicator.id)
        ).all()

    def fresh_value(i: int) -> None:
        indicator_id, commune_id = targets[(i * 7919) % len(targets)]
        number = round(1000 + i + (time.perf_counter() % 1), 3)  # a value no generated series has
        with make() as s:
            indicator = s.get(Indicator, indicator_id)
            code = indicator.catalogue.code
            value_service.set_value(s, indicator, period, value=number, note="bench: đo thời gian hiển thị",
                                    actor="bench-national", check=False)
            s.commit()
        with make() as s:
            commune = s.get(Unit, commune_id)
            shown = commune_status(s, commune, period, today)
            assert any(r.id == indicator_id and r.value == number for r in shown.indicators)
            ranked = rollups.province_comparison(s, s.get(Unit, province_id), code, period, today)
            assert any(r.indicator_id == indicator_id and r.value == number for r in ranked)
            expected = [r.value for r in ranked if r.value is not None]
            rolled = next(r for r in rollups.national_rollup(s, code, period, today) if r.province_id == province_id)
            assert rolled.mean_value == round(sum(expected) / len(expected), 2)

    report("new value -> visible in dashboard, province comparison and national roll-up (write + 3 reads)",
           timed(samples, fresh_value), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--small", action="store_true", help="2 provinces x 2 communes")
    parser.add_argument("--focus", default="P01", help="province built first and whole (code, e.g. P01)")
    parser.add_argument("--limit", type=int, default=None, help="stop the build after N communes")
    parser.add_argument("--workers", type=int, default=1, help="build processes")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--samples", type=int, default=SAMPLES)
    parser.add_argument("--web-samples", type=int, default=20,
                        help="samples of the web province page's own path (whole-province status)")
    args = parser.parse_args(argv)
    url = _url(args.database_url)
    if not args.no_build:
        run_build(url, args)
        if url.startswith("postgresql"):
            # What autovacuum does a little later: fresh statistics for the planner.
            with db.get_engine(url).connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    with db.session_scope(url) as session:
        print("rows:", ", ".join(f"{k} {v:,}" for k, v in builder.counts(session).items()))
    print(f"database size: {database_size(url)}")
    if args.build_only:
        return 0
    measure(url, args.samples, date.today(), args.web_samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
