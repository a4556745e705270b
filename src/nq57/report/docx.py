"""The report as a Word document in the state layout (Nghị định 30/2020 or Hướng dẫn 36-HD/VPTW).

Everything is real, editable Word text: the official finishes and signs it.
"""

from __future__ import annotations

import io
import unicodedata

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from nq57.report import wording
from nq57.report.content import ReportContent
from nq57.report.layout import FONT, PARTY, UBND, Layout
from nq57.report.numbers import vn_date_words
from nq57.report.textwidth import text_width_pt

_PT_PER_MM = 72 / 25.4
_CELL_MARGIN_PT = 5.4


# ---- low-level helpers ----------------------------------------------------------------------


def _set_font(style_or_run, size: float | None = None) -> None:
    """Times New Roman for every script slot, so Vietnamese never falls back to another face."""
    font = style_or_run.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    container,
    text: str = "",
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    space_after: float = 0,
    reuse_first: bool = False,
) -> Paragraph:
    """A paragraph with one run. In a fresh table cell, `reuse_first` fills its empty paragraph."""
    if reuse_first and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.0
    lines = unicodedata.normalize("NFC", text).split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _set_font(run, size)
        run.bold, run.italic, run.underline = bold, italic, underline
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    return paragraph


def _rule(container, width_pt: float, available_pt: float, *, reuse_first: bool = False) -> Paragraph:
    """A solid horizontal line of `width_pt`, centred: a tiny paragraph whose top border is the line."""
    paragraph = _para(container, "", size=1, reuse_first=reuse_first)
    paragraph.paragraph_format.space_before = Pt(2)
    side = max((available_pt - width_pt) / 2, 0)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _page_field(paragraph: Paragraph, size: float) -> None:
    """A PAGE field, so Word and LibreOffice print the running page number."""
    run = paragraph.add_run()
    _set_font(run, size)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)
        elif text == "PAGE":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = " PAGE "
            run._r.append(node)
        else:
            node = OxmlElement("w:t")
            node.text = text
            run._r.append(node)


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "nil")
        borders.append(node)
    tbl_pr.append(borders)


def _repeat_header(row: _Row) -> None:
    """Mark a row as the table's header: Word repeats it at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _cells(table, row: _Row) -> list[_Cell]:
    """A row's cells straight from its XML: python-docx's `row.cells` rescans the whole table,
    which makes long appendix tables quadratic. These tables have no merged cells."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _fixed_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    # LibreOffice reads the grid (gridCol), Word the cells (tcW): set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(_cells(table, row), widths_mm, strict=True):
            cell.width = Mm(width)


# ---- document parts -------------------------------------------------------------------------


def _setup(document: Document, layout: Layout) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.margin_left_mm), Mm(layout.margin_right_mm)
    section.header_distance = Mm(layout.header_distance_mm)
    section.footer_distance = Mm(layout.header_distance_mm)
    normal = document.styles["Normal"]
    _set_font(normal, layout.body_size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    # Page numbers from page 2: page 1 gets its own (empty) header.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number, layout.page_number_size)


def _text_width_pt(layout: Layout) -> float:
    return (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) * _PT_PER_MM


def _header_block(document: Document, content: ReportContent, layout: Layout) -> None:
    total_mm = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    widths = [layout.left_column_mm, total_mm - layout.left_column_mm]
    table = document.add_table(rows=2, cols=2)
    no_borders(table)
    _fixed_widths(table, widths)
    left, right = table.cell(0, 0), table.cell(0, 1)
    # Text inside a cell is narrower than the cell by Word's default margins (0.08 inch a side).
    left_pt, right_pt = (w * _PT_PER_MM - 2 * _CELL_MARGIN_PT for w in widths)

    parent, issuer = wording.issuer_lines(content)
    if parent:
        _para(left, parent, size=layout.parent_size, reuse_first=True)
    _para(left, issuer, size=layout.issuer_size, bold=True, reuse_first=True)
    if layout.issuer_rule == "star":
        _para(left, "*", size=layout.issuer_size)
    else:
        longest = max(issuer.split("\n"), key=len)
        _rule(left, text_width_pt(longest, layout.issuer_size, bold=True) * 0.4, left_pt)

    _para(right, layout.national_title, size=layout.national_title_size, bold=True, reuse_first=True)
    under = layout.motto or layout.national_title
    if layout.motto:
        _para(right, layout.motto, size=layout.motto_size, bold=True)
    size = layout.motto_size if layout.motto else layout.national_title_size
    _rule(right, text_width_pt(under, size, bold=True), right_pt)

    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    _para(number_cell, wording.number_line(content), size=layout.number_size, reuse_first=True)
    _para(
        date_cell,
        wording.place_date_line(content),
        size=layout.place_date_size,
        italic=True,
        reuse_first=True,
    )
    date_cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    number_cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(document: Document, content: ReportContent, layout: Layout) -> None:
    first = _para(document, "BÁO CÁO", size=layout.doc_type_size, bold=True)
    first.paragraph_format.space_before = Pt(18)
    _para(document, wording.subject(content), size=layout.subject_size, bold=True)
    if layout.subject_rule == "dashes":
        _para(document, "-----", size=layout.subject_size, space_after=12)
        return
    rule_pt = min(_text_width_pt(layout) / 3, 160)
    rule = _rule(document, rule_pt, _text_width_pt(layout))
    rule.paragraph_format.space_before = Pt(4)
    rule.paragraph_format.space_after = Pt(12)


def _body(document: Document, content: ReportContent, layout: Layout) -> None:
    for line in wording.body(content):
        paragraph = _para(
            document,
            line.text,
            size=layout.body_size,
            bold=line.kind in ("heading1", "heading2"),
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            space_after=layout.paragraph_spacing_pt,
        )
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(layout.first_line_indent_mm)
        fmt.line_spacing = layout.line_spacing
        if line.kind in ("heading1", "heading2"):
            fmt.keep_with_next = True


def _closing(document: Document, content: ReportContent, layout: Layout) -> None:
    total_mm = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    _fixed_widths(table, [total_mm / 2, total_mm / 2])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(
        left,
        "Nơi nhận:",
        size=layout.recipients_title_size,
        bold=layout.recipients_title_bold_italic,
        italic=layout.recipients_title_bold_italic,
        underline=layout.recipients_title_underline,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        reuse_first=True,
    ).paragraph_format.space_before = Pt(6)
    for item in wording.recipients(content):
        _para(left, item, size=layout.recipients_size, align=WD_ALIGN_PARAGRAPH.LEFT)
    first = True
    for line in wording.signature_lines(content):
        p = _para(right, line, size=layout.signature_size, bold=True, reuse_first=first)
        if first:
            p.paragraph_format.space_before = Pt(6)
        first = False
    # Room for the signature and seal.
    for _ in range(4):
        _para(right, "", size=layout.signature_size)
    _para(right, content.signer.name or "", size=layout.signer_name_size, bold=True)
    _keep_together(table)


def _keep_together(table) -> None:
    """Keep the recipients/signature row on one page."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _appendix_table(
    document: Document, header: list[str], rows: list[list[str]], widths_mm: list[float], layout: Layout
) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    _fixed_widths(table, widths_mm)
    _repeat_header(table.rows[0])
    rows_xml = list(table.rows)
    for cell, text in zip(_cells(table, rows_xml[0]), header, strict=True):
        _para(cell, text, size=layout.table_size, bold=True, reuse_first=True)
    for row, values in zip(rows_xml[1:], rows, strict=True):
        for col, (cell, text) in enumerate(zip(_cells(table, row), values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if col == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _para(cell, text, size=layout.table_size, align=align, reuse_first=True)


def _appendix(document: Document, content: ReportContent, layout: Layout) -> None:
    document.add_page_break()
    h = content.header
    total = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    attached = (
        f"(Kèm theo Báo cáo {wording.number_line(content).replace('Số: ', 'số ').replace('Số ', 'số ')} "
        f"{vn_date_words(h.issued_on, h.period.end.year)} của {wording.issuer_name(content)})"
    )
    _para(document, "Phụ lục I", size=layout.body_size, bold=True)
    _para(document, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", size=layout.body_size, bold=True)
    _para(document, attached, size=layout.body_size, italic=True, space_after=6)
    _appendix_table(
        document,
        wording.INDICATOR_HEADER,
        wording.indicator_rows(content),
        [10, total - 10 - 18 - 24 - 24 - 20, 18, 24, 24, 20],
        layout,
    )
    _para(document, "", size=layout.body_size)
    _para(document, "Phụ lục II", size=layout.body_size, bold=True).paragraph_format.page_break_before = True
    _para(document, "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ", size=layout.body_size, bold=True)
    _para(document, attached, size=layout.body_size, italic=True, space_after=6)
    _appendix_table(
        document,
        wording.TASK_HEADER,
        wording.task_rows(content),
        [10, total - 10 - 32 - 24 - 26, 32, 24, 26],
        layout,
    )


def write_docx(content: ReportContent) -> bytes:
    """The whole report as .docx bytes."""
    layout = PARTY if content.party else UBND
    document = new_document()
    _setup(document, layout)
    _header_block(document, content, layout)
    _title(document, content, layout)
    _body(document, content, layout)
    _closing(document, content, layout)
    if content.indicators or content.tasks:
        _appendix(document, content, layout)
    props = document.core_properties
    props.title = f"Báo cáo {wording.subject(content)}"[:250]
    props.author = wording.issuer_name(content)
    props.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
