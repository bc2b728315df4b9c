"""The JSON report written in pieces is the document json.dumps gives for the whole of it."""

import json
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.outputs import render
from factcheck.run.pipeline import run

FIXTURES = Path(__file__).parent / "fixtures" / "engines"


def _whole(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("with_claims", [True, False], ids=["claims", "no-claims"])
def test_pieces_join_to_the_whole_document(tmp_path, with_claims):
    if with_claims:
        paths = [str(FIXTURES / "sources")]
    else:
        (tmp_path / "quiet.txt").write_text("Nothing about any strike was said at the quay today.\n", encoding="utf-8")
        paths = [str(tmp_path / "quiet.txt")]
    result = run(paths, str(FIXTURES / "claims"))
    pieces = list(render.json_chunks(result))
    assert "".join(pieces) == _whole("".join(pieces))
    assert len(pieces) == len(result.claims) + 2  # one piece per claim, never the report as one string
    assert bool(result.claims) is with_claims
    out = tmp_path / "report.json"
    assert main(["report", *paths, "--claims", str(FIXTURES / "claims"), "--no-cache", "--format", "json",
                 "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "".join(pieces)
