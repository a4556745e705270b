"""Read a file into a `Document` with the text stage; a plain-text fallback until it is there."""

from __future__ import annotations

import copy
from pathlib import Path

from nq57.errors import InputFileError, UserError
from nq57.text.document import Document, Paragraph


def _read_plain_text(path: Path) -> Document:
    """Plain .txt/.md reader: one Paragraph per line, form feeds start a new page."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputFileError(str(path), "không đọc được bảng mã của tệp (not a text file)")
    doc = Document(source=str(path), format="txt", encoding=encoding)
    page = 1
    for i, line in enumerate(text.split("\n"), start=1):
        page += line.count("\f")
        doc.blocks.append(Paragraph(line.replace("\f", "").rstrip("\r"), page=page, line=i))
    return doc


def read_pair(path: str | Path) -> tuple[Document, Document | None]:
    """(repaired document, the same document before repair or None) from one read of the file."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(str(path), "không tìm thấy tệp (file not found)")
    try:
        from nq57.text import read_document  # type: ignore[attr-defined]
        from nq57.text.repair import repair_document  # type: ignore[attr-defined]
    except ImportError:
        return read(path), None
    raw = read_document(path, repair=False)
    try:
        doc = repair_document(copy.deepcopy(raw))
    except Exception as exc:  # a broken repair model must not stop extraction: read it as it is
        raw.warnings.append(f"Không sửa được dấu tiếng Việt ({type(exc).__name__}); dùng văn bản gốc")
        return raw, None
    doc.renumber()
    return doc, (raw if doc.repaired else None)


def read_raw(path: str | Path) -> Document | None:
    """The same document without diacritic repair (None when the text stage cannot say)."""
    try:
        from nq57.text import read_document  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return read_document(Path(path), repair=False)
    except TypeError:
        return None


def read(path: str | Path) -> Document:
    """Read any format the text stage supports; plain text directly if it is not available."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(str(path), "không tìm thấy tệp (file not found)")
    if not path.is_file():
        raise InputFileError(str(path), "không phải là tệp (not a file)")
    try:
        from nq57.text import read_document  # type: ignore[attr-defined]
    except ImportError:
        read_document = None
    if read_document is not None:
        try:
            return read_document(path)
        except UserError:
            raise
        except Exception as exc:  # a broken repair model must not stop extraction: read it as it is
            doc = read_document(path, repair=False)
            doc.warnings.append(f"Không sửa được dấu tiếng Việt ({type(exc).__name__}); dùng văn bản gốc")
            return doc
    if path.suffix.lower() not in (".txt", ".md", ".text", ""):
        raise InputFileError(str(path), f"định dạng {path.suffix} chưa được hỗ trợ (unsupported format)")
    return _read_plain_text(path)
