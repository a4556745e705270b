"""Rows of OCR-flattened tables: find a table's header lines, then cut its lines into rows.

See `flattened` for the whole method. A header is two or three short lines naming at least
three columns; a row starts at a line that begins with its number, and the lines between two
numbered lines are split where a line begins with a capital letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from nq57.extract.lines import Line
from nq57.extract.orgs import head_positions
from nq57.extract.textutil import fold, mostly_syllables, words
from nq57.text.vietnamese import CAPITAL, SMALL

# Each column word as an English-model OCR reads it too (the forms and how often it gives them
# are in text/repair/data/ocr_pairs.tsv.gz): "cht tri", "ndi dung", "thdi han", "tién d6", "dy todn".
_KEYS = {
    "name": r"chitieu|chitea|nhi\w{1,2}mv[uy]|n[o0-9de]idung|tennhiem|hangmuc|^\W*\w?\W*chiso",
    "stt": r"^stt(?!dung)|^tt$",  # (and "stt" as a word of its own: `_keys`; not "sttc", "sức" read badly)
    "unit": r"donvitin[hk]|dvt|donvido|tinh$",
    "lead": r"ch[a-z]{0,2}tri|ch[ua]ti(?!eu|ch)|theod[a-z0-9]{0,2}i(?![a-z])|theod[oe0]i|danhgia|coquan",
    "support": r"phoihop|ph[od0]i\W*$|coquanph(?!u)|ph[a-z0-9]{1,3}h[a-z0-9]{0,2}p",  # (not "cơ quan phường")
    "deadline": r"th\w{0,3}gian|th[oe0da][i1l]?han|ho[a-z0-9]{1,2}nthanh|tiend[o0-9e]|tinhtrang",  # "Tình trạng": progress
    "amount": r"kinhphi|d[uy]to[a-z0-9]n|trieud[a-z0-9]{1,2}ng|tongkinh|thanhtien|dongia|ngansach|xahoihoa",
    "result": r"k[a-z0-9]{1,2}tqu|hienden|l\w{0,2}yke|l\w{0,3}ke(?=\d|tu|tir|den|dau|nam|thang|quy|$)"  # "Lũy kế" ("Li ké")
              r"|sov[oe0]\w?ikh",  # "So với KH (%)": how far the result got against the plan
    "period": r"trongthang|trongquy|trongky",  # "Trong tháng 10/2026": this period's figure
    "plan": r"hoach",  # "Kế hoạch năm 2026", its column cut over two lines
    "director": r"chidao|phancong",
}


# (the cell's rules after the number may read "-[": "[13-[ Tỷ lệ …"; no row is numbered "4.0", a
# name's "chợ 4.0" that wrapped)
ANCHOR = re.compile(r"^[^\w\"“”]{0,4}?(\d{1,3}(?:\.(?!0\b)\d{1,2})?|\d[oO]|[IVX]{1,4}|[IVXl1]{2,4}|vV|[>])(?:_|-\[)?\s*[|.)]?\s+(?=\S)")


ROMAN = re.compile(r"^(?=.*[IVXlv])([IVX]{1,4}|[IVXl1]{2,4}|vV)$")


@dataclass
class Region:
    kind: str
    start: int
    end: int
    years: list[int] = field(default_factory=list)
    plan_after_result: bool = False  # "Năm 2025 (thực hiện) | Năm 2026 (kế hoạch)": the last figure
    # "Trong tháng 10/2026 | Lũy kế từ đầu năm": a report's figure per column, named by its column
    periods: list[str] = field(default_factory=list)
    # "Kế hoạch năm | Trong tháng | Lũy kế": the year's plan against the figure so far, its last
    cumulative: bool = False
    # a results table with a verdict column ("Đánh giá"): a row whose verdict the scan lost is
    # judged by its figures; one with none ("… | Thực hiện | So với KH (%)") says no verdict
    judged: bool = True
    ratio_column: bool = False  # its last column is the ratio to plan ("So với KH (%)")


@dataclass
class Row:
    lines: list[Line]
    anchor: int  # index in `lines` of the numbered line
    code: str | None
    partial: bool = False  # the row's first line, with its number, was lost to the scan


# "đơn vị đo" is matched on words: run together, "don vi don vi" would read "donvido"
# ("T tính năm 2026": the second line of a header whose "Đơn vị | tính" and "STT" a narrow column cut)
_UNIT_KEY = re.compile(r"\bdon ?vi ?(?:tin[hk]|do)\b|\bdvt\b|tinh$|^t tinh\b")


def _keys(text: str) -> set[str]:
    spaced = words(text)
    compact = spaced.replace(" ", "")
    found = {k for k, pat in _KEYS.items() if (_UNIT_KEY.search(spaced) if k == "unit" else re.search(pat, compact))}
    if re.search(r"(?:^|\s)stt(?:\s(?!dung\b)|$)", spaced):
        found.add("stt")  # (not "stt dụng", "sử dụng" read badly)
    if spaced.split()[:1] in (["st"], ["stl"], ["st1"], ["sti"], ["ss"], ["sr"]) or (spaced.split()[:1] in (["tt"], ["t"]) and len(found) >= 3):
        found.add("stt")  # "STT" cut by a narrow column: "ST" / "T"
    return found


def header_keys(text: str) -> set[str]:
    """The columns a header line names ("name", "lead", "deadline", …)."""
    return _keys(text)


# a part of the document in capitals under a roman numeral ("Vv. TO CHUC THUC HIEN")
# (a lone "V" the scan read in small letters, "v. TO CHỨC THỰC HIỆN", too)
_SECTION_HEADING = re.compile(r"^\W{0,2}(?:(?=[IVXLlv1]*[IVXv])[IVXLlv1]{1,4}|[1Il]{2,3})\s*[.)]\s+(?:[" + CAPITAL + r"][" + CAPITAL + r"i]+[,]?\s+){1,}[" + CAPITAL + r"][" + CAPITAL + r"i]+\s*$")


# the second line of a header whose "STT" the narrow column cut ("T tính lượng (đồng)")
_HEADER_TAIL = re.compile(r"^\s*T\s+[^\d]{0,40}$")


def _year_columns(window: list[Line]) -> list[int]:
    """The years of a header's year columns, where OCR misread some ("[2026 [2007 [2008 [2029
    [2000": 2026 … 2030): a run of three or more four-digit 20xx figures on one line, the years
    it reads right fixing the first year and the step."""
    for line in window:
        tokens = [int(t) for t in re.findall(r"(?<!\d)(20\d\d)(?!\d)", line.source)]
        if len(tokens) < 3:
            continue
        valid = [(k, y) for k, y in enumerate(tokens) if 2020 <= y <= 2069]
        if len(valid) < 2:
            continue
        (k0, y0), (k1, y1) = valid[0], valid[-1]
        step = (y1 - y0) // (k1 - k0) if k1 != k0 else 0
        if step <= 0 or any(y != y0 + (k - k0) * step for k, y in valid):
            continue
        return [y0 + (k - k0) * step for k in range(len(tokens))]
    return []


def _period_columns(keys: set[str], header: str) -> list[str]:
    """The names of a report table's two figure columns, "this period" and "so far", as the
    header gives them ("Trong tháng 10/2026 | Lũy kế từ đầu năm"); [] for another table."""
    if not {"period", "result"} <= keys:
        return []
    compact = words(header).replace(" ", "")
    this = next((f"trong {w}" for k, w in (("trongthang", "tháng"), ("trongquy", "quý"), ("trongky", "kỳ"))
                 if k in compact), "trong kỳ")
    month = re.search(r"\b(\d{1,2}/20\d\d)\b", header)
    if month and this == "trong tháng":
        this = f"{this} {month.group(1)}"
    so_far = "lũy kế từ đầu năm" if re.search(r"dau\s*nam|\bt\w{0,2}\s*dau\b", words(header)) else "lũy kế"
    return [this, so_far]


# a numbered row of a table: its number, then a name of five words or more
_DATA_ROW = re.compile(r"^\W{0,2}\d{1,2}\W{0,2}\s+[" + CAPITAL + r"]\S*(?:\s+\S+){4,}")


def find_regions(lines: list[Line]) -> list[Region]:
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells is not None or not line.text or len(line.source) > 170:
            i += 1
            continue
        # the header's lines, over blank lines a scan puts between them
        window = [ln for ln in lines[i:i + 6] if ln.cells is None and len(ln.source) <= 170 and ln.source.strip()][:3]
        # (the table's first row is no header: "1 Nâng cấp phòng họp …" names no "phối hợp" column)
        rows_at = [k for k, ln in enumerate(window) if k and _DATA_ROW.match(ln.source)]
        window = window[:rows_at[0]] if rows_at else window
        keys = set().union(*(_keys(ln.source) for ln in window)) if window else set()
        years = sorted({int(y) for ln in window for y in re.findall(r"\b(20[2-6]\d)\b", ln.source)})
        years = _year_columns(window) or years
        if len(years) >= 3:
            keys.add("years")
        # (not "thị" of "Đô thị", nor "hạn" of "quá hạn" in a row: "thời" read as a word of its own)
        spread = " ".join(words(ln.source) for ln in window[:2] if not ANCHOR.match(ln.source))
        if "deadline" not in keys and re.search(r"\bth[oe0d][oe]?i\b", spread) and re.search(r"\b(?:han|gian)\b", spread):
            keys.add("deadline")  # "Thời | hạn" cut over the header's two lines by a narrow column
        own = _keys(line.source) - {"plan"}  # ("kế hoạch" alone opens no table)
        # "Chỉ tiêu | Đơn vị | 2026 | 2027 | 2030 | Đơn vị theo dõi": a header that names its years
        # (not a sentence's date: "… 11 chỉ tiêu năm 2026; đến ngày 20/6/2026 có")
        opener = "stt" in own or len(own) >= 4 or (
            "name" in own and len(re.findall(r"(?<![/\d])20[2-6]\d\b", line.source)) >= 2 and len(keys) >= 3) or (
            # a ruled header whose "STT" the scan garbled ("FF. Chỉ tiêu ĐVT | Kế hoạch | Thực hiện")
            own >= {"name", "unit"} and line.source.count("|") >= 2)
        if regions and regions[-1].end == -1:
            opener = "stt" in own or len(own) >= 4
        if re.match(r"^\s*[-+*•]", line.source):
            opener = False
        if len(line.source.split()) > 14 and line.source.count("|") < 2 and re.search(r"[" + SMALL + r"]{2,}[,.]\s", line.text):
            opener = False  # a sentence that names the columns ("… đơn vị chủ trì, đơn vị phối hợp và thời hạn …")
        if opener and ("name" in keys or "stt" in keys) and len(keys) >= 3:
            # a unit-of-measure or "chỉ tiêu" column and no deadline: indicators, even with a
            # "phối hợp" column
            compact = "".join(words(ln.source).replace(" ", "") for ln in window)
            indicator_header = "unit" in keys or ("chitieu" in compact and not re.search(r"nhiemvu|tennhiem", compact))
            tasks = bool(keys & {"support", "deadline"}) and not (indicator_header and "deadline" not in keys)
            if not indicator_header and re.search(r"nhiemvu|tennhiem|noidungcongviec", compact) and keys & {"lead", "result"}:
                tasks = True  # "Nhiệm vụ | Đơn vị thực hiện | Kết quả thực hiện": the deadline column lost
            kind = "tasks" if tasks else (
                "budget" if "amount" in keys and "lead" not in keys else "indicators")
            if kind == "indicators" and ("result" in keys or re.search(r"th[uy]c?hien|sosanh|hienden", compact)) \
                    and re.search(r"kehoach|chitieu", compact) and re.search(r"ketqua|danhgia|tyle|sosanh|sov[oe0]\w?ikh|hienden|l\w{0,2}yke", compact) \
                    and not re.search(r"chutri|coquan|donvi(?:thuchien|theodoi|phutrach|danhgia)", compact):
                # ("Đơn vị | tính" cut over the header's lines is the unit column, no lead)
                kind = "results"  # a report's "Kế hoạch | Kết quả thực hiện | Đánh giá" table
            periods = _period_columns(keys, " ".join(ln.source for ln in window)) \
                if kind == "indicators" and not keys & {"lead", "support", "deadline", "amount", "years"} else []
            if periods:
                kind = "results"
            cumulative = kind == "results" and not periods and "period" in keys \
                and re.search(r"l\w{0,3}yke|l\w{0,3}ke(?:tu|tir|dau)", compact) is not None
            header_end = i + 1
            while header_end < min(i + 3, len(lines)) and not ANCHOR.match(lines[header_end].source) and (
                    _keys(lines[header_end].source) or _HEADER_TAIL.match(lines[header_end].source)) \
                    and not re.search(r"(?<!\d)(?!20\d\d\b)\d", lines[header_end].source):  # a row's figures
                header_end += 1
            if regions and regions[-1].kind == kind and regions[-1].end >= i - 60 and kind != "budget" \
                    and regions[-1].end == -1:
                i = header_end
                continue
            if regions and regions[-1].end == -1:
                regions[-1].end = i
            header_words = words(" ".join(ln.source for ln in lines[i:header_end + 3]))
            if len(years) == 2 and re.search(r"\bth[uy]\w{0,2}c\b", header_words) and re.search(r"\bhien\b", header_words) \
                    and re.search(r"\bhoach\b", header_words):
                # "Năm 2025 (thực hiện) | Năm 2026 (kế hoạch)": last year's result beside this
                # year's target, one target per row
                years = []
                after_result = True
            else:
                after_result = False
            ratio_column = kind == "results" and re.search(r"sov[oe0]\w?ikh", compact) is not None
            judged = not ratio_column or bool(re.search(r"danhgia", compact))
            regions.append(Region(kind, header_end, -1, years if len(years) >= 2 else [], after_result, periods, cumulative,
                                  judged, ratio_column))
            i = header_end
            continue
        if regions and regions[-1].end == -1 and re.match(r"^\W*(ph[uụ] l[uụ]c|noi nh|n[oơ]i nh)", fold(line.text)):
            # a new appendix ends the table unless it repeats the same header just below
            regions[-1].end = i
        elif regions and regions[-1].end == -1 and _SECTION_HEADING.match(line.source):
            regions[-1].end = i  # "V. TỔ CHỨC THỰC HIỆN": the document's next part
        i += 1
    if regions and regions[-1].end == -1:
        regions[-1].end = len(lines)
    # (a title that names targets tells its table's kind before rows that look like tasks can;
    # where rows look like tasks, their own bounds beat a task appendix's title)
    regions = sorted(regions + [r for r in _titled_appendices(lines, regions) if r.kind != "tasks"],
                     key=lambda r: r.start)
    regions = sorted(regions + _headless_task_tables(lines, regions), key=lambda r: r.start)
    regions = sorted(regions + [r for r in _titled_appendices(lines, regions) if r.kind == "tasks"],
                     key=lambda r: r.start)
    regions = sorted(regions + _headless_budget_tables(lines, regions), key=lambda r: r.start)
    regions = sorted(regions + _announced_tables(lines, regions), key=lambda r: r.start)
    return _merge_repeated(regions, lines)


# "Các chỉ tiêu chủ yếu … được xác định tại bảng sau:" (folded): a table of targets follows
_TABLE_ANNOUNCED = re.compile(r"\b(?:tai|theo|o|nhu)\s+(?:bang|bieu)\s+(?:sau|duoi day)\s*:?\s*$")


def _announced_tables(lines: list[Line], regions: list[Region]) -> list[Region]:
    """A table of targets or tasks the text announces ("… chỉ tiêu … tại bảng sau:", "… giao 10
    nhiệm vụ …, chi tiết tại bảng sau:") whose header the scan turned to specks: its body runs from
    below the sentence to the document's next part. The kind is the one the sentence names last."""
    inside = {i for r in regions for i in range(max(0, r.start - 8), r.end)}  # (with its header above)
    out: list[Region] = []
    for i, line in enumerate(lines):
        if i in inside or i + 1 in inside or not line.source.rstrip().endswith(":"):
            continue
        said = fold(" ".join(ln.source for ln in lines[max(0, i - 2):i + 1]))  # (it may wrap: "… tại bảng" / "sau:")
        # ("… như sau:" announces a table only where the table's rules stand just below)
        ruled_below = any(ln.source.count("|") >= 2 for ln in lines[i + 1:i + 6])
        repaired = fold(" ".join(ln.text for ln in lines[max(0, i - 2):i + 1]))  # ("nhw sau:" is "như sau:")
        as_follows = ruled_below and re.search(r"\bnhu sau\s*:?\s*$", repaired) and not re.search(r"\bkinh phi\b", repaired)
        if not (_TABLE_ANNOUNCED.search(said) or as_follows) \
                or any(ln.cells is not None for ln in lines[i + 1:i + 4]):
            continue  # (a table the file itself holds is read as one)
        named = sorted([(m.end(), "indicators") for m in _TARGET_TITLE.finditer(said)]
                       + [(m.end(), "tasks") for m in _TASK_TITLE.finditer(said)])
        if not named:
            continue
        if named[-1][1] == "indicators" and re.search(r"\bket qua\b", said):
            named.append((len(said), "results"))  # "Kết quả thực hiện các chỉ tiêu … như sau:" (a plan's reads as targets)
        end = next((k for k in range(i + 1, min(len(lines), i + 90)) if k in inside
                    or _SECTION_HEADING.match(lines[k].source) or _TABLE_ENDS.match(fold(lines[k].source))), None)
        if end is not None and end - i >= 4:
            out.append(Region(named[-1][1], i + 1, end, []))
    return out


# a budget row's first line when cells begin at the top of the row: the item's first words, its
# amount, then the funding source ("Bồi dưỡng kỹ năng số … 85,5 Ngân sách phường")
AMOUNT_LINE = re.compile(r"^(?P<code>\W{0,3}\d{1,2}(?:\.\d{1,2})?\W{0,2}\|?\s*)?"
                         r"(?P<item>[" + CAPITAL + r"$][^|]*?(?:[^\W\d_]|(?<=[^\W\d_])\d)[,.)\"”]{0,2})"
                          r"\s+[\[|(]?\s*(?:(?:\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d{1,4}(?:,\d{1,3}|\.\d{1,2}(?!\d))?)\s*[|_]?\s+){0,4}"
                          r"(?P<amount>\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d{1,4}(?:,\d{1,3}|\.\d{1,2}(?!\d))?)\s*_?\|?\s*"
                          r"(?P<source>(?:(?![\d.,]+(?:\s|$))\S+\s*){0,6})$")
# (and "Chương trình mục tiêu quốc gia", "Lồng ghép" the programmes a budget line rides on)
SOURCE_WORDS = re.compile(r"\b(?:ngan sach|ngan s|h[o0d]?i h[oe]a|von|nguon|doanh nghiep|tai tro|ho tro|chuong trinh|long ghep)\b")


def reads_as_source(text: str) -> bool:
    """A funding source's cell (folded text): its words, or a "Ngân sách …" the scan misread
    ("Nagin sich dc Kha")."""
    return bool(SOURCE_WORDS.search(text)) or fuzz.ratio(" ".join(text.split()[:2]), "ngan sach") >= 70


_ROW_WITH_RULES = re.compile(r"^\W{0,2}(\d{1,2})\s*\|\s*[" + CAPITAL + r"].*\|")
DEADLINE_WORDS = re.compile(r"\b(?:quy\s*[ivx1-4]|thuong xuyen|hang nam|nam 20\d\d|thang \d{1,2}/20\d\d|\d{1,2}/20\d\d)")


def _headless_task_tables(lines: list[Line], regions: list[Region]) -> list[Region]:
    """Task tables whose header the scan turned to specks: rows numbered with the table's rules
    between cells ("4 | Kiện toàn … | Quyết định | …"), or rows whose number the scan lost that
    open a name and end with a deadline, and deadlines among them, outside any table found."""
    inside = {i for r in regions for i in range(max(0, r.start - 3), r.end)}
    out: list[Region] = []
    i = 0
    while i < len(lines):
        m = _numbered_row(lines[i])
        if i in inside or lines[i].cells is not None or not m or not 1 <= int(m.group(1)) <= 9:
            i += 1
            continue
        start = i
        if m.group(1) != "1":
            # the first rows' numbers were lost: their lines are the few above (blank lines may
            # part rows), up to the text or heading the table follows
            # (up to 8 lines, or 3 lines of words for each row above it)
            budget = max(8, 3 * (int(m.group(1)) - 1))
            while start > 0 and budget > 0 and start - 1 not in inside \
                    and not re.search(r"[.:]\s*$", lines[start - 1].source) \
                    and not _SECTION_HEADING.match(lines[start - 1].source):
                start -= 1
                budget -= 1 if lines[start].source.strip() else 0
        expected, last_row, end, rows = int(m.group(1)) + 1, i, i + 1, 1
        unnumbered = 0  # rows since the last numbered one whose numbers the scan lost
        while end < len(lines) and end - last_row <= 12 and end not in inside:
            line = lines[end]
            if _TABLE_ENDS.match(fold(line.source)) or _SECTION_HEADING.match(line.source):
                break
            nm = _numbered_row(line)
            if nm and (expected <= int(nm.group(1)) <= expected + 2 + unnumbered or nm.group(1) == "1"):
                expected = int(nm.group(1)) + 1  # a number or two the scan lost between
                last_row, rows, unnumbered = end, rows + 1, 0
            elif line.cells is None and _holds_whole_deadline(line) and _capital_start(line) \
                    and len(line.source.split()) >= 8 and not _deadline_goes_on(lines[end - 1]):
                last_row, rows, unnumbered = end, rows + 1, unnumbered + 1  # a row whose number the scan lost
            end += 1
        end = min(len(lines), max(end, last_row + 6), last_row + 8)
        deadlines = sum(1 for ln in lines[start:end] if DEADLINE_WORDS.search(fold(ln.source)))
        if rows >= 3 and deadlines >= 2:
            out.append(Region("tasks", start, end, []))
            i = end
            continue
        i += 1
    return out


_APPENDIX = re.compile(r"^\W{0,3}ph[uụy]\W?\s*l[uụy]c\b")
_TASK_TITLE = re.compile(r"\bnhiem\s*v[uy]\b")
_TARGET_TITLE = re.compile(r"\bch[il]\s*ti[eê]u\b")
_ATTACHED = re.compile(r"^\W{0,3}k[eè]m\s*th[eo]o\b")


def _titled_appendices(lines: list[Line], regions: list[Region]) -> list[Region]:
    """An appendix titled as a list of tasks ("PHỤ LỤC / DANH MỤC NHIỆM VỤ …", "PHÂN CÔNG NHIỆM
    VỤ …", "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ …") or of targets ("CÁC CHỈ TIÊU CHỦ YẾU …", "KẾT QUẢ
    THỰC HIỆN CÁC CHỈ TIÊU …") whose table header the scan lost: the table is the appendix's body,
    from below its title block to the next appendix or the document's end."""
    out: list[Region] = []
    for i, line in enumerate(lines):
        if line.cells is not None or not _APPENDIX.match(fold(line.source)) or len(line.source.split()) > 4:
            continue
        title = lines[i + 1:i + 5]
        tasks = [k for k, ln in enumerate(title) if _TASK_TITLE.search(fold(ln.source))]
        targets = [k for k, ln in enumerate(title) if _TARGET_TITLE.search(fold(ln.source))]
        if bool(tasks) == bool(targets):
            continue  # neither, or both in one table: the header must tell
        named = tasks or targets
        kind = "tasks" if tasks else "results" if any(
            re.search(r"\bket\s*qua\b", fold(ln.source)) for ln in title[:named[0] + 1]) else "indicators"
        start = i + 2 + named[0]
        attached = next((k for k in range(start, min(start + 3, len(lines))) if _ATTACHED.match(fold(lines[k].source))), None)
        if attached is not None:
            start = attached + 1
        end = next((k for k in range(start, len(lines)) if _APPENDIX.match(fold(lines[k].source))
                    and len(lines[k].source.split()) <= 4), len(lines))
        if any(i <= r.start < end for r in regions):
            continue  # a table already found there by its header
        if not _reads_as_table(lines[start:end]):
            continue  # tasks written as paragraphs ("1. Giao Phòng … chủ trì …"): the text readers' part
        out.append(Region(kind, start, end, []))
    return out


def _reads_as_table(body: list[Line]) -> bool:
    """Lines of a table the scan flattened: some carry its rules ("|"), and few end a sentence."""
    text = [ln for ln in body if ln.cells is None and ln.source.strip()]
    ruled = sum(1 for ln in text if "|" in ln.source)
    sentences = sum(1 for ln in text if re.search(r"[.;:]\s*$", ln.source))
    return ruled >= 2 and sentences < 0.3 * len(text)


# "III. KINH PHÍ THỰC HIỆN", "4. Dự toán kinh phí": the part of a plan a budget table follows
_BUDGET_HEADING = re.compile(r"^\W{0,3}(?:[ivxl1]{1,4}|\d{1,2})?\W{0,3}\s*(?:du toan\s+)?kinh ph\w{0,2}\b")


def _headless_budget_tables(lines: list[Line], regions: list[Region]) -> list[Region]:
    """Budget tables whose header the scan turned to specks: under a "Kinh phí" heading, three
    or more numbered lines that hold an item, its amount and perhaps its funding source."""
    inside = {i for r in regions for i in range(max(0, r.start - 3), r.end)}
    out: list[Region] = []
    for i, line in enumerate(lines):
        heading = fold(line.source)
        if i in inside or line.cells is not None or len(heading.split()) > 10 or not _BUDGET_HEADING.match(heading):
            continue
        rows: list[int] = []
        end = i + 1
        while end < len(lines) and end - i <= 40 and end not in inside:
            source = lines[end].source
            if _SECTION_HEADING.match(source) or _TABLE_ENDS.match(fold(source)):
                break
            m = AMOUNT_LINE.match(source)
            # (a line with two amounts or more, one per year, is an item even without its number)
            if m and (m.group("code") and ANCHOR.match(source) or len(_MONEY_FIGURE.findall(source)) >= 2) \
                    and len(m.group("item").split()) >= 3 \
                    and (not m.group("source") or reads_as_source(fold(m.group("source")))):
                rows.append(end)
            end += 1
        if len(rows) >= 3:
            # the table begins at its first item: a numbered line, which may have lost its
            # amount, or a line with an amount and a funding source, which may have lost its number
            start = next((j for j in range(i + 1, rows[0]) if ANCHOR.match(lines[j].source)
                          or _amount_and_source(lines[j].source)), rows[0])
            out.append(Region("budget", start, end, []))
            inside.update(range(i, end))  # "III. KINH PHÍ" and "Kinh phí thực hiện …:" head one table
    return out


# an amount written in full, with its thousands ("45.000.000", "1.250")
_MONEY_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d.,]*\d)")


def _amount_and_source(source: str) -> bool:
    m = AMOUNT_LINE.match(source)
    return bool(m and m.group("source") and len(m.group("item").split()) >= 3
                and reads_as_source(fold(m.group("source"))))


def _numbered_row(line: Line) -> re.Match | None:
    """A task row's numbered first line: its number and the table's rules between cells, or a
    number, a name and a deadline's word ("1 | Quán triệt … Văn phòng HĐND và Tháng")."""
    m = _ROW_WITH_RULES.match(line.source)
    if m is None:
        m = re.match(r"^\W{0,2}(\d{1,2})\W{0,2}\s*\|\s*[" + CAPITAL + r"]", line.source)
        if m is None or not holds_deadline(line) or len(line.source.split()) < 8:
            return None
    return m


_TABLE_ENDS = re.compile(r"^\W*(ph[uụ] l[uụ]c|noi nh|n[oơ]i nh|tm\.)")


def _merge_repeated(regions: list[Region], lines: list[Line]) -> list[Region]:
    """A header repeated on each page continues the same table."""
    out: list[Region] = []
    for r in regions:
        if out and out[-1].kind == r.kind and out[-1].years == r.years and r.kind != "budget":
            gap = [ln for ln in lines[out[-1].end:r.start] if ln.text]
            if len(gap) <= 6:
                out[-1].end = r.end
                continue
        out.append(r)
    return out


def _starts_upper(line: Line, look: int = 3, unit_columns: bool = True) -> bool:
    """Whether a line can begin a row's name: a capital letter that is not a unit name or a
    leader ("UBND phường", "Trung tâm", "Đ/c ...") standing in another column (`unit_columns`:
    the table has such columns; a budget table has none, its items may begin with a unit's name)."""
    raw = line.source
    m = re.search(r"[^\W\d_]", raw)
    if not (m and raw[m.start()].isupper()):
        return False
    folded = fold(raw)
    if len(folded) == len(raw) and unit_columns:
        if any(p <= m.start() + 1 for p in head_positions(raw, folded, 0)):
            return False
        if re.match(r"^\W*(ubnd|uy ban)\b", folded):
            return False
    if re.match(r"^\W*[ĐDPBđ]/[cC]\b", raw):
        return False
    first = raw[m.start():].split()[:look]
    return not is_junk(" ".join(first))


def _opens_name(line: Line, look: int = 3, unit_columns: bool = True) -> bool:
    """`_starts_upper`, or a capital in the OCR whose first words are damaged ("T6 cong ngh¢ s6")
    but read as words once repaired ("Tổ công nghệ số"): a new row's name all the same."""
    if _starts_upper(line, look, unit_columns):
        return True
    if line.raw is None or not re.match(r"^\W{0,3}[A-ZĐ]", line.source):
        return False
    return _starts_upper(Line(line.text, line.page, line.no), look, unit_columns)


def _anchor(line: Line) -> str | None:
    m = ANCHOR.match(line.source)
    if not m:
        return None
    code = m.group(1)
    rest = line.source[m.end():]
    if re.match(r"^\s*%", rest):
        return None
    if re.match(r"^\s*(\d+\s*%|$)", rest) or code == "0":
        return None
    return code


# shapes OCR gives a row number's digit: the number the table expects is read through them
_DIGIT_SHAPES = {"I": "1", "l": "1", "|": "1", "i": "1", ">": "5", "S": "5", "s": "5", "3": "8", "8": "3",
                 "O": "0", "o": "0", "B": "8", "g": "9", "q": "9", "Z": "2", "z": "2"}


def _reads_as(code: str, expected: int) -> bool:
    """Whether an OCR row number can be the expected one: digit shapes misread ("I" for 1,
    ">" for 5, "3" for 8) or one digit of a two-digit number lost ("8" for 18)."""
    want = str(expected)
    if len(code) == len(want) and all(c == w or _DIGIT_SHAPES.get(c) == w for c, w in zip(code, want, strict=True)):
        return True
    return len(want) >= 2 and code.isdigit() and len(code) == len(want) - 1 and want.endswith(code)


def _strong_anchor(line: Line) -> bool:
    """A numbered line whose text after the number reads as words, not OCR specks (". 1 A L Tt")."""
    m = ANCHOR.match(line.source)
    rest = line.source[m.end():] if m else line.source
    if is_junk(" ".join(rest.split()[:3])):
        return False
    # (specks that read as letters, "7 Peace er ee |", are no row either)
    return len(rest.split()) > 4 or not _garbled(Line(rest, line.page, line.no))


_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})$")
_ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _two_level(anchors: list[tuple[int, str]]) -> bool:
    return len([c for _, c in anchors if _DOTTED.match(c)]) >= 3


def _two_level_anchors(anchors: list[tuple[int, str]], body: list[Line]) -> list[tuple[int, str]]:
    """Tasks numbered under their group's number ("1 | Group", "1.1", "1.2", "2 | Group", "2.1" …):
    a whole number heads a group (given as a roman numeral, the code a group's row carries
    here); a sub-number follows its group and the one before it, a number or two lost between."""
    out: list[tuple[int, str]] = []
    group, sub = 0, 0
    for i, code in anchors:
        dotted = _DOTTED.match(code)
        if dotted:
            first, second = int(dotted.group(1)), int(dotted.group(2))
            follows = (first == group and sub < second <= sub + 3) or (group < first <= group + 2 and second <= 2)
            if (follows or not out) and _strong_anchor(body[i]):
                out.append((i, code))
                group, sub = first, second
        elif ROMAN.match(code):
            out.append((i, code))
        elif code.isdigit() and group < int(code) <= group + 2 and int(code) <= len(_ROMAN_NUMERALS) \
                and not holds_deadline(body[i]):
            out.append((i, _ROMAN_NUMERALS[int(code) - 1]))
            group, sub = int(code), 0
    return out


def sequence_anchors(anchors: list[tuple[int, str]], body: list[Line]) -> list[tuple[int, str]]:
    """The numbered lines that follow the table's numbering (1, 2, 3 ... restarting after a
    roman group heading); a number out of sequence is OCR noise (a stray "2" on an accent line,
    "10" read inside a cell) unless it is a misread of the expected number followed by the next
    one, then it takes that number. Repeated and skipped numbers are kept when their line reads
    as a row (tables do repeat or skip a number)."""
    if _two_level(anchors):
        return _two_level_anchors(anchors, body)
    out: list[tuple[int, str]] = []
    last: int | None = None
    after_roman = True
    numbers = [(i, int(c)) if c.isdigit() else (i, None) for i, c in anchors]
    for k, (i, code) in enumerate(anchors):
        if ROMAN.match(code) and not (last is not None and _reads_as(code, last + 1) and not _heading_like(body[i])):
            out.append((i, code))
            after_roman = True
            continue
        n = numbers[k][1]
        strong = _strong_anchor(body[i])
        later = [v for _, v in numbers[k + 1:k + 4] if v is not None]
        if last is None:
            if n is not None and (n == 1 or strong):
                out.append((i, code))
                last, after_roman = n, False
            continue
        expected = last + 1
        in_sequence = n == expected or (after_roman and n == 1 and strong)
        # a repeated number, or one or two numbers skipped (confirmed by the next number)
        repeated_or_skipped = strong and (n == last or (n is not None and expected < n <= last + 3
                                                        and (not later or n + 1 in later)))
        if n is not None and (in_sequence or repeated_or_skipped):
            accepted = n
        elif strong and _reads_as(code, expected) and (not later or expected + 1 in later or expected not in later):
            accepted = expected
        else:
            continue
        out.append((i, str(accepted)))
        last, after_roman = accepted, False
    return _misread_numbers(out, body)


# a row number the scan read as one other character before the table rule: "e |qua …"
MISREAD_ANCHOR = re.compile(r"^\s*\|?\s*(?:[^\W\d_]|[“\"‘’])\s*\|\s*(?=\S)")


def _misread_numbers(anchors: list[tuple[int, str]], body: list[Line]) -> list[tuple[int, str]]:
    """Where the numbering skips one number (4, 6), the one line between that begins with a
    lone character and a table rule ("e |qua để nâng cao …") is the missing row's number line."""
    out: list[tuple[int, str]] = []
    for k, (i, code) in enumerate(anchors):
        out.append((i, code))
        if k + 1 == len(anchors) or not (code.isdigit() and anchors[k + 1][1].isdigit()):
            continue
        if int(anchors[k + 1][1]) != int(code) + 2:
            continue
        between = [j for j in range(i + 1, anchors[k + 1][0]) if MISREAD_ANCHOR.match(body[j].source)]
        if len(between) == 1:
            out.append((between[0], str(int(code) + 1)))
    return out


def _heading_like(line: Line) -> bool:
    """A group heading: capitalised words and no unit or deadline column after them."""
    m = ANCHOR.match(line.source)
    rest = line.source[m.end():] if m else ""
    return bool(rest) and rest.lstrip()[:1].isupper() and len(rest) > 60 and not head_positions(rest, fold(rest), 20)


def split_rows(lines: list[Line], look: int = 3, numbered: bool = False,
               cell_line: Callable[[Line], bool] | None = None, unit_columns: bool = True) -> list[Row]:
    """Rows of a flattened table; `look` is how many first words decide whether a capitalised
    line is a name (indicator names are long, so five words are read there). `numbered`: the
    rows are numbered 1, 2, 3 ... and a number out of sequence is noise (`sequence_anchors`).
    `unit_columns`: False for a table without unit columns (budget), where a line beginning
    with a unit's name begins an item."""
    body = [ln for ln in lines if ln.text and not re.fullmatch(r"[\W\d]{0,6}", ln.source.strip())]
    anchors = [(i, _anchor(ln)) for i, ln in enumerate(body)]
    anchors = [(i, c) for i, c in anchors if c is not None]
    if numbered:
        # "[2 Nhóm nhiệm vụ về …": a group's title with an arabic number heads rows, like "II."
        anchors = [(i, "I" if _GROUP_TITLE.match(fold(body[i].source)) and not holds_deadline(body[i]) else c)
                   for i, c in anchors]
        in_sequence = sequence_anchors(anchors, body)
        if _top_aligned(body, in_sequence) or _top_aligned(body, anchors):
            # (the numbers as read: where the scan lost some, too few follow on to judge by;
            # numbers under their group's number are read in sequence, to tell groups from rows)
            two_level = _two_level(anchors)
            return _with_lost_rows(_rows_from_top_lines(body, in_sequence if two_level else anchors,
                                                        groups_known=two_level))
        anchors = in_sequence
        unnumbered = _rows_by_first_lines(body, anchors)
        if unnumbered is not None:
            return _with_lost_rows(unnumbered)
        return _rows_between_anchors(body, anchors, look, cell_line)
    if look >= 5:
        end = _next_part(body, anchors)
        body, anchors = body[:end], [(i, c) for i, c in anchors if i < end]
        anchors = _indicator_starts(body, _backward_numbers_dropped(anchors, body))
        if _names_on_anchors(body, anchors):
            # cells at the top of each row: a row runs from its first line to the next one's; a
            # numbered line that opens no name has its name's first line just above (centred)
            firsts = []
            for i, code in anchors:
                # (not where both lines hold their row's figures: two rows, the lower one's name garbled)
                above = next((j for j in (i - 2, i - 1) if j >= 0 and not _opens_indicator(body[i])
                              and _opens_indicator(body[j]) and (not firsts or j > firsts[-1][0])
                              and not (_figures(body[i]) >= 2 and _figures(body[j]) >= 2)),
                             None)
                firsts.append((above if above is not None else i, code, i))
            rows = [Row(body[j:firsts[k + 1][0] if k + 1 < len(firsts) else _last_row_end(body, i)], i - j, code)
                    for k, (j, code, i) in enumerate(firsts)]
            return [part for row in rows for part in _without_lost_rows_below(row)]
    if not unit_columns:
        anchors = _item_starts(body, anchors)
    rows: list[Row] = []
    for k, (i, code) in enumerate(anchors):
        prev_end = anchors[k - 1][0] if k else -1
        start = i
        # lines above this anchor from the first capitalised line after the previous anchor
        between = list(range(prev_end + 1, i))
        if k == 0:
            between = [j for j in between if j >= i - 3]
        elif not ROMAN.match(anchors[k - 1][1]):
            # cells are centred on their number's line: this row's first lines are in the
            # lower half of the gap, the upper half continues the previous row (a group
            # heading above is one line and continues nothing)
            between = [j for j in between if j >= (prev_end + i + 1) // 2]
        first_upper = next((j for j in between if _opens_name(body[j], look, unit_columns)), None)
        if first_upper is not None:
            start = first_upper
        nxt = anchors[k + 1][0] if k + 1 < len(anchors) else len(body)
        end = i + 1
        half = (i + nxt + 1) // 2 if k + 1 < len(anchors) and not ROMAN.match(code) else i + 1
        while end < nxt and (end < half or not _opens_name(body[end], look, unit_columns)):
            end += 1
        if k + 1 == len(anchors):
            end = min(end, i + 6)
        rows.append(Row(body[start:end], i - start, code))
    return rows


def _begins_row(line: Line, look: int) -> bool:
    """A line that can be a row's first: capitalised words in the OCR or, where the OCR is
    damaged ("Trién khg} thlil’C"), in the repaired text."""
    first = re.compile(r"^[^\w\d]{0,3}[^\W\d_]{2,}[^\w\s]*(?:\s|$)")
    if not (first.match(line.source) or (line.raw is not None and first.match(line.text))):
        # specks, a number or a word with a digit first ("A0", "T‘r1en") in the OCR and in the
        # repaired text ("S6" is "Số"): an accent line or garbled cells, not a name's start
        return False
    if _starts_upper(line, look):
        return True
    if line.raw is None:
        return False
    # the repair judges a garbled word, not the case: the OCR's first letter must be a capital
    letter = re.search(r"[^\W\d_]", line.source)
    fixed = Line(line.text, line.page, line.no)
    return bool(letter and letter.group(0).isupper()) and _starts_upper(fixed, look) \
        and bool(re.match(r"^\W{0,3}[^\W\d_]{2,}", line.source))


def _name_on_number_line(line: Line, look: int) -> bool:
    """The text after a row's number begins with a capitalised word that begins a name."""
    m = ANCHOR.match(line.source)
    if m is None:
        return False
    rest = line.source[m.end():].lstrip("| ")
    return bool(rest[:1].isupper() and _FIRST_WORD_OF_NAME.match(rest)) and _starts_upper(
        Line(rest, line.page, line.no), look)


_FIRST_WORD_OF_NAME = re.compile(r"^[^\W\d_]{2,}[,;:]?\s")


# a row's first line where the scan lost the numbers: a capitalised name, then the table's
# rules between its cells ("Lap dat camera giam sat an ninh Cong an | Phong Hé thong Thang")
_FIRST_LINE = re.compile(r"^(?:[^\w|]{0,3}(?:\d{1,2}\W{0,2}\|?\s*)?|\|?\s*[“\"‘’]\s*\|\s*)[" + CAPITAL + r"][^\W_]+\s+\S.*\|")
# a group heading in such a table: a (misread) roman numeral, one rule, a short title
GROUP_CODE = re.compile(r"^\W{0,2}[A-Za-z1|]{1,4}\W{0,2}\s*\|\s*")  # "UL | " before a group's title
_GROUP_LINE = re.compile(GROUP_CODE.pattern + r"[" + CAPITAL + r"][^|]{3,60}$")


def _rows_by_first_lines(body: list[Line], anchors: list[tuple[int, str]]) -> list[Row] | None:
    """Rows of a task table whose row numbers the scan mostly lost: each row begins at a line
    that opens a name and holds the cells' rules; None when the numbers are there to cut by."""
    groups = {i: code for i, code in anchors if ROMAN.match(code)}
    firsts = [j for j, ln in enumerate(body) if _FIRST_LINE.match(ln.source) or _GROUP_LINE.match(ln.source)
              or j in groups]
    # a row's first line the scan turned to specks keeps the table's rules ("| * [Mnctian es | OM | anaes |")
    lost = {j for j, ln in enumerate(body) if ln.source.count("|") >= 2 and _garbled(ln) and j not in firsts}
    numbered = {i for i, _ in anchors}
    if len([j for j in firsts if j not in numbered]) + len(lost) < max(3, len(anchors)) or len(firsts) < 2:
        return None
    # (a numbered line in sequence begins its row, with or without rules after its name)
    firsts = sorted(set(firsts) | numbered | lost)
    rows: list[Row] = []
    count = 0
    for k, j in enumerate(firsts):
        end = firsts[k + 1] if k + 1 < len(firsts) else _last_row_end(body, j, 8)
        line = body[j]
        if j in lost:
            rows.append(Row(body[j:end], 0, None, partial=True))
            continue
        if j in groups or _GROUP_LINE.match(line.source) and line.source.count("|") == 1:
            rows.append(Row(body[j:j + 1], 0, groups.get(j, "I")))
            count = 0
            continue
        count += 1
        m = ANCHOR.match(line.source)
        code = m.group(1) if m and m.group(1).isdigit() else str(count)
        rows.append(Row(body[j:end], 0, code))
    return rows


# the end of a task row's first line when its cells begin at the top of the row: the deadline
# cell's first word or all of it ("… | Quý", "… Tháng 9/2026", "… Thường", "… Trước")
_DEADLINE_OPENS = re.compile(r"(?:\b(?:quy|thang|truoc|thuong|xuyen|nam|hang|dau|cuoi|trong)|\b[ivx1l]{1,3}/20\d\d"
                             r"|\b\d{1,2}/20\d\d|\b20\d\d|\b(?:[ivx1l]{1,3}|\d{1,2})(?:/\d{1,2})?/20\d?)\W*$")  # ("15/12/202" / "7")


# the deadline cell's first word, capitalised, with more cells after it ("… Phòng Văn Quý Hội nghị
# quán …" where a product column follows the deadline column)
DEADLINE_WORD = re.compile(r"\s(?:Qu[yý]|Th[aá]ng|H[aằ]ng|Tr[uư]d?[oớé]c|Th[uư]\w?[oờ]?ng|N[aăi]m|T[ừu])\s")
# a progress table's row ends with its status cell ("… Hoàn thành", "… Chậm tiến"): its deadline
# cell stands nearer the middle, between the name and the results
_STATUS_AT_END = re.compile(r"\b(?:hoan thanh|dang thuc|dang trien|cham tien|chua (?:thuc|hoan|trien|dat))\w*\W*$")


def holds_deadline(line: Line) -> bool:
    """The line ends with a deadline's word, or has one, capitalised, in its right half."""
    if ends_with_deadline(line):
        return True
    m = DEADLINE_WORD.search(line.source, len(line.source) // 2)
    if m is None and _STATUS_AT_END.search(fold(line.source)):
        m = DEADLINE_WORD.search(line.source, len(line.source) // 3)
    return m is not None


def _holds_whole_deadline(line: Line) -> bool:
    """A deadline, or a whole one ("Quý IV/2026", "Tháng 7/2026") past the line's first third: a
    progress table's row, its results' columns after the deadline."""
    return holds_deadline(line) or DEADLINE_WORDS.search(fold(line.source), len(line.source) // 3) is not None


def deadline_opens_at(folded: str) -> int | None:
    """Where a deadline cell's first word ends a folded line ("… Báo cáo đánh giá Trước"), or None."""
    m = _DEADLINE_OPENS.search(folded)
    return m.start() if m else None


def ends_with_deadline(line: Line) -> bool:
    return bool(_DEADLINE_OPENS.search(fold(line.source)) or _DEADLINE_OPENS.search(fold(line.text))
                or _FROM_AT_END.search(line.source) or _FROM_AT_END.search(line.text))


# ("đầu", "cuối" only after "tháng"/"quý": "… người đứng đầu" ends a name, "6 tháng đầu" a deadline)
_DEADLINE_UNFINISHED = re.compile(r"\b(?:quy|thang|truoc|thuong|hang|ngay|(?:thang|quy)\s+(?:dau|cuoi))\W*$")
# "Từ" (tháng 3 đến …) ending a line, never the "tử" of "điện tử", which folds the same
_FROM_AT_END = re.compile(r"(?:\b[Tt]ừ|\bT[uư])\W*$")


def _deadline_goes_on(line: Line) -> bool:
    """The line's deadline cell stops at a word that needs what follows ("Quý" / "II/2026"):
    the next line's date ends that cell, it does not begin a row."""
    return any(_DEADLINE_UNFINISHED.search(fold(t)) or _FROM_AT_END.search(t) for t in (line.source, line.text))


def _top_aligned(body: list[Line], anchors: list[tuple[int, str]]) -> bool:
    """Cells begin at the top of their row (Word's default), not centred on the row's number:
    most numbered lines carry a name's first words and end with the deadline cell's first word."""
    rows = [i for i, code in anchors if not ROMAN.match(code)]
    if not rows:
        return False
    # centred cells put some names' first words above their number ("2 giám sát tập trung …")
    named = [i for i in rows if _name_on_number_line(body[i], 3)
             or _name_on_number_line(Line(body[i].text, body[i].page, body[i].no), 3)]  # "T6 chức": Tổ chức
    dated = [i for i in named if holds_deadline(body[i])]
    if len(rows) < 3:
        # the scan kept few numbers: those it kept, and more lines without one, open a name
        # and end with a deadline's word
        others = [j for j, ln in enumerate(body) if j not in rows and _opens_top_row(ln) and holds_deadline(ln)
                  and len(ln.source.split()) >= 8]
        return len(dated) == len(rows) and len(rows) + len(others) >= 4
    return len(named) >= 0.85 * len(rows) and len(dated) >= 0.6 * len(rows)


_NUMBER_WITH_SPECKS = re.compile(r"^[\W_]{0,2}\d{1,2}[\W_]{1,3}\s*(?=[" + CAPITAL + r"])")  # "1_| Xây dựng"


def _opens_top_row(line: Line) -> bool:
    """A name's capitalised first words, as read or as repaired, after a row number misread as
    a letter ("s |Lắp đặt …")."""
    misread = MISREAD_ANCHOR.match(line.source) or _NUMBER_WITH_SPECKS.match(line.source)
    if misread:
        repaired = MISREAD_ANCHOR.match(line.text) or _NUMBER_WITH_SPECKS.match(line.text)
        text = line.text[repaired.end():] if repaired else line.source[misread.end():]
        line = Line(text, line.page, line.no, None, None, None, line.source[misread.end():])
    return _capital_start(line) and (_starts_upper(line, 3) or _starts_upper(Line(line.text, line.page, line.no), 3))


def _capital_start(line: Line) -> bool:
    """A name's capitalised first word, as read or as repaired ("S6 hoa" is "Số hóa")."""
    return any(re.match(r"^[^\w]{0,3}[" + CAPITAL + r"][^\W\d_]+\s", t) for t in (line.source, line.text)) \
        and bool(re.match(r"^[^\w]{0,3}[" + CAPITAL + r"]", line.source))


_GROUP_TITLE = re.compile(r"^[\W_]{0,3}(?:\d{1,2}|[ivxl]{1,4})?[\W_]{0,3}\s*nh[o0]m\s+(?:nhi|gi|\w)")


def _after_last_line(line: Line, above: Line, wide: float) -> bool:
    """A first line whose deadline cell the scan lost, right below the short last line of the
    row above ("đầu"): the cells' rules stand on it ("Tập huấn … | Trung tâm Dịch …")."""
    return len(above.source) < 0.5 * wide and "|" in line.source and not _garbled(line) \
        and re.match(r"^\W{0,2}[" + SMALL + r"]", above.text) is not None


# the verbs a task's name opens with (folded)
_TASK_VERB = re.compile(r"^\W{0,3}(?:tuyen truyen|trien khai|xay dung|to chuc|ra soat|nang cap|kien toan|ban hanh|ho tro"
                        r"|huong dan|day manh|so hoa|lap dat|phat trien|nang cao|cap nhat|boi duong|tap huan|duy tri"
                        r"|van hanh|dao tao|khao sat|so ket|tong ket|mo rong|mua sam|thanh lap|chuan hoa|van dong"
                        r"|phat dong)\s")


def _rows_from_top_lines(body: list[Line], anchors: list[tuple[int, str]], groups_known: bool = False) -> list[Row]:
    """Rows of a top-aligned task table: each begins at its numbered line, or, where the scan
    lost the number, at a line as wide as a first line that opens a name with a capital and ends
    with a deadline's first word; a short capitalised line is a wrapped unit in another column."""
    widths = sorted(len(body[i].source) for i, code in anchors if not ROMAN.match(code))
    wide = 0.6 * widths[len(widths) // 2]
    # a number on a short line is a figure inside a cell ("6 MobiFone Cà Mau"), not a row's
    # (`groups_known`: the numbering told the groups' rows, "2" above "2.1", whatever their width)
    numbered = {i: code for i, code in anchors
                if ROMAN.match(code) and (groups_known or _heading_like(body[i])) or len(body[i].source) >= wide}
    firsts = sorted(set(numbered) | {
        j for j, ln in enumerate(body)
        if j > 0 and len(ln.source) >= wide and not _deadline_goes_on(body[j - 1]) and _opens_top_row(ln)
        and (holds_deadline(ln) or _after_last_line(ln, body[j - 1], wide))} | {
        # a task's first words where the scan lost the row's number and its other cells' first
        # lines ("Tuyên truyền Nghị quyết số 57-" below the last line of the row above)
        j for j, ln in enumerate(body)
        if j > 1 and j - 1 not in numbered and j + 1 not in numbered  # (not a group's title above a row)
        and _TASK_VERB.match(fold(ln.text)) and _capital_start(ln) and not _garbled(ln)})
    rows: list[Row] = []
    count = 0
    for k, j in enumerate(firsts):
        end = firsts[k + 1] if k + 1 < len(firsts) else _last_row_end(body, j, 8)
        code = numbered.get(j)
        if _GROUP_TITLE.match(fold(body[j].source)) and not holds_deadline(body[j]):
            code = "I"  # "[2 Nhóm nhiệm vụ về phát triển hạ tầng số": a group's title, numbered
        if code is not None and ROMAN.match(code):
            rows.append(Row(body[j:j + 1], 0, code))
            count = 0
            continue
        count = int(code) if code is not None and code.isdigit() else count + 1
        rows.append(Row(body[j:end], 0, code if code is not None and _DOTTED.match(code) else str(count)))
    return rows


def _garbled(line: Line) -> bool:
    """A line the scan turned to specks ("ee aa ere", "Yagi camped ee ae] | Ne")."""
    if not re.search(r"[^\W\d_]", line.source):
        return False
    if is_junk(line.source) or not mostly_syllables(line.text):
        return True
    # a short line of a table's rules and letters, no word of three letters ("[i er | ES")
    tokens = line.source.split()
    return len(tokens) <= 4 and bool(re.search(r"[|\[\]]", line.source)) \
        and not any(len(re.sub(r"[^\w]", "", t)) >= 3 for t in tokens)


def _with_lost_rows(rows: list[Row]) -> list[Row]:
    """Rows whose cells begin on their first line, each cut where the scan lost the first line
    of a row below it (`_cut_at_lost_first_lines`)."""
    out: list[Row] = []
    for row in rows:
        if row.code is not None and ROMAN.match(row.code):
            out.append(row)
            continue
        first, *lost = _cut_at_lost_first_lines(row.lines)
        out.append(Row(first, 0, row.code, row.partial))
        out += [Row(part, 0, None, partial=True) for part in lost]
    return out


def _figures(line: Line) -> int:
    """How many figures stand on a line by themselves ("% 60 75 90 100": four; a lone "0" is a
    speck of the scan more often than a target)."""
    return len(re.findall(r"(?<![\w/.,])(?!0(?![\d.,]))\d{1,3}(?:[.,]\d+)?(?![\w/])", line.source))


def _without_lost_rows_below(row: Row) -> list[Row]:
    """A row cut where the scan lost the first line of a row below it (`_cut_at_lost_first_lines`),
    what follows kept as partial rows; and where a group's title stands below it (under a letter,
    or a misread numeral and the table's rule: "CH | Chính quyền số, …")."""
    lines = row.lines[row.anchor:]
    group = next((k for k, line in enumerate(lines) if k and (_LETTERED_GROUP.match(line.source)
                  or _GROUP_LINE.match(line.source) and line.source.count("|") == 1 and not _garbled(line))), None)
    first, *lost = _cut_at_lost_first_lines(lines[:group])  # (a group's title ends the row above it)
    return [Row(row.lines[:row.anchor] + first, row.anchor, row.code)] + [Row(part, 0, None, partial=True) for part in lost]


# a group of rows under a letter ("b) Kinh tế số", "c. Xã hội số")
_LETTERED_GROUP = re.compile(r"^\W{0,2}[a-eđ][).]\s+(?!.*\d{2})[A-ZĐ][^%|]{3,40}$")  # ("Kinh tế s6": "số")


def _reads_as_words(line: Line) -> bool:
    """Eight words or more, most of three letters or more as Vietnamese syllables mostly are
    (specks read as letters are short: "ee RO et ae ne oe")."""
    tokens = line.source.split()
    short = [t for t in tokens if len(t.strip(".,;:()[]|\"'")) <= 2]
    return len(tokens) >= 8 and len(short) < 0.4 * len(tokens) and mostly_syllables(line.text)


def _cut_at_lost_first_lines(lines: list[Line]) -> list[list[Line]]:
    """A top-aligned row's lines without the scan's specks, and after them, parts of rows whose
    first line the scan turned to specks: the specks, then a name going on in small letters for
    eight words or more ("… vụ công trực tuyến cho đồng bào dân tộc thiểu số …") begin another row
    (its number, and the first words of its cells, lost)."""
    parts = [[lines[0]]]
    cut, wordy_specks = 0, []  # `cut`: lines since the specks that may still begin a row
    for line in lines[1:]:
        if _garbled(line):
            cut = 2
            wordy_specks += [line] if not is_junk(line.source) else []
            continue
        if cut and re.match(r"^\W{0,2}[" + SMALL + r"]", line.text) and _reads_as_words(line):
            parts.append([])
            cut = 0
        else:
            parts[-1] += wordy_specks  # (specks that read as words may be the row's own)
            # (a short line of the row's cells, "hóa - Xã hội", may stand between)
            cut = cut - 1 if cut and len(line.text.split()) < 6 else 0
        wordy_specks = []
        parts[-1].append(line)
    parts[-1] += wordy_specks
    return parts


# how an indicator's name begins ("Tỷ lệ …", "Số …", "Chỉ số …", "Mức độ …"), after any number
_INDICATOR_START = re.compile(r"^[^\w]{0,3}(?:\d{1,2}(?:\.\d{1,2})?\W{0,2}\|?\s*)?(?:t[yi] le|so|chi so|muc do|xep hang)\s+\w")


# the same on the OCR as read, where the repair took "Ty 1éh6" or "$6" for other words
_OCR_INDICATOR_START = re.compile(r"^[^\w$]{0,3}(?:\d{1,2}(?:\.\d{1,2})?\W{0,2}\|?\s*)?"
                                  r"(?:t[yi]\s?[l1i|][e6€8d]\w{0,2}|ty\s[il1|6]|[s$](?:e?[o6]|e)\w{0,2}|chi s[o6e]|t[o6e]ng s[o6e]"
                                  r"|m\w{1,3}c d[o6e]|xep hang)\s+\w")  # ("Ty I vin bản": "lệ" lost; "Sé hộ": "Số hộ")


def _opens_indicator(line: Line) -> bool:
    """The line opens an indicator's name: "Tỷ lệ …", "Số …", "Chỉ số …", "Mức độ …", or any
    name whose line goes on with a row of yearly targets ("Xếp hạng Chỉ số … | thứ bậc | Tăng 2 |
    Tăng 2 | Top 10 …"). A name begins with a capital: "s6 hóa, làm sạch" goes on a name above."""
    if re.match(r"^[^\w$]{0,3}(?:\d{1,2}(?:\.\d{1,2})?\W{0,2}\|?\s*)?[" + SMALL + r"]", line.source):
        return False
    return bool(_INDICATOR_START.match(fold(line.text)) or _OCR_INDICATOR_START.match(fold(line.source))
                or (re.match(r"^\W{0,2}[A-ZĐ]", line.source) and len(_TARGET_CELL.findall(line.source)) >= 3
                    and not ANCHOR.match(line.source)))


# a yearly target cell as a scan reads it: "≥ 90%", "292%", "Top 10", "Tăng 2"
_TARGET_CELL = re.compile(r"(?<![\w/])(?:[<>≥=]\s?)?\d{1,3}(?:[.,]\d+)?\s?%|\bTop\s?\d+|\bT[aă]ng\s+\d+")


def _next_part(body: list[Line], anchors: list[tuple[int, str]]) -> int:
    """Where the document's next part begins below a table of targets: a heading numbered lower
    than the rows above it ("3. Giải pháp thực hiện" after row 4), no figure on its line."""
    last = 0
    for i, code in anchors:
        if not code.isdigit():
            continue
        number = ANCHOR.match(body[i].source)
        rest = body[i].source[number.end():] if number else ""
        if 1 < int(code) <= last and _figures(body[i]) <= 1 and len(rest.split()) <= 8 \
                and re.match(r"^[" + CAPITAL + r"][^\d|%]*$", rest):
            return i
        last = int(code)
    return len(body)


def _backward_numbers_dropped(anchors: list[tuple[int, str]], body: list[Line]) -> list[tuple[int, str]]:
    """A number lower than the row before it, on a line that goes on in lower case ("6 chữ ký
    số …" for "có chữ ký số"), is OCR's reading of a word, not a row's number."""
    out: list[tuple[int, str]] = []
    last = 0
    for i, code in anchors:
        if code.isdigit():
            rest = body[i].source[ANCHOR.match(body[i].source).end():] if ANCHOR.match(body[i].source) else ""
            if 1 < int(code) <= last and re.match(r"^[" + SMALL + r"]", rest) and "|" not in body[i].source[:6]:
                continue
            last = int(code)
        else:
            last = 0
        out.append((i, code))
    return out


def _indicator_starts(body: list[Line], anchors: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Anchors of an indicator table whose row numbers the scan mostly lost: every line that
    opens an indicator's name ("Tỷ lệ hộ gia đình …") and stands clear of a numbered line is a
    row of its own. The numbered rows keep their anchors (their names may begin a line above)."""
    numbered = {i for i, _ in anchors}
    rows = {i for i, code in anchors if not ROMAN.match(code)}
    # cells centred on the number put a name's first line up to two lines above it; where each
    # numbered line opens its own name (cells at the top), a line above begins another row
    top = bool(rows) and sum(bool(_opens_indicator(body[i])) for i in rows) >= 0.75 * len(rows)
    opens = {i for i in rows if _opens_indicator(body[i])}
    # a start right above a numbered line that opens no name is that row's first line (a centred
    # row in a table of top-aligned ones): it takes the number, whatever the table's layout
    starts = [j for j, ln in enumerate(body) if j not in numbered and _opens_indicator(ln)
              and re.match(r"^\W{0,3}[A-ZĐ]", ln.text)
              and not any(j < i <= j + 2 and (not top or i not in opens)
                          and not (_figures(body[i]) >= 2 and _figures(ln) >= 2) for i in rows)]
    # where the numbered lines open their names, a name opening elsewhere is a row that lost its
    # number, however few; elsewhere only a table that lost most numbers is read so
    if not starts or (not top and (len(starts) < 2 or 2 * len(starts) < len(rows))):
        # (a name that opens a line with its row's figures is a row all the same)
        return sorted(anchors + [(j, "") for j in starts if _figures(body[j]) >= 2])
    return sorted(anchors + [(j, "") for j in starts])


def _last_row_end(body: list[Line], i: int, most: int = 6) -> int:
    """The end of a table's last row, which begins at line i: its lines going on in lower case
    or between the table's rules (at most `most` lines), not the signature or text below."""
    end = i + 1
    while end < min(len(body), i + most) and ("|" in body[end].source or re.match(r"^\W*[" + SMALL + r"]", body[end].source)
                                              or _goes_on_capitalised(body[end - 1], body[end])):
        end += 1
    return end


def _goes_on_capitalised(above: Line, line: Line) -> bool:
    """A short line of words that goes on a name from a capitalised word ("Internet cáp quang"
    under "… có kết nối"): no figure, heading, label or signature."""
    return not re.search(r"[.:;]\s*$", above.source) and len(line.source.split()) <= 5 \
        and re.match(r"^[A-ZĐ][" + SMALL + r"]+(?:\s+[" + SMALL + r"]+)+$", line.text.strip()) is not None


def _names_on_anchors(body: list[Line], anchors: list[tuple[int, str]]) -> bool:
    """Every row's line opens an indicator's name ("3 | Số điểm wifi …", "Tỷ lệ …"): the
    table's cells begin at the top of each row."""
    rows = [i for i, code in anchors if not ROMAN.match(code)]
    # (a row or so the scan garbled does not make a centred table of it)
    return len(rows) >= 3 and sum(bool(_opens_indicator(body[i])) for i in rows) >= 0.75 * len(rows)


def _item_starts(body: list[Line], anchors: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Anchors of a budget table whose item numbers the scan partly lost: an item's lines go
    on in lower case, so a line of words that begins with a capital begins an item (not a
    total, not a line right above a numbered one, not after a comma, not a signature's capitals
    or name)."""
    numbered = {i for i, _ in anchors}

    def opens_item(j: int) -> bool:
        src = body[j].source
        letters = re.sub(r"[^\w]|\d|_", "", src)
        return (j > 0 and j not in numbered and j + 1 not in numbered
                and bool(re.match(r"^\W{0,2}[" + CAPITAL + r"][^\W\d_]", src))
                and len(src.split()) >= 4 and not letters.isupper()
                and not re.match(r"^\W*t[oôổ6]n?g", fold(src))
                and not re.search(r"[,;]\s*$", body[j - 1].source))

    starts = [j for j in range(len(body)) if opens_item(j)]
    if len(starts) < 2:
        return anchors
    return sorted(anchors + [(j, "") for j in starts])


def _rows_between_anchors(body: list[Line], anchors: list[tuple[int, str]], look: int,
                          cell_line: Callable[[Line], bool] | None = None) -> list[Row]:
    """Cut the lines between numbered lines into rows. Each gap holds the end of the row above
    and the start of the row below (cells are centred on their number's line); the cut is at the
    first capitalised line of the lower half of the gap, else at the last one of the upper half,
    else at the number's line. After a group heading the cut is at the first capitalised line."""
    starts: list[int] = []
    for k, (i, _code) in enumerate(anchors):
        prev = anchors[k - 1][0] if k else max(-1, i - 4)
        gap = [j for j in range(prev + 1, i) if _begins_row(body[j], look)]
        if k == 0 or ROMAN.match(anchors[k - 1][1]):
            # the first row, or the first after a group heading: its first capitalised line
            starts.append(gap[0] if gap else i)
            continue
        middle = (prev + i + 1) // 2
        lower = [j for j in gap if j >= middle]
        upper = [j for j in gap if j < middle] if k else []
        above = prev - starts[-1] if k else 0
        if not lower and upper and _name_on_number_line(body[i], look):
            # the numbered line begins a name of its own ("17 | Triển khai …"): the capitalised
            # lines above it end the row above ("Ứng cứu sự cố …" after a page's cells), up to
            # as many lines below the row above's number as it has above it
            upper = []
        if not lower and not upper and above >= 2:
            # no line reads as a name's start: the row above has as many lines below its
            # number as above it (cells are centred on the number's line)
            starts.append(min(i, prev + 1 + above))
            continue
        starts.append(lower[0] if lower else upper[-1] if upper else i)
    rows: list[Row] = []
    for k, (i, code) in enumerate(anchors):
        if k + 1 < len(anchors):
            end = starts[k + 1]
        else:
            # the last row: its lines up to the next capitalised line that is not a line of cells
            # right below (after a blank line a capitalised line is what follows the table)
            end = i + 1
            while end < min(len(body), i + 6) and (not _begins_row(body[end], look) or (
                    cell_line is not None and cell_line(body[end]) and body[end].no == body[end - 1].no + 1)):
                end += 1
        rows.append(Row(body[starts[k]:end], i - starts[k], code))
    return rows


def is_junk(raw: str) -> bool:
    """OCR noise: most tokens are not words of two letters or more."""
    tokens = raw.split()
    if not tokens:
        return True
    wordy = [t for t in tokens if re.fullmatch(r"[^\W\d_]{2,}[,.;:]?", t)]
    return len(wordy) < 0.5 * len(tokens)


def is_repeated_header(line: Line, kind: str | None = None) -> bool:
    """A table header repeated at the top of a page (or a line of it). In a task table a line
    naming one column's word is a cell ("Các cơ quan,", "trên địa bàn tỉnh"), and a long line
    is a row's text even when it says "nhiệm vụ … đánh giá … hoàn thành"."""
    raw = line.source
    if len(re.findall(r"\b20[2-6]\d\b", raw)) >= 3:
        return True
    keys = _keys(raw)
    keys.discard("plan")  # "kế hoạch" is a word of many rows ("điều chỉnh kế hoạch …", "Vượt kế | hoạch")
    if kind == "budget" and not re.search(r"\bdon vi|\bdvt\b", words(raw)):
        keys.discard("unit")  # "… cộng đồng tỉnh": a funding source's "Ngân sách | tỉnh", no header
    if keys == {"unit"} and re.search(r"[a-z]+ [a-z]+ tinh$", words(raw)):
        keys.clear()  # "… mại điện tử của tỉnh": a name's last line, no "Đơn vị | tính" header
    if _anchor(line) or not keys:
        return False
    if kind == "tasks":
        keys.discard("unit")
        return "stt" in keys or (len(keys) >= 2 and len(raw) < 60) or (len(keys) >= 3 and len(raw.split()) <= 12)
    return "stt" in keys or len(keys) >= 3 or (len(keys) >= 2 and len(raw) < 60) or len(raw) < 30
