"""Split a line into words the repair may touch and the text between them (kept verbatim)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters tesseract -l eng puts where a Vietnamese letter was (6 for ô, € for ệ, ...).
OCR_JUNK = "0123456789€¢&@$£¥§°ø¡!|’'`?"
_GLUED = "’'`"
_VOWELS = set("aeiouyăâêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")  # a horn or hook read as an apostrophe: "co’" is "cơ"
_CHUNK_RE = re.compile(r"\S+")
_LEAD = "\"'“”‘’«(<[{*_#•-–—"
_TRAIL = "\"'“”‘’»)>]}.,;:!?…*_"


@dataclass
class Piece:
    text: str
    word: bool  # a candidate for repair


def _split_core(chunk: str) -> tuple[str, str, str]:
    i, j = 0, len(chunk)
    while i < j and chunk[i] in _LEAD:
        i += 1
    while j > i and chunk[j - 1] in _TRAIL:
        j -= 1
    return chunk[:i], chunk[i:j], chunk[j:]


def _is_wordish(core: str) -> bool:
    if not core or core.isdigit() or not all(ch.isalpha() or ch in OCR_JUNK for ch in core):
        return False
    # No letter at all: only short debris like "1€" (lệ) may be a word; "|" or "&" alone is not.
    return any(ch.isalpha() for ch in core) or 2 <= len(core) <= 4


def _slashed_words(core: str) -> bool:
    """Lower-case words joined by slashes ("/nam"), not a code ("KH-UBND", "km/h")."""
    parts = [p for p in core.split("/") if p]
    return bool(parts) and all(p.isalpha() and p.islower() and any(ch in _VOWELS for ch in p) for p in parts)


def split_line(line: str) -> list[Piece]:
    """Pieces whose texts concatenate back to `line` exactly."""
    pieces: list[Piece] = []
    pos = 0
    for m in _CHUNK_RE.finditer(line):
        if m.start() > pos:
            pieces.append(Piece(line[pos:m.start()], False))
        pos = m.end()
        lead, core, trail = _split_core(m.group())
        if core[-1:].isalpha():
            # OCR debris glued to a word belongs to it; a "?" only inside the line ("ti? dong").
            k = 0
            while k < len(trail) and (trail[k] in _GLUED or (trail[k] == "?" and line[m.end():].strip())):
                k += 1
            core, trail = core + trail[:k], trail[k:]
        if lead:
            pieces.append(Piece(lead, False))
        if "/" in core and _slashed_words(core):
            for k, part in enumerate(core.split("/")):  # "/nam", "ngay/thang/nam"
                if k:
                    pieces.append(Piece("/", False))
                if part:
                    pieces.append(Piece(part, True))
        elif "/" in core or (any(ch.isdigit() for ch in core) and "-" in core):
            pieces.append(Piece(core, False))  # document codes: 57-NQ/TW, 09/KH-UBND, km/h
        else:
            for k, part in enumerate(core.split("-")):
                if k:
                    pieces.append(Piece("-", False))
                if part:
                    pieces.append(Piece(part, _is_wordish(part)))
        if trail:
            pieces.append(Piece(trail, False))
    if pos < len(line):
        pieces.append(Piece(line[pos:], False))
    return pieces
