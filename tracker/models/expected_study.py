"""Studies a company has said are coming, so that the portfolio can watch for them."""

from datetime import date

from sqlmodel import Field, SQLModel


class ExpectedStudy(SQLModel, table=True):
    """Guidance such as "PFS expected by Q3 2026", noted on a date from a source.

    It counts as delivered once the project has a study of this type or a later one published on
    or after ``noted_on``.
    """

    __tablename__ = "expected_study"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    study_type: str = Field(max_length=30)
    expected_date: date = Field(index=True)
    noted_on: date
    source: str | None = Field(default=None, max_length=1000)
