"""Task progress per period. Recurring tasks ("Hằng năm", "Thường xuyên", monthly,
quarterly) get one occurrence per period; a one-off task's latest report is its progress.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from nq57.domain.periods import Period, PeriodKind
from nq57.domain.tasks import REPORTED
from nq57.store.models.tracking import Task, TaskProgress, utcnow
from nq57.track import audit
from nq57.track.errors import ConflictError, ValidationFailed
from nq57.track.values import period_of

STATUS_WORDS = {
    "chua trien khai": "not_started",
    "dang thuc hien": "in_progress",
    "dang trien khai": "in_progress",
    "hoan thanh": "done",
    "da hoan thanh": "done",
    "hoan thanh qua han": "done",  # lateness is derived from the deadline, not reported
    "qua han": "in_progress",  # reported overdue: not done; the deadline makes it "quá hạn"
    "chua thuc hien": "not_started",
}


def task_label(task: Task) -> str:
    code = f"{task.code} " if task.code else ""
    name = task.name if len(task.name) <= 80 else task.name[:77] + "..."
    return f"Nhiệm vụ {code}'{name}'"


def normalise_status(status: str) -> str:
    from nq57.text.vietnamese import fold

    key = fold(status or "").strip()
    if status in REPORTED:
        return status
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    raise ValidationFailed([f"trạng thái '{status}' không hợp lệ: dùng chưa triển khai, đang thực hiện hoặc hoàn thành"])


def occurrence(task: Task, day: date) -> Period | None:
    """The occurrence of a recurring task that contains `day` (None for one-off tasks)."""
    if task.recurrence == "monthly" or task.recurrence == "continuous":
        return Period(day.year, PeriodKind.MONTH, day.month)
    if task.recurrence == "quarterly":
        return Period(day.year, PeriodKind.QUARTER, (day.month - 1) // 3 + 1)
    if task.recurrence == "annual":
        return Period(day.year, PeriodKind.YEAR, 1)
    return None


def occurrences(task: Task, year: int) -> list[str]:
    if task.recurrence in ("monthly", "continuous"):
        return [str(Period(year, PeriodKind.MONTH, m)) for m in range(1, 13)]
    if task.recurrence == "quarterly":
        return [str(Period(year, PeriodKind.QUARTER, q)) for q in range(1, 5)]
    if task.recurrence == "annual":
        return [str(year)]
    return []


def set_progress(
    session: Session,
    task: Task,
    period: str,
    *,
    status: str,
    percent: float | None = None,
    completed_on: date | None = None,
    product: str | None = None,
    note: str | None = None,
    actor: str = "",
    expected_version: int | None = None,
    is_demo: bool = False,
) -> TaskProgress:
    p = period_of(period)
    reported = normalise_status(status)
    problems = []
    if percent is not None and not 0 <= percent <= 100:
        problems.append(f"{task_label(task)}: phần trăm hoàn thành phải từ 0 đến 100 (đang là {percent:g})")
    if reported == "done" and percent is not None and percent < 100:
        problems.append(f"{task_label(task)}: đã hoàn thành thì phần trăm phải là 100")
    if problems:
        raise ValidationFailed(problems)
    if reported == "done" and percent is None:
        percent = 100.0
    row = session.scalar(select(TaskProgress).where(TaskProgress.task_id == task.id, TaskProgress.period == str(p)))
    if expected_version is not None and (row.version if row is not None else 0) != expected_version:
        raise ConflictError(f"{task_label(task)} kỳ {p}: tiến độ vừa được người khác sửa; hãy tải lại rồi nhập lại")
    if row is None:
        row = TaskProgress(task_id=task.id, commune_id=task.plan.commune_id, period=str(p), period_end=p.end, is_demo=is_demo)
        session.add(row)
    row.status = reported
    row.percent = percent
    row.completed_on = completed_on if reported == "done" else None
    row.product = product
    row.note = note
    row.entered_by = actor
    row.entered_at = utcnow()
    label = task_label(task)  # read now: a failed flush expires every attribute
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as exc:
        raise ConflictError(f"{label} kỳ {p}: tiến độ vừa được người khác sửa; hãy tải lại") from exc
    audit.record(session, actor, "progress.set", "task_progress", row.id, row.commune_id,
                 {"task": task.id, "period": str(p), "status": reported, "percent": percent, "product": product})
    return row


def submit_progress(session: Session, row: TaskProgress, actor: str) -> TaskProgress:
    row.state = "submitted"
    row.submitted_at = utcnow()
    session.flush()
    audit.record(session, actor, "progress.submit", "task_progress", row.id, row.commune_id, {"period": row.period})
    return row


def progress_of(session: Session, task: Task) -> list[TaskProgress]:
    return list(session.scalars(select(TaskProgress).where(TaskProgress.task_id == task.id).order_by(TaskProgress.period_end)))
