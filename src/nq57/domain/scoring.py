"""Unit scoring for emulation (bộ tiêu chí đánh giá thi đua).

score = 100 x (w_i x share of indicators met + w_t x share of tasks on time
               + w_r x share of reports on time) / (sum of the weights that apply)
A criterion with nothing to count (a unit that leads no indicator) is left out and the
other weights are rescaled, so units are not punished for what they were not given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_WEIGHTS = {"indicators": 0.5, "tasks": 0.3, "reports": 0.2}


@dataclass(frozen=True)
class Figures:
    indicators_met: int = 0
    indicators_total: int = 0
    tasks_on_time: int = 0
    tasks_total: int = 0
    reports_on_time: int = 0
    reports_total: int = 0


def score(figures: Figures, weights: Mapping[str, float] | None = None) -> float | None:
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    if any(w < 0 for w in weights.values()):
        raise ValueError("trọng số không được âm")
    parts = [
        (weights["indicators"], figures.indicators_met, figures.indicators_total),
        (weights["tasks"], figures.tasks_on_time, figures.tasks_total),
        (weights["reports"], figures.reports_on_time, figures.reports_total),
    ]
    used = [(w, done / total) for w, done, total in parts if total > 0 and w > 0]
    if not used:
        return None
    return round(100 * sum(w * share for w, share in used) / sum(w for w, _ in used), 2)


def rank(scores: Sequence[tuple[str, float | None]]) -> list[tuple[int, str, float | None]]:
    """Rank by score, highest first; equal scores share a rank; units without a score come last."""
    ordered = sorted(scores, key=lambda item: (item[1] is None, -(item[1] or 0), item[0]))
    out: list[tuple[int, str, float | None]] = []
    for position, (name, value) in enumerate(ordered, start=1):
        if out and out[-1][2] == value:
            out.append((out[-1][0], name, value))
        else:
            out.append((position, name, value))
    return out
