"""The CI report within GitHub's comment limit, however it counts characters."""

from __future__ import annotations

from relrot.github import COMMENT_LIMIT, CUT_NOTE, fitted


def test_a_report_under_the_limit_is_kept_whole() -> None:
    report = "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml passes\n"
    assert fitted(report) == (report, False)


def test_a_long_report_is_cut_at_a_line_counting_bytes_not_characters() -> None:
    # 40,000 characters but 80,000 bytes: under the limit in characters, over it in bytes
    # (and in UTF-16 units, had the text astral characters).
    lines = [f"| row {n} | {'é' * 40} |" for n in range(800)]
    report = "<!-- marker -->\n" + "\n".join(lines) + "\n"
    cut, was_cut = fitted(report)
    assert was_cut
    assert len(cut.encode("utf-8")) < COMMENT_LIMIT
    kept = cut.removesuffix(CUT_NOTE)
    assert kept.endswith(" |\n")
    assert report.startswith(kept)


def test_one_line_longer_than_the_limit_leaves_the_lines_before_it() -> None:
    report = "<!-- marker -->\n## relrot\n" + "x" * (2 * COMMENT_LIMIT) + "\n"
    assert fitted(report) == ("<!-- marker -->\n## relrot\n" + CUT_NOTE, True)
