"""clinicsite.footnote_marks on small Markdown: markers stay out of search."""
import pytest
import markdown
from bs4 import BeautifulSoup

# Tests of the generator: the launch test's second run skips them.
pytestmark = pytest.mark.generator


def test_markers_are_kept_out_of_the_search_index():
    text = "Two sources at once.[^a][^b] More words.[^a]\n\n[^a]: First.\n[^b]: Second.\n"
    html = markdown.markdown(text, extensions=["footnotes", "clinicsite.footnote_marks"])
    markers = BeautifulSoup(html, "html.parser").select('sup[id^="fnref"]')
    assert len(markers) == 3
    assert all(m.has_attr("data-search-exclude") for m in markers)
    # The form partials/content.html looks for to give touching markers their comma.
    assert '</sup><sup data-search-exclude="" id="fnref' in html


def test_the_sources_fold_under_one_closed_heading():
    text = "One.[^a]\n\nTwo.[^b]\n\n[^a]: First.\n[^b]: Second.\n"
    doc = BeautifulSoup(markdown.markdown(text, extensions=["footnotes", "clinicsite.footnote_marks"]), "html.parser")
    folds = doc.select("details.clinic-sources")
    assert len(folds) == 1 and not folds[0].has_attr("open")
    assert folds[0].summary.get_text() == "Sources"
    # The footnotes extension's own list inside, so tooltips and back-links find their ids.
    notes = folds[0].select(".footnote li[id^='fn']")
    assert [li.p.get_text(" ", strip=True)[:6] for li in notes] == ["First.", "Second"]
    assert all(li.select_one("a.footnote-backref[href^='#fnref']") for li in notes)
    assert folds[0].select("hr") == []  # the heading is the divider


def test_a_page_without_footnotes_gets_no_sources_heading():
    html = markdown.markdown("No sources here.", extensions=["footnotes", "clinicsite.footnote_marks"])
    assert "clinic-sources" not in html
