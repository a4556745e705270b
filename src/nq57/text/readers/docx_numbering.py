"""Word's automatic numbering ("I.", "1.", "a)", "-") written back in front of the paragraphs.

Word keeps list labels out of the text: a plan whose headings and tasks are numbered
automatically would lose "II.", "3." and "3.1." without this, and with them the
structure the extractor reads. Labels are counted per list (numId) and level; a level
restarts when a higher level moves on. Paragraph styles that carry numbering (headings)
count too.
"""

from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
# Bullet characters from symbol fonts (private-use code points) shown as a plain bullet.
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf02d": "-", "o": "o"}


def _val(element, tag: str) -> str | None:  # noqa: ANN001 - lxml element
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter numbering: a..z, then aa..zz, aaa...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(max(1, n))
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letters(max(1, n))
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the formats we do not spell out


class Numbering:
    """Counts Word list paragraphs and gives each its label."""

    def __init__(self, numbering_element, styles_element) -> None:  # noqa: ANN001 - lxml elements
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (fmt, text, start)
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # styleId -> (numId, ilvl, basedOn)
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_element is not None:
            self._read_numbering(numbering_element)
        if styles_element is not None:
            for style in styles_element.iter(f"{_W}style"):
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                self._styles[style.get(f"{_W}styleId", "")] = (
                    _val(num_pr, "numId"),
                    _val(num_pr, "ilvl"),
                    _val(style, "basedOn"),
                )

    def _read_numbering(self, numbering) -> None:  # noqa: ANN001 - lxml element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0") or 0)
                start = _val(lvl, "start")
                levels[ilvl] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    int(start) if start and start.lstrip("-").isdigit() else 1,
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{_W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0") or 0)
                start = _val(override, "startOverride")
                if ilvl in levels and start and start.isdigit():
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start))
            self._levels[num.get(f"{_W}numId", "")] = levels

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self._styles.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, paragraph) -> str:  # noqa: ANN001 - lxml w:p element
        """The paragraph's list label ("2.", "II.", "a)", "-") or "" if it is not in a list."""
        ppr = paragraph.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        if num_id is None:
            style_num, style_lvl = self._style_numbering(_val(ppr, "pStyle") if ppr is not None else None)
            num_id, ilvl = style_num, ilvl or style_lvl
        if not num_id or num_id == "0" or num_id not in self._levels:
            return ""
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        levels = self._levels[num_id]
        if level not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        fmt, text, start = levels[level]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if fmt == "bullet":
            return "".join(_SYMBOL_BULLETS.get(ch, ch) for ch in text).strip() or "•"
        for k in range(9, -1, -1):  # %10 is not a thing; go high to low so %1 does not eat %12
            placeholder = f"%{k + 1}"
            if placeholder in text:
                value = counters.get(k, levels.get(k, ("decimal", "", 1))[2])
                text = text.replace(placeholder, format_number(value, levels.get(k, (fmt,))[0]))
        return text.strip()
