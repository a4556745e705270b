"""Rows of OCR-flattened tables: find a table's header lines, then cut its lines into rows.

See `flattened` for the whole method. A header is two or three short lines naming at least
three columns; a row starts at a line that begins with its number, and the lines between two
numbered lines are split where a line begins with a capital letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nq57.extract.lines import Line
from nq57.extract.orgs import head_positions
from nq57.extract.textutil import fold, words

_KEYS = {
    "name": r"chitieu|nhiemvu|noidung|tennhiem|hangmuc",
    "stt": r"^stt|^tt\b|stt",
    "unit": r"donvitinh|dvt|donvido|tinh$",
    "lead": r"chutri|theodoi|danhgia|coquan",
    "support": r"phoihop|ph[od0]i\W*$|coquanph",
    "deadline": r"thoigian|thoihan|hoanthanh|tiendo",
    "amount": r"kinhphi|dutoan|trieudong|tongkinh",
    "result": r"ketqua",
    "director": r"chidao|phancong",
}


ANCHOR = re.compile(r"^[^\w\"“”]{0,4}?(\d{1,3}(?:\.\d{1,2})?|\d[oO]|[IVX]{1,4}|[IVXl1]{2,4}|vV|[>])\s*[|.)]?\s+(?=\S)")


ROMAN = re.compile(r"^(?=.*[IVXlv])([IVX]{1,4}|[IVXl1]{2,4}|vV)$")


@dataclass
class Region:
    kind: str
    start: int
    end: int
    years: list[int] = field(default_factory=list)


@dataclass
class Row:
    lines: list[Line]
    anchor: int  # index in `lines` of the numbered line
    code: str | None


def _keys(text: str) -> set[str]:
    compact = words(text).replace(" ", "")
    return {k for k, pat in _KEYS.items() if re.search(pat, compact)}


def find_regions(lines: list[Line]) -> list[Region]:
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells is not None or not line.text or len(line.source) > 170:
            i += 1
            continue
        window = [ln for ln in lines[i:i + 3] if ln.cells is None and len(ln.source) <= 170]
        keys = set().union(*(_keys(ln.source) for ln in window)) if window else set()
        years = sorted({int(y) for ln in window for y in re.findall(r"\b(20[2-6]\d)\b", ln.source)})
        if len(years) >= 3:
            keys.add("years")
        own = _keys(line.source)
        opener = "stt" in own or len(own) >= 4
        if regions and regions[-1].end == -1:
            opener = "stt" in own or len(own) >= 4
        if re.match(r"^\s*[-+*•]", line.source):
            opener = False
        if opener and ("name" in keys or "stt" in keys) and len(keys) >= 3:
            kind = "tasks" if keys & {"support", "deadline"} else (
                "budget" if "amount" in keys and "lead" not in keys else "indicators")
            header_end = i + 1
            while header_end < min(i + 3, len(lines)) and _keys(lines[header_end].source) and \
                    not ANCHOR.match(lines[header_end].source):
                header_end += 1
            if regions and regions[-1].kind == kind and regions[-1].end >= i - 60 and kind != "budget" \
                    and regions[-1].end == -1:
                i = header_end
                continue
            if regions and regions[-1].end == -1:
                regions[-1].end = i
            regions.append(Region(kind, header_end, -1, years if len(years) >= 2 else []))
            i = header_end
            continue
        if regions and regions[-1].end == -1 and re.match(r"^\W*(ph[uụ] l[uụ]c|noi nh|n[oơ]i nh)", fold(line.text)):
            # a new appendix ends the table unless it repeats the same header just below
            regions[-1].end = i
        i += 1
    if regions and regions[-1].end == -1:
        regions[-1].end = len(lines)
    return _merge_repeated(regions, lines)


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


def _starts_upper(line: Line, look: int = 3) -> bool:
    """Whether a line can begin a row's name: a capital letter that is not a unit name or a
    leader ("UBND phường", "Trung tâm", "Đ/c ...") standing in another column."""
    raw = line.source
    m = re.search(r"[^\W\d_]", raw)
    if not (m and raw[m.start()].isupper()):
        return False
    folded = fold(raw)
    if len(folded) == len(raw):
        if any(p <= m.start() + 1 for p in head_positions(raw, folded, 0)):
            return False
        if re.match(r"^\W*(ubnd|uy ban)\b", folded):
            return False
    if re.match(r"^\W*[ĐDPBđ]/[cC]\b", raw):
        return False
    first = raw[m.start():].split()[:look]
    return not is_junk(" ".join(first))


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


def split_rows(lines: list[Line], look: int = 3) -> list[Row]:
    """Rows of a flattened table; `look` is how many first words decide whether a capitalised
    line is a name (indicator names are long, so five words are read there)."""
    body = [ln for ln in lines if ln.text and not re.fullmatch(r"[\W\d]{0,6}", ln.source.strip())]
    anchors = [(i, _anchor(ln)) for i, ln in enumerate(body)]
    anchors = [(i, c) for i, c in anchors if c is not None]
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
        first_upper = next((j for j in between if _starts_upper(body[j], look)), None)
        if first_upper is not None:
            start = first_upper
        nxt = anchors[k + 1][0] if k + 1 < len(anchors) else len(body)
        end = i + 1
        half = (i + nxt + 1) // 2 if k + 1 < len(anchors) and not ROMAN.match(code) else i + 1
        while end < nxt and (end < half or not _starts_upper(body[end], look)):
            end += 1
        if k + 1 == len(anchors):
            end = min(end, i + 6)
        rows.append(Row(body[start:end], i - start, code))
    return rows


def is_junk(raw: str) -> bool:
    """OCR noise: most tokens are not words of two letters or more."""
    tokens = raw.split()
    if not tokens:
        return True
    wordy = [t for t in tokens if re.fullmatch(r"[^\W\d_]{2,}[,.;:]?", t)]
    return len(wordy) < 0.5 * len(tokens)


def is_repeated_header(line: Line) -> bool:
    """A table header repeated at the top of a page (or a line of it)."""
    raw = line.source
    if len(re.findall(r"\b20[2-6]\d\b", raw)) >= 3:
        return True
    keys = _keys(raw)
    if _anchor(line) or not keys:
        return False
    return "stt" in keys or len(keys) >= 3 or (len(keys) >= 2 and len(raw) < 60) or len(raw) < 30
