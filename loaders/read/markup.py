"""HTML and Markdown pages (legal databases, press re-posts) to the plain text the parser reads.

HTML goes through the standard library `html.parser` (no dependency): block
elements become line breaks, table rows become `cell | cell |` lines (the shape
of a database metadata table in examples/seeds/002_…), script/style/nav are dropped.
Markdown residue (`**`, `*…*`, `#`, `\\|`, lone table pipes) is removed without
adding or removing lines, so line numbers stay those of the file.
Known site boilerplate is blanked only where whole lines match it (never inside
document text).
"""
from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from itertools import islice

from vbkg.loaders.knowledge.vocabulary import data_text

# --- HTML -------------------------------------------------------------------------------

_DROPPED = {"script", "style", "noscript", "template", "head", "nav", "aside", "svg", "iframe",
            "button", "select", "object"}
_PAGE_FRAME = {"header", "footer"}  # dropped unless inside the article itself
_CONTENT = {"article", "main"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "tr",
           "header", "footer", "form", "fieldset", "figure", "figcaption", "address", "center"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


_HTML_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|strong|em|h[1-6])\b[^<>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """A page (doctype, <html>, <body> first) or a fragment with five or more common tags."""
    head = text[:8192]
    return _HTML_START.match(head) is not None or len(_HTML_TAG.findall(head)) >= 5


_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


class _TextCollector(HTMLParser):
    """Collects text; a table row's cells are joined as `cell | cell |`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.cells: list[list[str]] | None = None  # cells of the open table row
        self.row_stack: list[list[list[str]] | None] = []

    # Text goes to the open cell, if any, else to the output.
    def _emit(self, text: str) -> None:
        if self.cells is not None and self.cells:
            self.cells[-1].append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)
        if self.skip_depth or tag in _DROPPED or (
            tag in _PAGE_FRAME and not _CONTENT.intersection(self.stack)
        ):
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag == "tr":
            self.row_stack.append(self.cells)
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append([])
        elif tag == "li":
            self._emit("\n- ")
        elif tag in _BLOCKS:
            self._emit("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip_depth and tag in _BLOCKS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
                if open_tag == tag:
                    return
                continue
            self._close(open_tag)
            if open_tag == tag:
                return

    def _close(self, tag: str) -> None:
        if tag == "pre":
            self.pre_depth -= 1
        if tag == "tr" and self.cells is not None:
            cells = [_squeeze("".join(cell)) for cell in self.cells]
            self.cells = self.row_stack.pop() if self.row_stack else None
            cells = [cell for cell in cells if cell]
            if cells:  # multi-line cells each end their own line, as in examples/seeds/002_…
                joint = " |\n" if any("\n" in cell for cell in cells) else " | "
                self._emit("\n" + joint.join(cells) + " |\n")
        elif tag in _BLOCKS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self._emit(data if self.pre_depth else _HTML_SPACE.sub(" ", data))

    def text(self) -> str:
        while self.stack:
            self.handle_endtag(self.stack[-1])
        return _squeeze("".join(self.out))


def _squeeze(text: str) -> str:
    """Trim each line and drop empty ones: a block boundary is one line break, as in
    examples/seeds/."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def html_to_text(html: str) -> str:
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    return parser.text()


# --- Markdown -----------------------------------------------------------------------------

_MD_SIGNALS = re.compile(
    r"\*\*|^#{1,6}(?: |$)|^\s*\|\s*$|\\\||^\s*\|.*\|\s*$"  # bold, heading, pipes, \|
    r"|(?<![\w*])\*[^\s*][^*\n]*?[^\s*]\*(?![\w*])",  # *italics*
    re.M,
)


def looks_like_markdown(text: str) -> bool:
    """Two or more Markdown marks (bold, heading, table pipe, italics) in the first 64 kB."""
    head = text[:65536]
    if "*" not in head and "#" not in head and "|" not in head:  # every mark holds one of them
        return False
    return next(islice(_MD_SIGNALS.finditer(head), 1, None), None) is not None  # stop at two


# "__bold__", not "______" (a form's blank): the literal comes first so the engine scans fast
_UNDERSCORE_BOLD = re.compile(r"__(?:(?<![_\w]__)(?=[^\s_])|(?<=[^\s_]__)(?![_\w]))")
_BOLD = re.compile(r"\(\*+\)|\*\*")  # "**" goes; a footnote mark "(**)" is text and stays


def _keep_footnote_mark(match: re.Match[str]) -> str:
    return match[0] if match[0].startswith("(") else ""


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)", re.M)
_BULLET = re.compile(r"^([ \t]*)\*[ \t]+(?=\S)", re.M)
_MARK_ONLY_LINE = re.compile(  # "|", "** **", "|---|---|"; not a lone "*" (Party mark), "-----"
    r"^(?:[ \t|]*\|[ \t|]*|[ \t]*\*(?:[ \t]*\*)+[ \t]*"
    r"|[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*\|[ \t:|-]*)$",
    re.M,
)
_TABLE_ROW = re.compile(r"^[ \t]*\|[ \t]*(.*?\|)[ \t]*$", re.M)  # "| a | b |" -> "a | b |"
_OPEN_STAR = re.compile(r"(?:(?<=^)|(?<=[\s(\"“‘']))\*(?=[^\s*)])")
_CLOSE_STAR = re.compile(r"(?<=[^\s*(])\*(?=$|[\s.,;:!?)\"”’'])")  # used with .match(line, pos)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")


_NUMBER_COLUMN = frozenset({"stt", "tt", "số tt"})


def _join_flattened_rows(text: str) -> str:
    """Database pages flatten each table cell onto its own lines between lone "|" lines, a
    row ending at two "|" in a row; put each row of a numbered table ("STT | Nội dung | Cơ
    quan chủ trì | …", the annex of tasks) back on one "| a | b |" line, on the row's
    first line; the others are left empty, so the number of lines does not change."""
    if "\n|\n" not in text:
        return text
    lines = text.split("\n")
    out = list(lines)
    cells: list[str] = []
    cell: list[str] = []
    row_start = None
    previous_bar = False

    table = False  # this run of "|" lines has had a row end: a data table, not a layout one
    numbered = None  # its first row opens with a number column ("STT", "TT"): a list table

    def emit(end: int) -> None:
        nonlocal numbered
        if numbered is None and cells:
            numbered = cells[0].strip(" *").casefold() in _NUMBER_COLUMN
        if table and numbered and row_start is not None and cells:
            out[row_start] = "| " + " | ".join(cells) + " |"
            for k in range(row_start + 1, end):
                out[k] = ""

    for i, line in enumerate(lines):
        bar = line.strip() == "|"
        if bar and previous_bar and not cell:
            table = True
        if bar:
            if cell:
                cells.append(" ".join(s.strip() for s in cell))
                cell = []
            elif previous_bar:  # "|" twice: a row ends (a layout table has none)
                emit(i)
                cells, row_start = [], i
            if row_start is None:
                row_start = i
        elif row_start is not None and (previous_bar or cell) and line.strip():
            cell.append(line)
        else:
            if row_start is not None and not cell:
                emit(i)
            cells, cell, row_start, table, numbered = [], [], None, False, None
        previous_bar = bar
    if row_start is not None and not cell:
        emit(len(lines))
    return "\n".join(out)


def markdown_to_text(text: str) -> str:
    """Remove Markdown marks; the number of lines does not change (whole-text passes, for speed).

    An italic `*` closes only after one opened (possibly lines before), so a
    footnote star ("Đảng viên*", "(*)") stays; `#` headings lose the marks, the
    heading line stays; table rows keep the `a | b |` shape of examples/seeds/002_….
    """
    text = _MARK_ONLY_LINE.sub("", _join_flattened_rows(text))
    text = _UNDERSCORE_BOLD.sub("", _BOLD.sub(_keep_footnote_mark, text))
    text = _HEADING.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text:
        text = _drop_italic_stars(text)
    text = _ESCAPE.sub(r"\1", text)
    text = _TABLE_ROW.sub(r"\1", text)
    return "\n".join(_join_lone_labels([line.rstrip(" \t") for line in text.split("\n")]))


# "1.", "1.2.", "a)", "IV.", "-" alone on a line: database pages break the line after a
# label that was bold on its own ("**1.\n**Nhiệm vụ …").
_LONE_LABEL = re.compile(r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[IVXL]{1,5}\.|[-–+])")


def _join_lone_labels(lines: list[str]) -> list[str]:
    """Put a label alone on its line together with the text of the next line (that line is
    left empty, so the number of lines does not change)."""
    for i in range(len(lines) - 1):
        if _LONE_LABEL.fullmatch(lines[i]) and lines[i + 1].strip():
            lines[i] = f"{lines[i]} {lines[i + 1].lstrip()}"
            lines[i + 1] = ""
    return lines


def _drop_italic_stars(text: str) -> str:
    """Drop `*` pairs that open and close emphasis; the state runs across lines."""
    lines = text.split("\n")
    italic = False
    for i, line in enumerate(lines):
        if "*" not in line or line.strip() == "*":
            continue
        kept, last = [], 0
        for star in re.finditer(r"\*", line):
            at = star.start()
            if not italic and _OPEN_STAR.match(line, at):
                italic = True
            elif italic and _CLOSE_STAR.match(line, at):
                italic = False
            else:
                continue
            kept.append(line[last:at])
            last = at + 1
        kept.append(line[last:])
        lines[i] = "".join(kept)
    return "\n".join(lines)


# --- page furniture ---------------------------------------------------------------------------


@cache
def _furniture() -> dict[str, re.Pattern[str]]:
    """data/read_furniture.txt as one whole-line pattern per section ("lines", "tail")."""
    sections: dict[str, list[str]] = {}
    current = sections.setdefault("lines", [])
    for line in data_text("read_furniture.txt").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line.strip() and not line.startswith("#"):
            words = line.replace("*", " ").split()
            current.append(r"[ \t*]+".join(map(re.escape, words)))
    return {
        name: re.compile(r"^[ \t*]*(?:" + "|".join(sorted(set(alts))) + r")[ \t*]*$", re.M | re.I)
        for name, alts in sections.items()
    }


def _matching_lines(pattern: re.Pattern[str], text: str) -> list[int]:
    """Numbers of the lines that the whole-line pattern matches."""
    found, line, position = [], 0, 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if match.group().strip():
            found.append(line)
    return found


ERROR_PAGE_CHARS = 3000  # an error page is short; a document opening alike is not refused


def error_page_heading(text: str) -> str | None:
    """The first line of a page that holds no document (data/read_furniture.txt
    [error_page]: a 404 page, a bot check), else None."""
    if len(text.strip()) > ERROR_PAGE_CHARS:
        return None
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first if _furniture()["error_page"].fullmatch(first) else None


def strip_furniture(text: str) -> tuple[str, int]:
    """Blank known site boilerplate; returns (text, lines blanked). Line count is kept.

    A [lines] entry is blanked only in a run of two or more (a single line that
    reads the same may be document text); a [tail] marker blanks the rest of the
    text when at least two [lines] entries follow it.
    """
    furniture = _furniture()
    known = _matching_lines(furniture["lines"], text)
    if not known:
        return text, 0
    lines = text.split("\n")
    blank = set()
    for tail in _matching_lines(furniture["tail"], text):
        if sum(1 for i in known if i > tail) >= 2:
            blank.update(i for i in range(tail, len(lines)) if lines[i].strip())
            break
    known_set, run = set(known), []
    for i in [*range(known[0], known[-1] + 1), None]:
        if i is not None and not lines[i].strip():
            continue  # empty lines neither join nor break a run
        if i is not None and i in known_set:
            run.append(i)
            continue
        if len(run) >= 2:
            blank.update(run)
        run = []
    for i in blank:
        lines[i] = ""
    return "\n".join(lines), len(blank)
