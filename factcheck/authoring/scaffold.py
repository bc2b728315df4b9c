"""`factcheck init NAME`: a commented starter pack that validates as written."""

from __future__ import annotations

import re

from ..errors import FactcheckError

STARTER = """\
# Event pack: {name}. Format: docs/packs.md. Check it with: factcheck validate --claims {path}
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
