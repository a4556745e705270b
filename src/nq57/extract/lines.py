"""The extractor's view of a document: numbered lines, some of them rows of a table.

Real tables come from the text stage as `Table` blocks. Text files converted from Word or Excel
often carry tables as tab-separated or Markdown `| a | b |` lines; those are turned into rows
here too, so every table, whatever its source, is a run of `Line`s with `cells`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.extract.textutil import clean
from nq57.text.document import Document, Paragraph, Table

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass
class Line:
    text: str
    page: int
    no: int
    cells: list[str] | None = None
    table: int | None = None
    confidence: float | None = None


def _split_cells(text: str) -> list[str] | None:
    if text.count("\t") >= 2:
        return [clean(c) for c in text.split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [clean(c) for c in stripped.strip("|").split("|")]
    return None


def document_lines(doc: Document) -> list[Line]:
    """Flatten blocks into lines; consecutive delimited lines form one table."""
    out: list[Line] = []
    table_id = 0
    in_delimited = False
    counter = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            table_id += 1
            in_delimited = False
            for i, row in enumerate(block.rows):
                cells = [clean(c) for c in row]
                counter += 1
                no = block.line + i if block.line else counter
                out.append(Line(" ".join(c for c in cells if c), block.page, no, cells, table_id))
            continue
        assert isinstance(block, Paragraph)
        counter += 1
        no = block.line or counter
        raw = block.text
        if _MD_SEPARATOR.match(raw.strip()):
            continue
        cells = _split_cells(raw)
        if cells is not None:
            if not in_delimited:
                table_id += 1
                in_delimited = True
            out.append(Line(" ".join(c for c in cells if c), block.page, no, cells, table_id, block.confidence))
            continue
        if raw.strip():
            in_delimited = False
        out.append(Line(clean(raw), block.page, no, None, None, block.confidence))
    return out
