"""PDF export problems give a clear message, never a traceback."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from nq57.errors import UserError
from nq57.report import pdf


def _fake_soffice(folder: Path, body: str) -> str:
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_missing_libreoffice_is_a_clear_user_error(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(UserError, match="LibreOffice") as caught:
        pdf.docx_to_pdf(b"not used")
    assert "--format docx" in str(caught.value)


def test_a_failing_conversion_quotes_libreoffice(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: fake)
    with pytest.raises(UserError, match="source file could not be loaded"):
        pdf.docx_to_pdf(b"x")


def test_a_hanging_conversion_times_out(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "exec sleep 30")
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: fake)
    with pytest.raises(UserError, match="không trả lời"):
        pdf.docx_to_pdf(b"x", timeout=0.5)
