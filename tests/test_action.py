"""The reusable Action (action.yml) and the workflow `init` writes: the gate runs through the
Action, the Action installs factcheck from its own checkout and runs check, SARIF only when asked."""

import yaml

from paths import REPO


def _action():
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_the_action_is_composite_and_runs_the_gate_from_its_own_ref():
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = [s.get("run", "") for s in steps]
    install = next(r for r in runs if "pip install" in r)
    assert "$GITHUB_ACTION_PATH" in install  # this repository at the ref the workflow pinned
    gate = next(s for s in steps if s.get("name") == "factcheck check")
    assert gate["run"].startswith("factcheck check") and "if" not in gate  # always runs, its exit code decides
    assert "pytest" not in (REPO / "action.yml").read_text(encoding="utf-8")


def test_sarif_is_written_and_uploaded_only_when_asked():
    action = _action()
    assert action["inputs"]["sarif"]["default"] == "false"
    steps = action["runs"]["steps"]
    write = next(s for s in steps if "--format sarif" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert "--exit-zero" in write["run"]  # the SARIF step never decides the verdict
    assert write["if"] == "inputs.sarif == 'true'" and "inputs.sarif == 'true'" in upload["if"]
    assert steps.index(write) < steps.index(upload)


def test_the_scaffolded_workflow_uses_the_action_with_the_history_it_needs():
    from factcheck.authoring.scaffold import ACTION, files

    workflow = yaml.safe_load(files("port-strike-2025")[".github/workflows/factcheck.yml"])
    steps = workflow["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # --since compares with the pull request's base
    assert any(s.get("uses") == ACTION for s in steps)
