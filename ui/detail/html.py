"""Small HTML builders for the detail pane (the subset QTextBrowser renders), always escaped."""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from html import escape

from tracker.formatting import count

NOWRAP = "white-space: nowrap"
#: What an empty cell shows (an en dash).
MISSING = "\u2013"


def text(value: object) -> str:
    """A value as escaped text; dates in ISO form, missing as an en dash."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return escape(count(value))
    return escape(str(value))


def unbroken(value: str) -> str:
    """Escaped text whose spaces do not break (``USD 412.3 M`` stays on one line)."""
    return escape(value).replace(" ", "&nbsp;")


def figure(shown: str) -> str:
    """A figure formatted by ``tracker.formatting``, kept on one line; missing as an en dash."""
    return unbroken(shown) if shown else MISSING


def internal_link(kind: str, record_id: int | None, label: object) -> str:
    """A link that selects another record in the window (``project:12``)."""
    if record_id is None:
        return text(label)
    return f'<a href="{kind}:{record_id}">{text(label)}</a>'


def command_link(verb: str, kind: str, record_id: int | None, label: str) -> str:
    """A link that asks the window to add, edit or delete a part (``edit-resource:7``)."""
    if record_id is None:
        return ""
    return f'<a href="{verb}-{kind}:{record_id}">{escape(label)}</a>'


def source_link(source: str | None, label: str | None = None) -> str:
    """A web address as a link that opens in the browser; anything else as plain text."""
    if not source:
        return MISSING
    address = source.strip()
    if address.startswith("www."):
        address = "https://" + address
    if address.startswith(("http://", "https://")):
        shown = label or source.strip()
        return f'<a href="{escape(address, quote=True)}">{escape(shown)}</a>'
    return escape(source)


def heading(title: str, subtitle: str = "") -> str:
    sub = f'<p class="muted">{subtitle}</p>' if subtitle else ""
    return f"<h2>{title}</h2>{sub}"


def section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of label and value (values are HTML already)."""
    rows = "".join(
        f'<tr><td class="label">{escape(label)}</td><td>{value}</td></tr>'
        for label, value in pairs
        if value not in ("", MISSING)
    )
    return f'<table class="facts" cellspacing="0" cellpadding="3">{rows}</table>' if rows else ""


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A grid with a header row; cells are HTML already; ``numeric`` columns align right."""
    head = "".join(
        f'<th align="{"right" if i in numeric else "left"}">{escape(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<td align="right" style="{NOWRAP}">{cell}</td>'
                if i in numeric
                else f"<td>{cell}</td>"
            )
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    if not body:
        return ""
    return f'<table class="grid" cellspacing="0" cellpadding="4"><tr>{head}</tr>{body}</table>'


def paragraph(value: str | None) -> str:
    """Free text with its line breaks kept."""
    if not value:
        return ""
    return "<p>" + escape(value).replace("\n", "<br>") + "</p>"


def muted(value: str) -> str:
    return f'<span class="muted">{value}</span>'


def style_sheet(colors: dict[str, str]) -> str:
    """The pane's CSS, from the palette's colours (re-rendered when the palette changes)."""
    return f"""
        body {{ color: {colors["text"]}; }}
        h2 {{ margin: 0 0 2px 0; font-size: large; }}
        h3 {{ margin: 14px 0 4px 0; font-size: medium; color: {colors["accent"]}; }}
        a {{ color: {colors["link"]}; text-decoration: none; }}
        .muted {{ color: {colors["muted"]}; }}
        .up {{ color: {colors["up"]}; }}
        .down {{ color: {colors["down"]}; }}
        .due {{ color: {colors["accent"]}; font-weight: bold; }}
        .overdue {{ color: {colors["down"]}; font-weight: bold; }}
        td.label {{ color: {colors["muted"]}; padding-right: 12px; }}
        table.grid {{ border-collapse: collapse; }}
        table.grid th {{ background-color: {colors["header"]}; border-bottom: 1px solid
            {colors["line"]}; font-weight: bold; }}
        table.grid td {{ border-bottom: 1px solid {colors["line"]}; }}
        td.change {{ color: {colors["muted"]}; }}
    """
