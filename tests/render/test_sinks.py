"""The rule of each kind of sink, value by value (the corpus run is tests/test_output_safety.py)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relrot.render import sinks


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Jane Doe, ünïcode & <b>", "Jane Doe, ünïcode & <b>"),
        ("x\r::error::y", "x\\r::error::y"),
        ("a\nb\r\nc\td", "a\\nb\\r\\nc\\td"),
        ("\x1b[2J\x1b]0;t\x07\x7f\x9b", "\\x1b[2J\\x1b]0;t\\x07\\x7f\\x9b"),
        (
            "abc\u202edef\u200b\ufeff\u061c\u2066\u2028",
            "abc\\u202edef\\u200b\\ufeff\\u061c\\u2066\\u2028",
        ),
        ("half \udcff", "half \\udcff"),
    ],
)
def test_a_terminal_shows_hidden_characters_escaped(text: str, shown: str) -> None:
    assert sinks.visible(text) == shown


def test_a_caller_may_keep_the_line_breaks_it_escapes_its_own_way() -> None:
    assert sinks.visible("a\r\nb\x1b", keep="\r\n") == "a\r\nb\\x1b"


def test_no_hidden_character_is_printable() -> None:
    # `visible` shows printable text as it is, without looking for hidden characters.
    every = "".join(map(chr, range(0x110000)))
    found = sinks.hidden().findall(every)
    assert len(found) > 2000
    assert [c for c in found if c.isprintable()] == []


@given(st.text())
def test_text_is_shown_as_it_is_when_nothing_in_it_is_hidden(text: str) -> None:
    assert (sinks.visible(text) == text) == (sinks.hidden().search(text) is None)


@given(st.text())
def test_what_a_terminal_shows_is_shown_again_unchanged(text: str) -> None:
    shown = sinks.visible(text)
    assert sinks.hidden().search(shown) is None
    assert sinks.visible(shown) == shown


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Jane Doe", "Jane Doe"),
        ("Bob_Ross <b>|</b> & `x`", "Bob\\_Ross \\<b\\>\\|\\</b\\> \\& \\`x\\`"),
        ("@torvalds @acme/everyone", "@<!-- -->torvalds @<!-- -->acme/everyone"),
        ("see #1", "see #<!-- -->1"),
        ("https://evil.example", "https:<!-- -->//evil.example"),
        ("go www.evil.example", "go www<!-- -->.evil.example"),
        ("lowww.x", "lowww.x"),
        ("a\n- [x] done\r\n# Hijacked", "a - \\[x\\] done #<!-- --> Hijacked"),
        ("x\u202e", "x\\\\u202e"),
        ("Jane](https://evil.example)", "Jane\\](https:<!-- -->//evil.example)"),
    ],
)
def test_markdown_neither_mentions_links_nor_breaks_a_line(text: str, written: str) -> None:
    assert sinks.markdown(text) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [("- x", "\\- x"), ("+1", "\\+1"), ("12. x", "12\\. x"), ("  = x", "  \\= x"), ("x", "x")],
)
def test_markdown_at_a_line_start_opens_no_block(text: str, written: str) -> None:
    assert sinks.markdown(text, line_start=True) == written


@pytest.mark.parametrize(
    ("text", "span"),
    [("main", "`main`"), ("a`b", "``a`b``"), ("`x", "`` `x ``"), ("a\nb", "`a b`")],
)
def test_a_code_span_is_fenced_by_more_backticks_than_it_holds(text: str, span: str) -> None:
    assert sinks.markdown_code(text) == span


def test_a_link_address_is_percent_encoded() -> None:
    assert sinks.markdown_url("a b)](x) @y\n") == "a%20b%29%5D%28x%29%20%40y%20"


ORDINARY = ["26.1.0", "", "Jane Doe", "a, b", 'say "hi"', "x=1", None, 3]


def test_ordinary_csv_rows_are_what_the_csv_module_writes() -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(ORDINARY)
    assert sinks.csv_row(ORDINARY) == out.getvalue()


def test_a_line_break_stays_inside_its_quoted_cell_and_each_line_is_guarded() -> None:
    row = sinks.csv_row(["1", "x\r=cmd|' /C calc'!A0\n@SUM(1)", "\x1b[5m\u202e"])
    assert row == "1,\"x\r'=cmd|' /C calc'!A0\n'@SUM(1)\",\\x1b[5m\\u202e\n"
    assert list(csv.reader(io.StringIO(row, newline=""))) == [
        ["1", "x\r'=cmd|' /C calc'!A0\n'@SUM(1)", "\\x1b[5m\\u202e"]
    ]


def test_calendar_text_has_newlines_only() -> None:
    assert sinks.ics_text("a\rb\r\nc\nd\u202e") == "a\nb\nc\nd\\u202e"


def test_mermaid_labels_and_gantt_names_stay_on_one_line() -> None:
    assert sinks.mermaid_label('a\n"b"|<c>`#') == "a\\n#34;b#34;#124;#60;c#62;#96;#35;"
    assert sinks.gantt_text("a: b\n#c;") == "a  b\\n c "


def test_html_shows_hidden_characters_escaped() -> None:
    assert sinks.html_text('<img src="x">\u202e') == "&lt;img src=&quot;x&quot;&gt;\\u202e"


def test_visible_escapes_every_control_format_and_separator_character() -> None:
    hidden = [
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
    ]

    for char in hidden:
        shown = sinks.visible(char)
        assert shown.startswith("\\"), repr(char)
        assert shown.isascii(), repr(char)
        assert shown.isprintable(), repr(char)
    assert sinks.visible("\x1b[5m\u202eab\u200b\r\n\ud800\U000e0041") == (
        "\\x1b[5m\\u202eab\\u200b\\r\\n\\ud800\\U000e0041"
    )


def test_visible_leaves_text_people_write_as_it_is() -> None:
    text = "Release 26.1.x — Ünïcödé, 日本語, emoji 🚀, [/bold] [link=x] `code` \\x1b"

    assert sinks.visible(text) == text


@pytest.mark.parametrize("text", ["GH-1 fix", "see gh-22"])
def test_markdown_keeps_a_gh_number_from_linking_an_issue(text: str) -> None:
    assert re.search(r"(?i)\bgh-\d", sinks.markdown(text)) is None
    assert "-" in sinks.markdown(text)


def test_markdown_html_uses_entities_which_raw_html_cannot_ignore() -> None:
    assert sinks.markdown_html("</summary><img src=y> @x [a](b)") == (
        "&#60;/summary&#62;&#60;img src=y&#62; @<!-- -->x &#91;a&#93;(b)"
    )


def test_markdown_comment_cannot_end_the_comment() -> None:
    assert sinks.markdown_comment("a --> b --!> c") == "a --&gt; b --!&gt; c"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Ana Lima", "Ana Lima"),
        ("<!channel> <!here|here> <@U1>", "&lt;!channel&gt; &lt;!here|here&gt; &lt;\uff20U1&gt;"),
        ("@**all** @room @everyone", "\uff20**all** \uff20room \uff20everyone"),
        ("[click](https://evil.example)", "\uff3bclick\uff3d(https://evil.example)"),
        ("a & b", "a &amp; b"),
        ("x\n@here\r::error::y", "x \uff20here ::error::y"),
        ("\u202eAna\u200b", "\\u202eAna\\u200b"),
    ],
)
def test_chat_text_neither_mentions_links_nor_breaks_a_line(text: str, written: str) -> None:
    assert sinks.chat_text(text) == written


@pytest.mark.parametrize(
    "handle", ["<@U024BE7LH>", "<@!81>", "@**Ana Lima**", "@**Ana|12**", "@ana:example.org", "@ana"]
)
def test_chat_mention_keeps_one_persons_handle(handle: str) -> None:
    assert sinks.chat_mention(handle) == handle


@pytest.mark.parametrize(
    "handle",
    [
        None,
        "@room.",
        "@room:example.org",
        "@everyone.",
        "@here-",
        "@**all**",
        "<!channel>",
        "<@U1> <!here>",
        "@ana\n@room",
        "Ana",
        "[@ana](https://evil.example)",
    ],
)
def test_chat_mention_lets_no_room_or_other_text_through(handle: str | None) -> None:
    assert sinks.chat_mention(handle) is None


@given(st.text())
def test_chat_text_holds_no_at_sign_angle_bracket_or_line_break(text: str) -> None:
    written = sinks.chat_text(text)
    assert not set(written) & {"@", "<", ">", "[", "]", "\n", "\r"}
    assert written.replace("&amp;", "").count("&") == written.count("&lt;") + written.count("&gt;")
