"""The box every portfolio entry form sits in: a titled grid of fields, a message line."""

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from ui.portfolio.fields import ProblemLabel


class EntryBox(QGroupBox):
    """A titled box with a grid of fields under a row of labels, and a message line."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.grid = QGridLayout(self)
        self.message = ProblemLabel(self)

    def label_row(self, labels: list[str]) -> None:
        """The labels above the fields, one per grid column from the first."""
        for column, text in enumerate(labels):
            self.grid.addWidget(QLabel(text, self), 0, column)
