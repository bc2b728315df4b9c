"""Hostile text: whatever an article or its file name holds, the report's tables keep their shape and
no markup, link, image, HTML, math or Mermaid syntax gets through."""

import re
import shutil
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.outputs import mermaid, render
from factcheck.outputs.render import code, md
from factcheck.run.pipeline import run

from paths import FIXTURES as ROOT  # the frozen event, never the live one

_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_ESCAPABLE = set("\\`*_[]|~$:.")


def decode(escaped: str) -> str:
    """What a markdown renderer shows for md()'s output (backslash escapes, the three entities)."""
    return re.sub(r"\\(.)|&(amp|lt|gt);", lambda m: m.group(1) or _ENTITIES[m.group(2)], escaped)


def clean(s: str) -> str:
    """The text md() promises to show: whitespace runs as one space, control characters replaced."""
    s = re.sub(r"\s+", " ", s)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", s)


def unescaped(escaped: str) -> str:
    """md()'s output with every escape sequence and entity removed: what is left is taken literally
    by a renderer, so it must hold no markup character."""
    return re.sub(r"\\.|&(?:amp|lt|gt);", "", escaped)


def literal_outside_code(line: str) -> str:
    """The characters of a markdown line a renderer takes literally, outside code spans, escapes and
    entities: where markup would have to hide."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
        elif line[i] == "`":
            end = line.find("`", i + 1)
            assert end > i, f"unclosed code span in {line!r}"
            i = end + 1
        elif m := re.match(r"&(?:amp|lt|gt);", line[i:]):
            i += m.end()
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


hostile_text = st.text(alphabet=st.one_of(st.sampled_from(list("|`\\<>[]()!*_~$&#:;/.@%{}-=+\"'\n\r\t wW")),
                                          st.characters()), max_size=80)


@settings(max_examples=500)
@given(hostile_text)
def test_md_shows_exactly_the_text_and_nothing_else(s):
    out = md(s)
    assert decode(out) == clean(s)
    assert "\n" not in out and "\r" not in out
    bare = unescaped(out)
    assert not set(bare) & set("\\`*_[]|~$<>&"), bare
    assert not re.search(r"[A-Za-z]://", bare)  # no bare link GitHub would make clickable
    assert not re.search(r"(?i)(?<![a-z0-9])www\.", bare)
    for m in re.finditer(r"\\(.)", out):
        assert m.group(1) in _ESCAPABLE


@settings(max_examples=300)
@given(hostile_text)
@example("##[")
def test_code_is_a_clean_code_span_or_escaped_text(s):
    out = code(s)
    if out.startswith("`"):
        inner = out[1:-1]
        assert out.endswith("`") and inner == inner.strip() and inner
        assert not set(inner) & set("`|\n\r") and "##[" not in inner  # "##[" would be a workflow command in a CI log
        assert inner == clean(s).strip()
    else:
        assert out == md(clean(s).strip())
        kept = clean(s).strip()
        assert "`" in kept or "|" in kept or "##[" in kept or not kept


@settings(max_examples=300)
@given(hostile_text)
def test_mermaid_names_hold_nothing_mermaid_reads(s):
    name = mermaid.label(s)
    assert re.fullmatch(r"[\w .,'()/+\u2013-]{1,59}\u2026?", name) and "_" not in name
    assert not set(name) & set(":;#%{}<>`\n")


def test_md_known_attacks():
    assert md("a | b") == "a \\| b"
    assert md("x\\") == "x\\\\"  # a trailing backslash cannot escape the cell's closing pipe
    assert md("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md("![i](http://e/i.png)") == "!\\[i\\](http\\://e/i.png)"
    assert md("[^1]") == "\\[^1\\]"
    assert md("&lt;b&gt;") == "&amp;lt;b&amp;gt;"
    assert md("$x^2$") == "\\$x^2\\$"
    assert md("see www.evil.example") == "see www\\.evil.example"
    assert md("a\nb\r\nc\u2028d") == "a b c d"
    assert md("\x1b[31m") == "\ufffd\\[31m"
    assert code("P4D") == "`P4D`"
    assert code("a`b") == "a\\`b"
    assert code("a|b") == "a\\|b"
    assert code("  ") == ""


def test_urls_are_links_only_when_plain_http():
    assert render._url("https://example.org/a_b?c=1&d=2") == "<https://example.org/a_b?c=1&d=2>"
    assert render._url("javascript:alert(1)") == "javascript:alert(1)"  # text: GFM links no such scheme
    assert render._url("https://e.example/>x") == "https\\://e.example/&gt;x"
    assert render._url("https://e.example/a|b") == "https\\://e.example/a\\|b"


# A file name and an article built to break a markdown report; the sentence still yields dates.
HOSTILE_ID = "666_`x`|<b>:%%;#{}[l](h)*_~$"
HOSTILE_ARTICLE = (
    "Joint drill | `tick` <img src=x onerror=alert(1)>\n\n"
    "The Aras 2025 military exercise between Iran and Azerbaijan took place on 19-21 May 2025 | ``` "
    "<script>alert(1)</script> [click](http://evil.example) ![i](http://evil.example/i.png) $x$ "
    "https://evil.example www.evil.example %%{init: {}}%% \\| *b* _i_ ~~s~~ &lt;b&gt;.\n"
    "```mermaid\ngraph TD; A-->B\n```\n"
)
HOSTILE_META = (
    f"'{HOSTILE_ID}':\n"
    "  outlet: '[Outlet](http://evil.example) | <b>bold</b> `x`'\n"
    "  url: 'javascript:alert(1)'\n"
    "  published: 2025-05-20\n"
)


def _cells(row: str) -> int:
    """Cells in a table row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) - 1


def test_hostile_article_cannot_break_the_report(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / f"{HOSTILE_ID}.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    with open(tmp_path / "seeds/sources.yaml", "a", encoding="utf-8") as f:
        f.write(HOSTILE_META)
    result = run([str(tmp_path / "seeds")], str(ROOT / "claims"))
    assert HOSTILE_ID in [r.source.id for r in result.sources]
    assert any(c.source == HOSTILE_ID for c in result.claims), "the hostile sentence must reach the report"
    report = render.markdown(result, str(tmp_path))
    lines = report.splitlines()

    # Tables keep their shape: every row has as many cells as its header.
    width = None
    for ln in lines:
        if not ln.startswith("|"):
            width = None
            continue
        if width is None:
            width = _cells(ln)
        assert _cells(ln) == width, ln

    # Fences: only the report's own Mermaid block, and it holds only what the report writes.
    fences = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("```")]
    assert [lines[i] for i in fences] == ["```mermaid", "```"]
    chart = lines[fences[0] + 1:fences[1]]
    name = r"[\w .,'()/+\u2013-]{1,59}\u2026?"
    date = r"\d{4}-\d\d-\d\d"
    allowed = re.compile(rf"---|config:|  gantt:|    leftPadding: \d+|    tickInterval 1(?:day|week)|"
                         rf"gantt|    title {name}|    dateFormat YYYY-MM-DD|    axisFormat %d %b|    section {name}|"
                         rf"    \u25b8 {name} : {date}, \d+d|    \u25b8 {name} : milestone, {date}, 0d")
    for ln in chart:
        assert allowed.fullmatch(ln), ln
    assert "    section Outlet" in chart  # the hostile source, by the start of its outlet's name

    # Outside code spans, nothing is left that a renderer reads as markup.
    for ln in lines[:fences[0]] + lines[fences[1] + 1:]:
        text = re.sub(r"^\| \[[a-z0-9_.\\]+\]\(#[a-z0-9_-]+\) \|", "|", ln)  # the summary's own topic links
        text = re.sub(r"<br>|<https?://[^\s<>|`\\]+>", "", text)  # its line breaks and plain-http links
        text = re.sub(r"\[line \d+\]\([\w%/.~-]+#L\d+\)", "", text)  # its links to evidence lines
        text = re.sub(r"(?<!\\)\[((?:[^\]\\]|\\.)+)\]\([\w%/.~-]+\)", r"\1", text)  # and to source files
        text = re.sub(r"\*\*(?=\S)|(?<=\S)\*\*", "", text)  # its bold marks
        bare = literal_outside_code(text)
        assert not set(bare) & set("<>[]`$~"), ln
        assert not re.search(r"[A-Za-z]://|(?i:(?<![a-z0-9])www\.)", bare), ln

    # The words are all there, shown as text.
    evidence = next(ln for ln in lines if ln.startswith("| Mon 19 May 2025 (`2025-05-19`) |") and "666" in ln)
    assert decode(evidence).count("<script>alert(1)</script> [click](http://evil.example)") == 1
    sources_row = next(ln for ln in lines if "666" in ln and ln.startswith("| \\[Outlet\\](http"))
    assert "<https://" not in sources_row and "| javascript:alert(1) |" in sources_row
