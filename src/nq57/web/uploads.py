"""Checks every uploaded file goes through: not empty, not over the limit, a known format.

Uploads that wait for a confirmation (document review, Excel preview) are kept under
data_dir()/uploads with a random name; the confirm form carries only that name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile

from nq57.config import data_dir
from nq57.web.security import new_token

DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".xlsx", ".xls", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")
EXCEL_SUFFIXES = (".xlsx",)
EVIDENCE_SUFFIXES = DOCUMENT_SUFFIXES + (".zip",)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class UploadProblem(ValueError):
    """What is wrong with an upload, worded for the page."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


async def read_upload(upload: UploadFile | Any, limit: int, suffixes: tuple[str, ...]) -> tuple[str, bytes]:
    """The file's name and bytes, or UploadProblem saying what is wrong."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadProblem("Chưa chọn tệp nào.")
    name = Path(upload.filename).name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise UploadProblem(
            f"Tệp '{name}' có định dạng không được hỗ trợ ({suffix or 'không có đuôi'}). "
            f"Định dạng được nhận: {', '.join(suffixes)}."
        )
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise UploadProblem(f"Tệp '{name}' quá lớn (trên {_megabytes(limit)} MB). Hãy chia nhỏ hoặc nén lại.")
        chunks.append(chunk)
    if size == 0:
        raise UploadProblem(f"Tệp '{name}' rỗng (0 byte).")
    return name, b"".join(chunks)


def pending_dir() -> Path:
    folder = data_dir() / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(name: str, data: bytes, meta: dict[str, Any]) -> str:
    """Store an upload awaiting confirmation; returns its token."""
    token = new_token()
    suffix = Path(name).suffix.lower()
    (pending_dir() / f"{token}{suffix}").write_bytes(data)
    (pending_dir() / f"{token}.json").write_text(
        json.dumps({"name": name, "suffix": suffix, **meta}, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return token


def load(token: str) -> tuple[Path, dict[str, Any]]:
    """The stored file and its metadata; UploadProblem when the token is unknown or malformed."""
    if not _TOKEN.match(token or ""):
        raise UploadProblem("Mã tệp tải lên không hợp lệ. Hãy tải tệp lên lại.")
    meta_path = pending_dir() / f"{token}.json"
    if not meta_path.is_file():
        raise UploadProblem("Không còn tệp đang chờ xác nhận (có thể đã được nhập). Hãy tải tệp lên lại.")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return pending_dir() / f"{token}{meta['suffix']}", meta


def discard(token: str) -> None:
    if not _TOKEN.match(token or ""):
        return
    for path in pending_dir().glob(f"{token}.*"):
        path.unlink(missing_ok=True)
