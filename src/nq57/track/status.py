"""The status of a commune for a period: every indicator (target, value, status, pace,
forecast), every task (derived status) and the summary counts.

Which value counts for a period: the value entered for that exact period, else the latest
value of the same year whose period ends within it (values are levels, such as a rate,
not flows). A value counts on `as_of` once its period's last month has begun. The previous
year's last value is the baseline for pace and forecast (rules in nq57.domain.pace and
nq57.domain.forecast). Returned values are not counted.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nq57.domain import forecast as forecast_rules
from nq57.domain import pace as pace_rules
from nq57.domain.periods import Period, PeriodKind
from nq57.domain.statuses import LABELS as STATUS_LABELS
from nq57.domain.statuses import IndicatorStatus, evaluate, summary_text
from nq57.domain.targets import YearTarget, target_for_year
from nq57.domain.tasks import LABELS as TASK_LABELS
from nq57.domain.tasks import TaskStatus, task_status
from nq57.store.models.tracking import (
    CatalogueIndicator,
    Indicator,
    Plan,
    Target,
    Task,
    TaskProgress,
    Unit,
    Value,
)
from nq57.track.progress import occurrence
from nq57.track.values import period_of


@dataclass
class IndicatorRow:
    id: int
    plan_id: int
    code: str | None
    name: str
    group: str | None
    unit: str
    lead: str | None
    lead_id: int | None
    target: float | None
    target_op: str | None
    target_text: str | None
    value: float | None
    value_period: str | None
    value_state: str | None
    status: str
    status_label: str
    pace: str | None
    pace_label: str | None
    forecast: float | None
    forecast_status: str | None
    direction: str
    catalogue_code: str | None
    history: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class TaskRow:
    id: int
    plan_id: int
    code: str | None
    name: str
    group: str | None
    lead: str | None
    lead_id: int | None
    deadline: date | None
    deadline_text: str | None
    status: str
    status_label: str
    percent: float | None
    recurrence: str | None
    product: str | None


@dataclass
class Summary:
    indicators_total: int = 0
    achieved: int = 0
    not_achieved: int = 0
    not_evaluated: int = 0
    tasks_total: int = 0
    done: int = 0
    done_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0

    @property
    def text(self) -> str:
        return summary_text(self.indicators_total, self.achieved, self.not_achieved, self.not_evaluated)

    @property
    def tasks_text(self) -> str:
        return (
            f"{self.done + self.done_late}/{self.tasks_total} nhiệm vụ hoàn thành ({self.done_late} quá hạn), "
            f"{self.in_progress} đang thực hiện, {self.not_started} chưa triển khai, {self.overdue} quá hạn"
        )


@dataclass
class CommuneStatus:
    commune: str
    commune_id: int
    province: str | None
    period: str
    period_label: str
    as_of: date
    indicators: list[IndicatorRow]
    tasks: list[TaskRow]
    summary: Summary

    def to_json(self) -> dict[str, Any]:
        def plain(obj: Any) -> Any:
            if isinstance(obj, date):
                return obj.isoformat()
            if isinstance(obj, dict):
                return {k: plain(v) for k, v in obj.items()}
            if isinstance(obj, list | tuple):
                return [plain(v) for v in obj]
            return obj

        summary = asdict(self.summary)
        summary["text"] = self.summary.text
        summary["tasks_text"] = self.summary.tasks_text
        return plain(
            {
                "commune": self.commune,
                "province": self.province,
                "period": self.period,
                "as_of": self.as_of,
                "indicators": [asdict(i) for i in self.indicators],
                "tasks": [asdict(t) for t in self.tasks],
                "summary": summary,
            }
        )


# Backwards-friendly public names used in docs/track-api.md.
IndicatorStatusRow = IndicatorRow
TaskStatusRow = TaskRow


def default_as_of(period: Period, today: date | None = None) -> date:
    today = today or date.today()
    return min(today, period.end)


def commune_status(session: Session, commune: Unit, period: str, as_of: date | None = None) -> CommuneStatus:
    return statuses(session, [commune], period, as_of)[0]


def province_status(session: Session, province: Unit, period: str, as_of: date | None = None) -> list[CommuneStatus]:
    """The status of every commune of the province that has a plan."""
    communes = session.scalars(
        select(Unit)
        .where(Unit.parent_id == province.id, Unit.kind == "commune", Unit.id.in_(select(Plan.commune_id)))
        .order_by(Unit.name)
    ).all()
    return statuses(session, list(communes), period, as_of)


@dataclass
class IndicatorFacts:
    """What the status rules need of an indicator: plain data, so callers that read many
    communes at once (nq57.scale.rollups) build it from their own queries."""

    id: int
    plan_id: int
    code: str | None
    name: str
    group_name: str | None
    unit: str
    direction: str
    lead_unit_id: int | None
    catalogue_code: str | None
    targets: list[YearTarget] = field(default_factory=list)


@dataclass
class _Task:
    id: int
    plan_id: int
    code: str | None
    name: str
    group_name: str | None
    lead_unit_id: int | None
    product: str | None
    deadline_text: str | None
    due: date | None
    recurrence: str | None
    extended_due: date | None


# Plain named tuples (fast attribute access): a province has tens of thousands of values.
ValuePoint = namedtuple("ValuePoint", "indicator_id period period_end value state")
_Progress = Any


def statuses(session: Session, communes: list[Unit], period: str, as_of: date | None = None) -> list[CommuneStatus]:
    """The status of several communes at once (a handful of queries whatever their number)."""
    p = period_of(period)
    as_of = as_of or default_as_of(p)
    if not communes:
        return []
    ids = [c.id for c in communes]
    # A value or progress report counts once its period's last month has begun.
    last_day = min(p.end, Period(as_of.year, PeriodKind.MONTH, as_of.month).end)
    plans = session.execute(
        select(Plan.id, Plan.commune_id, Plan.kind, Plan.period_start, Plan.period_end).where(Plan.commune_id.in_(ids))
    ).all()
    covering = {pl.id for pl in plans if _covers(pl.period_start, pl.period_end, p.year)}
    plan_commune = {pl.id: pl.commune_id for pl in plans}
    plan_kind = {pl.id: pl.kind for pl in plans}
    indicators = _indicators(session, ids, p.year, covering, plan_kind)
    tasks = [t for t in _tasks(session, ids) if t.plan_id in covering]
    values = _values(session, ids, p, last_day)
    progress = _progress(session, ids, last_day)
    unit_names = dict(
        session.execute(select(Unit.id, Unit.name).where(Unit.parent_id.in_(ids), Unit.kind == "internal")).all()
    )
    parents = {c.parent_id for c in communes if c.parent_id}
    province_names = (
        dict(session.execute(select(Unit.id, Unit.short_name).where(Unit.id.in_(parents))).all()) if parents else {}
    )
    by_commune_ind: dict[int, list[IndicatorFacts]] = {}
    for ind in indicators:
        by_commune_ind.setdefault(plan_commune[ind.plan_id], []).append(ind)
    by_commune_task: dict[int, list[_Task]] = {}
    for t in tasks:
        by_commune_task.setdefault(plan_commune[t.plan_id], []).append(t)
    out = []
    for commune in communes:
        rows = [indicator_row(ind, values.get(ind.id, []), p, as_of, unit_names) for ind in by_commune_ind.get(commune.id, [])]
        task_rows = [_task_row(t, progress.get(t.id), p, as_of, unit_names) for t in by_commune_task.get(commune.id, [])]
        summary = Summary(indicators_total=len(rows), tasks_total=len(task_rows))
        for r in rows:
            setattr(summary, r.status, getattr(summary, r.status) + 1)
        for t in task_rows:
            setattr(summary, t.status, getattr(summary, t.status) + 1)
        out.append(
            CommuneStatus(
                commune=commune.name,
                commune_id=commune.id,
                province=province_names.get(commune.parent_id),
                period=str(p),
                period_label=p.label,
                as_of=as_of,
                indicators=rows,
                tasks=task_rows,
                summary=summary,
            )
        )
    return out


# --- loading (plain columns, not ORM objects: a province has thousands of rows) ------
def _covers(start: date | None, end: date | None, year: int) -> bool:
    return (start is None or start.year <= year) and (end is None or year <= end.year)


def _indicators(session: Session, commune_ids: list[int], year: int, covering: set[int],
                plan_kind: dict[int, str]) -> list[IndicatorFacts]:
    rows = session.execute(
        select(
            Indicator.id, Indicator.plan_id, Indicator.code, Indicator.name, Indicator.group_name, Indicator.unit,
            Indicator.direction, Indicator.lead_unit_id, CatalogueIndicator.code,
        )
        .join(Plan, Plan.id == Indicator.plan_id)
        .outerjoin(CatalogueIndicator, CatalogueIndicator.id == Indicator.catalogue_id)
        .where(Plan.commune_id.in_(commune_ids), Indicator.seq > 0)
        .order_by(Indicator.plan_id, Indicator.seq)
    ).all()
    by_id = {r[0]: IndicatorFacts(*r) for r in rows}
    for indicator_id, t_year, op, value, text in session.execute(
        select(Target.indicator_id, Target.year, Target.op, Target.value, Target.text)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.commune_id.in_(commune_ids))
    ):
        if indicator_id in by_id:
            by_id[indicator_id].targets.append(YearTarget(t_year, op, value, text))
    return [
        ind
        for ind in by_id.values()
        if any(t.year == year for t in ind.targets) or (plan_kind[ind.plan_id] == "plan" and ind.plan_id in covering)
    ]


def _tasks(session: Session, commune_ids: list[int]) -> list[_Task]:
    rows = session.execute(
        select(
            Task.id, Task.plan_id, Task.code, Task.name, Task.group_name, Task.lead_unit_id, Task.product,
            Task.deadline_text, Task.due, Task.recurrence, Task.extended_due,
        )
        .join(Plan, Plan.id == Task.plan_id)
        .where(Plan.commune_id.in_(commune_ids), Task.seq > 0)
        .order_by(Task.plan_id, Task.seq)
    ).all()
    return [_Task(*r) for r in rows]


def _values(session: Session, commune_ids: list[int], p: Period, last_day: date) -> dict[int, list[ValuePoint]]:
    """This year's values up to `last_day`, after the previous year's last value (the baseline)."""
    columns = (Value.indicator_id, Value.period, Value.period_end, Value.value, Value.state)
    counted = (Value.commune_id.in_(commune_ids), Value.state != "returned", Value.value.is_not(None))
    rank = (
        func.row_number()
        .over(partition_by=Value.indicator_id, order_by=(Value.period_end.desc(), Value.id.desc()))
        .label("rank")
    )
    before = (
        select(*columns, rank)
        .where(*counted, Value.period_end < date(p.year, 1, 1), Value.period_end >= date(p.year - 1, 1, 1))
        .subquery()
    )
    baseline = session.execute(
        select(before.c.indicator_id, before.c.period, before.c.period_end, before.c.value, before.c.state).where(
            before.c.rank == 1
        )
    ).all()
    this_year = session.execute(
        select(*columns)
        .where(*counted, Value.period_end >= date(p.year, 1, 1), Value.period_end <= last_day)
        .order_by(Value.period_end, Value.id)
    ).all()
    out: dict[int, list[ValuePoint]] = {}
    for r in baseline:
        out[r[0]] = [ValuePoint._make(r)]
    for r in this_year:
        out.setdefault(r[0], []).append(ValuePoint._make(r))
    return out


def _progress(session: Session, commune_ids: list[int], last_day: date) -> dict[int, _Progress]:
    """The latest progress report of each task up to `last_day`."""
    latest = (
        select(TaskProgress.task_id, func.max(TaskProgress.period_end).label("last"))
        .where(TaskProgress.commune_id.in_(commune_ids), TaskProgress.period_end <= last_day)
        .group_by(TaskProgress.task_id)
        .subquery()
    )
    rows = session.execute(
        select(
            TaskProgress.task_id, TaskProgress.period, TaskProgress.status, TaskProgress.percent,
            TaskProgress.completed_on, TaskProgress.entered_at, TaskProgress.product,
        )
        .join(latest, (TaskProgress.task_id == latest.c.task_id) & (TaskProgress.period_end == latest.c.last))
        .where(TaskProgress.commune_id.in_(commune_ids))  # lets the planner use the commune index
        .order_by(TaskProgress.id)
    ).all()
    return {r.task_id: r for r in rows}  # on a tie (a month and its quarter) the later entry wins


# --- computing -----------------------------------------------------------------------
def indicator_row(ind: IndicatorFacts, values: list[ValuePoint], p: Period, as_of: date, unit_names: dict[int, str]) -> IndicatorRow:
    """Status, pace and forecast of one indicator for period `p`, from its values in time order
    (this year's up to the period's end, and the previous year's last as the baseline)."""
    target = target_for_year(ind.targets, p.year)
    this_year = [v for v in values if v.period_end.year == p.year]
    before = [v for v in values if v.period_end.year < p.year]
    key = str(p)
    exact = [v for v in this_year if v.period == key]
    current = exact[-1] if exact else (this_year[-1] if this_year else None)
    baseline = before[-1] if before else None
    op = target.op if target else None
    tval = target.value if target else None
    status = evaluate(op, tval, current.value if current else None, ind.direction, baseline.value if baseline else None)

    pace = None
    if current is not None:
        if baseline is not None:
            start_value, start_day = baseline.value, date(p.year, 1, 1)
        elif len(this_year) > 1 and this_year[0] is not current:
            start_value, start_day = this_year[0].value, this_year[0].period_end
        else:
            start_value, start_day = None, None
        if start_day is not None:
            now = min(current.period_end, as_of)
            span = (date(p.year, 12, 31) - start_day).days
            elapsed = (now - start_day).days / span if span > 0 else 1.0
            pace = pace_rules.pace(op, tval, start_value, current.value, elapsed, ind.direction)

    dated = [(v.period_end, v.value) for v in (before[-1:] + [v for v in this_year if v.period_end <= current.period_end])] if current else []
    forecast = forecast_rules.year_end_forecast(dated, p.year, ind.unit) if current else None
    forecast_status = (
        evaluate(op, tval, forecast, ind.direction, baseline.value if baseline else None).value if forecast is not None else None
    )
    return IndicatorRow(
        id=ind.id,
        plan_id=ind.plan_id,
        code=ind.code,
        name=ind.name,
        group=ind.group_name,
        unit=ind.unit,
        lead=unit_names.get(ind.lead_unit_id) if ind.lead_unit_id else None,
        lead_id=ind.lead_unit_id,
        target=tval,
        target_op=op,
        target_text=target.text if target else None,
        value=current.value if current else None,
        value_period=current.period if current else None,
        value_state=current.state if current else None,
        status=status.value,
        status_label=STATUS_LABELS[status],
        pace=pace.value if pace else None,
        pace_label=pace_rules.LABELS[pace] if pace else None,
        forecast=forecast,
        forecast_status=forecast_status,
        direction=ind.direction,
        catalogue_code=ind.catalogue_code,
        history=[(v.period, v.value) for v in this_year],
    )


def task_due(task: Task | _Task, as_of: date) -> date | None:
    """The deadline that applies on `as_of` (an extension wins; recurring: the occurrence's end)."""
    if task.extended_due is not None:
        return task.extended_due
    occ = occurrence(task, as_of)
    if occ is not None:
        return None if task.recurrence == "continuous" else occ.end
    return task.due


def _task_row(task: _Task, latest: _Progress | None, p: Period, as_of: date, unit_names: dict[int, str]) -> TaskRow:
    due = task_due(task, as_of)
    occ = occurrence(task, as_of)
    if latest is not None and occ is not None and not occ.contains(period_of(latest.period)):
        latest = None  # a recurring task's earlier occurrence says nothing about this one
    completed = None
    if latest is not None and latest.status == "done":
        completed = latest.completed_on or latest.entered_at.date()
    status = task_status(
        due,
        as_of,
        latest.status if latest else None,
        latest.percent if latest else None,
        completed,
    )
    return TaskRow(
        id=task.id,
        plan_id=task.plan_id,
        code=task.code,
        name=task.name,
        group=task.group_name,
        lead=unit_names.get(task.lead_unit_id) if task.lead_unit_id else None,
        lead_id=task.lead_unit_id,
        deadline=due,
        deadline_text=task.deadline_text,
        status=status.value,
        status_label=TASK_LABELS[TaskStatus(status)],
        percent=latest.percent if latest else None,
        recurrence=task.recurrence,
        product=latest.product if latest and latest.product else task.product,
    )


__all__ = [
    "CommuneStatus",
    "IndicatorRow",
    "IndicatorStatus",
    "IndicatorStatusRow",
    "Summary",
    "TaskRow",
    "TaskStatusRow",
    "commune_status",
    "province_status",
    "statuses",
    "task_due",
]
