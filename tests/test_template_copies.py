"""Templates in overrides/ that copy a whole Material (or MkDocs) template,
because no block serves, are pinned to the file they were copied from: when
an update of Material changes that file, this test fails, and whoever updates
it compares the copy with the new original (the copy's first comment says
what it changes) before moving the pin."""
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
    "partials/search.html": ("material", "partials/search.html",
                             "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    "partials/content.html": ("material", "partials/content.html",
                              "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5"),
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


@pytest.mark.parametrize("override", sorted(COPIES))
def test_each_copied_template_still_matches_the_original_it_copies(override):
    package, path, pinned = COPIES[override]
    original = files(package) / "templates" / path
    assert (ROOT / "overrides" / override).is_file(), f"overrides/{override} is gone: remove its pin"
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == pinned, (f"{package} changed templates/{path}: compare overrides/{override} with the new "
                              f"original, carry its changes over, then pin {digest}")


def test_every_copy_is_pinned():
    """A template that says it is copied from Material must have a pin here."""
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*")
              if p.is_file() and "Copied from" in p.read_text(encoding="utf-8", errors="replace")[:300]}
    assert copies <= set(COPIES), f"pin these copies: {sorted(copies - set(COPIES))}"
