"""Tables flattened by OCR into lines (seeds 002, 004 and any scanned plan like them).

OCR reads a table row by row but joins the cells of one printed line, so a row becomes a few
lines whose columns are run together, and a cell that wraps continues on the next lines.
1. A header is two or three short lines naming at least three columns (STT, chỉ tiêu, nhiệm vụ,
   đơn vị tính, chủ trì, phối hợp, thời gian, kinh phí, years...). Its words give the table's
   kind (tasks when it has phối hợp/thời gian, budget when it has kinh phí, else indicators)
   and, for a multi-year plan, the target years.
2. A row starts at a line that begins with its number ("12", "3.4"); a roman numeral with no
   unit or deadline after it is a group heading. The lines between two numbered lines are
   split where a line begins with a capital letter: lines that continue a cell start in lower
   case, the first line of the next row's name starts with a capital.
3. In each line the name comes first; it ends where a unit name (a capitalised "Phòng",
   "Trung tâm", "Các cơ quan"...), a target value, a deadline or a "|" begins. Units are read
   from the rest of the row and written out from the vocabulary in `orgs`.
Names are taken from the repaired text word by word (see `Line.repaired_span`) while numbers
and symbols are read from the unrepaired OCR, which keeps "≥", ">" and "|".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rapidfuzz import fuzz

from nq57.extract.cells import Cells, cell_line, document_units, in_running_text, read_cells, settle_rows
from nq57.extract.deadlines import parse_deadline
from nq57.extract.flatresults import NOTE_AFTER_VERDICT, period_results, result_row
from nq57.extract.flatrows import (
    AMOUNT_LINE,
    ANCHOR,
    DEADLINE_WORD,
    GROUP_CODE,
    MISREAD_ANCHOR,
    ROMAN,
    Region,
    Row,
    deadline_opens_at,
    ends_with_deadline,
    find_regions,
    header_keys,
    is_junk,
    is_repeated_header,
    reads_as_source,
    split_rows,
)
from nq57.extract.items import Context, Found, clean_name, parse_amount
from nq57.extract.lines import Line, repair_joined
from nq57.extract.model import BudgetLine, Deadline, Indicator, Task, YearTarget
from nq57.extract.numbers import NUMBER, parse_number, tidy
from nq57.extract.orgs import CANONICAL, best_match, canonical, folded_vocabulary, head_positions, unit_words
from nq57.extract.statements import is_heading
from nq57.extract.targets import Target, comparator, parse_target
from nq57.extract.textutil import clean, fold, mostly_syllables, sentence_case, words
from nq57.extract.units import COUNT_UNITS, counted_unit
from nq57.text.vietnamese import CAPITAL, SMALL

_DEADLINE = re.compile(
    r"(theo (?:ke hoach|de an|chuong trinh)[^|]{0,40}?nam \d{4}|thuc hien theo [^|]{0,40}?nam \d{4}"
    r"|\bth\w{0,3}ng xu\w{0,3}n|\bh[ao]ng (?:n[aăi]m|quy|thang)\b(?!\s*[\divx])|tr\w{1,3}c (?:ngay )?\d{1,2}/\d{1,2}/\d{4}"
    r"|quy\s*[ivxl1|]{1,4}7?\s*(?:/|nam)?\s*\d{4}|thang\s*[\d.]{1,3}\s*(?:/|nam)\s*\d{4}|20\d\d\s*-\s*20\d\d"
    r"|nam\s*\d{4}|nim\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\bt?[ivxl1]*[ivx][ivxl1]*/20\d\d|\bt1[1l]/20\d\d)"
)
_VALUE = re.compile(rf"([<>≥≤=]\s*)?({NUMBER})\s*(%?)")
_MONEY_UNIT = re.compile(r"(tri[eệ]u|ngh[iì]n|t[ỷy])\s*đ[oồ]ng", re.I)  # "triệu đồng", "nghìn đồng", "tỷ đồng"


def _name_end(line: Line, begin: int, kind: str, unit_heads: bool = True) -> int:
    """Where the name part of this line ends (raw character index); `unit_heads`: a capitalised
    unit word ends it (not when the row's unit cells are known: their words end it then, and a
    capitalised "Công dân số" in the task's own text does not)."""
    raw = line.source
    folded = fold(raw)
    if len(folded) != len(raw):
        return len(raw)
    stops = [len(raw)]
    pipe = raw.find("|", begin + 1)
    if pipe > begin:
        stops.append(pipe)
    # a unit name right after the number counts when nothing but OCR noise stands before it
    heads = [p for p in head_positions(raw, folded, begin)
             if (p > begin + (8 if begin else 0) or (p > begin and not re.search(r"[^\W\d_]{2,}", raw[begin:p])))
             and not in_running_text(line, p)]
    stops += heads[:1] if unit_heads else []
    # a leader ("Đ/c Nguyễn ...") or "UBND phường" standing in the director's column
    other = re.search(r"(?:^|\s)(?:[ĐDPBbđ]/[cCe]\s|UBND\s+ph|Ch\S{0,2}\s*-\s*Ph)", raw[begin:])
    if other and not (kind in ("indicators", "years") and re.search(r"\d", raw[begin + other.end():])):
        # (before an indicator's figures, "UBND phường" is the name's own: "cuộc họp của UBND phường")
        stops.append(begin + other.start())
    if kind == "tasks":
        found = list(_DEADLINE.finditer(folded, begin + 8))
        last = found[-1] if found else None
        if last is not None and last.end() >= len(folded.rstrip()) - 3:
            stops.append(last.start())
        deadline_at = next((m.start() for m in found if m.start() > begin + 20), None)
        if deadline_at is None:
            deadline_at = deadline_opens_at(folded)
        if deadline_at is None:
            # a deadline cell's first word in the line's right half ("… Bản đồ số được Quý Phòng …")
            word = DEADLINE_WORD.search(raw, max(begin + 20, len(raw) // 2))
            deadline_at = word.start() + 1 if word else None
        if deadline_at is not None:
            product = product_start(raw, begin, deadline_at)
            if product is not None:
                stops.append(product)
        # a deadline's figure before a table rule ("… tại trung 11/2026 | công lắp đặt"): the
        # deadline column's second line, with other columns after it
        ruled = next((m for m in found if re.match(r"\s*\|", folded[m.end():]) and re.match(r"[\divxl]", m.group(0))), None)
        if ruled is not None:
            stops.append(ruled.start())
    if kind == "years":
        # the first year's cell: a share, a dash, a comparator, a figure before a rule or the
        # first of a run of three figures
        first = re.search(r"\s(?:[<>≥≤=]\s*)?\d[\d.,]*\s*%|\s-\s+-?|\s[<>=]\s*\d|\s\d[\d.,]*\]?\s*\|"
                          r"|\s\d[\d.,]*(?:\s+[<>≥≤=]?\s?\d[\d.,]*\]?){2}"
                          r"|\s\d[\d.,]*(?:\s+\d[\d.,]*)+\s+(?=[A-ZĐ])", raw[begin + 4:])  # ("… chợ, 50 70 Phòng …")
        if first:
            stops.append(begin + 4 + first.start())
        unit_stop = re.search(r"\s%(?=\s+(?:[<>≥≤=]\s*)?\d)", raw[begin + 8:])
        if unit_stop:
            stops.append(begin + 8 + unit_stop.start())  # "… được | % | 95 |": the unit column, then the years'
    if kind in ("indicators", "years"):
        # an indicator's name is one phrase: a full stop followed by more text on the line
        # means the rest belongs to other columns
        full_stop = re.search(r"[^\s.]{3,}[.”\"]+\s+\S", raw[begin + 12:])
        if full_stop:
            stops.append(begin + 12 + full_stop.end() - 1)
    if kind == "indicators":
        # a run of figures (a target per year) ends the name at its first
        run = re.search(r"\s(?:tr\S{1,3}n\s+)?[<>≥≤=]?\d[\d.,]*%?(?:\s+(?:tr\S{1,3}n\s+)?[<>≥≤=]?\d[\d.,]*%?)+\s*(?:\||$)",
                        raw[begin + 8:])
        if run:
            stops.append(begin + 8 + run.start())
        unit_stop = re.search(r"\s(%|Th\w{0,2} b\w{1,2}c|Thứ bậc)(\s|$)", raw[begin + 8:])
        if unit_stop:
            stops.append(begin + 8 + unit_stop.start())
        best = best_value(raw, begin)
        if best is not None:
            stops.append(best[0])
            cell = _unit_cell_at(line, best[0])
            # the unit column's cell and the target's words before the figure are no name's
            stops.append(cell[0] if cell else _TARGET_WORDS_AT_END.search(raw, begin, best[0]).start())
        rank = re.search(r"\s(?:Th\S{0,2}\s)?T[aă]ng\s(?:b\S{1,2}c|h\S{1,2}ng|\d)", raw[begin + 8:])
        if rank:
            stops.append(begin + 8 + rank.start())  # "Thứ | Tăng bậc": the unit's and the target's cells
    if kind == "budget":
        for m in _VALUE.finditer(raw, begin + 1):
            if m.end() >= len(raw.rstrip()) - 1:
                stops.append(m.start())
                break
    return max(begin, min(stops))


# a product cell's first word: capitalised, then words in lower case ("Danh mục được công bố",
# "Báo cáo đánh giá"), not a name in capitals ("Bãi Cháy") or a brand ("VNeID")
_PRODUCT_WORD = re.compile(r"(?<=\s)(?<![“\"(])[" + CAPITAL + r"][" + SMALL + r"0-9]{1,6}(?=(?:,?\s+[" + SMALL + r"][\w]*){2,})")


def product_cut(raw: str, begin: int, end: int) -> bool:
    """Whether a task row's first line has its name cut at `end` by a product cell."""
    pos = end + len(re.match(r"[\s|\[\]]*", raw[end:]).group(0))
    if pos >= len(raw) or len(fold(raw)) != len(raw) or pos in head_positions(raw, fold(raw), begin):
        return False  # (a unit's name after the name is the lead column, no product)
    return _PRODUCT_WORD.match(raw, pos) is not None


def product_start(raw: str, begin: int, deadline_at: int) -> int | None:
    """Where a product column's cell begins on a task row's first line, between the name (five
    words at least) and the deadline cell: a capitalised word that no sentence would have there."""
    for m in _PRODUCT_WORD.finditer(raw, begin, deadline_at):
        before = raw[begin:m.start()].split()
        between = raw[m.start():deadline_at].split()
        if len(before) >= 5 and 3 <= len(between) <= 7 and not before[-1].endswith((":", ".", ";")):
            return m.start()
    return None


_UNIT_TOKEN = re.compile(r"(?:^|\s)(?:%|%o|%0|o,?|Z|É|v|\?|°|o\.)\s*$")


def best_value(raw: str, begin: int, last: bool = False, unit_word: str | None = None) -> tuple[int, re.Match] | None:
    """The target value on a flattened indicator line: (start of its unit/comparator, match).

    Candidates are numbers not glued to letters ("5G", "s6"); one preceded by a comparator or a
    %-sign (OCR writes it "o,", "%o", "Z") or followed by a capitalised unit name scores higher;
    the later of equal candidates wins (the name column comes first).
    """
    best: tuple[int, int, re.Match] | None = None
    folded = fold(raw)
    first_unit = next(iter(head_positions(raw, folded, begin + 8)), None) if len(folded) == len(raw) else None
    for m in _VALUE.finditer(raw, begin + 1):
        s, e = m.start(2), m.end(2)
        glued_comparator = re.search(r"(?:nhat|thieu)$", fold(raw[max(0, s - 5):s]))  # "itnhat8": "ít nhất 8"
        if (s > 0 and raw[s - 1].isalpha() and not glued_comparator) or (e < len(raw) and raw[e].isalpha()):
            continue
        before = raw[begin:m.start()]
        tail = raw[m.end():m.end() + 4]
        score = 0
        if m.group(1):
            score += 2
        if _UNIT_TOKEN.search(before):
            score += 2
        if m.group(3):
            score += 1
        if re.match(r"^\s*(\S{1,2}\s+)?[A-ZĐ|]", tail) or re.fullmatch(r"[\s\W]*", raw[m.end():]):
            score += 1
        counted = re.match(r"\s*([^\W\d_]{2,})", raw[m.end():])
        if counted and (fold(counted.group(1)) in fold(raw[begin:m.start()]).split()[1:4]
                        or fold(counted.group(1)) == unit_word):
            score += 1  # "Số khu phố … 12 khu | phố": the count, then the unit column's word
        elif _count_word_after(raw, m.end()):
            score += 1  # "… kỹ năng số 2.500 lượt | Phòng …": the target's cell gives what it counts
        if first_unit is not None and m.start() > first_unit and score:
            score -= 1  # a figure after the lead unit's name is in a notes column ("… Phòng Kinh tế | Còn 03 bản")
        sign = re.search(r"(?:^|\s)2\s+$", before) if m.group(3) and not m.group(1) else None
        if sign:
            score += 1  # "… trực tuyến 2 80%": "≥" read as a 2 before a share
        if score >= 1 and (best is None or score >= best[0] or last):
            unit = _UNIT_TOKEN.search(before) or sign
            start = begin + unit.start() if unit else m.start()
            best = (score, start, m)
    return (best[1], best[2]) if best else None


# marks OCR sticks inside a word it misread ("T‘r1en", "cl‘luye’n", "kha}"): no letters of it
_INSIDE_MARKS = str.maketrans("", "", "‘’'`{}")


def _scanned_word(token: str) -> bool:
    """A word OCR misread, not a speck: two letters or more, at most one other character once the
    marks it stuck inside are gone ("T‘r1en" -> "Tr1en", "EnO}" -> "EnO")."""
    core = token.translate(_INSIDE_MARKS).rstrip(",.;:")
    letters = sum(ch.isalpha() for ch in core)
    return letters >= 2 and len(core) - letters <= 1 and len(set(core.lower())) > 1  # ("êê": a speck read twice)


def _garbled_name(raw: str) -> bool:
    """A name part whose words OCR misread but kept (most tokens are `_scanned_word`s): the repair
    reads them, unlike a line of specks."""
    tokens = raw.split()
    return len(tokens) >= 3 and sum(map(_scanned_word, tokens)) >= 0.7 * len(tokens)


def _count_word_after(raw: str, at: int) -> str | None:
    """The unit of count written after a target's figure, before the next column ("2.500 lượt
    Phòng …", "03 mô hình | …"): its raw words, or None."""
    m = re.match(r"\s*([^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?)(?=\s*(?:\||[A-ZĐ]|$))", raw[at:])
    if m is None:
        return None
    for size in (2, 1):
        head = " ".join(m.group(1).split()[:size])
        if fold(head) in COUNT_UNITS and head[:1].islower():
            return head
    return None


def _trim_noise(raw: str, begin: int, end: int) -> int:
    """End a name part before a run of three OCR-noise tokens ("o 0 o 0 0 L")."""
    run_start, run = None, 0
    for m in re.finditer(r"\S+", raw[begin:end]):
        # a word keeps the quote marks and braces OCR sticks to it ("chuyen‘", "‘khoa}"); a
        # document's code ("89-CTr/TU", "57-NQ/TW") is words too
        if re.fullmatch(r"[‘’'`{}]*[^\W\d_]{2,}[‘’'`{}]*[,.;:)”\"]*|[(“\"][^\W\d_]{2,}.*"
                        r"|\(?\d{1,4}[-/][^\W\d_]{2,}(?:[-/][^\W\d_]{1,6})*[,.;:)]*", m.group(0)):
            run_start, run = None, 0
            continue
        run += 1
        if run_start is None:
            run_start = begin + m.start()
        if run >= 3:
            return run_start
    return end


def _row_name(row: Row, kind: str, cells: Cells | None = None) -> tuple[str, list[tuple[Line, int]]]:
    """The row's name from the name part of each line; `cells`: the unit cells found in the row,
    whose words end a line's name part (and a line of nothing but unit words gives none)."""
    parts: list[str] = []
    raw_parts: list[str | None] = []
    rests: list[tuple[Line, int]] = []
    anchor_len = None
    widest = 0
    slack, margin = 1.3, 10
    for idx, line in enumerate(row.lines):
        begin = 0
        if idx == row.anchor:
            m = ANCHOR.match(line.source) or MISREAD_ANCHOR.match(line.source)
            begin = m.end() if m else 0
        end = _name_end(line, begin, kind, unit_heads=cells is None)
        if cells is not None and idx in cells.unit_starts:
            end = max(begin, min(end, cells.unit_starts[idx]))
        if cells is not None and idx in cells.unit_lines:
            end = begin
        if idx == row.anchor:
            # the name column's width, from the numbered line's name part; where that part is
            # OCR specks ("14 3 R f 1 g A s )") the widest line of words above it gives it
            anchor_len = end - begin if not is_junk(line.source[begin:end]) else widest or None
            if kind == "tasks" and product_cut(line.source, begin, end):
                # a product column beside the name: the name's other lines are no wider than its first
                slack, margin = 1.1, 4
        elif anchor_len and (cells is None or anchor_len >= 40 or slack < 1.3) and end - begin > anchor_len * slack + margin:
            end = begin + int(anchor_len * slack) + margin
            space = line.source.rfind(" ", begin, end)
            end = space if space > begin else end
        end = _trim_noise(line.source, begin, end)
        part = line.source[begin:end]
        piece = line.repaired_span(begin, end) if not is_junk(part) or _garbled_name(part) else ""
        if piece and is_junk(part) and not mostly_syllables(piece):
            piece = ""
        if idx < row.anchor and len(re.findall(r"[^\W\d_]{2,}", piece)) >= 3:
            widest = max(widest, end - begin)  # a line of words, not a header's remnant (". Nam |")
        piece = re.sub(r"^(?:[^\wÀ-ỹ“\"(]|_)+", "", piece)  # (an underscore is a speck too: "_[Tỷ lệ")
        if piece and re.fullmatch(r"(?:[" + CAPITAL + r"]{1,2}\W*\s*)+", line.source[begin:end].strip()):
            piece = ""  # OCR specks of capitals ("IS A PN") before a cell's words: no words of the name
        if idx != row.anchor and (_unit_fragment(line.source) or _unit_name_middle(line.source)):
            piece = ""  # a line of the lead column's wrapped cell, not of the name
        if piece and not (kind != "tasks" and idx > row.anchor and parts and parts[-1].rstrip().endswith(".")):
            parts.append(piece)  # a name that ended with a full stop takes no more lines
            raw_parts.append(_raw_piece(line, begin, end))
        rests.append((line, end))
    joined = repair_joined(raw_parts)
    if joined is not None:
        parts = [joined]
    # OCR leaves cell borders and specks as lone symbols ("=", "~", "<", "\\"): drop them
    kept = [t for t in " ".join(parts).split() if re.search(r"[\w\-–…(“”\"]", t)]
    while kept and _SPECK.fullmatch(kept[-1]):
        kept.pop()  # a letter glued to OCR quote specks at the end ("trực tuyến ‘ o‘")
    name = clean(" ".join(kept))
    name = re.sub(r"\s+([,.;:])", r"\1", name)
    return sentence_case(clean_name(name)), rests


_FRAGMENT_STRONG = re.compile(r"\b(?:phong|trung tam|cong an|van phong|don vi|lien quan|ubnd|hdnd)\b")


_SPECK = re.compile(r"[‘’'`]+\w[‘’'`]*|\w[‘’'`]+")


def _raw_piece(line: Line, begin: int, end: int) -> str | None:
    """A name part as OCR read it (None on a line the repair left alone), leading specks off."""
    if line.raw is None:
        return None
    return re.sub(r"^(?:[^\w“\"(]|_)+", "", line.raw[begin:end])


def _unit_fragment(raw: str) -> bool:
    """A short line made only of unit-name words ("công và các phòng,", "đơn vị liên quan")."""
    found = re.findall(r"[a-z]+", fold(raw))
    if not 2 <= len(found) <= 4 or raw.rstrip().endswith(".") or not _FRAGMENT_STRONG.search(" ".join(found)):
        return False
    return all(w in unit_words() for w in found)


def _unit_name_middle(raw: str) -> bool:
    """A short line that is the middle or end of one unit's name ("tế, Hạ tầng" / "và Đô thị" of
    "Phòng Kinh tế, Hạ tầng và Đô thị"): the lead cell wrapped, no words of the item's name."""
    found = re.findall(r"[a-z]+", fold(raw))
    if not 2 <= len(found) <= 5 or raw.rstrip().endswith("."):
        return False
    text = " ".join(found)
    return any(f" {text}" in fw and not fw.startswith(text) for fw, _ in folded_vocabulary())


def _end_of(rests: list[tuple[Line, int]], line: Line) -> int:
    return next((end for ln, end in rests if ln is line), 0)


def _generic(unit: str) -> bool:
    return fold(unit).startswith(("cac ", "cong dan", "nguoi dan"))


def _repaired_heads(line: Line, start: int) -> list[int]:
    """Unit-name starts the repair made readable ("Lhong Van" -> "Phòng Văn"), as raw positions."""
    if line.raw is None:
        return []
    raw_tokens = list(re.finditer(r"\S+", line.raw))
    fixed_tokens = list(re.finditer(r"\S+", line.text))
    folded = fold(line.text)
    if len(raw_tokens) != len(fixed_tokens) or len(folded) != len(line.text):
        return []
    starts = {t.start(): i for i, t in enumerate(fixed_tokens)}
    out = []
    for p in head_positions(line.text, folded, 0):
        i = starts.get(p)
        if i is not None and raw_tokens[i].start() >= start:
            out.append(raw_tokens[i].start())
    return out


def _units(rests: list[tuple[Line, int]], anchor_line: Line | None, level: str | None = None) -> list[str]:
    """Unit names in the non-name part of a row in column order: the anchor line first when
    given (a task's lead is one short cell beside the number), else line by line."""
    found: list[str] = []
    ordered = sorted(rests, key=lambda r: 0 if r[0] is anchor_line else 1) if anchor_line else rests
    for line, start in ordered:
        raw = line.source
        folded = fold(raw)
        if len(folded) != len(raw):
            continue
        heads = sorted(set(head_positions(raw, folded, start)) | set(_repaired_heads(line, start)))
        implicit = start < len(raw) and start not in heads and re.match(r"\s*[A-ZĐ]", raw[start:])
        if implicit:
            heads = [start] + heads
        for k, h in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(raw)
            seg = raw[h:end]
            dm = _DEADLINE.search(fold(seg))
            if dm:
                seg = seg[:dm.start()]
            seg = re.split(r"\s[|]\s|\s{2,}", seg)[0]
            fixed = line.repaired_span(h, h + len(seg))
            if fixed and best_match(fixed, level)[1] > best_match(seg, level)[1]:
                seg = fixed  # the repaired words match the vocabulary better than the OCR
            name = canonical(seg, strict=bool(implicit and k == 0), level=level)
            if name and name not in found:
                found.append(name)
    # names from the vocabulary first: a mention that fits none may be a name's own words
    known = set(CANONICAL)
    return [u for u in found if u in known] + [u for u in found if u not in known]


_LEADER = re.compile(r"\b(?:[bdđ]/c|d\s?c)\b.*?(?=\||$)|\b(?:pho\s?)?ch\w{0,2}\s?t\w{0,2}ch\b|\bubnd\s+\w+")


def _edge_score(w: str, fw: str) -> float:
    """How well words match a whole unit name, its start or its end (a cell cut by lines)."""
    if len(w) >= len(fw):
        return fuzz.ratio(w, fw)
    return max(fuzz.ratio(w, fw), fuzz.ratio(w, fw[:len(w)]) - 2, fuzz.ratio(w, fw[-len(w):]) - 2)


def _row_words(rests: list[tuple[Line, int]]) -> list[str]:
    """The folded words of a row outside its name, line by line in reading order."""
    words: list[str] = []
    for line, end in rests:
        whole = re.findall(r"[a-z]{2,}", fold(line.source))
        # a line of at most four words is a fragment of a narrow cell, whatever the name reader took
        tail = fold(line.source) if len(whole) <= 4 else _LEADER.sub(" ", fold(line.source[end:]))
        if not re.search(r"[a-z]{2,}", tail):
            # the cell's words after a stray mark at the line's end ("… trực tuyến. \\ công và các")
            last = re.search(r"[.\\|)”]\s+((?:[^\W\d_]+[ ,]*){1,3})$", fold(line.source))
            tail = last.group(1) if last else ""
        words += re.findall(r"[a-z]{2,}", tail)
    return words


def _interleaved_unit(rests: list[tuple[Line, int]], level: str | None) -> str | None:
    """The longest unit name of the vocabulary whose words all stand, in order, among the row's
    words outside its name, within a short span: a lead cell wrapped beside other wrapped cells
    ("Trung tâm" … "Phục vụ hành" … "chính công", with "Văn phòng" / "HĐND và" between)."""
    # every word of the row's lines: the name reader may have taken a wrapped cell's words
    words = [w for line, _ in rests for w in re.findall(r"[a-z]{2,}", fold(line.source))]

    def same(a: str, b: str) -> bool:
        return a == b or len(b) >= 4 and len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1

    best: tuple[int, str] | None = None
    for folded, name in folded_vocabulary(level):
        wanted = folded.split()
        if len(wanted) < 3 or (best is not None and len(wanted) <= best[0]):
            continue
        for start in (k for k, w in enumerate(words) if w == wanted[0]):
            k, span_end = 1, start + 1
            while k < len(wanted) and span_end < len(words) and span_end - start <= 3 * len(wanted):
                if same(words[span_end], wanted[k]):
                    k += 1
                span_end += 1
            if k == len(wanted):
                best = (len(wanted), name)
                break
    return best[1] if best else None


def _stacked_unit(rests: list[tuple[Line, int]], level: str | None) -> str | None:
    """A unit cell wrapped over several short lines at the row's right edge ("Trung tâm" /
    "Phục vụ" / "Hành chính" / "công và các" / "phòng, đơn" / "vi liên quan"), read when no line
    holds a unit name of its own: the words of the row outside its name, in order, are searched
    for the run that best names one vocabulary unit (its whole name, first or last words); a "và
    các phòng, đơn vị liên quan" in the row is kept with it."""
    words = _row_words(rests)
    best: tuple[float, str, int] | None = None
    for i in range(len(words)):
        for n in range(2, min(8, len(words) - i) + 1):
            w = " ".join(words[i:i + n])
            if len(w) < 10:
                continue
            scored = sorted(((_edge_score(w, fw), name) for fw, name in folded_vocabulary(level)), reverse=True)
            (score, name), runner_up = scored[0], scored[1][0] if len(scored) > 1 else 0.0
            if score >= 88 and score - runner_up >= 4 and (best is None or score > best[0]):
                best = (score, name, i + n)
    if best is None:
        return None
    # the cell's other lines may sit above its first words (OCR order): look through the whole row
    m = re.search(r"(?:\bva cac |\b)(phong|don vi|co quan)(?: (?:ban|don vi|don|vi))* lien quan", " ".join(words))
    if m:
        return best[1] + {"phong": " và các phòng, đơn vị liên quan", "don vi": " và các đơn vị liên quan",
                          "co quan": " và các cơ quan liên quan"}[m.group(1)]
    return best[1]


def _lead(units: list[str], rests: list[tuple[Line, int]], level: str | None) -> str | None:
    """The first unit found on the row's lines, or the wrapped cell read over several lines when
    none was found or when the first was only the cell's first line ("Trung tâm" / "Phục vụ
    hành chính công": the same head word, a longer name)."""
    stacked = _stacked_unit(rests, level)
    whole = _interleaved_unit(rests, level)
    if not units:
        if whole is not None and (stacked is None or len(whole) > len(stacked)
                                  and fold(whole).split()[0] == fold(stacked).split()[0]):
            return whole
        return stacked
    first = units[0]
    if whole is not None and whole != first and len(whole) > len(first) \
            and fold(whole).split()[0] == fold(first).split()[0] and not first.startswith(whole):
        return whole  # "Trung tâm" read alone, or taken for another "Trung tâm …"
    if stacked and stacked != first and len(stacked) > len(first) and fold(stacked).split()[0] == fold(first).split()[0] \
            and (first not in stacked or stacked.startswith(first + ",")):
        return stacked
    return first


_RANK_CELL = r"(?:T[aă]ng|Top|TOP|Nh[oó]m)\s*\d+(?:\s*b[aăậ]c)?"


def _indicator(row: Row, region: Region, ctx: Context, group: str | None) -> Indicator | None:
    name, rests = _row_name(row, "years" if region.years else "indicators")
    if region.plan_after_result:
        # last year's figure (and the unit column's word before it) ends the name's first line
        figure = re.search(r"(?:\s+(?:%|\w{1,8}))?\s+\d[\d.,]*$", name)
        if figure and (figure.group(0).split()[0] == "%" or fold(figure.group(0).split()[0]) ==
                       fold(counted_unit(name) or "-").split()[0]):
            name = name[:figure.start()]
        else:
            name = re.sub(r"\s+\d[\d.,]*$", "", name)
    if len(name.split()) < 3:
        return None
    anchor = row.lines[row.anchor]
    targets: list[YearTarget] = []
    rest_text = " ".join(line.source[end:] for line, end in rests)
    # ("Xếp hạng Chỉ số …" is a rank, its unit column cut to "Thứ" | "bậc" or lost)
    unit = "thứ bậc" if re.search(r"\bth\w{0,2} b[aăắ]c\b|xep hang", fold(rest_text)) or fold(name).startswith("xep hang") \
        else None
    if unit is None and re.search(r"chi s", fold(name[:8])):
        unit = "chỉ số"
    if unit is None:
        unit = counted_unit(name)  # "Số sản phẩm OCOP …": counted in sản phẩm, not a share
    if unit and len(name.split()) > 3:
        # the unit column's word left after the name ("Số hộ dân bán nông sản … hộ")
        last, head = fold(name.split()[-1]), fold(unit.split()[0])
        if last == head and head in fold(" ".join(name.split()[:-1])).split():
            name = name.rsplit(" ", 1)[0]
    if region.years:
        tail = anchor.source[_end_of(rests, anchor):]
        # an English OCR reads "≥" as a 2: "2 80%" beside other figures, "292%" for ≥ 92%
        tail = re.sub(r"(?<![\d.,])2\s+(?=\d[\d.,]*\s*%)", "≥", tail)
        tail = re.sub(r"(?<![\d.,])2(100|\d\d(?:[.,]\d+)?)(\s*%)", r"≥\1\2", tail)
        cells = [c.strip() for c in tail.split("|")] if tail.count("|") >= 2 else []
        slots: list[str | None] = []
        for cell in cells:
            if re.search(r"[A-ZĐ][a-zđ]", cell) and not re.search(r"\d", cell):
                break  # the director's or the lead unit's column
            if not slots and re.fullmatch(r"th\w{0,3}\s*b\w{0,2}c", fold(cell.strip())):
                continue  # the rank's unit column before the years' ("| thứ bậc |")
            # ("Tăng 2 (bậc)", "Top 10": a rank target is one cell)
            for piece in re.findall(rf"{_RANK_CELL}|(?:[<>≥≤=]\s*)?\d[\d.,]*\s*%?|(?<![\w-])-(?![\w-])|\S+", cell):
                if not slots and (piece == "%" or re.fullmatch(r"chi\s*s\w{0,2}", fold(cell))):
                    continue  # the unit column's cell before the years' ("| % [70 | 80 |", "| Chi s6 | 20,65 |")
                slots.append(piece if re.search(r"\d|^-$", piece) else None)
        if not slots:
            slots = re.findall(rf"{_RANK_CELL}|(?:[<>≥≤=]\s*)?\d[\d.,]*\s*%?|(?<![\w-])-(?![\w-])", tail)
        for year, cell in zip(region.years, slots[:len(region.years)], strict=False):
            if cell is None or cell.strip() == "-":
                continue
            if unit in (None, "%"):
                cell = re.sub(r"^2(100|\d\d)(?=\s*%?$)", r"≥\1", cell.strip())  # "270": "≥ 70" read with a 2
            t = parse_target(_fix_percent(cell), ocr=True)
            if t is not None and re.match(r"(?i)t[aă]ng\s*\d", cell.strip()) and unit == "thứ bậc":
                t = Target("rank", t.value, t.text)  # "Tăng 2" in a column of ranks: two places up
            if t is not None and t.value is not None and (not isinstance(t.value, float | int) or t.value <= 100
                                                          or unit not in (None, "%")):
                targets.append(YearTarget(year=year, op=t.op, value=t.value, text=clean(cell)))
    else:
        end = _end_of(rests, anchor)
        found = best_value(anchor.source, max(0, end - 6), region.plan_after_result,
                           fold(unit).split()[0] if unit and unit != "%" else None)
        value_line = anchor
        if region.plan_after_result and found is not None and _figures_after_name(anchor, end) < 2 \
                and not _reads_as_target(anchor.source, found[1]):
            # one bare figure where last year's result and this year's target stand: which it is,
            # the scan does not say (a wrong target is worse than an unread one)
            found = None
        elif found is None:
            # the value sits beside the last line of a wrapped name
            for line, line_end in rests:
                if line is not anchor and (found := best_value(line.source, max(0, line_end - 6))):
                    value_line = line
                    break
        column_unit = _unit_cell(anchor, found[1].start(), unit) if found and value_line is anchor else None
        if column_unit and unit not in ("thứ bậc", "chỉ số"):
            unit = column_unit
        row_text = fold(" ".join(ln.source for ln in row.lines))
        grade = re.search(r"dat\s?loai", row_text)
        if grade:
            level = re.search(r"\b(xuat sac|tot|kha|trung binh)\b", row_text[grade.start():])
            text = "Đạt loại " + {"xuat sac": "xuất sắc", "tot": "tốt", "kha": "khá",
                                  "trung binh": "trung bình"}.get(level.group(1) if level else "", "")
            targets.append(YearTarget(year=ctx.year, op="text", value=None, text=text.strip()))
        elif found:
            m = found[1]
            # "1.500" people is fifteen hundred; "99.5" of a share is a decimal (numbers.py)
            value = parse_number(_fix_percent(m.group(2)), percent=unit in (None, "%"))
            low = re.search(r"(\d[\d.,]*)\s*[-–]\s*$", value_line.source[:m.start(2)])
            if low and parse_number(low.group(1), percent=True) is not None:
                value = parse_number(low.group(1), percent=unit in (None, "%"))  # "90 - 95": at least 90
            op = comparator(value_line.source[:m.start(2)], True) or ">="
            if re.fullmatch(r"2\d\d", m.group(2)) and (re.search(r"%\s*$", value_line.source[:m.start(2)])
                                                     or value is None and unit in (None, "%")):
                value, op = int(m.group(2)) - 200, ">="  # "% 295": the unit column, then "≥95" read "295"
            targets.append(YearTarget(year=ctx.year, op=op, value=tidy(value), text=clean(m.group(0))))
            written = _count_word_after(value_line.source, m.end()) if unit is None and not m.group(3) else None
            if written:
                unit = clean(value_line.repaired_span(m.end(), m.end() + len(written) + 1)).lower() or None
                targets[-1] = YearTarget(year=ctx.year, op=op, value=tidy(parse_number(m.group(2))),
                                         text=clean(f"{m.group(0)} {unit}"))
        elif unit == "thứ bậc":
            t = parse_target(anchor.source[end:], ocr=True, unit=unit)
            op = t.op if t and t.op in ("rank", "text") else "rank"
            targets.append(YearTarget(year=ctx.year, op=op, value=None, text=None if op == "rank" else t.text))
        else:
            targets.append(YearTarget(year=ctx.year, op=">=", value=None, text=None))
            ctx.warnings.append(f"Dòng {anchor.no}: không đọc được giá trị mục tiêu của chỉ tiêu '{name[:50]}'")
    if unit is None:
        unit = "%"
    if unit in ("%", "chỉ số"):
        targets = [_ge_read_as_two(t, unit) for t in targets]
    units = _units(rests, None, ctx.level)
    lead = _full_unit_name(_spelled_out_office(_lead(units, rests, ctx.level), row.lines), row.lines)
    evaluator = units[1] if len(units) > 1 else None
    name = _without_unit_tail(name, [u for u in [lead, *units] if u], anchor.source, anchor.text)
    return Indicator(code=row.code, group=group, name=name, unit=unit, targets=targets, lead=lead,
                     evaluator=evaluator, director=None)


# the words of a target's cell before its figure ("Ít nhất 2", "Trên 70"), at a line's end
_TARGET_WORDS_AT_END = re.compile(r"(?:\s(?:[IiÍí]t\s?nh\S{1,2}t|[Tt]\S{0,2}i\s?thi\S{1,2}u|Tr\S{1,2}n|H\S{1,2}n))?[\s|\[]*$")


def _unit_cell_at(line: Line, end: int) -> tuple[int, int] | None:
    """Where the unit column's cell stands at the end of the row's first line up to its target's
    figure (`end`): a capitalised unit of count ("… hoạt động hiệu quả Xóm | ≥ 30", "… nhỏ Đơn vị
    Ít nhất 2", "… Cơ sở | Tối thiểu 150", read as written or as repaired), after the name's
    words, which go on in small letters; (start, end) in the raw line."""
    raw = line.source[:end]
    raw = raw[:_TARGET_WORDS_AT_END.search(raw).start()].rstrip(" |[")
    tokens = raw.split()
    for size in (3, 2, 1):
        cell = tokens[-size:]
        if len(tokens) <= size + 3 or not re.match(r"[A-ZĐ]", cell[0]):
            continue
        at = len(raw) - len(" ".join(cell))
        if " ".join(words(t) for t in cell) in COUNT_UNITS or words(line.repaired_span(at, len(raw))) in COUNT_UNITS:
            return at, len(raw)
    return None


def _unit_cell(line: Line, end: int, counted: str | None) -> str | None:
    """The unit the table's column gives a row whose first line ends its name at `end` (which
    names the count better than the name's first words: "Đơn vị" for "Số hợp tác xã, doanh
    nghiệp …"), spelt as the name spells it where the two agree."""
    at = _unit_cell_at(line, end)
    if at is None:
        return None
    cell = " ".join(words(t) for t in line.source[at[0]:at[1]].split())
    repaired = re.findall(r"[^\W\d_]+", line.repaired_span(*at))
    if counted and words(counted) in (cell, words(" ".join(repaired))):
        return counted
    if len(cell.split()) > 1:
        # a unit of two words repaired on its own, as the cell stands: "Co sé" is "Cơ sở" (beside
        # the row's other words the language model may take it for "có số")
        from nq57.text.repair import repair_line

        repaired = re.findall(r"[^\W\d_]+", repair_line(line.source[at[0]:at[1]], force=True).text)
    return " ".join(repaired).lower() if len(repaired) == len(cell.split()) else None


def _without_unit_tail(name: str, units: list[str], first_line: str = "", first_line_text: str = "") -> str:
    """The name without the words of a unit's cell that wrapped onto the name's lines: the end
    of a unit's name whose beginning stands on the row's first line ("… trực tuyến vụ hành chính
    công" in a row led by "Trung tâm Phục vụ hành chính công" whose first line ends "Trung tâm
    Phục"), three words or more, or two from an abbreviation on ("… cá nhân HĐND và UBND"). A
    name that ends with the whole unit ("… kết nối về Công an phường") keeps it."""
    tokens = name.split()
    folded = [words(t) for t in tokens]
    first = f" {words(first_line)} "
    for unit in units:
        unit_tokens = unit.split()
        unit_words = [words(t) for t in unit_tokens]
        for k in range(1, len(unit_words) - 1):
            tail = unit_words[k:]
            n = len(tail)
            if not (len(tokens) > n + 3 and folded[-n:] == tail and folded[-n - 1] != unit_words[k - 1]):
                continue
            abbreviation = len(unit_tokens[k]) >= 3 and unit_tokens[k].isalpha() and unit_tokens[k].isupper()
            if abbreviation or (n >= 3 and f" {' '.join(unit_words[:k])} " in first):
                return " ".join(tokens[:-n]).rstrip(" ,;")
    return _without_last_word_of_unit(name, units, first_line_text)


def _without_last_word_of_unit(name: str, units: list[str], first_line_text: str) -> str:
    """The name without a unit's last word that wrapped onto its line, where the row's first line
    (as repaired) ends with the rest of that unit ("… % Phòng Văn hóa - Xã" over "… điện tử hội")."""
    tokens = name.split()
    first = f" {words(first_line_text)}"
    for unit in units:
        unit_words = words(unit).split()
        if len(unit_words) >= 3 and len(tokens) > 4 and words(tokens[-1]) == unit_words[-1] \
                and first.endswith(" " + " ".join(unit_words[:-1])) and not words(name).endswith(words(unit)):
            return " ".join(tokens[:-1]).rstrip(" ,;")
    return name


def _reads_as_target(source: str, m: re.Match) -> bool:
    """A figure only a target is written as: with a comparator ("≥ 80", "trên 80") or a full 100%."""
    before = fold(source[max(0, m.start() - 8):m.start(2)])
    return bool(m.group(1) or re.search(r"\b(?:tren|tu|it nhat|toi thieu)\s*$", before)
                or re.fullmatch(r"100(?:[.,]0+)?", m.group(2)))


def _years_with_lost_column(years: list[int], rows: list[Row]) -> list[int]:
    """The header's years where the scan lost one ("2026 | 2027 2030" over rows of four
    figures): the missing year is the one after the widest gap ("2028")."""
    if len(years) < 3:
        return years  # "2026 | 2030": two milestones, the gap is meant
    counts = Counter(len(_ROW_FIGURE.findall(row.lines[row.anchor].source[8:])) for row in rows)
    counts.pop(0, None)
    if not counts or counts.most_common(1)[0][0] != len(years) + 1:
        return years
    gaps = [(years[k + 1] - years[k], k) for k in range(len(years) - 1)]
    width, k = max(gaps, default=(1, 0))
    if width < 2:
        return years
    return years[:k + 1] + [years[k] + 1] + years[k + 1:]


# a figure of a row: not glued to letters ("s6", "5G"), a comparator allowed before it
_ROW_FIGURE = re.compile(r"(?<![^\W\d_])[<>≥≤=]?\s?\d[\d.,]*(?![^\W\d_])")


def _figures_after_name(line: Line, end: int) -> int:
    """How many figures stand on the line from a little before `end`."""
    return len(_ROW_FIGURE.findall(line.source[max(0, end - 6):]))


def _ge_read_as_two(t: YearTarget, unit: str = "%") -> YearTarget:
    """A share above 100 whose first figure is a 2 ("290", "270 %") is "≥ 90", "≥ 70", and an
    index (0 to 1) read "20,65" is "≥ 0,65": the scan read the sign as a 2."""
    if unit == "%" and isinstance(t.value, int | float) and 200 < t.value < 300 and re.match(r"^\s*2\d\d\b", t.text or ""):
        return YearTarget(year=t.year, op=">=", value=tidy(t.value - 200), text=t.text)
    index = re.match(r"^\s*2(0[.,]\d{1,3})\s*$", t.text or "")
    if unit == "chỉ số" and index and isinstance(t.value, int | float) and 20 < t.value < 21:
        return YearTarget(year=t.year, op=">=", value=tidy(float(index.group(1).replace(",", "."))), text=t.text)
    return t


def _fix_percent(token: str) -> str:
    """OCR reads "100%" as "10005", "95%" as "9504": drop a trailing %-shaped suffix above 100."""
    m = re.search(NUMBER, token)
    if not m:
        return token
    digits = m.group(0)
    if digits.isdigit() and int(digits) > 100:
        for cut in (3, 2, 1):
            head, tail = digits[:cut], digits[cut:]
            if head and int(head) <= 100 and re.fullmatch(r"0?[4-6]|9[4-6]?|%", tail):
                return token.replace(digits, head + "%", 1)
    return token


def _symbols_in_words(folded: str) -> str:
    """OCR symbols inside a word read for its letters ("thu@ng xuyen", "n&m 2026"), for matching
    deadline words."""
    return re.sub(r"(?<=[a-z])[@&](?=[a-z])", lambda m: "o" if m.group(0) == "@" else "a", folded)


def _task(row: Row, ctx: Context, group: str | None, progress: bool = False) -> Task | None:
    """A task row; `progress`: columns of what was done follow the deadline's ("Thời hạn | Kết
    quả đến ngày … | Tình trạng"), whose dates are no deadline: the first one found is."""
    cells = read_cells(row.lines, row.anchor, ctx.level, ctx.units)
    name, rests = _row_name(row, "tasks", cells)
    if len(name.split()) < 3:
        return None
    anchor = row.lines[row.anchor]
    folded_rest = _symbols_in_words(" ".join(fold(line.source[end:]) for line, end in rests))
    anchor_rest = _symbols_in_words(fold(anchor.source[_end_of(rests, anchor):]))
    matches = list(_DEADLINE.finditer(anchor_rest)) or list(_DEADLINE.finditer(folded_rest))
    text = _deadline_text(matches[0 if progress else -1].group(0)) if matches else None
    stacked = stacked_deadline(row.lines[row.anchor:])
    if stacked is not None and not (progress and text):
        text = stacked
    if text is None:
        # the deadline cell's two words at the ends of two lines ("… Thường" / "… xuyên")
        ends = [fold(ln.source).split()[-1] for ln in row.lines if ln.source.split()]
        mid = _MID_DEADLINE.search(row.lines[0].source, len(row.lines[0].source) // 2)
        if mid:
            ends.insert(0, fold(mid.group(1)))  # "… Thường Cơ sở dữ liệu …" / "… xuyên …"
            ends[1:] = [w for ln in row.lines[1:3] for w in fold(ln.source).split()] + ends[1:]
        for i, first in enumerate(ends):
            later = ends[i + 1:]
            if re.fullmatch(r"th\w{0,3}ng", first) and any(re.fullmatch(r"xu\w{0,3}n", w) for w in later):
                text = "Thường xuyên"
                break
            if re.fullmatch(r"h[aă]n[gce]", first) and any(re.fullmatch(r"n[aăi]m", w) for w in later):
                text = "Hằng năm"
                break
            year = next((w for w in later if re.fullmatch(r"20\d\d", w)), None)
            if re.fullmatch(r"n[aăi]m", first) and year:
                text = f"Năm {year}"  # "… Năm …" / "… 2026 |": the cell wrapped beside others
                break
        if text is None and any(re.fullmatch(r"thu\w?on\w?", w) for w in ends):
            # the deadline column's "Thường" cut at the line end, its "xuyên" lost to OCR noise
            text = "Thường xuyên"
    # the ends of the row's lines, and the right part of its first line, where a deadline cell's
    # word stands (in a progress table nearer the middle, before the results)
    line_ends = [fold(ln.source).split()[-1] for ln in row.lines if ln.source.split()]
    first_right = row.lines[0].source[len(row.lines[0].source) // (3 if progress else 2):]
    if text is not None and re.fullmatch(r"\d{1,2}/\d{4}|[Tt]?[IVXLivxl1]{1,4}/\d{4}", text):
        # "Quý" / "3/2026" or "Tháng" / "6/2026": the deadline cell's word ends the line above,
        # or stands in its middle when a product column follows ("… Quý Hội nghị quán …")
        mid = re.search(r"\s(Qu[yý]|Th[aá]ng)\s", first_right)
        words = ([fold(mid.group(1))] if mid else []) + line_ends
        word = next((w for w in words if re.fullmatch(r"quy|thang|thg", w)), None)
        if word is not None:
            text = _deadline_text(f"{word} {text}")
    # "Trước" / "31/5/2026": a day is a time limit when the cell's word before it says so
    if text is not None and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text) and (
            re.search(r"\sTr[uư]d?[oớé]c\s", first_right) or any(re.fullmatch(r"tr[uy]d?[oe]c", w) for w in line_ends)):
        text = f"Trước ngày {text}"
    if text is None:
        # OCR-garbled "Thusne xuvén" at the end of the number's line
        tail = " ".join(re.findall(r"[a-z]+", anchor_rest)[-2:])
        for label in ("Thường xuyên", "Hằng năm"):
            if len(tail) >= 6 and fuzz.ratio(tail, fold(label)) >= 70:
                text = label
                break
    plan_ref = re.search(r"\btheo\b.{0,60}?(k\S{0,2}\s*ho\S{0,3}ch|\bd\S{1,2}\s*an\b|chuong trinh)", folded_rest)
    if plan_ref and (text is None or text.startswith("Năm")):
        # "Theo Kế hoạch / của UBND tỉnh / năm 2026" wrapped over three lines: no date of its own
        text = "Theo kế hoạch" + (f" {text.lower()}" if text else "")
    deadline = parse_deadline(text)
    if cells is not None:
        lead, support = _column_order(rests, cells.lead, list(cells.support), ctx.level)
    else:
        # no name of the vocabulary in the row: unit-like words after the name, as written
        units = _units(rests, anchor, ctx.level)
        on_anchor = _units([(ln, end) for ln, end in rests if ln is anchor], anchor, ctx.level)
        if len(on_anchor) == 1 and _generic(on_anchor[0]):
            # one generic "Các phòng, ban, đơn vị" beside the number is the support column; a
            # named office elsewhere in the row is the lead (cells are centred vertically)
            specific = next((u for u in units if not _generic(u)), None)
            if specific is not None:
                units = [specific] + [u for u in units if u != specific]
        lead, support = _lead(units, rests, ctx.level), units[1:]
    lead = _spelled_out_office(lead, row.lines)
    name = _without_unit_tail(name, [u for u in [lead, *support] if u], row.lines[row.anchor].source,
                              row.lines[row.anchor].text)
    # (a name never ends with "và": that is the joiner of a unit cell beside it, "… và | Đô thị")
    name = re.sub(r"\s+và$", "", name)
    return Task(code=row.code, group=group, name=name, lead=lead, support=support,
                product=None, deadline=Deadline(text=deadline.text, due=deadline.due, recurrence=deadline.recurrence),
                status=_progress_status(row) if progress else None)


# a progress table's last column, folded, as the ends of the row's lines read it ("Đang" /
# "thực hiện"): the last one found is the row's
_GAP = r"\s(?:\S+\s){0,2}?"  # a word or two of other cells between the status's words
_STATUSES = (
    (rf"ch\w{{0,2}}m{_GAP}ti\w{{0,2}}n{_GAP}d\w{{0,2}}", "Chậm tiến độ"),
    (rf"ch\w{{0,2}}a{_GAP}(?:th\w{{0,3}}c?{_GAP}hi\w{{0,2}}n|tri\w{{0,2}}n{_GAP}kh\w{{0,2}}i)", "Chưa thực hiện"),
    (rf"d\w{{0,2}}ng{_GAP}(?:th\w{{0,3}}c?{_GAP}hi\w{{0,2}}n|tri\w{{0,2}}n{_GAP}kh\w{{0,2}}i)", "Đang thực hiện"),
    (rf"ho\w{{0,2}}n{_GAP}th\w{{0,2}}nh", "Hoàn thành"),
)


def _progress_status(row: Row) -> str | None:
    ends = " ".join(" ".join(fold(ln.source).replace("|", " ").split()[-3:]) for ln in row.lines)
    best: tuple[int, str] | None = None
    for pattern, written in _STATUSES:
        for m in re.finditer(pattern, ends):
            if best is None or m.start() > best[0]:
                best = (m.start(), written)
    return best[1] if best else None


# a whole deadline cell, folded, as the ends of its lines read one after another
_WHOLE_DEADLINE = re.compile(
    r"th\w{0,3}ng xu\w{0,3}n|h[aă]\w{0,2} (?:nam|quy|thang)|(?:tr\w{1,3}c )?(?:ngay )?\d{1,2}/\d{1,2}/\d{4}"
    r"|quy [ivxl1|]{1,4}7?/\d{4}|quy [1-4]/\d{4}|(?:thang )?\d{1,2}/\d{4}|n[aăi]m \d{4}"
    r"|\d thang (?:dau|cu\w{1,2}) nam \d{4}|(?:t[uy] )?thang \d{1,2}\W? d[eé]n thang \d{1,2}/\d{4}|\d{4} ?- ?\d{4}")


def stacked_deadline(lines: list[Line]) -> str | None:
    """The deadline of a row whose cells begin at its top line, read from the ends of its
    lines when the narrow deadline column wrapped it ("… | Quý" / "… | II/2026", "… Trước" /
    "… ngày" / "… 30/6/2026"): None unless the row's first line ends with a deadline's word."""
    if not lines or not ends_with_deadline(lines[0]):
        return None
    ends: list[str] = []
    for line in lines[:5]:
        tokens = fold(line.source).replace("|", " ").split()
        if not tokens:
            break
        # a number before the last word belongs to the cell: "6 tháng", "3. đến"
        take = 2 if len(tokens) >= 2 and re.fullmatch(r"\d{1,2}\W?", tokens[-2]) and not tokens[-1][:1].isdigit() else 1
        if len(tokens) >= 2 and tokens[-1] in ("-", "–") and re.fullmatch(r"20\d\d", tokens[-2]):
            take = 2  # "2027 -" over "2028": a span of years cut by the narrow column
        if len(tokens) >= 2 and re.fullmatch(r"quy|thang|truoc", tokens[-2]) and "/" in tokens[-1]:
            take = 2  # "Quý IV/202" over "6": the cell's word with what it dates
        if len(tokens) >= 3 and re.fullmatch(r"\d thang (?:dau|cu\w{1,2})", " ".join(tokens[-3:])):
            take = 3  # "6 tháng đầu" over "năm 2026"
        if ends and re.fullmatch(r"\d thang (?:dau|cu\w{1,2})", ends[-1]) and len(tokens) >= 2 \
                and re.fullmatch(r"n[aăi]m", tokens[-2]):
            take = 2  # … and "năm 2026" below it
        end = " ".join(t.strip(".,;:") for t in tokens[-take:])
        if ends and re.search(r"(?:^|\s)(?:[ivx1l]{1,3}|\d{1,2})(?:/\d{1,2})?/20\d{0,2}$", ends[-1]) \
                and re.fullmatch(r"\d{1,2}", end):
            ends[-1] += end  # "15/12/202" over "7", "Quý IV/202" over "6": a year the narrow column cut
        else:
            ends.append(end)
        joined = " ".join(ends)
        if _WHOLE_DEADLINE.fullmatch(joined):
            return parse_deadline(joined).text and _deadline_text(joined)
    return None


_MID_DEADLINE = re.compile(r"\s(Th\w{1,3}ng|H[aằ]ng|N[aă]m)\s")


_OFFICE = ("Văn phòng HĐND và UBND", "Văn phòng HĐND & UBND", "Văn phòng Đảng ủy")


# a unit's short name and its full one, with the words of the full one that its other lines show
# (a word or few of other cells may stand between them: "Đô" … "thị")
_FULL_NAMES = (
    ("Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị", (r"\bh\w{0,2}(?:\s+\w+){0,4}?\s*t\w{0,2}ng\b", r"\bd\w{0,2}(?:\s+\w+){0,4}?\s*th\w{0,2}\b")),
    ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công", (r"\bph\w{0,2}c(?:\s+\w+){0,4}?\s*v\w{0,2}\b", r"\bh\w{0,2}nh(?:\s+\w+){0,4}?\s*ch\w{0,2}nh\b")),
    ("Phòng VHXH", "Phòng Văn hóa - Xã hội", (r"\bv\w{0,2}n(?:\s+\w+){0,4}?\s*h\w{0,2}a\b", r"\bx\w{0,2}(?:\s+\w+){0,4}?\s*h\w{0,2}i\b")),
    ("Trung tâm DVTH", "Trung tâm Dịch vụ tổng hợp", (r"\bd\w{0,2}ch(?:\s+\w+){0,4}?\s*v\w{0,2}\b", r"\bt\w{0,2}ng(?:\s+\w+){0,4}?\s*h\w{0,2}p\b")),
)


def _full_unit_name(lead: str | None, lines: list[Line]) -> str | None:
    """The unit's full name where the row writes it out over its lines ("Phòng Kinh tế," / "Hạ
    tầng và Đô thị"), not the shorter one its first line matched."""
    text = " ".join(re.findall(r"[a-z0-9]+", fold(" ".join(ln.source for ln in lines))))
    for short, full, parts in _FULL_NAMES:
        if lead == short and all(re.search(p, text) for p in parts):
            return full
    return lead


def _spelled_out_office(lead: str | None, lines: list[Line]) -> str | None:
    """"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân" as the row writes it out, where the
    cell reader matched its wrapped words to the abbreviated office (or to the Party's)."""
    if lead not in _OFFICE:
        return lead
    text = " ".join(re.findall(r"[a-z]+", fold(" ".join(ln.source for ln in lines))))
    # the cell's words may lie between other cells' ("Văn phòng Hội" … "đồng nhân dân và")
    if re.search(r"\bv\w{0,2}n ph\w{0,2}ng h\w{0,2}i\b(?:\s\w+){0,20}?\sd\w{0,2}ng nh\w{0,2}n d\w{0,2}n\b", text) \
            and not re.search(r"\bd\w{0,2}ng uy\b", text):
        return "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
    return lead


def _column_order(rests: list[tuple[Line, int]], lead: str | None, support: list[str],
                  level: str | None = None) -> tuple[str | None, list[str]]:
    """The lead column stands left of the support column: where a support unit's first words
    come before the lead's on a line holding both ("… Công an Phòng Kinh …"), they swap; a
    unit's name there that no cell reader took ("Công an" / "phường") is the lead."""
    if not lead:
        return lead, support
    if rests:
        line, end = rests[0]
        raw = line.source[end:]
        folded = fold(raw)
        if len(folded) == len(raw):
            heads = head_positions(raw, folded)
            at = folded.find(" ".join(words(lead).split()[:2]))
            if heads and at > heads[0] and not any(h == at for h in heads[:1]):
                earlier = canonical(raw[heads[0]:at], strict=True, level=level)
                if earlier and earlier != lead and earlier not in support:
                    return earlier, [lead] + support
    if not support:
        return lead, support
    def head(unit: str) -> str:
        return " ".join(words(unit).split()[:2])
    for line, end in rests:
        # the words after the row's name on the line: its other cells, left to right
        text = " " + " ".join(re.findall(r"[a-z0-9]+", fold(line.source[end:]))) + " "
        at = text.find(f" {head(lead)} ")
        if at < 0:
            continue
        earlier = [u for u in support if 0 <= text.find(f" {head(u)} ") < at and len(head(u).split()) == 2]
        if earlier:
            first = min(earlier, key=lambda u: text.find(f" {head(u)} "))
            return first, [lead] + [u for u in support if u != first]
        return lead, support
    return lead, support


def _deadline_text(folded: str) -> str:
    """Write a deadline found in folded OCR text the way the document means it."""
    f = folded.strip().lower()  # ("Iv/2026" written once already, read again after "Quý")
    if re.match(r"th\w{0,3}ng xu", f):
        return "Thường xuyên"
    if re.match(r"ha\w{1,2} n", f):
        return "Hằng năm"
    if re.match(r"ha\w{1,2} (quy|thang)", f):
        return "Hằng quý" if "quy" in f else "Hằng tháng"
    m = re.match(r"quy\s*(t?[ivxl1|]{1,4}7?|[2-4](?=\s*/))\s*(?:/|nam)?\s*(\d{4})", f)
    if m:
        q = parse_deadline(f"Quý {m.group(1)}/{m.group(2)}")
        roman = {3: "I", 6: "II", 9: "III", 12: "IV"}.get(int(q.due[5:7]) if q.due else 0, m.group(1))
        return f"Quý {roman}/{m.group(2)}"
    for pattern, written in _DEADLINE_WORDING:
        m = re.match(pattern, f)
        if m:
            return written(m)
    return sentence_case(f)


# folded deadline wordings and how the document means them
_DEADLINE_WORDING: tuple[tuple[str, Callable[[re.Match], str]], ...] = (
    (r"(?:nam|nim)\s*(\d{4})", lambda m: f"Năm {m.group(1)}"),
    (r"tr\w{1,3}c (?:ngay )?(\d{1,2}/\d{1,2}/\d{4})", lambda m: f"Trước ngày {m.group(1)}"),
    (r"(\d) thang (dau|cu\w{1,2}) nam (\d{4})",
     lambda m: f"{m.group(1)} tháng {'đầu' if m.group(2) == 'dau' else 'cuối'} năm {m.group(3)}"),
    (r"(?:t[uy] )?thang (\d{1,2})\W? d[eé]n thang (\d{1,2}/\d{4})", lambda m: f"Từ tháng {m.group(1)} đến tháng {m.group(2)}"),
    (r"thang\s*([\d.]{1,3})\s*(?:/|nam)\s*(\d{4})", lambda m: f"Tháng {m.group(1)}/{m.group(2)}"),
    (r"(20\d\d)\s*-\s*(20\d\d)", lambda m: f"{m.group(1)} - {m.group(2)}"),
    (r"(\d{1,2}/\d{1,2}/\d{4})", lambda m: m.group(1)),
)


def _top_budget_rows(body: list[Line], unit: str, total_first: bool = False,
                     total_last: bool = False) -> list[Found] | None:
    """Items of a budget table whose cells begin at the top of each row: every line with an
    amount after the item's first words (and before a funding source) begins an item; the lines
    below without an amount carry on its name. None when the table is not laid out so."""
    firsts: list[tuple[int, str | None, int, int, str | None]] = []  # line, code, item span, amount
    cut_source: set[int] = set()
    for j, line in enumerate(body):
        m = AMOUNT_LINE.match(line.source)
        if m and len(m.group("item").split()) >= 3 and not re.match(r"^\W*t[oôổ6]n?g", fold(line.source)) \
                and (not m.group("source") or reads_as_source(fold(m.group("source")))):
            item_end, amount_text = m.end("item"), m.group("amount")
            run = _TRAILING_FIGURES.search(line.source[:m.end("amount")], m.start("item") + 4)
            if total_first and run:
                # "… 120 60 60": the total, then each year's share
                item_end, amount_text = run.start(), re.search(NUMBER, line.source[run.start():]).group(0)
            elif run:
                item_end = run.start()
                values = [v for v in (parse_amount(f) for f in re.findall(NUMBER, line.source[run.start():m.end("amount")]))
                          if v is not None]
                if total_last and len(values) >= 2 and values[-1] < max(values[:-1]):
                    amount_text = None  # a total below one of its parts: the total's cell was lost
            firsts.append((j, m.group("code"), m.start("item"), item_end, amount_text))
            if re.search(r"ngan sach\s*$", fold(m.group("source") or "")):
                cut_source.add(j)  # "Ngân sách | tỉnh": the source's level word is on the next line
            continue
        folded = fold(line.source)
        lost = _SOURCE_ONLY.match(folded) if len(folded) == len(line.source) else None
        if lost and line.source[lost.start("item")].isupper():
            # an item and its funding source whose amount the scan lost: a row of its own
            firsts.append((j, lost.group("code"), lost.start("item"), lost.end("item"), None))
    # (a line wider than every row's line with its figures is the paragraph below the table
    # that names a source: "Phòng Kinh tế tổng hợp, trình … trong dự toán ngân sách")
    widest = max((len(body[f[0]].source) for f in firsts if f[4] is not None), default=0)
    firsts = [f for f in firsts if f[4] is not None or len(body[f[0]].source) <= widest]
    numbered = _numbered_rows(body)
    # every numbered line opens its item and holds its amount: centred cells put a wrapped
    # item's first words above its number ("9 phí Tổ công nghệ số …") or its amount below
    if len([f for f in firsts if f[4] is not None]) < 2 or len(firsts) < 3 \
            or len([f for f in firsts if f[0] in numbered]) < 0.9 * len(numbered):
        return None
    out: list[Found] = []
    for k, (j, code_text, item_start, item_end, amount_text) in enumerate(firsts):
        end = firsts[k + 1][0] if k + 1 < len(firsts) else len(body)
        pieces = [body[j].repaired_span(item_start, item_end)]
        for line in body[j + 1:end]:
            if not line.source.strip():
                continue  # a blank line the scan put inside the row
            if re.match(r"^[\W_]*(?:t[oôổ6]n?g|b[aă]ng ch)", fold(line.source)) or is_junk(line.source) \
                    or len(line.source) > widest:
                break  # the total (in figures or "Bằng chữ: …"), the scan's noise or a paragraph below the table
            if not mostly_syllables(line.text) or _SOURCE_WRAP.match(fold(line.source)):
                continue  # specks of a row the scan lost, or the funding source's wrapped words
            piece = _SOURCE_AT_END.sub("", line.text)
            if j in cut_source and len(pieces) == 1:
                piece = re.sub(r"\s+(?:tỉnh|tình|xã|phường|huyện|trung ương)\s*$", "", piece)
            pieces.append(piece)
        name = sentence_case(clean_name(" ".join(p for p in pieces if p)))
        code = re.sub(r"[^\d.]", "", code_text or "").strip(".") or None
        amount = parse_amount(amount_text) if amount_text is not None else None
        item = BudgetLine(code=code, item=name, amount=amount, unit=unit)
        out.append(Found(item, body[j].page, body[j].no, body[end - 1].no, 0.5))
    return out


def _numbered_rows(body: list[Line]) -> list[int]:
    """The budget table's numbered lines, not its total, nor a figure out of sequence that a name
    goes on after in small letters ("18 thôn" under row 5)."""
    out: list[int] = []
    last = 0
    for j, line in enumerate(body):
        m = ANCHOR.match(line.source)
        if m is None or re.match(r"^\W*t[oôổ6]n?g", fold(line.source)):
            continue
        number = int(m.group(1)) if m.group(1).isdigit() else None
        if number is not None and number != last + 1 and re.match(r"[" + SMALL + r"]", line.source[m.end():]):
            continue
        last = number if number is not None else last
        out.append(j)
    return out


# a budget row's first line whose amount the scan lost: the item's words, then its funding
# source ("Mua sắm máy quét cho bộ phận một cửa Ngân sách tỉnh"), matched on folded text
# the funding source's wrapped words at the end of an item's second line ("… của xã xã hội hóa")
_SOURCE_AT_END = re.compile(r"\s+(?:[Xx]ã hội hóa|[Nn]gân sách (?:xã|phường|tỉnh|nhà nước)(?: hỗ trợ)?|hỗ trợ)\s*$")
_SOURCE_WRAP = re.compile(r"^\W*(?:h\w{0,2} tr\w{1,2}|ngan sach \w+|x\w h\w{1,2} h\w{1,2}a)\W*$")  # "hỗ trợ"
_SOURCE_ONLY = re.compile(r"^(?P<code>\W{0,3}\d{1,2}(?:\.\d{1,2})?\W{0,2}\|?\s*)?(?P<item>[a-zđ](?:[^|\d]|(?<=[a-z])\d){10,}?[a-zđ][,.]?)"
                          r"\s+(?:ngan sach|x\w h\w{0,2} h\w{1,2}a|nguon|l\w{1,2}ng gh\w{1,2}p|chuong trinh)(?:\s+[^\s\d]+){0,2}\s*$")


# the figures that end a budget row's first line, with the unit column's word before them
# ("… cho bộ phận tiếp 3 15.000.000 45.000.000", "… trong sản Lớp 2 12.000.000 24.000.000")
# (a figure after a dash is a name's "2026-2030"; the unit's word stands only before a quantity and a price)
_TRAILING_FIGURES = re.compile(r"(?:\s+[|‘'\"]?\s*[" + CAPITAL + r"][" + SMALL + r"]{1,6}(?=\s*[|‘'\"_]?\s*\d[\d.,]*[_|]?\s*[|‘'\"_]?\s+\d))?"
                               r"(?:\s*[|‘'\"_]?\s*(?<![-–/\d.,])\d[\d.,]*[_|]?)+\s*[|_]?\s*$")


# the same figures when the funding source's cell follows them ("… 145 75 70 Ngân sách đặc khu")
_FIGURES_BEFORE_SOURCE = re.compile(r"(?:\s*[|‘'\"_]?\s*(?<![-–/\d.,])\d[\d.,]*[_|]?)+\s*[|_]?\s*(?P<source>[^\W\d_][^\d]*)$")


def _row_figures(source: str, start: int) -> re.Match | None:
    """The figures of a budget row's line: those that end it, or those before the funding source's
    cell that ends it ("… phần mềm 145 75 70 Ngân sách đặc khu")."""
    trailing = _TRAILING_FIGURES.search(source, start)
    if trailing is None:
        before_source = _FIGURES_BEFORE_SOURCE.search(source, start)
        if before_source and reads_as_source(fold(before_source.group("source"))):
            return before_source
    return trailing


def _total_column_last(header: list[Line]) -> bool:
    """A budget table whose last column totals two or more before it ("Ngân sách tỉnh | Ngân
    sách xã | Xã hội hóa | Tổng cộng", "Năm 2026 | Năm 2027 | Tổng")."""
    text = fold(" ".join(ln.source for ln in header))
    total = [m.start() for m in re.finditer(r"\btong\b", text)]
    parts = [m.start() for m in re.finditer(r"ngan sach|xa hoi hoa|\b20\d\d\b", text)]
    return bool(total and len([p for p in parts if p < total[-1]]) >= 2 and not any(p > total[-1] for p in parts))


def _priced(header: list[Line]) -> bool:
    """A budget table of "Số lượng | Đơn giá | Thành tiền" (cut over the header's lines: "Số Đơn
    Thành" / "lượng giá tiền")."""
    text = fold(" ".join(ln.source for ln in header))
    return bool(re.search(r"don\s*gia", text) or all(re.search(rf"\b{w}\b", text) for w in ("don", "gia", "thanh")))


def _priced_amount(line: Line | None, amount: float | int | None) -> float | int | None:
    """The amount of a priced row whose scan kept two of its three figures: the quantity and the
    unit price give it ("4 | 15" is 60); a figure that the other divides is the amount itself,
    the quantity lost ("22 | 132": 6 at 22)."""
    if line is None:
        return amount
    tokens = re.sub(r"\s+[" + CAPITAL + r"][^\d|]*$", "", line.source).replace("|", " ").split()
    figures: list[str] = []
    while tokens and re.fullmatch(r"\d[\d.,]*", tokens[-1]):
        figures.insert(0, tokens.pop())  # the figures that end the line, each a word of its own
    values = [v for v in (parse_amount(f) for f in figures) if v is not None]
    if len(values) != 2 or not all(values):
        return amount
    quantity, price = values
    if price >= quantity and abs(price / quantity - round(price / quantity)) < 1e-9:
        return amount
    return tidy(quantity * price)


def _total_column_first(header: list[Line]) -> bool:
    """A budget table with a column per year and a total column before them ("Tổng kinh phí |
    Năm 2026 | Năm 2027"): a row's amount is its first figure, not its last year's."""
    text = fold(" ".join(ln.source for ln in header))
    year = re.search(r"\b20\d\d\b", text)
    total = re.search(r"\btong\b", text)
    # "Kinh phí giai đoạn 2026 - 2030 | Trong đó năm 2026": the second column is a part of the first
    of_which = re.search(r"\bkinh phi\b.*\btrong d[oe]\b", text)
    return bool(year and total and total.start() < year.start()) or bool(of_which)


_YEAR_OF = re.compile(r"20\d\d$")
_AFTER_YEAR_WORD = re.compile(r"\bn[aăâi]m\s*$", re.IGNORECASE)


def _budget(row: Row, unit: str, total_first: bool = False, total_last: bool = False) -> BudgetLine | None:
    """A budget row: its item words and the amount at the end of the numbered line (the first
    of its figures when the total column stands before the years'). `total_last`: the table's
    last column totals the columns before it (sources or years)."""
    text = " ".join(ln.source for ln in row.lines)
    amounts = [m for m in re.finditer(NUMBER, text) if (m.start() == 0 or not text[m.start() - 1].isalpha())
               and not (_YEAR_OF.match(text, m.start(), m.end()) and _AFTER_YEAR_WORD.search(text, 0, m.start()))]
    anchor = row.lines[row.anchor]
    # a digit glued to letters is an OCR letter ("X4 hội hóa" is "Xã hội hóa"), no figure; a
    # year after "năm" is the item's ("… trong dự toán năm 2026 …")
    m_anchor = [m for m in re.finditer(NUMBER, anchor.source)
                if not (m.start() > 0 and anchor.source[m.start() - 1].isalpha())
                and not (_YEAR_OF.match(anchor.source, m.start(), m.end()) and _AFTER_YEAR_WORD.search(anchor.source, 0, m.start()))]
    # the row's own number is no amount ("3 | Mua máy quét …" whose amount the scan lost)
    number = ANCHOR.match(anchor.source)
    offset = sum(len(ln.source) + 1 for ln in row.lines[:row.anchor])
    if number is not None:
        amounts = [m for m in amounts if not offset <= m.start() < offset + number.end()]
    amount_m = m_anchor[-1] if len(m_anchor) > 1 else (amounts[-1] if amounts else None)
    trailing = _row_figures(anchor.source, 4)
    if total_first and trailing:
        figures = [m for m in m_anchor if m.start() >= trailing.start()]
        amount_m = figures[0] if figures else amount_m
    lost_total = False
    if total_last and trailing and amount_m is not None:
        values = [parse_amount(m.group(0)) for m in m_anchor if m.start() >= trailing.start()]
        values = [v for v in values if v is not None]
        # a total below one of its parts ("50 20" under "Ngân sách tỉnh | … | Tổng cộng"): the
        # scan lost the total's cell, and the last figure is a part
        lost_total = len(values) >= 2 and values[-1] < max(values[:-1])
    name_parts = []
    raw_parts: list[str | None] = []
    for idx, line in enumerate(row.lines):
        if idx != row.anchor and (is_junk(line.source) or not mostly_syllables(line.text)):
            continue  # the scan's specks between rows
        if idx > row.anchor and _SOURCE_WRAP.match(fold(line.source)):
            continue  # the funding source's wrapped words ("Ngân sách tỉnh;" / "xã hội hóa")
        begin = ANCHOR.match(line.source).end() if idx == row.anchor and ANCHOR.match(line.source) else 0
        end = len(line.source)
        if idx == row.anchor and amount_m is not None and len(m_anchor) > 1:
            # the item's words end at the first figure after them (a quantity and a unit price
            # may stand before the amount: "Máy tính để bàn … 3 15.000.000 45.000.000")
            trailing = _row_figures(line.source, begin + 4)
            end = trailing.start() if trailing else m_anchor[-1].start()
        name_parts.append(line.repaired_span(begin, end))
        raw_parts.append(_raw_piece(line, begin, end))
    joined = repair_joined(raw_parts)
    if joined is not None:
        name_parts = [joined]
    name = sentence_case(clean_name(" ".join(p for p in name_parts if p)))
    if not name or re.match(r"^\W*b[aằ]ng ch", fold(name)):
        return None  # "(Bằng chữ: …)": the total in words, not an item
    amount = parse_amount(amount_m.group(0)) if amount_m and not lost_total else None
    return BudgetLine(code=row.code, item=name, amount=amount, unit=unit)


def read_flattened(lines: list[Line], ctx: Context) -> dict[str, list[Found]]:
    ctx.units = document_units(lines)
    out: dict[str, list[Found]] = {"indicators": [], "tasks": [], "budget": [], "totals": [], "results": [],
                                   "task_budget": []}
    for region in find_regions(lines):
        body = [ln for ln in lines[region.start:region.end]
                if ln.cells is None and not is_repeated_header(ln, region.kind)]
        if region.kind == "budget":
            _read_budget(body, out, lines[max(0, region.start - 6):region.start], ctx.warnings)
            continue
        if region.kind == "results" and ctx.kind != "report":
            region.kind = "indicators"  # a plan's table of last year's results sets no results
        if region.kind == "results" and region.periods:
            for row in _named_rows(body):
                for result in period_results(row, ctx, region.periods):
                    out["results"].append(Found(result, row.lines[0].page, row.lines[0].no, row.lines[-1].no, 0.45))
            continue
        if region.kind == "results":
            for row in _result_rows(body):
                if re.match(r"^\s*[-+*•]\s", row.lines[0].source) or _SECTION_START.match(row.lines[0].text) \
                        or is_heading(row.lines[0].text):
                    break  # the text after the table: a list, or the report's next numbered part
                row = _without_paragraph_below(row)
                result = result_row(row, ctx, cumulative=region.cumulative, judged=region.judged,
                                    ratio_column=region.ratio_column)
                if result is not None:
                    out["results"].append(Found(result, row.lines[0].page, row.lines[0].no, row.lines[-1].no, 0.45))
            continue
        group: str | None = None
        header = lines[max(0, region.start - 3):region.start]
        # a task table with a "Kinh phí (triệu đồng)" column: its figures are budget lines too
        money_column = region.kind == "tasks" and any(re.search(r"kinh ?ph", fold(ln.source)) for ln in header)
        # (a header the scan kept in part may stand inside a table found without one, above its first row)
        lead_in = [ln for ln in lines[region.start:min(region.end, region.start + 4)] if len(header_keys(ln.source)) >= 2]
        header_text = words(" ".join(ln.source for ln in header + lead_in[:1])).replace(" ", "")
        deadline_at = re.search(r"th\w{0,3}(?:han|gian)|th[eo]\w?i", header_text)
        # (a "Kết quả/Sản phẩm" column after the deadline is what a task yields, no progress)
        progress = bool(re.search(r"ketqua(?:th\w{0,2}chi|den|dat)|tinhtrang|ghichu|tiendo",
                                  header_text[deadline_at.end():]) if deadline_at else
                        re.search(r"ketqua(?:th\w{0,2}chi|den|dat)|tinhtrang|tiendo|danhgia", header_text))
        money_unit = next((clean(m.group(0)).lower() for ln in header
                           if (m := _MONEY_UNIT.search(ln.text))), "triệu đồng")
        rows = split_rows(body, 5 if region.kind == "indicators" else 3, numbered=region.kind == "tasks",
                          cell_line=lambda ln: cell_line(ln, ctx.level, ctx.units))
        if region.kind == "tasks":
            rows = settle_rows(rows, ctx.level, ctx.units)
        if region.years:
            region.years = _years_with_lost_column(region.years, rows)
        if region.kind == "tasks" and not progress and ctx.kind == "report":
            # a report's table whose header the scan lost: rows that end with a status
            # ("… Quý II/2026 Hoàn thành") tell a progress table
            whole = [row for row in rows if not row.partial and not ROMAN.match(row.code or "")]
            progress = len(whole) >= 2 and sum(_progress_status(row) is not None for row in whole) * 2 > len(whole)
        for row in rows:
            anchor = row.lines[row.anchor]
            if row.partial:
                # what is left of a row is too little to say what the task is: the user is told
                # where to look instead
                table = "nhiệm vụ" if region.kind == "tasks" else "chỉ tiêu"
                ctx.warnings.append(f"Dòng {anchor.no}: một hàng của bảng {table} mất dòng đầu khi quét "
                                    f"(còn lại: '{clean(anchor.text)[:60]}…'); hàng này chưa được đọc")
                continue
            if row.code and ROMAN.match(row.code) and not _has_columns(anchor, region.kind):
                m = ANCHOR.match(anchor.source)
                if m is None:
                    m = GROUP_CODE.match(anchor.source)  # "UL | Dịch vụ số"
                group = clean(anchor.text[m.end():] if m and anchor.raw is None else
                              anchor.repaired_span(m.end() if m else 0, len(anchor.source))) or None
                continue
            item = _indicator(row, region, ctx, group) if region.kind == "indicators" \
                else _task(row, ctx, group, progress)
            if item is None:
                continue
            if region.kind == "indicators" and not any(t.value is not None or t.op in ("rank", "text")
                                                       for t in item.targets) and item.lead is None \
                    and not _INDICATOR_NAME.match(fold(item.name)):
                # a group's title; a "Tỷ lệ …" name whose figure the scan lost stays an
                # indicator (with its target unread)
                group = item.name
                if ctx.warnings and ctx.warnings[-1].startswith(f"Dòng {anchor.no}:"):
                    ctx.warnings.pop()
                continue
            first, last = row.lines[0], row.lines[-1]
            out[region.kind].append(Found(item, first.page, first.no, last.no, 0.45))
            if money_column and isinstance(item, Task):
                amount = _task_amount(row)
                if amount is not None:
                    line = BudgetLine(code=item.code, item=item.name, amount=amount, unit=money_unit)
                    out["task_budget"].append(Found(line, first.page, first.no, last.no, 0.4))
    return out


# a results row's name opens with "Số", "Tỷ lệ", "Tổng", "Chỉ số" (as OCR reads them: "S6", "$6", "Ty 1é")
_RESULT_NAME = re.compile(r"^[\W_]{0,3}(?:\d{1,2}[\W_]{0,3}\s*)?(?:s[o6e]|\$[o6]|t[yi]\s*[l1]|tong|chi\s*so)")
# the same, as a row's first line writes it: with its capital ("Số", "Tỷ lệ"), unlike a wrapped name's "số"
_RESULT_NAME_CAPITAL = re.compile(r"^[\W_]{0,3}(?:\d{1,2}[\W_]{0,3}\s*)?(?:S[o6eéốôồ]|\$[o6]|T[yỷiỉ]\s*[lI1]|T[oổé6]ng|Ch[iỉ]\s*s|M\w{1,3}c\s*d)")


def _without_paragraph_below(row: Row) -> Row:
    """The last row of a results table without the paragraph under the table: apart from the row's
    lines, a long line of running text ("Tổng kinh phí đã chi … là 186,5 triệu / đồng, chủ yếu …"),
    which the text reader reads."""
    for k in range(row.anchor + 1, len(row.lines)):
        line = row.lines[k]
        # (lines left out between them: blank, or the paragraph's first line read as no row's)
        apart = not row.lines[k - 1].text.strip() or line.no - row.lines[k - 1].no > 1
        if apart and "|" not in line.source and len(line.source) > 60 and len(line.source.split()) >= 10:
            return Row(row.lines[:k], row.anchor, row.code, row.partial)
    return row


# a name's words, then two figures or more (plan, result), perhaps a verdict after them
_OWN_FIGURES = re.compile(r"[^\W\d_]{2}.*?(?:[\s|\[]+[<>≥=]?\d[\d.,]*\s*%?){2,}[\s|\]]*"
                          r"(?:[A-ZĐ][^\W\d_]{0,4}(?:\s+[^\W\d_]{1,4})?[\s|\]]*)?$")


def _row_of_own_figures(line: Line) -> bool:
    """A results row whose number the scan lost: its line opens with a capital and ends with its
    figures ("Tài khoản định danh … Tài 6.500 5.927", "Giao dịch … 20.000 21.450 Đạt")."""
    return re.match(r"^[^\w\d]{0,2}[A-ZĐ$]", line.source) is not None and _OWN_FIGURES.search(line.source) is not None


def _split_at_figure_lines(rows: list[Row]) -> list[Row]:
    """Rows of a results table where the scan lost some numbers: a line that opens a figure's
    name ("Số camera …", "Tỷ lệ …") and ends with figures is a row of its own, with the lines
    below it up to the next such line or the row's numbered line."""
    out: list[Row] = []
    for row in rows:
        starts = [i for i, line in enumerate(row.lines) if i != row.anchor and i < row.anchor
                  and (_RESULT_NAME_CAPITAL.match(line.source)
                       and (re.search(r"\d[\d.,]*\s*\w{0,6}\s*$", line.source) or NOTE_AFTER_VERDICT.search(line.source))
                       or _row_of_own_figures(line))]
        # below the numbered line, the next rows whose numbers the scan lost
        below = [i for i, line in enumerate(row.lines) if i > row.anchor and _row_of_own_figures(line)]
        if below:
            out.extend(_split_at_figure_lines([Row(row.lines[:below[0]], row.anchor, row.code)]))
            for k, start in enumerate(below):
                out.append(Row(row.lines[start:below[k + 1] if k + 1 < len(below) else len(row.lines)], 0, None))
            continue
        if not starts:
            out.append(row)
            continue
        cuts = [*starts, row.anchor]
        if cuts[0] > 0:
            out.append(Row(row.lines[:cuts[0]], 0, None))
        for k, start in enumerate(starts):
            out.append(Row(row.lines[start:cuts[k + 1]], 0, None))
        out.append(Row(row.lines[row.anchor:], 0, row.code))
    return out


def _opens_figure_row(line: Line) -> bool:
    """A results row's first line when cells sit at the top of their rows: its number or a
    figure's name ("Số …", "Tỷ lệ …"), then figures after the name."""
    number = ANCHOR.match(line.source)
    rest = line.source[number.end():] if number else line.source
    opens = (number is not None and re.match(r"\W{0,3}[" + CAPITAL + r"$]", rest)) or _RESULT_NAME_CAPITAL.match(line.source)
    return bool(opens) and bool(re.search(r"(?<![^\W\d_])\d", rest))


def _result_rows(body: list[Line]) -> list[Row]:
    """Rows of a flattened results table: by their numbers, or, where the scan lost most of
    them, by the lines that open a name and hold figures (the wrapped name below)."""
    # (what is left of a row whose first line the scan lost names no figure)
    numbered = _split_at_figure_lines([row for row in split_rows(body, 5) if not row.partial])
    openers = [i for i, line in enumerate(body) if line.text and _opens_figure_row(line)]
    numbers = sum(1 for line in body if ANCHOR.match(line.source))
    if len(openers) <= max(numbers, len(numbered)):
        return numbered
    rows: list[Row] = []
    for i, line in enumerate(body):
        if _AFTER_RESULTS.search(fold(line.text)):
            break  # "Tổng hợp: 10/14 chỉ tiêu đạt …": the text below the table
        if i in openers:
            m = ANCHOR.match(line.source)
            rows.append(Row([line], 0, m.group(1) if m else None))
        elif rows and line.text:
            rows[-1].lines.append(line)
    return rows


# the summary under a results table
_AFTER_RESULTS = re.compile(r"^\W*(?:tong hop|nhin chung|danh gia chung)\b|\b\d{1,3}\s*/\s*\d{1,3} chi tieu")


def _named_rows(body: list[Line]) -> list[Row]:
    """Rows of a table whose numbers the scan may have lost: a row starts at a line that opens
    with a figure's name ("Số …", "Tỷ lệ …"), its other lines are the name's wrapped words."""
    rows: list[Row] = []
    for line in body:
        if re.match(r"^\s*[-+*•]\s", line.source) or _SECTION_START.match(line.text) or is_heading(line.text):
            break  # the text after the table
        if _RESULT_NAME.match(fold(line.source)):
            m = ANCHOR.match(line.source)
            rows.append(Row([line], 0, m.group(1) if m else None))
        elif rows:
            rows[-1].lines.append(line)
    return rows


def _task_amount(row: Row) -> float | int | None:
    """The figure a task row's first line ends with, in a table with a "Kinh phí" column: not
    a date's part ("1/2026"), a year, or a month after "Tháng"."""
    m = re.search(r"(?<![/\d.,])(\d[\d.,]*)\s*\|?\s*$", row.lines[row.anchor].source)
    if m is None or re.fullmatch(r"20\d\d", m.group(1)):
        return None
    before = fold(row.lines[row.anchor].source[:m.start()])
    value = parse_amount(m.group(1))
    if value is None or (re.search(r"\b(?:thang|quy)\s*$", before) and value <= 12):
        return None
    return value


# "5. Kết quả thực hiện các chỉ tiêu …", "III. TỒN TẠI": a part of the report, not a row
_SECTION_START = re.compile(r"^\s*(?:\d{1,2}\.|[IVX]{1,4}\.)\s+[" + CAPITAL + r"][^%|]{25,}$|^\s*[IVX]{1,4}\.\s+[" + CAPITAL + r" ]{6,}$")


_INDICATOR_NAME = re.compile(r"^(?:ty le|ti le|so|chi so|muc do)\s")


def _has_columns(line: Line, kind: str) -> bool:
    raw = line.source
    folded = fold(raw)
    if len(folded) != len(raw):
        return False
    return bool(head_positions(raw, folded, 10) or (kind == "tasks" and _DEADLINE.search(folded, 10)))


# a header's line of nothing but its years, under a first line cut by narrow columns ("T 2027")
_YEARS_ONLY = re.compile(r"\W*(?:T\W*\s+)?(?:(?:N[aă]m\s*)?20\d\d\W*){1,4}", re.IGNORECASE)


def _read_budget(body: list[Line], out: dict[str, list[Found]], header: list[Line] | None = None,
                 warnings: list[str] | None = None) -> None:
    unit = "triệu đồng"
    # the header's own lines first ("Đơn vị tính: nghìn đồng" just above the table), then the
    # first rows, then what stands further above
    for line in (header or [])[-3:][::-1] + body[:3] + (header or [])[:-3][::-1]:
        m = _MONEY_UNIT.search(line.text)
        if m:
            unit = clean(m.group(0)).lower()
            break
        if re.search(r"\(\s*d[oô]ng\s*\)|\b(?:don vi tinh|dvt)\s*:?\s*d[a-z0-9]{1,2}ng\b", fold(line.source)):
            unit = "đồng"  # "Thành tiền (đồng)", "(Đơn vị tính: đồng)": amounts written in full, "45.000.000"
            break
    near = (header or [])[-3:]  # the header's own lines, not the text above the table
    # (and its last line when the table's region begins below it: "T 2027" under "STT … Năm")
    near += [ln for ln in body[:2] if _YEARS_ONLY.fullmatch(ln.source.strip())][:1]
    total_first = _total_column_first(near)
    total_last = not total_first and _total_column_last(near)
    for line in body:
        if re.match(r"^\W*t[oôổ]ng", fold(line.source)) and re.search(r"\d", line.source):
            nums = list(re.finditer(NUMBER, line.source))
            amount = nums[0] if total_first else nums[-1]
            item = BudgetLine(code=None, item=clean(line.text), amount=parse_amount(amount.group(0)), unit=unit)
            out["totals"].append(Found(item, line.page, line.no, line.no, 0.6))
    found = _top_budget_rows(body, unit, total_first, total_last)
    if found is None:
        found = []
        for row in split_rows(body, unit_columns=False):
            item = _budget(row, unit, total_first, total_last)
            if item is not None:
                found.append(Found(item, row.lines[0].page, row.lines[0].no, row.lines[-1].no, 0.5))
    # (an item with no amount and no row number whose lines run wider than every row's line with
    # its amount is the paragraph below the table: "Nguồn ngân sách xã được bố trí trong dự toán …")
    width = {ln.no: len(ln.source) for ln in body}
    widest = max((width.get(f.line_start, 0) for f in found if f.item.amount is not None), default=0)
    found = [f for f in found if f.item.amount is not None or f.item.code
             or max((width.get(no, 0) for no in range(f.line_start, f.line_end + 1)), default=0) <= widest]
    if _priced(near):
        for f in found:
            f.item.amount = _priced_amount(next((ln for ln in body if ln.no == f.line_start), None), f.item.amount)
    out["budget"].extend(found)
    for f in found:
        if f.item.amount is None and warnings is not None:
            warnings.append(f"Dòng {f.line_start}: không đọc được số tiền của khoản '{f.item.item[:50]}'")
