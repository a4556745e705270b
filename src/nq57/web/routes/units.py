"""Internal units review: a commune's units (phòng, trung tâm, trường ...) with the pairs
whose names probably mean one unit; the leader (or the province administrator) merges two,
and sets the address reminders go to. Page and API mirror.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import Indicator, Task, Unit
from nq57.web.context import commune_for
from nq57.web.deps import Forbidden, IdPath, IdQuery, Viewer, by_id, get_db, render, require_roles

router = APIRouter()
managers = require_roles("commune_leader", "province_admin")


def _counts(db: Session, model, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.execute(select(model.lead_unit_id, func.count()).where(model.lead_unit_id.in_(ids)).group_by(model.lead_unit_id))
    return {unit_id: n for unit_id, n in rows}


def units_data(db: Session, who: Viewer, commune_id: int | None) -> dict:
    from nq57.track.units import internal_units, likely_duplicates

    commune = commune_for(db, who, commune_id)
    found = internal_units(db, commune)
    ids = [u.id for u in found]
    indicators, tasks = _counts(db, Indicator, ids), _counts(db, Task, ids)
    rows = [{"id": u.id, "code": u.code, "name": u.name, "email": u.email, "reviewed": bool(u.reviewed),
             "indicators": indicators.get(u.id, 0), "tasks": tasks.get(u.id, 0)} for u in found]
    pairs = [{"first": p.first.id, "first_name": p.first.name, "second": p.second.id, "second_name": p.second.name,
              "score": p.score} for p in likely_duplicates(db, commune)]
    return {"commune": commune, "units": rows, "duplicates": pairs}


def _internal_checked(db: Session, who: Viewer, unit: Unit | None) -> Unit:
    """An internal unit of a commune this user manages."""
    if unit is None or unit.kind != "internal":
        raise HTTPException(404, "Không tìm thấy đơn vị trực thuộc.")
    commune = db.get(Unit, unit.parent_id)
    commune_for(db, who, commune.id if commune else None)
    if who.role == "commune_leader" and unit.parent_id != who.user.commune_id:
        raise Forbidden()
    return unit


def _merge(db: Session, who: Viewer, keep: Unit | None, drop: Unit | None) -> tuple[Unit, Unit]:
    from nq57.track.units import merge_units

    keep, drop = _internal_checked(db, who, keep), _internal_checked(db, who, drop)
    try:
        merge_units(db, keep, drop, who.user.username)
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    db.commit()
    return keep, drop


def _set_email(db: Session, who: Viewer, unit: Unit | None, email: str | None) -> Unit:
    from nq57.track.units import set_email

    unit = _internal_checked(db, who, unit)
    try:
        set_email(db, unit, email, who.user.username)
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    db.commit()
    return unit


@router.get("/units", include_in_schema=False)
def units_page(request: Request, commune: IdQuery = None, done: str | None = None,
               who: Viewer = Depends(managers), db: Session = Depends(get_db)):
    data = units_data(db, who, commune)
    data["message"] = done
    return render(request, "units.html", data)


def _back(commune_id: int, message: str) -> RedirectResponse:
    return RedirectResponse(f"/units?commune={commune_id}&done={quote(message)}", status_code=303)


@router.post("/units/merge", include_in_schema=False)
async def units_merge(request: Request, who: Viewer = Depends(managers), db: Session = Depends(get_db)):
    form = await request.form()
    first, second = by_id(db, Unit, form.get("first")), by_id(db, Unit, form.get("second"))
    keep_first = form.get("keep") != "second"
    keep, drop = _merge(db, who, first if keep_first else second, second if keep_first else first)
    return _back(keep.parent_id, f"Đã gộp '{drop.name}' vào '{keep.name}'.")


@router.post("/units/{unit_id}/email", include_in_schema=False)
async def units_email(unit_id: IdPath, request: Request, who: Viewer = Depends(managers), db: Session = Depends(get_db)):
    form = await request.form()
    unit = _set_email(db, who, db.get(Unit, unit_id), str(form.get("email") or ""))
    return _back(unit.parent_id, f"{unit.name}: {unit.email or 'đã xoá địa chỉ thư'}.")


# ---- API -------------------------------------------------------------------------------


class MergeIn(BaseModel):
    keep_id: int = Field(..., ge=1, le=2_147_483_647, description="Đơn vị giữ lại")
    drop_id: int = Field(..., ge=1, le=2_147_483_647, description="Đơn vị gộp vào đơn vị giữ lại")


class EmailIn(BaseModel):
    email: str | None = Field(None, max_length=200, description="Địa chỉ nhận thư nhắc; null: xoá")


@router.get("/api/communes/{commune_id}/units", tags=["Đơn vị trực thuộc"],
            summary="Đơn vị trực thuộc xã/phường và các cặp có thể trùng")
def api_units(commune_id: IdPath, who: Viewer = Depends(managers), db: Session = Depends(get_db)) -> dict:
    data = units_data(db, who, commune_id)
    return {"commune": data["commune"].name, "units": data["units"], "duplicates": data["duplicates"]}


@router.post("/api/units/merge", tags=["Đơn vị trực thuộc"], summary="Gộp hai đơn vị trực thuộc là một")
def api_merge(body: MergeIn, who: Viewer = Depends(managers), db: Session = Depends(get_db)) -> dict:
    keep, drop = _merge(db, who, db.get(Unit, body.keep_id), db.get(Unit, body.drop_id))
    return {"kept": keep.id, "merged": drop.id, "name": keep.name}


@router.put("/api/units/{unit_id}/email", tags=["Đơn vị trực thuộc"], summary="Địa chỉ thư nhận nhắc nhập số liệu")
def api_email(unit_id: IdPath, body: EmailIn, who: Viewer = Depends(managers), db: Session = Depends(get_db)) -> dict:
    unit = _set_email(db, who, db.get(Unit, unit_id), body.email)
    return {"id": unit.id, "name": unit.name, "email": unit.email}
