"""Plausible, reproducible demo figures: monthly indicator values and task progress.

Pure functions over plain numbers (no database) so the rules are easy to read and test.
Values are the level reached at the end of each month (a rate, or a count so far this
year), drifting from a starting level towards roughly the year's target with noise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TaskPlan:
    status: str  # not_started | in_progress | done
    percent: int
    completed_on: date | None


def month_series(
    rng: random.Random,
    target: float | None,
    op: str | None,
    unit: str,
    months: int,
    *,
    lower_is_better: bool = False,
) -> list[float]:
    """`months` monthly levels for one year, ending near the target (above or below it)."""
    if op == "bool":
        switch = rng.randint(2, max(2, months))
        return [1.0 if m + 1 >= switch else 0.0 for m in range(months)]
    if op == "rank":  # a position: whole numbers, improving (smaller) over the year
        start_rank = int(target or 20) + rng.randint(2, 8)
        finish = max(1, int(target or 20) + rng.choice((-2, -1, 0, 1, 3)))
        return [float(round(start_rank + (finish - start_rank) * (m + 1) / months)) for m in range(months)]
    if target is None or op == "text":
        base = target if target not in (None, 0) else rng.uniform(5, 60)
        return [round(base * rng.uniform(0.8, 1.1), 1) for _ in range(months)]
    is_rate = unit.strip() == "%"
    # Where the year ends relative to the target: most indicators get there, some fall short.
    finish_ratio = rng.choice((0.8, 0.9, 0.97, 1.0, 1.03, 1.08, 1.12))
    if lower_is_better or op in ("<=", "<"):
        start = target * rng.uniform(1.3, 1.8) if target else rng.uniform(5, 20)
        end = target * (2 - finish_ratio) if target else start * 0.5
    else:
        start = target * rng.uniform(0.35, 0.75)
        end = target * finish_ratio
    values = []
    for m in range(months):
        share = min(1.0, (m + 1) / 10)  # most of the year's progress is made by October
        level = start + (end - start) * share + rng.gauss(0, abs(end - start) * 0.04)
        if is_rate:
            level = min(100.0, max(0.0, level))
        values.append(round(max(0.0, level), 1 if is_rate else 0))
    return values


def task_progress(rng: random.Random, due: date | None, as_of: date) -> TaskPlan:
    """A task's state as of a date: most due tasks done (some late), a few overdue."""
    if due is None:  # recurring or continuous work
        return TaskPlan("in_progress", rng.choice((40, 50, 60, 70, 80)), None)
    days_left = (due - as_of).days
    if days_left < 0:
        roll = rng.random()
        if roll < 0.7:
            return TaskPlan("done", 100, date.fromordinal(due.toordinal() - rng.randint(0, 40)))
        if roll < 0.82:
            return TaskPlan("done", 100, date.fromordinal(min(as_of.toordinal(), due.toordinal() + rng.randint(5, 40))))
        return TaskPlan("in_progress", rng.choice((50, 70, 90)), None)
    if days_left < 120:
        return TaskPlan("in_progress", rng.choice((30, 50, 60, 80)), None)
    return rng.choice((TaskPlan("not_started", 0, None), TaskPlan("in_progress", 20, None)))
