"""Alerts for a commune as of a date.

  overdue_task        : a task past its deadline and not done; a monthly or quarterly task whose
                        previous occurrence (this year) ended without being reported done
  task_due_soon       : a task not done whose deadline falls within `due_soon_days`
  indicator_at_risk   : pace "chậm" or "đi lùi", or a year-end forecast that misses the target
  value_missing       : no value for the last month whose cut-off has passed (due: report day)
  awaiting_approval   : a submitted value nobody has approved or returned yet
  explanation_pending : a giải trình request without an answer
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.domain.periods import Calendar, Period, PeriodKind, parse_period
from nq57.store.models.tracking import Explanation, Indicator, Task, TaskProgress, Unit, Value
from nq57.track.calendar import calendar_for
from nq57.track.status import CommuneStatus, commune_status, province_status

KINDS = (
    "overdue_task",
    "task_due_soon",
    "indicator_at_risk",
    "value_missing",
    "awaiting_approval",
    "explanation_pending",
)


@dataclass(frozen=True)
class Alert:
    kind: str
    subject: str
    message: str
    due: date | None
    unit: str | None = None
    ref_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["due"] = self.due.isoformat() if self.due else None
        return out


def _subject(code: str | None, name: str) -> str:
    short = name if len(name) <= 90 else name[:87] + "..."
    return f"{code}. {short}" if code else short


def alerts(
    session: Session, commune: Unit, as_of: date, due_soon_days: int = 7, status: CommuneStatus | None = None
) -> list[Alert]:
    status = status or commune_status(session, commune, str(as_of.year), as_of)
    return _alerts_for(session, [status], as_of, due_soon_days, calendar_for(session, commune))[commune.id]


def province_alerts(
    session: Session, province: Unit, as_of: date, due_soon_days: int = 7, found: list[CommuneStatus] | None = None
) -> dict[int, list[Alert]]:
    """Alerts of every commune of the province that has a plan, keyed by commune id.

    `found`: the communes' statuses for the year as of `as_of`, when the caller has them already."""
    found = found if found is not None else province_status(session, province, str(as_of.year), as_of)
    return _alerts_for(session, found, as_of, due_soon_days, calendar_for(session, province))


def _alerts_for(
    session: Session, found: list[CommuneStatus], as_of: date, due_soon_days: int, calendar: Calendar
) -> dict[int, list[Alert]]:
    ids = [st.commune_id for st in found]
    awaiting = _awaiting(session, ids, calendar)
    pending = _explanations(session, ids)
    missed = _missed_occurrences(session, found, as_of)
    out: dict[int, list[Alert]] = {}
    for status in found:
        items = _task_alerts(status, as_of, due_soon_days) + missed.get(status.commune_id, [])
        items += _indicator_alerts(status, as_of)
        items += _missing_values(status, as_of, calendar)
        items += awaiting.get(status.commune_id, []) + pending.get(status.commune_id, [])
        out[status.commune_id] = items
    return out


def _task_alerts(status: CommuneStatus, as_of: date, due_soon_days: int) -> list[Alert]:
    out = []
    for t in status.tasks:
        if t.status == "overdue":
            late = (as_of - t.deadline).days if t.deadline else 0
            out.append(Alert("overdue_task", _subject(t.code, t.name),
                             f"Nhiệm vụ quá hạn {late} ngày (hạn {t.deadline:%d/%m/%Y}), chưa hoàn thành", t.deadline, t.lead, t.id))
        elif t.status in ("not_started", "in_progress") and t.deadline and 0 <= (t.deadline - as_of).days <= due_soon_days:
            out.append(Alert("task_due_soon", _subject(t.code, t.name),
                             f"Nhiệm vụ đến hạn ngày {t.deadline:%d/%m/%Y} (còn {(t.deadline - as_of).days} ngày)", t.deadline, t.lead, t.id))
    return out


def _previous_occurrence(recurrence: str | None, as_of: date) -> Period | None:
    if recurrence == "monthly":
        return Period(as_of.year, PeriodKind.MONTH, as_of.month).previous()
    if recurrence == "quarterly":
        return Period(as_of.year, PeriodKind.QUARTER, (as_of.month - 1) // 3 + 1).previous()
    return None


def _missed_occurrences(session: Session, found: list[CommuneStatus], as_of: date) -> dict[int, list[Alert]]:
    """Monthly and quarterly tasks whose previous occurrence (this year) ended without being done."""
    wanted: dict[int, tuple[int, object, Period]] = {}
    for status in found:
        for t in status.tasks:
            previous = _previous_occurrence(t.recurrence, as_of)
            if previous is not None and previous.year == as_of.year:
                wanted[t.id] = (status.commune_id, t, previous)
    if not wanted:
        return {}
    done = set()
    for task_id, period_end in session.execute(
        select(TaskProgress.task_id, TaskProgress.period_end).where(
            TaskProgress.task_id.in_(list(wanted)), TaskProgress.status == "done"
        )
    ):
        previous = wanted[task_id][2]
        if previous.start <= period_end <= previous.end:
            done.add(task_id)
    out: dict[int, list[Alert]] = {}
    for task_id, (commune_id, t, previous) in wanted.items():
        if task_id not in done:
            out.setdefault(commune_id, []).append(
                Alert("overdue_task", _subject(t.code, t.name),
                      f"Nhiệm vụ định kỳ {previous.label} chưa báo cáo hoàn thành (hạn {previous.end:%d/%m/%Y})",
                      previous.end, t.lead, t.id)
            )
    return out


def _indicator_alerts(status: CommuneStatus, as_of: date) -> list[Alert]:
    out = []
    for i in status.indicators:
        if i.pace in ("slow", "backwards") or (i.forecast_status == "not_achieved" and i.pace != "on_track"):
            reason = f"tiến độ: {i.pace_label}" if i.pace_label else "dự báo cuối năm không đạt"
            forecast = f"; dự báo cuối năm {i.forecast:g}" if i.forecast is not None else ""
            target = f"{i.target:g}" if i.target is not None else "?"
            out.append(Alert("indicator_at_risk", _subject(i.code, i.name),
                             f"Chỉ tiêu có nguy cơ không đạt ({reason}): hiện {i.value:g}{forecast}, chỉ tiêu {target}",
                             date(as_of.year, 12, 31), i.lead, i.id))
    return out


def _missing_values(status: CommuneStatus, as_of: date, calendar: Calendar) -> list[Alert]:
    month = calendar.last_closed_month(as_of)
    if month is None or month.year != as_of.year:
        return []
    due = calendar.report_due(month)
    out = []
    for i in status.indicators:
        if i.target is None and i.target_op not in ("bool", "rank"):
            continue  # nothing to measure against: not chased
        if any(parse_period(period).contains(month) for period, _ in i.history):
            continue
        out.append(Alert("value_missing", _subject(i.code, i.name),
                         f"Chưa nhập số liệu {month.label} (chốt ngày {calendar.cutoff(month):%d/%m}, hạn báo cáo {due:%d/%m/%Y})",
                         due, i.lead, i.id))
    return out


def _awaiting(session: Session, commune_ids: list[int], calendar: Calendar) -> dict[int, list[Alert]]:
    out: dict[int, list[Alert]] = {}
    rows = session.execute(
        select(Value.id, Value.commune_id, Value.period, Indicator.code, Indicator.name)
        .join(Indicator, Indicator.id == Value.indicator_id)
        .where(Value.commune_id.in_(commune_ids), Value.state == "submitted")
        .order_by(Value.submitted_at)
    ).all()
    for value_id, commune_id, period, code, name in rows:
        p = parse_period(period)
        month = Period(p.year, PeriodKind.MONTH, p.months[1])
        out.setdefault(commune_id, []).append(
            Alert("awaiting_approval", _subject(code, name), f"Số liệu kỳ {p.label} đã gửi, đang chờ lãnh đạo duyệt",
                  calendar.report_due(month), None, value_id)
        )
    return out


def _explanations(session: Session, commune_ids: list[int]) -> dict[int, list[Alert]]:
    out: dict[int, list[Alert]] = {}
    for e in session.scalars(
        select(Explanation).where(Explanation.commune_id.in_(commune_ids), Explanation.answer.is_(None))
    ):
        item = session.get(Indicator, e.indicator_id) if e.indicator_id else session.get(Task, e.task_id)
        subject = _subject(item.code, item.name) if item else "?"
        due = e.due or (e.asked_at.date() + timedelta(days=7))
        out.setdefault(e.commune_id, []).append(
            Alert("explanation_pending", subject, f"Chưa trả lời yêu cầu giải trình: {e.question[:120]}", due, None, e.id)
        )
    return out
