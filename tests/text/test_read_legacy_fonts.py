"""Word and Excel files typed in the old .VnTime (TCVN3) and VNI fonts, text boxes, tracked deletions."""

from __future__ import annotations

import pytest
from read_fixtures import PLAN_LINES

from nq57.text import read_document
from nq57.text.legacy import encode_legacy

UNICODE_TITLE = "Tiêu đề gõ bằng Unicode: Kế hoạch chuyển đổi số"


def _legacy(text: str, encoding: str) -> str:
    """What Word stores for text typed in a legacy 8-bit font: the bytes seen as Windows-1252."""
    return encode_legacy(text, encoding).decode("cp1252")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_docx_typed_in_legacy_font_is_converted_and_unicode_parts_untouched(tmp_path, encoding):
    import docx

    document = docx.Document()
    document.add_paragraph(UNICODE_TITLE)
    for line in PLAN_LINES[3:]:
        document.add_paragraph(_legacy(line, encoding))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = _legacy("Phòng Văn hóa - Xã hội", encoding)
    table.cell(0, 1).text = "Trường học"  # Unicode in a legacy document
    document.save(tmp_path / "cu.docx")
    doc = read_document(tmp_path / "cu.docx", repair=False)
    assert doc.encoding == encoding
    lines = [b.text for b in doc.paragraphs()]
    assert lines[0] == UNICODE_TITLE
    assert [line.lower() for line in lines[1:]] == [line.lower() for line in PLAN_LINES[3:]]
    assert doc.tables()[0].rows == [["Phòng Văn hóa - Xã hội", "Trường học"]]


def test_xlsx_typed_in_tcvn3_is_converted(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append([_legacy("Chỉ tiêu", "tcvn3"), _legacy("Đơn vị chủ trì", "tcvn3")])
    wb.active.append([_legacy("Tỷ lệ hồ sơ trực tuyến", "tcvn3"), _legacy("Công an xã", "tcvn3")])
    wb.save(tmp_path / "cu.xlsx")
    doc = read_document(tmp_path / "cu.xlsx", repair=False)
    assert doc.tables()[0].rows == [["Chỉ tiêu", "Đơn vị chủ trì"], ["Tỷ lệ hồ sơ trực tuyến", "Công an xã"]]


def test_unicode_document_with_foreign_words_is_not_converted(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Hợp tác với Zürich, Montréal và São Paulo về đổi mới sáng tạo.")
    document.add_paragraph("Tháng 10 năm 2026")
    document.save(tmp_path / "moi.docx")
    doc = read_document(tmp_path / "moi.docx", repair=False)
    assert doc.encoding is None
    assert [b.text for b in doc.paragraphs()] == [
        "Hợp tác với Zürich, Montréal và São Paulo về đổi mới sáng tạo.",
        "Tháng 10 năm 2026",
    ]


_TEXT_BOX = """
<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <w:r><w:t>Trước khung</w:t></w:r>
  <w:r><mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>Số: 21/KH-UBND</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>Số: 21/KH-UBND</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></w:pict></mc:Fallback>
  </mc:AlternateContent></w:r>
  <w:del><w:r><w:delText>chữ đã xóa</w:delText></w:r></w:del>
</w:p>
"""


def test_text_box_text_appears_once_and_deleted_text_not_at_all(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.element.body.insert(0, parse_xml(_TEXT_BOX))
    document.save(tmp_path / "khung.docx")
    text = read_document(tmp_path / "khung.docx", repair=False).text()
    assert text.count("Số: 21/KH-UBND") == 1
    assert "Trước khung" in text
    assert "xóa" not in text
