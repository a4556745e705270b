"""Fuzzing every reader: random bytes and damaged valid files give a Document or an
InputFileError, never another exception."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read_fixtures import PLAN_LINES, make_docx, make_text_pdf, make_xlsx, render_page

from nq57.errors import InputFileError
from nq57.text import Document
from nq57.text.legacy import encode_legacy
from nq57.text.readers import read_bytes
from nq57.text.readers.limits import Limits

# No OCR while fuzzing (a scanned page is refused by the limit): the parsers are under test.
FUZZ_LIMITS = Limits(max_ocr_pages=0, max_file_bytes=2_000_000)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def valid_files() -> dict[str, bytes]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="nq57-fuzz-"))
    image = io.BytesIO()
    render_page(PLAN_LINES[:2], size=20, width=600).save(image, "PNG")
    return {
        "a.docx": make_docx(folder / "a.docx").read_bytes(),
        "a.xlsx": make_xlsx(folder / "a.xlsx").read_bytes(),
        "a.pdf": make_text_pdf(folder / "a.pdf").read_bytes(),
        "a.png": image.getvalue(),
        "a.txt": encode_legacy("\n".join(PLAN_LINES), "vni"),
        "a.md": b"| a | b |\n|---|---|\n| 1 | <table><tr><td rowspan=9>x",
    }


def check(name: str, data: bytes) -> None:
    try:
        doc = read_bytes(name, data, limits=FUZZ_LIMITS)
    except InputFileError as exc:
        assert exc.path == name and exc.problem and "\n" not in exc.problem
        return
    assert isinstance(doc, Document) and doc.blocks
    assert doc.text()


def mutate(data: bytes, edits: list[tuple[int, int]], cut: float | None) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    if cut is not None:
        buffer = buffer[: max(1, int(len(buffer) * cut))]
    return bytes(buffer)


EDITS = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=30)
CUT = st.none() | st.floats(0.05, 1.0)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.csv", "a.docx", "a.xlsx", "a.pdf", "a.png", "a.doc", "a.html", "-"])
@FUZZ
@given(data=st.binary(min_size=0, max_size=3000))
def test_random_bytes(name, data):
    if name == "a.doc" and data.startswith(b"\xd0\xcf\x11\xe0"):
        return  # would start LibreOffice; covered by the office tests
    check(name, data)


@pytest.mark.parametrize("name", ["a.docx", "a.xlsx", "a.pdf", "a.png", "a.txt", "a.md"])
@FUZZ
@given(edits=EDITS, cut=CUT)
def test_damaged_valid_files(name, edits, cut):
    check(name, mutate(valid_files()[name], edits, cut))


@pytest.mark.parametrize(
    ("name", "member"),
    [
        ("a.docx", "word/document.xml"),
        ("a.docx", "word/numbering.xml"),
        ("a.docx", "word/styles.xml"),
        ("a.xlsx", "xl/worksheets/sheet1.xml"),
        ("a.xlsx", "xl/workbook.xml"),
    ],
)
@FUZZ
@given(edits=EDITS, cut=CUT)
def test_damaged_xml_inside_a_valid_zip(name, member, edits, cut):
    source = zipfile.ZipFile(io.BytesIO(valid_files()[name]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, mutate(content, edits, cut) if info.filename == member else content)
    check(name, out.getvalue())
