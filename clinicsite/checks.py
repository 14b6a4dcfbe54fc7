"""The checks staff's articles must pass. One small function per rule; each
returns Problems naming the file, the line, the rule and the fix.

They run three ways from this code: during `mkdocs build` and `mkdocs serve` (plugin.py),
as a fast command without a build (scripts/check.py), and in the tests.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from markdown.extensions.toc import slugify

from . import config as _config
from . import checks_files, checks_html, facts, modes, rules, schema, spelling, typography
from .readability import grade
from .problems import Problem
from .source import BLOCK_END, BLOCK_START, Source, is_date, read

# A promise that someone will be better by a given time or soon: "you will feel
# better in two weeks", "results within a month", "quickly feel better".
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|a\s+couple\s+of|\d+)"
_SPAN = (rf"(?:in|within|after)\s+(?:just\s+|only\s+|as\s+little\s+as\s+|less\s+than\s+|under\s+)?{_NUM}"
         rf"(?:\s+(?:or|to)\s+{_NUM})?\s+(?:days?|weeks?|months?|sessions?)\b")
_FEEL = (r"(?:feel(?:s|ing)?|get(?:s|ting)?|be|being|are|is|will\s+be)\s+(?:much\s+|a\s+lot\s+|far\s+)?"
         r"(?:better|well|happier|(?:like\s+)?(?:your|him)self\s+again|back\s+to\s+normal)")
_BETTER = _FEEL + r"|recover(?:s|ed|y)?|improve(?:s|d|ment)?|results?|relief|lift(?:s|ed)?"
_FAST = r"(?:quickly|fast|rapidly|soon|right\s+away|straight\s+away|in\s+no\s+time|at\s+once)"
SPEED_PROMISE = (rf"\b(?:{_BETTER})\b[^.!?]{{0,40}}?\b{_SPAN}|\b{_SPAN}[^.!?]{{0,40}}?\b(?:{_BETTER})\b"
                 rf"|\b{_FAST}\s+(?:{_FEEL})\b|\b(?:{_BETTER})\s+{_FAST}\b")  # "fast relief" is the quick-results rule's

# Wording ruled out by safe-messaging guidance and the fact brief, with what to write instead.
WORDING = [
    (r"\bcommit(?:s|ted|ting)?\s+suicide\b", "say 'died by suicide' or 'ended their life'"),
    (r"\b(?:successful|unsuccessful|failed|completed)\s+(?:suicide|attempt)s?\b",
     "say 'suicide attempt', or 'died by suicide'"),
    (r"\bsuicide\s+epidemic\b|\bepidemic\s+of\s+suicide\b",
     "give the figure with its source, without 'epidemic'"),
    (r"\bcur(?:e|es|ed|ing)\b", "don't promise a cure: say what IPT 'can help' with"),
    (r"\bguarantee(?:s|d)?\b", "nothing is guaranteed: say 'can help' or 'many people find'"),
    (r"\b(?:quick|fast|rapid|instant|immediate|overnight)\s+(?:results?|fix|relief|recovery|improvement)\b",
     "don't promise speed: describe the usual course, e.g. 'weekly sessions over 12 to 16 weeks'"),
    (SPEED_PROMISE, "don't promise speed or results: say what usually happens, e.g. 'most people have 12 to 16 "
                    "weekly sessions', and that IPT 'can help'"),
    (r"\b(?:works?|is|are)\s+(?:better|best|especially\s+(?:helpful|effective))\s+for\s+men\b",
     "no trial shows IPT works better for men: say it 'can help men', as it helps others"),
    (r"\b(?:designed|made|developed)\s+(?:especially\s+|specifically\s+)?for\s+men\b",
     "IPT was not designed for men: say it 'can help men'"),
]
WORDING_OK_LINE = "<!-- wording-ok -->"
WORDING_OK_START, WORDING_OK_END = "<!-- wording-ok:start -->", "<!-- wording-ok:end -->"
PLACEHOLDER = re.compile(r"\[PLACEHOLDER:[^\]]*\]")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}|\bid=\"([\w-]+)\"")


@dataclass
class Context:
    root: Path
    docs: Path
    mode: str
    today: _dt.date
    config: dict
    config_lines: dict = field(default_factory=dict)  # mkdocs.yml dotted key -> line
    sources: dict[str, Source] = field(default_factory=dict)  # by docs-relative path
    blocks: dict[str, set[str]] = field(default_factory=dict)  # component -> options
    _grades: dict = field(default_factory=dict, repr=False)
    _anchors: dict = field(default_factory=dict, repr=False)
    _titles: dict = field(default_factory=dict, repr=False)

    def grade_of(self, src: Source) -> float | None:
        """The page's reading grade, computed once per run (the check and the table share it)."""
        if src.rel not in self._grades:
            self._grades[src.rel] = page_grade(src)
        return self._grades[src.rel]

    def anchors_for(self, src: Source) -> set[str]:
        """The page's anchors, computed once however many links point at it."""
        if src.rel not in self._anchors:
            self._anchors[src.rel] = anchors_of(src)
        return self._anchors[src.rel]

    @property
    def production(self) -> bool:
        return self.mode == "production"

    @property
    def team(self) -> set[str]:
        return {str(m.get("id")) for m in (self.config.get("extra", {}).get("team") or [])}

    @property
    def settings(self) -> dict:
        """The clinic plugin's options in mkdocs.yml (reading grade, review period, ...)."""
        return _config.plugin_settings(self.config)

    def severity(self, rule: str) -> str:
        return rules.severity(rule, self.mode)


def _problem(src: Source, line: int, rule: str, message: str, fix: str, severity: str = "error") -> Problem:
    return Problem(src.rel, line, rule, message, fix, severity)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def _body_lines(src: Source):
    """(line number, text) of body lines outside code fences, with wording-ok state."""
    in_code, fence, allowed = False, "", False
    for no, line in enumerate(src.lines, 1):
        if no < src.body_start:
            continue
        stripped = line.strip()
        if in_code:
            if stripped.startswith(fence):
                in_code = False
            continue
        if stripped.startswith(("```", "~~~")):
            in_code, fence = True, stripped[:3]
            continue
        if WORDING_OK_START in line:
            allowed = True
        if WORDING_OK_END in line:
            allowed = False
            continue
        yield no, line, allowed or WORDING_OK_LINE in line


# ---- front matter ----------------------------------------------------------

def check_front_matter(src: Source, ctx: Context):
    if src.meta_error:
        line, message, *fix = src.meta_error  # the source may say exactly what to do
        return [_problem(src, line, "front-matter", message, fix[0] if fix else
                         "make every line `name: value`; put quotes around values with a colon, and close with `---`")]
    if not src.meta_lines:
        return [_problem(src, 1, "front-matter", "the page has no block of fields at the top (title, description, ...)",
                         "start the file with a `---` line, the fields (see EDITING.md), and another `---` line")]
    return []


def check_fields(src: Source, ctx: Context):
    if not src.meta:
        return []
    out = []
    kind = schema.kind_of(src.rel)
    for f in schema.required_fields(kind):
        value = src.meta.get(f.name)
        if value in (None, "", []):
            out.append(_problem(src, src.meta_lines.get(f.name, 1), "field-missing",
                                f"the field `{f.name}` is missing or empty", f"add `{f.name}:` ({f.meaning})"))
    for name, value in src.meta.items():
        line = src.meta_lines.get(name, 1)
        spec = schema.BY_NAME.get(name)
        if spec is None:
            hint = _suggest(name, schema.BY_NAME)
            out.append(_problem(src, line, "field-unknown", f"`{name}` is not a field the top of the page can have",
                                hint or "remove it, or see EDITING.md for the fields"))
            continue
        if value in (None, "", []):
            continue
        ok = {
            schema.TEXT: isinstance(value, str),
            schema.DATE: is_date(value),
            schema.LIST: isinstance(value, list) and all(isinstance(v, str) for v in value),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
            "mapping": isinstance(value, dict),
            "yes/no": isinstance(value, bool),
        }[spec.type]
        if spec.type == schema.LIST and isinstance(value, str):
            ok = False
        if not ok and spec.type != schema.DATE:  # dates are the review-dates rule's
            out.append(_problem(src, line, "field-type", f"`{name}` should be {spec.type}, not {value!r}",
                                f"write it as {spec.type}: {spec.meaning}"))
    cta = src.meta.get("cta")
    known_ctas = ["none", *(ctx.config.get("extra", {}).get("calls_to_action") or {})]
    if isinstance(cta, str) and cta not in known_ctas:
        out.append(_problem(src, src.meta_lines["cta"], "field-type", f"`cta: {cta}` is not a call to action",
                            f"use one of {', '.join(known_ctas)} (mkdocs.yml `extra: calls_to_action:`)"))
    for value in src.meta.get("hide") or []:
        if isinstance(value, str) and value not in schema.HIDE_VALUES:
            out.append(_problem(src, src.meta_lines["hide"], "field-type", f"`hide` has unknown part {value!r}",
                                f"use {', '.join(schema.HIDE_VALUES)}"))
    return out


def check_description(src: Source, ctx: Context):
    text = (src.meta or {}).get("description")
    if not isinstance(text, str) or not text:
        return []
    text = " ".join(text.split())
    line = src.meta_lines.get("description", 1)
    lo, hi = schema.DESCRIPTION_MIN, schema.DESCRIPTION_MAX
    if not lo <= len(text) <= hi:
        return [_problem(src, line, "description", f"the description has {len(text)} characters",
                         f"write one sentence of {lo} to {hi} characters saying what the page explains")]
    if "<" in text or ">" in text:
        return [_problem(src, line, "description", "the description contains `<` or `>`, which pages and search "
                         "engines would read as HTML", "write it in plain words, without < or >")]
    if not text[0].isupper() or text[-1] not in ".?!":
        return [_problem(src, line, "description", "the description is not a sentence",
                         "start it with a capital letter and end it with a full stop")]
    return []


def page_templates(config) -> set[str]:
    """The site's own page templates: the top-level templates of its theme
    folder (overrides/), other than the frame every page extends, the 404 page
    and the blog's (the blog plugin picks those; on another page they fail)."""
    custom = getattr(config.get("theme"), "custom_dir", None) if hasattr(config, "get") else None
    if not custom:
        return set()
    return {p.name for p in Path(custom).glob("*.html")
            if p.name not in ("base.html", "404.html") and not p.name.startswith("blog")}


def check_template(src: Source, ctx: Context):
    """`template:` picks the file MkDocs renders the page with: any template
    at all (base.html, a partial, one of Material's) would print the page's
    values its own way, unescaped."""
    name = (src.meta or {}).get("template")
    if name in (None, ""):
        return []
    allowed = page_templates(ctx.config)
    if name in allowed:
        return []
    return [_problem(src, src.meta_lines.get("template", 1), "template",
                     f"`template: {str(name)[:40]}` is not one of the site's page templates",
                     f"use one of {', '.join(sorted(allowed)) or 'none'}, or remove the line")]


def check_review_dates(src: Source, ctx: Context):
    meta = src.meta or {}
    out = []
    last, nxt = meta.get("last_reviewed"), meta.get("next_review")
    for name, value in (("last_reviewed", last), ("next_review", nxt)):
        if value not in (None, "") and not is_date(value):
            out.append(_problem(src, src.meta_lines.get(name, 1), "review-dates", f"`{name}: {value}` is not a date",
                                "write the date as YYYY-MM-DD, e.g. 2026-11-26"))
    if out or not (is_date(last) and is_date(nxt)):
        return out
    if nxt <= last:
        out.append(_problem(src, src.meta_lines["next_review"], "review-dates",
                            f"next_review {nxt} is not after last_reviewed {last}",
                            "set next_review later than last_reviewed, usually a year later"))
    if last > ctx.today:
        out.append(_problem(src, src.meta_lines["last_reviewed"], "review-dates",
                            f"last_reviewed {last} is in the future", "write the date the review happened"))
    if nxt < ctx.today:
        out.append(_problem(src, src.meta_lines["next_review"], "review-overdue",
                            f"the review was due on {nxt}",
                            "ask a clinician to review the page, then update last_reviewed and next_review",
                            ctx.severity("review-overdue")))
    return out


def check_review_pending(src: Source, ctx: Context):
    """Set by scripts/reviewer.py: a page moved to a new clinician is not reviewed by them yet."""
    meta = src.meta or {}
    if meta.get("review_pending") is not True:
        return []
    who = meta.get("reviewed_by")
    names = {str(m.get("id")): m.get("name") for m in (ctx.config.get("extra", {}).get("team") or [])
             if isinstance(m, dict)}
    name = names.get(str(who)) or who
    return [_problem(src, src.meta_lines.get("review_pending", 1), "review-pending",
                     f"the page is due for review by {name}, who has not reviewed it yet",
                     f"when {name} has reviewed it, set last_reviewed to that day and next_review a year later, "
                     "and delete this line", ctx.severity("review-pending"))]


def check_reviewer(src: Source, ctx: Context):
    who = (src.meta or {}).get("reviewed_by")
    if not isinstance(who, str) or not who or who in ctx.team:
        return []
    hint = _suggest(who, ctx.team)
    return [_problem(src, src.meta_lines.get("reviewed_by", 1), "reviewer",
                     f"`{who}` is not in the clinic's team",
                     hint or f"use an id from `extra: team:` in mkdocs.yml ({', '.join(sorted(ctx.team))})")]


# ---- links and images ------------------------------------------------------

def anchors_of(src: Source) -> set[str]:
    found, seen = set(), {}
    for piece in src.pieces:
        if piece.kind == "heading":
            text = re.sub(r"\{[^}]*\}\s*$", "", piece.text)
            text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", text)
            slug = slugify(text, "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}_{n}")
    for match in EXPLICIT_ID.finditer(src.text):
        found.add(match.group(1) or match.group(2))
    for match in re.finditer(r"^\[\^([^\]]+)\]:", src.text, re.M):
        found.add(f"fn:{match.group(1)}")
    return found


def check_links(src: Source, ctx: Context):
    out = []
    here = (ctx.docs / src.rel).parent if not src.rel.startswith("docs/") else ctx.root / Path(src.rel).parent
    for no, line, _ in _body_lines(src):
        for m in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            is_image, text, target = m.group(1) == "!", m.group(2), m.group(3)
            if is_image:
                out += _check_image(src, ctx, here, no, text, target)
                continue
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                continue  # external, mailto:, tel:
            path, _, anchor = target.partition("#")
            if path:
                resolved = (here / path).resolve()
                if path.endswith("/"):
                    resolved = resolved / "index.md"
                if not resolved.exists():
                    out.append(_problem(src, no, "link", f"the link to `{path}` leads nowhere",
                                        _closest_page(ctx, here, path)))
                    continue
                target_rel = resolved.relative_to(ctx.docs.resolve()).as_posix() if resolved.is_relative_to(ctx.docs.resolve()) else None
                target_src = ctx.sources.get(target_rel) if target_rel else None
            else:
                target_src = src
            if anchor and target_src is not None:
                anchors = ctx.anchors_for(target_src)
                if anchor not in anchors:
                    out.append(_problem(src, no, "anchor", f"`{target_src.rel}` has no section `#{anchor}`",
                                        _closest_anchor(anchor, anchors)))
    return out


def _ranked(word: str, choices: dict) -> tuple[list, dict]:
    """Keys of `choices` (shown form -> compared form), most similar to `word` first, and their scores."""
    score = {k: difflib.SequenceMatcher(None, word.lower(), v.lower()).ratio() for k, v in choices.items()}
    return sorted(choices, key=lambda k: (-score[k], k)), score


def _closest_page(ctx: Context, here: Path, path: str) -> str:
    """The page file meant, compared by name without `.md` (every page shares that ending)."""
    pages = {os.path.relpath(ctx.docs / rel, here).replace(os.sep, "/"): Path(rel).stem for rel in ctx.sources}
    if not pages:
        return "link to an existing page with its path relative to this page"
    order, score = _ranked(Path(path).stem, pages)
    if score[order[0]] >= 0.65:
        return f"did you mean `{order[0]}`?"
    return ("no page has a close name; check the spelling, or pick one of the pages, e.g. "
            + ", ".join(f"`{p}`" for p in order[:4]) + " (paths are relative to this page)")


def _closest_anchor(anchor: str, anchors: set[str]) -> str:
    """Sections are the page's real headings: suggest the nearest, or list some."""
    sections = {a: a for a in anchors if not a.startswith("fn:")}
    if not sections:
        return "that page has no sections (## headings): link to the page without `#...`"
    order, score = _ranked(anchor, sections)
    if score[order[0]] >= 0.6:
        return f"did you mean `#{order[0]}`?"
    return ("no section has a close name; the page's sections include "
            + ", ".join(f"`#{a}`" for a in order[:4]) + " (a heading's words in lower case, joined by dashes)")


def _check_image(src, ctx, here, no, alt, target):
    out = []
    if not alt.strip():
        out.append(_problem(src, no, "image-alt", f"the image `{target}` has no alt text",
                            "describe what the image shows inside the brackets: ![what it shows](file.svg)"))
    if target and not re.match(r"^[a-z]+:|^//", target, re.I) and not (here / target.split("#")[0]).exists():
        out.append(_problem(src, no, "image-missing", f"the image `{target}` does not exist",
                            "add the file to docs/images/ and check the path and spelling"))
    return out


# ---- reading level ---------------------------------------------------------

def plain_text(markdown_text: str) -> str:
    """Markdown inline syntax removed, leaving the words a reader reads."""
    t = re.sub(r"<!--.*?-->", "", markdown_text)
    t = re.sub(r"\[\^[^\]]+\]", "", t)                     # footnote markers
    t = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", t)        # links and images
    t = re.sub(r"\{[^}]*\}", "", t)                          # attribute lists
    t = re.sub(r":[a-z0-9]+(?:-[a-z0-9]+)+:", "", t)         # icons like :material-phone:
    t = re.sub(r"<[^>]+>", "", t)                            # inline HTML
    t = re.sub(r"[*_`]", "", t)
    t = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", t)           # list markers
    return " ".join(t.split())


def reading_pieces(src: Source):
    """(line, text) of the paragraphs and list items a reader reads."""
    for piece in src.pieces:
        if piece.kind in ("paragraph", "item"):
            text = plain_text(piece.text)
            if text and not WORDING_OK_LINE in piece.text:
                yield piece.line, text


def sentences(line: int, text: str):
    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", text):
        if len(s.split()) >= 3:
            yield line, s


def page_grade(src: Source) -> float | None:
    pieces = list(reading_pieces(src))
    words = sum(len(t.split()) for _, t in pieces)
    if words < 30:
        return None  # too little text to score
    return round(grade(" ".join(t if t.endswith((".", "?", "!", ":")) else t + "." for _, t in pieces)), 1)


def check_reading_level(src: Source, ctx: Context):
    limit = float(ctx.settings.get("reading_grade_max", 8))
    value = ctx.grade_of(src)
    if value is None or value <= limit:
        return []
    scored = sorted(((grade(s), line, s) for line, t in reading_pieces(src) for line, s in sentences(line, t)),
                    reverse=True)[:3]
    hardest = "; ".join(f"line {line} (grade {g:.0f}): \"{s[:90]}{'...' if len(s) > 90 else ''}\"" for g, line, s in scored)
    first = scored[0][1] if scored else src.body_start
    return [_problem(src, first, "reading-level", f"reading grade {value} is above {limit:g}; hardest sentences: {hardest}",
                     "use shorter sentences and everyday words; split long sentences in two")]


# ---- wording and launch readiness -----------------------------------------

NEGATION = re.compile(r"\b(?:no|not|never|nothing|cannot|without)\b|n't\b", re.I)


def _negated(line: str, start: int) -> bool:
    """True when a negation stands shortly before the match in the same sentence,
    as in "no trial shows IPT works better for men": an honest denial, not a claim."""
    before = re.split(r"[.!?;:]\s", line[:start])[-1]
    return bool(NEGATION.search(" ".join(before.split()[-8:])))


def check_wording(src: Source, ctx: Context):
    out = []
    for no, line, allowed in _body_lines(src):
        if allowed:
            continue
        for pattern, fix in WORDING:
            m = re.search(pattern, line, re.I)
            if m and not _negated(line, m.start()):
                out.append(_problem(src, no, "wording", f"\"{m.group(0)}\" is ruled out",
                                    f"{fix}; if you must quote it, end the line with {WORDING_OK_LINE}"))
    return out


def check_launch(src: Source, ctx: Context):
    out = []
    for no, line, _ in _body_lines(src):
        for m in PLACEHOLDER.finditer(line):
            out.append(_problem(src, no, "placeholder", f"{m.group(0)} must be filled in before launch",
                                "replace the marker with the clinic's real detail", ctx.severity("placeholder")))
        for pattern in (facts.FICTIONAL_PHONE, facts.FICTIONAL_DOMAIN):
            for m in pattern.finditer(line):
                out.append(_problem(src, no, "fictional-fact", f"`{m.group(0)}` is a fictional detail",
                                    "use the clinic's real detail; the clinic's phone and email come from mkdocs.yml",
                                    ctx.severity("fictional-fact")))
    return out



# British forms the site's writers meet most often, each with its US form. Stems
# that take -ise/-isation are expanded below; everything matches as whole words.
_IZE = ["organ", "recogn", "real", "apolog", "special", "minim", "maxim", "emphas", "critic", "summar",
        "priorit", "util", "normal", "stabil", "hospital", "author", "categor", "mobil", "social",
        "sympath", "final", "memor", "personal", "custom", "optim", "visual", "character", "familiar",
        "general", "civil", "stigmat", "legitim", "trivial", "patron", "jeopard", "symbol", "vandal"]
BRITISH = {
    **{f"{s}{uk}": f"{s}{us}" for s in _IZE for uk, us in (("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
                                                          ("ising", "izing"), ("isation", "ization"),
                                                          ("isations", "izations"))},
    **{f"{w}{end}": f"{w[:-1]}{end}" for w in ("behaviou", "colou", "favou", "honou", "labou", "neighbou",
                                                "humou", "rumou", "flavou", "endeavou", "harbou", "vigou",
                                                "odou", "armou", "savou")
       for end in ("r", "rs", "red", "ring", "ral", "rally", "rite", "rites", "rable", "rably", "rful",
                   "rhood", "rhoods", "rless")},
    "centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater", "metre": "meter",
    "metres": "meters", "litre": "liter", "fibre": "fiber", "calibre": "caliber", "sombre": "somber",
    "licence": "license", "licences": "licenses", "licenced": "licensed", "defence": "defense",
    "offence": "offense", "offences": "offenses", "pretence": "pretense",
    "practise": "practice", "practised": "practiced", "practises": "practices", "practising": "practicing",
    "analyse": "analyze", "analysed": "analyzed", "analyses": None, "analysing": "analyzing",
    "paralyse": "paralyze", "paralysed": "paralyzed",
    "programme": "program", "programmes": "programs",
    "counselling": "counseling", "counsellor": "counselor", "counsellors": "counselors",
    "counselled": "counseled", "travelled": "traveled", "travelling": "traveling", "traveller": "traveler",
    "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
    "modelling": "modeling", "modelled": "modeled", "fuelled": "fueled", "signalling": "signaling",
    "marvellous": "marvelous", "jewellery": "jewelry", "instalment": "installment",
    "enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment", "skilful": "skillful",
    "wilful": "willful", "judgement": "judgment", "judgements": "judgments", "ageing": "aging",
    "grey": "gray", "sceptical": "skeptical", "mould": "mold", "cheque": "check", "cheques": "checks",
    "tyre": "tire", "tyres": "tires", "mum": "mom", "mums": "moms", "whilst": "while", "amongst": "among",
    "learnt": "learned", "speciality": "specialty", "paediatric": "pediatric", "paediatrician": "pediatrician",
    "anaesthetic": "anesthetic", "oestrogen": "estrogen", "haemorrhage": "hemorrhage", "manoeuvre": "maneuver",
    "aeroplane": "airplane", "pyjamas": "pajamas", "storey": "story", "draught": "draft", "plough": "plow",
}
BRITISH = {uk: us for uk, us in BRITISH.items() if us}  # "analyses" is also the US plural of analysis
LETTERS = re.compile(r"[A-Za-z]+")  # words looked up one by one: far faster than one huge alternation
BRITISH_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, BRITISH), key=len, reverse=True)) + r")\b", re.I)
# Not prose: inline code and the addresses of links and images.
NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|\bhttps?://\S+")
# A footnote definition may keep a cited source's own spelling inside its title,
# quoted ("...") or in italics (*...*): a British title is cited as it was published.
SOURCE_TITLE = re.compile(r"\"[^\"]*\"|“[^”]*”|\*[^*]+\*")


def _us_form(word: str) -> str:
    us = BRITISH[word.lower()]
    return us.capitalize() if word[:1].isupper() else us


def check_us_spelling(src: Source, ctx: Context):
    found = [(src.meta_lines.get(name, 1), str((src.meta or {}).get(name)))
             for name in ("title", "description") if isinstance((src.meta or {}).get(name), str)]
    # A component's option lines are the component rule's: `colour: red` is a wrong option, not prose.
    options = {no for piece in src.pieces if piece.kind == "block" for no, _ in piece.extra["options"]}
    for no, line, allowed in _body_lines(src):
        if allowed or no in options:
            continue
        text = NOT_PROSE.sub(" ", line)
        if FOOTNOTE_DEFINITION.match(text):
            text = SOURCE_TITLE.sub(" ", text)
        found.append((no, text))
    return [_problem(src, no, "us-spelling", f"\"{m.group(0)}\" is British spelling",
                     f"write \"{_us_form(m.group(0))}\" (the site is in US English); a cited source's title "
                     f"may keep its spelling in quotes on its footnote line")
            for no, text in found for m in LETTERS.finditer(text) if m.group(0).lower() in BRITISH]


FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^[^\]]+\]:")
FOOTNOTE_MARKER = re.compile(r"\[\^[^\]]+\](?!:)")


def check_footnotes(src: Source, ctx: Context):
    """One marker per paragraph, at its end, naming every source it needs: two
    or three markers in a sentence read like a paper, not like help."""
    out = []
    for piece in src.pieces:
        if piece.kind in ("paragraph", "item", "table"):
            markers = FOOTNOTE_MARKER.findall(re.sub(r"`[^`]*`", "", piece.text))
            if len(markers) > 1:
                out.append(_problem(src, piece.line, "footnotes",
                                    f"{len(markers)} footnote markers in one {'row' if piece.kind == 'table' else piece.kind}"
                                    f" ({' '.join(markers)})",
                                    "keep one marker at the end of the paragraph, and let its footnote name "
                                    "every source, e.g. `[^s6]: Weissman 2018; IPT UK, Stages of IPT`"))
    return out

# ---- components --------------------------------------------------------------

def known_blocks(config: dict) -> dict[str, set[str]]:
    """The /// blocks the site's Markdown knows, with their options, read from
    the configured extensions themselves so the check never drifts from them."""
    names, configs = [], {}
    mdx_configs = config.get("mdx_configs") or {}
    for entry in config.get("markdown_extensions") or []:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, mdx_configs.get(entry)))
        if name.startswith("pymdownx.blocks.") or name.startswith("clinicsite."):
            names.append(name)
            configs[name] = options or {}
    if not names:
        return {}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    for processor in md.parser.blockprocessors:
        if hasattr(processor, "blocks") and isinstance(processor.blocks, dict):
            return {n: set(b.OPTIONS) | {"attrs"} for n, b in processor.blocks.items()}
    return {}


def check_components(src: Source, ctx: Context):
    out = []
    for piece in src.pieces:
        if piece.kind == "block":
            name = piece.text
            if name not in ctx.blocks:
                hint = _suggest(name, ctx.blocks)
                out.append(_problem(src, piece.line, "component", f"`/// {name}` is not a component",
                                    hint or f"use one of: {', '.join(sorted(ctx.blocks)) or 'none yet'} (see EDITING.md)"))
                continue
            for line, text in piece.extra["options"]:
                option = text.strip().split(":", 1)[0].strip()
                if option not in ctx.blocks[name]:
                    hint = _suggest(option, ctx.blocks[name])
                    out.append(_problem(src, line, "component", f"`/// {name}` has no option `{option}`",
                                        hint or f"its options are: {', '.join(sorted(ctx.blocks[name]))}"))
        elif piece.kind == "admonition":
            out.append(_problem(src, piece.line, "component", f"`!!! {piece.text}` boxes are not used on this site",
                                "write `/// note | Title`, then the text, then `///` on its own line (see EDITING.md)"))
    return out


def check_block_fences(src: Source, ctx: Context):
    """A box left open takes the rest of the page into it, call to action
    included, without a word from Markdown; a stray `///` shows as text."""
    out, open_boxes = [], []
    for no, line, _ in _body_lines(src):
        start = BLOCK_START.match(line)
        if start:
            open_boxes.append((len(start.group(2)), no, start.group(3)))
        elif BLOCK_END.match(line):
            size = len(line.strip())
            if open_boxes and open_boxes[-1][0] == size:
                open_boxes.pop()
            else:
                out.append(_problem(src, no, "block-fence", f"this `{line.strip()}` line closes no box",
                                    "remove the line, or put the box's first line (e.g. `/// note | Title`) above its text"))
    for size, no, name in open_boxes:
        out.append(_problem(src, no, "block-fence", f"`/// {name}` is never closed, so the rest of the page falls into the box",
                            f"add a line with only `{'/' * size}` right after the box's last line of text"))
    return out


HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def check_html_images(src: Source, ctx: Context):
    """`<img>` written as HTML must describe the picture too (Markdown images: check_links)."""
    kept = {no: re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line) for no, line, _ in _body_lines(src)}
    first = src.body_start
    text = "\n".join(kept.get(no, "") for no in range(first, len(src.lines) + 1))
    out = []
    for m in HTML_IMG.finditer(text):
        alt = HTML_ALT.search(m.group(0))
        if alt is None or not "".join(g or "" for g in alt.groups()).strip():
            no = first + text.count("\n", 0, m.start())
            out.append(_problem(src, no, "image-alt", "an HTML `<img>` has no alt text",
                                'add alt="what the picture shows" inside the tag, '
                                "or write the image in Markdown: ![what it shows](images/file.svg)"))
    return out


def _title_key(src: Source) -> str:
    title = (src.meta or {}).get("title")
    return " ".join(title.split()).casefold() if isinstance(title, str) else ""


def _nav_files(nav, key="nav"):
    """(file, dotted key of its line in mkdocs.yml) of every page the menu lists, in menu order."""
    for i, item in enumerate(nav or []):
        if isinstance(item, str):
            yield item, f"{key}.{i}"
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, f"{key}.{i}.{title}"
                elif isinstance(value, list):
                    yield from _nav_files(value, f"{key}.{i}.{title}")


def check_duplicate_title(src: Source, ctx: Context):
    """The page that comes later (in menu order, then pages outside the menu by
    file name) is reported: the earlier one keeps its title."""
    if not ctx._titles:
        order = [f for f, _ in _nav_files(ctx.config.get("nav"))]
        ranked = sorted(ctx.sources, key=lambda rel: (order.index(rel) if rel in order else len(order), rel))
        for rel in ranked:
            ctx._titles.setdefault(_title_key(ctx.sources[rel]), ctx.sources[rel])
    key = _title_key(src)
    first = ctx._titles.get(key)
    if not key or first is None or first is src:
        return []
    return [_problem(src, src.meta_lines.get("title", 1), "duplicate-title",
                     f"`{first.rel}` already has the title \"{src.meta['title']}\"",
                     "give this page a title of its own, so the menu and search results can tell them apart")]


CHECKS = [check_front_matter, check_fields, check_description, check_template, check_review_dates, check_review_pending, check_reviewer,
          check_links, check_reading_level, check_wording, check_launch, check_components,
          check_block_fences, check_html_images, check_duplicate_title, check_us_spelling, check_footnotes,
          checks_html.check_raw_html, checks_html.check_title, spelling.check_spelling,
          typography.check_typography]


# ---- the site as a whole -----------------------------------------------------

def check_nav(ctx: Context):
    """MkDocs' own message for a menu entry without its file names no line and no fix."""
    out = []
    stems = {rel: Path(rel).stem for rel in ctx.sources}
    for path, key in _nav_files(ctx.config.get("nav")):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", path, re.I) or (ctx.docs / path).is_file():
            continue  # an address on another site, or a page that exists
        line = ctx.config_lines.get(key) or ctx.config_lines.get("nav", 1)
        order, score = _ranked(Path(path).stem, stems)
        hint = f"did you mean `{order[0]}`?" if order and score[order[0]] >= 0.65 else ""
        out.append(Problem(_config.display_name(ctx.config.config_file_path), line, "nav", f"the menu lists `{path}`, but there is no file "
                           f"{Path(ctx.docs.name, path).as_posix()}",
                           f"correct the file name{f' ({hint})' if hint else ''}; or, if the page was removed "
                           "on purpose, delete this line and add its old address to `extra: redirects:` "
                           "so that old links still work"))
    return out


def check_form_endpoint(ctx: Context):
    """Netlify Forms show the page at the form's `action` after a message is
    sent: it must be a page this site builds, or the visitor meets a 404."""
    form = ((ctx.config.get("extra") or {}).get("clinic") or {}).get("form") or {}
    endpoint = str(form.get("endpoint") or "") if isinstance(form, dict) else ""
    if not isinstance(form, dict) or form.get("provider") != "netlify" or not endpoint.startswith("/"):
        return []  # other providers take a full https:// address (the clinic-facts schema)
    path = urlsplit(endpoint).path.strip("/")
    pages = {rel[:-3] for rel in ctx.sources} | {rel[:-len("/index.md")] for rel in ctx.sources if rel.endswith("/index.md")}
    if path in pages or (not path and "index.md" in ctx.sources):
        return []
    line = ctx.config_lines.get("extra.clinic.form.endpoint") or ctx.config_lines.get("extra.clinic.form", 1)
    return [Problem(_config.display_name(ctx.config.config_file_path), line, "form-endpoint",
                    f"the form's endpoint {endpoint} is not a page of this site, so Netlify would show "
                    "\"Page not found\" after every message",
                    "use the address of a page the site has, such as /message-sent/ (docs/message-sent.md)")]


SITE_CHECKS = [check_nav, check_form_endpoint, *checks_files.SITE_CHECKS]


# ---- running ---------------------------------------------------------------

def context_of(config, mode: str | None = None, today: _dt.date | None = None, lines: dict | None = None) -> Context:
    """The checks' view of a site, from MkDocs' validated config."""
    config_path = Path(config.config_file_path).resolve()
    root = config_path.parent
    docs = Path(config["docs_dir"])
    ctx = Context(root=root, docs=docs, mode=mode or modes.current(), today=today or modes.today(), config=config,
                  config_lines=lines if lines is not None else _config.lines(config_path))
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # the file-link rule names it; reading it could hang (a pipe) or read /etc
        src = read(path, root)
        ctx.sources[path.relative_to(docs).as_posix()] = src
    ctx.blocks = known_blocks(config)
    return ctx


def context(config_path: str | Path = "mkdocs.yml", mode: str | None = None, today: _dt.date | None = None) -> Context:
    config, lines = facts.load(config_path, mode)
    return context_of(config, mode, today, lines)


def run_config(config, mode: str | None = None, today: _dt.date | None = None, fact_problems: list | None = None):
    """Every problem of the site, from MkDocs' config: clinic facts and all pages. Returns (ctx, problems).
    `fact_problems`: the clinic facts' problems, when the caller (the plugin) has them already."""
    ctx = context_of(config, mode, today)
    if fact_problems is None:
        fact_problems = facts.check(config, ctx.config_lines, mode=ctx.mode, today=ctx.today,
                                    file=_config.display_name(config.config_file_path))
    problems = list(fact_problems)
    for src in ctx.sources.values():
        if src.unreadable:
            continue  # named once by checks_files.check_unreadable
        for check in CHECKS:
            problems += check(src, ctx)
    for check in SITE_CHECKS:
        problems += check(ctx)
    return ctx, sorted(set(problems), key=lambda p: (p.file, p.line, p.rule, p.message))


def run(config_path: str | Path = "mkdocs.yml", mode: str | None = None, today: _dt.date | None = None):
    """Every problem of the site: clinic facts and all pages. Returns (ctx, problems)."""
    config, _lines = facts.load(config_path, mode)
    return run_config(config, mode, today)


def grade_table(ctx: Context) -> list[tuple[str, float | None]]:
    return [(src.rel, ctx.grade_of(src)) for src in ctx.sources.values()]


def median_grade(rows) -> float | None:
    values = [g for _, g in rows if g is not None]
    return round(statistics.median(values), 1) if values else None
