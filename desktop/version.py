"""The one place the project's version lives (read by pyproject, the CLI and the installer)."""

__version__ = "0.1.0"
