"""Target cells and phrases -> (op, value, text).

Comparator wording (matched on folded text): "≥", "từ 60% trở lên", "có từ", "ít nhất",
"tối thiểu", "phấn đấu", "không dưới" -> ">="; "trên", ">" -> ">"; "≤", "tối đa", "không quá" ->
"<="; "dưới", "<" -> "<"; a bare number -> ">="; a range "60 - 70%" -> ">=" its low end;
"Tăng bậc", "Top 20", "xếp hạng" -> "rank"; "Có" -> "bool"; other words -> "text".
In damaged OCR "≥" comes out as ">" or "="; `ocr=True` reads both as ">=" unless the words
say "trên".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.extract.numbers import NUMBER, apply_multiplier, parse_number, tidy
from nq57.extract.textutil import clean, fold

_RANGE = re.compile(rf"({NUMBER})\s*%?\s*(?:-|–|—|đến|den)\s*({NUMBER})\s*%?")
_YES = {"co", "x", "dat", "hoan thanh", "yes"}
_NO = {"khong", "no"}


@dataclass
class Target:
    op: str
    value: float | int | bool | None
    text: str | None
    year: int | None = None

    def as_json(self, with_year: bool = True) -> dict:
        data = {"op": self.op, "value": self.value, "text": self.text}
        return {"year": self.year, **data} if with_year else data


def comparator(before: str, ocr: bool) -> str | None:
    """The comparator expressed in the words/symbols just before a number (folded)."""
    f = fold(before)
    tail = f[-40:]
    if re.search(r"(≥|>=|=>|⩾)\s*$", tail):
        return ">="
    if re.search(r"(≤|<=|=<|⩽)\s*$", tail):
        return "<="
    if re.search(r"\bkhong (?:thap|it|duoi|kem) hon\s*$|\bkhong duoi\s*$", tail):
        return ">="  # "không thấp hơn 85%": at least
    if re.search(r"\bkhong (?:cao|nhieu|vuot|qua) hon\s*$", tail):
        return "<="
    if re.search(r"(^|\W)tren\s*$", tail) or re.search(r"(^|\W)(hon|vuot)\s*$", tail):
        return ">"
    if re.search(r">\s*$", tail):
        return ">=" if ocr else ">"
    if re.search(r"<\s*$", tail):
        return "<=" if ocr else "<"  # "≤" read as "<", as "≥" is read as ">"
    if re.search(r"(^|\W)duoi\s*$", tail):
        return "<"
    if re.search(r"(toi da|khong qua|khong vuot qua)\s*$", tail):
        return "<="
    if re.search(r"=\s*$", tail):
        return ">="
    return None


def parse_target(cell: str | None, ocr: bool = False, unit: str | None = None) -> Target | None:
    """Parse a target cell such as "≥ 60%", "Ít nhất 3%", "Có", "Tăng 2 bậc", "60 - 70%".

    None for an empty cell or a dash (no target that year).
    """
    text = clean(cell)
    if not text or re.fullmatch(r"[-–—.…/x]*", text.lower()):
        return None
    f = fold(text).strip(" .;:")
    if re.search(r"tang\s*(?:(?:it nhat|toi thieu|tu)\s*)?(\d+\s*)?bac|\btop\b|xep hang|thu hang|giu vung"
                 r"|nhom\s+(?:\d+\s+)?(?:[a-z]+\s+){0,2}dan dau", f):
        # ("Nhóm 20 tỉnh dẫn đầu": among the first 20)
        m = re.search(r"(?:top|tang|nhom)\s*(?:(?:it nhat|toi thieu|tu)\s*)?(\d+)", f)
        return Target("rank", tidy(float(m.group(1))) if m else None, text)
    if f in _YES:
        return Target("bool", True, text)
    if f in _NO:
        return Target("bool", False, text)
    rng = _RANGE.search(text)
    if rng and not re.search(r"\d+\s*/\s*\d+", text):
        low = parse_number(rng.group(1), percent=True)
        return Target(">=", tidy(low), text)
    # a digit glued to a letter is an OCR letter ("c6" = "có", "1€" = "lệ"), not the target
    # (nor the year a plan is for: "chỉ tiêu năm 2026: ≥ 60%")
    numbers = [x for x in re.finditer(NUMBER, text) if (x.start() == 0 or not text[x.start() - 1].isalpha())
               and not (re.fullmatch(r"20\d\d", x.group(0)) and re.search(r"n[aă]m\s*$", text[:x.start()], re.I))]
    ge_as_two = ocr and len(numbers) >= 2 and numbers[0].group(0) == "2" \
        and re.fullmatch(r"\s+", text[numbers[0].end():numbers[1].start()]) \
        and not re.fullmatch(r"\d{3}", numbers[1].group(0))  # ("2 300": thousands spaced apart)
    if ge_as_two:
        # "KH: 2 70%": an English-model OCR reads "≥" as "2"
        text = text[:numbers[0].start()] + "≥" + text[numbers[0].end():]
        numbers = numbers[1:]
    m = numbers[0] if numbers else None
    if not m:
        if unit and fold(unit) in ("thu bac", "thu hang"):
            return Target("rank", None, text)
        return Target("text", None, text)
    # "1.200 hộ" is a thousand and two hundred; "99.18%" a percentage (see numbers.py)
    is_pct = text[m.end():].lstrip().startswith("%") or (unit or "").strip() == "%"
    value = parse_number(m.group(0), percent=is_pct)
    if value is None:
        return Target("text", None, text)
    value, _ = apply_multiplier(value, text[m.end():])
    before = text[:m.start()]
    op = comparator(before, ocr)
    if op is None:
        after = fold(text[m.end():])
        if re.search(r"tro len|tro len|tr[oơ] l[eê]n", after):
            op = ">="
        elif re.search(r"tro xuong", after):
            op = "<="
        else:
            op = ">="
    return Target(op, tidy(value), text)


def parse_target_phrase(phrase: str, ocr: bool = False) -> Target | None:
    """A target written in prose: "KH có từ 70% trở lên", "KH trên 90%", "tối thiểu 80%"."""
    return parse_target(phrase, ocr=ocr)
