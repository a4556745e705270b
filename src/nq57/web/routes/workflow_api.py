"""JSON API for the rest of the page actions: task progress, giải trình, deadline extensions."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from nq57.domain.periods import PeriodError, parse_period
from nq57.errors import UserError
from nq57.store.models.tracking import Explanation, ExtensionRequest, Indicator, Task
from nq57.web import scope, views
from nq57.web.deps import Forbidden, IdPath, Viewer, get_db, require_roles, viewer

router = APIRouter(tags=["Nhiệm vụ, giải trình, gia hạn"])
leader_only = require_roles("commune_leader")


class ProgressIn(BaseModel):
    status: Literal["not_started", "in_progress", "done"]
    percent: float | None = Field(None, ge=0, le=100)
    completed_on: date | None = None
    product: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=4000)
    expected_version: int | None = None


class Question(BaseModel):
    indicator_id: int | None = Field(None, ge=1, le=2_147_483_647)
    task_id: int | None = Field(None, ge=1, le=2_147_483_647)
    period: str | None = None
    question: str = Field(..., min_length=1, max_length=4000)
    due: date | None = None


class Answer(BaseModel):
    answer: str = Field(..., min_length=1, max_length=4000)


class ExtensionIn(BaseModel):
    new_due: date
    reason: str = Field(..., min_length=1, max_length=2000)


class Decision(BaseModel):
    grant: bool
    note: str | None = Field(None, max_length=2000)


def _period(text: str) -> str:
    try:
        return str(parse_period(text))
    except (PeriodError, ValueError) as exc:
        raise HTTPException(422, f"Kỳ '{text}' không hợp lệ: {exc}") from None


def _user_error(exc: UserError) -> HTTPException:
    name = type(exc).__name__
    return HTTPException(409 if ("Conflict" in name or "Locked" in name or "Workflow" in name) else 422, str(exc))


@router.put("/api/tasks/{task_id}/progress/{period}", summary="Báo cáo tiến độ một nhiệm vụ trong kỳ")
def api_set_progress(task_id: IdPath, period: str, body: ProgressIn,
                     who: Viewer = Depends(require_roles("unit_officer", "commune_leader")),
                     db: Session = Depends(get_db)) -> dict:
    from nq57.track.progress import set_progress

    task = scope.check_enter(who.user, db.get(Task, task_id))
    try:
        row = set_progress(db, task, _period(period), status=body.status, percent=body.percent,
                           completed_on=body.completed_on, product=body.product, note=body.note,
                           actor=who.user.username, expected_version=body.expected_version)
    except UserError as exc:
        db.rollback()
        raise _user_error(exc) from None
    db.commit()
    return views.plain({"id": row.id, "task_id": row.task_id, "period": row.period, "status": row.status,
                        "percent": row.percent, "version": row.version})


@router.post("/api/explanations", summary="Lãnh đạo yêu cầu giải trình một chỉ tiêu hoặc nhiệm vụ")
def api_ask(body: Question, who: Viewer = Depends(leader_only), db: Session = Depends(get_db)) -> dict:
    from nq57.track.explanations import request_explanation

    if (body.indicator_id is None) == (body.task_id is None):
        raise HTTPException(422, "Cần đúng một trong indicator_id hoặc task_id.")
    item = db.get(Indicator, body.indicator_id) if body.indicator_id else db.get(Task, body.task_id)
    if item is None:
        raise HTTPException(404, "Không tìm thấy chỉ tiêu/nhiệm vụ.")
    scope.check_leader(who.user, item.plan.commune_id)
    try:
        row = request_explanation(db, indicator=item if body.indicator_id else None,
                                  task=item if body.task_id else None,
                                  period=_period(body.period) if body.period else None, question=body.question,
                                  actor=who.user.username, due=body.due)
    except UserError as exc:
        db.rollback()
        raise _user_error(exc) from None
    db.commit()
    return {"id": row.id, "question": row.question}


@router.post("/api/explanations/{explanation_id}/answer", summary="Đơn vị trả lời giải trình")
def api_answer(explanation_id: IdPath, body: Answer, who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> dict:
    from nq57.track.explanations import answer_explanation

    row = db.get(Explanation, explanation_id)
    if row is None:
        raise Forbidden("Không tìm thấy yêu cầu giải trình trong phạm vi của bạn.")
    subject = db.get(Indicator, row.indicator_id) if row.indicator_id else db.get(Task, row.task_id)
    scope.check_enter(who.user, subject)
    try:
        answer_explanation(db, row, body.answer, who.user.username)
    except UserError as exc:
        db.rollback()
        raise _user_error(exc) from None
    db.commit()
    return {"id": row.id, "answer": row.answer}


@router.post("/api/tasks/{task_id}/extensions", summary="Đơn vị xin gia hạn nhiệm vụ")
def api_request_extension(task_id: IdPath, body: ExtensionIn, who: Viewer = Depends(viewer),
                          db: Session = Depends(get_db)) -> dict:
    from nq57.track.explanations import request_extension

    task = scope.check_enter(who.user, db.get(Task, task_id))
    try:
        row = request_extension(db, task, body.new_due, body.reason, who.user.username)
    except UserError as exc:
        db.rollback()
        raise _user_error(exc) from None
    db.commit()
    return views.plain({"id": row.id, "task_id": row.task_id, "requested_due": row.requested_due,
                        "decision": row.decision})


@router.post("/api/extensions/{request_id}/decision", summary="Lãnh đạo đồng ý hoặc từ chối gia hạn")
def api_decide(request_id: IdPath, body: Decision, who: Viewer = Depends(leader_only),
               db: Session = Depends(get_db)) -> dict:
    from nq57.track.explanations import decide_extension

    row = db.get(ExtensionRequest, request_id)
    task = db.get(Task, row.task_id) if row else None
    if row is None or task is None:
        raise Forbidden("Không tìm thấy đề nghị gia hạn trong phạm vi của bạn.")
    scope.check_leader(who.user, task.plan.commune_id)
    try:
        decide_extension(db, row, body.grant, who.user.username, body.note)
    except UserError as exc:
        db.rollback()
        raise _user_error(exc) from None
    db.commit()
    return views.plain({"id": row.id, "decision": row.decision, "task_due": task.extended_due or task.due})
