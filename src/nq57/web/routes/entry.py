"""Data entry for a unit: this period's values and task progress in one form, evidence,
giải trình answers and extension requests; the JSON API for values and progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from nq57.errors import UserError
from nq57.store.models.tracking import Indicator, Plan, Task, TaskProgress, Value
from nq57.web import scope, views
from nq57.web.context import checked_period, commune_for, default_period, period_choices
from nq57.web.deps import Forbidden, IdPath, Viewer, by_id, get_db, render, require_roles, viewer
from nq57.web.forms import FieldError, number_text, parse_date, parse_number
from nq57.web.uploads import EVIDENCE_SUFFIXES, UploadProblem, read_upload

router = APIRouter()
TASK_STATUSES = ("not_started", "in_progress", "done")
ENTRY_ROLES = ("unit_officer", "commune_leader")


@dataclass
class Row:
    item: Any
    current: Any  # Value | TaskProgress | None
    typed: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    locked: bool = False


def _my_items(db: Session, who: Viewer, commune) -> tuple[list[Indicator], list[Task]]:
    """Indicators and tasks this user may enter (an officer: his unit's; a leader: all)."""
    from nq57.track.plans import indicators_of, tasks_of

    if who.user.role == "unit_officer":
        # Only his unit's rows are read (not the commune's whole plan, then filtered): the same
        # rows in the same order as indicators_of / tasks_of, and the rights check still applies.
        indicators = db.scalars(
            select(Indicator).join(Plan)
            .where(Plan.commune_id == commune.id, Indicator.seq > 0, Indicator.lead_unit_id == who.user.unit_id)
            .options(selectinload(Indicator.targets), selectinload(Indicator.plan))
            .order_by(Plan.id, Indicator.seq)
        ).all()
        tasks = db.scalars(
            select(Task).join(Plan)
            .where(Plan.commune_id == commune.id, Task.seq > 0, Task.lead_unit_id == who.user.unit_id)
            .options(selectinload(Task.plan))
            .order_by(Plan.id, Task.seq)
        ).all()
    else:
        indicators, tasks = indicators_of(db, commune), tasks_of(db, commune)
    return ([i for i in indicators if scope.can_enter(who.user, i)],
            [t for t in tasks if scope.can_enter(who.user, t)])


def _current(db: Session, model, key_column, ids: list[int], period: str) -> dict[int, Any]:
    """This period's rows of these indicators (Value) or tasks (TaskProgress), in one SELECT."""
    if not ids:
        return {}
    rows = db.scalars(select(model).where(key_column.in_(ids), model.period == period))
    return {getattr(row, key_column.key): row for row in rows}


def _rows(db: Session, who: Viewer, commune, period: str) -> tuple[list[Row], list[Row]]:
    from nq57.track.values import period_of

    period = str(period_of(period))
    indicators, tasks = _my_items(db, who, commune)
    values = _current(db, Value, Value.indicator_id, [i.id for i in indicators], period)
    progress = _current(db, TaskProgress, TaskProgress.task_id, [t.id for t in tasks], period)
    value_rows = []
    for ind in indicators:
        current = values.get(ind.id)
        row = Row(item=ind, current=current, locked=bool(current and current.state == "approved"))
        row.typed = {
            "value": number_text(current.value if current and current.numerator is None else None),
            "num": number_text(current.numerator if current else None),
            "den": number_text(current.denominator if current else None),
            "note": (current.note or "") if current else "",
            "ver": str(current.version) if current else "",
        }
        value_rows.append(row)
    task_rows = []
    for task in tasks:
        current = progress.get(task.id)
        row = Row(item=task, current=current, locked=bool(current and current.state == "approved"))
        row.typed = {
            "status": current.status if current else "",
            "percent": number_text(current.percent if current else None),
            "product": (current.product or "") if current else "",
            "note": (current.note or "") if current else "",
            "ver": str(current.version) if current else "",
        }
        task_rows.append(row)
    return value_rows, task_rows


def _page(request: Request, db: Session, who: Viewer, commune, period: str, value_rows, task_rows, **extra):
    from nq57.track.explanations import pending_explanations

    item_ids = {r.item.id for r in value_rows}
    task_ids = {r.item.id for r in task_rows}
    explanations = [
        e for e in pending_explanations(db, commune) if e.indicator_id in item_ids or e.task_id in task_ids
    ]
    context = {
        "commune": commune,
        "period": period,
        "periods": period_choices(period),
        "value_rows": value_rows,
        "task_rows": task_rows,
        "task_statuses": TASK_STATUSES,
        "explanations": explanations,
        "message": None,
        "error": None,
    }
    context.update(extra)
    status = 422 if context.get("error") else 200
    return render(request, "entry.html", context, status)


@router.get("/entry", include_in_schema=False)
def entry_form(
    request: Request,
    period: str | None = None,
    saved: int | None = None,
    who: Viewer = Depends(require_roles(*ENTRY_ROLES)),
    db: Session = Depends(get_db),
):
    commune = commune_for(db, who, None)
    chosen = checked_period(period, default_period(db, commune))
    value_rows, task_rows = _rows(db, who, commune, chosen)
    message = f"Đã lưu {saved} mục và gửi lãnh đạo duyệt." if saved is not None else None
    return _page(request, db, who, commune, chosen, value_rows, task_rows, message=message)


def _typed(form, row: Row, prefix: str, keys: tuple[str, ...], item_id: int) -> dict[str, str]:
    """What the form sent for a row; a field the form did not send keeps its stored value."""
    out = {}
    for key in keys:
        name = f"{prefix}{key}_{item_id}"
        out[key] = str(form.get(name) or "") if name in form else row.typed.get(key, "")
    return out


def _changed(row: Row, typed: dict[str, str], keys: tuple[str, ...]) -> bool:
    return any((typed.get(k) or "").strip() != (row.typed.get(k) or "").strip() for k in keys)


@router.post("/entry", include_in_schema=False)
async def entry_save(
    request: Request, who: Viewer = Depends(require_roles(*ENTRY_ROLES)), db: Session = Depends(get_db)
):
    """Save every changed value and progress of the form, or nothing if any field is wrong."""
    from nq57.track import progress as progress_service
    from nq57.track import values as value_service
    from nq57.track.errors import ConflictError, ValidationFailed, ValueLocked

    form = await request.form()
    commune = commune_for(db, who, None)
    period = checked_period(str(form.get("period") or ""), default_period(db, commune))
    value_rows, task_rows = _rows(db, who, commune, period)
    actor = who.user.username
    limit = request.app.state.upload_limit
    pending_values: list[tuple[Row, dict[str, Any]]] = []
    pending_tasks: list[tuple[Row, dict[str, Any]]] = []
    evidence: list[tuple[Row, str, bytes]] = []

    for row in value_rows:
        i = row.item.id
        typed = _typed(form, row, "", ("value", "num", "den", "note", "ver"), i)
        upload = form.get(f"ev_{i}")
        has_file = getattr(upload, "filename", None)
        if not _changed(row, typed, ("value", "num", "den", "note")) and not has_file:
            continue
        row.typed = typed
        if row.locked:
            row.errors["value"] = "Giá trị đã được duyệt và khoá; cần lãnh đạo mở lại kèm lý do."
            continue
        try:
            numbers = {k: parse_number(typed[k]) for k in ("value", "num", "den")}
        except FieldError as exc:
            row.errors["value"] = str(exc)
            continue
        if numbers["value"] is None and (numbers["num"] is None or numbers["den"] is None):
            if numbers["num"] is not None or numbers["den"] is not None:
                row.errors["value"] = "Cần nhập cả tử số và mẫu số, hoặc nhập một giá trị."
                continue
            if not has_file:
                row.errors["value"] = "Chưa nhập giá trị."
                continue
        if has_file:
            try:
                name, data = await read_upload(upload, limit, EVIDENCE_SUFFIXES)
                evidence.append((row, name, data))
            except UploadProblem as exc:
                row.errors["evidence"] = str(exc)
                continue
        if numbers["value"] is None and numbers["num"] is None:
            continue  # only a file for an existing value
        args = {
            "value": numbers["value"] if numbers["num"] is None else None,
            "numerator": numbers["num"],
            "denominator": numbers["den"],
            "note": typed["note"].strip() or None,
        }
        problems = value_service.check_value(
            db, row.item, period, args["value"], args["numerator"], args["denominator"], args["note"]
        )
        if problems:
            row.errors["value"] = "; ".join(getattr(p, "message", str(p)) for p in problems)
            continue
        pending_values.append((row, args))

    for row in task_rows:
        i = row.item.id
        typed = _typed(form, row, "t", ("status", "percent", "product", "note", "ver"), i)
        if not _changed(row, typed, ("status", "percent", "product", "note")):
            continue
        row.typed = typed
        if typed["status"] not in TASK_STATUSES:
            row.errors["status"] = "Chọn trạng thái thực hiện."
            continue
        try:
            percent = parse_number(typed["percent"])
        except FieldError as exc:
            row.errors["percent"] = str(exc)
            continue
        if percent is not None and not 0 <= percent <= 100:
            row.errors["percent"] = "Tỷ lệ hoàn thành phải từ 0 đến 100%."
            continue
        pending_tasks.append((row, {"status": typed["status"], "percent": percent,
                                    "product": typed["product"].strip() or None, "note": typed["note"].strip() or None}))

    has_errors = any(r.errors for r in value_rows + task_rows)
    if not has_errors:
        try:
            for row, args in pending_values:
                expected = int(row.typed["ver"]) if row.typed.get("ver", "").isdigit() else None
                value = value_service.set_value(db, row.item, period, actor=actor, expected_version=expected,
                                                submit=True, **args)
                for ev_row, name, data in evidence:
                    if ev_row is row:
                        value_service.attach_evidence(db, value=value, filename=name, data=data, actor=actor)
            for ev_row, name, data in evidence:
                if all(ev_row is not r for r, _ in pending_values) and ev_row.current is not None:
                    value_service.attach_evidence(db, value=ev_row.current, filename=name, data=data, actor=actor)
            for row, args in pending_tasks:
                expected = int(row.typed["ver"]) if row.typed.get("ver", "").isdigit() else None
                completed = parse_date(str(form.get(f"tdone_{row.item.id}") or "")) if args["status"] == "done" else None
                progress_service.set_progress(
                    db, row.item, period, actor=actor, expected_version=expected, completed_on=completed, **args
                )
        except (ValidationFailed, ValueLocked, ConflictError, FieldError) as exc:
            db.rollback()
            return _page(request, db, who, commune, period, value_rows, task_rows,
                         error=f"Chưa lưu gì: {exc}")
        db.commit()
        count = len(pending_values) + len(pending_tasks) + len(evidence)
        return RedirectResponse(f"/entry?period={period}&saved={count}", status_code=303)
    db.rollback()
    return _page(request, db, who, commune, period, value_rows, task_rows,
                 error="Có ô chưa hợp lệ (đánh dấu đỏ bên dưới). Chưa lưu mục nào; hãy sửa rồi lưu lại.")


@router.post("/explanations/{explanation_id}/answer", include_in_schema=False)
async def answer_explanation(
    explanation_id: IdPath, request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)
):
    from nq57.store.models.tracking import Explanation
    from nq57.track.explanations import answer_explanation as answer

    form = await request.form()
    item = db.get(Explanation, explanation_id)
    if item is None:
        raise HTTPException(404, "Không tìm thấy yêu cầu giải trình.")
    subject = db.get(Indicator, item.indicator_id) if item.indicator_id else db.get(Task, item.task_id)
    scope.check_enter(who.user, subject)
    text = str(form.get("answer") or "").strip()
    if not text:
        raise HTTPException(422, "Nội dung giải trình không được để trống.")
    answer(db, item, text, who.user.username)
    db.commit()
    return RedirectResponse("/entry", status_code=303)


@router.post("/extensions", include_in_schema=False)
async def request_extension(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    from nq57.track.explanations import request_extension as ask

    form = await request.form()
    task_id = str(form.get("task") or "")
    task = scope.check_enter(who.user, by_id(db, Task, task_id))
    try:
        new_due = parse_date(str(form.get("new_due") or ""))
    except FieldError as exc:
        raise HTTPException(422, str(exc)) from None
    reason = str(form.get("reason") or "").strip()
    if new_due is None or not reason:
        raise HTTPException(422, "Cần ghi hạn mới và lý do xin gia hạn.")
    ask(db, task, new_due, reason, who.user.username)
    db.commit()
    return RedirectResponse("/entry", status_code=303)


# ---- API -------------------------------------------------------------------------------


class ValueIn(BaseModel):
    value: float | None = Field(None, description="Giá trị (bỏ trống nếu nhập tử số/mẫu số)")
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = Field(None, max_length=4000)
    expected_version: int | None = Field(None, description="Phiên bản đã đọc; khác sẽ báo xung đột")
    submit: bool = Field(True, description="Gửi lãnh đạo duyệt ngay")


VALUE_JSON_FIELDS = ("id", "indicator_id", "period", "value", "numerator", "denominator", "note", "state",
                     "entered_by", "entered_at", "approved_by", "version", "is_demo")


def _value_json(value: Value | None) -> dict | None:
    if value is None:
        return None
    return {name: getattr(value, name) for name in VALUE_JSON_FIELDS}


def _indicator_checked(db: Session, who: Viewer, indicator_id: int) -> Indicator:
    # The plan comes in the same statement: the rights check and the write both need it.
    indicator = db.get(Indicator, indicator_id, options=[joinedload(Indicator.plan)])
    if indicator is None or not scope.can_view_item(who.user, indicator):
        raise Forbidden("Bạn không có quyền với chỉ tiêu này.")
    return indicator


@router.get("/api/indicators/{indicator_id}/values", tags=["Giá trị"], summary="Các giá trị của một chỉ tiêu")
def api_values(indicator_id: IdPath, who: Viewer = Depends(viewer), db: Session = Depends(get_db)) -> list[dict]:
    indicator = _indicator_checked(db, who, indicator_id)
    # Plain rows rather than ORM objects (the order of values.history): this list is only sent.
    rows = db.execute(
        select(*(getattr(Value, name) for name in VALUE_JSON_FIELDS))
        .where(Value.indicator_id == indicator.id)
        .order_by(Value.period_end, Value.id)
    )
    return [views.plain(dict(zip(VALUE_JSON_FIELDS, row, strict=True))) for row in rows]


@router.put("/api/indicators/{indicator_id}/values/{period}", tags=["Giá trị"], summary="Nhập giá trị một kỳ")
def api_set_value(
    indicator_id: IdPath,
    period: str,
    body: ValueIn,
    who: Viewer = Depends(require_roles(*ENTRY_ROLES)),
    db: Session = Depends(get_db),
) -> dict:
    from nq57.domain.periods import PeriodError, parse_period
    from nq57.track import values

    indicator = _indicator_checked(db, who, indicator_id)
    scope.check_enter(who.user, indicator)
    try:
        period = str(parse_period(period))
    except (PeriodError, ValueError) as exc:
        raise HTTPException(422, f"Kỳ '{period}' không hợp lệ: {exc}") from None
    try:
        value = values.set_value(
            db, indicator, period, value=body.value, numerator=body.numerator, denominator=body.denominator,
            note=body.note, actor=who.user.username, expected_version=body.expected_version, submit=body.submit,
        )
    except UserError as exc:
        db.rollback()
        raise HTTPException(409 if "Conflict" in type(exc).__name__ or "Locked" in type(exc).__name__ else 422,
                            str(exc)) from None
    db.commit()
    return views.plain(_value_json(value))
