"""The province view: communes ranked on a catalogue indicator with a chart, reporting
completeness per commune, drill-down, pinned communes and indicators; API mirror.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import CatalogueIndicator, Plan, Unit
from nq57.web import accounts, cache, views
from nq57.web.context import checked_period, default_period, period_choices, today
from nq57.web.deps import MAX_ID, Forbidden, IdQuery, Viewer, get_db, render, require_roles

router = APIRouter()
province_roles = require_roles(*accounts.PROVINCE_ROLES)
STATUS_COLOURS = {"achieved": "#16a34a", "not_achieved": "#dc2626", "not_evaluated": "#94a3b8"}


def _province(db: Session, who: Viewer) -> Unit:
    province = db.get(Unit, who.user.province_id) if who.user.province_id else None
    if province is None:
        raise Forbidden("Tài khoản chưa gắn với tỉnh nào.")
    return province


def ranking_data(db: Session, who: Viewer, catalogue_id: int | None, period: str | None) -> dict:
    from nq57.track.status import province_status

    province = _province(db, who)
    chosen = checked_period(period, default_period(db, province))
    as_of = today()
    statuses = cache.cached(db, ("province_status", province.id, chosen, as_of),
                            lambda: province_status(db, province, chosen, as_of=as_of))
    used_codes = {row.catalogue_code for st in statuses for row in st.indicators if row.catalogue_code}
    catalogue = db.scalars(select(CatalogueIndicator).order_by(CatalogueIndicator.code)).all()
    in_use = [c for c in catalogue if c.code in used_codes] or list(catalogue)
    selected = next((c for c in catalogue if c.id == catalogue_id), None) or (in_use[0] if in_use else None)
    ranking, completeness = [], []
    for st in statuses:
        total = len(st.indicators)
        reported = sum(1 for row in st.indicators if row.value is not None)
        completeness.append({"commune_id": st.commune_id, "commune": st.commune, "reported": reported, "total": total,
                             "summary": st.summary.text, "achieved": st.summary.achieved,
                             "overdue": st.summary.overdue})
        if selected is None:
            continue
        rows = [row for row in st.indicators if row.catalogue_code == selected.code]
        for row in rows[:1]:
            ranking.append({"commune_id": st.commune_id, "commune": st.commune, "value": row.value,
                            "target": views.target_text(row), "unit": row.unit, "status": str(row.status),
                            "pace": str(row.pace) if row.pace else None})
    lower_better = selected is not None and selected.direction == "lower"
    with_value = sorted((r for r in ranking if r["value"] is not None), key=lambda r: r["value"], reverse=not lower_better)
    ranking = with_value + [r for r in ranking if r["value"] is None]
    for place, row in enumerate(ranking, start=1):
        row["rank"] = place if row["value"] is not None else None
    completeness.sort(key=lambda r: (r["reported"] / r["total"] if r["total"] else 0, r["commune"]))
    return {"province": province, "period": chosen, "catalogue": in_use, "selected": selected,
            "ranking": ranking, "completeness": completeness}


@router.get("/province", include_in_schema=False)
def province_page(request: Request, catalogue: IdQuery = None, period: str | None = None,
                  who: Viewer = Depends(province_roles), db: Session = Depends(get_db)):
    data = ranking_data(db, who, catalogue, period)
    pinned_communes = accounts.pinned_ids(db, who.user, "commune")
    pinned_catalogue = accounts.pinned_ids(db, who.user, "catalogue")
    chart = {
        "label": data["selected"].name if data["selected"] else "",
        "labels": [r["commune"] for r in data["ranking"] if r["value"] is not None],
        "values": [r["value"] for r in data["ranking"] if r["value"] is not None],
        "colors": [STATUS_COLOURS.get(r["status"], "#94a3b8") for r in data["ranking"] if r["value"] is not None],
    }
    all_communes = db.scalars(
        select(Unit).where(Unit.parent_id == data["province"].id, Unit.kind == "commune",
                           Unit.id.in_(select(Plan.commune_id))).order_by(Unit.name)
    ).all()
    data.update({"periods": period_choices(data["period"]), "chart": chart, "pinned_communes": pinned_communes,
                 "pinned_catalogue": pinned_catalogue, "communes": all_communes})
    return render(request, "province.html", data)


@router.get("/api/province/ranking", tags=["Tỉnh"], summary="Xếp hạng các xã/phường theo một chỉ tiêu danh mục")
def api_ranking(
    catalogue: Annotated[int | None, Query(ge=1, le=MAX_ID, description="id chỉ tiêu trong danh mục")] = None,
    period: str | None = Query(None, description="Kỳ: 2026-03, 2026-Q1, 2026"),
    who: Viewer = Depends(province_roles),
    db: Session = Depends(get_db),
) -> dict:
    data = ranking_data(db, who, catalogue, period)
    selected = data["selected"]
    return views.plain({
        "province": data["province"].name,
        "period": data["period"],
        "indicator": {"id": selected.id, "code": selected.code, "name": selected.name} if selected else None,
        "ranking": data["ranking"],
        "completeness": data["completeness"],
    })


@router.get("/api/communes", tags=["Xã/phường"], summary="Các xã/phường người dùng được xem")
def api_communes(who: Viewer = Depends(require_roles(*accounts.ROLE_LABELS)), db: Session = Depends(get_db)) -> list[dict]:
    if who.role in accounts.PROVINCE_ROLES:
        rows = db.scalars(select(Unit).where(Unit.parent_id == who.user.province_id, Unit.kind == "commune",
                                             Unit.id.in_(select(Plan.commune_id))).order_by(Unit.name)).all()
    else:
        rows = [u for u in [db.get(Unit, who.user.commune_id)] if u is not None]
    return [{"id": u.id, "code": u.code, "name": u.name, "province": u.parent.name if u.parent else None} for u in rows]


@router.get("/api/catalogue", tags=["Danh mục"], summary="Danh mục chỉ tiêu chung")
def api_catalogue(who: Viewer = Depends(require_roles(*accounts.ROLE_LABELS)), db: Session = Depends(get_db)) -> list[dict]:
    rows = db.scalars(select(CatalogueIndicator).order_by(CatalogueIndicator.code)).all()
    return [{"id": c.id, "code": c.code, "name": c.name, "unit": c.unit, "direction": c.direction, "kind": c.kind}
            for c in rows]


@router.get("/api/me", tags=["Tài khoản"], summary="Người dùng của mã API")
def api_me(who: Viewer = Depends(require_roles(*accounts.ROLE_LABELS))) -> dict:
    u = who.user
    return {"username": u.username, "role": u.role, "province_id": u.province_id, "commune_id": u.commune_id,
            "unit_id": u.unit_id}
