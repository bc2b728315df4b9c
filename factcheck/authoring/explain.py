"""Explain what the rules did with one source: the tool a pack author needs.

For each sentence that touched a topic: the cues that bind mentions to an event, which rule fired
on what and how its value was normalized and resolved, and for the mentions a rule could have taken
but did not, the facts that decided it (what governs the mention, which triggers are how near).
"""

from __future__ import annotations

from ..extraction import extract as ex
from ..ingest import segment
from ..errors import shown
from ..language import asof, lang
from ..comparison.compare import most_specific
from ..packs.pack import Pack, Topic
from ..run.pipeline import analyse_source
from ..ingest.sources import Source
from ..extraction.readers import READERS
from ..extraction.tag import Tagged


def _no_cue(t: Tagged) -> str:
    """Why no event phrase governs a mention; for an opening pronoun, why it was not read as the event."""
    head = t.subject_start
    if t.inherit and head < len(t.words) and t.words[head] in ("it", "they"):
        return (f"no event noun governs it; {t.raw[t.tokens[head][0]:t.tokens[head][1]]!r} is not read as the event "
                "the paragraph named: its verb is not the pack's verbs, a start, end or holding verb, or a rule's trigger")
    return "no event noun governs it"


def _facts(t: Tagged, topic: Topic, start: int, end: int) -> str:
    cue = t.governing(start, end)
    carried = t.carried if cue is None and topic.type == "number" else None
    facts = [f"belongs to {repr(t.raw[cue.start:cue.end])} ({cue.subject})" if cue else
             f"the sentence names no event and carries on the paragraph's ({carried})" if carried else
             "the sentence names no event (subject 'any' reads it all the same)" if topic.subject == "any" else _no_cue(t)]
    if topic.subject != "any" and (cue.subject if cue else carried) != topic.subject:
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


def _why(t: Tagged, topic: Topic, start: int, end: int) -> str:
    """Why nothing bound a mention although the topic's triggers occur in the sentence: another
    event, scope, too far, superseded, or a closer trigger."""
    from ..language import numbers

    cue = t.governing(start, end)
    carried = cue is None and topic.type == "number" and t.carried is not None  # counts carry on the paragraph's event
    subject = cue.subject if cue else (t.carried if carried else None)
    if topic.subject == "any" and subject in ("other", "previous") or topic.subject not in ("any", subject):
        need = ("subject 'any' still keeps out other and earlier events" if topic.subject == "any"
                else f"the topic needs subject '{topic.subject}'")
        if carried:
            return (f"other event: the sentence names no event and carries on the one the paragraph named last "
                    f"({subject}); {need}")
        if cue is None:  # no other event either: the sentence states the figure without naming one
            return (f"no event named: {_no_cue(t)}; the topic needs subject '{topic.subject}' "
                    "(subject 'any' takes what a sentence states without naming the event)")
        return f"other event: belongs to {t.raw[cue.start:cue.end]!r} ({subject}); {need}"
    if topic.type == "number" and (numbers.not_a_total(t.text, start, end) or numbers.increment(t.text, start, end)):
        return "superseded or not a total (set aside, corrected, a part, an increment, money, an age, a time or a measure)"
    reasons = []
    for rule in topic.rules:
        if not rule.triggers:
            continue
        near = t.nearest(rule.triggers, start, end)
        if near is None:
            reasons.append(f"scope: rule {rule.id}'s triggers are in another clause")
        elif near > rule.window:
            reasons.append(f"too far: rule {rule.id}'s nearest trigger is {near} words away (window {rule.window})")
        else:
            reasons.append(f"rule {rule.id}: a trigger is {near} words away, but another reading wins "
                           "(a closer trigger of another topic, a date or number between, or the frame's grammar)")
    return "; ".join(reasons) or "no trigger of the topic reaches it"


def _unbound(t: Tagged, topic: Topic) -> list[str]:
    """Lines for a sentence where a topic's triggers and a mention of its type occur, but nothing bound."""
    triggers = [w for r in topic.rules for w in r.triggers]
    if not triggers or not t.find_phrases(triggers):
        return []
    return [f"  {topic.id}: nothing bound {label} {t.raw[a:b]!r}: {_why(t, topic, a, b)}"
            for a, b, label in READERS[topic.type].mentions(t)]


def _dropped_patterns(t: Tagged, topic: Topic, taken: set[int]) -> list[str]:
    """A pattern that matched but was dropped because no event noun governs its value."""
    out = []
    for rule in topic.rules:
        if rule.frame != "pattern":
            continue
        for m in rule.pattern.finditer(t.text, timeout=ex.PATTERN_SECONDS):
            a, b = m.span("value")
            if a >= 0 and a not in taken and not ex._subject_ok(t, topic, a, b):
                cue = t.governing(a, b)
                why = f"it belongs to {t.raw[cue.start:cue.end]!r} ({cue.subject})" if cue else \
                    "no event noun in the sentence governs it"
                out.append(f"  {topic.id}: rule {rule.id}: pattern matched {t.raw[a:b]!r} but it was dropped: {why}; "
                           f"the topic's subject is '{topic.subject}' (subject: any takes it from any sentence)")
    return out


def explain(src: Source, packs: list[Pack], topic_filter: str | None = None) -> str:
    result = analyse_source(src, packs)
    final = {}  # the values the report shows for this source, per topic
    for pack in packs:
        for tid in pack.topics:
            kept = most_specific([c for c in result.claims if c.topic == tid], pack.gazetteer)
            final[tid] = {str(c.value) for c in kept}
    resolved = {(c.topic, c.start): c for c in result.claims}
    lines = [f"source {src.id} · reference date {result.reference} ({result.reference.how})"]
    sentences = segment.split(src)
    inherited = {(pack.path, s.start): inherit for pack in packs for s, inherit, _ in ex.referents(src.text, sentences, pack)}
    for s in sentences:
        for pack in packs:
            t = Tagged(s, pack, inherited[(pack.path, s.start)])
            fired = ex.extract_sentence(t, pack)
            block, missed = [], []
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
                        note += f" as of {asof.label(claim.as_of, claim.as_of_part, claim.as_of_progress)} ({claim.as_of_how})"
                    refined = claim and str(claim.value) not in final[topic.id]
                    drop = " (not reported: the source gives a more specific value)" if refined else ""
                    block.append(f"  {topic.id}: rule {rule.id} took {s.text[c.start:c.end]!r} → {value}{note}{drop}")
                block += _dropped_patterns(t, topic, taken)
                if not taken:
                    missed += _unbound(t, topic)
                for a, b, label in READERS[topic.type].mentions(t):
                    if a not in taken:
                        block.append(f"  {topic.id}: no rule took {label} {t.raw[a:b]!r}: {_facts(t, topic, a, b)}")
            if not any(": rule " in ln for ln in block) and missed:
                block = missed  # nothing fired: say where a topic's triggers met a mention and why nothing bound
            if any(": rule " in ln or ": nothing bound " in ln for ln in block) or (topic_filter and block):
                cues = ", ".join(f"{t.raw[c.start:c.end]!r}→{c.subject}" + (" (the event the paragraph named last)"
                                 if c.inherited else "") for c in t.cues) or "none"
                lines += ["", f"line {s.line}: {s.text}", f"  cues: {cues}"] + block
    # Source text and names are untrusted: every line starts with words of ours, and what is not
    # printable (or reads as a CI command) is shown escaped.
    return "\n".join(map(shown, lines)) + "\n"
