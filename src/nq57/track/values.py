"""Indicator values per period, their validation and the approval workflow.

States: draft -> submitted -> approved (locked) or returned (with a reason); a returned or
draft value can be edited and submitted again; an approved value changes only after a
reopen with a reason. Every change is written to the audit log. Two writers of the same
value: the second one gets `ConflictError` (optimistic locking on `version`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from nq57.config import data_dir
from nq57.domain import validation
from nq57.domain.periods import PeriodError, parse_period
from nq57.errors import UserError
from nq57.store.models.tracking import Evidence, Indicator, Plan, TaskProgress, Value, utcnow
from nq57.track import audit
from nq57.track.errors import ConflictError, ValidationFailed, ValueLocked, WorkflowError


def indicator_label(indicator: Indicator) -> str:
    code = f"{indicator.code} " if indicator.code else ""
    name = indicator.name if len(indicator.name) <= 80 else indicator.name[:77] + "..."
    return f"Chỉ tiêu {code}'{name}'"


def period_of(text: str):
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UserError(str(exc)) from exc


def get_value(session: Session, indicator: Indicator, period: str) -> Value | None:
    key = str(period_of(period))
    return session.scalar(select(Value).where(Value.indicator_id == indicator.id, Value.period == key))


def history(session: Session, indicator: Indicator) -> list[Value]:
    return list(session.scalars(select(Value).where(Value.indicator_id == indicator.id).order_by(Value.period_end, Value.id)))


def check_value(
    session: Session,
    indicator: Indicator,
    period: str,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    note: str | None = None,
) -> list[validation.Problem]:
    """The problems that block this entry (a comment in `note` accepts the soft rules)."""
    p = period_of(period)
    previous = [
        v.value
        for v in session.scalars(
            select(Value)
            .where(Value.indicator_id == indicator.id, Value.period_end < p.end, Value.value.is_not(None))
            .order_by(Value.period_end.desc())
            .limit(6)
        )
    ]
    problems = validation.check(indicator_label(indicator), indicator.unit, value, numerator, denominator, previous)
    return [pr for pr in problems if pr.blocking(note)]


def set_value(
    session: Session,
    indicator: Indicator,
    period: str,
    *,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    note: str | None = None,
    actor: str = "",
    expected_version: int | None = None,
    is_demo: bool = False,
    check: bool = True,
) -> Value:
    p = period_of(period)
    if check:
        problems = check_value(session, indicator, str(p), value, numerator, denominator, note)
        if problems:
            raise ValidationFailed(problems)
    row = get_value(session, indicator, str(p))
    if row is not None and row.state == "approved":
        raise ValueLocked(
            f"{indicator_label(indicator)} kỳ {p}: giá trị đã được duyệt và khóa; cần mở lại (kèm lý do) trước khi sửa"
        )
    if expected_version is not None and (row.version if row is not None else 0) != expected_version:
        raise ConflictError(
            f"{indicator_label(indicator)} kỳ {p}: số liệu vừa được người khác sửa; hãy tải lại rồi nhập lại"
        )
    old = None if row is None else {"value": row.value, "numerator": row.numerator, "denominator": row.denominator}
    commune_id = indicator.plan.commune_id
    if row is None:
        row = Value(indicator_id=indicator.id, commune_id=commune_id, period=str(p), period_end=p.end, is_demo=is_demo)
        session.add(row)
    row.value = validation.computed_value(value, numerator, denominator)
    row.numerator = numerator
    row.denominator = denominator
    row.note = note.strip() if note and note.strip() else None
    row.entered_by = actor
    row.entered_at = utcnow()
    if row.state in ("submitted", "returned"):
        row.state = "draft"
    _flush(session, indicator, str(p))
    audit.record(
        session,
        actor,
        "value.set",
        "value",
        row.id,
        commune_id,
        {"indicator": indicator.id, "period": str(p), "old": old, "value": row.value, "numerator": numerator,
         "denominator": denominator, "note": row.note},
    )
    return row


def _flush(session: Session, indicator: Indicator, period: str) -> None:
    label = indicator_label(indicator)  # read now: a failed flush expires every attribute
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as exc:
        # The session must now be rolled back by its owner (session_scope does it).
        raise ConflictError(f"{label} kỳ {period}: số liệu vừa được người khác sửa; hãy tải lại rồi nhập lại") from exc


def _transition(session: Session, row: Value, actor: str, action: str, allowed: tuple[str, ...], new_state: str,
                reason: str | None = None) -> Value:
    indicator = session.get(Indicator, row.indicator_id)
    if row.state not in allowed:
        words = {"draft": "đang nhập", "submitted": "đã gửi", "approved": "đã duyệt", "returned": "bị trả lại"}
        raise WorkflowError(
            f"{indicator_label(indicator)} kỳ {row.period}: không thể {action} khi số liệu {words.get(row.state, row.state)}"
        )
    old_state = row.state
    row.state = new_state
    _flush(session, indicator, row.period)
    audit.record(session, actor, f"value.{new_state if new_state != 'draft' else 'reopen'}", "value", row.id,
                 row.commune_id, {"from": old_state, "to": new_state, "reason": reason, "period": row.period,
                                  "indicator": row.indicator_id})
    return row


def submit(session: Session, row: Value, actor: str) -> Value:
    row.submitted_at = utcnow()
    return _transition(session, row, actor, "gửi duyệt", ("draft", "returned"), "submitted")


def approve(session: Session, row: Value, actor: str) -> Value:
    row.approved_by = actor
    row.approved_at = utcnow()
    return _transition(session, row, actor, "duyệt", ("submitted",), "approved")


def _reason(reason: str | None, what: str) -> str:
    if not reason or not reason.strip():
        raise WorkflowError(f"cần ghi lý do khi {what}")
    return reason.strip()


def return_value(session: Session, row: Value, actor: str, reason: str) -> Value:
    row.return_reason = _reason(reason, "trả lại số liệu")
    return _transition(session, row, actor, "trả lại", ("submitted",), "returned", row.return_reason)


def reopen(session: Session, row: Value, actor: str, reason: str) -> Value:
    text = _reason(reason, "mở lại số liệu đã duyệt")
    row.approved_by = None
    row.approved_at = None
    return _transition(session, row, actor, "mở lại", ("approved",), "draft", text)


def awaiting_approval(session: Session, commune) -> list[Value]:
    return list(
        session.scalars(
            select(Value).where(Value.commune_id == commune.id, Value.state == "submitted").order_by(Value.submitted_at)
        )
    )


def values_for_plan(session: Session, plan: Plan) -> list[Value]:
    return list(session.scalars(select(Value).join(Indicator).where(Indicator.plan_id == plan.id)))


_SAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def attach_evidence(
    session: Session,
    *,
    value: Value | None = None,
    progress: TaskProgress | None = None,
    filename: str,
    data: bytes | None = None,
    link: str | None = None,
    actor: str = "",
) -> Evidence:
    """Keep a file (under data_dir()/evidence) or a link as evidence of a value or progress."""
    if (value is None) == (progress is None):
        raise UserError("minh chứng phải gắn với đúng một số liệu hoặc một tiến độ nhiệm vụ")
    if data is None and not link:
        raise UserError("minh chứng cần một tệp hoặc một đường dẫn")
    stored = None
    if data is not None:
        folder = data_dir() / "evidence" / date.today().strftime("%Y/%m")
        folder.mkdir(parents=True, exist_ok=True)
        name = _SAFE.sub("_", Path(filename).name) or "tep"
        target = folder / f"{utcnow().strftime('%Y%m%d%H%M%S%f')}_{name}"
        target.write_bytes(data)
        stored = str(target.relative_to(data_dir()))
    evidence = Evidence(
        value_id=value.id if value else None,
        progress_id=progress.id if progress else None,
        filename=filename,
        stored_path=stored,
        link=link,
        uploaded_by=actor,
    )
    session.add(evidence)
    session.flush()
    commune_id = value.commune_id if value else progress.commune_id
    audit.record(session, actor, "evidence.add", "evidence", evidence.id, commune_id, {"file": filename, "link": link})
    return evidence
