"""How wide a line of text prints, to size the rule under the Tiêu ngữ to the text above it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# Times New Roman where installed, else its metric twin Liberation Serif (same advance widths).
_CANDIDATES = {
    True: [
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "C:/Windows/Fonts/timesbd.ttf",
    ],
    False: [
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "C:/Windows/Fonts/times.ttf",
    ],
}


@lru_cache(maxsize=8)
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    for path in _CANDIDATES[bold]:
        if Path(path).exists():
            # Measured at 1000 units per point size, scaled afterwards.
            return ImageFont.truetype(path, 1000)
    return None


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of `text` in points; an average-glyph estimate when no font file is found."""
    font = _font(bold)
    if font is None:
        return len(text) * size_pt * (0.56 if bold else 0.5)
    return font.getlength(text) * size_pt / 1000
