"""Year-end forecast from the trend.

Rule (documented for users): fit a straight line (least squares) through the year's values
— with the previous year's last value as the starting point when there is one — against the
date of each value, and read it at 31 December. One value alone forecasts itself (no trend).
Percentages are kept within 0..100 and counts never go below 0. The forecast's status uses
the same rule as the indicator status.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def linear_forecast(points: Sequence[tuple[float, float]], at: float) -> float | None:
    """The least-squares line through (x, y) points, read at x = `at`."""
    if not points:
        return None
    if len(points) == 1:
        return points[0][1]
    n = len(points)
    sum_x = sum_y = sum_xx = sum_xy = 0.0
    for x, y in points:
        sum_x += x
        sum_y += y
        sum_xx += x * x
        sum_xy += x * y
    mean_x, mean_y = sum_x / n, sum_y / n
    sxx = sum_xx - n * mean_x * mean_x
    if abs(sxx) < 1e-12:
        return mean_y
    slope = (sum_xy - n * mean_x * mean_y) / sxx
    return mean_y + slope * (at - mean_x)


def clamp_for_unit(value: float, unit: str | None) -> float:
    if unit and unit.strip() == "%":
        return min(max(value, 0.0), 100.0)
    return max(value, 0.0)


def year_end_forecast(values: Sequence[tuple[date, float]], year: int, unit: str | None = None) -> float | None:
    """Forecast for 31 December of `year` from dated values (earlier years' values are ignored
    except the latest one, which serves as the starting point)."""
    this_year = [(d, v) for d, v in values if d.year == year]
    before = [(d, v) for d, v in values if d.year < year]
    if not this_year:
        return None
    chosen = ([max(before)] if before else []) + sorted(this_year)
    origin = date(year, 1, 1)
    points = [((d - origin).days, v) for d, v in chosen]
    result = linear_forecast(points, (date(year, 12, 31) - origin).days)
    return None if result is None else round(clamp_for_unit(result, unit), 4)
