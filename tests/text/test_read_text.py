"""Plain text and Markdown: one paragraph per source line, real tables as tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57.text import Paragraph, Table, read_document


def _read(tmp_path, text: str, name: str = "van-ban.md", **kwargs):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, repair=False, **kwargs)


def test_every_source_line_is_a_paragraph_with_its_line_number(tmp_path):
    source = "ỦY BAN NHÂN DÂN XÃ AN PHÚ\n\n\nKẾ HOẠCH\n  Mục 1. Mục đích\n"
    doc = _read(tmp_path, source, "a.txt")
    assert [b.text for b in doc.blocks] == ["ỦY BAN NHÂN DÂN XÃ AN PHÚ", "", "", "KẾ HOẠCH", "  Mục 1. Mục đích"]
    assert [b.line for b in doc.blocks] == [1, 2, 3, 4, 5]
    assert doc.text() == source


def test_windows_line_endings(tmp_path):
    doc = _read(tmp_path, "Dòng một\r\nDòng hai\r\n", "a.txt")
    assert [b.text for b in doc.blocks] == ["Dòng một", "Dòng hai"]


def test_markdown_table_becomes_a_table_and_later_lines_keep_their_numbers(tmp_path):
    source = (
        "Bảng chỉ tiêu\n"
        "| STT | Chỉ tiêu | Chủ trì |\n"
        "|:---:|----------|--------:|\n"
        "| 1 | Tỷ lệ hồ sơ trực tuyến | Văn phòng |\n"
        "| 2 | Điểm wifi công cộng \\| miễn phí | Phòng Kinh tế |\n"
        "\n"
        "Dòng sau bảng\n"
    )
    doc = _read(tmp_path, source)
    tables = doc.tables()
    assert len(tables) == 1
    assert tables[0].rows == [
        ["STT", "Chỉ tiêu", "Chủ trì"],
        ["1", "Tỷ lệ hồ sơ trực tuyến", "Văn phòng"],
        ["2", "Điểm wifi công cộng | miễn phí", "Phòng Kinh tế"],
    ]
    assert tables[0].line == 2
    after = [b for b in doc.blocks if isinstance(b, Paragraph) and b.text == "Dòng sau bảng"]
    assert after[0].line == 7  # its line in the source file


def test_ocr_lines_with_pipes_are_not_tables(tmp_path):
    # Flattened OCR tables contain "|" but no Markdown separator row.
    source = "3.3 | Ty le so hoa ho so | % | 100\n| | Phat trien ha tang\n1| TV e phu song | 550, |\n"
    doc = _read(tmp_path, source, "a.txt")
    assert not doc.tables()
    assert len(doc.paragraphs()) == 3


def test_html_table_with_colspan_rowspan_and_nested_markup(tmp_path):
    source = (
        "Trước bảng\n"
        "<table>\n"
        "<tr><th colspan='2'>Nhiệm vụ</th><th>Thời hạn</th></tr>\n"
        "<tr><td rowspan=\"2\">Phòng <b>VH-XH</b></td><td>Số hóa&nbsp;hồ sơ</td><td>Quý II/2026</td></tr>\n"
        "<tr><td>Đào tạo<br>kỹ năng số</td><td>Hằng năm</td></tr>\n"
        "</table>\n"
        "Sau bảng\n"
    )
    doc = _read(tmp_path, source)
    (table,) = doc.tables()
    assert table.rows == [
        ["Nhiệm vụ", "Nhiệm vụ", "Thời hạn"],
        ["Phòng VH-XH", "Số hóa hồ sơ", "Quý II/2026"],
        ["Phòng VH-XH", "Đào tạo kỹ năng số", "Hằng năm"],
    ]
    last = doc.blocks[-1]
    assert isinstance(last, Paragraph) and last.text == "Sau bảng" and last.line == 7


def test_csv_is_one_table(tmp_path):
    doc = _read(tmp_path, "Chỉ tiêu;Năm 2026\nTỷ lệ hài lòng;95%\nSố điểm wifi;12\n", "chi-tieu.csv")
    (table,) = doc.tables()
    assert table.rows == [["Chỉ tiêu", "Năm 2026"], ["Tỷ lệ hài lòng", "95%"], ["Số điểm wifi", "12"]]


def test_invisible_characters_and_nbsp_are_cleaned(tmp_path):
    doc = _read(tmp_path, "Chuyển\u00a0đổi\u200b số\u00ad\n", "a.txt")
    assert doc.blocks[0].text == "Chuyển đổi số"


def test_stdin_is_read_with_dash(monkeypatch):
    import io
    import sys

    data = "Kế hoạch số 12/KH-UBND\n".encode("utf-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_document("-", repair=False)
    assert doc.text() == "Kế hoạch số 12/KH-UBND\n"
    assert doc.source == "-"


def test_repair_is_applied_when_available_and_keeps_line_numbers(tmp_path):
    source = "Ke hoach trien khai chuyen doi so\n\nNam 2026\n"
    doc = _read(tmp_path, source, "a.txt")
    repaired = read_document(tmp_path / "a.txt")
    assert len(repaired.blocks) == len(doc.blocks)
    assert [b.line for b in repaired.blocks] == [b.line for b in doc.blocks]
    assert all(isinstance(b, Paragraph | Table) for b in repaired.blocks)


def test_html_page_gives_text_lines_and_tables(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>bỏ qua</title><style>p {color: red}</style></head><body>\n"
        "<p align=center><b>ỦY BAN NHÂN DÂN<br>XÃ TÂN HIỆP</b></p><!-- ghi chú -->\n"
        "<h2>KẾ HOẠCH</h2><p>Chuyển đổi số &amp; đổi mới sáng tạo</p>\n"
        "<table border=1><tr><td>STT</td><td>Chỉ tiêu</td></tr>"
        "<tr><td>1</td><td>Tỷ lệ <i>hồ sơ</i> trực tuyến</td></tr></table>\n"
        "<p>Nơi nhận:</p></body></html>\n"
    )
    path = tmp_path / "ke-hoach.htm"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path, repair=False)
    assert [b.text for b in doc.paragraphs()] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN HIỆP",
        "KẾ HOẠCH",
        "Chuyển đổi số & đổi mới sáng tạo",
        "Nơi nhận:",
    ]
    assert doc.tables()[0].rows == [["STT", "Chỉ tiêu"], ["1", "Tỷ lệ hồ sơ trực tuyến"]]
    assert doc.blocks.index(doc.tables()[0]) == 4


def test_a_failing_repair_leaves_the_text_as_read_with_a_warning(tmp_path, monkeypatch):
    import nq57.text.repair as repair

    def broken(doc):
        raise ValueError("mô hình hỏng")

    monkeypatch.setattr(repair, "repair_document", broken)
    path = tmp_path / "a.txt"
    path.write_text("Ke hoach nam 2026\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.text() == "Ke hoach nam 2026\n"
    assert any("mô hình hỏng" in w for w in doc.warnings)


def test_form_feeds_start_new_pages_and_keep_line_numbers(tmp_path):
    doc = _read(tmp_path, "Trang một\n\fTrang hai\ndòng hai\n\f\nTrang ba\n", "a.txt")
    assert [(b.text, b.page, b.line) for b in doc.blocks] == [
        ("Trang một", 1, 1),
        ("Trang hai", 2, 2),
        ("dòng hai", 2, 3),
        ("", 3, 4),
        ("Trang ba", 3, 5),
    ]


def test_uploaded_bytes_are_read_like_a_file():
    from nq57.errors import InputFileError
    from nq57.text import read_bytes

    doc = read_bytes("tai-len.md", "| A | B |\n|---|---|\n| 1 | Kế hoạch |\n".encode(), repair=False)
    assert doc.source == "tai-len.md" and doc.tables()[0].rows == [["A", "B"], ["1", "Kế hoạch"]]
    with pytest.raises(InputFileError, match="rong.txt: tệp rỗng"):
        read_bytes("rong.txt", b"")


def test_pipe_table_without_outer_pipes_and_short_delimiters(tmp_path):
    doc = _read(tmp_path, "Chỉ tiêu | Năm 2026\n:-|-:\nTỷ lệ | 95%\n")
    assert doc.tables()[0].rows == [["Chỉ tiêu", "Năm 2026"], ["Tỷ lệ", "95%"]]


def test_a_delimiter_row_with_another_cell_count_is_not_a_table(tmp_path):
    doc = _read(tmp_path, "Nội dung | Chủ trì | Thời hạn\n--- | ---\n1 | 2 | 3\n")
    assert not doc.tables()


_LINE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029<"), max_size=30),
    st.sampled_from(["| a | b |", "|---|---|", "| 1 | Kế hoạch |", "--- | ---", "", "x | y"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=25))
def test_every_source_line_keeps_its_place(lines):
    from nq57.text.readers.plaintext import text_blocks

    blocks = text_blocks("\n".join(lines) + "\n")
    taken = sum(len(b.rows) if isinstance(b, Table) else 1 for b in blocks)
    assert taken == len(lines)


def test_html_table_saved_as_xls_is_read_as_a_table(tmp_path):
    # What the "Xuất Excel" button of many administrative systems writes.
    page = "<html><body><table><tr><td>Đơn vị</td><td>Tỷ lệ</td></tr><tr><td>Xã An Phú</td><td>98,5%</td></tr></table></body></html>"
    path = tmp_path / "bao-cao.xls"
    path.write_bytes(page.encode("utf-16"))
    doc = read_document(path, repair=False)
    assert doc.format == "html"
    assert doc.tables()[0].rows == [["Đơn vị", "Tỷ lệ"], ["Xã An Phú", "98,5%"]]


def test_markdown_file_starting_with_an_html_table_keeps_its_line_numbers(tmp_path):
    doc = _read(tmp_path, "<table>\n<tr><td>A</td></tr>\n</table>\n\nSau bảng\n")
    assert doc.format == "md"
    assert doc.blocks[-1].text == "Sau bảng" and doc.blocks[-1].line == 5
