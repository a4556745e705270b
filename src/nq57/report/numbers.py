"""Numbers and dates written the Vietnamese administrative way."""

from __future__ import annotations

from datetime import date


def vn_number(value: float, max_decimals: int = 2) -> str:
    """85.5 -> "85,5"; 33099 -> "33.099"; 100.0 -> "100" (dot groups thousands, comma marks decimals)."""
    text = f"{value:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_quantity(value: float, unit: str | None) -> str:
    """A value with its unit as written in a sentence: "85,5%", "0,62", "1.200 người"."""
    number = vn_number(value)
    if not unit or unit in ("chỉ số", "thứ bậc"):
        return number
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


def _two_digits_for_jan_feb(month: int) -> str:
    # Nghị định 30/2020: days below 10 and the months 1 and 2 take a leading zero.
    return f"{month:02d}" if month <= 2 else str(month)


def vn_date_words(day: date | None, year_hint: int | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2026", or the blank form "ngày   tháng   năm 2026" to fill in by hand."""
    if day is None:
        year = str(year_hint) if year_hint else "..."
        return f"ngày      tháng      năm {year}"
    return f"ngày {day.day:02d} tháng {_two_digits_for_jan_feb(day.month)} năm {day.year}"


def short_date(day: date) -> str:
    """ "15/01/2026" as in citations and tables."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
