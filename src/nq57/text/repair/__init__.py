"""Repair of Vietnamese text that lost its marks (wrong-language OCR, or typed without accents).

`repair_line` / `repair_text` / `repair_document` rewrite only the lines `is_damaged` flags;
document codes, numbers, dates and abbreviations pass through; one output line per input line.
The model is built by `python -m nq57.text.repair.build` (see build.py).
"""

from __future__ import annotations

from .detect import is_damaged
from .repair import RepairedLine, RepairedToken, repair_document, repair_line, repair_text

__all__ = ["RepairedLine", "RepairedToken", "is_damaged", "repair_document", "repair_line", "repair_text"]
