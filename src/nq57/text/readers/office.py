"""Legacy Office files (.doc, .xls, .rtf) and OpenDocument (.odt, .ods) through LibreOffice
headless, when it is installed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from nq57.errors import InputFileError
from nq57.text.readers.limits import Limits

TARGETS = {"doc": "docx", "rtf": "docx", "odt": "docx", "xls": "xlsx", "ods": "xlsx"}


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, kind: str, limits: Limits, name: str) -> bytes:
    """Bytes of the .docx/.xlsx LibreOffice makes from a .doc/.rtf/.xls file."""
    program = libreoffice()
    target = TARGETS[kind]
    if program is None:
        raise InputFileError(
            name,
            f"tệp .{kind} cần LibreOffice để đọc: cài gói libreoffice-writer/libreoffice-calc, "
            f"hoặc mở tệp bằng Word/Excel và lưu thành .{target}",
        )
    with tempfile.TemporaryDirectory(prefix="nq57-office-") as tmp:
        source = Path(tmp) / f"input.{kind}"
        source.write_bytes(data)
        outdir = Path(tmp) / "out"
        # Own profile folder: a LibreOffice already open on this machine does not block us.
        command = [
            program,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            process.wait(timeout=limits.convert_timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise InputFileError(
                name, f"LibreOffice không chuyển được tệp trong {limits.convert_timeout_s} giây"
            ) from None
        result = outdir / f"input.{target}"
        if not result.is_file():
            raise InputFileError(name, f"LibreOffice không đọc được tệp .{kind} này (tệp hỏng?)")
        return result.read_bytes()
