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


def _history(session: Session, indicator_ids: list[int]) -> dict[int, list[tuple]]:
    """Every entered number of these indicators: id -> [(period_end, period, value)], one SELECT per 500 ids."""
    out: dict[int, list[tuple]] = {i: [] for i in indicator_ids}
    for chunk in _chunks(sorted(set(indicator_ids))):
        rows = session.execute(
            select(Value.indicator_id, Value.period_end, Value.period, Value.value)
            .where(Value.indicator_id.in_(chunk), Value.value.is_not(None))
        )
        for indicator_id, end, period, number in rows:
            out[indicator_id].append((end, period, number))
    return out


def _previous(history: list[tuple], end: date) -> list[float]:
    """The six latest numbers before `end`, newest first (what the outlier rule compares with)."""
    earlier = sorted((h for h in history if h[0] < end), key=lambda h: h[0], reverse=True)
    return [h[2] for h in earlier[:6]]


def _blocking(indicator: Indicator, fields: dict, previous: list[float]) -> list[validation.Problem]:
    problems = validation.check(indicator_label(indicator), indicator.unit, fields.get("value"), fields.get("numerator"),
                                fields.get("denominator"), previous)
    return [pr for pr in problems if pr.blocking(fields.get("note"))]


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
    previous = _previous(_history(session, [indicator.id])[indicator.id], p.end)
    fields = {"value": value, "numerator": numerator, "denominator": denominator, "note": note}
    return _blocking(indicator, fields, previous)


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
    submit: bool = False,
) -> Value:
    """Write one value (see `set_values`); `submit=True` also sends it for approval."""
    fields = {"value": value, "numerator": numerator, "denominator": denominator, "note": note,
              "expected_version": expected_version}
    return set_values(session, [(indicator, period, fields)], actor=actor, is_demo=is_demo, check=check,
                      submit=submit)[0]


VALUE_FIELDS = frozenset({"value", "numerator", "denominator", "note", "expected_version"})


def set_values(
    session: Session,
    items: list[tuple[Indicator, str, dict]],
    *,
    actor: str = "",
    is_demo: bool = False,
    check: bool = True,
    submit: bool = False,
) -> list[Value]:
    """Write many values at once: the rules, refusals and audit entries of `set_value` for each
    (indicator, period, fields) item, in order, where fields holds the keyword arguments of
    `set_value` (value, numerator, denominator, note, expected_version). Nothing is written when
    an item is refused: the validation of every item comes first, then locks and versions, and
    the first refused item raises what `set_value` would raise. One SELECT finds the existing
    rows and one flush writes them (SQLAlchemy batches the INSERTs); the audit entries are
    added after it and go out with the next flush or the commit.

    `submit=True` sends every written value for approval, as `submit` right after the write
    would (a written value is a draft, so it may always be submitted), with the same
    `value.submitted` audit entry, but in the same flush: one UPDATE (or INSERT) per row instead
    of two, so the version grows by one, not two.
    """
    parsed = []
    for indicator, period, fields in items:
        unknown = set(fields) - VALUE_FIELDS
        if unknown:
            raise TypeError(f"set_values: unknown fields {sorted(unknown)}")
        parsed.append((indicator, period_of(period), fields))
    if check:
        history = _history(session, [indicator.id for indicator, _, _ in parsed])
        for indicator, p, fields in parsed:
            problems = _blocking(indicator, fields, _previous(history[indicator.id], p.end))
            if problems:
                raise ValidationFailed(problems)
            kept = [h for h in history[indicator.id] if h[1] != str(p)]
            number = validation.computed_value(fields.get("value"), fields.get("numerator"), fields.get("denominator"))
            history[indicator.id] = kept + ([(p.end, str(p), number)] if number is not None else [])
    existing = _existing(session, [(indicator.id, str(p)) for indicator, p, _ in parsed])
    written: list[tuple[Indicator, str, Value, dict]] = []
    pending: dict[tuple[int, str], Value] = {}
    for indicator, p, fields in parsed:
        key = (indicator.id, str(p))
        row = pending.get(key, existing.get(key))
        _refuse(indicator, p, row, fields.get("expected_version"))
        old = None if row is None else {"value": row.value, "numerator": row.numerator, "denominator": row.denominator}
        if row is None:
            row = Value(indicator_id=indicator.id, commune_id=indicator.plan.commune_id, period=str(p), period_end=p.end,
                        is_demo=is_demo)
        _apply(row, fields, actor)
        if submit:
            row.state = "submitted"
            row.submitted_at = utcnow()
        pending[key] = row
        # The detail is taken now: a later item of the batch may change the same row.
        detail = {"indicator": indicator.id, "period": str(p), "old": old, "value": row.value,
                  "numerator": row.numerator, "denominator": row.denominator, "note": row.note}
        written.append((indicator, str(p), row, detail))
    session.add_all(list(pending.values()))
    if written:
        _flush(session, written[0][0], written[0][1], len({key for key in pending}))
    for _, _, row, detail in written:
        audit.record(session, actor, "value.set", "value", row.id, row.commune_id, detail)
        if submit:
            audit.record(session, actor, "value.submitted", "value", row.id, row.commune_id,
                         {"from": "draft", "to": "submitted", "reason": None, "period": row.period,
                          "indicator": row.indicator_id})
    return [row for _, _, row, _ in written]


def _chunks(ids: list, size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _existing(session: Session, keys: list[tuple[int, str]]) -> dict[tuple[int, str], Value]:
    """The stored rows of these (indicator_id, period) pairs, one SELECT per 500 indicators."""
    wanted = set(keys)
    out: dict[tuple[int, str], Value] = {}
    periods = sorted({period for _, period in wanted})
    for chunk in _chunks(sorted({i for i, _ in wanted})):
        query = select(Value).where(Value.indicator_id.in_(chunk), Value.period.in_(periods))
        for row in session.scalars(query):
            if (row.indicator_id, row.period) in wanted:
                out[(row.indicator_id, row.period)] = row
    return out


def _refuse(indicator: Indicator, p, row: Value | None, expected_version: int | None) -> None:
    """Raise when this entry may not be written: an approved (locked) value, or a stale version."""
    if row is not None and row.state == "approved":
        raise ValueLocked(
            f"{indicator_label(indicator)} kỳ {p}: giá trị đã được duyệt và khóa; cần mở lại (kèm lý do) trước khi sửa"
        )
    # A row created earlier in the same batch counts as version 1, as after set_value's flush.
    current = 0 if row is None else (row.version or 1)
    if expected_version is not None and current != expected_version:
        raise ConflictError(
            f"{indicator_label(indicator)} kỳ {p}: số liệu vừa được người khác sửa; hãy tải lại rồi nhập lại"
        )


def _apply(row: Value, fields: dict, actor: str) -> None:
    value, numerator, denominator = fields.get("value"), fields.get("numerator"), fields.get("denominator")
    note = fields.get("note")
    row.value = validation.computed_value(value, numerator, denominator)
    row.numerator = numerator
    row.denominator = denominator
    row.note = note.strip() if note and note.strip() else None
    row.entered_by = actor
    row.entered_at = utcnow()
    if row.state in ("submitted", "returned"):
        row.state = "draft"


def _flush(session: Session, indicator: Indicator, period: str, count: int = 1) -> None:
    # read now: a failed flush expires every attribute
    label = f"{indicator_label(indicator)} kỳ {period}" if count == 1 else f"{count} số liệu (từ {indicator_label(indicator)} kỳ {period})"
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as exc:
        # The session must now be rolled back by its owner (session_scope does it).
        raise ConflictError(f"{label}: số liệu vừa được người khác sửa; hãy tải lại rồi nhập lại") from exc


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
