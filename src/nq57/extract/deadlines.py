"""Task deadlines -> {"text", "due", "recurrence"}.

"Quý II/2026" -> 2026-06-30, "Tháng 10/2026" and "10/2026" -> 2026-10-31, "Năm 2026" ->
2026-12-31, "trước ngày 23/7/2025" -> 2025-07-23, "Hằng năm" -> annual, "Hằng tháng" ->
monthly, "Hằng quý" -> quarterly, "Thường xuyên" -> continuous. A deadline that points at another
plan ("Theo Kế hoạch của UBND tỉnh năm 2026") has no date of its own: due null.
OCR often reads the roman quarter "II" as "11" and drops the slash ("Quy 112026"); the quarter
is then taken from the run of 1s/Is before a four-digit year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from nq57.extract.textutil import clean, fold

_NUMERALS = {1: "i", 2: "ii", 3: "iii", 4: "iv"}  # folded, as matched; upper-cased when written
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Deadline:
    text: str | None
    due: str | None
    recurrence: str | None

    def as_json(self) -> dict:
        return {"text": self.text, "due": self.due, "recurrence": self.recurrence}


def _month_end(year: int, month: int) -> str | None:
    if not (1 <= month <= 12 and 1900 < year < 2200):
        return None
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _quarter(token: str) -> int | None:
    token = re.sub(r"^t(?=[vi1l])", "i", token.lower()).replace("l", "i").replace("|", "i")  # "TV", "T11": IV, III
    if "v" in token:
        token = token.replace("1", "i")  # "1V" is IV
    if token in _ROMAN:
        return _ROMAN[token]
    # OCR: "11" for II, "111" for III, "1" for I, "17" for II with a stray mark.
    if re.fullmatch(r"[1i]{1,3}7?", token):
        return min(len(token.rstrip("7")), 3) or None
    return None


def parse_deadline(cell: str | None) -> Deadline:
    text = clean(cell) or None
    if not text:
        return Deadline(None, None, None)
    f = re.sub(r"(?<=[ivxl1])['’‘`](?=[ivx])", "", fold(text))  # "Quý I'V": a speck inside the numeral
    if re.search(r"theo (ke hoach|de an|chuong trinh|lo trinh|huong dan|van ban)", f):
        return Deadline(text, None, None)
    # (and as an English-model OCR reads them: "hing ndm", "thudng xuyén", "hdng thang")
    if re.search(r"h[a-z]{1,2}ng n[a-z&]{1,2}m\b|moi nam|ha ng nam", f):
        return Deadline(text, None, "annual")
    if re.search(r"h[a-z]{1,2}ng th[a-z]{1,2}ng\b|moi thang|dinh ky thang", f):
        return Deadline(text, None, "monthly")
    if re.search(r"h[a-z]{1,2}ng quy|moi quy|dinh ky quy", f):
        return Deadline(text, None, "quarterly")
    if re.search(r"th[\w@'’]{0,4}ng\s?xu\w{0,3}n|lien tuc", f):
        return Deadline(text, None, "continuous")
    m = re.search(r"(\d{1,2}) thang (dau|cuoi) nam (\d{4})", f)
    if m:
        # "6 tháng đầu năm 2026" ends with June; "6 tháng cuối năm" with the year
        months = int(m.group(1)) if m.group(2) == "dau" else 12
        return Deadline(text, _month_end(int(m.group(3)), months), None)
    m = re.search(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b", f)
    if m:
        return Deadline(text, _month_end(int(m.group(2)), 12), None)  # "2026 - 2028": by its end
    m = re.search(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", f)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            return Deadline(text, date(year, month, day).isoformat(), None)
        except ValueError:
            return Deadline(text, None, None)
    m = re.search(r"quy\s*(t?[ivxl1|]{1,4}7?|[2-4](?=\s*/))\s*(?:[/.\- ]|\s*nam\s)?\s*(\d{4})", f)
    if m:
        q = _quarter(m.group(1))
        if q:
            if m.group(1) != _NUMERALS[q] and re.fullmatch(r"\W*" + re.escape(m.group(0)) + r"\W*", f):
                text = f"Quý {_NUMERALS[q].upper()}/{m.group(2)}"  # OCR's "Quý I11/2026" written as meant
            return Deadline(text, _month_end(int(m.group(2)), q * 3), None)
    m = re.search(r"(?:thang\s*)?(\d{1,2})\s*(?:[/\-.]|\s+nam\s)\s*(\d{4})", f)
    if m:
        return Deadline(text, _month_end(int(m.group(2)), int(m.group(1))), None)
    m = re.search(r"(?:n[a-z&]{1,2}m|truoc|den)\s*(\d{4})", f) or re.fullmatch(r"\s*(\d{4})\s*", f)
    if m:
        return Deadline(text, _month_end(int(m.group(1)), 12), None)
    return Deadline(text, None, None)
