"""The status of a commune for a period: every indicator (target, value, status, pace,
forecast), every task (derived status) and the summary counts.

Which value counts for a period: the value entered for that exact period, else the latest
value of the same year whose period ends within it (values are levels, such as a rate,
not flows). A value counts on `as_of` once its period's last month has begun. The previous
year's last value is the baseline for pace and forecast (rules in nq57.domain.pace and
nq57.domain.forecast). Returned values are not counted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nq57.domain import forecast as forecast_rules
from nq57.domain import pace as pace_rules
from nq57.domain.periods import Period, parse_period
from nq57.domain.statuses import LABELS as STATUS_LABELS
from nq57.domain.statuses import IndicatorStatus, evaluate, summary_text
from nq57.domain.targets import YearTarget, target_for_year
from nq57.domain.tasks import LABELS as TASK_LABELS
from nq57.domain.tasks import TaskStatus, task_status
from nq57.store.models.tracking import Indicator, Plan, Task, TaskProgress, Unit, Value
from nq57.track.plans import _plan_covers
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
    p = period_of(period)
    as_of = as_of or default_as_of(p)
    plans = [pl for pl in session.scalars(select(Plan).where(Plan.commune_id == commune.id))]
    plan_ids = [pl.id for pl in plans]
    by_plan = {pl.id: pl for pl in plans}
    indicators = _indicators(session, plan_ids, by_plan, p.year)
    tasks = [t for t in _tasks(session, plan_ids) if _plan_covers(by_plan[t.plan_id], p.year)]
    values = _values(session, commune, p, as_of)
    progress = _progress(session, commune, p)
    unit_names = _unit_names(session, commune)

    rows = [_indicator_row(ind, values.get(ind.id, []), p, as_of, unit_names) for ind in indicators]
    task_rows = [_task_row(t, progress.get(t.id, []), p, as_of, unit_names) for t in tasks]
    summary = Summary(indicators_total=len(rows), tasks_total=len(task_rows))
    for r in rows:
        setattr(summary, r.status, getattr(summary, r.status) + 1)
    for t in task_rows:
        setattr(summary, t.status, getattr(summary, t.status) + 1)
    province = session.get(Unit, commune.parent_id) if commune.parent_id else None
    return CommuneStatus(
        commune=commune.name,
        commune_id=commune.id,
        province=province.short_name if province else None,
        period=str(p),
        period_label=p.label,
        as_of=as_of,
        indicators=rows,
        tasks=task_rows,
        summary=summary,
    )


def province_status(session: Session, province: Unit, period: str, as_of: date | None = None) -> list[CommuneStatus]:
    """The status of every commune of the province that has a plan."""
    communes = session.scalars(
        select(Unit)
        .where(Unit.parent_id == province.id, Unit.kind == "commune", Unit.id.in_(select(Plan.commune_id)))
        .order_by(Unit.name)
    ).all()
    return [commune_status(session, c, period, as_of) for c in communes]


# --- loading -------------------------------------------------------------------------
def _indicators(session: Session, plan_ids: list[int], by_plan: dict[int, Plan], year: int) -> list[Indicator]:
    if not plan_ids:
        return []
    rows = session.scalars(
        select(Indicator)
        .where(Indicator.plan_id.in_(plan_ids), Indicator.seq > 0)
        .options(selectinload(Indicator.targets), selectinload(Indicator.catalogue))
        .order_by(Indicator.plan_id, Indicator.seq)
    ).all()
    out = []
    for ind in rows:
        plan = by_plan[ind.plan_id]
        if any(t.year == year for t in ind.targets) or (plan.kind == "plan" and _plan_covers(plan, year)):
            out.append(ind)
    return out


def _tasks(session: Session, plan_ids: list[int]) -> list[Task]:
    if not plan_ids:
        return []
    return list(
        session.scalars(select(Task).where(Task.plan_id.in_(plan_ids), Task.seq > 0).order_by(Task.plan_id, Task.seq))
    )


def _values(session: Session, commune: Unit, p: Period, as_of: date) -> dict[int, list[Value]]:
    rows = session.scalars(
        select(Value)
        .where(
            Value.commune_id == commune.id,
            Value.period_end <= p.end,
            Value.period_end >= date(p.year - 1, 1, 1),
            Value.state != "returned",
            Value.value.is_not(None),
        )
        .order_by(Value.period_end, Value.id)
    ).all()
    out: dict[int, list[Value]] = {}
    for v in rows:
        vp = parse_period(v.period)
        if date(vp.year, vp.months[1], 1) <= as_of:  # the period's last month had begun
            out.setdefault(v.indicator_id, []).append(v)
    return out


def _progress(session: Session, commune: Unit, p: Period) -> dict[int, list[TaskProgress]]:
    rows = session.scalars(
        select(TaskProgress)
        .where(TaskProgress.commune_id == commune.id, TaskProgress.period_end <= p.end)
        .order_by(TaskProgress.period_end, TaskProgress.id)
    ).all()
    out: dict[int, list[TaskProgress]] = {}
    for r in rows:
        out.setdefault(r.task_id, []).append(r)
    return out


def _unit_names(session: Session, commune: Unit) -> dict[int, str]:
    return dict(session.execute(select(Unit.id, Unit.name).where(Unit.parent_id == commune.id, Unit.kind == "internal")).all())


# --- computing -----------------------------------------------------------------------
def _indicator_row(ind: Indicator, values: list[Value], p: Period, as_of: date, unit_names: dict[int, str]) -> IndicatorRow:
    target = target_for_year([YearTarget(t.year, t.op, t.value, t.text) for t in ind.targets], p.year)
    this_year = [v for v in values if v.period_end.year == p.year]
    before = [v for v in values if v.period_end.year < p.year]
    exact = [v for v in this_year if v.period == str(p)]
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
        catalogue_code=ind.catalogue.code if ind.catalogue is not None else None,
        history=[(v.period, v.value) for v in this_year],
    )


def task_due(task: Task, as_of: date) -> date | None:
    """The deadline that applies on `as_of` (an extension wins; recurring: the occurrence's end)."""
    if task.extended_due is not None:
        return task.extended_due
    occ = occurrence(task, as_of)
    if occ is not None:
        return None if task.recurrence == "continuous" else occ.end
    return task.due


def _task_row(task: Task, progress: list[TaskProgress], p: Period, as_of: date, unit_names: dict[int, str]) -> TaskRow:
    due = task_due(task, as_of)
    occ = occurrence(task, as_of)
    relevant = [r for r in progress if occ is None or occ.contains(period_of(r.period))]
    latest = relevant[-1] if relevant else None
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
    "task_due",
]
