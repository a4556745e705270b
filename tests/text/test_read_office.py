"""Word, Excel and legacy .doc files: text and tables in order, merged cells repeated."""

from __future__ import annotations

import shutil

import pytest
from read_fixtures import PLAN_LINES, TABLE_ROWS, make_docx, make_xlsx

from nq57.errors import InputFileError
from nq57.text import Paragraph, Table, read_document
from nq57.text.readers.xlsx import format_value


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    doc = read_document(make_docx(tmp_path / "ke-hoach.docx"), repair=False)
    assert doc.format == "docx"
    kinds = [type(b).__name__ for b in doc.blocks]
    table_at = kinds.index("Table")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[:4] == [PLAN_LINES[0], PLAN_LINES[2], PLAN_LINES[3], PLAN_LINES[4]]  # line break splits
    assert all(isinstance(b, Paragraph) for b in doc.blocks[:table_at])
    assert doc.blocks[table_at + 1].text == PLAN_LINES[5]


def test_docx_merged_cells_are_repeated_and_nested_text_joined(tmp_path):
    doc = read_document(make_docx(tmp_path / "ke-hoach.docx"), repair=False)
    (table,) = doc.tables()
    assert table.rows == [
        ["Nội dung", "Nội dung", "Chủ trì", "Thời hạn"],
        ["1", "Số hóa hồ sơ đất đai", "Phòng Kinh tế", "Quý II/2026"],
        ["2", "Cập nhật cơ sở dữ liệu dân cư", "Phòng Kinh tế", "Tháng 10/2026"],
        ["3", "Đào tạo kỹ năng số", "Công an xã", "Hằng năm"],
    ]


def test_docx_page_break_starts_page_two_and_lines_are_numbered(tmp_path):
    doc = read_document(make_docx(tmp_path / "ke-hoach.docx"), repair=False)
    last = doc.blocks[-1]
    assert isinstance(last, Paragraph) and last.text == PLAN_LINES[8] and last.page == 2
    assert doc.pages == 2
    lines = doc.text().splitlines()
    for block in doc.blocks:
        first = block.rows[0] if isinstance(block, Table) else None
        expected = "| " + " | ".join(first) + " |" if first else block.text
        assert lines[block.line - 1] == expected


def test_xlsx_sheets_become_named_tables(tmp_path):
    doc = read_document(make_xlsx(tmp_path / "chi-tieu.xlsx"), repair=False)
    assert doc.format == "xlsx"
    first, second = doc.tables()
    assert (first.name, first.page) == ("Chỉ tiêu", 1)
    assert (second.name, second.page) == ("Kinh phí", 2)
    # the title merged over A1:E1 is a line of text above the table, not a row of it
    assert [p.text for p in doc.paragraphs() if p.page == 1] == ["Bảng chỉ tiêu chuyển đổi số năm 2026"]
    assert first.rows[0:3] == TABLE_ROWS
    assert first.rows[3] == ["3", "Tỷ lệ hài lòng", "%", "99,18%", ""]
    assert first.rows[4] == ["4", "Hạn hoàn thành", "ngày", "30/06/2026", ""]
    assert first.rows[5] == ["5", "Kinh phí", "triệu đồng", "1250,5", ""]
    assert len(first.rows) == 6 and all(len(r) == 5 for r in first.rows)  # far empty cell trimmed
    assert second.rows == [["Nội dung", "Số tiền"], ["Mua sắm thiết bị", "800"], ["Đào tạo", "200"]]


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [(12.0, "General", "12"), (0.5, "0%", "50%"), (3.25, "General", "3,25"), (True, "General", "Có"), (None, "", "")],
)
def test_cell_values_are_written_the_vietnamese_way(value, number_format, text):
    assert format_value(value, number_format) == text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_legacy_doc_is_read_through_libreoffice(tmp_path):
    import subprocess

    source = make_docx(tmp_path / "ke-hoach.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir",
         str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = read_document(tmp_path / "out" / "ke-hoach.doc", repair=False)
    assert doc.format == "doc"
    assert PLAN_LINES[0] in doc.text()
    (table,) = doc.tables()
    assert table.rows[1] == ["1", "Số hóa hồ sơ đất đai", "Phòng Kinh tế", "Quý II/2026"]


def test_doc_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    from nq57.text.readers import office

    monkeypatch.setattr(office, "libreoffice", lambda: None)
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(InputFileError) as info:
        read_document(path)
    assert "LibreOffice" in str(info.value) and str(path) in str(info.value)


def test_xlsx_claiming_the_whole_sheet_as_its_dimension_is_read_quickly(tmp_path):
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Chỉ tiêu", "Năm 2026"])
    wb.save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as source, zipfile.ZipFile(tmp_path / "b.xlsx", "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', content)
            target.writestr(info, content)
    # Walking the declared million rows would hit the cell limit; the real rows are read.
    doc = read_document(tmp_path / "b.xlsx", repair=False)
    assert doc.tables()[0].rows == [["Chỉ tiêu", "Năm 2026"]]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_legacy_xls_is_read_through_libreoffice(tmp_path):
    import subprocess

    source = make_xlsx(tmp_path / "chi-tieu.xlsx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls", "--outdir",
         str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = read_document(tmp_path / "out" / "chi-tieu.xls", repair=False)
    assert doc.format == "xls"
    first = doc.tables()[0]
    assert first.name == "Chỉ tiêu"
    assert first.rows[0:3] == TABLE_ROWS


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ABSTRACT = f"""
<w:abstractNum {_W_NS} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {_W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def test_word_automatic_numbering_is_written_in_front_of_paragraphs(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(parse_xml(_NUM))
    outline = [
        (0, "MỤC ĐÍCH, YÊU CẦU"),
        (1, "Mục đích"),
        (1, "Yêu cầu"),
        (0, "NHIỆM VỤ, GIẢI PHÁP"),
        (1, "Hoàn thiện thể chế"),
        (2, "Rà soát văn bản"),
        (3, "văn bản của xã"),
        (3, "văn bản của tỉnh"),
        (2, "Ban hành quy chế"),
        (1, "Phát triển hạ tầng"),
    ]
    for level, text in outline:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_paragraph("Tổ chức thực hiện")  # not numbered
    document.save(tmp_path / "danh-so.docx")
    lines = [b.text for b in read_document(tmp_path / "danh-so.docx", repair=False).paragraphs()]
    assert lines == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Hoàn thiện thể chế",
        "1.1. Rà soát văn bản",
        "a) văn bản của xã",
        "b) văn bản của tỉnh",
        "1.2. Ban hành quy chế",
        "2. Phát triển hạ tầng",
        "Tổ chức thực hiện",
    ]


def test_numbered_table_column_and_list_styles(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Mục đích", style="List Number")
    document.add_paragraph("ý chính", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for r, task in enumerate(["Số hóa hồ sơ", "Đào tạo kỹ năng số"]):
        table.cell(r, 0).paragraphs[0].style = document.styles["List Number 3"]
        table.cell(r, 1).text = task
    document.save(tmp_path / "bang.docx")
    doc = read_document(tmp_path / "bang.docx", repair=False)
    assert [b.text for b in doc.paragraphs()] == ["1. Mục đích", "• ý chính"]
    assert doc.tables()[0].rows == [["1.", "Số hóa hồ sơ"], ["2.", "Đào tạo kỹ năng số"]]


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [(4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"), (27, "lowerLetter", "aa"), (2, "upperLetter", "B"), (3, "decimalZero", "03")],
)
def test_list_number_formats(n, fmt, label):
    from nq57.text.readers.docx_numbering import format_number

    assert format_number(n, fmt) == label


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_opendocument_text_is_read_through_libreoffice(tmp_path):
    import subprocess

    source = make_docx(tmp_path / "ke-hoach.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt", "--outdir",
         str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = read_document(tmp_path / "out" / "ke-hoach.odt", repair=False)
    assert doc.format == "odt"
    assert doc.tables()[0].rows[1] == ["1", "Số hóa hồ sơ đất đai", "Phòng Kinh tế", "Quý II/2026"]


def test_docx_pages_follow_words_rendered_page_breaks(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Trang một")
    second = document.add_paragraph()
    second._p.append(parse_xml(f"<w:r {_W_NS}><w:lastRenderedPageBreak/><w:t>Trang hai</w:t></w:r>"))
    document.add_paragraph("vẫn trang hai")
    document.save(tmp_path / "trang.docx")
    doc = read_document(tmp_path / "trang.docx", repair=False)
    assert [(b.text, b.page) for b in doc.paragraphs()] == [("Trang một", 1), ("Trang hai", 2), ("vẫn trang hai", 2)]


_EXCEL_2003 = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Chỉ tiêu"><Table>
  <Row><Cell><Data ss:Type="String">Chỉ tiêu</Data></Cell><Cell><Data ss:Type="String">Năm 2026</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">Tỷ lệ hồ sơ trực tuyến</Data></Cell><Cell><Data ss:Type="Number">85</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_excel_2003_xml_saved_as_xls(tmp_path):
    path = tmp_path / "chi-tieu.xls"
    path.write_text(_EXCEL_2003, encoding="utf-8")
    doc = read_document(path, repair=False)
    assert doc.tables()[0].rows == [["Chỉ tiêu", "Năm 2026"], ["Tỷ lệ hồ sơ trực tuyến", "85"]]


def test_a_report_laid_out_in_a_sheet_keeps_its_letterhead_title_and_table_apart(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ỦY BAN NHÂN DÂN", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None])
    ws.append(["XÃ TÂN LẬP", None, "Độc lập - Tự do - Hạnh phúc", None])
    ws.append([])
    ws.append(["BÁO CÁO KẾT QUẢ QUÝ I/2026", None, None, None])
    ws.append(["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"])
    ws.append([1, "Số hồ sơ trực tuyến", 500, 180])
    ws.append([])
    ws.append([None, None, "CHỦ TỊCH", None])
    for cells in ("A1:B1", "C1:D1", "A2:B2", "C2:D2", "A4:D4", "C8:D8"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "bao-cao.xlsx")
    doc = read_document(tmp_path / "bao-cao.xlsx", repair=False)
    letterhead, table = doc.tables()
    assert letterhead.rows == [["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                               ["XÃ TÂN LẬP", "Độc lập - Tự do - Hạnh phúc"]]
    assert table.rows == [["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"], ["1", "Số hồ sơ trực tuyến", "500", "180"]]
    assert [p.text for p in doc.paragraphs()] == ["BÁO CÁO KẾT QUẢ QUÝ I/2026", "CHỦ TỊCH"]
