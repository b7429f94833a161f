"""The first view of an empty database: three ways to get started."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon


class WelcomeView(QWidget):
    load_demo = Signal()
    import_excel = Signal()
    add_project = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("welcome")
        title = QLabel("Welcome to Mining Project Tracker")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(
            "Follow mining projects through their studies, log the deals around them, and keep "
            "an eye on your portfolio. This database is empty; start in one of three ways:"
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_button = self._button(
            "demo", "Load demo portfolio", "Explore with sample companies and projects"
        )
        self.import_button = self._button(
            "import", "Import from Excel", "Bring in the workbook you keep today"
        )
        self.add_button = self._button("add", "Add your first project", "Start from scratch")
        self.demo_button.clicked.connect(self.load_demo)
        self.import_button.clicked.connect(self.import_excel)
        self.add_button.clicked.connect(self.add_project)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        for button in (self.demo_button, self.import_button, self.add_button):
            column.addWidget(button)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(holder.fontMetrics().horizontalAdvance("M") * 40)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def _button(self, icon_name: str, text: str, detail: str) -> QPushButton:
        button = QPushButton(f"{text}\n{detail}")
        button.setObjectName(icon_name + "_button")
        button.setAccessibleName(text)
        button.setIcon(icon(icon_name))
        size = button.fontMetrics().height() * 2
        button.setIconSize(button.iconSize().scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
        button.setMinimumHeight(size + button.fontMetrics().height() * 2)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setStyleSheet("text-align: left; padding: 8px 14px;")
        return button
