"""Budget: per budget line of the commune's plans and per period, the amount allocated and
disbursed by source of funds, and the share disbursed; page and API mirror.

The commune leader enters (budget lines name no responsible unit); everyone who may see the
commune reads.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import BudgetLine
from nq57.web import scope, views
from nq57.web.context import checked_period, commune_for, default_period, period_choices
from nq57.web.deps import IdPath, IdQuery, Viewer, by_id, get_db, render, viewer
from nq57.web.forms import FieldError, parse_number

router = APIRouter()


def budget_data(db: Session, who: Viewer, commune_id: int | None, period: str | None) -> dict:
    from nq57.domain.periods import parse_period
    from nq57.track.budget import SOURCES, budget_summary
    from nq57.track.plans import plans_of

    commune = commune_for(db, who, commune_id)
    chosen = checked_period(period, default_period(db, commune))
    year = str(parse_period(chosen).year)
    plans = [p for p in plans_of(db, commune) if p.budget_lines]
    rows = []
    for plan in plans:
        in_year = {r.line_id: r for r in budget_summary(db, plan, year)}
        for row in budget_summary(db, plan, chosen):
            rows.append({"plan": plan.number or plan.title[:60], "line": row, "year": in_year.get(row.line_id)})
    return {"commune": commune, "period": chosen, "year": year, "rows": rows, "sources": SOURCES,
            "can_enter": who.role == "commune_leader" and who.user.commune_id == commune.id}


def _line_checked(db: Session, who: Viewer, line: BudgetLine | None) -> BudgetLine:
    if line is None:
        raise HTTPException(404, "Không tìm thấy dòng kinh phí.")
    scope.check_leader(who.user, line.plan.commune_id)
    return line


@router.get("/budget", include_in_schema=False)
def budget_page(request: Request, commune: IdQuery = None, period: str | None = None, done: str | None = None,
                who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    data = budget_data(db, who, commune, period)
    data.update({"periods": period_choices(data["period"]), "message": done, "errors": {}, "typed": {}})
    return render(request, "budget.html", data)


@router.post("/budget", include_in_schema=False)
async def budget_save(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    from nq57.track.budget import set_budget

    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    line = _line_checked(db, who, by_id(db, BudgetLine, form.get("line_id")))
    period = checked_period(form.get("period"), default_period(db, line.plan.commune))
    problem = None
    try:
        allocated = parse_number(form.get("allocated"))
        disbursed = parse_number(form.get("disbursed"))
        if allocated is None or disbursed is None:
            raise FieldError("Cần nhập cả số được giao và số đã giải ngân (có thể là 0).")
        set_budget(db, line, period, allocated=allocated, disbursed=disbursed, source=form.get("source", "ngan_sach"),
                   note=form.get("note") or None, actor=who.user.username)
    except (FieldError, UserError) as exc:
        db.rollback()
        problem = str(exc)
    if problem is not None:  # keep what was typed and say what is wrong beside the line
        data = budget_data(db, who, None, period)
        data.update({"periods": period_choices(period), "message": None, "errors": {line.id: problem},
                     "typed": {line.id: form}})
        return render(request, "budget.html", data, 422)
    db.commit()
    message = quote(f"Đã ghi kinh phí kỳ {period}: {line.item[:60]}")
    return RedirectResponse(f"/budget?period={period}&done={message}", status_code=303)


# ---- API -------------------------------------------------------------------------------


class BudgetIn(BaseModel):
    allocated: float = Field(..., ge=0, le=1e15, description="Số được giao (đơn vị của dòng kinh phí)")
    disbursed: float = Field(..., ge=0, le=1e15, description="Số đã giải ngân")
    source: Literal["ngan_sach", "doanh_nghiep", "khac"] = "ngan_sach"
    note: str | None = Field(None, max_length=2000)
    expected_version: int | None = Field(None, ge=0, le=2_147_483_647)


@router.get("/api/communes/{commune_id}/budget", tags=["Kinh phí"], summary="Kinh phí: được giao, đã giải ngân, tỷ lệ")
def api_budget(commune_id: IdPath, period: str | None = Query(None, description="Kỳ: 2026-03, 2026-Q1, 2026"),
               who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> dict:
    data = budget_data(db, who, commune_id, period)
    return views.plain({"commune": data["commune"].name, "period": data["period"],
                        "lines": [dict(views.plain(r["line"]), plan=r["plan"]) for r in data["rows"]]})


@router.put("/api/budget-lines/{line_id}/entries/{period}", tags=["Kinh phí"],
            summary="Ghi số được giao và đã giải ngân của một dòng kinh phí trong kỳ, theo nguồn")
def api_set_budget(line_id: IdPath, period: str, body: BudgetIn, who: Viewer = Depends(viewer),
                   db: Session = Depends(get_db)) -> dict:
    from nq57.track.budget import set_budget
    from nq57.track.errors import ConflictError

    line = _line_checked(db, who, db.get(BudgetLine, line_id))
    try:
        row = set_budget(db, line, period, allocated=body.allocated, disbursed=body.disbursed, source=body.source,
                         note=body.note, actor=who.user.username, expected_version=body.expected_version)
    except UserError as exc:
        db.rollback()
        raise HTTPException(409 if isinstance(exc, ConflictError) else 422, str(exc)) from None
    db.commit()
    return views.plain({"id": row.id, "line_id": line.id, "period": row.period, "source": row.source,
                        "allocated": row.allocated, "disbursed": row.disbursed, "version": row.version,
                        "share_disbursed": round(row.disbursed / row.allocated, 4) if row.allocated else None})
