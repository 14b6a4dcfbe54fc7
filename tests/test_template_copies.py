"""Templates in overrides/ that copy a whole Material (or MkDocs) template,
because no block, filter or check serves, are pinned to the file they were
copied from, and to Zensical's file of the same name where the copy stands in
for it too: when an update changes that file, this test fails and prints the
difference between the copy and the new original (each copy keeps its
original's layout, so the difference shows the copy's real changes and the
update's). Whoever updates compares them (the copy's first comment says what
it changes), carries the update's changes over, then moves the pin."""
import difflib
import hashlib
from importlib.resources import files

import pytest
from conftest import ROOT

pytestmark = pytest.mark.generator

# override -> (package, path in its templates folder, sha256 of the original it copies)
COPIES = {
    "partials/header.html": ("material", "partials/header.html",
                             "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    "partials/nav-item.html": ("material", "partials/nav-item.html",
                               "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7"),
    "partials/nav.html": ("material", "partials/nav.html",
                          "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f"),
    "partials/post.html": ("material", "partials/post.html",
                           "756bb999794dc09dcee2e993a3fb30bf1c22334627ce39d82e82c3464eb35dc7"),
    "blog-post.html": ("material", "blog-post.html",
                       "d1a725d4b5fe7c7596ebed76ed29e3c198390575baefe9f019715ea25761916a"),
    "partials/tabs-item.html": ("material", "partials/tabs-item.html",
                                "52fe1f551aa2dbfc9e15a19718a4cadd1f1e728d567ca21fea493ebfccaf3fe2"),
    "partials/language.html": ("material", "partials/language.html",
                               "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3"),
    "partials/toc.html": ("material", "partials/toc.html",
                          "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84"),
    "sitemap.xml": ("mkdocs", "sitemap.xml",
                    "0950766d642ac999c74b68150a39a961a5103bda5e2d9d7747f4c06522c11b18"),
}
# The same copies stand in for Zensical's files of the same name (a Zensical
# build reads overrides/ first): override -> sha256 of Zensical's file.
ZENSICAL = {
    "partials/header.html": "efcbc9f075685fefdccc113e85fb5a60aa86c0cff7b6a9004683bf2deb39c1df",
    "partials/post.html": "756bb999794dc09dcee2e993a3fb30bf1c22334627ce39d82e82c3464eb35dc7",
    "blog-post.html": "42309e68fba0713bd766d7db12729528b52d9c4e5b48732381affdfb18058a9a",
    "sitemap.xml": "1a903463a40196b824992da64874c061564183bfacedf31507fa0b9993ddff28",
}
PINS = [(override, *COPIES[override]) for override in sorted(COPIES)] + \
       [(override, "zensical", override, pinned) for override, pinned in sorted(ZENSICAL.items())]


def difference(original, override: str, label: str) -> str:
    """The copy against the original now installed, as a unified diff."""
    theirs = original.read_text(encoding="utf-8").splitlines(keepends=True)
    ours = (ROOT / "overrides" / override).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(theirs, ours, f"{label} (installed)", f"overrides/{override}"))


@pytest.mark.parametrize("override,package,path,pinned", PINS, ids=[f"{p[1]}:{p[0]}" for p in PINS])
def test_each_copied_template_still_matches_the_original_it_copies(override, package, path, pinned):
    original = files(package) / "templates" / path
    assert (ROOT / "overrides" / override).is_file(), f"overrides/{override} is gone: remove its pin"
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == pinned, (
        f"{package} changed templates/{path}. Below, overrides/{override} against the new original: "
        f"carry the original's changes over into the copy, keep the copy's own (its first comment lists "
        f"them), then pin {digest}\n\n" + difference(original, override, f"{package} templates/{path}"))


def test_a_failing_pin_shows_the_difference_line_by_line():
    """Guards the message above: it shows changed lines, not whole files."""
    text = difference(files("material") / "templates" / "partials" / "post.html", "partials/post.html", "post")
    changed = [line for line in text.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed and len(changed) < 60, text
    assert any("md-post__authors" in line for line in changed), text


def test_every_copy_is_pinned():
    """A template that says it is copied from Material must have a pin here."""
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*")
              if p.is_file() and "Copied from" in p.read_text(encoding="utf-8", errors="replace")[:300]}
    assert copies <= set(COPIES), f"pin these copies: {sorted(copies - set(COPIES))}"
