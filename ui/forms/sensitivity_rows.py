"""The NPV sensitivity editor of the study form: the after-tax NPV at other prices of one
commodity, each point at a price or at a % change of the study's deck price."""

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QWidget

from tracker.errors import FieldProblem
from tracker.services.commodities import PRICE_UNITS
from tracker.services.sensitivities import Sensitivity
from ui.forms.base import Reader
from ui.forms.fields import CurrencyBox, DecimalField
from ui.forms.pickers import CommodityPicker
from ui.forms.rows import RowsEditor

#: Where the editor's own reading problems are reported (``sensitivity line 2 NPV``).
KEY = "sensitivity"
AT_PRICE = "at price"
AT_CHANGE = "at % change"


def _number(reader: Reader, field: str, typed: DecimalField) -> Decimal | None:
    """The field's number, or None with the problem noted with what was typed."""
    try:
        return typed.value()
    except ValueError as exc:
        reader.problems.append(FieldProblem(field, typed.text(), str(exc)))
        return None


class SensitivityLine(QWidget):
    """``Au`` ``at price`` ``3,500`` ``USD`` / ``oz`` -> NPV ``1.1 B``."""

    def __init__(self, commodities: Sequence[tuple[int, str, str]], currency: str) -> None:
        super().__init__()
        self.commodity = CommodityPicker(commodities)
        self.commodity.box.setMinimumContentsLength(8)
        self.commodity.compact = True
        self.basis = QComboBox()
        self.basis.addItems([AT_PRICE, AT_CHANGE])
        self.value = DecimalField(percent=False, placeholder="price")
        self.currency = CurrencyBox()
        self.currency.set_currency(currency)
        self.unit = QComboBox()
        self.unit.addItems(PRICE_UNITS)
        self.npv = DecimalField(scaled=True, placeholder="NPV, e.g. 1.1 B")
        self.basis.currentTextChanged.connect(self._basis_changed)

    def _basis_changed(self, basis: str) -> None:
        by_price = basis == AT_PRICE
        self.value.setPlaceholderText("price" if by_price else "% of deck, e.g. -20")
        self.currency.setEnabled(by_price)
        self.unit.setEnabled(by_price)

    @property
    def by_price(self) -> bool:
        return self.basis.currentText() == AT_PRICE


class SensitivityEditor(RowsEditor[SensitivityLine]):
    """Points of the study's after-tax NPV (in the study's currency, at its discount rate)
    with one commodity's price moved; the study's own deck and NPV is a point already."""

    def __init__(self, commodities: Sequence[tuple[int, str, str]]) -> None:
        self._commodities = list(commodities)
        self.currency = "USD"
        super().__init__(
            "Add sensitivity point", ["Commodity", "", "Value", "Currency", "Per", "NPV"]
        )

    def make_line(self) -> SensitivityLine:
        line = SensitivityLine(self._commodities, self.currency)
        if self.lines:
            previous = self.lines[-1]
            symbol = previous.commodity.symbol()
            if symbol is not None:
                line.commodity.set_symbol(symbol)
            line.basis.setCurrentIndex(previous.basis.currentIndex())
            line.unit.setCurrentIndex(previous.unit.currentIndex())
        return line

    def cells(self, line: SensitivityLine) -> list[QWidget]:
        return [line.commodity, line.basis, line.value, line.currency, line.unit, line.npv]

    def read(self, reader: Reader) -> list[Sensitivity]:
        """The points; a line left wholly blank is no point."""
        found = []
        for number, line in enumerate(self.lines, start=1):
            label = f"{KEY} line {number}"
            typed = line.commodity.text()
            if not typed and not line.value.text().strip() and not line.npv.text().strip():
                continue
            value = _number(
                reader, f"{label} {'price' if line.by_price else 'change_pct'}", line.value
            )
            npv = _number(reader, f"{label} NPV", line.npv)
            symbol = line.commodity.symbol()
            if symbol is None:
                reason = "is required" if not typed else "is not a known commodity; create it first"
                reader.problems.append(FieldProblem(f"{label} commodity", typed, reason))
                continue
            found.append(
                Sensitivity(
                    symbol,
                    npv,
                    value if line.by_price else None,
                    (line.currency.currency() or None) if line.by_price else None,
                    line.unit.currentText() if line.by_price else None,
                    None if line.by_price else value,
                )
            )
        return found

    def set_points(self, points: Sequence[Sensitivity]) -> None:
        self.clear()
        for point in points:
            line = self.add_line()
            line.commodity.set_symbol(point.commodity)
            line.basis.setCurrentText(AT_PRICE if point.price is not None else AT_CHANGE)
            line.value.set_value(point.price if point.price is not None else point.change_pct)
            if point.currency:
                line.currency.set_currency(point.currency)
            if point.unit:
                line.unit.setCurrentText(point.unit)
            line.npv.set_value(point.after_tax_npv)
