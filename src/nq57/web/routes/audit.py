"""Audit: searchable history of every change, by user, unit, indicator, date and words."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from nq57.text.vietnamese import fold
from nq57.web import views
from nq57.web.context import commune_for
from nq57.web.deps import IdPath, IdQuery, Viewer, get_db, render, viewer
from nq57.web.forms import FieldError, parse_date

router = APIRouter()


def _subjects(db: Session, commune) -> tuple[dict, dict]:
    """Labels of the commune's indicators and tasks, and the unit leading each."""
    from nq57.track.plans import indicators_of, tasks_of

    indicators = {i.id: (f"Chỉ tiêu {i.code or ''} {i.name}".strip(), i.lead_unit_id) for i in indicators_of(db, commune)}
    tasks = {t.id: (f"Nhiệm vụ {t.code or ''} {t.name}".strip(), t.lead_unit_id) for t in tasks_of(db, commune)}
    return indicators, tasks


def _subject_of(row, indicators: dict, tasks: dict) -> tuple[str, int | None]:
    detail = row.detail or {}
    indicator = detail.get("indicator") if isinstance(detail, dict) else None
    task = detail.get("task") if isinstance(detail, dict) else None
    if row.entity == "indicator":
        indicator = row.entity_id
    if row.entity == "task":
        task = row.entity_id
    if isinstance(indicator, int) and indicator in indicators:
        return indicators[indicator]
    if isinstance(task, int) and task in tasks:
        return tasks[task]
    return f"{row.entity} #{row.entity_id or ''}", None


def search(db: Session, who: Viewer, commune_id: int | None, actor: str, text: str, since: str, until: str,
           unit: int | None = None, indicator: int | None = None):
    """Entries of one commune matching every filter given, newest first, with their subject."""
    from nq57.track.audit import entries

    commune = commune_for(db, who, commune_id)
    errors = {}
    try:
        start = parse_date(since)
    except FieldError as exc:
        start, errors["since"] = None, str(exc)
    try:
        end = parse_date(until)
    except FieldError as exc:
        end, errors["until"] = None, str(exc)
    rows = entries(
        db,
        commune=commune,
        actor=actor.strip().lower() or None,
        since=datetime.combine(start, time.min) if isinstance(start, date) else None,
        until=datetime.combine(end, time.max) if isinstance(end, date) else None,
        limit=2000,
    )
    indicators, tasks = _subjects(db, commune)
    needle = fold(text.strip())
    found = []
    for row in rows:
        label, lead = _subject_of(row, indicators, tasks)
        if indicator is not None and label != indicators.get(indicator, (None,))[0]:
            continue
        if unit is not None and lead != unit:
            continue
        if needle and needle not in fold(f"{label} {row.action} {json.dumps(row.detail, ensure_ascii=False)}"):
            continue
        found.append((row, label))
    return commune, found[:500], errors, indicators


def _units(db: Session, commune) -> list:
    from nq57.track.units import internal_units

    return internal_units(db, commune)


@router.get("/audit", include_in_schema=False)
def audit_page(request: Request, commune: IdQuery = None, actor: str = "", text: str = "", since: str = "",
               until: str = "", unit: IdQuery = None, indicator: IdQuery = None,
               who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    from nq57.web.routes.reports import _communes

    choices = _communes(db, who)
    if commune is None and who.user.commune_id is None and choices:
        commune = choices[0].id  # a province user: start with the first commune, then choose
    place, rows, errors, indicators = search(db, who, commune, actor, text, since, until, unit, indicator)
    return render(request, "audit.html", {
        "commune": place, "rows": rows, "errors": errors, "choices": choices, "units": _units(db, place),
        "indicators": indicators,
        "q": {"actor": actor, "text": text, "since": since, "until": until, "unit": unit, "indicator": indicator},
    })


@router.get("/api/communes/{commune_id}/audit", tags=["Nhật ký"], summary="Nhật ký thay đổi")
def api_audit(commune_id: IdPath, actor: str = Query(""), text: str = Query("", description="Từ khoá"),
              since: str = Query("", description="Từ ngày (yyyy-mm-dd)"), until: str = Query("", description="Đến ngày"),
              unit: IdQuery = None, indicator: IdQuery = None,
              who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> list[dict]:
    from fastapi import HTTPException

    _, rows, errors, _ = search(db, who, commune_id, actor, text, since, until, unit, indicator)
    if errors:
        raise HTTPException(422, "; ".join(errors.values()))
    return [views.plain({"id": r.id, "at": r.at, "actor": r.actor, "action": r.action, "entity": r.entity,
                         "entity_id": r.entity_id, "subject": label, "detail": r.detail}) for r, label in rows]
