"""The target that applies in a given year.

A plan may set targets only for milestone years (2025, 2030, 2035 ...). For a year between
two numeric milestones with the same operator the target is interpolated linearly (2027
between 60 in 2025 and 100 in 2030 -> 76); after the last milestone the last target holds;
before the first, the first one does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class YearTarget:
    year: int
    op: str
    value: float | None
    text: str | None = None


def target_for_year(targets: Sequence[YearTarget], year: int) -> YearTarget | None:
    if not targets:
        return None
    ordered = sorted(targets, key=lambda t: t.year)
    for t in ordered:
        if t.year == year:
            return t
    before = [t for t in ordered if t.year < year]
    after = [t for t in ordered if t.year > year]
    if not before:
        return after[0]
    if not after:
        return before[-1]
    low, high = before[-1], after[0]
    if low.op == high.op and low.value is not None and high.value is not None:
        share = (year - low.year) / (high.year - low.year)
        value = round(low.value + (high.value - low.value) * share, 4)
        return YearTarget(year, low.op, value, f"nội suy {low.year}–{high.year}")
    return high
