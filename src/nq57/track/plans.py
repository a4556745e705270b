"""Import a Plan JSON (or a document through the extractor) into a commune, and find
indicators and tasks by the references users type.

Import is one transaction (the caller's): a failure leaves nothing. A plan's identity for
re-import is its document number, else its folded title: re-importing updates the plan in
place — indicators and tasks are matched by code and name so entered values stay attached.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from nq57.domain.names import clean, split_units
from nq57.errors import InputFileError, UserError
from nq57.store.models.tracking import (
    BudgetEntry,
    BudgetLine,
    Indicator,
    Plan,
    ReportedResult,
    Target,
    Task,
    TaskProgress,
    Unit,
    Value,
)
from nq57.text.vietnamese import fold
from nq57.track import audit, catalogue, units
from nq57.track.errors import AmbiguousReference, NotFound

_RESOLUTION = re.compile(r"\b(\d+)\s*-\s*NQ\s*/\s*TW\b", re.IGNORECASE)
_ANY_RESOLUTION = re.compile(r"\b\d+\s*[-/]\s*NQ\s*[-/]\s*[A-ZĐ]+", re.IGNORECASE)


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    review: list[Indicator] = field(default_factory=list)
    indicators: int = 0
    tasks: int = 0
    budget_lines: int = 0
    results: int = 0
    values_from_reports: int = 0


# --- reading -------------------------------------------------------------------------
def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(f"Plan JSON: {where} '{value}' không phải ngày dạng YYYY-MM-DD") from exc


def _number(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):  # a yes/no target ("Có")
        return 1.0 if value else 0.0
    if not isinstance(value, int | float):
        raise UserError(f"Plan JSON: {where} phải là số (đang là {value!r})")
    return float(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = clean(str(value))
    return text or None


def _require_list(data: dict, key: str) -> list[dict]:
    rows = data.get(key) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UserError(f"Plan JSON: '{key}' phải là một danh sách các đối tượng")
    return rows


def source_key(document: dict) -> str:
    kind = document.get("kind") or "plan"
    number = _text(document.get("number"))
    if number:
        return f"{kind}:{fold(number)}"
    title = fold(_text(document.get("title")) or "")
    period = (document.get("period") or {}).get("start") or ""
    digest = hashlib.sha1(f"{title}|{period}".encode()).hexdigest()[:20]
    return f"{kind}:title:{digest}"


def resolution_of(document: dict) -> str | None:
    """The resolution a plan implements: the one its title names, else its first cited one."""
    title = document.get("title") or ""
    for text in [title, *(document.get("references") or [])]:
        match = _RESOLUTION.search(text) or _ANY_RESOLUTION.search(text)
        if match:
            return re.sub(r"\s+", "", match.group(0)).upper()
    return None


def _match_key(code: str | None, name: str) -> tuple[str, str]:
    return (code or "", fold(name)[:200])


class _Pool:
    """Existing rows by match key; rows with the same key are matched in order."""

    def __init__(self, items) -> None:
        self.rows: dict[tuple[str, str], list] = {}
        for key, row in items:
            self.rows.setdefault(key, []).append(row)

    def take(self, key: tuple[str, str]):
        found = self.rows.get(key)
        return found.pop(0) if found else None

    def rest(self) -> list:
        return [row for rows in self.rows.values() for row in rows]


# --- import --------------------------------------------------------------------------
def import_plan(
    session: Session,
    plan_json: dict,
    commune: Unit,
    source_name: str,
    actor: str = "",
    is_demo: bool = False,
) -> ImportResult:
    if not isinstance(plan_json, dict) or not isinstance(plan_json.get("document"), dict):
        raise UserError("Plan JSON: thiếu đối tượng 'document'")
    document = plan_json["document"]
    key = source_key(document)
    plan = session.scalar(
        select(Plan)
        .where(Plan.commune_id == commune.id, Plan.source_key == key)
        .options(selectinload(Plan.indicators).selectinload(Indicator.targets), selectinload(Plan.tasks))
    )
    created = plan is None
    if plan is None:
        plan = Plan(commune_id=commune.id, source_key=key)
        session.add(plan)
    period = document.get("period") or {}
    signer = document.get("signer") or {}
    kind = document.get("kind") or "plan"
    if kind not in ("plan", "report"):
        raise UserError(f"Plan JSON: document.kind phải là 'plan' hoặc 'report' (đang là {kind!r})")
    plan.kind = kind
    plan.source_name = source_name
    plan.number = _text(document.get("number"))
    plan.title = _text(document.get("title")) or ""
    plan.issuer = _text(document.get("issuer"))
    plan.issued_on = _date(document.get("issued_on"), "document.issued_on")
    plan.period_start = _date(period.get("start"), "document.period.start")
    plan.period_end = _date(period.get("end"), "document.period.end")
    plan.signer_name = _text(signer.get("name"))
    plan.signer_title = _text(signer.get("title"))
    plan.references = [clean(r) for r in document.get("references") or [] if isinstance(r, str)]
    plan.resolution = resolution_of(document)
    plan.document = plan_json
    plan.imported_by = actor
    plan.is_demo = is_demo
    session.flush()

    result = ImportResult(plan=plan, created=created)
    resolver = units.UnitResolver(session, commune, actor)
    _import_indicators(session, plan, resolver, _require_list(plan_json, "indicators"))
    _import_tasks(session, plan, resolver, _require_list(plan_json, "tasks"))
    _record_reported_task_status(session, plan, _require_list(plan_json, "tasks"), actor)
    _import_budget(session, plan, _require_list(plan_json, "budget"))
    _import_results(plan, _require_list(plan_json, "results"))
    session.flush()
    result.review = catalogue.map_plan(session, plan)
    session.flush()
    result.values_from_reports = apply_reported_results(session, commune, actor)
    result.indicators = len(plan.indicators)
    result.tasks = len(plan.tasks)
    result.budget_lines = len(plan.budget_lines)
    result.results = len(plan.results)
    audit.record(
        session,
        actor,
        "plan.import" if created else "plan.reimport",
        "plan",
        plan.id,
        commune.id,
        {
            "source": source_name,
            "indicators": result.indicators,
            "tasks": result.tasks,
            "budget": result.budget_lines,
            "results": result.results,
        },
    )
    return result


def _first_unit(text: object) -> str | None:
    names = split_units(text) if isinstance(text, str) else []
    return names[0] if names else None


def _default_direction(op: str | None) -> str:
    return "lower" if op in ("<=", "<", "rank") else "higher"


_Row = TypeVar("_Row", Indicator, Task)


def _reuse_or_add(old: _Pool, rows: list[_Row], model: type[_Row], seq: int, row: dict, label: str) -> _Row:
    """The stored row this Plan JSON row updates (same code and name), or a new one; with its
    identity fields set. Re-importing a plan thus keeps the values attached to its rows."""
    name = _text(row.get("name"))
    if not name:
        raise UserError(f"Plan JSON: {label} thứ {seq} không có tên")
    code = _text(row.get("code"))
    item = old.take(_match_key(code, name))
    if item is None:
        item = model(name=name)
        rows.append(item)
    item.seq = -seq  # temporary, avoids clashing with rows not yet renumbered
    item.code = code
    item.name = name
    item.group_name = _text(row.get("group"))
    return item


def _import_indicators(session: Session, plan: Plan, resolver: units.UnitResolver, rows: list[dict]) -> None:
    old = _Pool((_match_key(i.code, i.name), i) for i in plan.indicators)
    keep: list[Indicator] = []
    for seq, row in enumerate(rows, start=1):
        indicator = _reuse_or_add(old, plan.indicators, Indicator, seq, row, "chỉ tiêu")
        name = indicator.name
        indicator.unit = _text(row.get("unit")) or ""
        indicator.lead_unit = resolver.get(_first_unit(row.get("lead")))
        indicator.evaluator_unit = resolver.get(_first_unit(row.get("evaluator")))
        indicator.director = _text(row.get("director"))
        targets = row.get("targets") or []
        if not isinstance(targets, list):
            raise UserError(f"Plan JSON: chỉ tiêu '{name[:60]}': 'targets' phải là danh sách")
        by_year: dict[int, Target] = {t.year: t for t in indicator.targets}
        seen: set[int] = set()
        for t in targets:
            year = t.get("year") if isinstance(t, dict) else None
            if not isinstance(year, int):
                raise UserError(f"Plan JSON: chỉ tiêu '{name[:60]}': mỗi mục tiêu cần 'year' là số năm")
            if year in seen:
                continue
            seen.add(year)
            target = by_year.pop(year, None) or Target(year=year)
            target.op = t.get("op") or ">="
            target.value = _number(t.get("value"), f"chỉ tiêu '{name[:60]}' năm {year}")
            target.text = _text(t.get("text"))
            if target not in indicator.targets:
                indicator.targets.append(target)
        for stale in by_year.values():
            indicator.targets.remove(stale)
        if indicator.mapping != "manual":
            first_op = indicator.targets[0].op if indicator.targets else None
            indicator.direction = _default_direction(first_op)
        keep.append(indicator)
    _drop_unused(session, plan.indicators, old.rest(), Value, Value.indicator_id)
    session.flush()
    for seq, indicator in enumerate(keep, start=1):
        indicator.seq = seq


def _import_tasks(session: Session, plan: Plan, resolver: units.UnitResolver, rows: list[dict]) -> None:
    old = _Pool((_match_key(t.code, t.name), t) for t in plan.tasks)
    keep: list[Task] = []
    for seq, row in enumerate(rows, start=1):
        task = _reuse_or_add(old, plan.tasks, Task, seq, row, "nhiệm vụ")
        name = task.name
        leads = split_units(row.get("lead") if isinstance(row.get("lead"), str) else None)
        task.lead_unit = resolver.get(leads[0] if leads else None)
        support = row.get("support") or []
        support = [clean(s) for s in support if isinstance(s, str)] if isinstance(support, list) else []
        task.support = leads[1:] + [s for s in support if s not in leads]
        task.product = _text(row.get("product"))
        deadline = row.get("deadline") or {}
        task.deadline_text = _text(deadline.get("text"))
        task.due = _date(deadline.get("due"), f"nhiệm vụ '{name[:60]}' deadline.due")
        recurrence = deadline.get("recurrence")
        if recurrence not in (None, "annual", "monthly", "quarterly", "continuous"):
            raise UserError(f"Plan JSON: nhiệm vụ '{name[:60]}': recurrence '{recurrence}' không hợp lệ")
        task.recurrence = recurrence
        keep.append(task)
    _drop_unused(session, plan.tasks, old.rest(), TaskProgress, TaskProgress.task_id)
    session.flush()
    for seq, task in enumerate(keep, start=1):
        task.seq = seq


def _drop_unused(session: Session, collection: list, stale, data_model, data_fk) -> None:
    """Rows a re-import no longer has are removed, unless data was recorded against them."""
    for row in list(stale):
        if row.id is not None and session.scalar(select(exists().where(data_fk == row.id))):
            row.seq = -(10_000 + row.id)  # kept out of the way; still reachable with its data
            continue
        collection.remove(row)


def _record_reported_task_status(session: Session, plan: Plan, rows: list[dict], actor: str) -> None:
    """A report's progress table ("Hoàn thành", "Đang thực hiện") becomes the progress of its
    tasks for the month the report's period ends."""
    from nq57.domain.periods import month_of
    from nq57.track import progress
    from nq57.track.errors import ValidationFailed

    if plan.kind != "report" or plan.period_end is None:
        return
    period = str(month_of(plan.period_end))
    tasks = [t for t in plan.tasks if t.seq > 0]
    for task, row in zip(tasks, rows, strict=False):
        words = row.get("status")
        if not isinstance(words, str) or not words.strip():
            continue
        try:
            reported = progress.normalise_status(words)
        except ValidationFailed:
            continue  # a wording we do not know stays in the document only
        # Done "by the end of the report's period" is all a report tells.
        completed = plan.period_end if reported == "done" else None
        progress.set_progress(session, task, period, status=reported, completed_on=completed,
                              note=f"Theo báo cáo: {words}", actor=actor, is_demo=plan.is_demo)


def _import_budget(session: Session, plan: Plan, rows: list[dict]) -> None:
    old = _Pool((_match_key(b.code, b.item), b) for b in plan.budget_lines)
    keep: list[BudgetLine] = []
    for seq, row in enumerate(rows, start=1):
        item = _text(row.get("item"))
        if not item:
            raise UserError(f"Plan JSON: dòng kinh phí thứ {seq} không có nội dung")
        code = _text(row.get("code"))
        line = old.take(_match_key(code, item))
        if line is None:
            line = BudgetLine(item=item)
            plan.budget_lines.append(line)
        line.seq = -seq
        line.code, line.item = code, item
        line.amount = _number(row.get("amount"), f"kinh phí '{item[:60]}'")
        line.unit = _text(row.get("unit")) or "triệu đồng"
        keep.append(line)
    _drop_unused(session, plan.budget_lines, old.rest(), BudgetEntry, BudgetEntry.budget_line_id)
    session.flush()
    for seq, line in enumerate(keep, start=1):
        line.seq = seq


def _import_results(plan: Plan, rows: list[dict]) -> None:
    plan.results.clear()
    for seq, row in enumerate(rows, start=1):
        name = _text(row.get("name"))
        if not name:
            continue
        target = row.get("target") or {}
        plan.results.append(
            ReportedResult(
                seq=seq,
                name=name,
                unit=_text(row.get("unit")) or "",
                actual=_number(row.get("actual"), f"kết quả '{name[:60]}'"),
                numerator=_number(row.get("numerator"), f"kết quả '{name[:60]}' tử số"),
                denominator=_number(row.get("denominator"), f"kết quả '{name[:60]}' mẫu số"),
                target_op=target.get("op"),
                target_value=_number(target.get("value"), f"kết quả '{name[:60]}' chỉ tiêu"),
                target_text=_text(target.get("text")),
                status=row.get("status"),
                as_of=_date(row.get("as_of"), f"kết quả '{name[:60]}' as_of"),
            )
        )


def apply_reported_results(session: Session, commune: Unit, actor: str = "") -> int:
    """Figures a report states become values of the commune's indicators of the same catalogue
    entry and unit, for the month of the report's date, where no value exists yet. They are
    approved as they are: a signed report is the source. Returns the number of values added."""
    from nq57.domain.periods import month_of
    from nq57.track import values as value_service

    reported = session.execute(
        select(ReportedResult, Plan)
        .join(Plan, Plan.id == ReportedResult.plan_id)
        .where(
            Plan.commune_id == commune.id,
            Plan.kind == "report",
            ReportedResult.catalogue_id.is_not(None),
            ReportedResult.as_of.is_not(None),
        )
    ).all()
    if not reported:
        return 0
    indicators = session.scalars(
        select(Indicator).join(Plan).where(Plan.commune_id == commune.id, Indicator.catalogue_id.is_not(None), Indicator.seq > 0)
    ).all()
    added = 0
    for result, report in reported:
        number = result.actual
        if number is None and result.numerator is not None and result.denominator:
            number = 100.0 * result.numerator / result.denominator
        if number is None:
            continue
        period = str(month_of(result.as_of))
        for indicator in indicators:
            if indicator.catalogue_id != result.catalogue_id or (indicator.unit or "") != (result.unit or ""):
                continue
            if value_service.get_value(session, indicator, period) is not None:
                continue
            source = report.number or report.source_name
            row = value_service.set_value(
                session, indicator, period, value=number, note=f"Theo báo cáo {source}", actor=actor, check=False,
                is_demo=report.is_demo or indicator.plan.is_demo,
            )
            row.state = "approved"
            row.approved_by = f"văn bản {source}"
            audit.record(session, actor, "value.from_report", "value", row.id, commune.id,
                         {"report": report.id, "result": result.id, "period": period, "value": number})
            added += 1
    session.flush()
    return added


def read_plan_file(path: Path) -> dict:
    """A Plan JSON file, or any document the extractor reads."""
    if not path.exists():
        raise InputFileError(str(path), "không tìm thấy tệp")
    if path.suffix.lower() == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(str(path), f"không phải Plan JSON hợp lệ: {exc}") from exc
    try:
        from nq57.extract.pipeline import extract_file
    except ImportError as exc:
        raise InputFileError(str(path), "chưa có bộ trích xuất (nq57.extract); hãy nhập tệp Plan JSON") from exc
    try:
        result = extract_file(path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - the command line reports any reader failure as one line
        raise InputFileError(str(path), f"không đọc được văn bản ({type(exc).__name__}: {exc})") from exc
    plan = result.plan
    return plan.model_dump(mode="json") if hasattr(plan, "model_dump") else dict(plan)


def import_file(
    session: Session, path: Path | str, commune_text: str | None = None, actor: str = "", is_demo: bool = False
) -> ImportResult:
    path = Path(path)
    data = read_plan_file(path)
    if not isinstance(data, dict) or not any(data.get(key) for key in ("indicators", "tasks", "budget", "results")):
        raise InputFileError(str(path), "không thấy chỉ tiêu, nhiệm vụ, kinh phí hay kết quả nào: không phải kế hoạch/báo cáo?")
    if commune_text:
        commune = units.find_commune(session, commune_text)
    else:
        locality = ((data.get("document") or {}).get("locality")) or {}
        if not locality.get("name"):
            raise InputFileError(str(path), "văn bản không ghi rõ xã/phường; hãy thêm --commune \"Tên xã, Tên tỉnh\"")
        level = f"{locality['level']} " if locality.get("level") in ("xã", "phường", "đặc khu") else ""
        text = level + locality["name"] + (f", {locality['province']}" if locality.get("province") else "")
        try:
            commune = units.find_commune(session, text)
        except UserError as exc:
            raise InputFileError(str(path), f"{exc} — hãy ghi rõ bằng --commune \"Tên xã, Tên tỉnh\"") from exc
    return import_plan(session, data, commune, path.name, actor=actor, is_demo=is_demo)


# --- queries -------------------------------------------------------------------------
def plans_of(session: Session, commune: Unit) -> list[Plan]:
    return list(
        session.scalars(select(Plan).where(Plan.commune_id == commune.id).order_by(Plan.period_start, Plan.id))
    )


def _plan_covers(plan: Plan, year: int | None) -> bool:
    if year is None:
        return True
    start = plan.period_start.year if plan.period_start else None
    end = plan.period_end.year if plan.period_end else None
    return (start is None or start <= year) and (end is None or year <= end)


def indicators_of(session: Session, commune: Unit, year: int | None = None) -> list[Indicator]:
    """The commune's indicators in force in `year`: from plans covering it, or with a target for it."""
    rows = session.scalars(
        select(Indicator)
        .join(Plan)
        .where(Plan.commune_id == commune.id, Indicator.seq > 0)
        .options(selectinload(Indicator.targets), selectinload(Indicator.plan))
        .order_by(Plan.id, Indicator.seq)
    ).all()
    if year is None:
        return list(rows)
    out = []
    for indicator in rows:
        years = {t.year for t in indicator.targets}
        if year in years or (indicator.plan.kind == "plan" and _plan_covers(indicator.plan, year)):
            out.append(indicator)
    return out


def tasks_of(session: Session, commune: Unit, year: int | None = None) -> list[Task]:
    rows = session.scalars(
        select(Task)
        .join(Plan)
        .where(Plan.commune_id == commune.id, Task.seq > 0)
        .options(selectinload(Task.plan))
        .order_by(Plan.id, Task.seq)
    ).all()
    return [t for t in rows if _plan_covers(t.plan, year)]


def _label(code: str | None, name: str) -> str:
    return f"{code} {name[:70]}" if code else name[:70]


def find_indicator(session: Session, commune: Unit, ref: str, year: int | None = None) -> Indicator:
    """By code in its plan ("3.2") or a unique part of its name (diacritics optional)."""
    pool = indicators_of(session, commune, year)
    if not pool:
        raise NotFound(f"{commune.name} chưa có kế hoạch nào có chỉ tiêu (hãy chạy 'nq57 import' trước)")
    return _find(pool, ref, "chỉ tiêu")


def find_task(session: Session, commune: Unit, ref: str, year: int | None = None) -> Task:
    pool = tasks_of(session, commune, year)
    if not pool:
        raise NotFound(f"{commune.name} chưa có nhiệm vụ nào")
    return _find(pool, ref, "nhiệm vụ")


def _find(pool: list, ref: str, what: str):
    ref = clean(ref or "")
    if not ref:
        raise NotFound(f"chưa ghi {what} cần tìm")
    by_code = [x for x in pool if x.code and x.code == ref]
    if len(by_code) == 1:
        return by_code[0]
    if len(by_code) > 1:
        raise AmbiguousReference(what, ref, [f"{x.code} ({(x.group_name or x.plan.title)[:50]}): {x.name[:50]}" for x in by_code])
    key = fold(ref)
    by_name = [x for x in pool if key in fold(x.name)]
    exact = [x for x in by_name if fold(x.name) == key]
    if len(exact) == 1:
        return exact[0]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise AmbiguousReference(what, ref, [_label(x.code, x.name) for x in by_name])
    raise NotFound(f"không có {what} nào có mã hoặc tên '{ref}'")
