"""Pictures keep their room: every picture of the site carries a width and a
height in its own proportions, so on a slow connection the text a reader is
reading does not jump down when a picture arrives."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

import imagesize
import pytest
from conftest import html_pages, soup
from test_site_build import target_of

from clinicsite import publish

PICTURES = "**/*.{svg,png,jpg,jpeg,gif,webp,avif}"


def proportions(path: Path) -> float:
    """Width over height of a picture file, read without the code under test."""
    if path.suffix == ".svg":
        root = ElementTree.parse(path).getroot()
        try:
            return float(root.get("width")) / float(root.get("height"))
        except (TypeError, ValueError):
            _, _, w, h = map(float, root.get("viewBox").replace(",", " ").split())
            return w / h
    w, h = imagesize.get(str(path))
    return w / h


def site_pictures(site_dir: Path):
    """(page, <img>, file) for every picture of the site on every page."""
    for page in html_pages(site_dir):
        for img in soup(page).find_all("img", src=True):
            target = target_of(site_dir, page, img["src"])
            if target is not None and target.is_file():
                yield page, img, target


@pytest.mark.engines
@pytest.mark.facts
def test_every_picture_of_the_site_carries_its_size_in_its_own_proportions(site_dir):
    wrong, files = [], set()
    for page, img, target in site_pictures(site_dir):
        files.add(target)
        where = f"{page.relative_to(site_dir)}: {img['src']}"
        width, height = img.get("width", ""), img.get("height", "")
        if not (width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
            wrong.append(f"{where}: width={width!r} height={height!r}")
        elif abs(int(width) / int(height) / proportions(target) - 1) > 0.02:
            wrong.append(f"{where}: {width}x{height} is not the picture's proportions")
    assert files, "no picture found: the check above looked at nothing"
    assert wrong == []


@pytest.mark.browser
@pytest.mark.engines
def test_text_stays_put_when_pictures_arrive_late(new_page, base_url, site_dir):
    """Each page with pictures in its text, shown with every picture held back
    (a weak signal), then the pictures let through: nothing moves. A browser
    counts only the shifts it shows, so the window is a phone's width and tall
    enough to show the whole page at once."""
    pages = sorted({page for page, img, _ in site_pictures(site_dir)
                    if img.find_parent("article") is not None and page.name == "index.html"})[:8]
    assert pages, "no page of the site has a picture in its text: nothing to measure"
    for path in pages:
        page = new_page(width=390, height=8000)
        page.add_init_script("""window.__shifts = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)
              window.__shifts.push([e.value, e.sources.map(s => s.node ? s.node.nodeName + "." + s.node.className : "?")]); })
              .observe({type: "layout-shift", buffered: true});""")
        held, released = [], []
        page.route(PICTURES, lambda route: route.continue_() if released else held.append(route))
        page.goto(base_url + path.parent.relative_to(site_dir).as_posix() + "/", wait_until="domcontentloaded")
        frames = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        page.evaluate(frames)  # the text is shown (after the stylesheets), without its pictures
        before = len(page.evaluate("window.__shifts"))
        assert held, f"{path.relative_to(site_dir)}: no picture was held back"
        released.append(True)
        for route in held:
            route.continue_()
        for _ in range(200):  # (wait_for_function evaluates a string: the site's policy forbids that)
            if page.evaluate("() => [...document.images].every(i => i.complete)"):
                break
            page.wait_for_timeout(50)
        page.evaluate(frames)
        shifts = page.evaluate("window.__shifts")[before:]
        shift = sum(value for value, _ in shifts)
        assert shift < 0.01, f"{path.relative_to(site_dir)}: the text moved by {shift:.3f} as pictures arrived: {shifts}"
        page.context.close()


# ---- the publishing step's own cases (no build) ------------------------------------

def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\0\0\0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.mark.generator
def test_the_publishing_step_sizes_only_the_sites_own_pictures(tmp_path):
    site = tmp_path / "site"
    (site / "images").mkdir(parents=True)
    (site / "blog" / "post").mkdir(parents=True)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" {}></svg>'
    (site / "images" / "sized.svg").write_text(svg.format('width="360" height="240"'))
    (site / "images" / "box.svg").write_text(svg.format('viewBox="0 0 200 100"'))
    (site / "images" / "entity.svg").write_text('<!DOCTYPE svg [<!ENTITY a "b">]>' + svg.format('width="9" height="9"'))
    (site / "images" / "broken.svg").write_text("<svg")
    (site / "images" / "photo.png").write_bytes(png(30, 20))
    (tmp_path / "outside.svg").write_text(svg.format('width="5" height="5"'))
    page = site / "blog" / "post" / "index.html"
    page.write_text("""<p>
<img id="a" alt="x > y" src="../../images/sized.svg" />
<img id="b" src='../../images/box.svg' alt='single'>
<img id="c" src="../../images/photo.png" width="90">
<img id="d" src="../../images/photo.png" height="10">
<img id="e" src="../../images/photo.png" width="50%">
<img id="f" src="/sub/images/photo.png">
<img id="g" src="/images/photo.png">
<img id="h" src="../../../outside.svg">
<img id="i" src="https://example.com/images/photo.png">
<img id="j" src="../../images/missing.svg">
<img id="k" src="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">
<img id="l" src="../../images/entity.svg">
<img id="m" src="../../images/broken.svg">
<img id="n" src="data:image/png;base64,AAAA">
<IMG ID="o" SRC=../../images/sized.svg>
<code>&lt;img src="../../images/sized.svg"&gt;</code>
</p>""")
    publish.size_pictures(site, {"site_url": "https://clinic.example/sub/"})
    doc = soup(page)

    def size(i):
        img = doc.find(id=i)
        return img.get("width"), img.get("height")

    assert size("a") == ("360", "240") and doc.find(id="a")["alt"] == "x > y"
    assert size("b") == ("200", "100") and doc.find(id="b")["alt"] == "single"
    assert size("c") == ("90", "60") and size("d") == ("15", "10")
    assert size("e") == ("50%", None), "a size in % is the writer's choice"
    assert size("f") == ("30", "20"), "a path from the site's root, under its sub-path"
    for i in "ghijklmn":
        assert size(i) == (None, None), f"<img id={i}> must be left alone"
    assert size("o") == ("360", "240")
    assert '<code>&lt;img src="../../images/sized.svg"&gt;</code>' in page.read_text()
    assert len(doc.find_all("img")) == 15 and doc.find("script") is None
