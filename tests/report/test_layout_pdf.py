"""Layout checked on the printed result: the .docx converted by LibreOffice, read by pdfplumber.

Times New Roman is not installable offline here; LibreOffice renders it with its metric twin
Liberation Serif (same glyph widths, so the same line breaks), which the font check accepts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from report_sample import sample_content

from nq57.report.docx import write_docx
from nq57.report.pdf import docx_to_pdf, soffice_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed"),
]

PT_PER_MM = 72 / 25.4
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "report"
ACCEPTED_FONTS = ("TimesNewRoman", "Times-Roman", "Times New Roman", "LiberationSerif")


@pytest.fixture(scope="module", params=[False, True], ids=["ubnd", "party"])
def pdf_path(request, tmp_path_factory) -> Path:
    party = request.param
    name = "party" if party else "ubnd"
    path = tmp_path_factory.mktemp("pdf") / f"bao-cao-{name}.pdf"
    path.write_bytes(docx_to_pdf(write_docx(sample_content(party=party, tasks=40))))
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(path), str(ARTIFACTS / name)],
            check=True,
            timeout=60,
        )
    return path


def _body_chars(page) -> list[dict]:
    """Characters inside the type area: everything except the running header (page number)."""
    top = 20 * PT_PER_MM - 1
    return [c for c in page.chars if c["text"].strip() and c["top"] >= top]


def test_pages_are_a4_portrait(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert abs(page.width - 210 * PT_PER_MM) < 2 and abs(page.height - 297 * PT_PER_MM) < 2


def test_text_stays_within_the_margins(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = _body_chars(page)
            left = min(c["x0"] for c in chars) / PT_PER_MM
            right = (page.width - max(c["x1"] for c in chars)) / PT_PER_MM
            bottom = (page.height - max(c["bottom"] for c in chars)) / PT_PER_MM
            top = min(c["top"] for c in chars) / PT_PER_MM
            # No text crosses the margins: left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm.
            assert left >= 29.5 and right >= 14.5, (page.page_number, left, right)
            assert top >= 19.5 and bottom >= 19.5, (page.page_number, top, bottom)
        # The body's justified text fills the type area: margins no wider than the decree's maximum.
        for page in pdf.pages[:2]:
            chars = _body_chars(page)
            assert min(c["x0"] for c in chars) / PT_PER_MM <= 35.5
            assert (page.width - max(c["x1"] for c in chars)) / PT_PER_MM <= 20.5


def test_only_times_new_roman_or_its_metric_twin(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts and all(f.startswith(ACCEPTED_FONTS) for f in fonts), fonts


def test_national_title_is_at_the_top_right_of_page_one(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        title = "ĐẢNG CỘNG SẢN VIỆT NAM" if "party" in pdf_path.name else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        found = page.search(title)
        assert found, page.extract_text()[:300]
        hit = found[0]
        assert hit["x0"] > page.width * 0.4 and hit["top"] < page.height * 0.12
        if "party" not in pdf_path.name:
            motto = page.search("Độc lập - Tự do - Hạnh phúc")
            assert motto and motto[0]["top"] > hit["top"] and motto[0]["x0"] > page.width * 0.4
        # The rule under the Tiêu ngữ (party: under the title) is as long as that line of text.
        above = page.search("Độc lập - Tự do - Hạnh phúc") if "party" not in pdf_path.name else found
        text_width = above[0]["x1"] - above[0]["x0"]
        rules = [
            e
            for e in page.edges
            if e["orientation"] == "h"
            and e["x0"] > page.width * 0.4
            and 0 < e["top"] - above[0]["bottom"] < 12
        ]
        assert rules, "no rule under the header's right column"
        assert abs((rules[0]["x1"] - rules[0]["x0"]) - text_width) < 0.06 * text_width


def test_page_number_from_page_two_centred_at_the_top(pdf_path):
    margin_top = 20 * PT_PER_MM
    with pdfplumber.open(pdf_path) as pdf:
        first_header = [c for c in pdf.pages[0].chars if c["bottom"] < margin_top and c["text"].strip()]
        assert first_header == []
        for number, page in enumerate(pdf.pages[1:], 2):
            header = [c for c in page.chars if c["bottom"] < margin_top and c["text"].strip()]
            assert "".join(c["text"] for c in header) == str(number)
            middle = (min(c["x0"] for c in header) + max(c["x1"] for c in header)) / 2
            type_area_middle = (30 + (210 - 15)) / 2 * PT_PER_MM
            assert abs(middle - type_area_middle) < 10


def test_first_two_pages_rendered_to_png(pdf_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    name = "party" if "party" in pdf_path.name else "ubnd"
    pngs = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    assert len(pngs) >= 2 and all(p.stat().st_size > 10_000 for p in pngs)
