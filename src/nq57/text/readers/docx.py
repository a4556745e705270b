"""Word .docx: paragraphs and real tables in document order, merged cells repeated."""

from __future__ import annotations

import io

from nq57.text.document import Block, Paragraph, Table
from nq57.text.readers.cells import clean_cell, clean_line, trim_rows

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _walk(element):  # noqa: ANN001, ANN202 - lxml elements
    """Elements in document order, without the copies Word keeps for old readers
    (mc:Fallback repeats a text box's text) and without deleted text."""
    for child in element.iterchildren():
        name = _local(child.tag)
        if name in ("Fallback", "del", "instrText"):
            continue
        yield child
        yield from _walk(child)


def _element_text(element, labels: dict) -> str:  # noqa: ANN001 - lxml element
    """All text inside an element: runs, tabs, line breaks, list labels, nested tables' cells."""
    parts: list[str] = []
    for node in _walk(element):
        name = _local(node.tag)
        if name == "t" and node.text:
            parts.append(node.text)
        elif name == "p":
            parts.append(" " + labels.get(node, "") + " ")
        elif name in ("tab", "br", "cr", "tc"):
            parts.append(" ")
    return "".join(parts)


def _paragraph_lines(p, labels: dict) -> list[str]:  # noqa: ANN001 - lxml element
    """A Word paragraph as text lines (a manual line break, or a paragraph inside a text
    box, starts a new line), its list label in front."""
    parts: list[str] = [labels[p] + " "] if labels.get(p) else []
    for node in _walk(p):
        name = _local(node.tag)
        if name == "t" and node.text:
            parts.append(node.text)
        elif name == "tab":
            parts.append("\t")
        elif (name in ("br", "cr") and node.get(f"{_W}type") != "page") or name == "p":
            parts.append("\n" + (labels[node] + " " if labels.get(node) else ""))
    return [clean_line(line) for line in "".join(parts).split("\n")]


def _page_breaks(p, use_rendered: bool) -> int:  # noqa: ANN001 - lxml element
    if use_rendered:
        return len(p.findall(f".//{_W}lastRenderedPageBreak"))
    return sum(1 for br in p.iter(f"{_W}br") if br.get(f"{_W}type") == "page")


def _table_rows(tbl, parent, labels: dict) -> list[list[str]]:  # noqa: ANN001 - lxml element, python-docx parent
    from docx.table import Table as DocxTable

    table = DocxTable(tbl, parent)
    rows: list[list[str]] = []
    for row in table.rows:
        # row.cells repeats a cell across its gridSpan and takes a vMerge continuation
        # from the cell above, so merged cells come out repeated.
        cells = [clean_cell(_element_text(cell._tc, labels)) for cell in row.cells]
        rows.append([""] * row.grid_cols_before + cells + [""] * row.grid_cols_after)
    width = max((len(r) for r in rows), default=0)
    return trim_rows([r + [""] * (width - len(r)) for r in rows])


def _body_elements(body):  # noqa: ANN001, ANN202 - lxml elements
    """Paragraphs and tables of the body, looking inside content controls (w:sdt)."""
    for child in body.iterchildren():
        name = _local(child.tag)
        if name in ("p", "tbl"):
            yield child
        elif name == "sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _list_labels(document, body) -> dict:  # noqa: ANN001 - python-docx document, lxml body
    """Every numbered paragraph -> its label, counted in document order (tables included)."""
    from nq57.text.readers.docx_numbering import Numbering

    part = document.part
    numbering_part = next((p for p in part.package.iter_parts() if p.partname.endswith("/numbering.xml")), None)
    styles_part = next((p for p in part.package.iter_parts() if p.partname.endswith("/styles.xml")), None)
    labels = {}
    try:
        numbering = Numbering(
            getattr(numbering_part, "element", None) if numbering_part is not None else None,
            getattr(styles_part, "element", None) if styles_part is not None else None,
        )
        for node in _walk(body):
            if _local(node.tag) == "p":
                label = numbering.label(node)
                if label:
                    labels[node] = label
    except (ValueError, TypeError, AttributeError):
        return {}  # odd numbering definitions: the text without labels is still the text
    return labels


def read_docx(data: bytes) -> list[Block]:
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    labels = _list_labels(document, body)
    use_rendered = body.find(f".//{_W}lastRenderedPageBreak") is not None
    blocks: list[Block] = []
    page = 1
    for element in _body_elements(body):
        if _local(element.tag) == "tbl":
            rows = _table_rows(element, document._body, labels)
            if rows:
                blocks.append(Table(rows=rows, page=page))
            continue
        page += _page_breaks(element, use_rendered) if use_rendered else 0
        blocks.extend(Paragraph(line, page=page) for line in _paragraph_lines(element, labels))
        if not use_rendered:
            page += _page_breaks(element, use_rendered)
    return blocks
