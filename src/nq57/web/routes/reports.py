"""Reports page: generate and download the period's report (nq57.report.build_report)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import Plan, Unit
from nq57.web import accounts
from nq57.web.context import checked_period, commune_for, default_period, period_choices, today
from nq57.web.deps import IdPath, Viewer, get_db, render, viewer

router = APIRouter()
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _communes(db: Session, who: Viewer) -> list[Unit]:
    if who.role in accounts.PROVINCE_ROLES:
        return list(db.scalars(select(Unit).where(Unit.parent_id == who.user.province_id, Unit.kind == "commune",
                                                  Unit.id.in_(select(Plan.commune_id))).order_by(Unit.name)).all())
    return [u for u in [db.get(Unit, who.user.commune_id)] if u is not None]


def _build(db: Session, who: Viewer, commune_id: int | None, period: str | None, fmt: str, party: bool):
    from nq57.report import build_report

    try:
        from nq57.report import report_filename
    except ImportError:  # pragma: no cover - older report package
        report_filename = None
    commune = commune_for(db, who, commune_id)
    chosen = checked_period(period, default_period(db, commune))
    if fmt not in FORMATS:
        raise UserError(f"Định dạng '{fmt}' không hỗ trợ; chọn docx, xlsx hoặc pdf.")
    data = build_report(db, commune, chosen, fmt, party=party, as_of=today())
    name = report_filename(commune.name, chosen, fmt, party) if report_filename else f"bao-cao-{chosen}.{fmt}"
    return Response(data, media_type=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/reports", include_in_schema=False)
def reports_page(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    communes = _communes(db, who)
    period = default_period(db, communes[0]) if communes else str(today().year)
    return render(request, "reports.html", {"communes": communes, "period": period,
                                            "periods": period_choices(period), "error": None})


@router.post("/reports", include_in_schema=False)
async def reports_download(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    form = await request.form()
    commune = str(form.get("commune") or "")
    try:
        return _build(db, who, int(commune) if commune.isdigit() else None, str(form.get("period") or ""),
                      str(form.get("fmt") or "docx"), bool(form.get("party")))
    except UserError as exc:
        communes = _communes(db, who)
        period = str(form.get("period") or today().year)
        return render(request, "reports.html", {"communes": communes, "period": period,
                                                "periods": period_choices(checked_period(period, str(today().year))),
                                                "error": str(exc)}, 422)


@router.get("/api/communes/{commune_id}/report", tags=["Báo cáo"], summary="Tải báo cáo kỳ (docx, xlsx, pdf)",
            response_class=Response)
def api_report(commune_id: IdPath, period: str | None = Query(None), fmt: str = Query("docx", pattern="^(docx|xlsx|pdf)$"),
               party: bool = Query(False), who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    from fastapi import HTTPException

    try:
        return _build(db, who, commune_id, period, fmt, party)
    except UserError as exc:
        raise HTTPException(422, str(exc)) from None
