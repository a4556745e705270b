"""Reporting periods: `2026-03` (month), `2026-Q1`, `2026-6M`, `2026-9M`, `2026` (year).

A period's nominal dates are calendar dates (2026-Q1 = 1 Jan .. 31 Mar). Data collection
follows the province's calendar: with cut-off day 14, the month `2026-03` collects what
happened from 15 Feb to 14 Mar, and its report is due on day `report_due_day` (20) of that
month. A cut-off day of 0 means calendar months.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "6M"  # the first six months
    NINE = "9M"  # the first nine months
    YEAR = "year"


# Months covered (first, last) by each kind, given its index.
_SPANS = {
    PeriodKind.QUARTER: lambda i: (3 * i - 2, 3 * i),
    PeriodKind.HALF: lambda i: (1, 6),
    PeriodKind.NINE: lambda i: (1, 9),
    PeriodKind.YEAR: lambda i: (1, 12),
    PeriodKind.MONTH: lambda i: (i, i),
}

_PATTERN = re.compile(r"^\s*(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|(6|9)[Mm]))?\s*$")


class PeriodError(ValueError):
    """A period written in a form nq57 does not know."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    index: int = 1  # month 1-12, quarter 1-4; 1 for 6M, 9M, year

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"năm {self.year} không hợp lệ")
        limit = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}.get(self.kind, 1)
        if not 1 <= self.index <= limit:
            raise PeriodError(f"kỳ {self.kind} số {self.index} không hợp lệ")

    # --- text -----------------------------------------------------------------
    def __str__(self) -> str:
        return format_period(self)

    @property
    def label(self) -> str:
        """Vietnamese wording: "tháng 3/2026", "quý I/2026", "6 tháng đầu năm 2026", "năm 2026"."""
        if self.kind is PeriodKind.MONTH:
            return f"tháng {self.index}/{self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"quý {('I', 'II', 'III', 'IV')[self.index - 1]}/{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng đầu năm {self.year}"
        if self.kind is PeriodKind.NINE:
            return f"9 tháng đầu năm {self.year}"
        return f"năm {self.year}"

    # --- dates ----------------------------------------------------------------
    @property
    def months(self) -> tuple[int, int]:
        return _SPANS[self.kind](self.index)

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        last = self.months[1]
        return date(self.year, last, _calendar.monthrange(self.year, last)[1])

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def contains_date(self, day: date) -> bool:
        return self.start <= day <= self.end

    def month_periods(self) -> list[Period]:
        first, last = self.months
        return [Period(self.year, PeriodKind.MONTH, m) for m in range(first, last + 1)]

    def previous(self) -> Period:
        """The period of the same kind just before (6M/9M/year: the same span a year earlier)."""
        if self.kind is PeriodKind.MONTH:
            return Period(self.year - 1, self.kind, 12) if self.index == 1 else Period(self.year, self.kind, self.index - 1)
        if self.kind is PeriodKind.QUARTER:
            return Period(self.year - 1, self.kind, 4) if self.index == 1 else Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, 1)

    def next(self) -> Period:
        if self.kind is PeriodKind.MONTH:
            return Period(self.year + 1, self.kind, 1) if self.index == 12 else Period(self.year, self.kind, self.index + 1)
        if self.kind is PeriodKind.QUARTER:
            return Period(self.year + 1, self.kind, 1) if self.index == 4 else Period(self.year, self.kind, self.index + 1)
        return Period(self.year + 1, self.kind, 1)

    def elapsed_fraction(self, day: date | None = None) -> float:
        """Share of the year elapsed at the end of this period (or at `day`), 0..1."""
        day = day or self.end
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if day < first:
            return 0.0
        if day >= last:
            return 1.0
        return ((day - first).days + 1) / ((last - first).days + 1)


@lru_cache(maxsize=8192)
def parse_period(text: str) -> Period:
    """Parse `2026-03`, `2026-3`, `2026-Q1`, `2026-6M`, `2026-9M` or `2026`."""
    match = _PATTERN.match(text or "")
    if not match:
        raise PeriodError(
            f"kỳ báo cáo '{text}' không hợp lệ: viết 2026-03 (tháng), 2026-Q1 (quý), 2026-6M, 2026-9M hoặc 2026 (năm)"
        )
    year, month, quarter, span = match.groups()
    y = int(year)
    if month:
        if not 1 <= int(month) <= 12:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: tháng phải từ 01 đến 12")
        return Period(y, PeriodKind.MONTH, int(month))
    if quarter:
        return Period(y, PeriodKind.QUARTER, int(quarter))
    if span:
        return Period(y, PeriodKind.HALF if span == "6" else PeriodKind.NINE, 1)
    return Period(y, PeriodKind.YEAR, 1)


def format_period(period: Period) -> str:
    if period.kind is PeriodKind.MONTH:
        return f"{period.year}-{period.index:02d}"
    if period.kind is PeriodKind.QUARTER:
        return f"{period.year}-Q{period.index}"
    if period.kind is PeriodKind.HALF:
        return f"{period.year}-6M"
    if period.kind is PeriodKind.NINE:
        return f"{period.year}-9M"
    return str(period.year)


def month_of(day: date) -> Period:
    return Period(day.year, PeriodKind.MONTH, day.month)


def containing_periods(period: Period) -> list[Period]:
    """Every period (of any kind) that contains `period`, itself included, smallest first."""
    candidates = [Period(period.year, PeriodKind.MONTH, month) for month in range(1, 13)]
    candidates += [Period(period.year, PeriodKind.QUARTER, q) for q in range(1, 5)]
    candidates += [Period(period.year, k, 1) for k in (PeriodKind.HALF, PeriodKind.NINE, PeriodKind.YEAR)]
    found = [p for p in candidates if p.contains(period)]
    return sorted(found, key=lambda p: (p.end - p.start, p.end))


@dataclass(frozen=True)
class Calendar:
    """A province's reporting calendar: data cut-off day and report due day of the month."""

    cutoff_day: int = 14
    report_due_day: int = 20

    def __post_init__(self) -> None:
        if not 0 <= self.cutoff_day <= 28:
            raise PeriodError("ngày chốt số liệu phải từ 0 (cuối tháng) đến 28")
        if not 1 <= self.report_due_day <= 28:
            raise PeriodError("hạn nộp báo cáo phải từ ngày 1 đến ngày 28")

    def data_window(self, period: Period) -> tuple[date, date]:
        """The dates whose events a period's figures cover (15th of the month before .. 14th)."""
        if self.cutoff_day == 0:
            return period.start, period.end
        first_month = Period(period.year, PeriodKind.MONTH, period.months[0])
        before = first_month.previous()
        start = date(before.year, before.index, self.cutoff_day) + timedelta(days=1)
        end = date(period.year, period.months[1], self.cutoff_day)
        return start, end

    def cutoff(self, period: Period) -> date:
        return self.data_window(period)[1]

    def report_due(self, period: Period) -> date:
        """The day the commune's report for `period` is due (in the period's last month)."""
        due = date(period.year, period.months[1], self.report_due_day)
        # With calendar months the report can only be due after the month ends.
        if self.cutoff_day == 0 or due <= self.cutoff(period):
            nxt = Period(period.year, PeriodKind.MONTH, period.months[1]).next()
            due = date(nxt.year, nxt.index, self.report_due_day)
        return due

    def reporting_month(self, day: date) -> Period:
        """The month whose data window contains `day` (with cut-off 14, 20 March -> April)."""
        month = month_of(day)
        if self.cutoff_day and day.day > self.cutoff_day:
            return month.next()
        return month

    def last_closed_month(self, day: date) -> Period | None:
        """The latest month whose cut-off has passed on `day`."""
        month = self.reporting_month(day)
        return month.previous()
