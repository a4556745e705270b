"""A task's status as of a date, from its deadline and the progress reported.

  done (hoàn thành)              : reported done on or before the deadline (or no deadline)
  done_late (hoàn thành quá hạn) : reported done after the deadline
  overdue (quá hạn)              : not done and the deadline has passed
  in_progress (đang thực hiện)   : some progress reported (status or percent > 0)
  not_started (chưa triển khai)  : nothing reported yet
A done task without a completion date counts as done on the day its progress was reported.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"


LABELS = {
    TaskStatus.NOT_STARTED: "Chưa triển khai",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.DONE: "Hoàn thành",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
    TaskStatus.OVERDUE: "Quá hạn",
}

REPORTED = ("not_started", "in_progress", "done")


def task_status(
    due: date | None,
    as_of: date,
    reported: str | None = None,
    percent: float | None = None,
    completed_on: date | None = None,
) -> TaskStatus:
    done = reported == "done" or (percent is not None and percent >= 100)
    if done:
        finished = completed_on or as_of
        return TaskStatus.DONE_LATE if due is not None and finished > due else TaskStatus.DONE
    if due is not None and as_of > due:
        return TaskStatus.OVERDUE
    if reported == "in_progress" or (percent or 0) > 0:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def on_time(status: TaskStatus) -> bool:
    """For scoring: done on time, or still within its deadline."""
    return status in (TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)
