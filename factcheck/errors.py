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


def shown(s) -> str:
    """Untrusted text (a file name, a sentence, a value) for a terminal or a CI log: one printable
    line. Every character that is not printable is shown escaped (a line break as \\n, an escape
    as \\x1b, a byte of a name that is not UTF-8 as \\xff), so nothing can start a new line, move
    the cursor or hide; and '##[', which GitHub's runner reads as a command anywhere in a line, is
    broken up. Text with nothing to escape comes back as it is."""
    s = str(s)
    if s.isprintable() and "##[" not in s:
        return s
    s = "".join(ch if ch.isprintable() else _escape(ch) for ch in s)
    return s.replace("##[", "#\\x23[")


def _escape(ch: str) -> str:
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte that was not UTF-8 in a file name (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"
