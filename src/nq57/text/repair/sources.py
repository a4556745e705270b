"""Text sources of the language model, besides what the project wrote in data/corpus/.

underthesea (Apache-2.0) ships, inside its wheel, the Viet74K word list and the tagged output
of its tagger on a VLSP 2013 test set (running Vietnamese text). The build reads both straight
from the wheel file, which it gets with pip (`pip download --no-deps`) unless the package is
installed: nothing of underthesea is imported or needed at run time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .syllables import nfc

UNDERTHESEA = "underthesea==9.5.0"
VIET74K = "underthesea/corpus/data/Viet74K.txt"
VLSP_TEXT = "underthesea/pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nq57"

# Traditional tone placement, as in government documents: hòa, thủy (not hoà, thuỷ).
_TONE_STYLE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
               "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
               "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE_STYLE.update({k.upper(): v.upper() for k, v in list(_TONE_STYLE.items())})
_TONE_STYLE.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_TONE_STYLE.items())
                    if k.islower()})


def traditional_tones(text: str) -> str:
    """'hoà bình, thuỷ lợi' -> 'hòa bình, thủy lợi' (open syllables only: 'hoàn' stays)."""
    out = []
    for word in text.split(" "):
        core = word.rstrip(".,;:!?)”\"'")
        tail = word[len(core):]
        for old, new in _TONE_STYLE.items():
            if core.endswith(old) and not core.lower().endswith("q" + old.lower()):
                core = core[: -len(old)] + new
                break
        out.append(core + tail)
    return " ".join(out)


def _wheel_member(name: str) -> str:
    spec = importlib.util.find_spec("underthesea")
    if spec and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))).parent / name
        if path.exists():
            return path.read_text(encoding="utf-8")
    CACHE.mkdir(parents=True, exist_ok=True)
    wheels = sorted(CACHE.glob("underthesea-9.5.0-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE),
                        UNDERTHESEA], check=True)
        wheels = sorted(CACHE.glob("underthesea-9.5.0-*.whl"))
    with zipfile.ZipFile(wheels[0]) as zf:
        return zf.read(name).decode("utf-8")


def viet74k_words() -> list[str]:
    return [traditional_tones(nfc(w.strip())) for w in _wheel_member(VIET74K).splitlines() if w.strip()]


def vlsp_sentences() -> Iterator[str]:
    """Sentences of the tagged VLSP 2013 text: first column, one word per line, blank between."""
    words: list[str] = []
    for line in _wheel_member(VLSP_TEXT).splitlines():
        if not line.strip():
            if words:
                yield traditional_tones(nfc(" ".join(words)))
            words = []
        else:
            words.append(line.split("\t")[0])
    if words:
        yield traditional_tones(nfc(" ".join(words)))


def place_names() -> list[str]:
    """Province and commune names from the vietnam-provinces package."""
    import vietnam_provinces

    rows = json.loads(Path(vietnam_provinces.FLAT_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    names = {nfc(row["name"]) for row in rows} | {nfc(row["province_name"]) for row in rows}
    return sorted(names)
