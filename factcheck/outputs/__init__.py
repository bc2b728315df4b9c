"""The report's output formats; FORMATS below is the only list of them.

A format is a function from a run's Result to text, or to the text's pieces for a format that grows
with the sources (and, for a format that links quotes to their source lines, the folder it is written
to), in a module of this package; `factcheck report --format NAME` offers every entry. Adding one:
its module, a line here, and its name in the README's commands table (tests/test_registries.py
checks each entry writes and is documented). The module is imported when the format is used, so
commands that write no report do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    module: str  # the module of this package that writes it
    function: str  # its function from a Result to the text (or an iterator of its pieces)
    stdout: bool  # written to standard output unless -o says otherwise (else to the report file)
    links: bool = False  # links quotes to source lines, relative to the folder it is written to

    def writer(self):
        return getattr(import_module(f"{__name__}.{self.module}"), self.function)

    def write(self, result, folder: str) -> str | Iterator[str]:
        return self.writer()(result, folder) if self.links else self.writer()(result)


FORMATS: dict[str, Format] = {
    "markdown": Format("render", "markdown", stdout=False, links=True),
    "json": Format("render", "json_pieces", stdout=True),  # claim by claim: it grows with the sources
    "html": Format("html", "page", stdout=True, links=True),
}
