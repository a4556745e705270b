"""How a report names its period: "quý I năm 2026", "9 tháng đầu năm 2025", and what comes next.

Parsing and dates come from `nq57.domain.periods`; only the formal wording lives here.
"""

from __future__ import annotations

from nq57.domain.periods import Period as DomainPeriod
from nq57.domain.periods import PeriodError, PeriodKind
from nq57.domain.periods import parse_period as parse_domain_period
from nq57.errors import UserError
from nq57.report.content import Period

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(period: DomainPeriod) -> str:
    """The period as a report's title says it."""
    year, n = period.year, period.index
    return {
        PeriodKind.MONTH: f"tháng {n} năm {year}",
        PeriodKind.QUARTER: f"quý {_ROMAN.get(n, n)} năm {year}",
        PeriodKind.HALF: f"6 tháng đầu năm {year}",
        PeriodKind.NINE: f"9 tháng đầu năm {year}",
        PeriodKind.YEAR: f"năm {year}",
    }[period.kind]


def next_label(period: DomainPeriod) -> str:
    """What "phương hướng, nhiệm vụ ..." covers: the rest of the year after 6 or 9 months."""
    if period.kind is PeriodKind.HALF:
        return f"6 tháng cuối năm {period.year}"
    if period.kind is PeriodKind.NINE:
        return f"3 tháng cuối năm {period.year}"
    return period_label(period.next())


def parse_period(code: str) -> Period:
    """The report period a code names; a UserError with the accepted forms otherwise."""
    try:
        period = parse_domain_period(code)
    except PeriodError as exc:
        raise UserError(str(exc)[:1].upper() + str(exc)[1:]) from exc
    return Period(
        code=str(period),
        start=period.start,
        end=period.end,
        label=period_label(period),
        next_label=next_label(period),
    )
