"""Saved column mappings ("presets"), one JSON file each in the user's config folder.

The folder comes from platformdirs; ``MINING_TRACKER_CONFIG_DIR`` overrides it (tests, power
users), and every function also takes the folder explicitly.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_path

from tracker.excel.errors import WorkbookError
from tracker.excel.fields import FIELDS_BY_QUALIFIED

CONFIG_ENV_VAR = "MINING_TRACKER_CONFIG_DIR"
APP_NAME = "mining-tracker"
FORMAT_VERSION = 1


def presets_dir(environ: dict[str, str] | None = None) -> Path:
    """Where presets live: ``$MINING_TRACKER_CONFIG_DIR/import-presets`` or the user config."""
    env = os.environ if environ is None else environ
    base = env.get(CONFIG_ENV_VAR)
    root = Path(base).expanduser() if base else user_config_path(APP_NAME, appauthor=False)
    return root / "import-presets"


@dataclass(frozen=True)
class Preset:
    """A mapping to reuse: header text -> qualified field (None: ignore the column), and the
    defaults that fill empty cells (qualified field -> text, as typed)."""

    name: str
    columns: dict[str, str | None] = field(default_factory=dict)
    header_row: int | None = None
    defaults: dict[str, str] = field(default_factory=dict)

    def fits(self, headers: list[str]) -> float:
        """Share of the preset's headers present in ``headers`` (1.0: a perfect fit)."""
        if not self.columns:
            return 0.0
        present = set(headers)
        return sum(1 for header in self.columns if header in present) / len(self.columns)


def _file_name(name: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z._-]+", "-", name.strip()).strip("-.") or "preset"
    return slug[:80] + ".json"


def save_preset(preset: Preset, folder: Path | None = None) -> Path:
    target = (folder or presets_dir()) / _file_name(preset.name)
    payload = {
        "version": FORMAT_VERSION,
        "name": preset.name,
        "header_row": preset.header_row,
        "columns": preset.columns,
        "defaults": preset.defaults,
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
        temp.replace(target)
    except OSError as exc:
        raise WorkbookError(f"cannot save the preset: {exc.strerror or exc}") from exc
    return target


def load_presets(folder: Path | None = None) -> list[Preset]:
    """Every readable preset, by name; damaged files are skipped, not fatal."""
    root = folder or presets_dir()
    found: list[Preset] = []
    if not root.is_dir():
        return found
    for path in sorted(root.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            columns = {
                str(header): (value if value in FIELDS_BY_QUALIFIED else None)
                for header, value in dict(data["columns"]).items()
            }
            header_row = data.get("header_row")
            defaults = {
                str(qualified): str(text)
                for qualified, text in dict(data.get("defaults") or {}).items()
                if qualified in FIELDS_BY_QUALIFIED
            }
            row = header_row if isinstance(header_row, int) else None
            found.append(Preset(str(data["name"]), columns, row, defaults))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda preset: preset.name.lower())


def find_preset(name: str, folder: Path | None = None) -> Preset | None:
    """The saved preset called ``name`` (case aside), if any."""
    wanted = name.strip().lower()
    return next((p for p in load_presets(folder) if p.name.lower() == wanted), None)


def delete_preset(name: str, folder: Path | None = None) -> None:
    ((folder or presets_dir()) / _file_name(name)).unlink(missing_ok=True)


def best_preset(headers: list[str], presets: list[Preset]) -> Preset | None:
    """The preset that fits these headers completely, if any."""
    fitting = [p for p in presets if p.fits(headers) == 1.0]
    return max(fitting, key=lambda p: len(p.columns), default=None)
