"""OCR of scanned pages with Tesseract and its Vietnamese data (`-l vie`)."""

from __future__ import annotations

import io
import os
import re
import sys
import warnings
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from nq57.errors import InputFileError, UserError
from nq57.text.document import Block, Paragraph, Table
from nq57.text.readers.cells import clean_line
from nq57.text.readers.deskew import skew_angle
from nq57.text.readers.limits import Limits
from nq57.text.readers.scan_tables import erase_rulings, find_grids, table_rows
from nq57.text.vietnamese import is_vietnamese_syllable

OCR_LANGUAGE = "vie"
OCR_DPI = 300


def ensure_tesseract() -> None:
    """Tesseract and its Vietnamese data must be installed; say how to install them if not."""
    import pytesseract

    try:
        pytesseract.get_tesseract_version()
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        raise UserError(
            "chưa cài Tesseract OCR nên không đọc được ảnh/bản scan: cài gói tesseract-ocr và "
            "tesseract-ocr-vie (sudo apt-get install tesseract-ocr tesseract-ocr-vie)"
        ) from None
    if OCR_LANGUAGE not in languages:
        raise UserError(
            "Tesseract chưa có dữ liệu tiếng Việt: cài gói tesseract-ocr-vie (sudo apt-get install tesseract-ocr-vie)"
        )


def _prepare(image):  # noqa: ANN001, ANN202 - PIL images
    """Greyscale, straightened; small images are enlarged so letters are tall enough for Tesseract."""
    from PIL import Image

    image = image.convert("L")
    if image.width < 1200:
        factor = 1200 / max(1, image.width)
        image = image.resize((int(image.width * factor), int(image.height * factor)), Image.LANCZOS)
    angle = skew_angle(image)
    if abs(angle) >= 0.2:
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    return image


def _read_share(text: str) -> float:
    """Share of the words that are Vietnamese syllables: low for a sideways or upside-down page."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 5:
        return 0.0
    return sum(map(is_vietnamese_syllable, words)) / len(words)


def _tesseract(image, limits: Limits, name: str) -> str:  # noqa: ANN001 - PIL image
    import pytesseract

    try:
        return pytesseract.image_to_string(image, lang=OCR_LANGUAGE, timeout=limits.ocr_timeout_s)
    except RuntimeError as exc:  # pytesseract's timeout
        raise InputFileError(name, f"OCR một trang quá {limits.ocr_timeout_s} giây, đã dừng ({exc})") from None


def _upright(image, limits: Limits, name: str, text: str):  # noqa: ANN001, ANN202 - PIL images
    """When a page reads badly, ask Tesseract's orientation detection and read it turned upright.

    Returns the text and the image it was read from."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=limits.ocr_timeout_s)
    except (pytesseract.TesseractError, RuntimeError):
        return text, image  # too little text to tell the orientation
    angle = int(osd.get("rotate", 0)) % 360
    if angle == 0:
        return text, image
    turned_image = image.rotate(-angle, expand=True)
    turned = _tesseract(turned_image, limits, name)
    return (turned, turned_image) if _read_share(turned) > _read_share(text) else (text, image)


def _text_lines(text: str) -> list[str]:
    """Tesseract's lines, runs of blank lines made one, no blank lines at the ends."""
    lines: list[str] = []
    for raw in text.replace("\f", "\n").split("\n"):
        line = clean_line(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _blocks_with_tables(image, grids: list, limits: Limits, name: str, page: int) -> list[Block]:  # noqa: ANN001
    """The page's words placed in the ruled tables' cells, the other words as text lines."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            erase_rulings(image, grids), lang=OCR_LANGUAGE, output_type=pytesseract.Output.DICT, timeout=limits.ocr_timeout_s
        )
    except RuntimeError as exc:
        raise InputFileError(name, f"OCR một trang quá {limits.ocr_timeout_s} giây, đã dừng ({exc})") from None
    in_table: list[list[tuple[float, float, float, str]]] = [[] for _ in grids]
    lines: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word or float(data["conf"][i]) < 0:
            continue
        left, top, width, height = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        x, y = left + width / 2, top + height / 2
        grid = next((g for g, grid in enumerate(grids) if grid.contains(x, y)), None)
        if grid is not None:
            in_table[grid].append((x, y, height, word))
        else:
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            lines.setdefault(key, []).append((top, left, word))
    placed: list[tuple[float, int, Block]] = []
    previous: tuple[int, int] | None = None
    for order, (key, words) in enumerate(sorted(lines.items(), key=lambda item: min(w[0] for w in item[1]))):
        top = min(w[0] for w in words)
        if previous is not None and key[:2] != previous:
            placed.append((top - 0.5, order, Paragraph("", page=page)))  # a new paragraph, as Tesseract prints
        previous = key[:2]
        text = clean_line(" ".join(w[2] for w in sorted(words, key=lambda w: w[1])))
        placed.append((top, order, Paragraph(text, page=page)))
    for grid, words in zip(grids, in_table, strict=True):
        placed.append((grid.top, -1, Table(rows=table_rows(grid, words), page=page)))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in placed]


def ocr_blocks(image, limits: Limits, name: str, page: int) -> list[Block]:  # noqa: ANN001 - PIL image
    """Blocks Tesseract reads on one page image: text lines, and ruled tables cell by cell."""
    image = _prepare(image)
    text = _tesseract(image, limits, name)
    if _read_share(text) < 0.5:
        text, image = _upright(image, limits, name, text)
    grids = find_grids(image)
    if grids:
        return _blocks_with_tables(image, grids, limits, name, page)
    return [Paragraph(line, page=page) for line in _text_lines(text)]


def ocr_pages(
    pages: list[tuple[int, Callable[[], object]]], limits: Limits, name: str, progress: bool
) -> list[Block]:
    """OCR each (page number, render function), a progress bar on stderr for several pages.

    Pages are rendered one after another here (PDF rendering is not thread-safe) and read
    by Tesseract processes in parallel, a few at a time so memory stays bounded.
    """
    from tqdm import tqdm

    ensure_tesseract()
    workers = max(1, min(4, os.cpu_count() or 1))
    if workers > 1:
        # One thread per Tesseract: several processes already share the cores.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    done: list[list[Block]] = []
    with (
        ThreadPoolExecutor(max_workers=workers) as pool,
        tqdm(total=len(pages), desc="OCR", unit="trang", file=sys.stderr, disable=not progress or len(pages) < 2) as bar,
    ):
        pending: deque[Future[list[Block]]] = deque()
        for number, render in pages:
            pending.append(pool.submit(ocr_blocks, render(), limits, name, number))
            if len(pending) >= 2 * workers:
                done.append(pending.popleft().result())
                bar.update()
        while pending:
            done.append(pending.popleft().result())
            bar.update()
    return [block for page in done for block in page]


def _frame(image, index: int):  # noqa: ANN001, ANN202 - PIL images
    """One page of a multi-page image, loaded only when its turn comes (bounded memory)."""
    image.seek(index)
    return image.copy()


def read_image(data: bytes, limits: Limits, name: str, progress: bool) -> list[Block]:
    """An image file (PNG, JPEG, TIFF with one or more pages...) through OCR."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            pixels = image.width * image.height
            count = getattr(image, "n_frames", 1)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InputFileError(name, "ảnh quá lớn (có thể là ảnh 'bomb')") from None
    if pixels > limits.max_image_pixels:
        raise InputFileError(name, f"ảnh quá lớn ({pixels:,} điểm ảnh, tối đa {limits.max_image_pixels:,})")
    if count > limits.max_ocr_pages:
        raise InputFileError(
            name, f"ảnh có {count} trang, vượt giới hạn OCR {limits.max_ocr_pages} trang (đặt NQ57_OCR_MAX_PAGES hoặc --ocr-max-pages để đổi)"
        )
    pages = [(i + 1, (lambda i=i: _frame(image, i))) for i in range(count)]
    return ocr_pages(pages, limits, name, progress)
