"""Document review: extract an uploaded file, pair each item with its source lines, and
rebuild the Plan JSON from the edited review form. No extraction rule lives here.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from nq57.web.forms import FieldError, parse_number

DOUBTFUL_BELOW = 0.75
SECTIONS = ("indicators", "tasks", "budget", "results")


class ReadProblem(ValueError):
    """The file could not be read or holds no plan or report."""


def extract_for_review(path: Path) -> dict[str, Any]:
    """Plan JSON with, per item, its source text and confidence; plus the warnings."""
    from nq57.errors import InputFileError, UserError
    from nq57.extract.lines import document_lines
    from nq57.extract.pipeline import extract_document
    from nq57.extract.reading import read

    try:
        document = read(path)
        result = extract_document(document)
        lines = document_lines(document)
    except InputFileError as exc:  # its message starts with our stored path: show only the problem
        raise ReadProblem(exc.problem) from None
    except UserError as exc:
        raise ReadProblem(str(exc)) from None
    except Exception as exc:  # a corrupt file can fail deep inside a reader library
        raise ReadProblem(f"Không đọc được tệp (tệp hỏng hoặc sai định dạng): {type(exc).__name__}: {exc}") from None
    text_of = {(ln.page, ln.no): ln.text for ln in lines}
    by_no = {ln.no: ln.text for ln in lines}
    plan = result.plan.to_json()
    review: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        items = []
        for n, _item in enumerate(plan.get(section, [])):
            prov = result.provenance.get(section, [])
            source, confidence = "", None
            if n < len(prov):
                p = prov[n]
                confidence = round(p.confidence, 2)
                source = "\n".join(
                    text_of.get((p.source.page, no)) or by_no.get(no, "")
                    for no in range(p.source.line_start, p.source.line_end + 1)
                ).strip()
            items.append({"source": source[:1500], "confidence": confidence,
                          "doubtful": confidence is not None and confidence < DOUBTFUL_BELOW})
        review[section] = items
    if not result.is_plan_document or not any(plan.get(s) for s in SECTIONS):
        reason = "; ".join(result.warnings[-2:]) or "không thấy chỉ tiêu, nhiệm vụ hay kết quả nào"
        raise ReadProblem(f"Không nhận ra kế hoạch hay báo cáo trong tệp này: {reason}.")
    return {"plan": plan, "review": review, "warnings": result.warnings}


def _text(form: dict[str, str], key: str) -> str | None:
    value = (form.get(key) or "").strip()
    return value or None


def apply_edits(plan: dict[str, Any], form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The Plan JSON after the reviewer's edits, and errors keyed by form field."""
    edited = copy.deepcopy(plan)
    errors: dict[str, str] = {}
    doc = edited.setdefault("document", {})
    for key in ("number", "title"):
        if f"doc_{key}" in form:
            doc[key] = _text(form, f"doc_{key}")
    kept_indicators = []
    for n, ind in enumerate(edited.get("indicators", [])):
        prefix = f"ind_{n}_"
        if f"{prefix}name" not in form:
            kept_indicators.append(ind)
            continue
        if not form.get(f"{prefix}keep"):
            continue
        ind["code"] = _text(form, f"{prefix}code")
        ind["name"] = _text(form, f"{prefix}name") or ""
        if not ind["name"]:
            errors[f"{prefix}name"] = "Tên chỉ tiêu không được để trống."
        ind["unit"] = _text(form, f"{prefix}unit")
        ind["lead"] = _text(form, f"{prefix}lead")
        for k, target in enumerate(ind.get("targets", [])):
            key = f"{prefix}t{k}_"
            if f"{key}value" not in form:
                continue
            year = (form.get(f"{key}year") or "").strip()
            if year.isdigit() and 1900 < int(year) < 2200:
                target["year"] = int(year)
            elif year:
                errors[f"{key}year"] = f"Năm '{year}' không hợp lệ."
            op = form.get(f"{key}op") or target.get("op")
            target["op"] = op if op in (">=", ">", "=", "<=", "<", "rank", "bool", "text") else ">="
            raw = form.get(f"{key}value") or ""
            if target["op"] == "bool":  # a yes/no target ("Có")
                target["value"] = raw.strip().lower() not in ("", "không", "khong", "false", "0", "no")
                continue
            try:
                target["value"] = parse_number(raw)
            except FieldError as exc:
                errors[f"{key}value"] = str(exc)
        kept_indicators.append(ind)
    edited["indicators"] = kept_indicators
    kept_tasks = []
    for n, task in enumerate(edited.get("tasks", [])):
        prefix = f"task_{n}_"
        if f"{prefix}name" not in form:
            kept_tasks.append(task)
            continue
        if not form.get(f"{prefix}keep"):
            continue
        task["code"] = _text(form, f"{prefix}code")
        task["name"] = _text(form, f"{prefix}name") or ""
        if not task["name"]:
            errors[f"{prefix}name"] = "Tên nhiệm vụ không được để trống."
        task["lead"] = _text(form, f"{prefix}lead")
        deadline = task.setdefault("deadline", {})
        deadline["text"] = _text(form, f"{prefix}deadline")
        due = _text(form, f"{prefix}due")
        if due is not None:
            from nq57.web.forms import parse_date

            try:
                parsed = parse_date(due)
                deadline["due"] = parsed.isoformat() if parsed else None
            except FieldError as exc:
                errors[f"{prefix}due"] = str(exc)
        else:
            deadline["due"] = None
        kept_tasks.append(task)
    edited["tasks"] = kept_tasks
    for section, prefix, numeric in (("budget", "bud", "amount"), ("results", "res", "actual")):
        kept = []
        for n, item in enumerate(edited.get(section, [])):
            key = f"{prefix}_{n}_"
            if f"{key}name" not in form:
                kept.append(item)
                continue
            if not form.get(f"{key}keep"):
                continue
            item["item" if section == "budget" else "name"] = _text(form, f"{key}name") or ""
            try:
                item[numeric] = parse_number(form.get(f"{key}{numeric}"))
            except FieldError as exc:
                errors[f"{key}{numeric}"] = str(exc)
            kept.append(item)
        edited[section] = kept
    return edited, errors
