"""PDF by LibreOffice headless from the .docx, so the PDF is exactly the Word layout."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from nq57.errors import UserError

TIMEOUT_SECONDS = 120


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert .docx bytes to PDF bytes; a UserError when LibreOffice is missing, fails or hangs."""
    soffice = soffice_path()
    if soffice is None:
        raise UserError(
            "Không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice). "
            "Hãy cài LibreOffice hoặc xuất báo cáo dạng .docx (--format docx)."
        )
    with tempfile.TemporaryDirectory(prefix="nq57-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx_bytes)
        # A private profile: LibreOffice refuses to run twice on one profile, and the user's own
        # LibreOffice may be open.
        profile = (folder / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UserError(f"Không tạo được PDF: LibreOffice không trả lời sau {timeout:.0f} giây.") from exc
        target = folder / "bao-cao.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise UserError(
                "Không tạo được PDF: LibreOffice báo lỗi" + (f" ({detail[-1]})" if detail else "") + "."
            )
        return target.read_bytes()
