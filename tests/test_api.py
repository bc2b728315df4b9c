"""factcheck.api, as docs/api.md shows it, on the fixture event."""

import json
from importlib.resources import files

import pytest

from factcheck import api
from factcheck.cli import main


def test_run_gives_typed_findings_with_evidence():
    result = api.run(["seeds"], "claims")
    conflicts = [f for f in result.findings if f.status == "conflict"]
    assert conflicts and all(f.status in api.STATUSES for f in result.findings)
    claim = conflicts[0].values[0].claims[0]
    ev = api.evidence(claim, result)
    assert isinstance(ev, api.Evidence) and ev.path.startswith("seeds/") and ev.path.endswith(".txt")
    text = open(ev.path, encoding="utf-8").read()
    assert text[ev.start:ev.end] == ev.text  # the span is true to the file
    assert ev.text in ev.sentence


def test_check_is_the_gate_verdict():
    outcome = api.check(api.run(["seeds"], "claims"), "claims/accepted.yaml", "reports/discrepancies.md")
    assert not outcome.failed and outcome.report_state == "current" and not outcome.new


def test_the_cli_report_is_the_api_result_rendered(tmp_path):
    from factcheck.outputs.render import as_json

    out = tmp_path / "r.json"
    assert main(["report", "--format", "json", "--no-cache", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == as_json(api.run(["seeds"], "claims"))


def test_errors_carry_the_file():
    with pytest.raises(api.SourceError) as e:
        api.run(["no-such-dir"], "claims")
    assert e.value.path == "no-such-dir"


def test_schemas_ship_with_the_package():
    for name in ("report", "check"):
        schema = json.loads(files("factcheck").joinpath(f"schemas/{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["properties"]["schema_version"] == {"const": 1}
