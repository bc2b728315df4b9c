"""Default paths belong to the project, not to the working directory: from any directory inside a
project (the nearest one up that holds claims/) the defaults are the project's."""

import json

from factcheck.cli import main, project_root

PACK = """\
pack: harbour-fair-2024
event: {nouns: [fair]}
topics:
  fair.start:
    type: date
    rules:
      - id: start.opened
        frame: start
        triggers: [opened]
        examples: [{text: The fair opened on 8 June 2024., value: 2024-06-08}]
        not: [The bakery opened on 8 June 2024.]
"""


def _project(tmp_path):
    root = tmp_path / "fair"
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "fair.yaml").write_text(PACK, encoding="utf-8")
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("The harbour fair opened on 8 June 2024.\n", encoding="utf-8")
    return root


def test_the_root_is_the_nearest_directory_up_with_claims(tmp_path):
    root = _project(tmp_path)
    assert project_root(root / "seeds" / "notes") == root
    assert project_root(root) == root
    assert project_root(tmp_path) == tmp_path  # no project above: the directory itself


def test_a_report_from_a_subdirectory_reads_and_writes_the_projects_defaults(tmp_path, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.chdir(root / "seeds" / "notes")
    assert main(["report", "--no-cache"]) == 0
    report = (root / "reports" / "discrepancies.md").read_text(encoding="utf-8")
    assert "2024-06-08" in report and not (root / "seeds" / "notes" / "reports").exists()


def test_source_paths_stay_relative_to_the_working_directory(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    monkeypatch.chdir(root / "seeds")
    assert main(["report", "--no-cache", "--format", "json"]) == 0
    (source,) = json.loads(capsys.readouterr().out)["sources"]
    assert source["path"] == "a.txt"


def test_outside_any_project_the_defaults_are_in_the_working_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert capsys.readouterr().err == "factcheck: error: claims: no such file or directory\n"
