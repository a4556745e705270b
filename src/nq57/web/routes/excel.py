"""The Excel round-trip for a unit: download the pre-filled template, upload it back,
preview the changes (a dry run rolled back), confirm to import (one transaction).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import Indicator, Unit, Value
from nq57.web import scope, uploads
from nq57.web.context import checked_period, commune_for, default_period, period_choices
from nq57.web.deps import Forbidden, Viewer, get_db, render, require_roles

router = APIRouter()
entry_roles = require_roles("unit_officer", "commune_leader")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _snapshot(db: Session, commune_id: int) -> dict[tuple[int, str], tuple]:
    rows = db.execute(
        select(Value.indicator_id, Value.period, Value.value, Value.numerator, Value.denominator, Value.note)
        .where(Value.commune_id == commune_id)
    ).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def _dry_run(db: Session, who: Viewer, commune: Unit, path: Path, name: str) -> tuple[list[dict], list[str]]:
    """What the workbook would change, computed by importing and rolling back."""
    from nq57.errors import InputFileError
    from nq57.track.excel import import_workbook

    before = _snapshot(db, commune.id)
    try:
        result = import_workbook(db, path, actor=who.user.username)
        db.flush()
        after = _snapshot(db, commune.id)
    except InputFileError as exc:  # its message starts with our stored path: name the user's file
        db.rollback()
        return [], [f"Tệp '{name}': {exc.problem}"]
    except UserError as exc:
        db.rollback()
        return [], [str(exc)]
    except Exception as exc:  # a damaged workbook can fail inside openpyxl
        db.rollback()
        return [], [f"Không đọc được tệp Excel (tệp hỏng?): {type(exc).__name__}: {exc}"]
    problems = [str(p) for p in getattr(result, "problems", [])]
    changes = []
    for key, new in sorted(after.items()):
        old = before.get(key)
        if old == new:
            continue
        indicator = db.get(Indicator, key[0])
        if indicator is None or not scope.can_enter(who.user, indicator):
            problems.append(
                f"Tệp có giá trị cho chỉ tiêu '{indicator.name if indicator else key[0]}' không do đơn vị anh/chị chủ trì."
            )
            continue
        changes.append({"indicator": f"{indicator.code or ''} {indicator.name}".strip(), "period": key[1],
                        "old": old[0] if old else None, "new": new[0], "note": new[3]})
    db.rollback()
    return changes, problems


@router.get("/entry/excel", include_in_schema=False)
def excel_page(request: Request, period: str | None = None, who: Viewer = Depends(entry_roles),
               db: Session = Depends(get_db)):
    commune = commune_for(db, who, None)
    chosen = checked_period(period, default_period(db, commune))
    return render(request, "excel.html", {"period": chosen, "periods": period_choices(chosen), "changes": None,
                                          "problems": [], "token": None, "error": None})


@router.get("/entry/excel/template", include_in_schema=False)
def excel_template(period: str | None = None, who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)):
    from nq57.track.excel import write_template

    commune = commune_for(db, who, None)
    chosen = checked_period(period, default_period(db, commune))
    unit = db.get(Unit, who.user.unit_id) if who.user.unit_id else None
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(db, commune, chosen, Path(folder) / "mau.xlsx", unit=unit)
        data = Path(path).read_bytes()
    name = f"mau-nhap-so-lieu-{chosen}.xlsx"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/entry/excel", include_in_schema=False)
async def excel_upload(request: Request, who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)):
    form = await request.form()
    commune = commune_for(db, who, None)
    period = checked_period(str(form.get("period") or ""), default_period(db, commune))
    context = {"period": period, "periods": period_choices(period), "changes": None, "problems": [], "token": None,
               "error": None}
    try:
        name, data = await uploads.read_upload(form.get("file"), request.app.state.upload_limit, uploads.EXCEL_SUFFIXES)
    except uploads.UploadProblem as exc:
        context["error"] = str(exc)
        return render(request, "excel.html", context, 422)
    token = uploads.keep(name, data, {"user": who.user.id, "kind": "excel"})
    path, _ = uploads.load(token)
    changes, problems = _dry_run(db, who, commune, path, name)
    if problems:
        uploads.discard(token)
        token = None
    context.update({"changes": changes, "problems": problems, "token": token, "name": name})
    return render(request, "excel.html", context, 422 if problems else 200)


@router.post("/entry/excel/confirm", include_in_schema=False)
async def excel_confirm(request: Request, who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)):
    from nq57.track.excel import import_workbook

    form = await request.form()
    token = str(form.get("token") or "")
    commune = commune_for(db, who, None)
    try:
        path, meta = uploads.load(token)
    except uploads.UploadProblem as exc:
        return render(request, "excel.html", {"period": default_period(db, commune), "periods": [], "changes": None,
                                              "problems": [], "token": None, "error": str(exc)}, 422)
    if meta.get("user") != who.user.id:
        raise Forbidden("Tệp này do người khác tải lên.")
    changes, problems = _dry_run(db, who, commune, path, meta["name"])
    if problems:
        uploads.discard(token)
        return render(request, "excel.html", {"period": default_period(db, commune), "periods": [], "changes": None,
                                              "problems": problems, "token": None, "error": "Chưa nhập gì."}, 422)
    result = import_workbook(db, path, actor=who.user.username)
    db.commit()
    uploads.discard(token)
    written = getattr(result, "written", len(changes))
    count = written if isinstance(written, int) else len(written)
    return RedirectResponse(f"/entry?saved={count}", status_code=303)


# ---- API -------------------------------------------------------------------------------


class ConfirmIn(BaseModel):
    token: str = Field(..., min_length=1, max_length=200, description="Mã tệp nhận được khi xem trước")


@router.get("/api/excel/template", tags=["Nhập từ Excel"], summary="Tải mẫu Excel điền sẵn cho đơn vị",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def api_excel_template(period: str | None = Query(None, description="Kỳ: 2026-03, 2026-Q1 ..."),
                       who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)) -> Response:
    return excel_template(period, who, db)


@router.post("/api/excel/preview", tags=["Nhập từ Excel"],
             summary="Tải tệp Excel lên và xem trước các thay đổi (chưa ghi gì)")
async def api_excel_preview(request: Request, file: UploadFile = File(..., description="Tệp .xlsx đã điền"),
                            who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)) -> dict:
    commune_for(db, who, None)
    try:
        name, data = await uploads.read_upload(file, request.app.state.upload_limit, uploads.EXCEL_SUFFIXES)
    except uploads.UploadProblem as exc:
        raise HTTPException(422, str(exc)) from None
    token = uploads.keep(name, data, {"user": who.user.id, "kind": "excel"})
    path, _ = uploads.load(token)
    changes, problems = _dry_run(db, who, db.get(Unit, who.user.commune_id), path, name)
    if problems:  # nothing is kept: the corrected file is uploaded again
        uploads.discard(token)
        raise HTTPException(422, problems)
    return {"token": token, "file": name, "changes": changes}


@router.post("/api/excel/confirm", tags=["Nhập từ Excel"], summary="Xác nhận nhập tệp Excel đã xem trước")
def api_excel_confirm(body: ConfirmIn, who: Viewer = Depends(entry_roles), db: Session = Depends(get_db)) -> dict:
    from nq57.track.excel import import_workbook

    commune = commune_for(db, who, None)
    try:
        path, meta = uploads.load(body.token)
    except uploads.UploadProblem as exc:
        raise HTTPException(422, str(exc)) from None
    if meta.get("user") != who.user.id or meta.get("kind") != "excel":
        raise Forbidden("Tệp này không phải tệp Excel anh/chị đã tải lên.")
    changes, problems = _dry_run(db, who, commune, path, meta["name"])
    if problems:
        uploads.discard(body.token)
        raise HTTPException(422, problems)
    import_workbook(db, path, actor=who.user.username)
    db.commit()
    uploads.discard(body.token)
    return {"imported": len(changes), "changes": changes}
