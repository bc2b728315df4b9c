"""The report's output formats; FORMATS below is the only list of them.

A format is a function from a run's Result to text, in a module of this package; `factcheck report
--format NAME` offers every entry. Adding one: its module, a line here, and its name in the README's
commands table (tests/test_registries.py checks each entry writes and is documented). The module is
imported when the format is used, so commands that write no report do not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    module: str  # the module of this package that writes it
    function: str  # its function from a Result to the text
    stdout: bool  # written to standard output unless -o says otherwise (else to the report file)

    def writer(self):
        return getattr(import_module(f"{__name__}.{self.module}"), self.function)


FORMATS: dict[str, Format] = {
    "markdown": Format("render", "markdown", stdout=False),
    "json": Format("render", "as_json", stdout=True),
}
