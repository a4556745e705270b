"""Check a .docx/.xlsx (a ZIP file) before parsing it: a zip bomb is refused unopened."""

from __future__ import annotations

import io
import zipfile

from nq57.errors import InputFileError
from nq57.text.readers.limits import MB, Limits


def check_zip(name: str, data: bytes, limits: Limits) -> None:
    """Refuse archives whose declared contents are too big, too many or packed suspiciously tight."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        raise InputFileError(name, "tệp bị hỏng (không phải ZIP hợp lệ)") from None
    if len(infos) > limits.max_zip_entries:
        raise InputFileError(name, f"tệp có {len(infos)} phần bên trong, quá nhiều (tối đa {limits.max_zip_entries})")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise InputFileError(
            name,
            f"nội dung giải nén quá lớn ({total // MB} MB, tối đa {limits.max_unzipped_bytes // MB} MB): "
            "có thể là tệp 'zip bomb'",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_part_bytes:
            raise InputFileError(
                name,
                f"phần '{info.filename}' quá lớn ({info.file_size // MB} MB, tối đa {limits.max_xml_part_bytes // MB} MB)",
            )
        if info.flag_bits & 0x1:
            raise InputFileError(name, "tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi lưu lại trước khi nạp")
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > MB and ratio > limits.max_zip_ratio:
            raise InputFileError(
                name, f"phần '{info.filename}' nén bất thường (tỷ lệ {ratio:.0f}:1): có thể là tệp 'zip bomb'"
            )
