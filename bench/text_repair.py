"""Bench of the diacritic repair (issue 2). Prints:

(a) syllable accuracy on clean text with every mark stripped: seed 001 and two held-out sets,
    never used to build the model: the first (src/nq57/text/repair/data/heldout/, its errors were
    looked at while the corpus was written, so it flatters) and the new one (bench/repair_heldout/,
    other provinces and topics, written once and never used for tuning);
(b) syllable accuracy on realistic OCR damage: held-out text rendered to page images, read by
    `tesseract -l eng`, repaired; and accuracy of the repaired names (indicators, tasks,
    results) of the four damaged seeds against ../shared/gold;
(c) speed: syllables/s on one core, time to repair all five seeds with start-up, peak memory;
(d) character accuracy of `tesseract -l vie` on rendered pages of seed 001.

Usage: .venv/bin/python bench/text_repair.py [--quick]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "src/nq57/text/repair/data/heldout"
HELDOUT_NEW = ROOT / "bench/repair_heldout"
PUNCT = "\"'“”‘’«»()[]{}.,;:!?…*_#|"


def words(text: str) -> list[str]:
    return [w.strip(PUNCT).lower() for w in text.split() if w.strip(PUNCT)]


def syllable_accuracy(pairs: list[tuple[str, str]]) -> tuple[float, int]:
    """Share of syllables equal to the clean text, over lines whose word counts agree."""
    ok = total = 0
    for clean, out in pairs:
        a, b = words(clean), words(out)
        if len(a) != len(b):
            from difflib import SequenceMatcher

            total += len(a)
            ok += sum(m.size for m in SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks())
            continue
        total += len(a)
        ok += sum(x == y for x, y in zip(a, b, strict=True))
    return ok / max(total, 1), total


def heldout_lines(folder: Path = HELDOUT) -> list[str]:
    lines = []
    for path in sorted(folder.glob("*.txt")):
        lines += [unicodedata.normalize("NFC", ln) for ln in path.read_text(encoding="utf-8").splitlines()
                  if ln.strip()]
    return lines


def seed(n: str) -> Path:
    return next((SHARED / "seeds").glob(f"{n}_*.txt"))


def bench_stripped(repair_line, strip_marks) -> None:
    print("(a) Stripped text (all marks removed), syllable accuracy:")
    seed1 = [ln for ln in seed("001").read_text(encoding="utf-8").splitlines() if ln.strip()]
    for name, lines in [("seed 001", seed1), ("held-out 1", heldout_lines()),
                        ("held-out 2", heldout_lines(HELDOUT_NEW))]:
        pairs = [(ln, repair_line(strip_marks(ln), force=True).text) for ln in lines]
        acc, n = syllable_accuracy(pairs)
        print(f"    {name:<10} {acc:.2%} of {n} syllables")


def bench_ocr(repair_line, quick: bool, folder: Path, name: str) -> None:
    from nq57.text.repair.synth import ocr_lines

    lines = heldout_lines(folder)
    if quick:
        lines = lines[:150]
    t0 = time.time()
    pairs = [(c, g) for c, g in ocr_lines(lines, seed=2026) if g is not None]
    ocr_s = time.time() - t0
    before, n = syllable_accuracy(pairs)
    after, _ = syllable_accuracy([(c, repair_line(g, force=True).text) for c, g in pairs])
    print(f"(b) {name} rendered and read by tesseract -l eng, syllable accuracy:")
    print(f"    OCR as read {before:.2%}, after repair {after:.2%} of {n} syllables "
          f"({len(pairs)}/{len(lines)} lines aligned, OCR {ocr_s:.0f} s)")


def gold_names(gold: dict) -> list[str]:
    names = [i.get("name") for i in gold.get("indicators", [])]
    names += [t.get("name") for t in gold.get("tasks", [])]
    names += [r.get("name") for r in gold.get("results", []) if isinstance(r, dict)]
    return [unicodedata.normalize("NFC", n) for n in names if n]


def name_matches(name: list[str], text: list[str], skel: list[str], strip_marks) -> tuple[int, int]:
    """How many of the name's syllables the repaired text gets right where the name is found.

    The name's plain spelling is aligned (with gaps: table cells are split across lines and
    interleaved with other columns) to the stretch of text that matches it best; a name
    syllable counts as right when its aligned text word is exactly the gold syllable.
    Returns (right, aligned): gold names are partly reworded, so not every syllable aligns.
    """
    from difflib import SequenceMatcher

    want = [strip_marks(w) for w in name]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(skel):
        index.setdefault(s, []).append(i)
    starts = set()
    for k, w in enumerate(want[:4]):
        starts.update(max(i - k, 0) for i in index.get(w, ()))
    best, best_ok = 0, 0
    for i in starts:
        j = i + 2 * len(want) + 8
        blocks = SequenceMatcher(a=want, b=skel[i:j], autojunk=False).get_matching_blocks()
        found = sum(b.size for b in blocks)
        if found > best:
            ok = sum(name[b.a + t] == text[i + b.b + t] for b in blocks for t in range(b.size))
            best, best_ok = found, ok
    return best_ok, best


def bench_gold(repair_text, strip_marks) -> None:
    print("(b) Names in the damaged seeds' gold (indicators, tasks, results), aligned in the repaired text:")
    for n in ["000", "002", "003", "004"]:
        gold_path = SHARED / "gold" / f"{n}.json"
        if not gold_path.exists():
            continue
        raw = seed(n).read_text(encoding="utf-8")
        out_words = words(repair_text(raw))
        raw_words = words(unicodedata.normalize("NFC", raw))
        skel_out = [strip_marks(w) for w in out_words]
        skel_raw = [strip_marks(w) for w in raw_words]
        ok_rep = ok_raw = total = aligned = 0
        for name in gold_names(json.loads(gold_path.read_text(encoding="utf-8"))):
            nw = words(name)
            total += len(nw)
            ok, found = name_matches(nw, out_words, skel_out, strip_marks)
            ok_rep += ok
            aligned += found
            ok_raw += name_matches(nw, raw_words, skel_raw, strip_marks)[0]
        print(f"    seed {n}: {ok_rep / aligned:.2%} of the {aligned} aligned name syllables right after repair "
              f"({ok_rep / total:.2%} of all {total}; as read: {ok_raw / total:.2%})")


def bench_speed(repair_line, strip_marks) -> None:
    from nq57.text.repair.model import load_model

    lines = [strip_marks(ln) for ln in heldout_lines()]
    n = sum(len(ln.split()) for ln in lines)
    load_model()  # throughput, not start-up: start-up is in the five-seeds figure below
    t0 = time.process_time()
    for ln in lines:
        repair_line(ln, force=True)
    cpu = time.process_time() - t0
    code = (
        "import glob,resource,time;t=time.time();from nq57.text.repair import repair_text;"
        f"[repair_text(open(p,encoding='utf-8').read()) for p in sorted(glob.glob('{SHARED}/seeds/*.txt'))];"
        "print(time.time()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_child = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    _, rss_kb = res.stdout.split()
    print("(c) Speed:")
    print(f"    {n / cpu:,.0f} syllables/s on one core (held-out text, stripped, {n} syllables, CPU time)")
    print(f"    all five seeds repaired with start-up: {cpu_child:.2f} s CPU, {wall:.2f} s wall "
          f"(machine load {os.getloadavg()[0]:.1f}); peak memory {int(rss_kb) / 1024:.0f} MB")


def bench_vie(quick: bool) -> None:
    from rapidfuzz.distance import Levenshtein

    from nq57.text.repair.synth import PageStyle, available_fonts, ocr_image, render_page

    lines = [ln.strip() for ln in seed("001").read_text(encoding="utf-8").splitlines() if ln.strip()]
    # Long lines are wrapped as on a printed page.
    wrapped: list[str] = []
    for ln in lines:
        cur = ""
        for w in ln.split():
            if len(cur) + len(w) > 90:
                wrapped.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        if cur:
            wrapped.append(cur)
    if quick:
        wrapped = wrapped[:80]
    style = PageStyle(font=available_fonts()[0], size=40, blur=0.0)
    got = []
    for i in range(0, len(wrapped), 40):
        got.append(ocr_image(render_page(wrapped[i:i + 40], style), lang="vie"))
    want = " ".join(" ".join(wrapped).split())
    have = " ".join(unicodedata.normalize("NFC", " ".join(got)).split())
    acc = 1 - Levenshtein.distance(want, have) / max(len(want), 1)
    print(f"(d) tesseract -l vie on rendered pages of seed 001: character accuracy {acc:.2%} ({len(want)} chars)")


def main() -> None:
    quick = "--quick" in sys.argv
    from nq57.text.repair import repair_line, repair_text
    from nq57.text.repair.syllables import strip_marks

    bench_stripped(repair_line, strip_marks)
    bench_ocr(repair_line, quick, HELDOUT, "Held-out 1")
    bench_ocr(repair_line, quick, HELDOUT_NEW, "Held-out 2")
    bench_gold(repair_text, strip_marks)
    bench_speed(repair_line, strip_marks)
    bench_vie(quick)


if __name__ == "__main__":
    main()
