"""Add a commodity the seeded list lacks (asked for from a commodity picker)."""

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from tracker.services.commodities import PRICE_UNITS, create_commodity
from ui.forms.base import RecordForm, SaveJob
from ui.forms.fields import ChoiceBox

if TYPE_CHECKING:
    from ui.data.gateway import Session


class CommodityForm(RecordForm):
    kind = "commodity"

    def __init__(self, parent: QWidget | None, typed: str = "") -> None:
        super().__init__(parent, "New Commodity")
        short = len(typed) <= 4 and " " not in typed
        self.symbol = QLineEdit(typed if short else "")
        self.symbol.setPlaceholderText("Ga")
        self.name = QLineEdit("" if short else typed)
        self.name.setPlaceholderText("Gallium")
        self.unit = ChoiceBox(PRICE_UNITS)
        self.add_field("&Symbol", self.symbol, ["symbol"])
        self.add_field("&Name", self.name, ["name"])
        self.add_field("&Price quoted per", self.unit, ["price_unit"])
        self.resize(380, 200)

    def job(self) -> SaveJob:
        symbol, name, unit = self.symbol.text(), self.name.text(), self.unit.value() or ""

        def save(session: "Session") -> int:
            created = create_commodity(session, symbol, name, unit)
            assert created.id is not None
            return created.id

        return save
