"""A value seen in one clause, before the reader decides which values become figures."""

from dataclasses import dataclass, field

from tracker.capture.model import Figure, Span, Value
from tracker.capture.sentences import Sentence


@dataclass(frozen=True)
class Sighting:
    """``key`` = ``value`` read at ``start:end`` of the release, in a case and a tax basis.

    ``extra`` holds figures read with it, keyed as the JSON names them (the NPV's
    ``discount_rate`` and ``npv_currency``, the AISC's ``aisc_unit``).
    """

    key: str
    value: Value
    start: int
    end: int
    sentence: Sentence
    case: str = "base"
    basis: str | None = None
    extra: dict[str, Figure] = field(default_factory=dict)

    def figure(self) -> Figure:
        return Figure(self.key, self.value, Span(self.start, self.end), self.sentence.span)

    def same_value(self, other: "Sighting") -> bool:
        """Equal values whose figures read with them agree wherever both have one."""
        if self.value != other.value:
            return False
        shared = self.extra.keys() & other.extra.keys()
        return all(self.extra[key].value == other.extra[key].value for key in shared)


def figure_at(key: str, value: Value, sentence: Sentence, start: int, end: int) -> Figure:
    """A figure at ``start:end`` of ``sentence.text``."""
    return Figure(key, value, Span(sentence.at(start), sentence.at(end)), sentence.span)
