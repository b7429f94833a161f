"""``import --map``, ``--default`` and ``--preset``: the wizard's mapping, from the shell.

Field names are read when the options are (a bad one is a usage error before any file is
opened); the column names and the preset once the file's sheets are known.
"""

import argparse
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tracker.excel.defaults import read_default
from tracker.excel.field_names import FieldNameError, display_name, find_field, find_target
from tracker.excel.fields import FIELDS_BY_QUALIFIED, Field
from tracker.excel.mapping import Mapping
from tracker.excel.presets import Preset, find_preset, load_presets
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.source import Source, remap

#: --map: a column's header and the field it fills (None: the column is ignored).
ColumnOption = tuple[str, Field | None]
#: --default: a field and the text that fills its empty cells.
DefaultOption = tuple[Field, str]


class OptionError(ValueError):
    """An option that does not fit the file (a column it does not have, an unknown preset)."""


def map_option(text: str) -> ColumnOption:
    """``"Latest study=study type"`` read as (column, field); argparse's ``type``."""
    header, sep, target = text.rpartition("=")
    if not sep or not header.strip():
        raise argparse.ArgumentTypeError(
            f"'{text}' is not COLUMN=FIELD (e.g. --map \"Latest study=study type\", "
            'or --map "Notes=ignore")'
        )
    try:
        return " ".join(header.split()), find_target(target)
    except FieldNameError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def default_option(text: str) -> DefaultOption:
    """``"discount rate=8"`` read and checked as (field, text); argparse's ``type``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"'{text}' is not FIELD=VALUE (e.g. --default \"discount rate=8\")"
        )
    try:
        fld = find_field(name)
    except FieldNameError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    try:
        read_default(fld, value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"the default for '{display_name(fld)}', '{value.strip()}', {exc}"
        ) from exc
    return fld, value.strip()


def _header_key(text: str) -> str:
    return " ".join(text.split()).lower()


def _with_preset(sheet: SheetChoice, preset: Preset) -> SheetChoice:
    """The sheet mapped by ``preset``, read at the preset's header row when that row holds
    the preset's columns (a workbook's other sheets keep their own)."""
    row = preset.header_row
    if row is not None and row < len(sheet.grid):
        texts = {str(cell).strip() for cell in sheet.grid[row] if cell is not None}
        if texts & preset.columns.keys():
            return remap(sheet, row, preset.columns)
    return remap(sheet, sheet.header_row, preset.columns)


def _mapped(mapping: Mapping, header: str, fld: Field | None) -> Mapping | None:
    """``mapping`` with the column called ``header`` filling ``fld``; None when the sheet has
    no such column."""
    wanted = _header_key(header)
    for column in mapping.columns:
        if column.header and _header_key(column.header) == wanted:
            return mapping.with_field(column.index, fld.qualified if fld else None)
    return None


def apply_options(
    source: Source,
    *,
    preset: str | None = None,
    columns: Sequence[ColumnOption] = (),
    defaults: Sequence[DefaultOption] = (),
    folder: Path | None = None,
) -> None:
    """Map ``source``'s sheets by the preset, then each --map, with the defaults (a --default
    wins over the preset's). Raises ``OptionError`` saying what the file offers instead."""
    chosen: Preset | None = None
    if preset is not None:
        chosen = find_preset(preset, folder)
        if chosen is None:
            names = ", ".join(f"'{p.name}'" for p in load_presets(folder)) or "none yet"
            raise OptionError(f"no preset is called '{preset}' (saved presets: {names})")
    given = dict(chosen.defaults if chosen else {})
    given.update((fld.qualified, text) for fld, text in defaults)
    used: set[str] = set()
    for k, sheet in enumerate(source.sheets):
        if chosen is not None:
            sheet = _with_preset(sheet, chosen)
        mapping = sheet.mapping
        for header, fld in columns:
            found = _mapped(mapping, header, fld)
            if found is not None:
                mapping = found
                used.add(header)
        # replace, not a new SheetChoice: what the file says of its % cells is kept.
        source.sheets[k] = replace(sheet, mapping=mapping.with_defaults(given))
    missing = [header for header, _fld in columns if header not in used]
    if missing:
        offered = sorted(
            {c.header for s in source.sheets for c in s.mapping.columns if c.header},
            key=str.lower,
        )
        raise OptionError(
            f"--map names a column '{missing[0]}' that no sheet has; the columns are: "
            + ", ".join(f"'{header}'" for header in offered)
        )


def mapping_lines(sheet: SheetChoice) -> list[str]:
    """How ``sheet`` is read: each column and the field it fills, then the defaults."""
    lines = [f"Mapping of sheet '{sheet.name}' (headers in row {sheet.header_row + 1}):"]
    for column in sheet.mapping.columns:
        if column.header:
            target = display_name(column.field) if column.field else "(ignored)"
            lines.append(f"  {column.header} -> {target}")
    for qualified, text in sheet.mapping.defaults.items():
        fld = FIELDS_BY_QUALIFIED.get(qualified)
        if fld is not None:
            lines.append(f"  default: {display_name(fld)} = {text}")
    return lines
