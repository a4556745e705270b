"""Aggregates across communes, read live from the tracking tables (no batch job: a value
counts in every aggregate as soon as its transaction commits).

- `province_comparison`: one catalogue indicator across a province's communes, with status,
  pace and forecast, ranked.
- `national_rollup`: one catalogue indicator by province (communes achieved / not achieved /
  not evaluated, mean of the values).
- `not_reported`: per commune and lead unit, the indicators still without a value for a
  month ("who has not reported").

Only the one indicator asked for is read (a few thousand rows nationally), and each commune's
row is computed by the tracking core's own rule (`nq57.track.status`), so a commune's status
here is the one its dashboard shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from nq57.domain.periods import Period, PeriodKind, containing_periods
from nq57.domain.statuses import evaluate
from nq57.domain.targets import YearTarget, target_for_year
from nq57.errors import UserError
from nq57.store.models.tracking import CatalogueIndicator, Indicator, Plan, Target, Unit, Value
from nq57.track.values import period_of

CHUNK = 5000  # ids per IN list


@dataclass(frozen=True)
class CommuneIndicator:
    commune_id: int
    commune: str
    province_id: int | None
    indicator_id: int
    value: float | None
    value_period: str | None
    target: float | None
    target_op: str | None
    status: str
    pace: str | None
    forecast: float | None
    rank: int | None = None


@dataclass(frozen=True)
class ProvinceRollup:
    province_id: int
    province: str
    communes: int
    achieved: int
    not_achieved: int
    not_evaluated: int
    reported: int
    mean_value: float | None


@dataclass(frozen=True)
class MissingReport:
    commune_id: int
    commune: str
    unit: str
    missing: int
    total: int


def catalogue_entry(session: Session, code: str) -> CatalogueIndicator:
    entry = session.scalar(select(CatalogueIndicator).where(CatalogueIndicator.code == code))
    if entry is None:
        raise UserError(f"danh mục không có chỉ tiêu mã '{code}'")
    return entry


def _covers(start: date | None, end: date | None, year: int) -> bool:
    return (start is None or start.year <= year) and (end is None or year <= end.year)


def indicator_across(
    session: Session, code: str, period: str, as_of: date, province: Unit | None = None, full: bool = True
) -> list[CommuneIndicator]:
    """Every commune's row for catalogue indicator `code` (optionally one province's).

    `full=False` (the national roll-up) reads one value per commune — the one that counts —
    and its baseline, and gives status only (no pace, no forecast, which need the series)."""
    from nq57.track import status as track_status

    p = period_of(period)
    entry = catalogue_entry(session, code)
    commune = aliased(Unit)
    query = (
        select(
            Indicator.id, Indicator.plan_id, Indicator.code, Indicator.name, Indicator.group_name, Indicator.unit,
            Indicator.direction, Indicator.lead_unit_id, Plan.kind, Plan.period_start, Plan.period_end,
            commune.id, commune.name, commune.parent_id,
        )
        .join(Plan, Plan.id == Indicator.plan_id)
        .join(commune, commune.id == Plan.commune_id)
        .where(Indicator.catalogue_id == entry.id, Indicator.seq > 0)
    )
    if province is not None:
        query = query.where(commune.parent_id == province.id)
    rows = session.execute(query).all()
    # Targets and values by an explicit id list: the index on indicator_id serves it whatever
    # the table statistics say (a sub-select let the planner pick a nested loop over every value).
    ids = [r[0] for r in rows]
    targets: dict[int, list[YearTarget]] = defaultdict(list)
    last_day = min(p.end, Period(as_of.year, PeriodKind.MONTH, as_of.month).end)
    values: dict[int, list] = defaultdict(list)
    for chunk in (ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)):
        for indicator_id, year, op, value, text in session.execute(
            select(Target.indicator_id, Target.year, Target.op, Target.value, Target.text).where(
                Target.indicator_id.in_(chunk)
            )
        ):
            targets[indicator_id].append(YearTarget(year, op, value, text))
        # Of the previous year only the last value counts (the baseline of pace and forecast),
        # so it alone is read: half the rows of reading both years.
        kept = (Value.indicator_id.in_(chunk), Value.state != "returned", Value.value.is_not(None))
        latest = func.row_number().over(
            partition_by=Value.indicator_id, order_by=(Value.period_end.desc(), Value.id.desc())
        ).label("latest")
        before = (
            select(Value.indicator_id, Value.period, Value.period_end, Value.value, Value.state, latest)
            .where(*kept, Value.period_end < date(p.year, 1, 1), Value.period_end >= date(p.year - 1, 1, 1))
            .subquery()
        )
        baseline = select(before.c.indicator_id, before.c.period, before.c.period_end, before.c.value,
                          before.c.state).where(before.c.latest == 1)
        this_year = (
            select(Value.indicator_id, Value.period, Value.period_end, Value.value, Value.state)
            .where(*kept, Value.period_end >= date(p.year, 1, 1), Value.period_end <= last_day)
            .order_by(Value.period_end, Value.id)
        )
        if full:
            for query in (baseline, this_year):
                for indicator_id, v_period, v_end, v_value, v_state in session.execute(query):
                    values[indicator_id].append(track_status.ValuePoint(indicator_id, v_period, v_end, v_value, v_state))
        else:
            for query in (baseline, _counting_value(chunk, p, last_day)):
                for indicator_id, v_period, v_end, v_value, v_state in session.execute(query):
                    values[indicator_id].append(track_status.ValuePoint(indicator_id, v_period, v_end, v_value, v_state))
    out = []
    for r in rows:
        ind_targets = sorted(targets[r[0]], key=lambda t: t.year)
        in_force = any(t.year == p.year for t in ind_targets) or (r.kind == "plan" and _covers(r[9], r[10], p.year))
        if not in_force:
            continue
        if not full:
            out.append(_lean_row(r, ind_targets, values[r[0]], p))
            continue
        ind = track_status.IndicatorFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], code, ind_targets)
        row = track_status.indicator_row(ind, values[r[0]], p, as_of, {})
        out.append(CommuneIndicator(
            commune_id=r[11], commune=r[12], province_id=r[13], indicator_id=r[0], value=row.value,
            value_period=row.value_period, target=row.target, target_op=row.target_op, status=row.status,
            pace=row.pace, forecast=row.forecast,
        ))
    return out


def _counting_value(ids: list[int], p: Period, last_day: date):
    """Per indicator, the value that counts for `p` (nq57.track.status): the value of that
    exact period, else the latest of the year up to `last_day`."""
    order = func.row_number().over(
        partition_by=Value.indicator_id,
        order_by=(case((Value.period == str(p), 0), else_=1), Value.period_end.desc(), Value.id.desc()),
    ).label("pick")
    ranked = (
        select(Value.indicator_id, Value.period, Value.period_end, Value.value, Value.state, order)
        .where(Value.indicator_id.in_(ids), Value.state != "returned", Value.value.is_not(None),
               Value.period_end >= date(p.year, 1, 1), Value.period_end <= last_day)
        .subquery()
    )
    return select(ranked.c.indicator_id, ranked.c.period, ranked.c.period_end, ranked.c.value,
                  ranked.c.state).where(ranked.c.pick == 1)


def _lean_row(r, targets: list[YearTarget], values: list, p: Period) -> CommuneIndicator:
    baseline = next((v for v in values if v.period_end.year < p.year), None)
    current = next((v for v in values if v.period_end.year == p.year), None)
    target = target_for_year(targets, p.year)
    op, tval = (target.op, target.value) if target else (None, None)
    status = evaluate(op, tval, current.value if current else None, r[6], baseline.value if baseline else None)
    return CommuneIndicator(
        commune_id=r[11], commune=r[12], province_id=r[13], indicator_id=r[0],
        value=current.value if current else None, value_period=current.period if current else None,
        target=tval, target_op=op, status=status.value, pace=None, forecast=None,
    )


def province_comparison(session: Session, province: Unit, code: str, period: str, as_of: date) -> list[CommuneIndicator]:
    """The province's communes on one indicator, best first (direction-aware); no value last."""
    entry = catalogue_entry(session, code)
    rows = indicator_across(session, code, period, as_of, province)
    lower_better = entry.direction == "lower"
    with_value = sorted((r for r in rows if r.value is not None), key=lambda r: (r.value, r.commune),
                        reverse=not lower_better)
    ranked = [CommuneIndicator(**{**r.__dict__, "rank": i}) for i, r in enumerate(with_value, start=1)]
    return ranked + sorted((r for r in rows if r.value is None), key=lambda r: r.commune)


def national_rollup(session: Session, code: str, period: str, as_of: date) -> list[ProvinceRollup]:
    """One indicator by province: how many communes meet it, and the mean of their values."""
    rows = indicator_across(session, code, period, as_of, full=False)
    names = dict(session.execute(select(Unit.id, Unit.name).where(Unit.kind == "province")).all())
    by_province: dict[int, list[CommuneIndicator]] = defaultdict(list)
    for r in rows:
        by_province[r.province_id].append(r)
    out = []
    for province_id, items in by_province.items():
        numbers = [r.value for r in items if r.value is not None]
        out.append(ProvinceRollup(
            province_id=province_id,
            province=names.get(province_id, "?"),
            communes=len({r.commune_id for r in items}),
            achieved=sum(r.status == "achieved" for r in items),
            not_achieved=sum(r.status == "not_achieved" for r in items),
            not_evaluated=sum(r.status == "not_evaluated" for r in items),
            reported=len(numbers),
            mean_value=round(sum(numbers) / len(numbers), 2) if numbers else None,
        ))
    return sorted(out, key=lambda r: r.province)


def not_reported(session: Session, province: Unit, month: str) -> list[MissingReport]:
    """Per commune and lead unit of the province: indicators with a target that year and no
    value covering `month` (a value of the month, or of a quarter/half/year containing it)."""
    p = period_of(month)
    if p.kind is not PeriodKind.MONTH:
        raise UserError(f"kỳ '{month}': danh sách chưa báo cáo tính theo tháng (ví dụ 2026-03)")
    commune, lead = aliased(Unit), aliased(Unit)
    reported = (
        select(Value.id)
        .where(
            Value.indicator_id == Indicator.id,
            Value.period.in_([str(x) for x in containing_periods(p)]),
            Value.state != "returned",
        )
        .exists()
    )
    rows = session.execute(
        select(commune.id, commune.name, func.coalesce(lead.name, "Chưa giao đơn vị"),
               func.count(Indicator.id), func.count(Indicator.id).filter(~reported))
        .join(Plan, Plan.id == Indicator.plan_id)
        .join(commune, commune.id == Plan.commune_id)
        .join(Target, and_(Target.indicator_id == Indicator.id, Target.year == p.year))
        .outerjoin(lead, lead.id == Indicator.lead_unit_id)
        .where(commune.parent_id == province.id, Indicator.seq > 0)
        .group_by(commune.id, commune.name, lead.name)
    ).all()
    out = [MissingReport(cid, name, unit, missing, total) for cid, name, unit, total, missing in rows if missing]
    return sorted(out, key=lambda r: (r.commune, r.unit))
