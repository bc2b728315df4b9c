"""Each closed set has one registry, and every entry has everything the rest of the package needs.

Value types (values.VALUE_TYPES), frames (packs.frames.FRAMES) and output formats
(outputs.FORMATS). A new entry that misses a part fails here with the part named, instead of being
stored by nobody, crashing `explain` or `validate`, or going undocumented.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from factcheck import values
from factcheck.authoring.examples import check_pack
from factcheck.authoring.explain import explain
from factcheck.cli import main
from factcheck.extraction.extract import FINDERS, LATER
from factcheck.extraction.readers import READERS
from factcheck.extraction.tag import Tagged
from factcheck.ingest import segment
from factcheck.ingest.sources import Source
from factcheck.outputs import FORMATS
from factcheck.packs.frames import FRAMES
from factcheck.packs.pack import load_pack
from factcheck.run import cache as fc
from factcheck.run.pipeline import analyse_source

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "factcheck"
DOCS = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _doc_table(heading: str) -> dict[str, list[str]]:
    """The rows of the first table under a docs/packs.md heading, by the name in their first cell."""
    section = DOCS.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if ln.startswith("|")][2:]  # past the header and rule
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", ln)[1:-1]] for ln in rows]
    return {c[0].strip("`"): c[1:] for c in cells}


def _missing(wanted, have) -> list[str]:
    return sorted(set(wanted) - set(have))


# ---------------------------------------------------------------------------------------------
# Value types

_PLAIN = {"str": "x", "int": 2, "float": 2.5, "bool": True, "None": None}
_BY_NAME = {cls.__name__: cls for cls in values.CLASSES}


# Every class of every type: (type name, class)
_CLASSES = [(name, cls) for name, classes in values.VALUE_TYPES.items() for cls in classes]
_IDS = [f"{name}-{cls.__name__}" for name, cls in _CLASSES]


def _sample(name: str, cls: type):
    """A value of a registered type built from its fields alone, so a new type needs no test data."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        parts = [p.strip() for p in str(f.type).split("|")]
        unknown = [p for p in parts if p not in _PLAIN and p not in _BY_NAME]
        assert not unknown, f"{cls.__name__}.{f.name}: {unknown} is not a type the cache and JSON can store"
        if f.name == "type":
            kwargs[f.name] = name
        elif parts[0] in _BY_NAME:  # a value held by another (the date of a time)
            inner = _BY_NAME[parts[0]]
            kwargs[f.name] = _sample(next(n for n, cs in values.VALUE_TYPES.items() if inner in cs), inner)
        else:
            kwargs[f.name] = _PLAIN[parts[0]]
    return cls(**kwargs)


class _NoKnowledge:
    def ancestors(self, kind, name):
        return ()

    def same_entity(self, kind, a, b):
        return False


@pytest.mark.parametrize("name,cls", _CLASSES, ids=_IDS)
def test_a_value_type_has_what_every_type_provides(name, cls):
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, f"{name}: not a frozen dataclass"
    v = _sample(name, cls)
    assert v.type == name, f"{name}: its values say they are '{v.type}'"
    assert cls.__str__ is not object.__str__, f"{name}: no normalized form (__str__)"
    assert isinstance(str(v), str) and str(v)
    assert isinstance(v.specificity, int), f"{name}: specificity is not an int"
    assert v.relate(v, _NoKnowledge()) == values.SAME, f"{name}: a value does not relate to itself as SAME"
    assert v.refines(v, _NoKnowledge()) is False, f"{name}: a value refines itself"
    assert isinstance(v, values.Value.__args__), f"{name}: not part of values.Value"


@pytest.mark.parametrize("name,cls", _CLASSES, ids=_IDS)
def test_a_value_type_round_trips_through_the_codec(name, cls):
    v = _sample(name, cls)
    back = fc.loads(json.dumps(fc.encode(v)))
    assert back == v and type(back) is type(v)


def _tiny_pack(tmp_path: Path):
    f = tmp_path / "tiny.yaml"
    f.write_text("pack: tiny\nevent: {nouns: [fair]}\ntopics:\n  fair.start:\n    type: date\n    rules:\n"
                 "      - id: fair.opened\n        frame: start\n        triggers: [opened]\n"
                 "        examples: [{text: The fair opened on 2 May 2024., value: 2024-05-02}]\n"
                 "        not: [Nothing opened.]\n", encoding="utf-8")
    return load_pack(str(f))


@pytest.mark.parametrize("name,cls", _CLASSES, ids=_IDS)
def test_the_cache_stores_a_result_holding_each_value_type(name, cls, tmp_path):
    """A cache that cannot encode a type stores nothing for the source and says nothing: caught here."""
    packs = [_tiny_pack(tmp_path)]
    src = Source(id="s", path="s.txt", text="The fair opened on 2 May 2024.\n", published="2024-05-03")
    fresh = analyse_source(src, packs)
    (claim,) = fresh.claims  # the fair's start, evidence and all: only its value is swapped
    result = dataclasses.replace(fresh, claims=[dataclasses.replace(claim, value=_sample(name, cls))])
    writer = fc.Cache(tmp_path / "cache")
    writer.put(src, packs, result)
    writer.flush()
    reader = fc.Cache(tmp_path / "cache")
    assert reader.get([src], packs) == {"s": result}, f"the cache did not keep a result holding a {name}"


def test_every_value_type_has_a_reader():
    missing = _missing(values.TYPES, READERS)
    assert not missing, f"no reader in extraction/readers.py for {missing}"
    assert not _missing(READERS, values.TYPES), f"readers for unknown types {_missing(READERS, values.TYPES)}"


# What a topic of a type must also say (the schema refuses it otherwise).
_SETTINGS = {"quantity": {"unit": "km"}}


def _every_type_pack(tmp_path):
    """A topic of every value type, each with a pattern rule that takes nothing from real text."""
    topics = {f"{name}.topic": {"type": name, **_SETTINGS.get(name, {}), "rules": [{
        "id": f"{name}.never", "frame": "pattern", "pattern": "(?P<value>qqqzz)",
        "examples": [{"text": "qqqzz", "value": "x"}], "not": ["Nothing."]}]} for name in values.TYPES}
    f = tmp_path / "every-type.yaml"
    f.write_text(yaml.safe_dump({"pack": "every-type", "event": {"nouns": ["fair"]}, "topics": topics}),
                 encoding="utf-8")
    return load_pack(str(f))


def test_explain_handles_a_topic_of_every_value_type(tmp_path):
    src = Source(id="s", path="s.txt", text="The fair opened on 2 May 2024 with 40 stalls for three days.\n")
    text = explain(src, [_every_type_pack(tmp_path)], None)
    assert text.startswith("source s · reference date")


@pytest.mark.parametrize("name", values.TYPES)
def test_a_reader_parses_for_its_topic(name, tmp_path):
    pack = _every_type_pack(tmp_path)
    (sentence,) = segment.split(Source(id="s", path="s.txt", text="The fair drew 40 stalls.\n", page=False))
    t = Tagged(sentence, pack)
    parse = READERS[name].parse
    got = parse("40", t, pack.topics[f"{name}.topic"])
    assert got is None or type(got) in values.VALUE_TYPES[name], f"{name}: read as a {type(got).__name__}"
    if name == "number":
        assert str(got) == "40"


def test_every_value_type_has_a_row_in_the_docs():
    rows = _doc_table("Value types")
    assert not _missing(values.TYPES, rows), f"docs/packs.md has no value-type row for {_missing(values.TYPES, rows)}"
    assert not _missing(rows, values.TYPES), f"docs/packs.md documents unknown types {_missing(rows, values.TYPES)}"


# ---------------------------------------------------------------------------------------------
# Frames


def test_every_frame_has_a_finder_and_every_finder_a_frame():
    found = {**FINDERS, **LATER}
    assert not _missing(FRAMES, found), f"frames without a finder in extraction/extract.py: {_missing(FRAMES, found)}"
    assert not _missing(found, FRAMES), f"finders for frames packs/frames.py does not list: {_missing(found, FRAMES)}"
    assert not set(FINDERS) & set(LATER)


@pytest.mark.parametrize("name", FRAMES)
def test_a_frame_gives_registered_value_types(name):
    assert FRAMES[name].types and not _missing(FRAMES[name].types, values.TYPES)


@pytest.mark.parametrize("name", FRAMES)
def test_every_frame_has_a_row_in_the_docs_that_agrees(name):
    rows = _doc_table("Frames")
    assert name in rows, f"docs/packs.md has no row for frame '{name}'"
    types, window = rows[name][0], rows[name][-1]
    spec = FRAMES[name]
    assert types == ("any" if spec.types == values.TYPES else "/".join(spec.types)), f"{name}: docs say {types}"
    assert window == "—" or int(window) == spec.window, f"{name}: docs give window {window}, the frame {spec.window}"


def test_the_docs_list_no_frame_that_does_not_exist():
    assert not _missing(_doc_table("Frames"), FRAMES)


def _rule_of(name: str, holder: str) -> dict:
    spec = FRAMES[name]
    rule = {"id": f"{name}.rule", "frame": name, "examples": [{"text": "The fair opened in Lund.", "value": "x"}],
            "not": ["Nothing happened."]}
    rule.update({"triggers": {"triggers": ["led"]}, "of": {"of": holder},
                 "pattern": {"pattern": "(?P<value>qqqzz)"}, "": {}}[spec.needs])
    return rule


def test_a_pack_with_a_rule_of_every_frame_validates_without_crashing(tmp_path, capsys):
    """A frame the schema accepts but extraction cannot run would crash here with a traceback."""
    holder = next(n for n, f in FRAMES.items() if "person" in f.types and f.needs != "of")
    topics = {f"{name}.topic": {"type": FRAMES[name].types[0], **_SETTINGS.get(FRAMES[name].types[0], {}),
                                "rules": [_rule_of(name, f"{holder}.topic")]} for name in FRAMES}
    f = tmp_path / "every-frame.yaml"
    f.write_text(yaml.safe_dump({"pack": "every-frame", "event": {"nouns": ["fair"]}, "topics": topics}),
                 encoding="utf-8")
    assert len(check_pack(load_pack(str(f)))) == len(FRAMES)  # every example asks for 'x': none holds
    assert main(["validate", "--claims", str(f)]) == 2
    assert capsys.readouterr().err.endswith(f"factcheck: error: {len(FRAMES)} rule example(s) do not hold\n")


# ---------------------------------------------------------------------------------------------
# Output formats


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_offered_and_writes_the_report(name, tmp_path):
    pack = tmp_path / "tiny.yaml"
    _tiny_pack(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("The fair opened on 2 May 2024.\n", encoding="utf-8")
    out = tmp_path / f"report.{name}"
    assert main(["report", str(tmp_path / "src"), "--claims", str(pack), "--format", name, "-o", str(out),
                 "--no-cache", "--jobs", "1"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and "fair.start" in text


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_in_the_readme(name):
    row = next(ln for ln in README.splitlines() if ln.startswith("| `factcheck report"))
    assert re.search(rf"--format [^`]*\b{name}\b", row), f"README's commands table does not offer --format {name}"


# ---------------------------------------------------------------------------------------------
# The only list: no module spells out the names of a closed set but its registry (and the table
# that implements each entry under the same name, checked above).

# Entity types are left out of the value types: the gazetteer keeps a table per kind of name, and
# kinds of names are its business; frames named like a value type are left to the value types.
# what: (its names, how many of them make a list, the files where its lists belong)
_LISTS = {
    "value types": ({n for n, cs in values.VALUE_TYPES.items() if values.Entity not in cs}, 2,
                    {"values/__init__.py", "extraction/readers.py", "packs/frames.py"}),
    "frames": (set(FRAMES) - set(values.TYPES), 3, {"packs/frames.py", "extraction/extract.py"}),
    "output formats": (set(FORMATS), 2, {"outputs/__init__.py"}),
}


@pytest.mark.parametrize("what", _LISTS)
def test_no_second_list(what):
    names, enough, homes = _LISTS[what]
    found = []
    for f in sorted(PACKAGE.rglob("*.py")):
        rel = f.relative_to(PACKAGE).as_posix()
        if rel in homes:
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                strings = {n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)}
                if what == "value types" and strings & (set(FRAMES) - set(values.TYPES)):
                    continue  # a table of frames, some named like the type they give
                if len(strings & names) >= enough:
                    found.append(f"{rel}:{node.lineno}")
    assert not found, f"{what} listed outside their registry: {found}"
