"""Per-line damage detection: does this line look like Vietnamese that lost its marks?"""

from __future__ import annotations

from dataclasses import dataclass

from .model import RepairModel, load_model
from .tokens import Piece, split_line

# A clean Vietnamese line has most syllables marked; damaged lines have few.
MARKED_RATIO_CLEAN = 0.5


@dataclass
class LineStats:
    marked: int = 0  # valid syllables with Vietnamese marks ("triển")
    plain: int = 0  # valid plain spellings ("hoach", "ngay"), fine in clean text only in small doses
    broken: int = 0  # OCR-looking forms ("s6", "trién", "ctia")
    debris: int = 0  # of which carry non-letters or impossible marks ("s6", "trién"), not just "ctia"

    @property
    def words(self) -> int:
        return self.marked + self.plain + self.broken

    @property
    def marked_ratio(self) -> float:
        return self.marked / self.words if self.words else 1.0


def line_stats(line: str, model: RepairModel | None = None) -> LineStats:
    model = model or load_model()
    stats = LineStats()
    for piece in split_line(line):
        if not piece.word:
            continue
        low = piece.text.lower()
        if low.isascii() and low.isalpha():
            if low in model.skeletons:
                stats.plain += 1
            elif model.candidates(piece.text, False):
                stats.broken += 1
        elif low in model.ids:
            stats.marked += 1
        elif model.candidates(piece.text, False):
            stats.broken += 1
            stats.debris += 1
    return stats


def is_damaged(line: str) -> bool:
    """True when the line has Vietnamese words and too few of them carry their marks."""
    stats = line_stats(line)
    return stats.words > 0 and stats.marked_ratio < MARKED_RATIO_CLEAN


def is_flat(line: str, pieces: list[Piece] | None = None) -> bool:
    """Typed without any accents: only plain ASCII letters in the words (no OCR debris).
    `pieces`: the line already split, to spare splitting it again."""
    pieces = split_line(line) if pieces is None else pieces
    return all(p.text.isascii() and p.text.isalpha() for p in pieces if p.word)
