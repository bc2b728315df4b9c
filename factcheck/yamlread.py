"""Strict reading of the small YAML files factcheck keeps (sources.yaml, accepted.yaml).

The files are walked as nodes, not loaded into objects: every key keeps its line, duplicate keys
are refused, nothing is typed implicitly (`2025-05-18` stays that text, no date object to trip on),
and an alias is never expanded, so a crafted file cannot blow up in memory. Errors are raised as
the caller's error type with file and line.
"""

from __future__ import annotations

import yaml

from .errors import FactcheckError

_NULL = {"", "~", "null", "Null", "NULL"}


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def compose(raw: str, path: str, error: type[FactcheckError]) -> yaml.Node | None:
    """The document's root node (None for an empty document)."""
    try:
        return yaml.compose(raw, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))  # libyaml when present
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise error(f"malformed YAML: {_one_line(e.problem or e.context or 'unreadable')}", path,
                    mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as e:
        char = f"U+{e.character:04X}" if isinstance(e.character, int) else repr(e.character)
        raise error(f"malformed YAML: character {char} is not allowed", path,
                    raw.count("\n", 0, e.position) + 1) from None
    except yaml.YAMLError as e:
        raise error(f"malformed YAML: {_one_line(str(e))}", path) from None
    except RecursionError:
        raise error("malformed YAML: nested too deeply", path) from None


def is_null(node: yaml.Node) -> bool:
    # a plain scalar: style None from pure-Python YAML, '' from libyaml
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULL


def mapping(node: yaml.Node, path: str, message: str, error: type[FactcheckError]) -> list[tuple[str, int, yaml.Node]]:
    """(key, line, value node) of a mapping, in file order; keys must be plain text and unique."""
    if not isinstance(node, yaml.MappingNode):
        raise error(message, path, line(node))
    out, seen = [], {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise error("keys must be plain text", path, line(k))
        if k.value in seen:
            raise error(f"duplicate key '{_one_line(k.value)}' (also line {seen[k.value]})", path, line(k))
        seen[k.value] = line(k)
        out.append((k.value, line(k), v))
    return out


def sequence(node: yaml.Node, path: str, message: str, error: type[FactcheckError]) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise error(message, path, line(node))
    return list(node.value)


def text(node: yaml.Node, path: str, message: str, error: type[FactcheckError]) -> str | None:
    """A scalar's text as written; None for null."""
    if not isinstance(node, yaml.ScalarNode):
        raise error(message, path, line(node))
    return None if is_null(node) else node.value


def _one_line(s: str) -> str:
    return " ".join(str(s).split())
