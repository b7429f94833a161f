"""Where one figure of a record came from: a release, a file or a web page, and its sentence."""

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class FigureSource(SQLModel, table=True):
    """The source of one field of a study, deal or event (``field`` is the column name).

    A record's own ``source`` says where the record as a whole came from; this table keeps,
    figure by figure, the document and the sentence a value was read from, so that a captured
    NPV can be traced back to the words of the release.
    """

    __tablename__ = "figure_source"

    id: int | None = Field(default=None, primary_key=True)
    study_id: int | None = Field(
        default=None, foreign_key="study.id", ondelete="CASCADE", index=True
    )
    deal_id: int | None = Field(default=None, foreign_key="deal.id", ondelete="CASCADE", index=True)
    event_id: int | None = Field(
        default=None, foreign_key="event.id", ondelete="CASCADE", index=True
    )
    field: str = Field(max_length=60)
    source: str = Field(max_length=1000)
    quote: str | None = Field(default=None, sa_column=Column(Text))
