"""The province view: communes ranked on a catalogue indicator with a chart, reporting
completeness per commune, drill-down, pinned communes and indicators; API mirror.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from nq57.domain.periods import month_of, parse_period
from nq57.store.models.tracking import CatalogueIndicator, Indicator, Plan, Target, Unit
from nq57.web import accounts, views
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


def _catalogue_in_use(db: Session, province: Unit) -> tuple[list[CatalogueIndicator], list[CatalogueIndicator]]:
    """(catalogue indicators some commune of the province has, the whole catalogue)."""
    catalogue = list(db.scalars(select(CatalogueIndicator).order_by(CatalogueIndicator.code)).all())
    used = set(db.scalars(
        select(Indicator.catalogue_id).join(Plan, Plan.id == Indicator.plan_id).join(Unit, Unit.id == Plan.commune_id)
        .where(Unit.parent_id == province.id, Indicator.catalogue_id.is_not(None), Indicator.seq > 0).distinct()
    ))
    return [c for c in catalogue if c.id in used], catalogue


def _reporting_month(period: str, as_of) -> str:
    """The month whose reporting a period's completeness is judged on (its last month, not
    after today's)."""
    p = parse_period(period)
    last = p.month_periods()[-1]
    today_month = month_of(as_of)
    return str(min(last, today_month))


def _completeness(db: Session, province: Unit, period: str, as_of) -> list[dict]:
    """Per commune with a plan: indicators with a value for the reporting month, and the units
    still missing (nq57.scale.rollups.not_reported, the tracking core's rule)."""
    from nq57.scale.rollups import not_reported

    month = _reporting_month(period, as_of)
    year = parse_period(month).year
    totals = db.execute(
        select(Unit.id, Unit.name, func.count(Indicator.id.distinct()))
        .join(Plan, Plan.commune_id == Unit.id)
        .join(Indicator, Indicator.plan_id == Plan.id)
        .join(Target, and_(Target.indicator_id == Indicator.id, Target.year == year))
        .where(Unit.parent_id == province.id, Indicator.seq > 0)
        .group_by(Unit.id, Unit.name)
    ).all()
    missing: dict[int, list] = {}
    for row in not_reported(db, province, month):
        missing.setdefault(row.commune_id, []).append(row)
    out = []
    for commune_id, name, total in totals:
        gaps = missing.get(commune_id, [])
        lacking = sum(g.missing for g in gaps)
        out.append({"commune_id": commune_id, "commune": name, "month": month, "total": total,
                    "reported": total - lacking, "missing_units": [f"{g.unit} ({g.missing})" for g in gaps]})
    out.sort(key=lambda r: (r["reported"] / r["total"] if r["total"] else 0, r["commune"]))
    return out


def ranking_data(db: Session, who: Viewer, catalogue_id: int | None, period: str | None) -> dict:
    """One catalogue indicator across the province's communes, ranked, and who has reported.

    Read live with nq57.scale.rollups (only the indicator asked for), so the view stays fast
    for a province of a hundred communes or more; each commune's status is the one its own
    dashboard shows."""
    from nq57.scale.rollups import province_comparison

    province = _province(db, who)
    chosen = checked_period(period, default_period(db, province))
    as_of = today()
    in_use, catalogue = _catalogue_in_use(db, province)
    selected = next((c for c in catalogue if c.id == catalogue_id), None) or (in_use[0] if in_use else None)
    ranking = []
    if selected is not None:
        for row in province_comparison(db, province, selected.code, chosen, as_of):
            ranking.append({"commune_id": row.commune_id, "commune": row.commune, "value": row.value,
                            "value_period": row.value_period, "target": views.target_text(row),
                            "unit": selected.unit, "status": str(row.status),
                            "pace": str(row.pace) if row.pace else None, "rank": row.rank})
    return {"province": province, "period": chosen, "catalogue": in_use or catalogue, "selected": selected,
            "ranking": ranking, "completeness": _completeness(db, province, chosen, as_of)}


def _pinned_summaries(db: Session, data: dict, pinned: set[int]) -> list[dict]:
    """For each catalogue indicator the user pinned: how many communes meet it this period."""
    from nq57.scale.rollups import province_comparison

    out = []
    for entry in data["catalogue"]:
        if entry.id not in pinned:
            continue
        rows = province_comparison(db, data["province"], entry.code, data["period"], today())
        out.append({"id": entry.id, "code": entry.code, "name": entry.name, "communes": len(rows),
                    "achieved": sum(r.status == "achieved" for r in rows),
                    "not_achieved": sum(r.status == "not_achieved" for r in rows),
                    "not_evaluated": sum(r.status == "not_evaluated" for r in rows)})
    return out


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
                 "pinned_catalogue": pinned_catalogue, "communes": all_communes,
                 "pinned_summaries": _pinned_summaries(db, data, pinned_catalogue)})
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
