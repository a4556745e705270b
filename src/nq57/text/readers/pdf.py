"""PDF: the text layer with pdfplumber (tables and lines in reading order, per page);
pages without usable text (scans) go through OCR."""

from __future__ import annotations

import io
import re

from nq57.errors import InputFileError
from nq57.text.document import Block, Paragraph, Table
from nq57.text.readers.cells import clean_cell, clean_line, trim_rows
from nq57.text.readers.limits import Limits
from nq57.text.readers.ocr import OCR_DPI, ocr_pages
from nq57.text.vietnamese import has_vietnamese_marks, is_vietnamese_syllable

# A page with fewer characters than this in its text layer is treated as a scan.
MIN_TEXT_CHARS = 20


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _image_cover(page) -> float:  # noqa: ANN001 - pdfplumber page
    """Share of the page covered by images (a scan is one image over the whole page)."""
    area = max(1.0, float(page.width * page.height))
    covered = 0.0
    for image in page.images:
        width = min(image["x1"], page.width) - max(image["x0"], 0)
        height = min(image["bottom"], page.height) - max(image["top"], 0)
        covered += max(0.0, width) * max(0.0, height)
    return min(1.0, covered / area)


def _poor_vietnamese(text: str) -> bool:
    """A text layer a scanner's OCR made without Vietnamese: few marked or valid syllables."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 30:
        return True
    marked = sum(map(has_vietnamese_marks, words)) / len(words)
    valid = sum(map(is_vietnamese_syllable, words)) / len(words)
    return marked < 0.25 or valid < 0.7


def _is_blank(page) -> bool:  # noqa: ANN001 - pdfplumber page
    """No text, no picture, no drawing that could be letters (text turned into outlines)."""
    return not page.chars and not page.images and len(page.curves) + len(page.rects) < 300


def _needs_ocr(page) -> bool:  # noqa: ANN001 - pdfplumber page
    chars = page.chars
    if len(chars) < MIN_TEXT_CHARS:
        # A short text page (a signature block) keeps its text; a picture or outlines get OCR.
        return bool(page.images) or not chars
    text = "".join(c.get("text", "") for c in chars[:3000])
    # Fonts without a Unicode map come out as "(cid:123)": the text layer is unusable.
    if text.count("(cid:") * 6 > len(text) / 2:
        return True
    # A scan with a hidden text layer from an OCR that did not know Vietnamese
    # ("Ké hoach trién khai"): reading the image again with -l vie does better.
    return _image_cover(page) > 0.6 and _poor_vietnamese(page.extract_text() or "")


def _has_doubled_chars(page) -> bool:  # noqa: ANN001 - pdfplumber page
    seen: set[tuple[str, int, int]] = set()
    doubled = 0
    for char in page.chars:
        key = (char.get("text", ""), round(char["x0"]), round(char["top"]))
        doubled += key in seen
        seen.add(key)
    return doubled > 0.02 * max(1, len(page.chars))


def _merged_down(table) -> list[list[str | None]]:  # noqa: ANN001 - pdfplumber table
    """The table's cell texts, a cell merged over several rows given to each of them (as Word's
    own tables read): pdfplumber leaves the rows under a merged cell None."""
    texts = table.extract()
    rows = table.rows
    for r in range(1, min(len(rows), len(texts))):
        bottom = rows[r].bbox[3]
        for c, text in enumerate(texts[r]):
            if text is not None or c >= len(rows[r].cells):
                continue
            above = next((k for k in range(r - 1, -1, -1) if c < len(rows[k].cells) and rows[k].cells[c] is not None), None)
            if above is not None and rows[above].cells[c][3] >= bottom - 1:
                texts[r][c] = texts[above][c]  # the cell above reaches down over this row
    return texts


def _page_blocks(page, number: int) -> list[Block]:  # noqa: ANN001 - pdfplumber page
    if _has_doubled_chars(page):
        page = page.dedupe_chars()  # bold faked by printing each letter twice (slow: only when needed)
    placed: list[tuple[float, Block]] = []
    boxes = []
    for table in page.find_tables():
        rows = trim_rows([[clean_cell(c) for c in row] for row in _merged_down(table)])
        # A frame drawn around a page or a paragraph is one column of ruled boxes, not a
        # table: its text stays running text.
        if len(rows) < 1 or max((len(r) for r in rows), default=0) < 2:
            continue
        boxes.append(table.bbox)
        placed.append((table.bbox[1], Table(rows=rows, page=number)))
    outside = page.filter(lambda o: o.get("object_type") != "char" or not any(_inside(o, b) for b in boxes))
    for line in outside.extract_text_lines(strip=True, return_chars=False):
        placed.append((line["top"], Paragraph(clean_line(line["text"]), page=number)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def read_pdf(data: bytes, limits: Limits, name: str, progress: bool) -> tuple[list[Block], list[int]]:
    """Blocks of every page, and the numbers of the pages read by OCR."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputFileError(name, "PDF được đặt mật khẩu: hãy bỏ mật khẩu rồi lưu lại trước khi nạp") from None
    except Exception as exc:  # pdfplumber wraps pdfminer's password error in its own type
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise InputFileError(name, "PDF được đặt mật khẩu: hãy bỏ mật khẩu rồi lưu lại trước khi nạp") from None
        raise
    with pdf:
        pages = pdf.pages
        if len(pages) > limits.max_pdf_pages:
            raise InputFileError(name, f"PDF có {len(pages)} trang, quá giới hạn {limits.max_pdf_pages} trang")
        scanned: list[int] = []
        by_page: dict[int, list[Block]] = {}
        for i, page in enumerate(pages, start=1):
            if _is_blank(page):
                pass  # a separator page: nothing to read, no OCR
            elif _needs_ocr(page):
                scanned.append(i)
            else:
                by_page[i] = _page_blocks(page, i)
            page.close()  # drop the page's parsed objects: memory stays flat on long files
        if len(scanned) > limits.max_ocr_pages:
            raise InputFileError(
                name,
                f"bản scan có {len(scanned)} trang cần OCR, vượt giới hạn OCR {limits.max_ocr_pages} trang "
                "(đặt NQ57_OCR_MAX_PAGES hoặc --ocr-max-pages để đổi)",
            )
    if scanned:
        for block in _ocr_pdf_pages(data, scanned, limits, name, progress):
            by_page.setdefault(block.page, []).append(block)
    blocks = [b for i in sorted(by_page) for b in by_page[i]]
    return blocks, scanned


def _ocr_pdf_pages(data: bytes, numbers: list[int], limits: Limits, name: str, progress: bool) -> list[Block]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:

        def render(number: int):  # noqa: ANN202 - PIL image
            page = document[number - 1]
            width, height = page.get_size()
            scale = OCR_DPI / 72
            if width * height * scale * scale > limits.max_image_pixels:
                scale = (limits.max_image_pixels / max(1.0, width * height)) ** 0.5
            return page.render(scale=scale, grayscale=True).to_pil()

        return ocr_pages([(n, (lambda n=n: render(n))) for n in numbers], limits, name, progress)
    finally:
        document.close()
