"""The JSON report is written in pieces (a source, claim, reprint or finding at a time) and must be
the very document json.dumps gives for the whole of it: the committed golden file byte for byte,
whether the sources were extracted or read from the cache."""

import json
import shutil

import jsonschema
import pytest

from factcheck.cli import main
from factcheck.files import TEMP_SUFFIX, write_atomic
from factcheck.outputs import render
from factcheck.run.pipeline import run
from paths import FIXTURES, REPO

FIXTURE = FIXTURES / "tram-strike"
SCHEMA = json.loads((REPO / "factcheck" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def _whole(text: str) -> str:
    """The document as one json.dumps call writes it (made safe for CI logs as the report is)."""
    return render._json_safe(json.dumps(json.loads(text), ensure_ascii=False, indent=2)) + "\n"


@pytest.fixture
def event(tmp_path, monkeypatch):
    """The fixture event copied to a folder of its own, run from there as from a repository root."""
    shutil.copytree(FIXTURE, tmp_path / "event")
    monkeypatch.chdir(tmp_path / "event")
    return tmp_path / "event"


def test_pieces_join_to_the_whole_document(event):
    result = run(["sources"], "pack.yaml")
    pieces = list(render.json_pieces(result))
    text = "".join(pieces)
    assert text == _whole(text)
    assert text == (FIXTURE / "expected.json").read_text(encoding="utf-8")
    # never the report as one piece: at least one per source and one per claim
    assert len(result.claims) > 0 and len(pieces) > len(result.sources) + len(result.claims)
    jsonschema.validate(json.loads(text), SCHEMA)


def test_a_run_without_claims_writes_empty_lists_as_json_dumps_does(event):
    (event / "quiet").mkdir()
    (event / "quiet" / "a.txt").write_text("Nothing about the trams was said at the depot today.\n", encoding="utf-8")
    text = "".join(render.json_pieces(run(["quiet"], "pack.yaml")))
    assert text == _whole(text)
    data = json.loads(text)
    assert data["claims"] == [] and data["reprints"] == [] and len(data["sources"]) == 1
    assert '\n  "claims": [],\n' in text and '\n  "reprints": [],\n' in text
    jsonschema.validate(data, SCHEMA)


def test_the_command_writes_the_golden_file_fresh_and_from_its_cache(event):
    golden = (FIXTURE / "expected.json").read_bytes()
    args = ["report", "sources", "--claims", "pack.yaml", "--format", "json", "--jobs", "1"]
    assert main([*args, "-o", "fresh.json"]) == 0
    assert list((event / ".factcheck-cache").glob("entries-*.sqlite3"))  # the first run filled the cache
    assert main([*args, "-o", "cached.json"]) == 0
    assert (event / "fresh.json").read_bytes() == golden
    assert (event / "cached.json").read_bytes() == golden


def test_a_failure_while_writing_pieces_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("the old report\n", encoding="utf-8")

    def pieces():
        yield "{\n"
        yield '  "schema_version": 1,\n'
        raise RuntimeError("a finding could not be written")

    with pytest.raises(RuntimeError):
        write_atomic(str(target), pieces())
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
