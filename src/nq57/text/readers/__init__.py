"""Read any supported file into a `Document`: the first stage of the pipeline.

`read_document` loads the bytes (a path, or "-" for standard input), decides the format
from the content and the extension (`sniff`), runs that format's reader, cleans the
text (NFC, invisible characters, whitespace in cells), numbers the lines, then hands the
document to the diacritic repair when it is installed. Every problem with the input is
an `InputFileError` naming the file: one line for the user, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nq57.errors import InputFileError
from nq57.text.document import Block, Document, Paragraph, Table
from nq57.text.encodings import NotText, decode_text, detect_pasted_legacy, transcode_if_better
from nq57.text.readers.cells import SOFT_HYPHEN, clean_cell, clean_line
from nq57.text.readers.errors import reader_errors
from nq57.text.readers.limits import MB, Limits
from nq57.text.readers.sniff import sniff
from nq57.text.readers.zipcheck import check_zip

__all__ = ["Limits", "load_bytes", "read_bytes", "read_document"]

_NAMES = {"docx": "tệp Word", "xlsx": "tệp Excel", "pdf": "tệp PDF", "image": "ảnh", "csv": "tệp CSV"}
_ENCODING_NOTES = {
    "tcvn3": "văn bản gõ bằng phông TCVN3 (.VnTime) đã được chuyển sang Unicode",
    "vni": "văn bản gõ bằng phông VNI-Windows đã được chuyển sang Unicode",
    "viscii": "văn bản mã VISCII đã được chuyển sang Unicode",
    "cp1258": "văn bản mã Windows-1258 đã được chuyển sang Unicode",
}


def load_bytes(source: str | Path, limits: Limits) -> tuple[str, bytes]:
    """(name for messages, content) of a path or of standard input ("-"), size-capped."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
        name = "-"
    else:
        path = Path(source)
        name = str(source)
        if not path.exists():
            raise InputFileError(name, "không tìm thấy tệp")
        if path.is_dir():
            raise InputFileError(name, "là một thư mục, không phải tệp")
        try:
            if path.stat().st_size > limits.max_file_bytes:
                raise InputFileError(
                    name,
                    f"tệp quá lớn ({path.stat().st_size // MB} MB, tối đa {limits.max_file_bytes // MB} MB)",
                )
            with path.open("rb") as handle:
                data = handle.read(limits.max_file_bytes + 1)
        except PermissionError:
            raise InputFileError(name, "không có quyền đọc tệp") from None
        except OSError as exc:
            raise InputFileError(name, f"không đọc được tệp ({exc.strerror or exc})") from None
    _check_size(name, data, limits)
    return name, data


def _check_size(name: str, data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_file_bytes:
        raise InputFileError(name, f"dữ liệu quá lớn (tối đa {limits.max_file_bytes // MB} MB)")
    if not data.strip():
        raise InputFileError(name, "tệp rỗng")


def _read_text(name: str, data: bytes, kind: str, limits: Limits) -> tuple[list[Block], str]:
    from nq57.text.readers.plaintext import csv_blocks, html_blocks, text_blocks

    try:
        decoded = decode_text(data)
    except NotText as exc:
        raise InputFileError(name, str(exc)) from None
    lines = decoded.text.count("\n") + 1
    if lines > limits.max_text_lines:
        raise InputFileError(name, f"văn bản quá dài ({lines:,} dòng, tối đa {limits.max_text_lines:,})")
    if kind == "csv":
        with reader_errors(name, _NAMES["csv"]):
            return csv_blocks(decoded.text), decoded.encoding
    if kind == "html":
        with reader_errors(name, "trang HTML"):
            return html_blocks(decoded.text), decoded.encoding
    return text_blocks(decoded.text), decoded.encoding


def read_bytes(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    progress: bool = False,
    kind: str | None = None,
    repair: bool = False,
) -> Document:
    """A document from bytes already in memory (an upload); `name` (its file name, whose
    extension counts) is used in messages. Repaired only if asked."""
    doc = _read_bytes(name, data, limits=limits or Limits.from_env(), progress=progress, kind=kind)
    return _repair(doc) if repair else doc


def _read_bytes(name: str, data: bytes, *, limits: Limits, progress: bool, kind: str | None) -> Document:
    _check_size(name, data, limits)
    kind = kind or sniff(name, data)
    fmt = kind
    encoding: str | None = None
    ocr_pages: list[int] = []
    if kind in ("doc", "xls", "rtf", "odt", "ods"):
        from nq57.text.readers.office import TARGETS, convert

        if kind in ("odt", "ods"):
            check_zip(name, data, limits)
        data = convert(data, kind, limits, name)
        kind = TARGETS[kind]
    if kind in ("txt", "md", "csv", "html"):
        blocks, encoding = _read_text(name, data, kind, limits)
    elif kind == "docx":
        check_zip(name, data, limits)
        from nq57.text.readers.docx import read_docx

        with reader_errors(name, _NAMES["docx"]):
            blocks = read_docx(data)
    elif kind == "xlsx":
        check_zip(name, data, limits)
        from nq57.text.readers.xlsx import read_xlsx

        with reader_errors(name, _NAMES["xlsx"]):
            blocks = read_xlsx(data, limits, name)
    elif kind == "pdf":
        from nq57.text.readers.pdf import read_pdf

        with reader_errors(name, _NAMES["pdf"]):
            blocks, ocr_pages = read_pdf(data, limits, name, progress)
        fmt = "pdf-ocr" if ocr_pages else "pdf"
    elif kind == "image":
        from nq57.text.readers.ocr import read_image

        with reader_errors(name, _NAMES["image"]):
            blocks = read_image(data, limits, name, progress)
        fmt = "image-ocr"
    else:  # pragma: no cover - sniff only returns the kinds above
        raise InputFileError(name, f"định dạng {kind} không được hỗ trợ")
    blocks = _cleaned(blocks)
    if kind in ("docx", "xlsx", "pdf", "html") and fmt != "pdf-ocr":
        encoding = _convert_legacy_fonts(blocks) or encoding
    _drop_soft_hyphens(blocks)
    doc = Document(source=name, format=fmt, blocks=blocks, encoding=encoding)
    if kind == "pdf" and ocr_pages:
        doc.warnings.append("đọc bằng OCR tiếng Việt (bản scan) các trang: " + ", ".join(map(str, ocr_pages)))
    if encoding in _ENCODING_NOTES:
        doc.warnings.append(_ENCODING_NOTES[encoding])
    if not any(_has_text(b) for b in doc.blocks):
        what = "ảnh/bản scan" if fmt.endswith("ocr") else "tệp"
        raise InputFileError(name, f"không tìm thấy chữ nào trong {what}")
    doc.renumber()
    return doc


def _cleaned(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [[clean_cell(c) for c in row] for row in block.rows]
            if rows:
                out.append(Table(rows=rows, page=block.page, name=block.name))
        else:
            out.append(Paragraph(clean_line(block.text), page=block.page, confidence=block.confidence))
    return out


def _convert_legacy_fonts(blocks: list[Block]) -> str | None:
    """Text typed in TCVN3/VNI fonts inside Word, Excel or PDF files -> Unicode, line by line.

    The encoding is decided once for the document (from all its suspicious lines), then
    each line or cell is converted only where that reads better, so the Unicode parts of
    a mixed document stay untouched.
    """
    lines = [c for b in blocks for c in (sum(b.rows, []) if isinstance(b, Table) else [b.text])]
    encoding = detect_pasted_legacy(lines)
    if encoding is None:
        return None
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [[transcode_if_better(c, encoding) for c in row] for row in block.rows]
        else:
            block.text = transcode_if_better(block.text, encoding)
    return encoding


def _drop_soft_hyphens(blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [[c.replace(SOFT_HYPHEN, "") for c in row] for row in block.rows]
        else:
            block.text = block.text.replace(SOFT_HYPHEN, "")


def _has_text(block: Block) -> bool:
    if isinstance(block, Table):
        return any(cell for row in block.rows for cell in row)
    return bool(block.text.strip())


def _repair(doc: Document) -> Document:
    """The diacritic repair, when its package is installed (another stage builds it)."""
    try:
        from nq57.text.repair import repair_document
    except ModuleNotFoundError as exc:
        if exc.name in ("nq57.text.repair",):
            return doc
        raise
    except ImportError:
        return doc  # the package exists but does not offer repair_document yet
    try:
        repaired = repair_document(doc)
    except Exception as exc:  # noqa: BLE001 - the text as read is still worth giving the user
        doc.warnings.append(f"không sửa được dấu tiếng Việt ({type(exc).__name__}: {exc}); văn bản giữ nguyên như đã đọc")
        return doc
    repaired.renumber()
    return repaired


def read_document(
    source: str | Path,
    *,
    repair: bool = True,
    progress: bool = False,
    limits: Limits | None = None,
) -> Document:
    """Read a file (or "-" for standard input) into a Document; repair damaged text if asked.

    Formats: .txt/.md/.csv (UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VISCII), .docx,
    .xlsx, .pdf (text layer, or OCR for scans), images (OCR), .doc/.xls/.rtf (LibreOffice).
    Raises InputFileError (a UserError) for anything wrong with the input.
    """
    limits = limits or Limits.from_env()
    name, data = load_bytes(source, limits)
    return read_bytes(name, data, limits=limits, progress=progress, repair=repair)
