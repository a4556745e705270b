"""Test documents for the readers, made in code: Word, Excel, text PDF, page images, scans.

The Vietnamese text is written for these tests (an invented commune's plan), so the
readers are not tested on any seed's wording.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype")
SANS = FONT_DIR / "dejavu" / "DejaVuSans.ttf"
SERIF = FONT_DIR / "dejavu" / "DejaVuSerif.ttf"  # Liberation here lacks the Vietnamese letters U+1Exx

PLAN_LINES = [
    "ỦY BAN NHÂN DÂN XÃ TÂN HIỆP",
    "Số: 15/KH-UBND",
    "KẾ HOẠCH",
    "Triển khai chuyển đổi số và đổi mới sáng tạo năm 2026",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "Ủy ban nhân dân xã ban hành kế hoạch thực hiện như sau:",
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt 85%.",
    "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã thực hiện.",
    "Hoàn thành trước ngày 30/6/2026; kinh phí 120 triệu đồng.",
]

TABLE_ROWS = [
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Đơn vị chủ trì"],
    ["1", "Tỷ lệ người dân có chữ ký số", "%", "70", "Công an xã"],
    ["2", "Số điểm phát sóng wifi công cộng", "điểm", "12", "Văn phòng HĐND và UBND"],
]


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 the way Vietnamese Windows writes it: base letters with â ê ô ơ ư ă đ
    precomposed, tones as separate combining marks after them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def make_docx(path: Path) -> Path:
    """A Word plan: heading, a paragraph with a manual line break, a table with a horizontally
    merged header, a vertically merged cell and a nested table, a page break, a last paragraph."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph(PLAN_LINES[0])
    document.add_heading(PLAN_LINES[2], level=1)
    para = document.add_paragraph(PLAN_LINES[3])
    para.add_run().add_break()
    para.add_run(PLAN_LINES[4])
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    header = table.cell(0, 0).merge(table.cell(0, 1))
    header.text = "Nội dung"
    table.cell(0, 2).text = "Chủ trì"
    table.cell(0, 3).text = "Thời hạn"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Số hóa hồ sơ\nđất đai"
    lead = table.cell(1, 2).merge(table.cell(2, 2))
    lead.text = "Phòng Kinh tế"
    table.cell(1, 3).text = "Quý II/2026"
    table.cell(2, 0).text = "2"
    table.cell(2, 1).text = "Cập nhật cơ sở dữ liệu dân cư"
    table.cell(2, 3).text = "Tháng 10/2026"
    table.cell(3, 0).text = "3"
    nested = table.cell(3, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Đào tạo"
    nested.cell(0, 1).text = "kỹ năng số"
    table.cell(3, 2).text = "Công an xã"
    table.cell(3, 3).text = "Hằng năm"
    document.add_paragraph(PLAN_LINES[5]).add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph(PLAN_LINES[8])
    document.save(path)
    return path


def make_xlsx(path: Path) -> Path:
    """Two sheets: indicators with a merged title, numbers, a percentage, a date, trailing blanks;
    and a short budget sheet."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(["Bảng chỉ tiêu chuyển đổi số năm 2026", None, None, None, None])
    ws.merge_cells("A1:E1")
    for row in TABLE_ROWS:
        ws.append(row)
    ws.append(["3", "Tỷ lệ hài lòng", "%", 0.9918, None])
    ws["D5"].number_format = "0.00%"
    ws.append(["4", "Hạn hoàn thành", "ngày", dt.datetime(2026, 6, 30), None])
    ws.append(["5", "Kinh phí", "triệu đồng", 1250.5, None])
    ws["H20"] = None  # a touched but empty cell far away: must be trimmed
    budget = wb.create_sheet("Kinh phí")
    budget.append(["Nội dung", "Số tiền"])
    budget.append(["Mua sắm thiết bị", 800])
    budget.append(["Đào tạo", 200])
    wb.save(path)
    return path


def make_text_pdf(path: Path) -> Path:
    """A two-page PDF with a text layer: heading lines and a ruled table on page 1, text on page 2."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus import Paragraph as RLParagraph

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(SANS)))
    style = ParagraphStyle("vi", fontName="DejaVuSans", fontSize=11, leading=15)
    story = [RLParagraph(line, style) for line in PLAN_LINES[:4]]
    story.append(Spacer(1, 12))
    table = Table(TABLE_ROWS)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 12))
    story.append(RLParagraph(PLAN_LINES[5], style))
    story.append(PageBreak())
    story.extend(RLParagraph(line, style) for line in PLAN_LINES[6:])
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def render_page(lines: list[str], *, font: Path = SERIF, size: int = 40, width: int = 2000, height: int = 0):
    """A clean page image of the lines, as a scanner at ~300 dpi would give."""
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(str(font), size)
    height = max(height, 200 + int(size * 1.8) * len(lines))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = 100
    for line in lines:
        draw.text((100, y), line, font=face, fill=0)
        y += int(size * 1.8)
    return image


def make_scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF of page images only (no text layer), like a scanner's output."""
    images = [render_page(lines).convert("RGB") for lines in pages]
    images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return path


def make_blank_scan_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` scanned pages without a text layer (each just a small grey picture):
    a long scan, for the page limit. Made in well under a second."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = ImageReader(Image.new("RGB", (40, 40), (200, 200, 200)))
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        sheet.drawImage(picture, 50, 50, width=40, height=40)
        sheet.showPage()
    sheet.save()
    return path


def make_encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="mat-khau-2026", owner_password="chu-so-huu")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def make_zip_bomb_docx(path: Path, megabytes: int = 20) -> Path:
    """A .docx whose document.xml packs megabytes of zeros into a few kilobytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (megabytes * 1024 * 1024))
    return path


def docx_bytes_with_declared_size(size: int) -> bytes:
    """A small .docx whose central directory claims document.xml unpacks to `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")  # the last central directory entry: word/document.xml
    data[central + 24 : central + 28] = size.to_bytes(4, "little")  # uncompressed size field
    return bytes(data)


def make_scan_with_hidden_text(path: Path, lines: list[str], hidden: list[str]) -> Path:
    """A scanned page with an invisible text layer (as scanners with OCR make), holding `hidden`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(SANS)))
    image = render_page(lines, width=2000, height=2828)  # A4 proportions
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawImage(ImageReader(image.convert("RGB")), 0, 0, width=A4[0], height=A4[1])
    text = page.beginText(50, A4[1] - 60)
    text.setTextRenderMode(3)  # invisible, like a scanner's OCR layer
    text.setFont("DejaVuSans", 10)
    for line in hidden:
        text.textLine(line)
    page.drawText(text)
    page.save()
    return path


SCAN_TABLE = [
    ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"],
    ["1", "Số hóa hồ sơ đất đai|của toàn xã", "Phòng Kinh tế", "Quý II/2026"],
    ["2", "Cập nhật dữ liệu dân cư", "Phòng Kinh tế", "Tháng 10/2026"],
    ["3", "Đào tạo kỹ năng số", "Công an xã", "Hằng năm"],
]


def render_table_page(title: list[str], rows: list[list[str]], *, merge_down: tuple[int, int] | None = (1, 2)):
    """A scanned page with text lines above a ruled table. "|" in a cell wraps it onto a
    second line; `merge_down` = (row, column): that cell is merged with the one below (no
    rule between them, the text written once)."""
    from PIL import ImageDraw, ImageFont

    page = render_page(title, width=2480, height=3508)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(SERIF), 34)
    widths = [160, 900, 560, 480]
    x0, y0, row_height = 150, 150 + int(40 * 1.8) * len(title) + 80, 130
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y0 + i * row_height for i in range(len(rows) + 1)]
    for y_index, y in enumerate(ys):
        for c in range(len(widths)):
            skip = merge_down and y_index == merge_down[0] + 1 and c == merge_down[1]
            if not skip:
                draw.line([(xs[c], y), (xs[c + 1], y)], fill=0, width=4)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=4)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if merge_down and (r, c) == (merge_down[0] + 1, merge_down[1]):
                continue
            for k, part in enumerate(cell.split("|")):
                draw.text((xs[c] + 20, ys[r] + 18 + 48 * k), part, font=face, fill=0)
    return page
