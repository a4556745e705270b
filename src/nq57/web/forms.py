"""Reading what officials type: Vietnamese numbers ("85,5", "1.234"), dates, uploads."""

from __future__ import annotations

import re
from datetime import date

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class FieldError(ValueError):
    """A field that cannot be read; the message is shown beside the field."""


def parse_number(text: str | None) -> float | None:
    """'' -> None; '85,5' -> 85.5; '1.234' -> 1234; '1.234,5' -> 1234.5; '12.5' -> 12.5."""
    raw = (text or "").strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    elif _THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        raise FieldError(f"'{text}' không phải là số (ví dụ hợp lệ: 85,5 hoặc 1.234).") from None


def parse_date(text: str | None) -> date | None:
    """ISO (from <input type=date>) or dd/mm/yyyy; '' -> None."""
    raw = (text or "").strip()
    if not raw:
        return None
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", raw)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError(f"'{text}' không phải là ngày hợp lệ (dd/mm/yyyy).") from None


def number_text(value: float | None) -> str:
    """How a stored number is shown back in an input: decimal comma, no thousands dots."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
