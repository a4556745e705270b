"""The text stage's output: a document as pages of lines and tables.

Every reader (txt, docx, xlsx, pdf, OCR) produces a `Document`; the repair step
rewrites its text in place of damaged lines; the extractor reads `Document.blocks`
(paragraph lines and tables with rows and cells) and never the original file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass
class Paragraph:
    """One line of running text. `line` is its 1-based line number in `Document.text()`."""

    text: str
    page: int = 1
    line: int = 0
    kind: Literal["paragraph"] = "paragraph"
    # Confidence (0..1) of the repaired words of this line, where repair changed something.
    confidence: float | None = None


@dataclass
class Table:
    """A real table (Word, Excel, PDF, Markdown/HTML): rows of cell strings, merged cells repeated."""

    rows: list[list[str]]
    page: int = 1
    line: int = 0  # line number of the table's first row in `Document.text()`
    kind: Literal["table"] = "table"
    name: str | None = None  # sheet name for spreadsheets


Block = Paragraph | Table


@dataclass
class Document:
    """A read document: where it came from, how it was read, and its blocks in order."""

    source: str
    format: str  # txt, md, docx, xlsx, pdf, pdf-ocr, image-ocr, doc
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None  # for text files: utf-8, utf-16, cp1258, tcvn3, vni, viscii
    warnings: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def pages(self) -> int:
        return max((b.page for b in self.blocks), default=0)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def renumber(self) -> None:
        """Give every block its line number in `text()` (tables take one line per row)."""
        line = 1
        for block in self.blocks:
            block.line = line
            line += len(block.rows) if isinstance(block, Table) else 1

    def text(self) -> str:
        """Plain text: one line per paragraph, one `| a | b |` line per table row."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.extend("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in block.rows)
            else:
                out.append(block.text)
        return "\n".join(out) + ("\n" if out else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "repaired": self.repaired,
            "pages": self.pages,
            "warnings": list(self.warnings),
            "blocks": [asdict(b) for b in self.blocks],
        }
