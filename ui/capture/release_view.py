"""The release's text, read-only, with every figure found marked and one sentence shown."""

from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from tracker.capture.model import Span

#: Marks that read on light and dark palettes alike (text keeps the palette's colour).
FIGURE_COLOUR = QColor(230, 159, 0, 90)
SENTENCE_COLOUR = QColor(86, 180, 233, 110)


class ReleaseView(QPlainTextEdit):
    """Shows the release; ``show_sentence`` scrolls to a sentence and selects it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("release_text")
        self.setReadOnly(True)
        self.setPlainText(text)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._figures: list[QTextEdit.ExtraSelection] = []
        self._sentence: list[QTextEdit.ExtraSelection] = []

    def highlight(self, spans: Iterable[Span]) -> None:
        """Mark the words of every figure found."""
        self._figures = [self._selection(span, FIGURE_COLOUR) for span in spans]
        self._apply()

    def show_sentence(self, span: Span | None) -> None:
        """Select the sentence (and scroll to it); ``None`` clears the selection."""
        cursor = self.textCursor()
        if span is None:
            cursor.clearSelection()
            self._sentence = []
        else:
            cursor = self._cursor(span)
            self._sentence = [self._selection(span, SENTENCE_COLOUR)]
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._apply()

    def selected_text(self) -> str:
        return self.textCursor().selectedText()

    def _cursor(self, span: Span) -> QTextCursor:
        cursor = QTextCursor(self.document())
        length = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(span.start, length))
        cursor.setPosition(min(span.end, length), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selection(self, span: Span, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(span)
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        selection.format = char_format
        return selection

    def _apply(self) -> None:
        self.setExtraSelections(self._sentence + self._figures)
