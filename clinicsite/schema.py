"""The front matter contract: one schema for every page of docs/.

This is the one place the fields are defined. EDITING.md documents them, and
a test keeps its table in step with FIELDS.
"""
from __future__ import annotations

from dataclasses import dataclass

DATE = "date (YYYY-MM-DD)"
TEXT = "text"
LIST = "list of text"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: str  # "all", "posts", or "" for optional
    meaning: str


FIELDS = [
    Field("title", TEXT, "all", "The page's title: its heading, its name in the menu and in search results."),
    Field("description", TEXT, "all", "One sentence of 50 to 160 characters saying what the page explains; search engines show it."),
    Field("reviewed_by", TEXT, "all", "The id of the clinician who checked the page, from `extra: team:` in mkdocs.yml."),
    Field("last_reviewed", DATE, "all", "The date the clinician last checked the page."),
    Field("next_review", DATE, "all", "The date the page must be checked again; after it, the public build fails."),
    Field("review_pending", "yes/no", "", "`true` (written by scripts/reviewer.py) until the clinician named in `reviewed_by` has reviewed the page; then delete the line."),
    Field("cta", TEXT, "", "Which call to action closes the page: `default` (if left out), `none`, or a name from `extra: calls_to_action:`."),
    Field("date", DATE, "posts", "Blog posts: the date the post was first published."),
    Field("authors", LIST, "posts", "Blog posts: ids of the authors."),
    Field("categories", LIST, "posts", "Blog posts: one or more categories."),
    Field("readtime", "number", "", "Blog posts: minutes to read, when the automatic estimate is wrong."),
    Field("template", TEXT, "", "Only for special pages: the template to use (the home page uses `home.html`)."),
    Field("hide", LIST, "", "Parts of the page to hide: `navigation`, `toc` (table of contents), `footer`."),
    Field("search", "mapping", "", "`exclude: true` keeps the page out of the site's search."),
    Field("noindex", "yes/no", "", "`true` keeps the page out of search engines and the sitemap (the component gallery)."),
    Field("spelling", LIST, "", "Words this page uses that the spelling check does not know (names, terms), e.g. `[Weissman, PSYPACT]`."),
    Field("unlisted", "yes/no", "", "`true` for a page deliberately left out of the menu: it is then kept out of search engines, the sitemap and the site's search."),
]
BY_NAME = {f.name: f for f in FIELDS}
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160


def kind_of(rel_path: str) -> str:
    """'post' for blog posts, 'page' for everything else."""
    return "post" if "/blog/posts/" in f"/{rel_path}" else "page"


def required_fields(kind: str) -> list[Field]:
    return [f for f in FIELDS if f.required == "all" or (f.required == "posts" and kind == "post")]
