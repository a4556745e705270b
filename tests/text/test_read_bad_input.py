"""Bad input: one line naming the file and the problem, exit code 2, no traceback, fast."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from read_fixtures import (
    docx_bytes_with_declared_size,
    make_blank_scan_pdf,
    make_docx,
    make_encrypted_pdf,
    make_text_pdf,
    make_zip_bomb_docx,
)

from nq57.errors import InputFileError
from nq57.text import read_document
from nq57.text.readers import Limits


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "nq57.cli", "text", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env,
    )


def _problem(path) -> str:
    with pytest.raises(InputFileError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value.problem


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "trang.txt").write_bytes(b" \n\t\r\n")
    assert "rỗng" in _problem(tmp_path / "rong.txt")
    assert "rỗng" in _problem(tmp_path / "trang.txt")


def test_binary_junk_with_a_text_extension(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "văn bản" in _problem(path)


def test_missing_file_directory_and_unknown_extension(tmp_path):
    assert "không tìm thấy" in _problem(tmp_path / "khong-co.docx")
    assert "thư mục" in _problem(tmp_path)
    (tmp_path / "a.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    assert ".exe" in _problem(tmp_path / "a.exe")


def test_corrupt_docx_and_xlsx(tmp_path):
    good = make_docx(tmp_path / "tot.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(good[: len(good) // 2])
    (tmp_path / "fake.xlsx").write_bytes(b"day khong phai bang tinh")
    assert "hỏng" in _problem(tmp_path / "cut.docx")
    assert ".xlsx" in _problem(tmp_path / "fake.xlsx")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    assert "zip bomb" in _problem(make_zip_bomb_docx(tmp_path / "bom.docx"))
    declared = tmp_path / "to.docx"
    declared.write_bytes(docx_bytes_with_declared_size(3_000_000_000))
    assert "quá lớn" in _problem(declared)


def test_encrypted_pdf_and_encrypted_word(tmp_path):
    locked = make_encrypted_pdf(tmp_path / "khoa.pdf", make_text_pdf(tmp_path / "mo.pdf"))
    assert "mật khẩu" in _problem(locked)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500
    (tmp_path / "khoa.docx").write_bytes(ole)
    assert "mật khẩu" in _problem(tmp_path / "khoa.docx")


def test_long_scan_is_refused_by_the_page_limit_before_any_ocr(tmp_path):
    path = make_blank_scan_pdf(tmp_path / "dai.pdf", 300)
    problem = _problem(path)
    assert "300" in problem and "200" in problem
    with pytest.raises(InputFileError, match="vượt giới hạn OCR 5 trang"):
        read_document(make_blank_scan_pdf(tmp_path / "sau.pdf", 6), limits=Limits(max_ocr_pages=5))


def test_file_size_limit(tmp_path):
    path = tmp_path / "to.txt"
    path.write_bytes(b"Ke hoach\n" * 2000)
    with pytest.raises(InputFileError, match="quá lớn"):
        read_document(path, limits=Limits(max_file_bytes=1000))


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("rong.txt", b"", "rỗng"),
        ("rac.txt", bytes(range(256)) * 10, "văn bản"),
        ("hong.docx", b"PK\x03\x04 hong", "hỏng"),
        ("la.xyz", b"abc", ".xyz"),
        ("khong-co.pdf", None, "không tìm thấy"),
    ],
)
def test_cli_prints_one_line_and_exits_2(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_cli(str(path))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi:")
    assert str(path) in lines[0] and words in lines[0]


def test_cli_page_limit_option_and_environment(tmp_path):
    path = make_blank_scan_pdf(tmp_path / "scan.pdf", 4)
    result = run_cli(str(path), "--ocr-max-pages", "3")
    assert result.returncode == 2 and "3 trang" in result.stderr.decode()
    env = dict(os.environ, NQ57_OCR_MAX_PAGES="2")
    result = run_cli(str(path), env=env)
    assert result.returncode == 2 and "2 trang" in result.stderr.decode()


def test_cli_prints_text_and_json(tmp_path):
    import json

    path = tmp_path / "a.md"
    path.write_text("Kế hoạch\n| A | B |\n|---|---|\n| 1 | Ủy ban |\n", encoding="utf-8")
    result = run_cli(str(path), "--no-repair")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "Kế hoạch\n| A | B |\n| 1 | Ủy ban |\n\n"
    data = json.loads(run_cli(str(path), "--json", "--no-repair").stdout)
    assert data["format"] == "md"
    assert data["blocks"][1] == {"rows": [["A", "B"], ["1", "Ủy ban"]], "page": 1, "line": 2, "kind": "table", "name": None}


def test_cli_reads_stdin(tmp_path):
    result = run_cli("-", "--no-repair", stdin="Chuyển đổi số\n".encode("utf-16"))
    assert result.returncode == 0
    assert result.stdout.decode() == "Chuyển đổi số\n"


def test_cli_reads_a_word_file_from_stdin_by_its_content(tmp_path):
    data = make_docx(tmp_path / "a.docx").read_bytes()
    result = run_cli("-", "--no-repair", stdin=data)
    assert result.returncode == 0, result.stderr
    assert "| 1 | Số hóa hồ sơ đất đai | Phòng Kinh tế | Quý II/2026 |" in result.stdout.decode()


def test_too_many_lines_and_a_huge_xml_part(tmp_path):
    path = tmp_path / "dai.txt"
    path.write_text("dòng\n" * 50, encoding="utf-8")
    with pytest.raises(InputFileError, match="quá dài"):
        read_document(path, limits=Limits(max_text_lines=20))
    declared = tmp_path / "xml.docx"
    declared.write_bytes(docx_bytes_with_declared_size(80 * 1024 * 1024))
    with pytest.raises(InputFileError, match="document.xml' quá lớn"):
        read_document(declared)


def test_phone_heic_photo_gets_a_hint(tmp_path):
    path = tmp_path / "anh.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200)
    assert "JPG" in _problem(path)
