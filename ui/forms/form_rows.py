"""A form's rows as values that can be compared, shown and copied from one form to another.

Resolving a save conflict needs each field twice: as the person typed it and as it is stored
now. The stored values come from a second form of the same kind loaded from the database; a
field the person chooses to take from it is copied over input by input, so that the person's
own form (and everything else typed in it) stays as it was.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

#: One input's value: text, a checked state, or a list's items.
Value = str | bool | tuple[str, ...]


@dataclass(frozen=True)
class FormRow:
    """A labelled row of a form: what its label says, and the widget holding its inputs."""

    label: str
    holder: QWidget


def form_rows(layout: QFormLayout) -> list[FormRow]:
    """The rows of a form layout that have a label and a field."""
    rows = []
    for row in range(layout.rowCount()):
        label_item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        holder = field_item.widget() if field_item is not None else None
        if isinstance(label, QLabel) and holder is not None:
            rows.append(FormRow(label.text().replace("&", "").rstrip(":"), holder))
    return rows


def _inputs(holder: QWidget) -> list[QWidget]:
    """The inputs under ``holder`` in order (not those of popups, nor a box's own line)."""
    found: list[QWidget] = []
    window = holder.window()
    for widget in holder.findChildren(QWidget):
        if widget.window() is not window:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | QListWidget) or (
            isinstance(widget, QAbstractButton) and widget.isCheckable()
        ):
            found.append(widget)
    return found


def _value(widget: QWidget) -> Value:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QListWidget):
        return tuple(widget.item(row).text() for row in range(widget.count()))
    assert isinstance(widget, QAbstractButton)
    return widget.isChecked()


def row_state(holder: QWidget) -> tuple[Value, ...]:
    """What the row's inputs hold, in order: equal states mean equal values."""
    return tuple(_value(widget) for widget in _inputs(holder))


def row_text(holder: QWidget) -> str:
    """The row's values as a person reads them: ``TSXV: MOO``, ``Atlas 60 operator``."""
    parts: list[str] = []
    for widget in _inputs(holder):
        value = _value(widget)
        if isinstance(value, bool):
            if value and isinstance(widget, QAbstractButton):
                parts.append(widget.text().replace("&", "") or "yes")
        elif isinstance(value, tuple):
            parts.extend(value)
        elif value.strip():
            parts.append(value.strip())
    return ", ".join(parts) if parts else "(empty)"


def copy_row(source: QWidget, target: QWidget) -> bool:
    """Give ``target``'s inputs the values of ``source``'s (a row of another form of the same
    kind); True when they now hold the same."""
    # Here, not at the top: the line editors are built on the form base, which uses this.
    from ui.forms.pickers import CommodityList
    from ui.forms.rows import RowsEditor

    for editor, shape in zip(
        target.findChildren(RowsEditor), source.findChildren(RowsEditor), strict=False
    ):
        while len(editor.lines) > len(shape.lines):
            line = editor.lines[-1]
            gone = [*editor.cells(line), line.property("remove_button"), line]
            editor.remove_line(line)
            for widget in gone:  # out of the form now, not when the deferred delete runs
                widget.setParent(None)
        while len(editor.lines) < len(shape.lines):
            editor.add_line()
    for own, other in zip(
        target.findChildren(CommodityList), source.findChildren(CommodityList), strict=False
    ):
        own.set_symbols(other.symbols())
    inputs, models = _inputs(target), _inputs(source)
    if len(inputs) != len(models):
        return False
    for widget, model in zip(inputs, models, strict=True):
        if isinstance(widget, QListWidget):
            continue  # a commodity list, set above
        value = _value(model)
        if isinstance(widget, QLineEdit) and isinstance(value, str):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox) and isinstance(value, str):
            if widget.isEditable():
                widget.setCurrentText(value)
            else:
                widget.setCurrentIndex(widget.findText(value))
        elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
            widget.setChecked(value)
    return row_state(target) == row_state(source)
