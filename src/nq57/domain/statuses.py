"""Whether an indicator meets its target: achieved (đạt), not_achieved (chưa đạt), not_evaluated.

Rule: the target's operator decides the comparison (`>=`, `>`, `<=`, `<`). An `=` target
counts as met when the value equals it or passes it in the indicator's better direction
("đạt hoặc vượt"). A `rank` is a position where smaller is better: met when the value is at
or above the target rank, or — for "tăng bậc" with no number — better than the baseline.
A `bool` target ("Có") is met by any non-zero value. `text` targets and missing values are
not evaluated.
"""

from __future__ import annotations

from enum import StrEnum

EPSILON = 1e-9


class IndicatorStatus(StrEnum):
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NOT_EVALUATED = "not_evaluated"


LABELS = {
    IndicatorStatus.ACHIEVED: "Đạt",
    IndicatorStatus.NOT_ACHIEVED: "Chưa đạt",
    IndicatorStatus.NOT_EVALUATED: "Chưa đánh giá",
}

OPS = (">=", ">", "=", "<=", "<", "rank", "bool", "text")


def orientation(op: str | None, direction: str = "higher") -> int:
    """+1 when a larger value is better for this target, -1 when a smaller one is."""
    if op in (">=", ">"):
        return 1
    if op in ("<=", "<", "rank"):
        return -1
    return -1 if direction == "lower" else 1


def evaluate(
    op: str | None,
    target: float | None,
    value: float | None,
    direction: str = "higher",
    baseline: float | None = None,
) -> IndicatorStatus:
    if value is None or op in (None, "text"):
        return IndicatorStatus.NOT_EVALUATED
    if op == "bool":
        return IndicatorStatus.ACHIEVED if abs(value) > EPSILON else IndicatorStatus.NOT_ACHIEVED
    if op == "rank" and target is None:
        if baseline is None:
            return IndicatorStatus.NOT_EVALUATED
        return IndicatorStatus.ACHIEVED if value < baseline else IndicatorStatus.NOT_ACHIEVED
    if target is None:
        return IndicatorStatus.NOT_EVALUATED
    met = {
        ">=": value >= target - EPSILON,
        ">": value > target + EPSILON,
        "<=": value <= target + EPSILON,
        "<": value < target - EPSILON,
        "rank": value <= target + EPSILON,
    }.get(op)
    if met is None:  # "=": equal, or better in the indicator's direction
        met = orientation(op, direction) * (value - target) >= -EPSILON
    return IndicatorStatus.ACHIEVED if met else IndicatorStatus.NOT_ACHIEVED


def summary_text(total: int, achieved: int, not_achieved: int, not_evaluated: int) -> str:
    """"10/13 chỉ tiêu đạt, 2 chưa đạt, 1 chưa đánh giá"."""
    return f"{achieved}/{total} chỉ tiêu đạt, {not_achieved} chưa đạt, {not_evaluated} chưa đánh giá"
