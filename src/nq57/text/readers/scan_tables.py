"""Ruled tables on scanned pages: find the grid lines, then put each OCR word in its cell.

Without this, OCR reads a table row by row across the columns and the cells of a wrapped
row end up interleaved on several lines. Only Pillow is used: the page is shrunk along
one axis so that a pixel holds the darkness of a 20-pixel segment; ruling lines are long
runs of fully dark segments, letters are not. Cells that a missing ruling line joins
(merged cells) get the same text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

_SEGMENT = 20  # pixels per shrunk pixel along a line
_DARK = 140  # grey level below which a pixel is ink
_MIN_LINE = 12  # a ruling line is at least this many dark segments long (240 px at 300 dpi)
_TOLERANCE = 2 * _SEGMENT  # pixels: how far a line end or crossing may miss (ends are found per segment)
_SAME_LINE = 12  # pixels: two rulings closer than this are one


@dataclass
class _Line:
    at: int  # y of a horizontal line, x of a vertical one
    start: int
    end: int


@dataclass
class Grid:
    """A table's row boundaries (y) and column boundaries (x), and which cells merge."""

    ys: list[int]
    xs: list[int]
    vertical: list[_Line] = field(default_factory=list)
    horizontal: list[_Line] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        row = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        col = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        return row, col

    def _has_vertical(self, x: int, y0: int, y1: int) -> bool:
        return any(
            abs(v.at - x) <= _TOLERANCE and v.start <= y0 + _TOLERANCE and v.end >= y1 - _TOLERANCE
            for v in self.vertical
        )

    def _has_horizontal(self, y: int, x0: int, x1: int) -> bool:
        return any(
            abs(h.at - y) <= _TOLERANCE and h.start <= x0 + _TOLERANCE and h.end >= x1 - _TOLERANCE
            for h in self.horizontal
        )

    def merged_groups(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each cell -> the first cell of the merged area it belongs to."""
        parent: dict[tuple[int, int], tuple[int, int]] = {}

        def find(cell: tuple[int, int]) -> tuple[int, int]:
            while parent.get(cell, cell) != cell:
                cell = parent[cell]
            return cell

        def union(a: tuple[int, int], b: tuple[int, int]) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        for r in range(rows):
            for c in range(1, cols):
                if not self._has_vertical(self.xs[c], self.ys[r], self.ys[r + 1]):
                    union((r, c - 1), (r, c))
        for r in range(1, rows):
            for c in range(cols):
                if not self._has_horizontal(self.ys[r], self.xs[c], self.xs[c + 1]):
                    union((r - 1, c), (r, c))
        return {(r, c): find((r, c)) for r in range(rows) for c in range(cols)}


def _runs(values: bytes, width: int, height: int, across: bool) -> list[_Line]:
    """Long runs of fully dark segments: along rows (across=True) or along columns."""
    lines = []
    outer, inner = (height, width) if across else (width, height)
    for o in range(outer):
        run_start = None
        for i in range(inner + 1):
            dark = i < inner and values[o * width + i if across else i * width + o] >= 230
            if dark and run_start is None:
                run_start = i
            elif not dark and run_start is not None:
                if i - run_start >= _MIN_LINE:
                    lines.append(_Line(o, run_start * _SEGMENT, i * _SEGMENT))
                run_start = None
    return lines


def _merge(lines: list[_Line]) -> list[_Line]:
    """One line per ruling: neighbouring pixel rows of a thick line become one."""
    merged: list[_Line] = []
    for line in sorted(lines, key=lambda item: (item.at, item.start)):
        for kept in merged:
            if abs(kept.at - line.at) <= _SAME_LINE and line.start <= kept.end and line.end >= kept.start:
                kept.start, kept.end = min(kept.start, line.start), max(kept.end, line.end)
                break
        else:
            merged.append(_Line(line.at, line.start, line.end))
    return merged


def _cluster(values: list[int]) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SAME_LINE:
            continue
        out.append(v)
    return out


def find_grids(image) -> list[Grid]:  # noqa: ANN001 - PIL image, greyscale
    """Ruled tables on a page image: each with at least two rows and two columns."""
    from PIL import Image

    ink = image.point(lambda p: 255 if p < _DARK else 0)
    width, height = ink.size
    rows = ink.resize((max(1, width // _SEGMENT), height), Image.BOX)
    cols = ink.resize((width, max(1, height // _SEGMENT)), Image.BOX)
    horizontal = _merge(_runs(rows.tobytes(), rows.width, rows.height, across=True))
    vertical_raw = _runs(cols.tobytes(), cols.width, cols.height, across=False)
    vertical = _merge([_Line(v.at, v.start, v.end) for v in vertical_raw])
    grids: list[Grid] = []
    used: set[int] = set()
    for i in range(len(horizontal)):
        if i in used:
            continue
        # The horizontal lines joined to this one through vertical lines crossing two of them.
        group = {i}
        changed = True
        while changed:
            changed = False
            for j, other in enumerate(horizontal):
                if j not in group and any(_crossed(horizontal[k], other, vertical) for k in group):
                    group.add(j)
                    changed = True
        used |= group
        lines = [horizontal[k] for k in group]
        top, bottom = min(line.at for line in lines), max(line.at for line in lines)
        left, right = min(line.start for line in lines), max(line.end for line in lines)
        inside = [
            v
            for v in vertical
            if left - _TOLERANCE <= v.at <= right + _TOLERANCE
            and v.start <= bottom + _TOLERANCE
            and v.end >= top - _TOLERANCE
        ]
        ys = _cluster([line.at for line in lines])
        xs = _cluster([v.at for v in inside])
        if len(ys) >= 3 and len(xs) >= 3:
            grids.append(Grid(ys=ys, xs=xs, vertical=inside, horizontal=lines))
    return grids


def _crossed(a: _Line, b: _Line, vertical: list[_Line]) -> bool:
    """True if some vertical line runs from horizontal line a to b, inside both."""
    low, high = min(a.at, b.at), max(a.at, b.at)
    return any(
        v.start <= low + _TOLERANCE
        and v.end >= high - _TOLERANCE
        and max(a.start, b.start) - _TOLERANCE <= v.at <= min(a.end, b.end) + _TOLERANCE
        for v in vertical
    )


def erase_rulings(image, grids: list[Grid]):  # noqa: ANN001, ANN201 - PIL images
    """A copy of the page without the tables' ruling lines, which confuse Tesseract's layout."""
    from PIL import ImageDraw

    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for grid in grids:
        for h in grid.horizontal:
            draw.rectangle([h.start - _SEGMENT, h.at - 8, h.end + _SEGMENT, h.at + 8], fill=255)
        for v in grid.vertical:
            draw.rectangle([v.at - 8, v.start - _SEGMENT, v.at + 8, v.end + _SEGMENT], fill=255)
    return clean


def _reading_order(words: list[tuple[float, float, float, str]]) -> list[str]:
    """Words of one cell (x centre, y centre, height, text) line by line, left to right."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for word in sorted(words, key=lambda w: w[1]):
        if lines and abs(word[1] - lines[-1][0][1]) <= max(word[2], lines[-1][0][2]) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [w[3] for line in lines for w in sorted(line, key=lambda w: w[0])]


def table_rows(grid: Grid, words: list[tuple[float, float, float, str]]) -> list[list[str]]:
    """Rows of cell texts from OCR words (x centre, y centre, height, text) inside the grid."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    cells: dict[tuple[int, int], list[tuple[float, float, float, str]]] = {}
    groups = grid.merged_groups()
    for word in words:
        cells.setdefault(groups[grid.cell_of(word[0], word[1])], []).append(word)
    return [[" ".join(_reading_order(cells.get(groups[(r, c)], []))) for c in range(cols)] for r in range(rows)]
