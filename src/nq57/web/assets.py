"""Copy the front-end libraries installed by `npm ci` into static/vendor (run at install time).

Every script, style and font the pages use is served by the application itself: no CDN,
the app works on an intranet with no Internet. `make install` runs `python -m nq57.web.assets`.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
VENDOR = Path(__file__).parent / "static" / "vendor"

# (package file under node_modules, destination under static/vendor)
FILES = (
    ("chart.js/dist/chart.umd.min.js", "chart.js/chart.umd.min.js"),
    ("chart.js/LICENSE.md", "chart.js/LICENSE.md"),
    ("@picocss/pico/css/pico.min.css", "pico/pico.min.css"),
    ("@picocss/pico/LICENSE.md", "pico/LICENSE.md"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"),
)
FONT_PACKAGE = "@fontsource/be-vietnam-pro"
FONT_SUBSETS = ("latin", "vietnamese")
FONT_WEIGHTS = (400, 600, 700)


def _font_css(node_modules: Path, dest: Path) -> None:
    """One stylesheet with the Latin + Vietnamese subsets, fonts copied beside it."""
    package = node_modules / FONT_PACKAGE
    out_dir = dest / "fonts"
    (out_dir / "files").mkdir(parents=True, exist_ok=True)
    parts = []
    for weight in FONT_WEIGHTS:
        for subset in FONT_SUBSETS:
            css = (package / f"{subset}-{weight}.css").read_text(encoding="utf-8")
            for name in re.findall(r"url\(\./files/([^)]+)\)", css):
                shutil.copy2(package / "files" / name, out_dir / "files" / name)
            parts.append(css)
    (out_dir / "be-vietnam-pro.css").write_text("\n".join(parts), encoding="utf-8")
    shutil.copy2(package / "LICENSE", out_dir / "LICENSE")


def install(node_modules: Path = REPO_ROOT / "node_modules", dest: Path = VENDOR) -> list[Path]:
    """Copy the assets; raises FileNotFoundError naming what `npm ci` did not install."""
    missing = [src for src, _ in FILES if not (node_modules / src).is_file()]
    if not (node_modules / FONT_PACKAGE).is_dir():
        missing.append(FONT_PACKAGE)
    if missing:
        raise FileNotFoundError(
            f"Thiếu thư viện giao diện trong {node_modules}: {', '.join(missing)}. Hãy chạy `npm ci` trước."
        )
    written = []
    for src, rel in FILES:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(node_modules / src, target)
        written.append(target)
    _font_css(node_modules, dest)
    written.append(dest / "fonts" / "be-vietnam-pro.css")
    return written


def main() -> int:
    try:
        written = install()
    except FileNotFoundError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Đã chép {len(written)} tệp giao diện vào {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
