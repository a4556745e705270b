"""A report's data cut-off: "(số liệu tính đến ngày 15/6/2026)", "số liệu từ ngày 01/01/2026 đến
ngày 15/6/2026", "báo cáo kết quả thực hiện từ ngày 01/01 đến ngày 31/10/2026".

Figures are as of that day, not the period's last day; and where the title's period was misread
("quý II" for an OCR'd "quý III") the introduction's own words, agreeing with the cut-off, win.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from nq57.extract.lines import Line
from nq57.extract.model import DocumentInfo, Period
from nq57.extract.textutil import fold

INTRO_LINES = 60
_DAY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_CUT_OFF = re.compile(
    r"s[o6] lieu (?:tinh |thuc hien |cap nhat )?(?:tu (?:ngay )?\d{1,2}/\d{1,2}(?:/\d{4})? )?(?:den|toi) (?:het )?(?:ngay )?" + _DAY
    + r"|bao cao (?:ket qua |tinh hinh )?(?:thuc hien )?tu (?:ngay )?\d{1,2}/\d{1,2}(?:/\d{4})? (?:den|toi) (?:het )?(?:ngay )?" + _DAY)
# a quarter in the introduction, with an English-model OCR's "l"/"1" for "I" ("quý Ill năm 2026")
# weaker: a paragraph opening "Tính đến ngày 30/11/2026, …", a results column "Thực hiện đến 30/11/2026"
_OPENING = re.compile(r"^\W*tinh (?:den|toi) (?:het )?(?:ngay )?" + _DAY)
_COLUMN = re.compile(r"\bthuc hien (?:tinh )?(?:den|toi) (?:het )?(?:ngay )?" + _DAY)
_QUARTER = re.compile(r"\bquy ([ivxl1]{1,3}|[1-4])\s*(?:/|nam)\s*(\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _day(groups: tuple[str, ...]) -> date | None:
    try:
        return date(int(groups[2]), int(groups[1]), int(groups[0]))
    except ValueError:
        return None


def _quarter(day: date, intro: str) -> Period | None:
    """The quarter the introduction names that holds DAY."""
    for m in _QUARTER.finditer(intro):
        token = m.group(1)
        q = int(token) if token.isdigit() else _ROMAN.get(token.replace("l", "i").replace("1", "i"))
        if q and int(m.group(2)) == day.year and (day.month - 1) // 3 + 1 == q:
            last = date(day.year, q * 3, calendar.monthrange(day.year, q * 3)[1])
            return Period(start=f"{day.year}-{q * 3 - 2:02d}-01", end=last.isoformat())
    return None


def data_cut_off(lines: list[Line], info: DocumentInfo) -> str | None:
    """The day a report's figures are counted to, when its introduction says so and the day
    fits the period it covers; corrects `info.period` where only the introduction reads right."""
    if info.kind != "report":
        return None
    intro = re.sub(r"\s+", " ", fold(" ".join(ln.text for ln in lines[:INTRO_LINES])))
    m = _CUT_OFF.search(intro) or next(
        (m for ln in lines for m in [_OPENING.match(fold(ln.text)) or _COLUMN.search(fold(ln.text))] if m), None)
    day = _day(tuple(g for g in m.groups() if g is not None)) if m else None
    if day is None:
        return None
    if info.issued_on and day.isoformat() > info.issued_on:
        return None  # a plan's deadline or a future day, not a count already made
    start, end = info.period.start, info.period.end
    if start and end and not start <= day.isoformat() <= end:
        better = _quarter(day, intro)
        if better is None:
            return None
        info.period = better
    return day.isoformat()
