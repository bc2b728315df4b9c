"""Explain what the rules did with one source: the tool a pack author needs.

For each sentence that touched a topic: the cues that bind mentions to an event, which rule fired
on what and how its value was normalized and resolved, and for the mentions a rule could have taken
but did not, the facts that decided it (what governs the mention, which triggers are how near).
"""

from __future__ import annotations

from ..extraction import extract as ex
from ..ingest import segment
from ..errors import shown
from ..language import asof, clock, lang, units
from ..comparison.compare import most_specific
from ..packs.pack import Pack, Topic
from ..run.pipeline import analyse_source
from ..ingest.sources import Source
from ..extraction.tag import Tagged

_TYPES_OF_MENTION = {"date": "timex", "place": "place", "person": "person", "name": "name", "rank": "rank",
                     "duration": "duration", "number": "number"}


def _mentions(t: Tagged, vtype: str):
    """(start, end, label) of what a topic of this type could be read from."""
    if vtype == "date":
        return [(x.start, x.end, "date") for x in t.timexes if x.kind in ("date", "range")]
    if vtype == "duration":
        return [(x.start, x.end, "duration") for x in t.timexes if x.kind == "duration"]
    if vtype == "number":
        from ..language.numbers import find

        return [(a, b, "count") for a, b, _ in find(t.text)]
    if vtype == "time":
        return [(c.start, c.end, "clock time") for c in clock.find(t.text)]
    if vtype == "quantity":
        return [(m.start, m.end, "measure") for m in units.find(t.text)]
    kind = {"place": "place", "person": "person", "rank": "rank", "name": "name"}[vtype]
    return [(e.start, e.end, kind) for e in t.entities if e.kind == kind]


def _facts(t: Tagged, topic: Topic, start: int, end: int) -> str:
    cue = t.governing(start, end)
    facts = [f"belongs to {repr(t.raw[cue.start:cue.end])} ({cue.subject})" if cue else "no event noun governs it"]
    if topic.subject != "any" and (cue is None or cue.subject != topic.subject):
        facts.append(f"the topic needs subject '{topic.subject}'")
    if topic.type == "date":
        x = next(x for x in t.timexes if x.start == start)
        ds = ex._reach(t, x, ex.START, 60)
        de = ex._reach(t, x, ex.END, 60)
        facts.append(f"word before: '{ex._word_before(t, start)}'")
        facts.append(f"nearest start verb {ds if ds is not None else '-'} words away, "
                     f"end verb {de if de is not None else '-'}")
    if topic.type == "place":
        p = ex._preposition(t, next(e for e in t.entities if e.start == start), lang.LOCATIVE + lang.CROSSING_PREPS)
        facts.append(f"preposition: '{t.words[p]}'" if p is not None else "no preposition governs it")
    return "; ".join(facts)


def explain(src: Source, packs: list[Pack], topic_filter: str | None = None) -> str:
    result = analyse_source(src, packs)
    final = {}  # the values the report shows for this source, per topic
    for pack in packs:
        for tid in pack.topics:
            kept = most_specific([c for c in result.claims if c.topic == tid], pack.gazetteer)
            final[tid] = {str(c.value) for c in kept}
    resolved = {(c.topic, c.start): c for c in result.claims}
    lines = [f"source {src.id} · reference date {result.reference} ({result.reference.how})"]
    for s in segment.split(src):
        for pack in packs:
            t = Tagged(s, pack)
            fired = ex.extract_sentence(t, pack)
            block = []
            for topic in pack.topics.values():
                if topic_filter and topic.id != topic_filter:
                    continue
                taken = set()
                for tp, rule, c in fired:
                    if tp.id != topic.id:
                        continue
                    taken.add(c.start)
                    claim = resolved.get((topic.id, s.start + c.start))
                    value = str(claim.value) if claim else f"{c.value} (dropped: nothing left once resolved)"
                    note = f" [{claim.note}]" if claim and claim.note else ""
                    if claim and claim.according_to:
                        note += f" according to {claim.according_to}"
                    if claim and claim.as_of is not None:
                        note += f" as of {asof.label(claim.as_of, claim.as_of_part)} ({claim.as_of_how})"
                    refined = claim and str(claim.value) not in final[topic.id]
                    drop = " (not reported: the source gives a more specific value)" if refined else ""
                    block.append(f"  {topic.id}: rule {rule.id} took {s.text[c.start:c.end]!r} → {value}{note}{drop}")
                for a, b, label in _mentions(t, topic.type):
                    if a not in taken:
                        block.append(f"  {topic.id}: no rule took {label} {t.raw[a:b]!r}: {_facts(t, topic, a, b)}")
            if any(": rule " in ln for ln in block) or (topic_filter and block):
                cues = ", ".join(f"{t.raw[c.start:c.end]!r}→{c.subject}" for c in t.cues) or "none"
                lines += ["", f"line {s.line}: {s.text}", f"  cues: {cues}"] + block
    # Source text and names are untrusted: every line starts with words of ours, and what is not
    # printable (or reads as a CI command) is shown escaped.
    return "\n".join(map(shown, lines)) + "\n"
