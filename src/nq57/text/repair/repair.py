"""Repair lines, texts and documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nq57.text.vietnamese import SMALL

from ..document import Document, Paragraph, Table
from .abbreviations import WITH_D
from .decode import Slot, slots_for, viterbi
from .detect import MARKED_RATIO_CLEAN, is_flat, line_stats
from .glued import split_glued_pieces
from .lm import NUM
from .model import LAST_VOWEL_DOWN, load_model
from .syllables import apply_case, case_pattern, nfc, strip_marks
from .tokens import Piece, split_line


@dataclass
class RepairedToken:
    source: str
    output: str
    confidence: float  # 0..1: how sure the model is of `output` among the candidates


@dataclass
class RepairedLine:
    text: str
    changed: bool
    tokens: list[RepairedToken] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Lowest confidence of the words repair changed (None if nothing changed)."""
        changed = [t.confidence for t in self.tokens if t.output != t.source]
        return min(changed) if changed else None


ROMAN_MISREAD = re.compile(r"[IV][IVX]*[l1|][IVXl1|]*")
# A name in mixed case whose capital I the scan read as l: "VNelD" is "VNeID"
CAPITAL_I_MISREAD = re.compile(r"[A-Z][A-Za-z]{0,3}[a-z]l[A-Z]+")
# "tỷ lệ" through an English OCR: "lệ" comes out as "18", "1&", "1€", "Ig", "Ie". Figures are never
# repaired, so this one reading is put back before decoding, and only where "tỷ" does not
# follow a figure ("3 tỷ 18 triệu" keeps its 18).
TY_LE_MISREAD = re.compile(r"\b(?P<ty>[Tt][YyỶỷ]\s+)(?:1[8&€@]|[Il]g|I[eé€])(?=\s|$)")


# "Số" with its S read as a dollar sign ("$6 cơ sở …"): Vietnamese documents write no "$"
DOLLAR_S = re.compile(r"(?<![\w$])\$(?=[6oô0]\s)")
# "(AI)" with its I read as an l: "trí tuệ nhân tạo (Al)" (no Vietnamese word is written "Al")
AI_MISREAD = re.compile(r"(?<=\()Al(?=\))")
# the national identity app, its I read as an l ("VNelD", "VnelD")
VNEID_MISREAD = re.compile(r"\bVN?e[lI1]{1,2}D\b", re.I)


def _restore_ty_le(line: str) -> str:
    def fix(m: re.Match[str]) -> str:
        before = line[: m.start()].split()[-1:]
        if before and any(ch.isdigit() for ch in before[0]):
            return m[0]
        return f"{m['ty']}le"

    line = AI_MISREAD.sub("AI", DOLLAR_S.sub("S", TY_LE_MISREAD.sub(fix, line)))
    return VNEID_MISREAD.sub("VNeID", line)


# A wrapped sentence goes on in lower case on the next line; a line that begins with a
# capital, a figure, a bullet or a mark (a heading, a table row, a new item) starts afresh.
_GOES_ON = re.compile(r"^\s*[" + SMALL + r"]")
_ENDS_SENTENCE = re.compile(r"[.!?:;]\W*$")
RUN_MAX_LINES = 60


def _continues(previous: str, line: str) -> bool:
    return bool(_GOES_ON.match(line)) and not _ENDS_SENTENCE.search(previous)


def _decode(line: str) -> RepairedLine:
    return _decode_run([line])[0]


def _decode_run(lines: list[str]) -> list[RepairedLine]:
    """Decode lines that continue one another in one search, so a sentence wrapped over lines
    keeps its context across the line break ("... đội ngũ cán" / "bộ, công chức"); one result
    per line. A line that starts afresh (`_continues`) begins a run of its own."""
    model = load_model()
    slots: list[Slot] = []
    spans: list[tuple[str, list[Piece], int, int]] = []
    for i, line in enumerate(lines):
        line = _restore_ty_le(line)
        pieces = split_line(line)
        flat = is_flat(line, pieces)
        pieces = split_glued_pieces(pieces, model, flat)
        own = slots_for(pieces, model, flat)
        if i > 0:
            own = own[1:]  # no sentence start: the words of the line above are the context
        spans.append((line, pieces, len(slots), len(slots) + len(own)))
        slots.extend(own)
    path, conf = viterbi(slots, model)
    return [_render(line, pieces, slots[a:b], path[a:b], conf[a:b]) for line, pieces, a, b in spans]


def _render(line: str, pieces: list[Piece], slots: list[Slot], path: list[int], conf: list[float]) -> RepairedLine:
    """The line with each word piece replaced by the syllable the search chose for it."""
    model = load_model()
    tokens = []
    out = [p.text for p in pieces]
    number = model.ids[NUM]
    # (not codes: "S6:25/KH-UBND"; a capitals' word whose last vowel the scan read small counts as capitals)
    letters = [ch.upper() if LAST_VOWEL_DOWN.fullmatch(p.text) else ch for p in pieces if p.word for ch in p.text if ch.isalpha()]
    all_caps = len(letters) >= 4 and all(ch.isupper() for ch in letters)  # a heading: "CHUYEN DOI S6"
    for slot, sid, c in zip(slots, path, conf, strict=True):
        if slot.piece is None or sid == number:
            continue
        source = pieces[slot.piece].text
        word = apply_case(model.vocab[sid], case_pattern(source))
        if all_caps:
            word = word.upper()
        if source.endswith("?") and strip_marks(word).lower() == strip_marks(source[:-1]).lower():
            word += "?"  # the letters already spell the word: the "?" was a real question mark
        if word != source:  # a figure glued to a repaired word lost its space in the scan: "19thang"
            if slot.piece > 0 and pieces[slot.piece - 1].text[-1:].isdigit():
                word = " " + word
            if slot.piece + 1 < len(pieces) and pieces[slot.piece + 1].text[:1].isdigit():
                word += " "
        out[slot.piece] = word
        tokens.append(RepairedToken(source, word, round(c, 3)))
    for i, piece in enumerate(pieces):
        if ROMAN_MISREAD.fullmatch(piece.text):
            out[i] = piece.text.replace("l", "I").replace("1", "I").replace("|", "I")  # "Il." -> "II."
        elif piece.word and out[i] == piece.text and piece.text in WITH_D:
            out[i] = WITH_D[piece.text]  # "HDND" is HĐND
        elif CAPITAL_I_MISREAD.fullmatch(piece.text):
            at = piece.text.rindex("l")
            out[i] = piece.text[:at] + "I" + piece.text[at + 1:]
    text = nfc("".join(out))
    return RepairedLine(text, text != line, tokens)


def repair_line(line: str, force: bool | None = None) -> RepairedLine:
    """Repair one line if it is damaged (or if `force` is True); never changes the line count."""
    if "\n" in line or "\r" in line:
        raise ValueError("repair_line takes one line; use repair_text for several")
    return _repair_one(nfc(line), force)


def _repair_one(line: str, force: bool | None) -> RepairedLine:
    if force is None:
        stats = line_stats(line)
        force = stats.words > 0 and stats.marked_ratio < MARKED_RATIO_CLEAN
    if not force:
        return RepairedLine(line, False)
    return _decode(line)


def repair_text(text: str) -> str:
    """Repair line by line: exactly one output line per input line."""
    lines = nfc(text).split("\n")
    return "\n".join(r.text for r in _repair_lines(lines))


def _repair_lines(lines: list[str], adjacent: list[bool] | None = None) -> list[RepairedLine]:
    """Decide damage per line, with the whole text as context for very short lines.

    A line of one or two words without OCR debris ("Ban", "Big Data") proves nothing on its
    own: it is repaired when the text around it is damaged, left alone in a clean text.
    Line breaks inside a line (a table cell's) and carriage returns are kept where they were.
    Consecutive damaged lines are decoded together (`_decode_run`); `adjacent[i]` False keeps
    line i out of the run of the line before it (a table cell, a paragraph after a table).
    """
    stats = [line_stats(line) for line in lines]
    marked = sum(s.marked for s in stats)
    words = sum(s.words for s in stats)
    doc_damaged = words > 0 and marked / words < MARKED_RATIO_CLEAN
    out: list[RepairedLine] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(_decode_run(run))
            run.clear()

    for i, (line, s) in enumerate(zip(lines, stats, strict=True)):
        damaged = s.words > 0 and s.marked_ratio < MARKED_RATIO_CLEAN
        if damaged and s.words < 3 and not doc_damaged and s.debris == 0:
            damaged = False
        if (not damaged or (adjacent is not None and not adjacent[i]) or len(run) >= RUN_MAX_LINES
                or (run and not _continues(run[-1], line))):
            flush()
        if damaged:
            run.append(line)
        else:
            out.append(RepairedLine(line, False))
    flush()
    return out


def repair_document(doc: Document) -> Document:
    """Repair damaged paragraphs and table cells in place; sets `repaired` and confidences."""
    cells: list[tuple[Table, int, int]] = []
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    adjacent: list[bool] = []
    after_paragraph = False
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
            lines.append(nfc(block.text))
            adjacent.append(after_paragraph)
        after_paragraph = isinstance(block, Paragraph)
    for block in doc.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    cells.append((block, r, c))
                    lines.append(nfc(cell))
                    adjacent.append(False)
    results = _repair_lines(lines, adjacent)
    for para, res in zip(paragraphs, results, strict=False):
        if res.changed:
            doc.repaired = True
            para.text = res.text
            para.confidence = res.confidence
    for (table, r, c), res in zip(cells, results[len(paragraphs):], strict=True):
        if res.changed:
            doc.repaired = True
            table.rows[r][c] = res.text
    return doc
