"""The commune dashboard (IOC view) and pins, with their API mirror."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import Indicator, Plan, Task
from nq57.web import accounts, cache, views
from nq57.web.context import checked_period, commune_for, default_period, period_choices, today
from nq57.web.deps import Forbidden, IdPath, IdQuery, Viewer, by_id, get_db, render, viewer

router = APIRouter()

DUE_SOON_DAYS = 14


def dashboard_data(db: Session, who: Viewer, commune_id: int | None, period: str | None) -> dict:
    from nq57.track.alerts import alerts
    from nq57.track.status import commune_status

    commune = commune_for(db, who, commune_id)
    chosen = checked_period(period, default_period(db, commune))
    as_of = today()
    status = commune_status(db, commune, chosen, as_of=as_of)
    # The alerts need the year's status: the shown one when it is the year, else a cached one
    # (recomputed only after a change), so a dashboard view costs one status computation.
    year = str(as_of.year)
    year_status = status if chosen == year else cache.cached(
        db, ("commune_status", commune.id, year, as_of), lambda: commune_status(db, commune, year, as_of=as_of)
    )
    found = alerts(db, commune, as_of, due_soon_days=DUE_SOON_DAYS, status=year_status)
    pins = accounts.pinned_by_kind(db, who.user, ("indicator", "task"))
    pinned_indicators, pinned_tasks = pins["indicator"], pins["task"]
    is_demo = bool(db.scalar(select(Plan.id).where(Plan.commune_id == commune.id, Plan.is_demo.is_(True)).limit(1)))
    return {
        "commune": commune,
        "period": chosen,
        "as_of": as_of,
        "status": status,
        "alerts": found,
        "task_alerts": [a for a in found if a.kind in ("overdue_task", "task_due_soon")],
        "completeness": views.completeness(status.indicators),
        "pinned_indicators": pinned_indicators,
        "pinned_tasks": pinned_tasks,
        "demo_notice": is_demo,
    }


@router.get("/dashboard", include_in_schema=False)
def dashboard(
    request: Request,
    commune: IdQuery = None,
    period: str | None = None,
    who: Viewer = Depends(viewer),
    db: Session = Depends(get_db),
):
    if commune is None and who.user.commune_id is None:
        return RedirectResponse("/province", status_code=303)  # a province user picks a commune there
    data = dashboard_data(db, who, commune, period)
    data["periods"] = period_choices(data["period"])
    data["views"] = views
    return render(request, "dashboard.html", data)


@router.post("/pins", include_in_schema=False)
def toggle_pin(
    kind: str = Form(...),
    ref_id: int = Form(...),
    back: str = Form("/dashboard"),
    who: Viewer = Depends(viewer),
    db: Session = Depends(get_db),
):
    _check_pin_target(db, who, kind, ref_id)
    accounts.toggle_pin(db, db.merge(who.user), kind, ref_id)
    db.commit()
    target = back if back.startswith("/") and not back.startswith("//") else "/dashboard"
    return RedirectResponse(target, status_code=303)


def _check_pin_target(db: Session, who: Viewer, kind: str, ref_id: int) -> None:
    """One may pin only what one may see."""
    from nq57.store.models.tracking import CatalogueIndicator, Unit
    from nq57.web import scope

    if kind in ("indicator", "task"):
        item = by_id(db, Indicator if kind == "indicator" else Task, ref_id)
        if item is None or not scope.can_view_item(who.user, item):
            raise Forbidden()
    elif kind == "commune":
        scope.check_commune(who.user, by_id(db, Unit, ref_id))
    elif kind == "catalogue":
        if by_id(db, CatalogueIndicator, ref_id) is None:
            raise Forbidden()
    else:
        raise Forbidden("Loại ghim không hợp lệ.")


@router.get("/api/communes/{commune_id}/status", tags=["Xã/phường"], summary="Trạng thái chỉ tiêu, nhiệm vụ, tổng hợp")
def api_status(
    commune_id: IdPath,
    period: str | None = Query(None, description="Kỳ: 2026-03, 2026-Q1, 2026-6M, 2026-9M, 2026"),
    who: Viewer = Depends(viewer),
    db: Session = Depends(get_db),
) -> dict:
    data = dashboard_data(db, who, commune_id, period)
    body = data["status"].to_json()
    body["period"] = data["period"]
    body["completeness"] = data["completeness"]
    return views.plain(body)


@router.get("/api/communes/{commune_id}/alerts", tags=["Xã/phường"], summary="Cảnh báo tại một ngày")
def api_alerts(commune_id: IdPath, who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> list[dict]:
    from nq57.track.alerts import alerts

    commune = commune_for(db, who, commune_id)
    return [views.plain(a) for a in alerts(db, commune, today(), due_soon_days=DUE_SOON_DAYS)]


PinKind = Literal["indicator", "task", "commune", "catalogue"]


@router.get("/api/pins", tags=["Ghim"], summary="Các mục người dùng đã ghim lên trang của mình")
def api_pins(who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> dict[str, list[int]]:
    return {kind: sorted(accounts.pinned_ids(db, who.user, kind)) for kind in ("indicator", "task", "commune", "catalogue")}


@router.put("/api/pins/{kind}/{ref_id}", tags=["Ghim"], summary="Ghim một chỉ tiêu, nhiệm vụ, xã/phường hoặc chỉ tiêu danh mục")
def api_pin(kind: PinKind, ref_id: IdPath, who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> dict:
    _check_pin_target(db, who, kind, ref_id)
    if ref_id not in accounts.pinned_ids(db, who.user, kind):
        accounts.toggle_pin(db, db.merge(who.user), kind, ref_id)
        db.commit()
    return {"kind": kind, "ref_id": ref_id, "pinned": True}


@router.delete("/api/pins/{kind}/{ref_id}", tags=["Ghim"], summary="Bỏ ghim")
def api_unpin(kind: PinKind, ref_id: IdPath, who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> dict:
    if ref_id in accounts.pinned_ids(db, who.user, kind):
        accounts.toggle_pin(db, db.merge(who.user), kind, ref_id)
        db.commit()
    return {"kind": kind, "ref_id": ref_id, "pinned": False}
