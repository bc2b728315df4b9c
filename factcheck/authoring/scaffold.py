"""`factcheck init [DIR]`: an event repository whose gate passes as written.

It holds an example source and its facts, a commented starter pack that validates, an empty
baseline, a workflow that runs the gate through the reusable Action, a pre-commit hook, a
factcheck.toml naming the folders, and a README with the next steps. The committed report is
written by the caller, from these files, so `factcheck check` passes at once.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FactcheckError

STARTER = """\
# Event pack: {name}. Format: docs/packs.md in factcheck. Check it with: factcheck validate --claims {path}
# Everything specific to this event goes here; how news writes dates, places, counts and ranks is
# already known to factcheck. Replace the examples with sentences the way outlets would write them.
pack: {name}
title: {title}

event:
  # Nouns the articles use for the event. "the summit", "this meeting" will refer to it.
  nouns: [summit, meeting, talks]
  # The event's own names and their other spellings (optional).
  names:
    {title}: []
  # Places that take part; a "summit with X" for another X is a different event (optional).
  participants: []
  # Two date topics drawn as a timeline in the report (optional).
  timeline: {{start: event.start, end: event.end}}
  # The event's time zone, an IANA name: what "local time" means for clock times (optional).
  # timezone: Europe/Zurich

# Known places; `in` says what contains what, so a district refines its region.
places:
  Switzerland: {{kind: country}}
  Geneva: {{kind: city, in: Switzerland, aliases: [Genf, Geneve]}}

# Known people and their spellings (optional).
people: {{}}

topics:
  event.start:
    type: date
    description: The day the event began.
    rules:
      - id: start.verb
        frame: start
        examples:
          - text: The summit opened on Monday in Geneva, organisers said.
            value: 2025-06-02
            reference: 2025-06-03
        not:
          - Preparatory talks between the delegations began on Friday.
  event.end:
    type: date
    description: The day the event ended.
    rules:
      - id: end.verb
        frame: end
        examples:
          - text: The summit will run until Wednesday.
            value: 2025-06-04
            reference: 2025-06-02
        not:
          - The summit opened on Monday.
  event.duration:
    type: duration
    description: How long the event lasted; derived from its start and end when not stated.
    derive: {{start: event.start, end: event.end}}
    rules:
      - id: duration.stated
        frame: duration
        examples:
          - text: The three-day summit drew forty delegations.
            value: P3D
        not:
          - A 64-year-old delegate fell ill on the first day.
  event.location:
    type: place
    description: Where the event took place.
    rules:
      - id: location.in
        frame: location
        examples:
          - text: The summit is being held in Geneva this week.
            value: Geneva
        not:
          - Delegates flew in from Paris before the summit.
  # A clock time is a `time` topic (frame: time); a measure with a unit is a `quantity` topic with
  # `unit: km` (or mile, km/h, %, magnitude...) and frame: measure. See docs/packs.md.
"""


def starter(name: str, path: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise FactcheckError(f"pack name '{name}' must be lower-case letters, digits and hyphens, e.g. port-strike-2025")
    title = name.replace("-", " ").capitalize()
    return STARTER.format(name=name, title=title, path=path)


def slug(name: str) -> str:
    """A pack id from a folder name: 'Port Strike 2025' -> 'port-strike-2025'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "event"


# The reusable Action (action.yml at the root of factcheck's repository) and the ref the workflow pins.
# OWNER is the account that hosts factcheck's repository; `init --action` names another.
REPOSITORY = "OWNER/factcheck"
ACTION = f"{REPOSITORY}@v0.2.0"

EXAMPLE_SOURCE = """\
Water ministers open three-day summit in Geneva

GENEVA, 2 June 2025 - The water summit opened on Monday in Geneva, bringing delegations from
forty countries to talks on shared rivers, organisers said.

The summit will run until Wednesday. Ministers hope to sign a joint statement on drought relief
before it closes.
"""

SOURCES_YAML = """\
# Facts about each source, keyed by its file name without the suffix. `published` (YYYY-MM-DD or
# YYYY-MM) anchors relative dates such as "on Monday"; outlet and url are shown in the report.
example-wire:
  outlet: Example Wire
  url: https://example.org/water-summit-opens
  published: 2025-06-02
"""

BASELINE = """\
# Conflicts accepted after review. `factcheck check` fails on a conflict that is not listed here.
# Add one with: factcheck accept TOPIC --reason "why it is accepted"
accepted: []
"""

SOURCES, CLAIMS, REPORT = "sources", "claims", "reports/discrepancies.md"
CONFIG = f"""\
# factcheck settings for this repository; paths are relative to this file.
sources = "{SOURCES}"
claims = "{CLAIMS}"
report = "{REPORT}"
"""

WORKFLOW = """\
# The factcheck gate on every pull request that touches the sources, the pack or the report: it fails
# on a conflict nobody accepted in claims/accepted.yaml, or when reports/discrepancies.md is stale.
# Annotations go on the lines of the sources the pull request adds or changes.
name: factcheck

on:
  pull_request:
    paths: ["sources/**", "claims/**", "reports/**", "factcheck.toml", ".github/workflows/factcheck.yml"]
  push:
    branches: [main]
    paths: ["sources/**", "claims/**", "reports/**", "factcheck.toml", ".github/workflows/factcheck.yml"]
  workflow_dispatch:

permissions:
  contents: read

jobs:
  gate:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the pull request's base, to annotate only what it changes
      - uses: {action}
"""

PRE_COMMIT = """\
# pre-commit install   (then every commit that touches the sources, the pack or the report runs the gate)
repos:
  - repo: local
    hooks:
      - id: factcheck
        name: factcheck gate
        entry: factcheck check
        language: system
        files: ^(sources|claims|reports)/|^factcheck\\.toml$
        pass_filenames: false
        require_serial: true
"""

README = """\
# {title}

Sources about one event, checked for where they disagree by
[factcheck](https://github.com/{repository}). `reports/discrepancies.md` is the
discrepancy report; the `factcheck` workflow fails a pull request that brings a conflict nobody
has accepted yet.

## Next steps

1. **Add your sources.** Put each article in `sources/` as UTF-8 text and its outlet, url and
   publication date in `sources/sources.yaml`; delete the example (`sources/example-wire.txt` and
   its entry).
2. **Describe your event.** Edit `claims/pack.yaml`: the event's nouns, places, people and the
   topics to compare, each rule with an example sentence and a look-alike. Check it with
   `factcheck validate`; `factcheck explain sources/FILE.txt` shows what each rule took.
3. **Run the gate and commit.** `factcheck report` writes the report, `factcheck check` is the gate
   (`factcheck accept TOPIC --reason "..."` accepts a conflict after review). Commit everything; the
   workflow runs the same gate on every pull request, and `pre-commit install` runs it before each
   commit.
"""


def files(name: str, action: str = ACTION) -> dict[str, str]:
    """The scaffold's files by path (forward slashes), the report excepted."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise FactcheckError(f"pack name '{name}' must be lower-case letters, digits and hyphens, e.g. port-strike-2025")
    title = name.replace("-", " ").capitalize()
    return {
        "factcheck.toml": CONFIG,
        "sources/example-wire.txt": EXAMPLE_SOURCE,
        "sources/sources.yaml": SOURCES_YAML,
        "claims/pack.yaml": starter(name, "claims/pack.yaml"),
        "claims/accepted.yaml": BASELINE,
        ".github/workflows/factcheck.yml": WORKFLOW.format(action=action),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".gitignore": ".factcheck-cache/\n",
        "README.md": README.format(title=title, repository=REPOSITORY),
    }


def existing(root: Path, paths) -> list[str]:
    """The paths among these that already exist under root, sorted."""
    return sorted(p for p in paths if (root / p).exists())
