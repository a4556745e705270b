"""Shared page logic: which commune and period a page is about, period choices, pins."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from nq57.domain.periods import PeriodError, month_of, parse_period
from nq57.store.models.tracking import Unit
from nq57.web import scope
from nq57.web.deps import Forbidden, Viewer, by_id


def today() -> date:
    return date.today()


def commune_for(db: Session, who: Viewer, commune_id: int | None) -> Unit:
    """The commune a page shows: the one asked for (checked) or the user's own."""
    if commune_id is None:
        commune_id = who.user.commune_id
        if commune_id is None:
            raise Forbidden("Hãy chọn một xã/phường trong trang Toàn tỉnh.")
    return scope.check_commune(who.user, by_id(db, Unit, commune_id))


def default_period(db: Session, commune: Unit, day: date | None = None) -> str:
    """The last month whose data cut-off has passed (the period units report now)."""
    day = day or today()
    try:
        from nq57.track.calendar import calendar_for

        closed = calendar_for(db, commune).last_closed_month(day)
        if closed is not None:
            return str(closed)
    except ImportError:
        pass
    return str(month_of(day).previous())


def checked_period(text: str | None, fallback: str) -> str:
    """A period from the query string, or the fallback when it is missing or malformed."""
    if not text:
        return fallback
    try:
        return str(parse_period(text))
    except (PeriodError, ValueError):
        return fallback


def period_choices(current: str) -> list[tuple[str, str]]:
    """Recent months, the quarters and the years around the current period, with labels."""
    period = parse_period(current)
    year = period.year
    options: list[str] = []
    for y in (year, year - 1):
        options += [f"{y}-{m:02d}" for m in range(12, 0, -1)]
        options += [f"{y}-Q{q}" for q in (4, 3, 2, 1)] + [f"{y}-6M", f"{y}-9M", f"{y}"]
    if current not in options:
        options.insert(0, current)
    return [(p, parse_period(p).label) for p in options]
