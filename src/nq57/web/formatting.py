"""Jinja filters: Vietnamese numbers and dates, status words with an icon and a colour class.

Colour is never the only signal: every status renders as icon + word.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

# status key -> (icon, Vietnamese word, css class)
STATUS = {
    "achieved": ("✔", "Đạt", "ok"),
    "not_achieved": ("✖", "Chưa đạt", "bad"),
    "not_evaluated": ("?", "Chưa đánh giá", "none"),
    "on_track": ("✔", "Đúng tiến độ", "ok"),
    "speed_up": ("▲", "Cần tăng tốc", "warn"),
    "needs_acceleration": ("▲", "Cần tăng tốc", "warn"),
    "slow": ("◆", "Chậm", "bad"),
    "backwards": ("▼", "Đi lùi", "bad"),
    "behind": ("◆", "Chậm", "bad"),
    "regressing": ("▼", "Đi lùi", "bad"),
    "backward": ("▼", "Đi lùi", "bad"),
    "not_started": ("○", "Chưa triển khai", "none"),
    "in_progress": ("◐", "Đang thực hiện", "warn"),
    "done": ("✔", "Hoàn thành", "ok"),
    "completed": ("✔", "Hoàn thành", "ok"),
    "done_late": ("✔", "Hoàn thành quá hạn", "warn"),
    "completed_late": ("✔", "Hoàn thành quá hạn", "warn"),
    "overdue": ("✖", "Quá hạn", "bad"),
    "draft": ("✎", "Nháp", "none"),
    "submitted": ("⏳", "Chờ duyệt", "warn"),
    "approved": ("🔒", "Đã duyệt", "ok"),
    "returned": ("↩", "Trả lại", "bad"),
    "pending": ("⏳", "Đang chờ", "warn"),
    "granted": ("✔", "Đồng ý", "ok"),
    "refused": ("✖", "Từ chối", "bad"),
    "answered": ("✔", "Đã trả lời", "ok"),
    "open": ("⏳", "Chưa trả lời", "warn"),
}


def status_parts(key: Any) -> tuple[str, str, str]:
    text = str(getattr(key, "value", key) or "")
    if text in STATUS:
        return STATUS[text]
    return ("•", text.replace("_", " ") or "—", "none")


def vn_number(value: Any, digits: int = 2) -> str:
    """12345.5 -> '12.345,5' (Vietnamese: dot for thousands, comma for decimals)."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_date(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def target_words(target: Any) -> str:
    """A plan target as officials write it: '≥ 90', 'Tăng bậc', 'Có', or the document's text."""
    text = getattr(target, "text", None)
    op = getattr(target, "op", None) or ""
    value = getattr(target, "value", None)
    if text:
        return str(text)
    if op == "rank":
        return "Tăng bậc" if value is None else f"Hạng {vn_number(value)}"
    if op == "bool":
        return "Có"
    if value is None:
        return "—"
    symbol = {">=": "≥", "<=": "≤"}.get(op, op)
    return f"{symbol} {vn_number(value)}".strip()


def install(env) -> None:
    env.filters["target_words"] = target_words
    env.filters["vn_number"] = vn_number
    env.filters["vn_date"] = vn_date
    env.globals["status_parts"] = status_parts
