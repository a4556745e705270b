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
    raw: str | None = None  # the line before diacritic repair (keeps OCR symbols such as "|", ">")

    @property
    def source(self) -> str:
        return self.raw if self.raw is not None else self.text

    def repaired_span(self, start: int, end: int) -> str:
        """The repaired text of the raw characters start..end, mapped word by word."""
        raw = self.source
        if self.raw is None:
            return clean(raw[start:end])
        raw_tokens = list(re.finditer(r"\S+", raw))
        fixed = self.text.split()
        if len(raw_tokens) != len(fixed):
            return clean(raw[start:end])
        picked = [fixed[i] for i, t in enumerate(raw_tokens) if t.end() > start and t.start() < end]
        return clean(" ".join(picked))


_NUMBER_TOKEN = re.compile(r"^[(\[]?\d[\d.,/]*(?:k|K|%)?[)\],.;:]*$")


_RATE_PAIR = (re.compile(r"^[-+*•(]*[Tt][yỷi]$"), re.compile(r"^(?:1[8€é¢eè6]|I[¢€é]|l[€¢eé]|16)[,.:;]?$"))


def fix_rate_words(repaired: str, original: str) -> str:
    """OCR writes "Tỷ lệ" (rate), the most common first words of an indicator, as "Ty 1€",
    "Ty I¢", "Ty 18"; the repair cannot always tell. Word by word, put "Tỷ lệ" back there."""
    fixed, raw = repaired.split(), original.split()
    if len(fixed) != len(raw):
        return repaired
    changed = False
    for i in range(len(raw) - 1):
        if _RATE_PAIR[0].match(raw[i]) and _RATE_PAIR[1].match(raw[i + 1]):
            lead = re.match(r"^[-+*•(]*", raw[i]).group(0)
            fixed[i] = lead + ("Tỷ" if raw[i][len(lead):][:1] == "T" else "tỷ")
            fixed[i + 1] = "lệ" + re.sub(r"^[^,.:;]*", "", raw[i + 1])
            changed = True
    return " ".join(fixed) if changed else repaired


def keep_numbers(repaired: str, original: str) -> str:
    """Put back any number the diacritic repair changed ("29k" must not become "số"):
    word by word when both texts have the same words, else the repaired text as it is."""
    fixed, raw = repaired.split(), original.split()
    if len(fixed) != len(raw):
        return repaired
    changed = False
    for i, (f, r) in enumerate(zip(fixed, raw, strict=True)):
        if f != r and _NUMBER_TOKEN.match(r):
            fixed[i] = r
            changed = True
    return " ".join(fixed) if changed else repaired


def _split_cells(text: str) -> list[str] | None:
    if text.count("\t") >= 2:
        return [clean(c) for c in text.split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [clean(c) for c in stripped.strip("|").split("|")]
    return None


def document_lines(doc: Document, unrepaired: Document | None = None) -> list[Line]:
    """Flatten blocks into lines; consecutive delimited lines form one table.

    `unrepaired` is the same document read without repair; its text is kept beside each line.
    """
    out: list[Line] = []
    raw_blocks = (unrepaired.blocks if unrepaired is not None and len(unrepaired.blocks) == len(doc.blocks)
                  else None)
    table_id = 0
    in_delimited = False
    counter = 0
    for bi, block in enumerate(doc.blocks):
        raw_block = raw_blocks[bi] if raw_blocks is not None else None
        if isinstance(block, Table):
            table_id += 1
            in_delimited = False
            raw_rows = raw_block.rows if isinstance(raw_block, Table) and len(raw_block.rows) == len(block.rows) else None
            for i, row in enumerate(block.rows):
                if raw_rows is not None and len(raw_rows[i]) == len(row):
                    row = [keep_numbers(c, r) if c != r else c for c, r in zip(row, raw_rows[i], strict=True)]
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
        original = raw_block.text if isinstance(raw_block, Paragraph) else None
        if original is not None and original != raw:
            raw = fix_rate_words(keep_numbers(raw, original), original)
        out.append(Line(clean(raw), block.page, no, None, None, block.confidence,
                        " ".join(original.split()) if original is not None and original != raw else None))
    return out
