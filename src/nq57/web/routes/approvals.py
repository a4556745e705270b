"""Approvals for the commune leader: values awaiting approval with their audit history,
return with a reason, reopen a locked value, giải trình requests, extension decisions.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import Evidence, ExtensionRequest, Indicator, Task, Value
from nq57.web import scope, views
from nq57.web.context import checked_period, commune_for, default_period, today
from nq57.web.deps import IdPath, Viewer, by_id, get_db, render, require_roles
from nq57.web.forms import FieldError, parse_date

router = APIRouter()
leader_only = require_roles("commune_leader")


def _value_checked(db: Session, who: Viewer, value_id: int) -> Value:
    value = db.get(Value, value_id)
    if value is None:
        raise HTTPException(404, "Không tìm thấy giá trị.")
    scope.check_leader(who.user, value.commune_id)
    return value


def approvals_data(db: Session, who: Viewer, period: str | None) -> dict:
    from nq57.track.alerts import alerts
    from nq57.track.audit import entries
    from nq57.track.explanations import pending_explanations
    from nq57.track.values import awaiting_approval

    commune = commune_for(db, who, None)
    chosen = checked_period(period, default_period(db, commune))
    waiting = awaiting_approval(db, commune)
    history = {v.id: entries(db, entity="value", entity_id=v.id, limit=20) for v in waiting}
    evidence = {v.id: list(db.scalars(select(Evidence).where(Evidence.value_id == v.id))) for v in waiting}
    approved = db.scalars(
        select(Value).where(Value.commune_id == commune.id, Value.period == chosen, Value.state == "approved")
    ).all()
    extensions = db.scalars(
        select(ExtensionRequest)
        .join(Task, Task.id == ExtensionRequest.task_id)
        .where(ExtensionRequest.decision == "pending", Task.plan.has(commune_id=commune.id))
    ).all()
    off_track = [a for a in alerts(db, commune, today()) if a.kind in ("indicator_at_risk", "overdue_task")]
    return {
        "commune": commune,
        "period": chosen,
        "waiting": waiting,
        "history": history,
        "evidence": evidence,
        "approved": approved,
        "explanations": pending_explanations(db, commune),
        "extensions": extensions,
        "extension_tasks": {x.id: db.get(Task, x.task_id) for x in extensions},
        "off_track": off_track,
    }


@router.get("/approvals", include_in_schema=False)
def approvals(request: Request, period: str | None = None, done: str | None = None,
              who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    data = approvals_data(db, who, period)
    data["message"] = done
    return render(request, "approvals.html", data)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


def _back(message: str) -> RedirectResponse:
    from urllib.parse import quote

    return RedirectResponse(f"/approvals?done={quote(message)}", status_code=303)


@router.post("/values/{value_id}/approve", include_in_schema=False)
def approve_value(value_id: IdPath, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    from nq57.track.values import approve

    value = _value_checked(db, who, value_id)
    try:
        approve(db, value, who.user.username)
    except UserError as exc:
        raise HTTPException(409, str(exc)) from None
    db.commit()
    return _back("Đã duyệt và khoá giá trị.")


@router.post("/values/approve-many", include_in_schema=False)
async def approve_many(request: Request, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    """Approve every ticked value in one transaction: all or none."""
    from nq57.track.values import approve

    form = await request.form()
    chosen = [by_id(db, Value, raw) for raw in form.getlist("ids")]
    if not chosen:
        raise HTTPException(422, "Chưa chọn giá trị nào để duyệt.")
    for value in chosen:
        if value is None:
            raise HTTPException(404, "Không tìm thấy giá trị.")
        scope.check_leader(who.user, value.commune_id)
        try:
            approve(db, value, who.user.username)
        except UserError as exc:
            db.rollback()
            raise HTTPException(409, f"Chưa duyệt mục nào: {exc}") from None
    db.commit()
    return _back(f"Đã duyệt và khoá {len(chosen)} giá trị.")


@router.post("/values/{value_id}/return", include_in_schema=False)
async def return_value(value_id: IdPath, request: Request, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    from nq57.track.values import return_value as send_back

    form = await _form(request)
    value = _value_checked(db, who, value_id)
    try:
        send_back(db, value, who.user.username, form.get("reason", "").strip())
    except UserError as exc:
        raise HTTPException(422, str(exc)) from None
    db.commit()
    return _back("Đã trả lại giá trị cho đơn vị.")


@router.post("/values/{value_id}/reopen", include_in_schema=False)
async def reopen_value(value_id: IdPath, request: Request, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    from nq57.track.values import reopen

    form = await _form(request)
    value = _value_checked(db, who, value_id)
    try:
        reopen(db, value, who.user.username, form.get("reason", "").strip())
    except UserError as exc:
        raise HTTPException(422, str(exc)) from None
    db.commit()
    return _back("Đã mở lại giá trị để đơn vị sửa.")


@router.post("/explanations", include_in_schema=False)
async def ask_explanation(request: Request, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    from nq57.track.explanations import request_explanation

    form = await _form(request)
    subject = form.get("subject", "")
    kind, _, ref = subject.partition(":")
    model = {"indicator": Indicator, "task": Task}.get(kind)
    item = by_id(db, model, ref) if model else None
    if item is None:
        raise HTTPException(422, "Chọn chỉ tiêu hoặc nhiệm vụ cần giải trình.")
    scope.check_leader(who.user, item.plan.commune_id)
    question = form.get("question", "").strip()
    if not question:
        raise HTTPException(422, "Nội dung yêu cầu giải trình không được để trống.")
    try:
        due = parse_date(form.get("due"))
    except FieldError as exc:
        raise HTTPException(422, str(exc)) from None
    request_explanation(
        db,
        indicator=item if kind == "indicator" else None,
        task=item if kind == "task" else None,
        period=form.get("period") or None,
        question=question,
        actor=who.user.username,
        due=due,
    )
    db.commit()
    return _back("Đã gửi yêu cầu giải trình.")


@router.post("/extensions/{request_id}/decide", include_in_schema=False)
async def decide_extension(request_id: IdPath, request: Request, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    from nq57.track.explanations import decide_extension as decide

    form = await _form(request)
    item = db.get(ExtensionRequest, request_id)
    task = db.get(Task, item.task_id) if item else None
    if item is None or task is None:
        raise HTTPException(404, "Không tìm thấy đề nghị gia hạn.")
    scope.check_leader(who.user, task.plan.commune_id)
    grant = form.get("decision") == "grant"
    decide(db, item, grant, who.user.username, form.get("note") or None)
    db.commit()
    return _back("Đã đồng ý gia hạn." if grant else "Đã từ chối gia hạn.")


# ---- API -------------------------------------------------------------------------------


class Reason(BaseModel):
    reason: str = Field(..., min_length=1, max_length=2000)


@router.get("/api/communes/{commune_id}/awaiting-approval", tags=["Phê duyệt"], summary="Giá trị chờ duyệt")
def api_waiting(commune_id: IdPath, who: Viewer = Depends(require_roles("commune_leader", "province_admin", "province_viewer")),
                db: Session = Depends(get_db)) -> list[dict]:
    from nq57.track.values import awaiting_approval

    commune = commune_for(db, who, commune_id)
    return [views.plain({"id": v.id, "indicator_id": v.indicator_id, "period": v.period, "value": v.value,
                         "numerator": v.numerator, "denominator": v.denominator, "entered_by": v.entered_by,
                         "state": v.state}) for v in awaiting_approval(db, commune)]


@router.post("/api/values/{value_id}/approve", tags=["Phê duyệt"], summary="Duyệt (khoá) một giá trị")
def api_approve(value_id: IdPath, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)) -> dict:
    from nq57.track.values import approve

    value = _value_checked(db, who, value_id)
    try:
        approve(db, value, who.user.username)
    except UserError as exc:
        raise HTTPException(409, str(exc)) from None
    db.commit()
    return {"id": value.id, "state": value.state}


@router.post("/api/values/{value_id}/return", tags=["Phê duyệt"], summary="Trả lại một giá trị, kèm lý do")
def api_return(value_id: IdPath, body: Reason, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)) -> dict:
    from nq57.track.values import return_value as send_back

    value = _value_checked(db, who, value_id)
    try:
        send_back(db, value, who.user.username, body.reason)
    except UserError as exc:
        raise HTTPException(409, str(exc)) from None
    db.commit()
    return {"id": value.id, "state": value.state}
