"""nq57.text: read documents (txt, docx, xlsx, pdf, scans, legacy encodings) into a `Document`.

    from nq57.text import read_document
    doc = read_document("ke-hoach.docx")        # repaired when the repair model is installed
    doc = read_bytes("ke-hoach.docx", data)     # an upload already in memory
    doc.text(), doc.blocks, doc.to_json()
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nq57.text.document import Block, Document, Paragraph, Table

if TYPE_CHECKING:
    from nq57.text.readers.limits import Limits

__all__ = ["Block", "Document", "Paragraph", "Table", "read_bytes", "read_document"]


def read_document(
    source: str | Path, *, repair: bool = True, progress: bool = False, limits: Limits | None = None
) -> Document:
    """Read a file (or "-" for standard input): see `nq57.text.readers.read_document`."""
    from nq57.text.readers import read_document as _read

    return _read(source, repair=repair, progress=progress, limits=limits)


def read_bytes(name: str, data: bytes, *, repair: bool = True, limits: Limits | None = None) -> Document:
    """Read an uploaded file's bytes (`name` is its file name): see `nq57.text.readers.read_bytes`."""
    from nq57.text.readers import read_bytes as _read

    return _read(name, data, repair=repair, limits=limits)
