"""The price deck editor of the study form: one line per commodity, at a price per unit."""

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from tracker.errors import FieldProblem
from tracker.services.studies import PriceAssumption
from ui.forms.base import Reader
from ui.forms.fields import CurrencyBox, DecimalField
from ui.forms.pickers import CommodityPicker
from ui.forms.rows import RowsEditor

#: Where the editor's own reading problems are reported (``price deck line 2 price``).
KEY = "price deck"


class PriceLine(QWidget):
    """A commodity at a price in a currency per unit: ``Au`` ``2,150`` ``USD`` / ``oz``."""

    def __init__(self, commodities: Sequence[tuple[int, str, str]], currency: str) -> None:
        super().__init__()
        self.commodity = CommodityPicker(commodities)
        self.commodity.box.setMinimumContentsLength(10)
        self.commodity.compact = True
        self.price = DecimalField(placeholder="price")
        self.price.setMinimumWidth(self.price.fontMetrics().horizontalAdvance("000,000.00") + 12)
        self.currency = CurrencyBox()
        self.currency.set_currency(currency)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("oz")
        self.unit.setMaxLength(16)
        self.unit.setFixedWidth(self.unit.fontMetrics().horizontalAdvance("M") * 5)


class PriceDeckEditor(RowsEditor[PriceLine]):
    """The prices a study assumes; a new line takes the study's currency and the commodity's
    usual price unit, since that is what most decks state."""

    #: A line's picker asks for a commodity it does not know: the picker, and the text typed.
    create_commodity = Signal(object, str)

    def __init__(
        self, commodities: Sequence[tuple[int, str, str]], units: Mapping[int, str]
    ) -> None:
        self._commodities = list(commodities)
        self._units = dict(units)
        self.currency = "USD"
        super().__init__("Add price", ["Commodity", "Price", "Currency", "Per"])

    def make_line(self) -> PriceLine:
        line = PriceLine(self._commodities, self.currency)
        line.commodity.changed.connect(lambda: self._suggest_unit(line))
        line.commodity.create_requested.connect(
            lambda text: self.create_commodity.emit(line.commodity, text)
        )
        return line

    def cells(self, line: PriceLine) -> list[QWidget]:
        return [line.commodity, line.price, line.currency, line.unit]

    def _suggest_unit(self, line: PriceLine) -> None:
        commodity_id = line.commodity.value()
        if commodity_id is not None and not line.unit.text() and commodity_id in self._units:
            line.unit.setText(self._units[commodity_id])

    def symbols(self) -> list[str]:
        """The symbols of the lines that name a known commodity."""
        return [s for s in (line.commodity.symbol() for line in self.lines) if s is not None]

    def read(self, reader: Reader) -> list[PriceAssumption]:
        """The deck; a line left wholly blank is no line."""
        found = []
        for number, line in enumerate(self.lines, start=1):
            label = f"{KEY} line {number}"
            typed = line.commodity.text()
            if not typed and not line.price.text().strip() and not line.unit.text().strip():
                continue
            price = reader.read(f"{label} price", line.price.value, None)
            symbol = line.commodity.symbol()
            if symbol is None:
                reason = "is required" if not typed else "is not a known commodity; create it first"
                reader.problems.append(FieldProblem(f"{label} commodity", typed, reason))
            if price is None:
                if not line.price.text().strip():
                    reader.problems.append(FieldProblem(f"{label} price", None, "is required"))
                continue
            if symbol is not None:
                currency = line.currency.currency() or ""
                found.append(PriceAssumption(symbol, price, currency, line.unit.text().strip()))
        return found

    def set_prices(self, prices: Sequence[PriceAssumption]) -> None:
        self.clear()
        for price in prices:
            line = self.add_line()
            line.commodity.set_symbol(price.commodity)
            line.price.set_value(price.price)
            line.currency.set_currency(price.currency)
            line.unit.setText(price.unit)
