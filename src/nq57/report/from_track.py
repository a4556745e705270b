"""Fill a report's content from the tracking database (the API in docs/track-api.md).

Statuses come from `track.status.commune_status`; the rest (the plans cited, values with
numerator/denominator, units' notes, giải trình answers, budget) from the stored rows.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.domain.periods import PeriodKind
from nq57.domain.periods import parse_period as parse_domain_period
from nq57.errors import UserError
from nq57.report import content as c
from nq57.report.numbers import short_date, vn_number
from nq57.report.periods import parse_period
from nq57.report.wording import lower_first
from nq57.store.models.tracking import Explanation, Plan, TaskProgress, Unit, Value

# Kinds of documents by the letters of their symbol ("469-KH/TU" -> Kế hoạch).
_DOCUMENT_KINDS = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "CV": "Công văn",
}
# The resolution itself is cited in full, as every report does.
_RESOLUTION_57 = (
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
)
_PROPOSAL = re.compile(r"\b(đề nghị|kiến nghị|đề xuất)\b", re.IGNORECASE)


def _document_kind(symbol: str) -> str:
    match = re.search(r"[-/]([A-Za-zĐđ]+)(?:[-/]|$)", symbol)
    return _DOCUMENT_KINDS.get(match.group(1), "Văn bản") if match else "Văn bản"


def _plan_citation(plan: Plan) -> str:
    """ "Kế hoạch số 09/KH-UBND ngày 15/01/2026 của UBND phường X về ..." """
    kind = "Kế hoạch"
    title = (plan.title or "").strip()
    if title.lower().startswith("kế hoạch"):
        title = title[len("kế hoạch") :].strip()
    parts = [f"{kind} số {plan.number}" if plan.number else kind]
    if plan.issued_on:
        parts.append(f"ngày {short_date(plan.issued_on)}")
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    if title:
        parts.append(title if title.lower().startswith("về ") else f"về {lower_first(title)}")
    return " ".join(parts)


def legal_basis(plans: list[Plan]) -> list[str]:
    """What the report rests on: the resolution, the documents the plans cite, the plans themselves."""
    own = [_plan_citation(p) for p in plans]
    cited: list[str] = []
    if not any("57-NQ/TW" in text for text in own):
        cited.append(_RESOLUTION_57)
    numbers = {p.number for p in plans if p.number}
    seen: set[str] = {"57-NQ/TW"} | numbers
    higher = []
    for ref in (r.strip() for p in plans for r in (p.references or [])):
        if ref and ref.replace(" ", "").upper() not in {s.replace(" ", "").upper() for s in seen}:
            seen.add(ref)
            higher.append(f"{_document_kind(ref)} số {ref}")
    if higher:
        cited.append(", ".join(higher))
    return cited + own


def _locality(session: Session, commune: Unit) -> c.Locality:
    province = session.get(Unit, commune.parent_id) if commune.parent_id else None
    province_level = (province.level or "tỉnh").lower() if province else "tỉnh"
    return c.Locality(
        name=commune.short_name or commune.name,
        level=(commune.level or "xã").lower(),
        province=(province.short_name or province.name) if province else "",
        province_level="thành phố" if province_level.startswith("thành phố") else "tỉnh",
    )


def _year_plans(session: Session, commune: Unit, year: int) -> list[Plan]:
    plans = session.scalars(select(Plan).where(Plan.commune_id == commune.id, Plan.kind == "plan")).all()

    def covers(plan: Plan) -> bool:
        if plan.period_start and plan.period_end:
            return plan.period_start.year <= year <= plan.period_end.year
        return True

    return sorted((p for p in plans if covers(p)), key=lambda p: (p.issued_on or date.min, p.id))


def _next_span(period_code: str) -> tuple[date, date]:
    """First and last day of what "phương hướng" covers (rest of the year after 6M/9M)."""
    period = parse_domain_period(period_code)
    if period.kind in (PeriodKind.HALF, PeriodKind.NINE):
        return date(period.year, period.end.month + 1, 1), date(period.year, 12, 31)
    following = period.next()
    return following.start, following.end


def _values(session: Session, commune: Unit, start: date, end: date) -> list[Value]:
    query = (
        select(Value)
        .where(Value.commune_id == commune.id, Value.period_end >= start, Value.period_end <= end)
        .order_by(Value.period_end, Value.id)
    )
    return list(session.scalars(query))


def _explanations(session: Session, commune: Unit, start: date, end: date) -> list[Explanation]:
    """Answered giải trình about this period (or answered during it when no period is named)."""
    rows = session.scalars(
        select(Explanation)
        .where(Explanation.commune_id == commune.id, Explanation.answer.is_not(None))
        .order_by(Explanation.id)
    ).all()

    def concerns(row: Explanation) -> bool:
        if row.period:
            return _period_within(row.period, start, end)
        return row.answered_at is not None and start <= row.answered_at.date() <= end

    return [row for row in rows if concerns(row)]


def _progress_notes(session: Session, commune: Unit, start: date, end: date) -> dict[int, str]:
    """The latest note each task's lead unit wrote during the period."""
    rows = session.scalars(
        select(TaskProgress)
        .where(
            TaskProgress.commune_id == commune.id,
            TaskProgress.period_end >= start,
            TaskProgress.period_end <= end,
            TaskProgress.note.is_not(None),
        )
        .order_by(TaskProgress.period_end, TaskProgress.id)
    ).all()
    return {row.task_id: row.note.strip() for row in rows if row.note and row.note.strip()}


def _period_within(code: str, start: date, end: date) -> bool:
    try:
        period = parse_domain_period(code)
    except ValueError:
        return False
    return start <= period.end <= end


def build_content(
    session: Session, commune: Unit, period_code: str, party: bool = False, as_of: date | None = None
) -> c.ReportContent:
    """Everything the report says about `commune` for `period_code`, from the database."""
    from nq57.track.status import commune_status

    period = parse_period(period_code)
    year_plans = _year_plans(session, commune, period.end.year)
    if not year_plans:
        raise UserError(
            f"{commune.name} chưa có kế hoạch năm {period.end.year} trong cơ sở dữ liệu: "
            "hãy nhập kế hoạch trước (nq57 import TỆP --commune ...)."
        )
    status = commune_status(session, commune, period.code, as_of)
    values = _values(session, commune, period.start, period.end)
    latest = {v.indicator_id: v for v in values}
    explanations = _explanations(session, commune, period.start, period.end)
    answers_by_indicator = {e.indicator_id: e.answer for e in explanations if e.indicator_id}
    answers_by_task = {e.task_id: e.answer for e in explanations if e.task_id}

    indicators = []
    for row in status.indicators:
        value = latest.get(row.id)
        reason = answers_by_indicator.get(row.id) or (
            value.note if value is not None and value.note else None
        )
        target = (
            c.Target(row.target_op or ">=", row.target, row.target_text)
            if row.target is not None or row.target_text
            else None
        )
        indicators.append(
            c.IndicatorResult(
                name=_one_line(row.name),
                unit=row.unit or None,
                target=target,
                value=row.value,
                status=row.status,
                code=row.code,
                numerator=value.numerator if value is not None else None,
                denominator=value.denominator if value is not None else None,
                reason=reason if row.status != "achieved" else None,
                lead=row.lead,
                forecast=row.forecast,
            )
        )

    next_start, next_end = _next_span(period.code)
    notes = _progress_notes(session, commune, period.start, period.end)
    tasks = [
        c.TaskResult(
            name=_one_line(row.name),
            status=row.status,
            code=row.code,
            lead=row.lead,
            deadline_text=row.deadline_text,
            due=row.deadline,
            note=answers_by_task.get(row.id) or notes.get(row.id),
            due_next_period=row.deadline is not None and next_start <= row.deadline <= next_end,
        )
        for row in status.tasks
    ]

    signer_plan = next(
        (p for p in reversed(year_plans) if ("ĐU" in (p.number or "")) == party and p.signer_name), None
    )
    unit_notes = [n for n in notes.values()] + [e.answer for e in explanations]
    proposals = [n for n in unit_notes if _PROPOSAL.search(n)]
    # Reasons of indicators behind plan are already quoted in their lines; the section on
    # difficulties states each distinct cause once.
    difficulties = [n for n in unit_notes if n not in proposals]
    difficulties += [i.reason for i in indicators if i.status == "not_achieved" and i.reason]

    return c.ReportContent(
        header=c.Header(
            locality=_locality(session, commune),
            period=period,
            issued_on=as_of or date.today(),
            data_as_of=min(as_of or date.today(), period.end),
        ),
        indicators=indicators,
        tasks=tasks,
        legal_basis=legal_basis(year_plans),
        figures=_figures(values, tasks),
        difficulties=_unique(difficulties),
        proposals=_unique(proposals),
        signer=c.Signer(signer_plan.signer_name, signer_plan.signer_title or "Chủ tịch")
        if signer_plan
        else c.Signer(None, "Chủ tịch"),
        budget=_budget(session, year_plans, period.code),
        raw_values=[
            c.RawValue(
                indicator=v.indicator.name,
                period=v.period,
                value=v.value,
                numerator=v.numerator,
                denominator=v.denominator,
                unit=v.indicator.unit or None,
                state=v.state,
                entered_by=v.entered_by or None,
                note=v.note,
            )
            for v in values
        ],
        party=party,
    )


def _figures(values: list[Value], tasks: list[c.TaskResult]) -> list[c.Figure]:
    """What was entered during the period, in numbers (per-indicator values are already listed)."""
    if not values:
        return []
    indicators = {v.indicator_id for v in values}
    approved = sum(1 for v in values if v.state == "approved")
    text = (
        f"Trong kỳ, các đơn vị đã cập nhật {vn_number(len(values))} số liệu của "
        f"{vn_number(len(indicators))} chỉ tiêu"
    )
    text += (
        f", trong đó {vn_number(approved)} số liệu đã được phê duyệt"
        if approved
        else ", các số liệu đang chờ phê duyệt"
    )
    done = [t for t in tasks if t.status in ("done", "done_late")]
    figures = [c.Figure(text)]
    if done:
        figures.append(c.Figure(f"Đã hoàn thành {len(done)}/{len(tasks)} nhiệm vụ của kế hoạch"))
    return figures


def _budget(session: Session, plans: list[Plan], period_code: str) -> list[c.BudgetLine]:
    try:
        from nq57.track.budget import budget_summary
    except ImportError:  # the budget service is optional for a report
        return []
    lines = []
    for plan in plans:
        for row in budget_summary(session, plan, period_code):
            lines.append(
                c.BudgetLine(
                    item=row.item,
                    planned=row.allocated or row.amount,
                    disbursed=row.disbursed,
                    unit=getattr(row, "unit", None) or "triệu đồng",
                )
            )
    return lines


def _one_line(text: str) -> str:
    """Names imported from tables can hold line breaks: a sentence needs them on one line."""
    return " ".join(text.split())


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.strip().rstrip(".;").lower()
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out
