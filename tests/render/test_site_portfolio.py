"""`relrot.render.site_portfolio`: every project's part of one page keeps its ids its own."""

from __future__ import annotations

from relrot.render.site_portfolio import _scoped


def test_every_id_and_reference_to_it_is_the_project_s_own() -> None:
    html = (
        '<section id="plan" aria-labelledby="plan-heading"><h2 id="plan-heading">Plan</h2>'
        '<rect fill="url(#skipped)"/><a href="#plan">up</a><a href="plan.json">json</a>'
        "<p>id=&quot;plan&quot;</p></section>"
    )
    assert _scoped(html, "project-2-") == (
        '<section id="project-2-plan" aria-labelledby="project-2-plan-heading">'
        '<h3 id="project-2-plan-heading">Plan</h3><rect fill="url(#project-2-skipped)"/>'
        '<a href="#project-2-plan">up</a><a href="plan.json">json</a>'
        "<p>id=&quot;plan&quot;</p></section>"
    )
