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
    fields = {"status": status, "percent": percent, "completed_on": completed_on, "product": product, "note": note,
              "expected_version": expected_version}
    return set_progresses(session, [(task, period, fields)], actor=actor, is_demo=is_demo)[0]


PROGRESS_FIELDS = frozenset({"status", "percent", "completed_on", "product", "note", "expected_version"})


def set_progresses(
    session: Session,
    items: list[tuple[Task, str, dict]],
    *,
    actor: str = "",
    is_demo: bool = False,
) -> list[TaskProgress]:
    """Write many progress entries at once: the rules, refusals and audit entries of
    `set_progress` for each (task, period, fields) item, in order, where fields holds the keyword
    arguments of `set_progress` (status required). Nothing is written when an item is refused:
    every item is validated first, then versions are compared, and the first refused item raises
    what `set_progress` would raise. One SELECT finds the existing rows and one flush writes them.
    """
    parsed = []
    for task, period, fields in items:
        unknown = set(fields) - PROGRESS_FIELDS
        if unknown or "status" not in fields:
            raise TypeError(f"set_progresses: unknown fields {sorted(unknown)} or no status")
        p = period_of(period)
        reported, percent = _checked(task, fields["status"], fields.get("percent"))
        parsed.append((task, p, reported, percent, fields))
    existing = _existing(session, [(task.id, str(p)) for task, p, *_ in parsed])
    pending: dict[tuple[int, str], TaskProgress] = {}
    written: list[tuple[Task, str, TaskProgress, str, float | None, str | None]] = []
    for task, p, reported, percent, fields in parsed:
        key = (task.id, str(p))
        row = pending.get(key, existing.get(key))
        # A row created earlier in the same batch counts as version 1, as after set_progress's flush.
        current = 0 if row is None else (row.version or 1)
        expected = fields.get("expected_version")
        if expected is not None and current != expected:
            raise ConflictError(f"{task_label(task)} kỳ {p}: tiến độ vừa được người khác sửa; hãy tải lại rồi nhập lại")
        if row is None:
            row = TaskProgress(task_id=task.id, commune_id=task.plan.commune_id, period=str(p), period_end=p.end,
                               is_demo=is_demo)
        row.status = reported
        row.percent = percent
        row.completed_on = fields.get("completed_on") if reported == "done" else None
        row.product = fields.get("product")
        row.note = fields.get("note")
        row.entered_by = actor
        row.entered_at = utcnow()
        pending[key] = row
        written.append((task, str(p), row, reported, percent, fields.get("product")))
    session.add_all(list(pending.values()))
    if written:
        task, period = written[0][0], written[0][1]
        label = task_label(task) if len(pending) == 1 else f"{len(pending)} tiến độ (từ {task_label(task)})"
        try:
            session.flush()
        except (StaleDataError, IntegrityError) as exc:
            raise ConflictError(f"{label} kỳ {period}: tiến độ vừa được người khác sửa; hãy tải lại") from exc
    for task, period, row, reported, percent, product in written:
        audit.record(session, actor, "progress.set", "task_progress", row.id, row.commune_id,
                     {"task": task.id, "period": period, "status": reported, "percent": percent, "product": product})
    return [row for _, _, row, *_ in written]


def _checked(task: Task, status: str, percent: float | None) -> tuple[str, float | None]:
    """The normalised status and percent of one report, or ValidationFailed."""
    reported = normalise_status(status)
    problems = []
    if percent is not None and not 0 <= percent <= 100:
        problems.append(f"{task_label(task)}: phần trăm hoàn thành phải từ 0 đến 100 (đang là {percent:g})")
    if reported == "done" and percent is not None and percent < 100:
        problems.append(f"{task_label(task)}: đã hoàn thành thì phần trăm phải là 100")
    if problems:
        raise ValidationFailed(problems)
    return reported, 100.0 if reported == "done" and percent is None else percent


def _existing(session: Session, keys: list[tuple[int, str]]) -> dict[tuple[int, str], TaskProgress]:
    """The stored rows of these (task_id, period) pairs, one SELECT per 500 tasks."""
    wanted = set(keys)
    out: dict[tuple[int, str], TaskProgress] = {}
    periods = sorted({period for _, period in wanted})
    ids = sorted({i for i, _ in wanted})
    for i in range(0, len(ids), 500):
        query = select(TaskProgress).where(TaskProgress.task_id.in_(ids[i : i + 500]), TaskProgress.period.in_(periods))
        for row in session.scalars(query):
            if (row.task_id, row.period) in wanted:
                out[(row.task_id, row.period)] = row
    return out


def submit_progress(session: Session, row: TaskProgress, actor: str) -> TaskProgress:
    row.state = "submitted"
    row.submitted_at = utcnow()
    session.flush()
    audit.record(session, actor, "progress.submit", "task_progress", row.id, row.commune_id, {"period": row.period})
    return row


def progress_of(session: Session, task: Task) -> list[TaskProgress]:
    return list(session.scalars(select(TaskProgress).where(TaskProgress.task_id == task.id).order_by(TaskProgress.period_end)))
