"""Every rule the checks can report, declared once.

A rule's name, what it means and what to do (EDITING.md's table "Error
messages and what to do" is generated from these: `python3 -m clinicsite.rules
--write-guide`), and whether it belongs to the launch checklist. The checks,
the plugin's launch summary and `scripts/check.py --launch` read this table;
a Problem naming a rule that is not here raises, and a test runs the
broken-article corpus and the fact fixtures to show that every rule declared
here is emitted and documented.

Launch rules are what a clinic finishes before going public (sample facts,
placeholders, reviews): warnings in preview and test builds, errors in
production. Every other rule is an error in every mode unless its check says
otherwise.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    name: str
    meaning: str  # EDITING.md: "what it means"
    todo: str  # EDITING.md: "what to do"
    launch: str | None = None  # the launch group it is listed under, or None


# The launch checklist's groups, in the order a clinic works through them.
LAUNCH_GROUPS = {
    "facts": "Clinic facts in mkdocs.yml (sample or fictional values)",
    "placeholders": "Placeholders in the pages",
    "reviews": "Reviews and crisis lines due",
}

_DECLARED = [
    Rule('front-matter',
         'The block between the `---` lines at the top is missing or is not valid YAML. The line is where the trouble starts: a quote that is never closed, a colon inside a value, a line without `name:`.',
         'Do what the message says. In general: make each line `name: value`; put double quotes around values that contain a colon; close every quote on its own line; close the block with `---`.'),
    Rule('field-missing',
         'A required field is missing or empty.',
         'Add the field named in the message (see the table above).'),
    Rule('field-type',
         'A field has the wrong kind of value.',
         'Write it as the table above says: a date as 2026-11-26, a list as `[one, two]`.'),
    Rule('field-unknown',
         'A field name the site does not know, often a typo.',
         'Correct the spelling the message suggests, or remove the line.'),
    Rule('description',
         'The description is not one sentence of 50 to 160 characters.',
         'Write one sentence, with a capital letter and a full stop, saying what the page explains.'),
    Rule('review-dates',
         'The review dates are not real dates, or the next review is not after the last one.',
         'Write dates as YYYY-MM-DD; `next_review` must be later than `last_reviewed`.'),
    Rule('review-overdue',
         'The next review date has passed.',
         'Ask a clinician to review the page; then update `last_reviewed` and `next_review`.',
         launch='reviews'),
    Rule('review-pending',
         'The page was moved to a new clinician (`scripts/reviewer.py`), who has not reviewed it yet.',
         'When that clinician has reviewed the page, set `last_reviewed` to that day and `next_review` a year later, and delete the line `review_pending: true`.',
         launch='reviews'),
    Rule('reviewer',
         '`reviewed_by` does not name a clinician of the team.',
         'Use an id from `extra: team:` in `mkdocs.yml`, or ask for the clinician to be added.'),
    Rule('link',
         'A link points to a page or file that does not exist.',
         'Check the file name and spelling; use the path relative to the page, e.g. `what-is-ipt.md`.'),
    Rule('anchor',
         'A link points to a section the page does not have.',
         "Use the heading's words in lower case joined by dashes, as the message suggests."),
    Rule('image-missing',
         'An image file does not exist.',
         'Add the file to `docs/images/` and check the path.'),
    Rule('image-alt',
         'An image has no alt text.',
         'Describe what the picture shows inside the square brackets, or in `alt="..."` for an HTML `<img>`.'),
    Rule('reading-level',
         'The page is harder to read than the site allows (grade 8).',
         'Shorten the sentences the message names; use everyday words.'),
    Rule('wording',
         "A phrase that safe-messaging guidance or the clinic's rules rule out.",
         'Use the wording the message suggests. To quote it, mark the line (see above).'),
    Rule('us-spelling',
         'A British spelling (behaviour, licence, centre, ...): the site is written in US English.',
         "Write the US form the message gives (behavior, license, center). A cited source's title may keep its own spelling in quotes, or in italics, on its footnote line."),
    Rule('spelling',
         "A word that is neither in the US English dictionary nor in the clinic's word list (`spelling.txt`). A warning in previews; it stops the public build.",
         'Correct it as the message suggests. If the word is right (a name, a term), add it to the page\'s `spelling:` list, or to `spelling.txt` for every page (see "Spelling").'),
    Rule('typography',
         'A title or description wrapped in curly quotes, with a tab or a non-breaking space in it, or ending in a colon: it would show on the page as typed.',
         'Write the line as the message shows it (see "Quotes in titles").'),
    Rule('footnotes',
         'A paragraph, list item or table row has more than one footnote marker.',
         'Keep one marker, at the end of the paragraph, and name every source it needs in that one footnote: `[^s6]: Weissman 2018; IPT UK, "Stages of IPT"`.'),
    Rule('placeholder',
         'A `[PLACEHOLDER: ...]` marker is still on the page.',
         "Replace it with the clinic's real detail before launch.",
         launch='placeholders'),
    Rule('fictional-fact',
         'A fictional phone number, email or address.',
         "Put in the clinic's real detail (in `mkdocs.yml` for the clinic's own).",
         launch='facts'),
    Rule('sample-fact',
         'A clinic fact in `mkdocs.yml` still has the sample value the site was shipped with (a clinician, the short name, the hours, ...).',
         "Put in the clinic's real detail on the line named; if the sample is already right, add the fact's name to `confirmed:` under `extra: clinic:`.",
         launch='facts'),
    Rule('component',
         'A `///` component that does not exist, an option it does not have, or an old `!!!` box.',
         'Use a component listed in this guide, spelled as shown, with its options.'),
    Rule('block-fence',
         'A `///` box is never closed (the rest of the page falls into it, the call to action too), or a `///` line closes no box.',
         "Add a line with only `///` where the box's text ends, or remove the extra `///` line."),
    Rule('duplicate-title',
         'Two pages have the same title: the menu and search would show one name twice.',
         'Give the page named in the message a title of its own.'),
    Rule('nav',
         'The menu (`nav:` in `mkdocs.yml`) lists a file that does not exist. The message names the line in `mkdocs.yml`.',
         'Correct the file name; if the page was removed, delete the line and add a redirect (see "Remove, rename or move a page").'),
    Rule('clinic-facts',
         'A clinic fact in `mkdocs.yml` is missing or malformed.',
         'Fix the line named; the phone needs both `display` and `e164` (+, country code, number).'),
    Rule('form-endpoint',
         'The contact form sends to Netlify (`provider: netlify`), but its `endpoint` is not the address of a page of this site. Netlify shows that page after a message is sent; without it the visitor sees "Page not found".',
         'Use the address of a page the site has, such as `/message-sent/` (the thank-you page the site ships), on the line named in `mkdocs.yml`.'),
    Rule('crisis-verified',
         'The crisis lines were not re-verified in the last 12 months.',
         'Check every line on its live source, then update `verified:` in `extra: crisis_presets:`.',
         launch='reviews'),
    Rule('raw-html',
         'HTML or a link that runs, loads or sends something (a script, a frame, a form, `on...=`, `style=`, a `javascript:` link).',
         'Remove it; see "Raw HTML" above for what a page may use.'),
    Rule('title',
         'A title or blog category contains `<` or `>`.',
         'Write it in plain words.'),
    Rule('file-encoding',
         'The file is not saved as UTF-8 text.',
         'Save it as UTF-8 ("Save with encoding" in most editors), or retype the character on the line named.'),
    Rule('file-size',
         'The article is bigger than 200 KB.',
         'Split it into shorter articles.'),
    Rule('file-link',
         'A file in `docs/` is a symbolic link, or lies outside `docs/`.',
         'Delete the link; put a real file in `docs/`.'),
    Rule('unlisted-page',
         'A page is neither in the menu nor marked `unlisted: true`.',
         'Add it to `nav:` in `mkdocs.yml`, or add `unlisted: true`; keep drafts out of `docs/`.'),
    Rule('stray-file',
         'A file in `docs/` that is not a page (`.md`), a picture, a PDF or a font; a page ending in `.markdown` or the like; a file that would replace one of the theme\'s (`assets/clinic.css`, ...); or a drawing (SVG) with more than shapes in it.',
         'Move it out of `docs/`; rename a page to `.md`; save a drawing again as plain shapes (see "What gets published").'),
    Rule('output-html',
         'The built page holds HTML outside the list of what a page may hold: a script, an `on...=` handler, a comment, a `<meta>` or `<base>`, a link that runs code, a picture from another site (`https://`, `//` or `/\\` addresses).',
         'Remove it from the line named; write the page in Markdown with the components (see "Raw HTML").'),
    Rule('template',
         'Front matter `template:` names a file that is not one of the site\'s page templates.',
         'Remove the line, or use `home.html` (the home page only).'),
    Rule('settings',
         '`mkdocs.yml` holds a tag the site refuses (`!!python/...`, `!relative`, ...: a tag can run code on the build machine), `INHERIT`, or a value taken from the build machine\'s environment (`!ENV`) anywhere but `extra: mode:`. Nothing is built or checked until it is fixed.',
         'Remove the tag and write the value itself, on the line named. Only the emoji lines may use `!!python/name:`.'),
    Rule('redirect',
         'A redirect in `mkdocs.yml` (`extra: redirects:`) is not a pair of paths of this site: it holds `..`, `//` or an address like `https:`.',
         'Write both sides as paths of this site, e.g. `old/page: new/page/`.'),
    Rule('author',
         "A blog author's `avatar` or `url` is not an `https://` address or a path on the site.",
         'Use a picture in `docs/` (e.g. `assets/team.svg`) or an address starting with `https://`.'),
]
RULES: dict[str, Rule] = {rule.name: rule for rule in _DECLARED}
assert len(RULES) == len(_DECLARED), "a rule is declared twice"
assert all(r.launch in (None, *LAUNCH_GROUPS) for r in _DECLARED), "a rule names an unknown launch group"
LAUNCH_RULES = frozenset(name for name, rule in RULES.items() if rule.launch)


def severity(rule: str, mode: str) -> str:
    """A launch rule warns until the public (production) build; others are errors."""
    return "warning" if RULES[rule].launch and mode != "production" else "error"


def launch_groups() -> list[tuple[str, frozenset[str]]]:
    """(title, rule names) in checklist order."""
    return [(title, frozenset(n for n, r in RULES.items() if r.launch == key)) for key, title in LAUNCH_GROUPS.items()]


# ---- EDITING.md's table ---------------------------------------------------------

GUIDE_START = "<!-- rules:start (generated from clinicsite/rules.py: python3 -m clinicsite.rules --write-guide) -->"
GUIDE_END = "<!-- rules:end -->"


def guide_table() -> str:
    rows = ["| rule | what it means | what to do |", "|---|---|---|"]
    rows += [f"| `{r.name}` | {r.meaning} | {r.todo} |" for r in RULES.values()]
    return "\n".join(rows)


def guide_with_table(text: str) -> str:
    pattern = re.compile(re.escape(GUIDE_START) + r".*?" + re.escape(GUIDE_END), re.S)
    if not pattern.search(text):
        raise ValueError(f"EDITING.md has no {GUIDE_START!r} ... {GUIDE_END!r} markers")
    return pattern.sub(lambda _: f"{GUIDE_START}\n{guide_table()}\n{GUIDE_END}", text)


if __name__ == "__main__":  # python3 -m clinicsite.rules --write-guide [EDITING.md]
    if sys.argv[1:2] != ["--write-guide"]:
        sys.exit("usage: python3 -m clinicsite.rules --write-guide [path/to/EDITING.md]")
    guide = Path(sys.argv[2] if len(sys.argv) > 2 else "EDITING.md")
    guide.write_text(guide_with_table(guide.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{guide}: the rule table now lists {len(RULES)} rules.")
