"""Figures for the readers (`nq57 text` without repair): run `python bench/text_read.py`.

Prints: legacy-encoding detection accuracy on generated sentences, reading time of the
seeds and of generated .docx/.xlsx/.pdf files, OCR speed and character accuracy of
`tesseract -l vie` on a rendered page, and how fast (and in how much memory) hostile
files are refused.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "text"))  # the test fixtures make the documents

import read_fixtures as fixtures  # noqa: E402

from nq57.errors import InputFileError  # noqa: E402
from nq57.text.encodings import decode_text  # noqa: E402
from nq57.text.legacy import encode_legacy  # noqa: E402
from nq57.text.readers import read_document  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"

_WORD_TEXT = """
ủy ban nhân dân xã phường tổ chức triển khai thực hiện kế hoạch chuyển đổi số năm nay
trên địa bàn các cơ quan đơn vị phối hợp chặt chẽ bảo đảm tiến độ hoàn thành đúng hạn
người dân doanh nghiệp được hướng dẫn sử dụng dịch vụ công trực tuyến toàn trình
tăng cường đầu tư hạ tầng viễn thông phủ sóng di động băng rộng cáp quang đến thôn ấp
đào tạo bồi dưỡng kỹ năng số cho cán bộ công chức viên chức và đoàn viên thanh niên
xây dựng cơ sở dữ liệu đất đai hộ tịch dân cư kết nối chia sẻ với hệ thống của tỉnh
khuyến khích khởi nghiệp đổi mới sáng tạo ứng dụng khoa học công nghệ vào sản xuất
báo cáo kết quả định kỳ hằng tháng quý về ủy ban trước ngày hai mươi để tổng hợp
"""
_WORDS = _WORD_TEXT.split()


def legacy_detection(samples: int = 400) -> None:
    rng = random.Random(57)
    encodings = ["utf-8", "cp1258", "tcvn3", "vni", "viscii"]
    right = {e: 0 for e in encodings}
    exact = {e: 0 for e in encodings}
    for _ in range(samples):
        sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 25)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        for encoding in encodings:
            if encoding == "utf-8":
                data = sentence.encode()
            elif encoding == "cp1258":
                data = fixtures.cp1258_bytes(sentence)
            else:
                data = encode_legacy(sentence, encoding)
            decoded = decode_text(data)
            right[encoding] += decoded.encoding == encoding
            same = decoded.text.lower() == sentence.lower() if encoding == "tcvn3" else decoded.text == sentence
            exact[encoding] += same
    print(f"(a) encoding detection on {samples} generated sentences (3-25 words) per encoding:")
    for encoding in encodings:
        print(
            f"    {encoding:7s} detected {right[encoding] / samples:6.1%}   "
            f"text exact {exact[encoding] / samples:6.1%}{'  (case-insensitive: TCVN3 has no toned capitals)' if encoding == 'tcvn3' else ''}"
        )


def timed(path: Path, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    doc = read_document(path, repair=False, **kwargs)
    return time.perf_counter() - start, doc


def reading_times(folder: Path) -> None:
    print("(b) reading time (no repair):")
    seeds = sorted(SEEDS.glob("*.txt"))
    if seeds:
        total = 0.0
        for seed in seeds:
            seconds, _ = timed(seed)
            total += seconds
        print(f"    {len(seeds)} seed .txt files: {total * 1000:.1f} ms in all")
    for name, make in (("docx", fixtures.make_docx), ("xlsx", fixtures.make_xlsx), ("pdf", fixtures.make_text_pdf)):
        path = make(folder / f"bench.{name}")
        timed(path)  # warm the imports
        seconds, doc = timed(path)
        print(f"    generated .{name}: {seconds * 1000:.1f} ms, {len(doc.blocks)} blocks, {len(doc.tables())} tables")
    long_pdf = _long_pdf(folder / "long.pdf", pages=50)
    seconds, doc = timed(long_pdf)
    print(f"    50-page text PDF (50 lines a page): {seconds:.2f} s, {seconds / 50 * 1000:.0f} ms/page")


def _long_pdf(path: Path, pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(fixtures.SANS)))
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        sheet.setFont("DejaVuSans", 10)
        for i in range(50):
            sheet.drawString(50, 800 - 15 * i, f"{fixtures.PLAN_LINES[i % len(fixtures.PLAN_LINES)]} ({page}.{i})")
        sheet.showPage()
    sheet.save()
    return path


def ocr(folder: Path) -> None:
    lines = fixtures.PLAN_LINES
    path = folder / "page.png"
    fixtures.render_page(lines).save(path)
    seconds, doc = timed(path)
    found = "\n".join(line for line in doc.text().splitlines() if line.strip())
    accuracy = fuzz.ratio(found, "\n".join(lines)) / 100
    print(f"(c) OCR -l vie, rendered page (DejaVu Serif, {len(lines)} lines): {seconds:.2f} s/page, character similarity {accuracy:.3f}")
    scan = fixtures.make_scanned_pdf(folder / "scan.pdf", [lines[:5], lines[5:]])
    seconds, doc = timed(scan)
    print(f"    scanned 2-page PDF: {seconds:.2f} s ({seconds / 2:.2f} s/page), format {doc.format}")
    table_page = folder / "table.png"
    fixtures.render_table_page(lines[:3], fixtures.SCAN_TABLE).save(table_page)
    seconds, doc = timed(table_page)
    expected = [[cell.replace("|", " ") for cell in row] for row in fixtures.SCAN_TABLE]
    expected[2][2] = expected[1][2]  # the merged cell
    got = doc.tables()[0].rows if doc.tables() else []
    cells = sum(len(row) for row in expected)
    exact = sum(
        1
        for r, row in enumerate(expected)
        for c, cell in enumerate(row)
        if r < len(got) and c < len(got[r]) and got[r][c] == cell
    )
    print(f"    scanned ruled table page: {seconds:.2f} s, {len(got)}x{len(got[0]) if got else 0} table, {exact}/{cells} cells exact")


def refusals(folder: Path) -> None:
    print("(d) hostile input refused:")
    cases = {
        "zip bomb .docx (20 MB of zeros packed)": fixtures.make_zip_bomb_docx(folder / "bomb.docx"),
        "300-page scan (page limit 200)": fixtures.make_blank_scan_pdf(folder / "long.pdf", 300),
        "encrypted PDF": fixtures.make_encrypted_pdf(folder / "locked.pdf", fixtures.make_text_pdf(folder / "o.pdf")),
    }
    junk = folder / "junk.txt"
    junk.write_bytes(random.Random(1).randbytes(5_000_000))
    cases["5 MB of random bytes as .txt"] = junk
    for label, path in cases.items():
        start = time.perf_counter()
        try:
            read_document(path)
            outcome = "READ (not refused!)"
        except InputFileError as exc:
            outcome = exc.problem[:60]
        print(f"    {label}: {(time.perf_counter() - start) * 1000:.0f} ms -> {outcome}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"    peak memory of this whole bench: {peak:.0f} MB")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nq57-bench-read-") as tmp:
        folder = Path(tmp)
        legacy_detection()
        reading_times(folder)
        ocr(folder)
        refusals(folder)


if __name__ == "__main__":
    main()
