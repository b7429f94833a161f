"""Plain text from what a person gives: a .txt, .html/.htm or PDF file, or pasted HTML."""

import re
from html.parser import HTMLParser
from pathlib import Path

from tracker.errors import TrackerError

#: File endings a release can be read from.
RELEASE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".pdf")

#: Elements that stand apart as paragraphs (a blank line around them).
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "figcaption", "footer", "form"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre"}
    | {"section", "table", "ul"}
)
#: Elements that are lines of their own: a table row, a list item, a line break.
_LINES = frozenset({"br", "dd", "dt", "li", "tr", "tbody", "thead", "tfoot"})
#: Elements whose content is never visible text.
_HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
#: Table cells: kept on their row's line, apart by a tab.
_CELLS = frozenset({"td", "th"})


class ReleaseFileError(TrackerError):
    """A release file that cannot be read: missing, not text, a PDF without a text layer."""


def release_text(path: Path) -> str:
    """The release's text; raises ``ReleaseFileError`` with one clear line if unreadable."""
    suffix = path.suffix.lower()
    if suffix not in RELEASE_SUFFIXES:
        known = ", ".join(RELEASE_SUFFIXES)
        raise ReleaseFileError(f"{path.name}: not a release file (it can read {known})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReleaseFileError(f"{path.name}: no such file") from None
    except OSError as exc:
        raise ReleaseFileError(f"{path.name}: cannot be read ({exc.strerror})") from None
    if suffix == ".pdf":
        from tracker.capture.pdf import pdf_text

        text = pdf_text(data, path.name)
    else:
        text = _decode(data, path.name)
        if suffix in (".html", ".htm") or looks_like_html(text):
            text = html_to_text(text)
    if not text.strip():
        raise ReleaseFileError(f"{path.name}: holds no text")
    return text


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252, which news sites still use."""
    if b"\x00" in data[:4096]:
        raise ReleaseFileError(f"{name}: is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    """Pasted text that is a web page rather than prose (a clipboard's text/html, a saved page)."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(p|div|table|body)[\s>]", head)
    )


class _TextParser(HTMLParser):
    """Collects visible text, breaking lines at blocks and keeping table cells on their row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            # A list item is a bullet: it stands alone as a line, not as part of a paragraph.
            self.parts.append("\n• ")
        elif tag in _LINES:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _LINES:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in _LINES:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, paragraphs and table rows on lines of their own."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = []
    raw_text = re.sub(r"\n[ \t]*(?=\n)", "\n", "".join(parser.parts).replace("\xa0", " "))
    # A row's own line breaks ("</tr>" then "<tr>") are one; a paragraph's blank line stays.
    raw_text = re.sub(r"(?<!\n)\n\n(?!\n)", "\n", raw_text)
    for raw in raw_text.split("\n"):
        cells = [re.sub(r" +", " ", cell).strip() for cell in raw.split("\t")]
        lines.append("\t".join(cell for cell in cells if cell))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
