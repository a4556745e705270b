"""Text clean-up shared by the readers: NFC, invisible characters, whitespace in cells."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters Word and PDFs leave inside words. The soft hyphen is removed
# later (`drop_soft_hyphens`): in TCVN3 text read as Windows-1252 it is the letter "ư".
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"\s+")


def clean_line(text: str) -> str:
    """One line of running text: NFC, no invisible characters, no trailing spaces.

    Tabs are kept, trailing ones too: a tab-separated row's empty last cells count.
    """
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).replace("\u00a0", " ")
    return text.rstrip(" \r\n\v\f")


def clean_cell(value: object) -> str:
    """A table cell: NFC, all whitespace (line breaks too) collapsed to single spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value).translate(_INVISIBLE))
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if len(parts) >= 2 and all(len(p) <= 2 for p in parts):
        return "".join(parts)  # a narrow column wraps a short code letter by letter: "S/T/T", "1./1"
    return _SPACES.sub(" ", text).strip()


def trim_rows(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty trailing rows and columns; pad rows to the same width."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    return [(r + [""] * width)[:width] for r in rows]
