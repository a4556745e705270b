"""Extract the five seed documents and print the scorer's figures and the total time.

Usage: python bench/extract.py [SEEDS_DIR] [GOLD_DIR]
Extracts every seed in one fresh process (`python -m nq57.extract --out`), so the time
includes start-up (imports, the repair model) once; OMP/BLAS threads are pinned to one core.
Then runs `nq57 extract FILE --json` once per seed (a fresh process each, as a user would) and
prints each file's time.
Last, extracts the OCR documents of bench/extract_heldout/ (set 1: written for measurement, spent
on 2026-11-24 when its failures were studied; see its README) and prints the scorer's table for
them, then does the same for sets 3, 4, 5, 7, 10, 12, 14, 15, 16, 17, 18 and 19, bench/extract_heldout3/, 4/, 5/, 7/, 10/,
12/, 14/, 15/, 16/, 17/, 18/ and 19/ (written to be studied, like set 1; their first figures are in their READMEs), then for
set 8, bench/extract_heldout8/ (a
development set of clean digital files as offices send them, .docx, text-layer .pdf and one .xlsx, read from its
docs/ folder rather than ocr/), then for set 13, bench/extract_heldout13/ (clean digital files too, in layouts from a
list, studied since 2026-11-24), then for set 20, bench/extract_heldout20/ (clean digital files, a development set since
its first run on 2026-11-25), then for set 2, bench/extract_heldout2/ (never looked
at: the unseen figure), then for set 6, bench/extract_heldout6/ (written on 2026-11-24 and never looked at
either: a second unseen figure), then for set 9, bench/extract_heldout9/ (never looked at, its layouts chosen
by its author alone, with no list of layouts from the developers), and last for set 11, bench/extract_heldout11/
(written on 2026-11-24 like set 9, never looked at: the newest unseen figure).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "bench" / "extract_heldout"
HELDOUT2 = ROOT / "bench" / "extract_heldout2"
HELDOUT3 = ROOT / "bench" / "extract_heldout3"
HELDOUT4 = ROOT / "bench" / "extract_heldout4"
HELDOUT5 = ROOT / "bench" / "extract_heldout5"
HELDOUT6 = ROOT / "bench" / "extract_heldout6"
HELDOUT9 = ROOT / "bench" / "extract_heldout9"
HELDOUT10 = ROOT / "bench" / "extract_heldout10"
HELDOUT11 = ROOT / "bench" / "extract_heldout11"
HELDOUT12 = ROOT / "bench" / "extract_heldout12"
HELDOUT7 = ROOT / "bench" / "extract_heldout7"
HELDOUT8 = ROOT / "bench" / "extract_heldout8"
HELDOUT13 = ROOT / "bench" / "extract_heldout13"
HELDOUT14 = ROOT / "bench" / "extract_heldout14"
HELDOUT15 = ROOT / "bench" / "extract_heldout15"
HELDOUT16 = ROOT / "bench" / "extract_heldout16"
HELDOUT17 = ROOT / "bench" / "extract_heldout17"
HELDOUT18 = ROOT / "bench" / "extract_heldout18"
HELDOUT19 = ROOT / "bench" / "extract_heldout19"
HELDOUT20 = ROOT / "bench" / "extract_heldout20"


STUDIED = "a development set: studied since it was written"
SINCE_FIRST_RUN = "a development set since its first run"
# (folder, heading, label) of every set after the first, in the order they are printed
SETS = [
    (HELDOUT3, f"OCR documents, set 3 ({STUDIED})", "set 3"),
    (HELDOUT4, f"OCR documents, set 4 ({STUDIED})", "set 4"),
    (HELDOUT5, f"OCR documents, set 5 ({STUDIED})", "set 5"),
    (HELDOUT7, f"OCR documents, set 7 ({STUDIED})", "set 7"),
    (HELDOUT10, f"OCR documents, set 10 ({STUDIED})", "set 10"),
    (HELDOUT12, f"OCR documents, set 12 ({STUDIED})", "set 12"),
    (HELDOUT14, f"OCR documents, set 14 (task tables; {STUDIED})", "set 14"),
    (HELDOUT15, f"OCR documents, set 15 (indicators and results; {STUDIED})", "set 15"),
    (HELDOUT16, f"OCR documents, set 16 (mixed plans and reports; {STUDIED})", "set 16"),
    (HELDOUT17, f"OCR documents, set 17 (mixed plans and reports; {SINCE_FIRST_RUN})", "set 17"),
    (HELDOUT18, f"OCR documents, set 18 (mixed plans and reports; {SINCE_FIRST_RUN})", "set 18"),
    (HELDOUT19, f"OCR documents, set 19 (portrait plans and reports; {SINCE_FIRST_RUN})", "set 19"),
    (HELDOUT8, f"documents, set 8 (clean .docx/.pdf/.xlsx; {STUDIED})", "set 8"),
    (HELDOUT13, f"documents, set 13 (clean .docx/.pdf/.xlsx in listed layouts; {STUDIED})", "set 13"),
    (HELDOUT20, f"documents, set 20 (clean .docx/.pdf/.xlsx; {SINCE_FIRST_RUN})", "set 20"),
    (HELDOUT2, "held-out OCR documents, set 2 (never looked at)", "held-out set 2"),
    (HELDOUT6, "held-out OCR documents, set 6 (never looked at)", "held-out set 6"),
    (HELDOUT9, "held-out OCR documents, set 9 (never looked at; layouts chosen by its author alone)", "held-out set 9"),
    (HELDOUT11, "held-out OCR documents, set 11 (never looked at; layouts chosen by its author alone)", "held-out set 11"),
]


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "seeds"
    gold = Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED / "gold"
    scorer = SHARED / "tools" / "score_extraction.py"
    files = sorted(p for p in seeds.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", sys.executable, "-m", "nq57.extract", "--out", out,
                        *map(str, files)], check=True,
                       env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
        elapsed = time.perf_counter() - start
        subprocess.run([sys.executable, str(scorer), "--dir", str(gold), out], check=True)
    print(f"seeds: {len(files)}  total time (start-up included): {elapsed:.2f} s")
    cli = [sys.executable, "-c", "import sys; from nq57.cli import main; sys.argv[0] = 'nq57'; main()"]
    per_file = []
    for path in files:
        start = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", *cli, "extract", str(path), "--json"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
        per_file.append(time.perf_counter() - start)
        print(f"  nq57 extract {path.name}: {per_file[-1]:.2f} s")
    print(f"nq57 extract, one process per file: {sum(per_file):.2f} s in total")
    heldout(scorer)
    for folder, heading, label in SETS:
        heldout(scorer, folder, heading, label)
    return 0


def heldout(scorer: Path, folder: Path = HELDOUT, heading: str = "OCR documents, set 1 (spent: used for development since 2026-11-24)",
            label: str = "held-out") -> None:
    """Extract FOLDER/ocr/*.txt, or every file of FOLDER/docs/ when there is one (any format), and score
    them against FOLDER/gold/ (the first set unless told)."""
    docs = folder / "docs"
    files = sorted(p for p in docs.glob("*.*") if p.is_file()) if docs.is_dir() else sorted((folder / "ocr").glob("*.txt"))
    print()
    print(heading)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", sys.executable, "-m", "nq57.extract", "--out", out,
                        *map(str, files)], check=True,
                       env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
        elapsed = time.perf_counter() - start
        subprocess.run([sys.executable, str(scorer), "--dir", str(folder / "gold"), out], check=True)
    print(f"{label}: {len(files)}  total time (start-up included): {elapsed:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
