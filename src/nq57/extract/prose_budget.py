"""Budget lines written as a list in the text, where a plan has no budget table:

    Tổng kinh phí thực hiện Kế hoạch năm 2026 dự kiến 286 triệu đồng, gồm:
    - Tập huấn kỹ năng số cho người dân: 60 triệu đồng;
    - Tuyên truyền trên hệ thống loa truyền thanh: 18 triệu đồng;

Each item is a bullet of the part about funding ("kinh phí") whose words end with an amount in
money; the "Tổng kinh phí … N triệu đồng" sentence is the stated total the lines are checked
against.
"""

from __future__ import annotations

import re

from nq57.extract.items import Found, clean_name, parse_amount
from nq57.extract.lines import Line
from nq57.extract.model import BudgetLine
from nq57.extract.numbers import NUMBER
from nq57.extract.statements import is_heading, statements
from nq57.extract.textutil import clean, fold, sentence_case
from nq57.text.vietnamese import CAPITAL

_MONEY = r"(?P<unit>(?:tri[eệ]u|ngh[iì]n|t[ỷy])\s*đ[ồo]ng|đ[ồo]ng)"
_ITEM = re.compile(rf"^\s*[-+•*–]\s*(?P<item>\S.{{6,}}?)\s*[:;,]\s*(?:khoảng\s+|dự kiến\s+)?(?P<amount>{NUMBER})\s*{_MONEY}\s*[;.,]?\s*$",
                   re.I)
_TOTAL = re.compile(rf"t[oổ]ng\s+(?:nhu\s+c[aầ]u\s+)?kinh\s+ph[ií]\D{{0,80}}?(?P<amount>{NUMBER})\s*{_MONEY}", re.I)


def read_prose_budget(lines: list[Line]) -> tuple[list[Found], list[Found]]:
    """(items, stated totals) of the budget lists in the text."""
    items: list[Found] = []
    totals: list[Found] = []
    in_funding = False
    for st in statements(lines):
        folded = fold(st.text)
        if is_heading(st.text) or re.match(r"^\s*\d{1,2}\.\s", st.text):
            in_funding = "kinh phi" in folded
        elif "kinh phi" in folded and not st.bullet:
            in_funding = True
        total = _TOTAL.search(st.text)
        if total and not st.bullet:
            unit = clean(total.group("unit")).lower()
            totals.append(Found(BudgetLine(code=None, item=clean(st.text[:80]), amount=parse_amount(total.group("amount")),
                                           unit=unit), st.page, st.line_start, st.line_end, 0.5))
        # (a PDF may run the next paragraph on: "…: 52,5 triệu đồng. Các cơ quan được giao …")
        m = _ITEM.match(re.split(r"(?<=[đd][oồ]ng)[.;]\s+(?=[" + CAPITAL + r"])", st.text)[0])
        if not (in_funding and st.bullet and m):
            continue
        name = sentence_case(clean_name(m.group("item")))
        if len(name.split()) < 3:
            continue
        unit = clean(m.group("unit")).lower()
        item = BudgetLine(code=None, item=name, amount=parse_amount(m.group("amount")), unit=unit)
        items.append(Found(item, st.page, st.line_start, st.line_end, 0.5))
    return items, (totals if items else [])
