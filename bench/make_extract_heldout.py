"""Rebuild a held-out OCR set (bench/extract_heldout/ unless told) from its clean sources.

Usage: python bench/make_extract_heldout.py [--set bench/extract_heldout2] [--only 101,104] [--keep DIR]
                                            [--check]

`--set DIR` chooses the set's folder (relative paths are taken from the repository root; default
bench/extract_heldout, the first set). For each SET/sources/NNN.txt: build a .docx with real Word
tables (python-docx), convert it to PDF with LibreOffice, rasterise it at 150 dpi (pdftoppm),
degrade every page a little like a scan (a slight rotation, blur, resampling and noise, from a
fixed seed), read it with `tesseract IMG - -l eng --psm 6` (the English model on purpose: it loses
and garbles the Vietnamese diacritics the way the documents that reach the project do) and write
SET/ocr/NNN.txt, pages joined by a form feed. The OCR text is kept exactly as tesseract gives it.

`--keep DIR` keeps the .docx, .pdf and page images; `--check` builds nothing and checks that every
name of gold/NNN.json (indicators, tasks, budget items), target text, amount and result value occurs
in the clean source. The documents are for measurement only: never tune the extractor on them
(the set's README.md).

The source format (one line per block; blank lines are ignored):
    H: left | right        a row of a borderless two-column table (consecutive H lines: one table)
    HT: left | right       one paragraph, left text and right text split by a centred tab
    C: text / c: text      centred bold / centred italic paragraph
    B: text / I: text      bold / italic paragraph;  P: text  justified paragraph
    T: 1.0,6.5,2.0,...     a table with these column widths (cm) begins; `/T` ends it
    |= a | b | c           a header row (bold);  | a | b | c  a body row;  |* I | Group  a bold group
                           row whose last cell spans the remaining columns
                           in a cell: ` // ` breaks the line, `^` merges with the cell above,
                           `<` merges with the cell to the left
    S: landscape|portrait  a new section;  ---  a page break
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageFilter

from nq57.report.docx import no_borders

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "bench" / "extract_heldout"
SEED = 57_2026
FONT = "Times New Roman"


# --- .docx -------------------------------------------------------------------------------------

def _set_font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _paragraph(container, text: str, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=13.0, bold=False,
               italic=False, indent=False, space_after=4.0):
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.0)
    for i, line in enumerate(text.split(" // ")):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        _set_font(p.add_run(line), size, bold, italic)
    return p


def _fill_cell(cell, text: str, *, size: float, bold: bool, align) -> None:
    cell.paragraphs[0].text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(1)
    for i, line in enumerate(text.split(" // ")):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        _set_font(p.add_run(line), size, bold)


def _grid_table(doc, widths: list[float], rows: list[tuple[str, list[str]]]) -> None:
    ncol = len(widths)
    table = doc.add_table(rows=len(rows), cols=ncol)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    size = 11.0 if ncol >= 6 else 12.0
    for r, (kind, cells) in enumerate(rows):
        if kind == "group" and len(cells) < ncol:
            cells = cells + ["<"] * (ncol - len(cells))
        if len(cells) != ncol:
            raise ValueError(f"row {cells!r} has {len(cells)} cells, the table {ncol}")
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])
            if text in ("^", "<"):
                continue
            wide = len(text) > 12 and " " in text and c > 0
            align = WD_ALIGN_PARAGRAPH.LEFT if wide and kind != "head" else WD_ALIGN_PARAGRAPH.CENTER
            _fill_cell(cell, text, size=size, bold=kind in ("head", "group"), align=align)
    # merges after filling, so that a merged cell keeps the text of its first cell
    for r, (kind, cells) in enumerate(rows):
        if kind == "group" and len(cells) < ncol:
            cells = cells + ["<"] * (ncol - len(cells))
        for c, text in enumerate(cells):
            if text == "^":
                top = r - 1
                while rows[top][1][c] == "^":
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            elif text == "<":
                left = c - 1
                while left > 0 and cells[left] == "<":
                    left -= 1
                table.cell(r, left).merge(table.cell(r, c))
    for c in range(ncol):
        table.columns[c].width = Cm(widths[c])
    for r in range(len(rows)):
        for c in range(ncol):
            table.cell(r, c).width = Cm(widths[c])


def _two_column(doc, rows: list[tuple[str, str]], width: float) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    no_borders(table)
    table.autofit = False
    table.columns[0].width = Cm(width * 0.42)
    table.columns[1].width = Cm(width * 0.58)
    for r, (left, right) in enumerate(rows):
        for c, text in enumerate((left, right)):
            cell = table.cell(r, c)
            cell.width = Cm(width * (0.42 if c == 0 else 0.58))
            bold = text.isupper() or text.startswith(("Số:", "TM.", "KT."))
            italic = ", ngày " in text or text.startswith("Nơi nhận")
            cell.paragraphs[0].text = ""
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if not text.startswith("- ") else WD_ALIGN_PARAGRAPH.LEFT
            p.paragraph_format.space_after = Pt(0)
            _set_font(p.add_run(text), 12.0 if not text.startswith("- ") else 11.0, bold, italic)


def build_docx(source: Path, target: Path) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    lines = source.read_text(encoding="utf-8").splitlines()
    i = 0

    def width() -> float:
        s = doc.sections[-1]
        return (s.page_width - s.left_margin - s.right_margin) / 360000

    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        tag, _, text = line.partition(": ")
        text = text.strip()
        if line == "---":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif tag == "H":
            rows = []
            i -= 1
            while i < len(lines) and lines[i].startswith("H: "):
                left, _, right = lines[i][3:].partition("|")
                rows.append((left.strip(), right.strip()))
                i += 1
            _two_column(doc, rows, width())
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
        elif tag == "HT":
            left, _, right = text.partition("|")
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(width() * 0.68), WD_TAB_ALIGNMENT.CENTER)
            lt, rt = left.strip(), right.strip()
            _set_font(p.add_run(lt), 12.0, bold=lt.isupper() or lt.startswith("Số:"))
            p.add_run("\t")
            _set_font(p.add_run(rt), 12.0, bold=rt.isupper(), italic=", ngày " in rt)
        elif tag == "C":
            _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=2)
        elif tag == "c":
            _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
        elif tag == "B":
            _paragraph(doc, text, bold=True, indent=True)
        elif tag == "I":
            _paragraph(doc, text, italic=True, indent=True)
        elif tag == "P":
            _paragraph(doc, text, indent=True)
        elif tag == "S":
            new = doc.add_section()
            landscape = text == "landscape"
            new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            long, short = Cm(29.7), Cm(21.0)
            new.page_width, new.page_height = (long, short) if landscape else (short, long)
            new.left_margin, new.right_margin = (Cm(2.0), Cm(1.5)) if landscape else (Cm(3.0), Cm(2.0))
        elif tag == "T":
            widths = [float(w) for w in text.split(",")]
            rows = []
            while not lines[i].startswith("/T"):
                row = lines[i].rstrip()
                i += 1
                if not row.strip():
                    continue
                kind = {"|=": "head", "|*": "group"}.get(row[:2], "body")
                body = row[2:] if kind != "body" else row[1:]
                rows.append((kind, re.split(r"\s*\|\s*", body.strip())))
            i += 1
            _grid_table(doc, widths, rows)
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
        else:
            raise ValueError(f"{source.name}: unknown line {line[:40]!r}")
    doc.save(target)


# --- scan and OCR ------------------------------------------------------------------------------

def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """A slightly skewed, soft, noisy copy of a clean page, as a cheap office scanner gives."""
    img = page.convert("L")
    w, h = img.size
    scale = rng.uniform(0.78, 0.9)
    img = img.resize((int(w * scale), int(h * scale)), Image.Resampling.BILINEAR)
    img = img.resize((w, h), Image.Resampling.BILINEAR)
    img = img.rotate(rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.7)))
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    img = Image.blend(img, noise, rng.uniform(0.10, 0.16))
    # a scanner's contrast: paper a little grey, ink not quite black
    return img.point(lambda v: min(255, int(v * 1.12)))


def ocr_document(source: Path, work: Path) -> str:
    stem = source.stem
    docx = work / f"{stem}.docx"
    build_docx(source, docx)
    profile = work / "lo-profile"
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(work / f"{stem}.pdf"), str(work / stem)],
                   check=True)
    pages = []
    for n, png in enumerate(sorted(work.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))):
        rng = random.Random(f"{SEED}/{stem}/{n}")
        scan = work / f"{stem}-scan-{n + 1:02d}.png"
        with Image.open(png) as page:
            degrade(page, rng).save(scan)
        text = subprocess.run(["tesseract", str(scan), "-", "-l", "eng", "--psm", "6"], check=True,
                              capture_output=True, text=True).stdout
        pages.append(text.rstrip("\f\n") + "\n")
    return "\f".join(pages)


# --- gold check --------------------------------------------------------------------------------

def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text.replace(" // ", " ")))


def _vn(number: float) -> str:
    """A number as a Vietnamese document writes it: 1.250 and 60,5."""
    whole, _, frac = f"{number:.2f}".rstrip("0").rstrip(".").partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def check(stem: str, heldout: Path = HELDOUT) -> list[str]:
    source = _flat((heldout / "sources" / f"{stem}.txt").read_text(encoding="utf-8"))
    gold = json.loads((heldout / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    problems = []
    for section, key in (("indicators", "name"), ("tasks", "name"), ("budget", "item")):
        for item in gold.get(section) or []:
            if _flat(item[key]) not in source:
                problems.append(f"{stem} {section}: not in the source: {item[key]!r}")
    for item in gold.get("indicators") or []:
        for target in item["targets"]:
            if target["text"] not in source:
                problems.append(f"{stem} indicators: target {target['text']!r} not in the source")
    for item in gold.get("budget") or []:
        if _vn(item["amount"]) not in source:
            problems.append(f"{stem} budget: amount {_vn(item['amount'])} not in the source")
    for item in gold.get("results") or []:
        # (a figure written "1,2 triệu" is stored whole, 1200000, as the shared gold stores it)
        millions = f"{_vn(item['actual'] / 1e6)} triệu" if item["actual"] and item["actual"] >= 1e6 else None
        if _vn(item["actual"]) not in source and (millions is None or millions not in source):
            problems.append(f"{stem} results: actual {_vn(item['actual'])} not in the source")
    for field in ("number", "issued_on_text"):
        if gold["document"][field] not in source:
            problems.append(f"{stem} document.{field} not in the source")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=HELDOUT,
                    help="the set's folder (relative to the repository root); default bench/extract_heldout")
    ap.add_argument("--only", help="comma-separated stems, e.g. 101,104")
    ap.add_argument("--keep", type=Path, help="keep the .docx, .pdf and page images here")
    ap.add_argument("--check", action="store_true", help="check gold names against the sources only")
    a = ap.parse_args()
    heldout = a.set if a.set.is_absolute() else ROOT / a.set
    sources = sorted((heldout / "sources").glob("*.txt"))
    if not sources:
        print(f"no sources in {heldout / 'sources'}", file=sys.stderr)
        return 2
    if a.only:
        wanted = set(a.only.split(","))
        sources = [s for s in sources if s.stem in wanted]
    if a.check:
        problems = [p for s in sources for p in check(s.stem, heldout)]
        print("\n".join(problems) or f"gold names found in the sources ({len(sources)} documents)")
        return 1 if problems else 0
    for tool in ("libreoffice", "pdftoppm", "tesseract"):
        if shutil.which(tool) is None:
            print(f"{tool} not found", file=sys.stderr)
            return 2
    (heldout / "ocr").mkdir(exist_ok=True)
    for source in sources:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            text = ocr_document(source, work)
            if a.keep:
                a.keep.mkdir(parents=True, exist_ok=True)
                for f in work.iterdir():
                    if f.is_file():
                        shutil.copy2(f, a.keep / f.name)
        (heldout / "ocr" / f"{source.stem}.txt").write_text(text, encoding="utf-8")
        print(f"ocr/{source.stem}.txt: {text.count(chr(12)) + 1} pages, {len(text)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
