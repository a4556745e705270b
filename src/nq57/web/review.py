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


def _read(name: str, data: bytes):
    """(repaired document, unrepaired or None), read from the upload's bytes with the text
    stage's checks (format sniffed from the content, size and page limits, messages naming
    the user's file, never a server path). Mirrors nq57.extract.reading.read_pair."""
    from nq57.text import read_bytes

    raw = read_bytes(name, data, repair=False)
    try:
        from nq57.text.repair import repair_document
    except ImportError:
        return raw, None
    try:
        repaired = repair_document(copy.deepcopy(raw))
    except Exception as exc:  # a broken repair model must not stop the review: show the text as it is
        raw.warnings.append(f"Không sửa được dấu tiếng Việt ({type(exc).__name__}); dùng văn bản gốc")
        return raw, None
    repaired.renumber()
    return repaired, (raw if repaired.repaired else None)


def _from_plan_json(name: str, data: bytes) -> dict[str, Any]:
    """A Plan JSON file: validated by the extractor's model, reviewed without source lines."""
    import json

    from pydantic import ValidationError

    from nq57.extract.model import PlanJSON

    try:
        plan = PlanJSON.model_validate(json.loads(data.decode("utf-8"))).to_json()
    except (UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise ReadProblem(f"không phải Plan JSON hợp lệ: {str(exc).splitlines()[0]}") from None
    review = {s: [{"source": "", "confidence": None, "doubtful": False} for _ in plan.get(s, [])] for s in SECTIONS}
    if not any(plan.get(s) for s in SECTIONS):
        raise ReadProblem("Plan JSON không có chỉ tiêu, nhiệm vụ, kinh phí hay kết quả nào.")
    return {"plan": plan, "review": review, "warnings": []}


def extract_for_review(name: str, data: bytes) -> dict[str, Any]:
    """Plan JSON with, per item, its source text and confidence; plus the warnings."""
    from nq57.errors import InputFileError, UserError
    from nq57.extract.pipeline import extract_document

    if Path(name).suffix.lower() == ".json":
        return _from_plan_json(name, data)
    try:
        document, unrepaired = _read(name, data)
        result = extract_document(document, unrepaired)
    except InputFileError as exc:
        raise ReadProblem(exc.problem) from None
    except UserError as exc:
        raise ReadProblem(str(exc)) from None
    except Exception as exc:  # a corrupt file can fail deep inside a reader library
        raise ReadProblem(f"Không đọc được tệp (tệp hỏng hoặc sai định dạng): {type(exc).__name__}: {exc}") from None
    plan = result.plan.to_json()
    review: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        provs = result.provenance.get(section, [])
        items = []
        for n in range(len(plan.get(section, []))):
            confidence = round(provs[n].confidence, 2) if n < len(provs) else None
            items.append({"source": result.source_text(section, n)[:1500], "confidence": confidence,
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
