"""Budget: allocation and disbursement per budget line, period and source of funds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import BudgetEntry, BudgetLine, Plan, utcnow
from nq57.track import audit
from nq57.track.errors import ConflictError, ValidationFailed
from nq57.track.values import period_of

SOURCES = {"ngan_sach": "Ngân sách nhà nước", "doanh_nghiep": "Doanh nghiệp", "khac": "Nguồn khác"}


@dataclass(frozen=True)
class BudgetRow:
    line_id: int
    code: str | None
    item: str
    amount: float | None
    unit: str
    allocated: float
    disbursed: float
    share_disbursed: float | None  # disbursed / allocated, 0..1
    by_source: dict[str, float]


def set_budget(
    session: Session,
    line: BudgetLine,
    period: str,
    *,
    allocated: float,
    disbursed: float,
    source: str = "ngan_sach",
    note: str | None = None,
    actor: str = "",
    expected_version: int | None = None,
) -> BudgetEntry:
    p = period_of(period)
    problems = []
    if source not in SOURCES:
        problems.append(f"nguồn kinh phí '{source}' không hợp lệ: dùng {', '.join(SOURCES)}")
    if allocated < 0 or disbursed < 0:
        problems.append(f"kinh phí '{line.item[:60]}': số tiền không được âm")
    if disbursed > allocated and not (note and note.strip()):
        problems.append(f"kinh phí '{line.item[:60]}': giải ngân ({disbursed:g}) lớn hơn số được giao ({allocated:g}) — cần ghi chú")
    if problems:
        raise ValidationFailed(problems)
    row = session.scalar(
        select(BudgetEntry).where(BudgetEntry.budget_line_id == line.id, BudgetEntry.period == str(p), BudgetEntry.source == source)
    )
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise ConflictError(f"kinh phí '{line.item[:60]}' kỳ {p}: vừa được người khác sửa; hãy tải lại")
    if row is None:
        row = BudgetEntry(budget_line_id=line.id, period=str(p), source=source)
        session.add(row)
    row.allocated, row.disbursed, row.note = allocated, disbursed, note
    row.entered_by, row.entered_at = actor, utcnow()
    session.flush()
    audit.record(session, actor, "budget.set", "budget_entry", row.id, line.plan.commune_id,
                 {"line": line.id, "period": str(p), "source": source, "allocated": allocated, "disbursed": disbursed})
    return row


def budget_summary(session: Session, plan: Plan, period: str) -> list[BudgetRow]:
    """Per line, the sums over entries of periods within `period` (cumulative within it)."""
    p = period_of(period)
    rows: list[BudgetRow] = []
    entries = session.scalars(select(BudgetEntry).join(BudgetLine).where(BudgetLine.plan_id == plan.id)).all()
    for line in plan.budget_lines:
        mine = [e for e in entries if e.budget_line_id == line.id and p.contains(period_of(e.period))]
        allocated = sum(e.allocated for e in mine)
        disbursed = sum(e.disbursed for e in mine)
        by_source: dict[str, float] = {}
        for e in mine:
            by_source[e.source] = by_source.get(e.source, 0.0) + e.disbursed
        rows.append(
            BudgetRow(line.id, line.code, line.item, line.amount, line.unit, allocated, disbursed,
                      round(disbursed / allocated, 4) if allocated else None, by_source)
        )
    return rows
