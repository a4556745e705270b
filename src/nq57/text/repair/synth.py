"""Synthetic OCR damage: render clean Vietnamese lines to page images, OCR them with
`tesseract -l eng` (what damaged the real documents) and pair each clean word with what came out.

Used by the model build (to learn the OCR confusion model) and by the bench (to measure repair
on realistic damage). Needs the tesseract binary; nothing else leaves the machine.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"),
             Path("/usr/share/fonts/truetype/dejavu")]
FONT_FILES = ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "DejaVuSerif.ttf",
              "LiberationSans-Regular.ttf", "LiberationSerif-Italic.ttf"]
LINES_PER_PAGE = 40


@dataclass(frozen=True)
class PageStyle:
    font: str
    size: int
    blur: float
    scale: float = 1.0


def covers_vietnamese(path: str) -> bool:
    """Liberation 1.x (Debian's fonts-liberation) lacks most Vietnamese letters: renders of it
    would show boxes, not the damage real scans have."""
    font = ImageFont.truetype(path, 30)
    missing = font.getmask("\U0010ffff").getbbox()
    return all(font.getmask(ch).getbbox() != missing for ch in "ộữặỡ")


def available_fonts() -> list[str]:
    found = []
    for name in FONT_FILES:
        for d in FONT_DIRS:
            if (d / name).exists() and covers_vietnamese(str(d / name)):
                found.append(str(d / name))
                break
    if not found:
        raise RuntimeError("không tìm thấy phông chữ Liberation/DejaVu trong /usr/share/fonts")
    return found


def render_page(lines: list[str], style: PageStyle) -> Image.Image:
    font = ImageFont.truetype(style.font, style.size)
    height = int(style.size * 1.6)
    width = max(int(font.getlength(line)) for line in lines) + 2 * style.size
    img = Image.new("L", (max(width, 200), height * len(lines) + 2 * style.size), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((style.size, style.size + i * height), line, font=font, fill=0)
    if style.scale != 1.0:  # a coarse scan: shrink and blow up again
        small = img.resize((max(1, int(img.width * style.scale)), max(1, int(img.height * style.scale))),
                           Image.Resampling.BILINEAR)
        img = small.resize(img.size, Image.Resampling.BILINEAR)
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    return img


def ocr_image(img: Image.Image, lang: str = "eng") -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "page.png")
        img.save(path, dpi=(300, 300))
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        result = subprocess.run(["tesseract", path, "stdout", "-l", lang, "--psm", "6"],
                                capture_output=True, text=True, env=env, check=True)
    return result.stdout


def _ocr_page(args: tuple[list[str], PageStyle, str]) -> tuple[list[str], list[str]]:
    lines, style, lang = args
    text = ocr_image(render_page(lines, style), lang)
    return lines, [ln for ln in text.splitlines() if ln.strip()]


def styles(seed: int = 0) -> Iterator[PageStyle]:
    rnd = random.Random(seed)
    fonts = available_fonts()
    while True:
        yield PageStyle(font=rnd.choice(fonts), size=rnd.choice([22, 26, 30, 34, 38, 44]),
                        blur=rnd.choice([0.0, 0.0, 0.5, 0.8, 1.0]), scale=rnd.choice([1.0, 1.0, 0.6, 0.45]))


def ocr_lines(lines: list[str], lang: str = "eng", seed: int = 0,
              workers: int | None = None) -> list[tuple[str, str | None]]:
    """OCR every clean line; return (clean, ocr) pairs; ocr is None where lines did not match up."""
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    style_iter = styles(seed)
    jobs = [(page, next(style_iter), lang) for page in pages]
    out: list[tuple[str, str | None]] = []
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for clean, got in pool.map(_ocr_page, jobs):
            if len(got) == len(clean):
                out.extend(zip(clean, got, strict=True))
            else:
                out.extend((c, None) for c in clean)
    return out


def word_pairs(pairs: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, str]]:
    """(clean word, OCR word) for lines whose word counts agree."""
    for clean, got in pairs:
        if got is None:
            continue
        cw, gw = clean.split(), got.split()
        if len(cw) == len(gw):
            yield from zip(cw, gw, strict=True)
