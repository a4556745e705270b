"""Decide what a file is from its first bytes, then its extension."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from nq57.errors import InputFileError

TEXT_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".csv": "csv", ".htm": "html", ".html": "html",
}  # fmt: skip
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
OFFICE_EXTENSIONS = {
    ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".doc": "doc", ".xls": "xls", ".rtf": "rtf",
    ".odt": "odt", ".ods": "ods",
}  # fmt: skip
SUPPORTED = ".txt, .md, .csv, .html, .docx, .doc, .odt, .rtf, .xlsx, .xls, .ods, .pdf, .png, .jpg, .tif"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
    b"BM",
)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _first_bytes(data: bytes, member: str, size: int = 100) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)).open(member) as handle:
            return handle.read(size)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, KeyError):
        return b""


def _sniff_zip(name: str, data: bytes, ext: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        raise InputFileError(name, "tệp nén (ZIP) bị hỏng: không đọc được danh mục bên trong") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if ext in (".docx", ".xlsx", ".xlsm"):
        raise InputFileError(name, f"không phải tệp {ext} hợp lệ (thiếu phần nội dung chính bên trong)")
    if "content.xml" in names:
        mimetype = _first_bytes(data, "mimetype") if "mimetype" in names else b""
        if b"opendocument.text" in mimetype or ext == ".odt":
            return "odt"
        if b"opendocument.spreadsheet" in mimetype or ext == ".ods":
            return "ods"
        raise InputFileError(name, "tệp OpenDocument loại này chưa được hỗ trợ: hãy lưu thành .docx/.xlsx")
    raise InputFileError(name, "là tệp nén ZIP, không phải văn bản; hãy giải nén và chọn tệp bên trong")


def _sniff_ole2(name: str, data: bytes) -> str:
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise InputFileError(name, "tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi lưu lại trước khi nạp")
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    raise InputFileError(name, "tệp Office cũ không nhận ra loại (không phải .doc/.xls)")


def _head_text(head: bytes) -> str:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore")
    return head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")


def _markup_kind(head: bytes) -> str | None:
    """Web pages and Office 2003 XML saved under .doc/.xls names ("Xuất Excel" of many
    administrative systems writes an HTML table into a .xls file)."""
    text = _head_text(head).lstrip().lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in text and text.startswith("<?xml"):
        return "xls"  # Excel 2003 XML: LibreOffice reads it
    if 'progid="word.document"' in text and text.startswith("<?xml"):
        return "doc"  # Word 2003 XML
    if re.match(r"<(!doctype html|html|table)\b", text):
        return "html"
    return None


def sniff(name: str, data: bytes) -> str:
    """Format of the file: txt, md, csv, html, docx, xlsx, doc, xls, rtf, odt, ods, pdf or image.

    Content decides when it is recognisable (a .doc that is really a .docx is read as
    .docx); otherwise the extension must be a text one (or absent, as for stdin).
    """
    ext = PurePath(name).suffix.lower() if name != "-" else ""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(name, data, ext)
    if head.startswith(_OLE2):
        return _sniff_ole2(name, data)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypavif"):
        raise InputFileError(name, "ảnh HEIC/AVIF (điện thoại) chưa đọc được: hãy lưu hoặc chụp lại thành JPG/PNG")
    # Text and Markdown files keep their own reader (it keeps line numbers, HTML tables too).
    markup = _markup_kind(head) if ext not in TEXT_EXTENSIONS else None
    if markup:
        return markup
    if ext == ".pdf":
        raise InputFileError(name, "không phải tệp PDF hợp lệ (thiếu phần đầu %PDF)")
    if ext in OFFICE_EXTENSIONS:
        raise InputFileError(name, f"không phải tệp {ext} hợp lệ (nội dung không đúng định dạng)")
    if ext in IMAGE_EXTENSIONS:
        raise InputFileError(name, f"không phải ảnh {ext} hợp lệ (nội dung không đúng định dạng)")
    if ext in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[ext]
    if ext == "":
        return "txt"
    raise InputFileError(name, f"định dạng {ext} không được hỗ trợ (đọc được: {SUPPORTED})")
