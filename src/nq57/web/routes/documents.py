"""Upload a plan or report → extraction → review beside the source text → confirm to import.

Nothing is written to the tracking tables before the confirmation, and the import is one
transaction: a bad upload or a failed import leaves nothing half-imported.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import Unit
from nq57.web import accounts, scope, uploads
from nq57.web.deps import Forbidden, IdPath, Viewer, by_id, get_db, render, require_roles
from nq57.web.review import ReadProblem, apply_edits, extract_for_review

router = APIRouter()
uploaders = require_roles("commune_leader", "province_admin")


def _communes(db: Session, who: Viewer) -> list[Unit]:
    if who.role in accounts.PROVINCE_ROLES:
        return list(db.scalars(select(Unit).where(Unit.parent_id == who.user.province_id, Unit.kind == "commune")
                               .order_by(Unit.name)).all())
    commune = db.get(Unit, who.user.commune_id) if who.user.commune_id else None
    return [commune] if commune else []


def _guess_commune(db: Session, who: Viewer, plan: dict) -> Unit | None:
    """The commune named in the document, if the user may import there."""
    from nq57.track.units import find_commune

    locality = (plan.get("document") or {}).get("locality") or {}
    if not locality.get("name"):
        return None
    text = ", ".join(x for x in (locality.get("name"), locality.get("province")) if x)
    try:
        commune = find_commune(db, text)
    except UserError:
        return None
    return commune if scope.can_view_commune(who.user, commune) else None


def _upload_page(request: Request, db: Session, who: Viewer, error: str | None = None, status: int = 200):
    return render(request, "documents.html", {"error": error, "communes": _communes(db, who)}, status)


@router.get("/documents", include_in_schema=False)
def documents(request: Request, who: Viewer = Depends(uploaders), db: Session = Depends(get_db)):
    return _upload_page(request, db, who)


@router.post("/documents", include_in_schema=False)
async def upload_document(request: Request, who: Viewer = Depends(uploaders), db: Session = Depends(get_db)):
    form = await request.form()
    try:
        name, data = await uploads.read_upload(form.get("file"), request.app.state.upload_limit, uploads.DOCUMENT_SUFFIXES)
    except uploads.UploadProblem as exc:
        return _upload_page(request, db, who, str(exc), 422)
    try:
        extracted = extract_for_review(name, data)
    except ReadProblem as exc:
        return _upload_page(request, db, who, f"Tệp '{name}': {exc}", 422)
    token = uploads.keep(name, data, {"user": who.user.id, "extracted": extracted})
    return _review_page(request, db, who, token, name, extracted, {}, {})


def _review_page(request, db, who, token, name, extracted, typed, errors, status=200, error=None):
    plan = extracted["plan"]
    guessed = _guess_commune(db, who, plan)
    return render(request, "review.html", {
        "token": token, "name": name, "plan": plan, "review": extracted["review"],
        "warnings": extracted["warnings"], "communes": _communes(db, who), "guessed": guessed,
        "typed": typed, "errors": errors, "error": error,
        # the document names a place the user may not import into (or that is unknown)
        "locality_mismatch": bool(((plan.get("document") or {}).get("locality") or {}).get("name")) and guessed is None,
    }, status)


@router.post("/documents/confirm", include_in_schema=False)
async def confirm_document(request: Request, who: Viewer = Depends(uploaders), db: Session = Depends(get_db)):
    from nq57.track.plans import import_plan

    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        path, meta = uploads.load(form.get("token", ""))
    except uploads.UploadProblem as exc:
        return _upload_page(request, db, who, str(exc), 422)
    if meta.get("user") != who.user.id:
        raise Forbidden("Tệp này do người khác tải lên.")
    extracted = meta["extracted"]
    commune_id = form.get("commune", "")
    commune = by_id(db, Unit, commune_id)
    if commune is None or commune.kind != "commune" or not scope.can_view_commune(who.user, commune) or (
        who.role == "commune_leader" and commune.id != who.user.commune_id
    ):
        return _review_page(request, db, who, form["token"], meta["name"], extracted, form,
                            {"commune": "Chọn xã/phường được phép nhập."}, 422, "Chưa chọn đúng xã/phường.")
    plan, errors = apply_edits(extracted["plan"], form)
    if errors:
        return _review_page(request, db, who, form["token"], meta["name"], extracted, form, errors, 422,
                            "Có ô chưa hợp lệ (đánh dấu đỏ). Chưa nhập gì.")
    try:
        result = import_plan(db, plan, commune, meta["name"], actor=who.user.username)
    except UserError as exc:
        db.rollback()
        return _review_page(request, db, who, form["token"], meta["name"], extracted, form, {}, 422,
                            f"Chưa nhập được: {exc}")
    db.commit()
    uploads.discard(form["token"])
    what = "Đã cập nhật" if not result.created else "Đã nhập"
    from urllib.parse import quote

    return RedirectResponse(f"/plan?commune={commune.id}&imported={quote(what + ' ' + meta['name'])}", status_code=303)


# ---- API -------------------------------------------------------------------------------


@router.post("/api/documents/extract", tags=["Văn bản"], summary="Đọc một văn bản, trả Plan JSON kèm nguồn từng mục")
async def api_extract(request: Request, who: Viewer = Depends(uploaders)) -> dict:
    """Multipart field `file`. Nothing is stored: import the (reviewed) JSON with the next call."""
    from fastapi import HTTPException

    form = await request.form()
    try:
        name, data = await uploads.read_upload(form.get("file"), request.app.state.upload_limit, uploads.DOCUMENT_SUFFIXES)
    except uploads.UploadProblem as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        extracted = extract_for_review(name, data)
    except ReadProblem as exc:
        raise HTTPException(422, f"Tệp '{name}': {exc}") from None
    return {"name": name, **extracted}


@router.post("/api/communes/{commune_id}/plans", tags=["Văn bản"], summary="Nhập một Plan JSON vào xã/phường")
def api_import(commune_id: IdPath, plan: dict[str, Any], source_name: str = "api.json",
               who: Viewer = Depends(uploaders), db: Session = Depends(get_db)) -> dict:
    from fastapi import HTTPException

    from nq57.track.plans import import_plan

    commune = by_id(db, Unit, commune_id)
    if commune is None or commune.kind != "commune" or not scope.can_view_commune(who.user, commune) or (
        who.role == "commune_leader" and commune.id != who.user.commune_id
    ):
        raise Forbidden("Bạn không được nhập văn bản cho xã/phường này.")
    try:
        result = import_plan(db, plan, commune, source_name[:200], actor=who.user.username)
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a malformed Plan JSON
        db.rollback()
        raise HTTPException(422, f"Plan JSON không hợp lệ: {type(exc).__name__}: {exc}") from None
    db.commit()
    return {"plan_id": result.plan.id, "created": result.created,
            "indicators": len(result.plan.indicators), "tasks": len(result.plan.tasks)}
