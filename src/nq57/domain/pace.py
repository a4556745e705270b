"""Pace within the year: is the progress made enough to reach the year's target in time?

Rule (documented for users):
  start    = the last value of the previous year (else the first value of this year)
  elapsed  = share of the period from `start` to 31 December that has passed (0..1)
  needed   = (target - start) x elapsed          — the progress a straight line would have made
  made     = current - start
  ratio    = made / needed  (values are negated first when smaller is better)
  on_track (đúng tiến độ)  : target already met, or ratio >= 0.95
  speed_up (cần tăng tốc)  : 0.6 <= ratio < 0.95
  slow     (chậm)          : 0 <= ratio < 0.6
  backwards (đi lùi)       : ratio < 0 (moving away from the target)
If the start already met the target but the current value does not, the indicator is
`backwards` when it fell, else `slow`. No pace without a numeric target, a current value
and a start, or before any time has elapsed.
"""

from __future__ import annotations

from enum import StrEnum

from nq57.domain.statuses import EPSILON, IndicatorStatus, evaluate, orientation


class Pace(StrEnum):
    ON_TRACK = "on_track"
    SPEED_UP = "speed_up"
    SLOW = "slow"
    BACKWARDS = "backwards"


LABELS = {
    Pace.ON_TRACK: "Đúng tiến độ",
    Pace.SPEED_UP: "Cần tăng tốc",
    Pace.SLOW: "Chậm",
    Pace.BACKWARDS: "Đi lùi",
}

ON_TRACK_RATIO = 0.95
SPEED_UP_RATIO = 0.6


def pace(
    op: str | None,
    target: float | None,
    start: float | None,
    current: float | None,
    elapsed: float,
    direction: str = "higher",
) -> Pace | None:
    if op not in (">=", ">", "=", "<=", "<", "rank") or target is None or current is None or start is None:
        return None
    if evaluate(op, target, current, direction) is IndicatorStatus.ACHIEVED:
        return Pace.ON_TRACK
    if elapsed <= 0:
        return None
    sign = orientation(op, direction)
    made = sign * (current - start)
    needed = sign * (target - start) * min(elapsed, 1.0)
    if needed <= EPSILON:
        return Pace.BACKWARDS if made < -EPSILON else Pace.SLOW
    ratio = made / needed
    if ratio >= ON_TRACK_RATIO:
        return Pace.ON_TRACK
    if ratio >= SPEED_UP_RATIO:
        return Pace.SPEED_UP
    if ratio >= 0:
        return Pace.SLOW
    return Pace.BACKWARDS
