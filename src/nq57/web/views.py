"""Turn the tracking core's results into plain rows for pages and JSON.

No rule is re-implemented here: statuses, pace, forecasts and alerts come from nq57.track;
this module only reshapes them (series for sparklines, completeness per unit).
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """JSON-ready copy of dataclasses, enums and dates."""
    # Most of a response is numbers, text and plain containers: tell them by their exact type
    # first (an enum whose values are text is a subclass of str, so it is not among them).
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list:
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if hasattr(value, "id") and hasattr(value, "name") and hasattr(value, "kind"):  # a Unit
        return value.name
    return value


def series(history: Any) -> list[float]:
    """Numbers of a history for a sparkline, whatever the history's item shape."""
    out: list[float] = []
    for item in history or []:
        if isinstance(item, int | float):
            number = item
        elif isinstance(item, dict):
            number = item.get("value")
        elif isinstance(item, list | tuple) and len(item) >= 2:
            number = item[1]
        else:
            number = getattr(item, "value", None)
        if isinstance(number, int | float):
            out.append(float(number))
    return out


def completeness(indicator_rows: list[Any]) -> list[dict[str, Any]]:
    """Per lead unit: how many of its indicators have a value this period."""
    units: dict[str, dict[str, Any]] = {}
    for row in indicator_rows:
        lead = getattr(row, "lead", None) or "Chưa giao đơn vị"
        entry = units.setdefault(lead, {"unit": lead, "total": 0, "reported": 0})
        entry["total"] += 1
        if getattr(row, "value", None) is not None:
            entry["reported"] += 1
    rows = sorted(units.values(), key=lambda e: (e["reported"] >= e["total"], e["unit"]))
    for entry in rows:
        entry["complete"] = entry["reported"] >= entry["total"]
    return rows


def target_text(row: Any) -> str:
    text = getattr(row, "target_text", None)
    if text:
        return str(text)
    target = getattr(row, "target", None)
    op = getattr(row, "target_op", None) or ""
    if target is None:
        return "—"
    shown = f"{target:g}" if isinstance(target, float) else str(target)
    return f"{op} {shown}".strip()
