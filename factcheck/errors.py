"""Typed errors. The library raises them; the CLI prints them on one line and exits 2."""


class FactcheckError(Exception):
    """Bad input or usage, located at a file (and line) when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message, self.path, self.line = message, path, line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class PackError(FactcheckError):
    """An event pack (claims/*.yaml) is malformed."""


class SourceError(FactcheckError):
    """A source file or sources.yaml cannot be used."""


class BaselineError(FactcheckError):
    """The baseline of accepted conflicts (claims/accepted.yaml) is malformed."""
