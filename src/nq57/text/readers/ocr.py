"""OCR of scanned pages with Tesseract and its Vietnamese data (`-l vie`)."""

from __future__ import annotations

import io
import re
import sys
import warnings
from collections.abc import Callable, Iterator

from nq57.errors import InputFileError, UserError
from nq57.text.document import Block, Paragraph
from nq57.text.readers.cells import clean_line
from nq57.text.readers.limits import Limits
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
    """Greyscale; small images are enlarged so letters are tall enough for Tesseract."""
    from PIL import Image

    image = image.convert("L")
    if image.width < 1200:
        factor = 1200 / max(1, image.width)
        image = image.resize((int(image.width * factor), int(image.height * factor)), Image.LANCZOS)
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


def _upright(image, limits: Limits, name: str, text: str) -> str:  # noqa: ANN001 - PIL image
    """When a page reads badly, ask Tesseract's orientation detection and read it turned upright."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=limits.ocr_timeout_s)
    except (pytesseract.TesseractError, RuntimeError):
        return text  # too little text to tell the orientation
    angle = int(osd.get("rotate", 0)) % 360
    if angle == 0:
        return text
    turned = _tesseract(image.rotate(-angle, expand=True), limits, name)
    return turned if _read_share(turned) > _read_share(text) else text


def ocr_lines(image, limits: Limits, name: str) -> list[str]:  # noqa: ANN001 - PIL image
    """Text lines Tesseract reads on one page image (runs of blank lines become one)."""
    image = _prepare(image)
    text = _tesseract(image, limits, name)
    if _read_share(text) < 0.5:
        text = _upright(image, limits, name, text)
    lines: list[str] = []
    for raw in text.replace("\f", "\n").split("\n"):
        line = clean_line(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def ocr_pages(
    pages: list[tuple[int, Callable[[], object]]], limits: Limits, name: str, progress: bool
) -> list[Block]:
    """OCR each (page number, render function) with a progress bar on stderr for several pages."""
    from tqdm import tqdm

    ensure_tesseract()
    blocks: list[Block] = []
    bar = tqdm(pages, desc="OCR", unit="trang", file=sys.stderr, disable=not progress or len(pages) < 2)
    for number, render in bar:
        blocks.extend(Paragraph(line, page=number) for line in ocr_lines(render(), limits, name))
    return blocks


def _frames(image) -> Iterator[object]:  # noqa: ANN001 - PIL image
    from PIL import ImageSequence

    for frame in ImageSequence.Iterator(image):
        yield frame.copy()


def read_image(data: bytes, limits: Limits, name: str, progress: bool) -> list[Block]:
    """An image file (PNG, JPEG, TIFF with one or more pages...) through OCR."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            pixels = image.width * image.height
            count = getattr(image, "n_frames", 1)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InputFileError(name, f"ảnh quá lớn (tối đa {limits.max_image_pixels:,} điểm ảnh)") from None
    if pixels > limits.max_image_pixels:
        raise InputFileError(name, f"ảnh quá lớn ({pixels:,} điểm ảnh, tối đa {limits.max_image_pixels:,})")
    if count > limits.max_ocr_pages:
        raise InputFileError(
            name, f"ảnh có {count} trang, vượt giới hạn OCR {limits.max_ocr_pages} trang (đặt NQ57_OCR_MAX_PAGES hoặc --ocr-max-pages để đổi)"
        )
    frames = list(_frames(image)) if count > 1 else [image]
    pages = [(i, (lambda f=f: f)) for i, f in enumerate(frames, start=1)]
    return ocr_pages(pages, limits, name, progress)
