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
