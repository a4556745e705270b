"""The asset script copies the front-end libraries from node_modules, or says what is missing."""

from __future__ import annotations

import pytest

from nq57.web import assets


def _fake_node_modules(root):
    for source, _ in assets.FILES:
        path = root / source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* {source} */", encoding="utf-8")
    fonts = root / assets.FONT_PACKAGE
    (fonts / "files").mkdir(parents=True)
    (fonts / "LICENSE").write_text("OFL", encoding="utf-8")
    for weight in assets.FONT_WEIGHTS:
        for subset in assets.FONT_SUBSETS:
            name = f"be-vietnam-pro-{subset}-{weight}-normal.woff2"
            (fonts / "files" / name).write_bytes(b"wOF2")
            (fonts / f"{subset}-{weight}.css").write_text(
                f"@font-face {{ src: url(./files/{name}) format('woff2'); }}", encoding="utf-8")


def test_install_copies_every_library_and_the_vietnamese_font(tmp_path):
    _fake_node_modules(tmp_path / "node_modules")
    written = assets.install(tmp_path / "node_modules", tmp_path / "vendor")
    assert all(p.exists() for p in written)
    css = (tmp_path / "vendor" / "fonts" / "be-vietnam-pro.css").read_text(encoding="utf-8")
    assert "vietnamese-700" in css and "latin-400" in css
    assert (tmp_path / "vendor" / "fonts" / "files" / "be-vietnam-pro-vietnamese-700-normal.woff2").exists()


def test_install_names_what_npm_did_not_install(tmp_path):
    with pytest.raises(FileNotFoundError, match="chart.js"):
        assets.install(tmp_path / "node_modules", tmp_path / "vendor")
