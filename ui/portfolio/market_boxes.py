"""Share prices and exchange rates typed in by hand: a one-line form above each table.

Selecting a row puts it in the form; saving a price or rate for a day that already has one
replaces it (the services keep one per day), so correcting a typo is select, retype, save.
Every save, delete and CSV import is one step of Edit ▸ Undo (``tracker.portfolio.day_edits``).
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker.errors import FieldProblem
from tracker.models import FxRate, SharePrice
from tracker.portfolio.columns import FX_RATES, SHARE_PRICES
from tracker.portfolio.day_edits import (
    FX_RATES as FX_RATE_DAYS,
)
from tracker.portfolio.day_edits import (
    SHARE_PRICES as SHARE_PRICE_DAYS,
)
from tracker.portfolio.day_edits import (
    DayEdit,
    DayTable,
    redo_day_edits,
    undo_day_edits,
)
from tracker.portfolio.fx_csv import SHOWN_PROBLEMS, FxCsvError, FxImported, import_fx_csv
from tracker.portfolio.fx_rates import FxRateRow, delete_fx_rate, record_fx_rate
from tracker.portfolio.prices import SharePriceRow, delete_share_price, record_share_price
from tracker.portfolio.share_price_csv import PriceImport, import_share_prices
from ui.file_dialogs import PathChooser, choose_csv_file
from ui.portfolio.context import PortfolioContext, show_refusal
from ui.portfolio.entry_box import EntryBox
from ui.portfolio.fields import (
    ChoiceBox,
    CodeField,
    DateField,
    DecimalField,
    FormErrors,
    read_number,
)
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row
from ui.portfolio.undo_step import record_step

if TYPE_CHECKING:
    from ui.data.gateway import Session

T = TypeVar("T")


def _edits_job(table: DayTable, edits: list[DayEdit], forward: bool) -> Callable[["Session"], None]:
    def job(session: "Session") -> None:
        (redo_day_edits if forward else undo_day_edits)(session, table, edits)

    return job


class _MarketBox(EntryBox):
    """An entry box with a table, a save and a delete button."""

    errors: FormErrors

    def __init__(
        self, title: str, context: PortfolioContext, days: DayTable, parent: QWidget | None
    ) -> None:
        super().__init__(title, parent)
        self.context = context
        self.days = days
        self.save_button = QPushButton("Save", self)
        self.delete_button = QPushButton("Delete selected", self)
        self.delete_button.setEnabled(False)

    def _finish_layout(self, table: QWidget, columns: int) -> None:
        self.grid.addWidget(self.save_button, 1, columns)
        self.grid.addWidget(self.message, 2, 0, 1, columns + 1)
        self.grid.addWidget(table, 3, 0, 1, columns + 1)
        self.grid.addWidget(self.delete_button, 4, columns)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)

    def save(self) -> None:
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError

    def recorded(
        self, write: Callable[["Session"], T], where: dict[str, Any] | None
    ) -> Callable[["Session"], tuple[T, list[DayEdit]]]:
        """``write`` as a job that also returns what it changed among the rows ``where``."""
        days = self.days
        return lambda session: days.recorded(session, lambda: write(session), where)

    def push_undo(self, step: str, edits: list[DayEdit]) -> None:
        if edits:
            undo, redo = _edits_job(self.days, edits, False), _edits_job(self.days, edits, True)
            record_step(self.context, step, undo, redo)

    def write_step(
        self, write: Callable[["Session"], object], where: dict[str, Any] | None, text: str
    ) -> None:
        """Write, say ``text``, and put the change on the undo stack as ``text``'s step."""

        def finish(outcome: tuple[object, list[DayEdit]]) -> None:
            self.errors.clear()
            self.message.show_done(text)
            self.push_undo(text.rstrip("."), outcome[1])

        self.context.write(self.recorded(write, where), finish, self.errors)


class PricesBox(_MarketBox):
    """Share prices with their date and currency."""

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__("Share prices", context, SHARE_PRICE_DAYS, parent)
        self.company = ChoiceBox(self)
        self.company.setObjectName("price_company")
        self.day = DateField(context.today(), parent=self)
        self.day.setObjectName("price_date")
        self.price = DecimalField("0.00", self)
        self.price.setObjectName("price_value")
        self.currency = CodeField("CAD", self)
        self.currency.setObjectName("price_currency")
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("source (optional)")
        self.model: PortfolioTableModel[SharePriceRow] = PortfolioTableModel(
            SHARE_PRICES, lambda row: row.id
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("price_table")
        self.errors = FormErrors(
            {
                "company": self.company,
                "price_date": self.day,
                "price": self.price,
                "currency": self.currency,
                "source": self.source,
            },
            self.message,
        )
        self.label_row(["Company", "Date", "Price", "Ccy", "Source"])
        for column, widget in enumerate(
            (self.company, self.day, self.price, self.currency, self.source)
        ):
            self.grid.addWidget(widget, 1, column)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(4, 2)
        self._finish_layout(self.table, 5)
        self.import_button = QPushButton("Import CSV…", self)
        self.import_button.setToolTip(
            "Closes of the chosen company from a CSV of dates and closes (a quote site's "
            "export, or two columns), in the currency shown; all rows or none."
        )
        self.grid.addWidget(self.import_button, 4, 0)
        self.import_button.clicked.connect(self.import_csv)
        #: Chooses the file and calls back with its path (tests answer without a dialog).
        self.choose_file: PathChooser = lambda chosen: choose_csv_file(
            self, "Import Share Prices", chosen
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def import_csv(self) -> None:
        """Ask for the file, then enter its closes for the chosen company."""
        company_id = self.company.current_value()
        if not isinstance(company_id, int):
            self.errors.show(
                [FieldProblem("company", self.company.currentText(), "choose whose prices")]
            )
            return
        currency = self.currency.text()
        self.choose_file(lambda path: self._import_file(company_id, currency, Path(path)))

    def _import_file(self, company_id: int, currency: str, path: Path) -> None:
        source = self.source.text().strip() or path.name

        def write(session: "Session") -> PriceImport:
            return import_share_prices(session, company_id, path.read_bytes(), currency, source)

        def done(outcome: tuple[PriceImport, list[DayEdit]]) -> None:
            result, edits = outcome
            self.errors.clear()
            self.message.show_done(
                f"Imported {result.count} closes of {result.company}, "
                f"{result.first.isoformat()} to {result.last.isoformat()}."
            )
            self.push_undo(f"Import {path.name}", edits)

        self.context.write(self.recorded(write, {"company_id": company_id}), done, self.errors)

    def set_companies(self, choices: list[tuple[str, int]]) -> None:
        self.company.set_choices(choices)

    def set_rows(self, rows: list[SharePriceRow]) -> None:
        self.model.set_rows(rows)

    def _selected(self) -> None:
        row = selected_row(self.table)
        self.delete_button.setEnabled(row is not None)
        if isinstance(row, SharePriceRow):
            self.company.select_value(row.company_id)
            self.day.set_date(row.price_date)
            self.price.set_value(row.price)
            self.currency.setText(row.currency)
            self.source.setText(row.source or "")

    def save(self) -> None:
        problems: list[FieldProblem] = []
        company_id = self.company.current_value()
        if not isinstance(company_id, int):
            problems.append(
                FieldProblem(
                    "company", self.company.currentText(), "choose a company from the list"
                )
            )
        value = read_number(self.price, "price", problems)
        if value is None and not problems:
            problems.append(FieldProblem("price", None, "is required"))
        if problems or not isinstance(company_id, int) or value is None:
            self.errors.show(problems)
            return
        entry = SharePrice(
            company_id=company_id,
            price_date=self.day.day(),
            price=value,
            currency=self.currency.text(),
            source=self.source.text(),
        )
        self.write_step(
            lambda session: record_share_price(session, entry),
            {"company_id": company_id},
            "Price saved.",
        )

    def delete(self) -> None:
        row = selected_row(self.table)
        if isinstance(row, SharePriceRow) and self.context.confirm(
            f"Delete the {row.company} price of {row.price_date.isoformat()}?"
        ):
            self.write_step(
                lambda session: delete_share_price(session, row.id),
                {"company_id": row.company_id},
                "Price deleted.",
            )


class FxBox(_MarketBox):
    """Exchange rates: 1 base = rate quote, on a date."""

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__("Exchange rates", context, FX_RATE_DAYS, parent)
        self.base = CodeField("USD", self)
        self.base.setObjectName("fx_base")
        self.base.setPlaceholderText("USD")
        self.quote = CodeField("CAD", self)
        self.quote.setObjectName("fx_quote")
        self.day = DateField(context.today(), parent=self)
        self.day.setObjectName("fx_date")
        self.rate = DecimalField("1.3650", self)
        self.rate.setObjectName("fx_rate")
        self.source = QLineEdit(self)
        self.source.setObjectName("fx_source")
        self.source.setPlaceholderText("e.g. Bank of Canada daily rate")
        self.model: PortfolioTableModel[FxRateRow] = PortfolioTableModel(
            FX_RATES, lambda row: row.id
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("fx_table")
        self.errors = FormErrors(
            {
                "base": self.base,
                "quote": self.quote,
                "rate_date": self.day,
                "rate": self.rate,
                "source": self.source,
            },
            self.message,
        )
        self.label_row(["Base", "Quote", "Date", "Rate (quote per base)", "Source"])
        fields = (self.base, self.quote, self.day, self.rate, self.source)
        for column, widget in enumerate(fields):
            self.grid.addWidget(widget, 1, column)
        self.grid.setColumnStretch(3, 2)
        self.grid.setColumnStretch(4, 2)
        self._finish_layout(self.table, 5)
        self.import_button = QPushButton("&Import CSV…", self)
        self.import_button.setObjectName("fx_import")
        self.import_button.setToolTip(
            "Rates from a CSV file: a date column and a column per pair headed like USD/CAD "
            "(a central bank's download), or base, quote, date and rate columns. Every rate "
            "is written, or none when a line is wrong."
        )
        self.grid.addWidget(self.import_button, 4, 0, 1, 2)
        self.import_button.clicked.connect(lambda: self.choose_file(self.import_file))
        #: Asks for the file and calls back with its path; tests answer it.
        self.choose_file: PathChooser = lambda chosen: choose_csv_file(
            self, "Import Exchange Rates", chosen
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def import_file(self, path: str) -> None:
        """Import the rates of ``path`` on the write thread; say what was written, or why
        nothing was, line by line."""
        self.message.show_done(f"Importing {Path(path).name}…")
        self.import_button.setEnabled(False)

        def done(outcome: tuple[FxImported, list[DayEdit]]) -> None:
            imported, edits = outcome
            self.import_button.setEnabled(True)
            self.errors.clear()
            self.message.show_done(imported.describe())
            self.push_undo(f"Import {Path(path).name}", edits)
            self.context.wrote()

        def refused(error: BaseException) -> None:
            self.import_button.setEnabled(True)
            if isinstance(error, FxCsvError):
                more = len(error.problems) - SHOWN_PROBLEMS
                lines = [
                    f"{Path(path).name}: nothing was imported.",
                    *error.problems[:SHOWN_PROBLEMS],
                ]
                self.errors.clear()
                self.message.show_problems(lines + ([f"… and {more} more"] if more > 0 else []))
            else:
                show_refusal(error, self.errors)

        job = self.recorded(lambda session: import_fx_csv(session, Path(path)), None)
        self.context.writes.submit(job, done, refused, write=True)

    def set_rows(self, rows: list[FxRateRow]) -> None:
        self.model.set_rows(rows)

    def _selected(self) -> None:
        row = selected_row(self.table)
        self.delete_button.setEnabled(row is not None)
        if isinstance(row, FxRateRow):
            self.base.setText(row.base)
            self.quote.setText(row.quote)
            self.day.set_date(row.rate_date)
            self.rate.set_value(row.rate)
            self.source.setText(row.source or "")

    def save(self) -> None:
        problems: list[FieldProblem] = []
        value = read_number(self.rate, "rate", problems)
        if value is None and not problems:
            problems.append(FieldProblem("rate", None, "is required"))
        if problems or value is None:
            self.errors.show(problems)
            return
        entry = FxRate(
            base=self.base.text(),
            quote=self.quote.text(),
            rate_date=self.day.day(),
            rate=value,
            source=self.source.text().strip() or None,
        )
        self.write_step(lambda session: record_fx_rate(session, entry), None, "Rate saved.")

    def delete(self) -> None:
        row = selected_row(self.table)
        if isinstance(row, FxRateRow) and self.context.confirm(
            f"Delete the {row.base}/{row.quote} rate of {row.rate_date.isoformat()}?"
        ):
            self.write_step(lambda session: delete_fx_rate(session, row.id), None, "Rate deleted.")
