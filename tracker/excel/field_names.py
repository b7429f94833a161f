"""The names a person gives a field when mapping by hand: "study type", "discount rate".

The command line's ``--map`` and ``--default`` and the wizard's defaults name fields in words,
not as ``study.discount_rate_pct``: each field has one display name that is unique, and the
shorter names people write (its header, a synonym) are accepted when only one field has them.
"""

from tracker.excel.fields import FIELDS_BY_QUALIFIED, Entity, Field, all_fields
from tracker.excel.mapping import normalise, split_header

_PARENTS = frozenset({Entity.PROJECT, Entity.COMPANY})
#: What ``--map "Notes=ignore"`` writes to leave a column out.
IGNORE_NAMES = frozenset({"", "ignore", "ignored", "none", "skip"})


def display_name(fld: Field) -> str:
    """``study type``, ``study discount rate``, ``project``: the entity, then the header's
    words (unless they already start with the entity's)."""
    entity = fld.entity.value.replace("_", " ")
    words = " ".join(split_header(fld.header)[0].lower().split())
    return words if words.startswith(entity) else f"{entity} {words}"


_DISPLAY = {normalise(display_name(fld)): fld for fld in all_fields()}


def _short_names(fld: Field) -> set[str]:
    """Other names that mean ``fld`` when no other field has them."""
    bare = fld.name.removesuffix("_pct").removesuffix("_years")
    names = {fld.name, bare, split_header(fld.header)[0], *fld.synonyms}
    return {normalise(name) for name in names}


def _short_index() -> dict[str, list[Field]]:
    index: dict[str, list[Field]] = {}
    for fld in all_fields():
        for name in _short_names(fld):
            index.setdefault(name, []).append(fld)
    return index


_SHORT = _short_index()


class FieldNameError(ValueError):
    """A name that is no field, or more than one; the message says what to write instead."""


def field_names() -> list[str]:
    """Every field's display name, in sheet order (what an error lists)."""
    return [display_name(fld) for fld in all_fields()]


def find_field(text: str) -> Field:
    """The field ``text`` names: a display name, ``entity.field``, or a short name that only
    one field has. Raises ``FieldNameError`` with the names to choose from."""
    stripped = text.strip()
    if stripped in FIELDS_BY_QUALIFIED:
        return FIELDS_BY_QUALIFIED[stripped]
    key = normalise(stripped)
    if key in _DISPLAY:
        return _DISPLAY[key]
    found = _SHORT.get(key, [])
    # "stage", "commodities": a project's, as every sheet has projects; "type" stays open.
    parents = [fld for fld in found if fld.entity in _PARENTS]
    if len(found) == 1 or len(parents) == 1:
        return (parents or found)[0]
    if found:
        meant = ", ".join(f"'{display_name(fld)}'" for fld in found)
        raise FieldNameError(f"'{stripped}' could be any of {meant}: write one of them")
    raise FieldNameError(
        f"'{stripped}' is not a field name; the fields are: {', '.join(field_names())}"
    )


def find_target(text: str) -> Field | None:
    """What a mapping's right-hand side names: a field, or None for 'ignore'."""
    if text.strip().lower() in IGNORE_NAMES:
        return None
    return find_field(text)
