"""Per-province reporting calendar and other settings stored in the `settings` table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.domain.periods import Calendar, PeriodError
from nq57.store.models.tracking import Setting, Unit
from nq57.track import audit
from nq57.track.errors import ValidationFailed

CALENDAR_KEY = "reporting_calendar"


def get_setting(session: Session, key: str, unit: Unit | None = None) -> Any:
    query = select(Setting.value).where(Setting.key == key)
    query = query.where(Setting.unit_id == unit.id) if unit is not None else query.where(Setting.unit_id.is_(None))
    return session.scalar(query)


def put_setting(session: Session, key: str, value: Any, unit: Unit | None = None, actor: str = "") -> None:
    query = select(Setting).where(Setting.key == key)
    query = query.where(Setting.unit_id == unit.id) if unit is not None else query.where(Setting.unit_id.is_(None))
    row = session.scalar(query)
    if row is None:
        row = Setting(key=key, unit_id=unit.id if unit is not None else None)
        session.add(row)
    row.value = value
    audit.record(session, actor, "setting.put", "setting", None, None, {"key": key, "unit": unit.id if unit else None, "value": value})


def _province(session: Session, unit: Unit) -> Unit:
    while unit.kind != "province" and unit.parent_id is not None:
        unit = session.get(Unit, unit.parent_id)
    return unit


def calendar_for(session: Session, unit: Unit | None) -> Calendar:
    """The calendar of the unit's province, else the national default (14th / 20th)."""
    value = None
    if unit is not None:
        value = get_setting(session, CALENDAR_KEY, _province(session, unit))
    value = value or get_setting(session, CALENDAR_KEY) or {}
    return Calendar(**{k: int(v) for k, v in value.items() if k in ("cutoff_day", "report_due_day")})


def set_calendar(session: Session, province: Unit | None, cutoff_day: int, report_due_day: int, actor: str = "") -> Calendar:
    try:
        calendar = Calendar(cutoff_day=cutoff_day, report_due_day=report_due_day)
    except PeriodError as exc:
        raise ValidationFailed([str(exc)]) from exc
    put_setting(session, CALENDAR_KEY, {"cutoff_day": cutoff_day, "report_due_day": report_due_day}, province, actor)
    return calendar
