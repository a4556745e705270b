"""PDF with a text layer, scanned PDFs and images through Tesseract OCR (-l vie)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz
from read_fixtures import PLAN_LINES, TABLE_ROWS, make_scanned_pdf, make_text_pdf, render_page

from nq57.errors import UserError
from nq57.text import Paragraph, read_document


def _similarity(found: str, expected_lines: list[str]) -> float:
    lines = [line for line in found.splitlines() if line.strip()]
    return fuzz.ratio("\n".join(lines), "\n".join(expected_lines)) / 100


def test_text_pdf_lines_and_ruled_table_in_reading_order_with_pages(tmp_path):
    doc = read_document(make_text_pdf(tmp_path / "ke-hoach.pdf"), repair=False)
    assert doc.format == "pdf"
    assert doc.pages == 2
    (table,) = doc.tables()
    assert table.rows == TABLE_ROWS
    assert table.page == 1
    page1 = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.page == 1]
    page2 = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.page == 2]
    assert page1 == PLAN_LINES[:4] + [PLAN_LINES[5]]
    assert page2 == PLAN_LINES[6:]
    # The table sits between the title lines and the sentence under it.
    position = doc.blocks.index(table)
    assert doc.blocks[position - 1].text == PLAN_LINES[3]
    assert doc.blocks[position + 1].text == PLAN_LINES[5]


@pytest.mark.slow
def test_image_is_read_with_vietnamese_ocr(tmp_path):
    path = tmp_path / "trang.png"
    render_page(PLAN_LINES[:6]).save(path)
    doc = read_document(path, repair=False)
    assert doc.format == "image-ocr"
    assert _similarity(doc.text(), PLAN_LINES[:6]) >= 0.95


@pytest.mark.slow
def test_scanned_pdf_is_ocred_page_by_page(tmp_path, capfd):
    path = make_scanned_pdf(tmp_path / "scan.pdf", [PLAN_LINES[:4], PLAN_LINES[4:]])
    doc = read_document(path, repair=False, progress=True)
    assert doc.format == "pdf-ocr"
    assert doc.pages == 2
    assert any("OCR" in w and "1, 2" in w for w in doc.warnings)
    page1 = "\n".join(b.text for b in doc.paragraphs() if b.page == 1)
    page2 = "\n".join(b.text for b in doc.paragraphs() if b.page == 2)
    assert _similarity(page1, PLAN_LINES[:4]) >= 0.95
    assert _similarity(page2, PLAN_LINES[4:]) >= 0.95
    assert "OCR" in capfd.readouterr().err  # the progress bar went to stderr


@pytest.mark.slow
def test_multi_page_tiff(tmp_path):
    pages = [render_page(PLAN_LINES[:3]), render_page(PLAN_LINES[6:8])]
    path = tmp_path / "scan.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    doc = read_document(path, repair=False)
    assert doc.pages == 2
    assert _similarity("\n".join(b.text for b in doc.paragraphs() if b.page == 2), PLAN_LINES[6:8]) >= 0.95


def test_missing_tesseract_is_a_clear_message(tmp_path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    path = tmp_path / "trang.png"
    render_page(["Kế hoạch"]).save(path)
    with pytest.raises(UserError, match="tesseract-ocr"):
        read_document(path)


@pytest.mark.slow
def test_sideways_scan_is_turned_upright(tmp_path):
    path = tmp_path / "xoay.png"
    render_page(PLAN_LINES).rotate(90, expand=True, fillcolor=255).save(path)
    doc = read_document(path, repair=False)
    assert _similarity(doc.text(), PLAN_LINES) >= 0.95


def test_missing_vietnamese_ocr_data_is_a_clear_message(tmp_path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    path = tmp_path / "trang.png"
    render_page(["Kế hoạch"]).save(path)
    with pytest.raises(UserError, match="tesseract-ocr-vie"):
        read_document(path)


def test_a_frame_around_the_page_is_not_a_table(tmp_path):
    from read_fixtures import SANS
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(SANS)))
    path = tmp_path / "khung.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(40, 40, A4[0] - 80, A4[1] - 80)  # the frame, split by a rule under the heading:
    page.line(40, A4[1] - 120, A4[0] - 40, A4[1] - 120)  # pdfplumber sees a 1-column table
    page.setFont("DejaVuSans", 12)
    for i, line in enumerate(PLAN_LINES[:4]):
        page.drawString(60, A4[1] - 80 - 20 * i, line)
    page.save()
    doc = read_document(path, repair=False)
    assert not doc.tables()
    assert [b.text for b in doc.paragraphs()] == PLAN_LINES[:4]


@pytest.mark.slow
def test_scan_with_a_non_vietnamese_ocr_layer_is_read_again_with_vie(tmp_path):
    from read_fixtures import make_scan_with_hidden_text

    hidden = [
        "Ké hoach trién khai chuyén déi s6 va déi méi sang tao nam 2026 cua xa Tan Hiép",
        "Can ctr Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B6 Chinh tri vé dot pha",
        "Ty 1€ ho so thu tuc hanh chinh dugc giai quyét truc tuyén dat 85% trong nam",
    ]
    path = make_scan_with_hidden_text(tmp_path / "scan-ocr-eng.pdf", PLAN_LINES, hidden)
    doc = read_document(path, repair=False)
    assert doc.format == "pdf-ocr"
    assert _similarity(doc.text(), PLAN_LINES) >= 0.9


def test_pdf_with_a_good_vietnamese_text_layer_is_not_ocred(tmp_path):
    from read_fixtures import make_scan_with_hidden_text

    hidden = [line for line in PLAN_LINES for _ in range(3)]  # a good Vietnamese OCR layer
    path = make_scan_with_hidden_text(tmp_path / "scan-ocr-vie.pdf", PLAN_LINES[:2], hidden)
    doc = read_document(path, repair=False)
    assert doc.format == "pdf"


def test_letters_printed_twice_for_fake_bold_are_read_once(tmp_path):
    from read_fixtures import SANS
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(SANS)))
    path = tmp_path / "dam.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("DejaVuSans", 12)
    page.drawString(60, 780, PLAN_LINES[2])
    page.drawString(60.3, 780, PLAN_LINES[2])  # the same heading again, a hair to the right
    page.drawString(60, 750, PLAN_LINES[3])
    page.save()
    doc = read_document(path, repair=False)
    assert [b.text for b in doc.paragraphs()] == [PLAN_LINES[2], PLAN_LINES[3]]


def test_blank_separator_pages_are_skipped_without_ocr(tmp_path):
    from pypdf import PdfReader, PdfWriter

    source = make_text_pdf(tmp_path / "mo.pdf")
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.insert_blank_page(index=1)
    with (tmp_path / "trang-trang.pdf").open("wb") as handle:
        writer.write(handle)
    doc = read_document(tmp_path / "trang-trang.pdf", repair=False)
    assert doc.format == "pdf" and not doc.warnings
    assert sorted({b.page for b in doc.blocks}) == [1, 3]
