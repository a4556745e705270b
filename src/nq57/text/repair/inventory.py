"""The syllable inventory: every Vietnamese syllable the repair may output."""

from __future__ import annotations

from pathlib import Path

from .syllables import is_vietnamese_word, looks_like_syllable, nfc

HUNSPELL_VI = Path("/usr/share/hunspell/vi_VN.dic")


def hunspell_syllables(path: Path = HUNSPELL_VI) -> set[str]:
    """Lower-case syllables from hunspell-vi's word list (it lists single syllables)."""
    if not path.exists():
        raise RuntimeError(f"{path}: thiếu từ điển hunspell-vi (apt-get install hunspell-vi)")
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word = nfc(line.split("/")[0].strip())
        if word and word == word.lower() and is_vietnamese_word(word) and looks_like_syllable(word):
            out.add(word)
    return out


_OLD_TO_NEW_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
                    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
                    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def tone_variants(syllable: str) -> set[str]:
    """Both tone placements for open oa/oe/uy syllables: 'hoà' <-> 'hòa', 'thuỷ' <-> 'thủy'."""
    out = {syllable}
    for old, new in _OLD_TO_NEW_TONE.items():
        if syllable.endswith(old) and not syllable.endswith("q" + old):
            out.add(syllable[: -2] + new)
        if syllable.endswith(new) and not syllable.endswith("q" + new[0]):
            out.add(syllable[: -2] + old)
    return out


def base_inventory() -> set[str]:
    out: set[str] = set()
    for s in hunspell_syllables():
        out |= tone_variants(s)
    return out
