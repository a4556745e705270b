"""Plain text (.txt/.md/.csv) into blocks: one paragraph per line, tables where the text has them.

Markdown pipe tables (a header row followed by a `|---|---|` row, as in GitHub
Markdown) and HTML `<table>` elements become `Table` blocks. Other lines, empty ones
too, stay one `Paragraph` each so line numbers match the source file. A table that
takes fewer output lines than it had source lines (the `|---|` row, HTML tags on their
own lines) is followed by empty paragraphs for the difference, so the lines after it
still line up. OCR output that merely contains "|" is not a table: the separator row
is required.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from nq57.text.document import Block, Paragraph, Table
from nq57.text.readers.cells import clean_cell, clean_line

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def split_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    return lines


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [clean_cell(c.replace("\\|", "|")) for c in cells]


def _is_pipe_header(lines: list[str], i: int) -> bool:
    """A header row followed by a delimiter row with as many cells (the GFM rule)."""
    if i + 1 >= len(lines) or "|" not in lines[i] or "|" not in lines[i + 1]:
        return False
    if not _SEPARATOR.match(lines[i + 1]):
        return False
    return len(_pipe_cells(lines[i])) == len(_pipe_cells(lines[i + 1]))


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int]:
    """The table starting at header line i, and the index of the first line after it."""
    rows = [_pipe_cells(lines[i])]
    j = i + 2
    while j < len(lines) and "|" in lines[j] and lines[j].strip():
        rows.append(_pipe_cells(lines[j]))
        j += 1
    width = max(len(r) for r in rows)
    return Table(rows=[r + [""] * (width - len(r)) for r in rows]), j


class _HtmlTables(HTMLParser):
    """Rows and cells of the outermost <table>s; colspan/rowspan repeat the cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._rows: list[list[str]] = []
        self._spans: dict[int, tuple[int, str]] = {}  # column -> (rows left, text) for rowspan
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._colspan = 1
        self._rowspan = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows, self._spans = [], {}
        elif self._depth != 1:
            if tag in ("td", "th", "tr", "br", "p", "div", "li") and self._cell is not None:
                self._cell.append(" ")  # nested table cells and line breaks separate words
        elif tag == "tr":
            self._end_row()
            self._row = []
            self._fill_spans()
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            found = dict(attrs)
            self._colspan = _span(found.get("colspan"))
            self._rowspan = _span(found.get("rowspan"))
            self._cell = []
        elif tag in ("br", "p", "div", "li") and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth == 1:
                self._end_row()
                if self._rows:
                    self.tables.append(self._rows)
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _fill_spans(self) -> None:
        assert self._row is not None
        while len(self._row) in self._spans:
            col = len(self._row)
            left, text = self._spans[col]
            self._row.append(text)
            if left <= 1:
                del self._spans[col]
            else:
                self._spans[col] = (left - 1, text)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            self._cell = None
            return
        text = clean_cell("".join(self._cell))
        for _ in range(self._colspan):
            if self._rowspan > 1:
                self._spans[len(self._row)] = (self._rowspan - 1, text)
            self._row.append(text)
        self._cell = None
        self._fill_spans()

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self._fill_spans()
            if self._row:
                self._rows.append(self._row)
        self._row = None


def _span(value: str | None) -> int:
    return min(int(value), 1000) if value and value.strip().isdigit() and int(value) > 0 else 1


def _html_table(lines: list[str], i: int) -> tuple[list[Block], int] | None:
    """Blocks for the HTML table(s) opening on line i, and the first line after it; None if unclosed."""
    depth, j = 0, i
    while j < len(lines):
        depth += len(_TABLE_OPEN.findall(lines[j])) - len(_TABLE_CLOSE.findall(lines[j]))
        if depth <= 0:
            break
        j += 1
    if j >= len(lines):
        return None
    chunk = "\n".join(lines[i : j + 1])
    parser = _HtmlTables()
    parser.feed(chunk)
    parser.close()
    before = clean_line(re.sub(r"<[^>]*>", " ", chunk[: _TABLE_OPEN.search(chunk).start()])).strip()  # type: ignore[union-attr]
    after = clean_line(re.sub(r"<[^>]*>", " ", chunk[list(_TABLE_CLOSE.finditer(chunk))[-1].end() :])).strip()
    blocks: list[Block] = [Paragraph(before)] if before else []
    for rows in parser.tables:
        width = max(len(r) for r in rows)
        blocks.append(Table(rows=[r + [""] * (width - len(r)) for r in rows]))
    if after:
        blocks.append(Paragraph(after))
    return blocks, j + 1


def _output_lines(blocks: list[Block]) -> int:
    return sum(len(b.rows) if isinstance(b, Table) else 1 for b in blocks)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a text or Markdown file (see the module docstring). A form feed (as
    pdftotext writes between pages) starts a new page; the line it is on stays a line."""
    lines = split_lines(text)
    pages, page = [], 1
    for n, line in enumerate(lines):
        page += line.count("\f")
        pages.append(page)
        lines[n] = line.replace("\f", "")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        found: tuple[list[Block], int] | None = None
        if _is_pipe_header(lines, i):
            table, end = _pipe_table(lines, i)
            found = ([table], end)
        elif _TABLE_OPEN.search(lines[i]):
            found = _html_table(lines, i)
        if found is None:
            blocks.append(Paragraph(clean_line(lines[i]), page=pages[i]))
            i += 1
            continue
        new, end = found
        for block in new:
            block.page = pages[i]
        blocks.extend(new)
        blocks.extend(Paragraph("", page=pages[end - 1]) for _ in range((end - i) - _output_lines(new)))
        i = end
    return blocks


def csv_blocks(text: str) -> list[Block]:
    """A CSV file as one table (delimiter guessed among , ; tab)."""
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[clean_cell(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    return [Table(rows=[r + [""] * (width - len(r)) for r in rows])]


_SKIP_ELEMENTS = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(p|div|br|h[1-6]|li|ul|ol|tr|section|article|header|footer|blockquote|pre)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)


def _html_text_lines(fragment: str) -> list[str]:
    import html

    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", fragment))
    lines = (clean_cell(html.unescape(line)) for line in text.split("\n"))
    return [line for line in lines if line]


def html_blocks(text: str) -> list[Block]:
    """An HTML page (a plan saved as a web page): its text lines and its outermost tables."""
    text = _COMMENT.sub("", _SKIP_ELEMENTS.sub("", text))
    blocks: list[Block] = []
    depth, start, position = 0, 0, 0
    for tag in _TABLE_TAG.finditer(text):
        if tag.group(1) == "":
            if depth == 0:
                blocks.extend(Paragraph(line) for line in _html_text_lines(text[position : tag.start()]))
                start = tag.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                parser = _HtmlTables()
                parser.feed(text[start : tag.end()])
                parser.close()
                for rows in parser.tables:
                    width = max(len(r) for r in rows)
                    blocks.append(Table(rows=[r + [""] * (width - len(r)) for r in rows]))
                position = tag.end()
    blocks.extend(Paragraph(line) for line in _html_text_lines(text[position if depth == 0 else start :]))
    return blocks
