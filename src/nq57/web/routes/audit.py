"""Audit: searchable history of every change, by user, unit, indicator and date."""

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


def search(db: Session, who: Viewer, commune_id: int | None, actor: str, text: str, since: str, until: str):
    """Entries of one commune matching the filters; `text` matches unit/indicator words in the detail."""
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
        limit=1000,
    )
    needle = fold(text.strip())
    if needle:
        rows = [r for r in rows if needle in fold(f"{r.action} {r.entity} {json.dumps(r.detail, ensure_ascii=False)}")]
    return commune, rows[:500], errors


@router.get("/audit", include_in_schema=False)
def audit_page(request: Request, commune: IdQuery = None, actor: str = "", text: str = "", since: str = "",
               until: str = "", who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    from nq57.web.routes.reports import _communes

    choices = _communes(db, who)
    if commune is None and who.user.commune_id is None and choices:
        commune = choices[0].id  # a province user: start with the first commune, then choose
    unit, rows, errors = search(db, who, commune, actor, text, since, until)
    return render(request, "audit.html", {"commune": unit, "rows": rows, "errors": errors, "choices": choices,
                                          "q": {"actor": actor, "text": text, "since": since, "until": until}})


@router.get("/api/communes/{commune_id}/audit", tags=["Nhật ký"], summary="Nhật ký thay đổi")
def api_audit(commune_id: IdPath, actor: str = Query(""), text: str = Query("", description="Từ khoá: đơn vị, chỉ tiêu"),
              since: str = Query("", description="Từ ngày (yyyy-mm-dd)"), until: str = Query("", description="Đến ngày"),
              who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> list[dict]:
    from fastapi import HTTPException

    _, rows, errors = search(db, who, commune_id, actor, text, since, until)
    if errors:
        raise HTTPException(422, "; ".join(errors.values()))
    return [views.plain({"id": r.id, "at": r.at, "actor": r.actor, "action": r.action, "entity": r.entity,
                         "entity_id": r.entity_id, "detail": r.detail}) for r in rows]
