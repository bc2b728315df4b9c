"""Strict reading of the small YAML files factcheck keeps (sources.yaml, accepted.yaml).

The files are walked as nodes, not loaded into objects: every key keeps its line, duplicate keys
are refused, nothing is typed implicitly (`2025-05-18` stays that text, no date object to trip on),
and an alias is never expanded, so a crafted file cannot blow up in memory. Before any node is built
the event stream is measured against limits of our own (nesting depth, nodes after alias expansion),
so a hostile file gets the same error whatever YAML library version reads it. Errors are raised as
the caller's error type with file and line.
"""

from __future__ import annotations

import yaml

from ..errors import FactcheckError

_NULL = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 64  # far beyond any pack or sources.yaml; below the depth where YAML libraries give up
MAX_ALIASED = 200_000  # nodes that aliases add once expanded, as a pack loader would expand them
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml when present


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def compose(raw: str, path: str, error: type[FactcheckError]) -> yaml.Node | None:
    """The document's root node (None for an empty document)."""
    try:
        _check_size(raw, path, error, _LOADER)
        return yaml.compose(raw, Loader=_LOADER)
    except yaml.MarkedYAMLError as e:
        if _LOADER is not yaml.BaseLoader:  # libyaml stops at a depth of its own: measure ours first
            _check_size(raw, path, error, yaml.BaseLoader)
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


def _check_size(raw: str, path: str, error: type[FactcheckError], loader: type) -> None:
    """Refuse a document nested deeper than MAX_DEPTH, or whose aliases would add more than
    MAX_ALIASED nodes once expanded (a 'billion laughs' file is a few lines long). The document's own
    size is not limited here: a sources.yaml of 100,000 entries is long, not hostile."""
    sizes: dict[str, int] = {}  # anchor -> nodes under it, expanded
    open_: list[list] = []  # [anchor, nodes so far] per open collection
    aliased = 0
    for ev in _events(raw, loader):
        if isinstance(ev, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            n = sizes.get(ev.anchor, 1) if isinstance(ev, yaml.AliasEvent) else 1
            if open_:
                open_[-1][1] += n
            if isinstance(ev, yaml.AliasEvent):
                aliased += n
                if aliased > MAX_ALIASED:
                    raise error(f"malformed YAML: aliases expand to more than {MAX_ALIASED:,} nodes", path,
                                ev.start_mark.line + 1)
            if isinstance(ev, yaml.ScalarEvent) and ev.anchor:
                sizes[ev.anchor] = 1
            if isinstance(ev, yaml.CollectionStartEvent):
                if len(open_) >= MAX_DEPTH:
                    raise error(f"malformed YAML: nested more than {MAX_DEPTH} levels deep", path,
                                ev.start_mark.line + 1)
                open_.append([ev.anchor, 1])
        elif isinstance(ev, yaml.CollectionEndEvent):
            anchor, n = open_.pop()
            if anchor:
                sizes[anchor] = n
            if open_:
                open_[-1][1] += n - 1  # the collection itself was counted when it opened


def _events(raw: str, loader: type):
    """The parse events, stopping quietly at a syntax error (compose reports it with its line)."""
    try:
        yield from yaml.parse(raw, Loader=loader)
    except yaml.YAMLError:
        return


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
