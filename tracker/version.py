"""The app's version, as installed, for the About box and bug reports."""

from importlib.metadata import PackageNotFoundError, version

#: The name ``pyproject.toml`` gives the package.
DISTRIBUTION = "mining-tracker"
#: Shown when the code runs from a source tree that was never installed.
NOT_INSTALLED = "unknown (not installed)"


def app_version(distribution: str | None = None) -> str:
    try:
        return version(distribution or DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED
