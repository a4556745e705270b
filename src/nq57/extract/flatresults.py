"""Rows of a report's results table flattened by OCR: "STT | Chỉ tiêu | Kế hoạch | Kết quả thực
hiện | Tỷ lệ (%) | Đánh giá".

Each row's first line holds the start of the indicator's name and then, after it, the row's
figures in column order: the plan's target, the result, the ratio to plan, then the verdict
("Đạt" / "Chưa đạt"). The name's other words wrap onto the lines below. An English-model OCR
reads "≥" as "2", "=" or a leading 2 glued to the figure ("275%" for ≥ 75%).
"""

from __future__ import annotations

import re

from nq57.extract.flatrows import ANCHOR, Row
from nq57.extract.items import Context, clean_name
from nq57.extract.model import Result, ResultTarget
from nq57.extract.numbers import parse_number, tidy
from nq57.extract.textutil import clean, fold, mostly_syllables
from nq57.extract.units import COUNT_UNITS, counted_unit
from nq57.text.vietnamese import CAPITAL, SMALL

# one figure cell: an optional comparator (OCR: "2 ", "="), a number, a unit word or a percent sign
# (a unit word begins with a letter and spaces are read in one place only: the pattern's repeats
# must not split one run of figures and spaces in many ways, or a long row takes seconds)
_FIGURE = (r"(?:[<>≥≤=]\s*|\b2\s+)?(?<![^\W\d_])\d[\d.,]*(?:\s*/\s*\d[\d.,]*)?"
           r"(?:\s*%|\s*[" + SMALL + r"][" + SMALL + r"0-9]*(?:\s[" + SMALL + r"][" + SMALL + r"0-9]*){0,2})?")
# "Đạt", "Chưa đạt", "Không đạt", "Vượt" (OCR: "Vugt", "Khong"), "Đánh giá khi có số liệu …"
# ("chưa" as an English-model OCR reads it: "chua", "chwa", "chu", "chu'a", "chute")
_CHUA = r"ch(?:\w{0,2}['’]?a|u\w{0,2})"
_NOT = r"(?:" + _CHUA + r"|kh\w{0,2}ng)\s*"  # "Chưa" / "Không" before "đạt"
_PASSED = r"d\w{0,2}t"
_EXCEEDED = r"v\w{1,2}[gọo]?t"
_NO = r"kh\w{0,2}ng"
# judged later: "Đánh giá khi …", "Chưa đánh" over "giá" (the cell wrapped), "Đang thực | hiện"
_DEFERRED = r"d\w{0,2}nh\s*gi\w{0,2}|ch\w{0,2}a\s*d\w{0,2}nh|d\w{0,2}ng\s*(?:th\w{1,3}c|tri\w{1,3}n)"
_VERDICT = rf"(?:{_NOT})?{_PASSED}|{_EXCEEDED}|{_NO}|{_DEFERRED}"
# the same with its parts caught: (not) passed, exceeded, no, deferred, a cut "| Đa"
_VERDICT_PARTS = re.compile(rf"\b(?:({_NOT})?{_PASSED}|({_EXCEEDED})|({_NO})|({_DEFERRED})|\|\s*(d[aạ])\s*$)\b")
# the words of a verdict cell wrapped after its first ("Vượt kế | hoạch", "Chưa đạt, do | …")
_VERDICT_WORDS = r"(?:[,\s]+[^\W\d_]{1,6}){0,3}"
# the figures and the verdict that end a row's first line, after the name's words; a verdict
# cut to its first letters by the scan ("| Đa") ends it too
_TRAILING = re.compile(rf"(?:(?:\s*[|\[\]]{{1,2}})?\s*(?:{_FIGURE}|(?:{_VERDICT})\b{_VERDICT_WORDS}|\|\s*[ĐDđd][aạ]\b))+\s*[|\]]{{0,2}}\s*$",
                       re.I)
_NUMBER_IN = re.compile(r"([<>≥≤=]\s*|\b2\s+)?(\d[\d.,]*)\s*(%?)")
_FRACTION = re.compile(r"(\d[\d.,]*)\s*/\s*(\d[\d.,]*)")
_SHARE = re.compile(r"\(\s*(\d[\d.,]*)\s*%\s*\)")


# figures, a verdict, then words of a note: where the note begins
NOTE_AFTER_VERDICT = re.compile(rf"\d[\d.,]*\]?\s*\|?\s*(?:{_VERDICT})\b(?:\s+[^\W\d_]{{1,6}})?\s*\|?\s*(?P<note>[^\W\d_]\w+.*)$",
                                 re.I)


def _figures(tail: str) -> list[tuple[str, float, str]]:
    """(comparator, value, text) of each figure cell in a line's tail."""
    out = []
    for m in _NUMBER_IN.finditer(_FRACTION.sub(lambda f: f" {f.group(1)}_{f.group(2)} ", tail)):
        if m.group(2).endswith("_") or m.end() < len(tail) and tail[m.end():m.end() + 1] == "_":
            continue
        value = parse_number(m.group(2), percent=bool(m.group(3)))
        if value is None:
            continue
        sign = (m.group(1) or "").strip()
        if not sign and m.group(3) and 200 < value < 300 and not out:
            sign, value = "≥", value - 200  # "275%": the target's "≥" read as a 2
        out.append((sign, float(value), m.group(0).strip()))
    return out


def _counts_with_ratio(figures: list[tuple[str, float, str]], percent: bool) -> list[tuple[str, float, str]]:
    """Two figures of a row where three columns were (plan, result, ratio to plan), the scan
    having lost one: in a count row a ratio is what has decimals ("12 … 91,7": 11 done of 12;
    "34 113,3": 34 done of 30); in a share's row, what exceeds 100 ("93,8 104,2": 93,8% done of
    90%). The lost cell is worked out from the other two."""
    (sign, first, text), (_, second, second_text) = figures
    if percent:
        if second <= 100 or first > 100:
            return figures
        plan = round(first * 100 / second, 1)
        return [("", plan, f"{tidy(plan)}"), ("", first, text)]
    if not re.search(r"\d[.,]\d{1,2}\s*%?$", second_text) or second < 20:
        return figures
    # the lost cell is the reading that gives a whole count ("41 102,5": 41 done of 40, not 42,03 of 41)
    done, plan = first * second / 100, first * 100 / second
    done_error, plan_error = abs(done - round(done)), abs(plan - round(plan))
    if min(done_error, plan_error) >= 0.05:
        return figures
    if done_error <= plan_error:
        return [(sign, first, text), ("", float(round(done)), str(round(done)))]
    return [("", float(round(plan)), str(round(plan))), ("", first, text)]


def _roundness(value: float) -> int:
    """How round a plan's figure is (plans are: 1.200, 50, 95; results seldom are)."""
    if value != int(value):
        return 0
    n = int(value)
    return next((k for k in (4, 3, 2, 1) if n % (10 ** k) == 0 and n), 0) * 2 + (n % 5 == 0)


def _with_ratio_column(figures: list[tuple[str, float, str]], percent: bool) -> list[tuple[str, float, str]]:
    """Two figures of a row of a table whose last column is the ratio to plan ("Kế hoạch |
    Thực hiện | So với KH (%)"), one cell lost: the second is the ratio, the first the plan or the
    result, whichever reading gives back that ratio with the rounder plan ("1.200 87,2": 1.046
    done of 1.200; "38,5 77,0": 38,5% done of 50%)."""
    (sign, first, text), (_, ratio, _) = figures
    if not ratio or ratio > 1000:
        return figures
    digits = 1 if percent or first != int(first) else 0  # a share to one decimal, a count whole
    readings = []
    for plan, done in ((first, first * ratio / 100), (first * 100 / ratio, first)):
        plan, done = float(round(plan, digits)), float(round(done, digits))
        if plan and abs(round(done / plan * 100, 1) - ratio) <= 0.051 and not (percent and plan > 100):
            readings.append((_roundness(plan), plan, done))
    if not readings:
        return figures
    _, plan, done = max(readings, key=lambda r: r[0])
    return [(sign if plan == first else "", plan, text if plan == first else f"{tidy(plan)}"),
            ("", done, f"{tidy(done)}")]


# what a results table's unit column holds besides the counted things' names
UNIT_COLUMN_WORDS = {"cai", "bo", "chiec", "luot", "km", "ha", "tan", "dong"}


def result_row(row: Row, ctx: Context, unit_hint: str | None = None, cumulative: bool = False,
               judged: bool = True, ratio_column: bool = False) -> Result | None:
    """A result from a flattened row, or None when its first line holds no figure. `cumulative`:
    the table sets the year's plan beside this period's figure and the figure so far ("Kế hoạch
    năm | Trong tháng | Lũy kế"); the figure so far is the result, and no verdict is worked out
    from it before the year ends."""
    first = row.lines[row.anchor] if row.anchor < len(row.lines) else row.lines[0]
    number = ANCHOR.match(first.source)
    begin = number.end() if number else 0
    # "100" read as "too" between the cell rules (the same length: positions hold)
    source = re.sub(r"(?<=[\s|\[])(?:too|loo|lOO|1OO|l00|1o0)(?=[\s|\]])", "100", first.source)
    end = len(source)
    noted = NOTE_AFTER_VERDICT.search(source, begin)
    if noted:
        end = noted.start("note")  # a "Ghi chú" cell after the verdict ("Chưa đạt | Còn 51 hồ sơ trễ hạn")
    tail = _TRAILING.search(source, begin, end)
    garbled_verdict = re.search(r"(?<=[\d%])\s*\|?\s*[^\W\d_]{1,4}\s*[\])|]?\s*$", source[:end]) if tail is None else None
    if garbled_verdict:
        # "[100% | 100% | Bae]": the verdict cell the scan garbled after the figures
        end = garbled_verdict.start()
        tail = _TRAILING.search(source, begin, end)
    if tail is not None:
        level = re.search(r"\b(?:m\w{0,2}c(?:\s+đ\w?|\s+d\w?)?|c[aấ]p|lo[aạ]i|nh[oó]m|h[aạ]ng)\s*$", source[:tail.start()], re.I) \
            and re.match(r"\s*\d\b(?!\s*[.,]\d)", tail.group(0))
        if level:
            # "… định danh mức 2 % 85": the level is the name's, the figures come after it
            tail = _TRAILING.search(source, tail.start() + re.match(r"\s*\d", tail.group(0)).end(), end)
        elif re.search(r"\bn[aăâi]m\s*$", source[:tail.start()], re.I) and (year := re.match(r"\s*20\d\d\b(?![.,]\d)", tail.group(0))):
            # "Chỉ số chuyển đổi số (DTI) năm 2025 0,70 0,74": the year is the name's
            tail = _TRAILING.search(source, tail.start() + year.end(), end)
    if tail is None or not re.search(r"\d", tail.group(0)):
        return None
    if re.fullmatch(r"\D*\b\d{1,2}/20\d\d\W*", tail.group(0)):
        return None  # "… dự kiến hoàn thành trong tháng 12/2026": a date, no figure
    figures = _figures(tail.group(0))
    if not figures:
        return None
    # a word the trailing run took for a verdict before the figures is the name's ("lắp đặt 20 6 9")
    start = tail.start()
    first_figure = re.search(r"(?<![^\W\d_])[<>≥≤=]?\s?\d", source[start:])
    before = source[start:start + first_figure.start()] if first_figure else ""
    if re.search(r"[^\W\d_]{2,}", before) and "%" not in before:
        start += first_figure.start()
    # the unit column ("%", "HTX") between the name and the figures is no part of the name
    piece = re.sub(r"\s+[\[|]?\s*(?:%|[A-ZĐ]{2,5})\s*[\]|]*\s*$", "", first.repaired_span(begin, start))
    unit_cell = re.search(r"\s*\|\s*([^\W\d_]+(?:\s[^\W\d_]+)?)\s*\|?\s*$", piece)
    if unit_cell and fold(unit_cell.group(1)) in COUNT_UNITS:
        piece = piece[:unit_cell.start()]  # "… kết nối | camera": the unit column's cell
    unit_word = re.search(r"\s+([A-ZĐ][^\W\d_]*\s[^\W\d_]+)\s*$", piece)  # ("… kích hoạt mới Tài khoản")
    if not (unit_word and fold(unit_word.group(1)) in COUNT_UNITS):
        unit_word = re.search(r"\s+([" + CAPITAL + r"][^\W\d_]*)\s*$", piece)
    column_unit = None
    if unit_word and (fold(unit_word.group(1)) in COUNT_UNITS or fold(unit_word.group(1)) in UNIT_COLUMN_WORDS):
        piece = piece[:unit_word.start()]  # "… miễn phí Điểm 12 15": the unit column's word, capitalised
        column_unit = unit_word.group(1).lower()
    piece = _without_unit_cell(piece)
    pieces = [piece]
    for line in row.lines[row.anchor + 1:]:
        if _PART_HEADING.match(line.source) or sum(len(p.split()) for p in pieces) > 40:
            break  # the text below the table ("2. Kết quả trên các lĩnh vực", a paragraph)
        if not mostly_syllables(line.text):
            continue  # the scan's specks of a row it lost below ("Ty Woe inh cba oe ee ow")
        rest = _SHARE.sub(" ", line.source)  # "(91,76%)" under a fraction: the share, not words
        more = _TRAILING.search(rest)
        if more and not re.search(r"\d", more.group(0)) and re.match(r"\W*kh\w{0,2}ng\s+(?!d\w{0,2}t\b)\w", fold(more.group(0))):
            more = None  # "… toán | không dùng tiền mặt": the name's words, no "Không" verdict
        piece = line.repaired_span(0, more.start()) if more else _SHARE.sub(" ", line.text)  # (the repaired words)
        if re.search(r"\bk\w{0,2}\s*$", fold(tail.group(0))):
            piece = re.sub(r"\s*\bho[aạ]ch\s*$", "", piece)  # "Vượt kế | hoạch": the verdict's last word
        if re.search(r"[^\W\d_]{2,}", _SHARE.sub(" ", piece)):
            pieces.append(_SHARE.sub(" ", piece))
    # the unit column's "%" between the name's words is no part of it
    name = clean_name(re.sub(r"\s%(?=\s)", "", clean(" ".join(p for p in pieces if p))).strip(" |"))
    name = re.sub(r"^(?:[^\w“\"(]|_)+", "", name)  # the cell's rule or a speck before it ("[Tỷ lệ …")
    # "SỐ camera …": a first word the scan read in capitals, not an abbreviation (it has marks)
    name = re.sub(r"^([" + CAPITAL + r"])([" + CAPITAL + r"]{1,3})(?= [" + SMALL + r"])",
                  lambda m: m.group(1) + m.group(2).lower() if not m.group(0).isascii() else m.group(0), name)
    if len(name.split()) < 3:
        return None
    row_text = " ".join(ln.source for ln in row.lines)
    # the verdict stands after the figures: a "đặt" before them is the name's ("lắp đặt mới")
    after_figures = fold(tail.group(0))[re.search(r"\d", tail.group(0)).start():]
    verdict = _VERDICT_PARTS.search(after_figures)
    percent = "%" in tail.group(0) or fold(name).startswith(("ty le", "ti le"))
    if percent and not figures[0][0] and (200 < figures[0][1] < 300 or figures[0][1] == 2100) \
            and len(figures) > 1 and figures[1][1] <= 100:
        # "% 270 78,4": the plan's "≥ 70" read with a 2, the result beside it
        figures[0] = ("≥", figures[0][1] - (2000 if figures[0][1] == 2100 else 200), figures[0][2])
    if percent and len(figures) == 2 and verdict and (verdict.group(1) or verdict.group(3)) \
            and _lost_comma(figures[1]) and figures[1][1] / 10 < figures[0][1]:
        # "75 714 Chưa đạt": a share below its plan whose decimal comma the scan lost (71,4), no
        # ratio to plan (a ratio above 100 would be "đạt")
        figures[1] = (figures[1][0], figures[1][1] / 10, figures[1][2])
    if len(figures) == 2 and not _FRACTION.search(tail.group(0)):
        figures = _with_ratio_column(figures, percent) if ratio_column else _counts_with_ratio(figures, percent)
    sign, planned, planned_text = figures[0]
    actual = figures[1][1] if len(figures) > 1 else None
    if cumulative and len(figures) >= 3:
        actual = figures[-1][1]
        if fold(name).startswith(("ty le", "ti le")) and _lost_comma(figures[-1]):
            actual = actual / 10  # "… | 100 | 987": a share so far whose decimal comma the scan lost
    if len(figures) >= 4 and planned:
        # "KH năm | TH quý | Lũy kế | % KH": the result is the figure the ratio is taken of
        for _, value, _ in figures[2:-1]:
            if abs(value / planned * 100 - figures[-1][1]) < 0.15:
                actual = value
    numerator = denominator = None
    fraction = _FRACTION.search(tail.group(0))
    if fraction:
        # "1.520/1.600 hồ sơ (95%)": the count reached out of the total, the share in brackets
        numerator, denominator = parse_number(fraction.group(1)), parse_number(fraction.group(2))
        if numerator is not None and denominator and denominator >= 1000 > numerator \
                and re.fullmatch(r"\d{1,3}[.,]\d{3}", fraction.group(1)):
            numerator = parse_number(re.sub(r"[.,]", "", fraction.group(1)))  # "1,520/1.600": one style, thousands
        share = _SHARE.search(row_text)
        if percent and share:
            actual = parse_number(share.group(1), percent=True)
        elif percent and numerator is not None and denominator:
            actual = round(100 * numerator / denominator, 2)
        else:
            actual = numerator
    target = ResultTarget(op=">" if sign == ">" else ">=", value=tidy(planned),
                          text=planned_text.replace("2 ", "≥ ", 1) if sign == "2" else planned_text)
    status = None
    if verdict and verdict.group(4):
        status = "not_evaluated"  # "Đánh giá khi có số liệu cả năm"
    elif verdict:
        status = "not_achieved" if verdict.group(1) or verdict.group(3) else "achieved"
        if status == "not_achieved" and len(figures) == 2 and not fraction and actual is not None \
                and actual >= planned:
            # two figures where three columns were (plan, result, ratio): a result above its
            # plan would be "đạt", so the plan's cell is the one the scan lost; the ratio
            # below 100 gives it back ("88,2 98,0": 88,2 of a plan of 90)
            lost_plan = round(planned * 100 / actual, 1) if 0 < actual < 100 else None
            target = None if lost_plan is None else ResultTarget(op=">=", value=tidy(lost_plan), text=None)
            actual = planned
    elif actual is not None and not cumulative and judged:
        # the verdict cell the scan lost: the report's rule, result against plan
        status = "achieved" if actual >= planned else "not_achieved"
    if len(figures) == 1 and not fraction and not (verdict and verdict.group(4)):
        # one figure where plan and result stood: what a report's row reports is its result (a
        # verdict is given on one), so the plan's cell is the one the scan lost; only a row put
        # off to "đánh giá khi có số liệu" has its plan alone
        actual, target = planned, None
    unit = "%" if percent else unit_hint or counted_unit(name) or column_unit
    return Result(name=name, unit=unit, actual=tidy(actual) if actual is not None else None,
                  numerator=tidy(numerator) if numerator is not None else None,
                  denominator=tidy(denominator) if denominator is not None else None,
                  target=target, status=status, as_of=ctx.as_of)


def _lost_comma(figure: tuple[str, float, str]) -> bool:
    """A share above 100 read as three bare digits ("714"): its decimal comma was lost (71,4)."""
    return figure[1] > 100 and re.fullmatch(r"\d{3}", figure[2].strip()) is not None


# a heading of the document's next part: "2. Kết quả …", "b) Kinh tế số: …", "II. NHIỆM VỤ …"
_PART_HEADING = re.compile(r"^\s*(?:\d{1,2}\.|[a-eđ]\)|[IVX]{1,4}\.)\s+[" + CAPITAL + r"]")


def _without_unit_cell(piece: str) -> str:
    """A count's first line without the unit column's cell that ends it: "Số giao dịch thanh toán
    không dùng giao dịch" (over "tiền mặt …") names what it counts first, so the same word at
    the line's end is the unit column's, not the name's."""
    counted = counted_unit(piece)
    if not counted:
        return piece
    words = piece.rstrip(" |").split()
    counted_words = fold(counted).split()
    for size in range(len(counted_words), 0, -1):
        # the column may write the shorter unit: "lượt" for "Số lượt người …"
        unit = " ".join(counted_words[:size])
        if unit in COUNT_UNITS and len(words) > len(counted_words) + 2 and fold(" ".join(words[-size:])) == unit:
            return " ".join(words[:-size])
    return piece


def _tail_figures(source: str) -> list[tuple[float, str]]:
    """The figures that end a line, over the OCR's specks between them ("412 «| —=«3.968 |"):
    from the end back to the last word of two letters."""
    tokens = source.split()
    tail: list[str] = []
    for token in reversed(tokens):
        if re.search(r"[^\W\d_]{2,}", token):
            break
        tail.append(token)
    out = []
    for m in re.finditer(r"\d[\d.,]*\d|\d", " ".join(reversed(tail))):
        text = m.group(0)
        # a count is whole: "1,127" and "4,712" are the OCR's thousands, not decimals
        value = parse_number(re.sub(r"[.,]", "", text)) if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text) \
            else parse_number(text)
        if value is not None:
            out.append((float(value), text))
    return out


def period_results(row: Row, ctx: Context, periods: list[str]) -> list[Result]:
    """The figures of a row of a "Trong tháng | Lũy kế" table, one result per column, named
    after the row and its column; a row that kept fewer figures than columns says nothing of
    which one it lost, and gives none."""
    read = result_row(row, ctx)
    if read is None:
        return []
    first = row.lines[row.anchor] if row.anchor < len(row.lines) else row.lines[0]
    figures = _tail_figures(first.source)
    if len(figures) != len(periods):
        return []
    # the figures' specks and the unit column's word before them ("… tiếp nhận | hồ sơ | 412 «")
    name = re.sub(r"(?:\s*\|\s*[^|\d]{1,14})?[\s\d.,«»—=|\[\]_-]*$", "", read.name).strip(" |")
    name = re.sub(r"^[^\w“\"(]+", "", name)
    percent = fold(name).startswith(("ty le", "ti le")) or "%" in first.source
    unit = "%" if percent else counted_unit(name) or read.unit
    return [Result(name=f"{name} {period}", unit=unit, actual=tidy(value), as_of=ctx.as_of)
            for (value, _), period in zip(figures, periods, strict=True)]
