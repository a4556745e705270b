"""Build the repair model: `python -m nq57.text.repair.build` (add `--ocr` to redo the OCR pairs).

Inputs, all on this machine: the syllable list of hunspell-vi, the Vietnamese text the project
wrote in data/corpus/, the administrative unit names of the vietnam-provinces package, and the
OCR confusion pairs in data/ocr_pairs.tsv.gz (made by `--ocr`: clean syllables and corpus lines
rendered to images and read back by `tesseract -l eng`). Output: data/model.pkl.gz.
"""

from __future__ import annotations

import argparse
import gzip
import math
import pickle
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from .inventory import base_inventory, tone_variants
from .lm import SPECIAL, BigramCounts, add_word_list, stream
from .sources import place_names, traditional_tones, viet74k_words, vlsp_sentences
from .syllables import is_vietnamese_word, looks_like_syllable, nfc, strip_marks, untone
from .tokens import split_line

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
PAIRS = DATA / "ocr_pairs.tsv.gz"
MODEL = DATA / "model.pkl.gz"
# Confusions of real scans that clean renders rarely show (a broken Đ read as P or B).
PRIOR_CONFUSIONS = {("đ", "p"): 20, ("đ", "b"): 10, ("ế", "&"): 10, ("ố", "b"): 5, ("ổ", "d"): 5, ("ố", "d"): 5, ("i", "}"): 5, ("s", "§"): 5}
REPEATS = 24
DICT_WEIGHT = 0.05  # share of P(b|a) for pairs inside dictionary words
CORPUS_WEIGHT = 2  # the project's own in-domain text counts twice
DISCOUNT = 0.75
FREQ_MIX = 0.3  # renders of each syllable in the OCR pairs


def corpus_lines(exclude: tuple[str, ...] = ()) -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name in exclude:
            continue
        lines.extend(traditional_tones(nfc(ln)) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
    return lines


def place_name_lines() -> list[str]:
    out = []
    for name in place_names():
        out.append(name)
        out.append("trên địa bàn " + name[0].lower() + name[1:])
    return out


def inventory_from(lines: list[str]) -> set[str]:
    inv = base_inventory()
    for line in lines:
        for piece in split_line(line):
            low = piece.text.lower()
            if piece.word and is_vietnamese_word(low) and looks_like_syllable(low):
                inv |= tone_variants(low)
    return inv


def make_ocr_pairs(lines: list[str], out: Path = PAIRS) -> None:
    """OCR every syllable (in three cases, five times) and the corpus lines; count word pairs."""
    from .synth import ocr_lines, word_pairs

    syl = sorted(base_inventory())
    rnd = random.Random(1)
    rows = []
    for _ in range(REPEATS):
        order = syl[:]
        rnd.shuffle(order)
        for i in range(0, len(order), 8):
            words = order[i:i + 8]
            r = rnd.random()
            if r < 0.25:
                words = [w.capitalize() for w in words]
            elif r < 0.37:
                words = [w.upper() for w in words]
            rows.append(" ".join(words))
    wrapped = [chunk for line in lines for chunk in wrap(line)]
    rows.extend(wrapped * 2)  # running text twice, on pages of different fonts and sizes
    rows.extend(chunk.upper() for chunk in wrapped if len(chunk) < 60)
    counts = Counter(word_pairs(ocr_lines(rows, seed=7)))
    with gzip.open(out, "wt", encoding="utf-8") as f:
        for (clean, got), n in sorted(counts.items()):
            f.write(f"{clean}\t{got}\t{n}\n")


def wrap(line: str, width: int = 90) -> list[str]:
    """Cut a paragraph into printed-line lengths."""
    out, cur = [], ""
    for word in line.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return out + ([cur] if cur else [])


def read_pairs(path: Path = PAIRS) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            clean, got, n = line.rstrip("\n").split("\t")
            counts[(nfc(clean), nfc(got))] += int(n)
    return counts


def build(out: Path = MODEL, exclude: tuple[str, ...] = ()) -> dict:
    """Build and save the model; `exclude` leaves corpus files out (to measure on them)."""
    lines = corpus_lines(exclude)
    places = place_name_lines()
    news = list(vlsp_sentences())
    words = [w for w in viet74k_words() if " " in w]
    inv = inventory_from(lines + places + news + words)
    vocab = SPECIAL + sorted(inv)
    ids = {w: i for i, w in enumerate(vocab)}

    counts = BigramCounts()
    for line in lines:
        counts.add(stream(line, inv), weight=CORPUS_WEIGHT)
    for line in places + news:
        counts.add(stream(line, inv))
    uni, big, back = counts.kneser_ney(vocab, discount=DISCOUNT, freq_mix=FREQ_MIX)
    add_word_list(big, back, uni, (w.lower().split() for w in words + places if all(s.lower() in inv for s in w.split())),
                  weight=DICT_WEIGHT)

    # Channel model from the OCR pairs: whole-word table and per-letter substitutions.
    pairs = read_pairs()
    total_by_clean: Counter[str] = Counter()
    for (clean, _got), n in pairs.items():
        total_by_clean[clean] += n
    table: dict[str, list[tuple[int, float]]] = defaultdict(list)
    char_counts: Counter[tuple[str, str]] = Counter()
    char_totals: Counter[str] = Counter()
    for (clean, got), n in pairs.items():
        low = clean.lower()
        if low not in ids:
            continue
        table[got].append((ids[low], math.log(n / total_by_clean[clean])))
        if len(got) == len(clean):
            for c, o in zip(low, got.lower(), strict=True):
                char_counts[(c, o)] += n
                char_totals[c] += n
    for (c, o), n in PRIOR_CONFUSIONS.items():
        char_counts[(c, o)] += n
        char_totals[c] += n
    char_logp = {k: math.log((n + 0.1) / (char_totals[k[0]] + 5)) for k, n in char_counts.items()}
    # The same letter under another tone is read alike: back off to the untoned letter.
    base_counts: Counter[tuple[str, str]] = Counter()
    base_totals: Counter[str] = Counter()
    for (c, o), n in char_counts.items():
        base = untone(c)[0]
        base_counts[(base, o)] += n
        base_totals[base] += n
    base_logp = {k: math.log((n + 0.1) / (base_totals[k[0]] + 5)) for k, n in base_counts.items()}
    # Which plain letters each OCR character may stand for (to find candidates of unseen forms).
    by_ocr: dict[str, Counter[str]] = defaultdict(Counter)
    for (c, o), n in char_counts.items():
        if n < 2:
            continue  # one odd sighting is noise
        by_ocr[o][strip_marks(c)] += n
    options = {}
    for o, cnt in by_ocr.items():
        tot = sum(cnt.values())
        opts = [p for p, n in cnt.most_common() if n >= 3 and n / tot >= 0.002 and p.isalpha()]
        if opts:
            options[o] = "".join(opts)
    for c, o in PRIOR_CONFUSIONS:  # known confusions of real scans stay readable however rare here
        plain = strip_marks(c)
        if plain not in options.get(o, ""):
            have = options.get(o, o if o.isalpha() else "")
            options[o] = have[:1] + plain + have[1:]  # early: readings are tried in this order

    skeletons: dict[str, list[int]] = defaultdict(list)
    for w in vocab[len(SPECIAL):]:
        skeletons[strip_marks(w)].append(ids[w])
    deletes: dict[str, list[str]] = defaultdict(list)
    for sk in skeletons:
        for i in range(len(sk)):
            deletes[sk[:i] + sk[i + 1:]].append(sk)

    tri, tback = counts.trigram_kn(big, back, uni)
    model = {
        "tri": {(ids[a], ids[b], ids[c]): p for (a, b, c), p in tri.items()},
        "tback": {(ids[a], ids[b]): p for (a, b), p in tback.items()},
        "vocab": vocab,
        "uni": [uni[w] for w in vocab],
        "big": {(ids[a], ids[b]): p for (a, b), p in big.items()},
        "back": {ids[a]: p for a, p in back.items()},
        "table": dict(table),
        "char_logp": char_logp,
        "char_totals": dict(char_totals),
        "base_logp": base_logp,
        "options": options,
        "skeletons": dict(skeletons),
        "deletes": dict(deletes),
    }
    with gzip.open(out, "wb", compresslevel=6) as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", action="store_true", help="redo the OCR pairs with tesseract first (minutes)")
    args = ap.parse_args()
    t0 = time.time()
    if args.ocr or not PAIRS.exists():
        make_ocr_pairs(corpus_lines())
        print(f"OCR pairs: {PAIRS} ({time.time() - t0:.0f} s)")
    model = build()
    print(f"model: {MODEL} ({MODEL.stat().st_size / 1e6:.1f} MB, {len(model['vocab'])} syllables, "
          f"{len(model['big'])} bigrams, {time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
