"""The .docx read back with python-docx: page setup, fonts, header, page numbers, appendix tables."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from report_sample import sample_content

from nq57.report.docx import write_docx


def _open(party: bool = False, tasks: int = 6):
    return docx.Document(io.BytesIO(write_docx(sample_content(party=party, tasks=tasks))))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_page_is_a4_portrait_with_the_decree_margins():
    section = _open().sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    # Word stores twips: allow the rounding of a fraction of a millimetre.
    mm = {k: round(getattr(section, f"{k}_margin").mm, 1) for k in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25, mm
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20, mm


def test_page_number_field_only_after_the_first_page():
    section = _open().sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_every_run_of_text_is_times_new_roman():
    document = _open()
    assert document.styles["Normal"].font.name == "Times New Roman"
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    fonts = {run.font.name for p in paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}


def test_header_block_ubnd():
    header = _open().tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert "ỦY BAN NHÂN DÂN" in left.text and "XÃ TÂN TRIỀU" in left.text
    assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[0].runs[0].font.size.pt in (12, 13)
    assert right.paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert right.paragraphs[1].runs[0].font.size.pt in (13, 14)
    # The rule lines under the issuer and under the Tiêu ngữ are paragraph borders.
    assert "w:pBdr" in left._element.xml and "w:pBdr" in right._element.xml
    assert header.cell(1, 0).text.startswith("Số:") and header.cell(1, 0).text.endswith("/BC-UBND")
    date_run = header.cell(1, 1).paragraphs[0].runs[0]
    assert date_run.italic and date_run.text.startswith("Tân Triều, ngày 05 tháng 4 năm 2026")


def test_header_block_party():
    document = _open(party=True)
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.cell(0, 1).paragraphs[0].runs[0].font.size.pt == 15
    assert "ĐẢNG ỦY XÃ TÂN TRIỀU" in header.cell(0, 0).text and "*" in header.cell(0, 0).text
    assert header.cell(1, 0).text.endswith("-BC/ĐU")
    text = _all_text(document)
    assert "ỦY BAN NHÂN DÂN" not in text and "T/M ĐẢNG ỦY" not in text  # signer is a deputy here
    assert "K/T BÍ THƯ" in text
    # Under the subject a party document has five hyphens instead of a rule line.
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("BÁO CÁO") + 2] == "-----"


def test_title_body_and_signature():
    document = _open()
    texts = [p.text for p in document.paragraphs]
    title = texts.index("BÁO CÁO")
    assert document.paragraphs[title].runs[0].bold
    assert document.paragraphs[title].alignment == 1  # centred
    assert "quý I năm 2026" in texts[title + 1]
    text = _all_text(document)
    assert "Nơi nhận:" in text and "KT. CHỦ TỊCH" in text and "Lê Thị Hồng" in text
    assert "* Có 3/5 chỉ tiêu đạt và vượt kế hoạch đề ra:" in texts


@pytest.mark.parametrize("party", [False, True])
def test_appendix_tables_repeat_their_header_row(party):
    document = _open(party=party, tasks=40)
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert [t.rows[0].cells[1].text for t in grids] == ["Chỉ tiêu", "Nhiệm vụ"]
    for table in grids:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    indicators, tasks = grids
    assert len(indicators.rows) == 6 and len(tasks.rows) == 41
    assert [c.text for c in indicators.rows[1].cells[3:]] == ["≥ 80%", "85,5%", "Đạt"]
    assert indicators.rows[5].cells[5].text == "Chưa đánh giá"


def test_text_is_nfc():
    import unicodedata

    text = _all_text(_open())
    assert text == unicodedata.normalize("NFC", text)
