"""Settings that belong to the data rather than to one computer, such as the reporting currency.

They live in the database so that the window, the command line and the exported workbook all
read the same value (Qt's settings store keeps only what is personal to a machine: the layout).
"""

from sqlmodel import Field, SQLModel


class AppSetting(SQLModel, table=True):
    """One named setting, stored as text (each setting's service reads and checks it)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=1000)
