"""Words glued together by OCR ("phancongchidao" -> "phan cong chi dao"), split before decoding.

A scan that loses the spaces of a line leaves one long token that is no syllable and has no
OCR reading. It is cut into the fewest pieces that each read as a syllable (directly, or one
letter away for at most one piece), the likeliest cut by the pieces' readings and the bigram
language model; the decoder then repairs each piece. Only long tokens (MIN_LETTERS) are cut,
never capitals or mixed case (abbreviations, brands: "VNeID"), never letters Vietnamese does
not write, and never the Latin words documents use ("internet", "facebook"): Latin words
rarely cut into syllables of three letters on average, which is the plausibility rule.
"""

from __future__ import annotations

from functools import lru_cache

from .model import EDIT_PENALTY, RepairModel
from .tokens import Piece

MIN_LETTERS = 6
MAX_PIECE = 7  # "nghiêng", the longest syllable
MIN_PIECE = 2
MAX_PIECES = 5
MIN_MEAN_PIECE = 2.5  # letters per piece: Latin words cut only into short bits ("ba-na-na")
PIECE_COST = 3.0
READINGS = 6  # syllables tried per piece
MIN_APPROXIMATE = 4  # letters of a piece read only approximately: shorter ones fit any Latin bit
MIN_TABLE_LOGP = -3.0  # an OCR form counts as an exact reading when OCR gives it this often
# Latin words and brands of administrative documents: never Vietnamese run together.
KNOWN_LATIN = frozenset([
    "internet", "intranet", "facebook", "online", "offline", "camera", "viettel", "vinaphone",
    "mobifone", "agribank", "vietinbank", "vietcombank", "infographic", "infographics",
    "inforgraphic", "website", "webside", "email", "youtube", "google", "zalo", "smartphone",
    "laptop", "software", "hardware", "hackathon", "startup", "startups", "marketing",
    "livestream", "download", "upload", "fanpage", "hashtag", "podcast", "chatbot", "blockchain",
    "robot", "robotics", "digital", "smart", "platform", "cloud", "server", "database", "big",
    "data", "mobile", "banking", "ebanking", "internetbanking", "wifi", "samsung", "vietnam",
    "malaysia", "cambodia", "thailand", "singapore", "indonesia", "philippines", "myanmar",
    # office and IT words that spell Vietnamese syllables too ("scan" is no "sản")
    "scan", "scanner", "router", "switch", "modem", "server", "backup", "firewall", "antivirus", "usb",
    "webcam", "tablet", "ipad", "iphone", "android", "ios", "windows", "office", "word", "excel", "pdf",
    "zoom", "teams", "meet", "qr", "code", "app", "sms", "otp", "gps", "iot", "chatgpt", "mail", "gmail",
])
NON_VIETNAMESE_LETTERS = set("fjwz")


@lru_cache(maxsize=50_000)
def _readings(model: RepairModel, sub: str, flat: bool, approximate: bool) -> tuple[tuple[int, float, bool], ...]:
    """The likeliest (syllable id, log P(sub | syllable), approximate?) of a piece, best first.

    Exact readings: the plain spelling of a syllable, or (in a line with marks, so not typed
    without them) a form OCR often gives for it ("ké"). Approximate ones (letters read as
    others, one letter lost or added) only when `approximate`, never in a line without marks:
    Latin words cut into syllables through them too easily ("in-sta-gram", "tem-pla-te").
    """
    found: dict[int, tuple[float, bool]] = {}
    for sid in model.skeletons.get(sub, ()):
        found[sid] = (0.0, False)
    if flat:
        return tuple((sid, 0.0, False) for sid in sorted(found, key=lambda k: (-model.uni[k], k))[:READINGS])
    # An OCR form in plain letters ("ila") is as much a guess as a letter read as another.
    marked_form = not (sub.isascii() and sub.isalpha())
    for sid, lp in model.table.get(sub, ()):
        if (marked_form or approximate) and lp >= MIN_TABLE_LOGP and lp > found.get(sid, (-1e9, False))[0]:
            found[sid] = (lp, not marked_form)
    if not found and approximate and len(sub) >= MIN_APPROXIMATE:
        for key in dict.fromkeys(model._keys(sub)):
            for sid in model.skeletons.get(key, ()):
                if len(model.vocab[sid]) == len(sub):
                    found[sid] = (model.char_channel(model.vocab[sid], sub), True)
        if not found:
            found = {sid: (EDIT_PENALTY, True) for sid in model._near(sub)}
    ranked = sorted(found.items(), key=lambda kv: (-(kv[1][0] + model.uni[kv[0]]), kv[0]))[:READINGS]
    return tuple((sid, lp, approx) for sid, (lp, approx) in ranked)


def split_glued(text: str, model: RepairModel, flat: bool) -> list[str] | None:
    """The pieces of a glued token, or None when it is not one.

    Every piece but one must read exactly (see `_readings`), and each two pieces in a row
    must be a pair of syllables the language model has seen together: real words glued by a
    scan are phrases of the documents ("phân công", "chỉ đạo"), cut Latin words are not. The
    cut with the best readings, links and fewest pieces wins.
    """
    low = text.lower()
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS or not text[:1].isalpha() or not text[1:].islower() or not all(
            ch.isalpha() or ch in model.options for ch in text):
        return None  # short, capitals, mixed case ("iOffice"), or symbols: not for cutting
    if low in KNOWN_LATIN or any(ch in NON_VIETNAMESE_LETTERS for ch in low) or low in model.skeletons \
            or low in model.ids or low in model.table:
        return None  # a Latin word, or already a syllable or a reading of one
    whole = model.candidates(text, False)
    if whole and whole[0][1] > 2 * EDIT_PENALTY:
        return None  # reads as one syllable with at most one letter wrong
    n = len(low)
    # states[i][last syllable] = (score, pieces, approximate pieces, back-pointer (start, syllable))
    states: list[dict[int, tuple[float, int, int, tuple[int, int]]]] = [{} for _ in range(n + 1)]
    states[0][-1] = (0.0, 0, 0, (-1, -1))
    for i in range(n):
        for prev, (score, pieces, approx, _) in states[i].items():
            if pieces >= MAX_PIECES:
                continue
            for j in range(i + MIN_PIECE, min(n, i + MAX_PIECE) + 1):
                for sid, lp, is_approx in _readings(model, low[i:j], flat, approx == 0):
                    if prev >= 0:
                        link = model.big.get((prev, sid))
                        if link is None:
                            continue  # never seen together: not a glued phrase
                    else:
                        link = model.uni[sid]
                    cand = (score + lp + link - PIECE_COST, pieces + 1, approx + is_approx, (i, prev))
                    old = states[j].get(sid)
                    if old is None or cand[0] > old[0]:
                        states[j][sid] = cand
    if not states[n]:
        return None
    sid = max(states[n], key=lambda k: states[n][k][0])
    cuts = []
    j = n
    while j > 0:
        cuts.append(j)
        j, sid = states[j][sid][3]
    cuts.reverse()
    parts = [text[a:b] for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]
    if len(parts) < 2 or letters / len(parts) < MIN_MEAN_PIECE:
        return None
    return parts


def split_glued_pieces(pieces: list[Piece], model: RepairModel, flat: bool) -> list[Piece]:
    """The line's pieces with glued words cut (spaces between the new pieces)."""
    out: list[Piece] = []
    for piece in pieces:
        parts = split_glued(piece.text, model, flat) if piece.word else None
        if parts is None:
            out.append(piece)
            continue
        for k, part in enumerate(parts):
            if k:
                out.append(Piece(" ", False))
            out.append(Piece(part, True))
    return out

