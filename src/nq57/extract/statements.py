"""Running text as statements: paragraphs joined over wrapped lines, bullets kept apart, then
clauses split on ';' and sentence ends. Used by the prose, results and outlook readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.extract.lines import Line
from nq57.extract.textutil import fold
from nq57.text.vietnamese import CAPITAL, SMALL

_BULLET = re.compile(r"^\s*(\S?\s?[-+*•~–—·]\s?|\d{1,2}[.)]\s|\(\d{1,2}\)\s|\d{1,2}(?:\.\d{1,2})+\.?\s|[" + SMALL + r"]\)\s)")
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.\s+[" + CAPITAL + r"][^.:;!?]*$")
HEADING = re.compile(r"^\s*(?:#+\s*)?(?:[IVXL]{1,4}|[IVX1l|]{1,4}\d?)\s*[.)]\s*\S|^\s*(?:#+\s*)?PH[ỤU] L[ỤU]C", re.I)


@dataclass
class Statement:
    text: str
    page: int
    line_start: int
    line_end: int
    bullet: bool


def is_heading(text: str) -> bool:
    """A section heading: "II. MỤC TIÊU", "I11. Phương hướng ..." (roman numeral, OCR-tolerant)."""
    t = text.strip().strip("*#").strip()
    if not t:
        return False
    if re.match(r"^(?:[IVXL]{1,4}|I[1l]{1,2}|[1l]I)\s*[.)/]\s*\S", t):
        return True
    return bool(re.match(r"^\|?\s*[.|]?\s*[IVXL]{1,4}\s*[.|]\s*[" + CAPITAL + r"]", t))


def _is_capital_heading(text: str) -> bool:
    """A roman-numbered heading written in capitals; OCR may lower a letter or two ("CHi ĐẠO")."""
    letters = [c for c in text if c.isalpha()]
    return is_heading(text) and len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def statements(lines: list[Line]) -> list[Statement]:
    """Join wrapped lines into paragraphs; a bullet, a heading or a blank line starts a new one."""
    out: list[Statement] = []
    cur: Statement | None = None
    held: Statement | None = None  # a statement closed by a ':' at its line end
    broken: Statement | None = None  # a statement cut by blank lines or a page number
    for line in lines:
        if line.cells is not None:
            cur = held = broken = None
            continue
        text = line.text.strip()
        if not text or re.fullmatch(r"\d{1,3}", text):
            if cur is not None:
                broken = cur
            cur = held = None
            continue
        starts = bool(_BULLET.match(text)) or is_heading(text)
        if broken is not None and not starts and re.match(r"[" + SMALL + r"]", text) \
                and not re.search(r"[.:;!?]$", broken.text):
            # a sentence that goes on in lower case after a page break ("… đã cấp trên căn" /
            # "" / "14" / "cước công dân …") is one paragraph
            cur = broken
        broken = None
        if held is not None and not starts and re.match(r"[\d" + SMALL + r"]", text) and len(held.text) > 60:
            # a long wrapped sentence whose line happened to end at a colon ("..., trong đó trả
            # kết quả trước hạn:" / "1.609 hồ sơ ...") goes on; a short "... như sau:" heading does not
            cur = held
        held = None
        if cur is not None and not starts and cur.line_start == cur.line_end and _is_capital_heading(cur.text):
            starts = True  # "II. TỒN TẠI, HẠN CHẾ" on its own line: the paragraph under it is not its text
        if cur is not None and not starts and _NUMBERED_HEADING.match(cur.text) and len(cur.text) < 80 \
                and cur.line_start == cur.line_end and re.match(r"[" + CAPITAL + r"]", text):
            starts = True  # "2. Dịch vụ công trực tuyến" / "Tổng số hồ sơ …": a heading, then its text
        if cur is None or starts or text.endswith(":") and len(text) < 40:
            cur = Statement(text, line.page, line.no, line.no, bool(_BULLET.match(text)))
            out.append(cur)
        else:
            joiner = "" if cur.text.endswith("-") and re.match(r"^[A-Z]", text) else " "
            cur.text = cur.text + joiner + text
            cur.line_end = line.no
        if text.endswith(":"):
            held, cur = cur, None
    return out


def clauses(text: str) -> list[str]:
    """Split on ';' and on sentence ends ('. ' before a capital), never inside a decimal."""
    parts = re.split(r";\s*(?=[\w\-+(\"“‘])|(?<=[^\d\s])\.\s+(?=[" + CAPITAL + r"\d])|(?<=\d)\.\s+(?=[" + CAPITAL + r"])", text)
    return [p.strip() for p in parts if p and p.strip()]


def folded_same_length(text: str) -> tuple[str, str]:
    """(text, folded) with equal lengths so positions found in one slice the other."""
    f = fold(text)
    if len(f) != len(text):
        return f, f
    return text, f


_OUTLOOK = re.compile(r"phuong huong|nhiem vu,? giai phap|nhiem vu trong tam|nhiem vu (nam|\d+ thang|thoi gian)"
                      r"|kien nghi|de xuat")


def is_outlook_heading(text: str) -> bool:
    """The start of a report's outlook part: "II. Phương hướng nhiệm vụ năm 2026:" (OCR-tolerant)."""
    from nq57.extract.textutil import has_keyword

    t = text.strip()
    if not (is_heading(t) or (len(t) < 90 and t.endswith(":"))):
        return False
    # only the heading's own words: a paragraph joined to it may speak of "nhiệm vụ cụ thể"
    if len(t) > 90:
        numeral = re.match(r"^\S{1,5}\s*", t)
        t = re.split(r"(?<=[^\d\s])[.:;]\s", t[numeral.end() if numeral else 0:], maxsplit=1)[0][:90]
    f = fold(t)
    return bool(_OUTLOOK.search(f)) or has_keyword(t, "phuong huong nhiem vu", 75)
