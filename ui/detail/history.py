"""A record's history at the foot of its detail page: who changed what and when, newest first.

The page gains a "History" link under its heading, so that the history is a Tab and an Enter
away however long the page is.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ui.detail.html import muted, section, table, text

if TYPE_CHECKING:
    from tracker.changelog import Change

#: Anchor of the history section (the link under the heading jumps to it).
ANCHOR = "history"
#: Characters of a value shown in the history; the record itself keeps all of it.
SHOWN = 160
ACTIONS = {
    "created": "Added",
    "deleted": "Deleted",
    "restored": "Restored (undo)",
    "imported": "Added by import",
    "updated by import": "Updated by import",
    "import undone": "Import undone",
    "import redone": "Import done again (redo)",
}


def _value(value: str | None) -> str:
    if value is None:
        return muted("empty")
    shown = value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"
    return text(shown)


def what(change: "Change") -> str:
    """``website: old → new``, or what happened to the whole record."""
    if change.action != "changed" or change.field is None:
        return text(ACTIONS.get(change.action, change.action))
    field = change.field.replace("_", " ")
    return f"{text(field)}: {_value(change.old)} → {_value(change.new)}"


def history_section(changes: Sequence["Change"]) -> str:
    """The history table (empty when nothing was logged)."""
    from tracker.changelog import shown_time

    rows = [[text(shown_time(c.at)), text(c.who), what(c)] for c in changes]
    body = table(["When", "Who", "What"], rows) if rows else muted("No changes logged yet.")
    return f'<a name="{ANCHOR}"></a>' + section("History", body)


def with_history(body: str, changes: Sequence["Change"]) -> str:
    """The page with a link to its history under the heading, and the history at its foot."""
    count = len(changes)
    entries = "(1 entry)" if count == 1 else f"({count} entries)"
    link = f'<p><a href="#{ANCHOR}">History</a> {muted(entries)}</p>'
    head_end = body.find("</h2>")
    if head_end >= 0:
        cut = head_end + len("</h2>")
        subtitle_end = body.find("</p>", cut)
        if body.startswith('<p class="muted">', cut) and subtitle_end >= 0:
            cut = subtitle_end + len("</p>")
        body = body[:cut] + link + body[cut:]
    else:
        body = link + body
    return body + history_section(changes)
