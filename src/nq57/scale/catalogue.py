"""The 40-indicator catalogue of the national dataset: the national set shipped with the
tracking core plus a province-style supplementary set, loaded through `load_catalogue`
(the same path a province uses for its own catalogue file).

The supplementary names are written for the benchmark (invented, plausible); each is
checked against the national set so that a plan naming it maps to it alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from nq57.track.catalogue import DEFAULT_CATALOGUE

# (code, name, unit, direction) — invented for the benchmark, not taken from any document.
SUPPLEMENT: list[tuple[str, str, str, str]] = [
    ("X-WIFI", "Số điểm phát Wi-Fi miễn phí tại nơi công cộng", "điểm", "higher"),
    ("X-CAMERA", "Số camera giám sát an ninh kết nối trung tâm điều hành", "camera", "higher"),
    ("X-HOCONL", "Tỷ lệ trường học triển khai học bạ điện tử", "%", "higher"),
    ("X-SOTRUONG", "Tỷ lệ hộ kinh doanh bán hàng trên sàn thương mại điện tử", "%", "higher"),
    ("X-NONGSAN", "Số sản phẩm OCOP có truy xuất nguồn gốc bằng mã QR", "sản phẩm", "higher"),
    ("X-TOCNGHE", "Số tổ công nghệ số cộng đồng hoạt động thường xuyên", "tổ", "higher"),
    ("X-HOPTT", "Tỷ lệ cuộc họp của Ủy ban tổ chức theo hình thức không giấy", "%", "higher"),
    ("X-DULIEU", "Số cơ sở dữ liệu chuyên ngành được cập nhật, làm sạch", "cơ sở", "higher"),
    ("X-PHANANH", "Tỷ lệ phản ánh hiện trường được xử lý đúng hạn qua ứng dụng", "%", "higher"),
    ("X-SANGKIEN", "Số sáng kiến cải tiến được công nhận trong năm", "sáng kiến", "higher"),
    ("X-DOANHNGHIEP", "Số doanh nghiệp khởi nghiệp đổi mới được hỗ trợ", "doanh nghiệp", "higher"),
    ("X-DIACHI", "Tỷ lệ hộ gia đình được gắn mã địa chỉ số", "%", "higher"),
    ("X-YTETX", "Số lượt khám bệnh từ xa tại trạm y tế", "lượt", "higher"),
    ("X-HDDT", "Tỷ lệ hộ kinh doanh sử dụng hóa đơn điện tử từ máy tính tiền", "%", "higher"),
    ("X-ANTT", "Số vụ lừa đảo qua mạng được phát hiện, ngăn chặn", "vụ", "higher"),
    ("X-HOCLIEU", "Tỷ lệ giáo viên sử dụng học liệu số trong giảng dạy", "%", "higher"),
    ("X-BANDO", "Tỷ lệ thửa đất được số hóa trên bản đồ địa chính", "%", "higher"),
    ("X-NHATKY", "Số hợp tác xã ghi nhật ký sản xuất trên ứng dụng", "hợp tác xã", "higher"),
    ("X-LOILOI", "Tỷ lệ hồ sơ phải bổ sung do nhập sai trên cổng", "%", "lower"),
    ("X-SUCO", "Số giờ gián đoạn mạng nội bộ trong tháng", "giờ", "lower"),
    ("X-THUVIEN", "Số đầu sách điện tử của thư viện cộng đồng", "đầu sách", "higher"),
    ("X-TAPHUAN", "Số lớp tập huấn an toàn thông tin cho người dân", "lớp", "higher"),
]


def entries() -> list[dict]:
    """All 40 entries (national first), in the catalogue file format."""
    national = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))["indicators"]
    extra = [
        {"code": code, "name": name, "unit": unit, "direction": direction, "kind": "tác nghiệp", "aliases": []}
        for code, name, unit, direction in SUPPLEMENT
    ]
    return national + extra


def write(path: Path) -> Path:
    """Write the catalogue file `load_catalogue` reads."""
    path.write_text(json.dumps({"source": "nq57 bench: danh mục 40 chỉ tiêu", "indicators": entries()},
                               ensure_ascii=False, indent=1), encoding="utf-8")
    return path
