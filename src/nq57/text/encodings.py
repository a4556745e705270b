"""Decode the bytes of a text file: UTF-8, UTF-16, Windows-1258 and the legacy font encodings.

Byte-order marks and the NUL pattern of UTF-16 decide first. Otherwise UTF-8 is tried
strictly; text that is not UTF-8 is decoded with every Vietnamese 8-bit candidate and the
one whose words are most often valid Vietnamese syllables wins. UTF-8 text that is really
legacy font text pasted into a Unicode file ("KÕ ho¹ch", "Keá hoaïch") is converted too.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass

from nq57.text.legacy import LEGACY_ENCODINGS, decode_legacy, transcode_legacy
from nq57.text.vietnamese import is_vietnamese_syllable

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'()[]{}<>,.;:!?*#|/\\-–—…“”‘’«»"
# The most frequent syllables of administrative Vietnamese: when two decodings both spell
# valid syllables (short texts), the one using common words is the right one.
_COMMON_TEXT = """
    của và các có được trong cho là với những người một không này đã để đến khi năm theo về
    phát triển thực hiện công tác chỉ tiêu nhiệm vụ kế hoạch số đổi mới sáng tạo chuyển khoa
    học nghệ dân ủy ban nhân xã phường tỉnh huyện thành phố đơn vị cơ quan tổ chức quản lý
    hành chính dịch trực tuyến dữ liệu thông tin hệ thống tăng cường đẩy mạnh triển khai
    trên địa bàn đạt tỷ lệ hoàn tháng quý trước ngày chủ trì phối hợp sở ngành ương trung
    nghị quyết định luật bộ chính trị đảng nhà nước kinh tế xã hội văn hóa giáo dục y tế
    đầu tư nguồn lực hạ tầng mạng viễn an toàn kỹ năng ứng dụng nền tảng điện tử chữ ký
    doanh nghiệp hồ sơ thủ tục giải quyết cán bộ công chức viên chức lãnh đạo chỉ đạo ban
    hành báo cáo kết quả đánh giá tình hình mục đích yêu cầu nội dung giải pháp tổ chức
    thời gian kinh phí ngân sách phân công trách nhiệm cấp tham gia bảo đảm nâng cao
"""
_COMMON = frozenset(_COMMON_TEXT.split())
# Control characters that never occur in a text document (tab, newlines, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


class NotText(ValueError):
    """The bytes are not text in any encoding we know (binary data, broken UTF-16)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-16, cp1258, tcvn3, vni, viscii


def _marked_tokens(text: str) -> list[str]:
    """Words with a non-ASCII character, edge punctuation removed (symbols inside stay: "tri¬n")."""
    tokens = (t.strip(_EDGE_PUNCTUATION) for t in _TOKEN.findall(text))
    return [t for t in tokens if t and not t.isascii() and any(c.isalpha() for c in t)]


def _capital_inside(token: str) -> bool:
    return any(a.islower() and b.isupper() for a, b in zip(token, token[1:], strict=False))


def vietnamese_score(text: str) -> float:
    """How Vietnamese the text reads: share of its marked words that are valid syllables,
    plus a half-weight bonus for the share that are common ones (1.0 with no marked word)."""
    marked = _marked_tokens(text)
    if not marked:
        return 1.0
    # a capital after a small letter ("tƯ", VISCII's "tỷ" read as VNI) is no word as written
    written = [t for t in marked if not _capital_inside(t)]
    valid = sum(map(is_vietnamese_syllable, written)) / len(marked)
    common = sum(t.lower() in _COMMON for t in written) / len(marked)
    return valid + 0.5 * common


def _marked_words(text: str) -> int:
    return len(_marked_tokens(text))


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """utf-16-le / utf-16-be when NULs sit on one parity, as in UTF-16 text with ASCII."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, codec: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), "utf-16")
    except UnicodeDecodeError as exc:
        raise NotText(f"tệp UTF-16 bị hỏng ở byte {exc.start}") from None


def _legacy_candidates(data: bytes) -> list[Decoded]:
    out = [Decoded(unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258")]
    out += [Decoded(decode_legacy(data, enc), enc) for enc in LEGACY_ENCODINGS]
    return out


def _best(candidates: list[Decoded]) -> Decoded:
    # Ties keep the earlier candidate (the list is in order of how common each encoding is).
    return max(candidates, key=lambda d: (vietnamese_score(d.text) - 2 * _control_share(d.text)))


def _repair_pasted_legacy(text: str) -> Decoded | None:
    """UTF-8 text that is legacy font text read as Windows-1252: convert it if that reads better."""
    if _marked_words(text) < 3 or vietnamese_score(text) > 0.8:
        return None
    candidates = []
    for enc in ("tcvn3", "vni"):
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            break
        candidates.append(Decoded(transcode_legacy(text, enc), enc))
    with contextlib.suppress(UnicodeEncodeError):
        candidates.append(Decoded(decode_legacy(text.encode("latin-1"), "viscii"), "viscii"))
    if not candidates:
        return None
    best = _best(candidates)
    if vietnamese_score(best.text) >= vietnamese_score(text) + 0.3:
        return best
    return None


def decode_text(data: bytes) -> Decoded:
    """Bytes of a text file -> NFC text and the encoding it was in. Raises NotText for binary data."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec.startswith("utf-8"):
                try:
                    decoded = Decoded(body.decode("utf-8"), "utf-8")
                except UnicodeDecodeError as exc:
                    raise NotText(f"tệp UTF-8 bị hỏng ở byte {exc.start + len(bom)}") from None
            elif codec.startswith("utf-32"):
                try:
                    decoded = Decoded(body.decode(codec), "utf-32")
                except UnicodeDecodeError:
                    raise NotText("tệp UTF-32 bị hỏng") from None
            else:
                decoded = _decode_utf16(body, codec)
            return _checked(decoded)
    nul_codec = _utf16_by_nul_pattern(data)
    if nul_codec:
        return _checked(_decode_utf16(data[: len(data) // 2 * 2], nul_codec))
    if b"\x00" in data:
        raise NotText("không phải tệp văn bản (có byte NUL: tệp nhị phân?)")
    sample = _sample(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few broken bytes (a cut or pasted-together file) is still UTF-8:
        # it competes with the 8-bit encodings, its replacement characters counting against it.
        damaged = Decoded(sample.decode("utf-8", errors="replace"), "utf-8")
        chosen = _best([damaged, *_legacy_candidates(sample)]).encoding
        return _checked(_decode_as(data, chosen))
    text_sample = sample.decode("utf-8", errors="ignore")
    pasted = detect_pasted_legacy(text_sample.split("\n"))
    if pasted:
        # Line by line: a file can mix Unicode lines with pasted legacy-font lines.
        lines = [transcode_if_better(line, pasted) for line in text.split("\n")]
        return _checked(Decoded("\n".join(lines), pasted))
    if vietnamese_score(text_sample) < 0.8:
        # Short legacy texts can happen to be valid UTF-8 (VISCII "Đổ" is the bytes of "б").
        best = _best(_legacy_candidates(sample))
        if vietnamese_score(best.text) >= vietnamese_score(text_sample) + 0.5:
            return _checked(_decode_as(data, best.encoding))
    return _checked(Decoded(text, "utf-8"))


# Encodings are chosen on the first part of a file (decoding and scoring are linear, but
# scoring in Python is slow); the whole file is then decoded once.
_SAMPLE_BYTES = 256 * 1024


def _sample(data: bytes) -> bytes:
    if len(data) <= _SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, _SAMPLE_BYTES)
    return data[: cut if cut > 0 else _SAMPLE_BYTES]


def _decode_as(data: bytes, encoding: str) -> Decoded:
    if encoding == "utf-8":
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8")
    if encoding == "cp1258":
        return Decoded(unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258")
    return Decoded(decode_legacy(data, encoding), encoding)


def _checked(decoded: Decoded) -> Decoded:
    text = unicodedata.normalize("NFC", decoded.text)
    if _control_share(text) > 0.01:
        raise NotText("không phải tệp văn bản (có nhiều ký tự điều khiển: tệp nhị phân?)")
    return Decoded(text, decoded.encoding)


def _can_be_legacy(line: str, encoding: str) -> bool:
    """Legacy font text read as Windows-1252 (VISCII: Latin-1) only has characters of that code page."""
    try:
        line.encode("latin-1" if encoding == "viscii" else "cp1252")
    except UnicodeEncodeError:
        return False
    return True


def detect_pasted_legacy(lines: list[str]) -> str | None:
    """The legacy font encoding of a document's Unicode text (Word/PDF text typed in .VnTime
    or VNI fonts comes out as "KÕ ho¹ch", "Keá hoaïch"), or None when it reads as Vietnamese."""
    suspicious = [line for line in lines if _marked_words(line) and vietnamese_score(line) < 0.8]
    if not suspicious:
        return None
    found = _repair_pasted_legacy("\n".join(suspicious))
    return found.encoding if found else None


def transcode_if_better(line: str, encoding: str) -> str:
    """The line converted from `encoding`, if it can be legacy text and reads better converted.

    Lines already in Unicode Vietnamese (a mixed document) have letters no code page
    holds, or read worse converted, so they stay as they are.
    """
    if line.isascii() or not _can_be_legacy(line, encoding):
        return line
    converted = transcode_legacy(line, encoding)
    return converted if vietnamese_score(converted) > vietnamese_score(line) else line
