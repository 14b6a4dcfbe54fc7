"""The live preview behind `scripts/serve.py`, built so that it never hangs.

MkDocs' own live-reload server stops answering while a build is failing, and a
stopped `mkdocs serve` can leave its server process holding the port. So the
preview does the three jobs itself:

- it watches the files a build reads (polling their times: no extra package),
- rebuilds with the project's own build (`clinicsite.build`, the same checks and
  publishing step) in a child process in a session of its own, into a fresh
  temporary folder, so that the child and everything it starts can be stopped
  as one group; the child runs the fast checks beside the build and reports
  their errors without waiting for the build to end,
- serves the last good site from 127.0.0.1 with a small threaded server in this
  process. A mistake in a page shows on that page (the problems, `file:line:
  rule: message (fix: ...)`), and every other page shows its own content with a
  slim banner that links to the page with the mistake; only a build that cannot
  finish (a mistake in mkdocs.yml or a template) turns every page into the error
  page. The checks run once per change, inside the build (the plugin writes
  them to a report file as soon as they are done, before the pages are
  written), so a mistake shows in a few seconds. Every page served loads
  /__preview/reload.js, which asks /__preview/state every second, reloads when
  a newer result is in, and draws the banner.
"""
from __future__ import annotations

import errno
import html
import json
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

HOST = "127.0.0.1"
WATCHED = ("docs", "overrides", "clinicsite", "mkdocs.yml")
POLL_SECONDS = 0.3
BUILD_TIMEOUT = 300  # a build that takes longer is stuck: stop it and say so
PROBLEM = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+): (?P<warning>warning: )?(?P<rule>[\w-]+): "
                     r"(?P<message>.*) \(fix: (?P<fix>.*)\)\s*$")
# A closing line such as "3 problem(s) above must be fixed": the page lists them itself.
SUMMARY = re.compile(r"\babove\b")
LEVEL = re.compile(r"^(?P<level>ERROR|WARNING|INFO|DEBUG)\s+-\s+(?P<text>.*)$")

RELOAD_JS = """\
// Served by the preview only (scripts/serve.py), never part of the site:
// reloads the page once a newer build of the site is finished, and shows a
// slim banner linking to the pages that have problems (built with the DOM and
// CSSOM: the site's security policy allows no inline style).
(function () {
  var seen = document.currentScript && document.currentScript.getAttribute("data-build");
  var banner = null;
  function show(state) {
    var broken = (state.pages || []).filter(function (p) { return !p.here; });
    if (!broken.length || document.querySelector("[data-preview-error]")) { return; }
    banner = document.createElement("div");
    banner.setAttribute("role", "status");
    banner.setAttribute("data-preview-banner", "");
    var s = banner.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "10000";
    s.padding = "0.5rem 1rem"; s.background = "#7a1f1f"; s.color = "#fff"; s.font = "16px/1.4 system-ui, sans-serif";
    banner.appendChild(document.createTextNode("Preview: a page needs fixing: "));
    broken.forEach(function (p, i) {
      if (i) { banner.appendChild(document.createTextNode(", ")); }
      var a = document.createElement(p.url === null ? "span" : "a");
      if (p.url !== null) { a.href = p.url; a.style.color = "#fff"; a.style.fontWeight = "bold"; }
      a.textContent = p.file + " (" + p.count + ")";
      banner.appendChild(a);
    });
    document.body.appendChild(banner);
  }
  function poll(first) {
    fetch("/__preview/state?page=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.build) !== seen) { location.reload(); return; }
        if (first) { show(state); }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll(true);
})();
"""

PAGE_STYLE = """
body { font: 18px/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #1b2430; background: #fff; }
main { max-width: 44rem; margin: 0 auto; }
h1 { font-size: 1.5rem; line-height: 1.25; }
ol { padding-left: 1.25rem; }
li { margin: 0 0 1rem; }
code, pre { font: 0.95rem/1.4 ui-monospace, monospace; overflow-wrap: anywhere; white-space: pre-wrap; }
.where { font-weight: bold; }
.fix { background: #eef6f3; border-left: 4px solid #1d6b57; padding: 0.25rem 0.5rem; }
@media (prefers-color-scheme: dark) {
  body { color: #e8edf2; background: #111820; } .fix { background: #17302a; }
}
"""


@dataclass
class Result:
    """What one build left behind."""
    ok: bool
    problems: list = field(default_factory=list)  # dicts of PROBLEM's groups, errors only
    other: list = field(default_factory=list)  # the build's other error lines
    warnings: int = 0
    pages: dict = field(default_factory=dict)  # problem file (docs/x.md) -> the page's URL path
    usable: bool = False  # the site was built: pages without problems can be shown


def parse_output(output: str, ok: bool) -> Result:
    """The build's log, sorted into the project's problems and anything else that went wrong."""
    problems, other, warnings, seen = [], [], 0, set()
    loose = []  # lines without a log level: a traceback, or a message's second line
    for raw in output.splitlines():
        m = LEVEL.match(raw.strip())
        if not m:
            if raw.strip():
                loose.append(raw.rstrip())
            continue
        level, text = m.group("level"), m.group("text").strip()
        found = PROBLEM.match(text)
        if found and found.group("warning"):
            warnings += 1
        elif found and level == "ERROR":
            if text not in seen:  # a failed build may repeat its errors at the end
                seen.add(text)
                problems.append(found.groupdict())
        elif level in ("ERROR", "WARNING") and text not in seen and not SUMMARY.search(text):
            seen.add(text)
            other.append(text)
    if not ok and not problems and not other:
        other = loose[-20:] or ["The build stopped without a message."]
    return Result(ok, problems, other, warnings)


def kill_group(proc: subprocess.Popen) -> None:
    """Whatever is left of a build's process group (its leader may be gone already)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def build_child(config: str, dest: str, mode: str) -> None:
    """The build process (in its own group): MkDocs with the project's plugin in
    a process of its own, and beside it (the other core) the checks, whose
    problems go to `dest`.json at once, where the preview shows them and the
    plugin takes them instead of running the checks again. Page problems do
    not stop the build (CLINIC_PREVIEW), so the rest of the site stays
    readable; --no-strict: MkDocs' own warnings are listed, not fatal."""
    # The preview blocks its stop signals while it starts this process, and a
    # child inherits that mask: unblocked here, so that an out-of-date build
    # stops at once on SIGTERM (it waited 3 s for SIGKILL before).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP, signal.SIGINT})
    from clinicsite import plugin

    report = report_path(dest)
    env = dict(os.environ, SITE_MODE=mode, NO_MKDOCS_2_WARNING="1")
    env[plugin.REPORT_ENV], env[plugin.CHECKS_FROM_ENV], env[plugin.PREVIEW_ENV] = report, report, "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--clean", "-f", config, "-d", dest]
    builder = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
    err = plugin.checks_to_file(config, mode, report)
    if err is not None:
        print(f"The checks could not run ({type(err).__name__}); the build will say why.", flush=True)
    sys.exit(builder.wait())


def report_path(dest) -> str:
    return str(dest) + ".json"


def read_report(path) -> tuple[list, dict] | None:
    """(error problems as dicts, docs file -> page URL) from the plugin's report file, or None."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    errors = [{k: str(v) for k, v in p.items()} for p in data.get("problems") or [] if p.get("severity") == "error"]
    return errors, data.get("pages") or {}


def problem_line(p: dict) -> str:
    return f"{p['file']}:{p['line']}: {p['rule']}: {p['message']} (fix: {p['fix']})"


def snapshot(root: Path) -> dict:
    """Modification time and size of every file a build reads."""
    found = {}
    for name in WATCHED:
        top = root / name
        if top.is_file():
            st = top.stat()
            found[str(top)] = (st.st_mtime_ns, st.st_size)
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for f in files:
                if f.startswith((".", "#")) or f.endswith(("~", ".swp", ".pyc")):
                    continue  # editors' and Python's own scratch files
                try:
                    st = os.stat(os.path.join(folder, f))
                except FileNotFoundError:
                    continue
                found[os.path.join(folder, f)] = (st.st_mtime_ns, st.st_size)
    return found


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def base_path(config_path: Path) -> str:
    """The path part of site_url (`/clinic/` for https://example.org/clinic/), so
    that pages that link from the site's root work in the preview too."""
    try:
        text = config_path.read_text(encoding="utf-8")
        match = re.search(r"^site_url:\s*(?:&\S+\s+)?['\"]?([^'\"\s#]+)", text, re.M)
        url = yaml.safe_load(match.group(1)) if match else ""
    except (OSError, yaml.YAMLError):
        url = ""
    path = urlsplit(str(url or "")).path.strip("/")
    return f"/{path}/" if path else "/"


class Preview:
    def __init__(self, config: Path, mode: str = "preview", out=sys.stdout):
        self.config = Path(config).resolve()
        self.root = self.config.parent
        self.mode = mode
        self.out = out
        self.lock = threading.Lock()
        self.build_number = 0  # finished builds; pages reload when it changes
        self.result: Result | None = None
        self.site: Path | None = None  # the last good build
        self.base = base_path(self.config)
        self.work = Path(tempfile.mkdtemp(prefix="clinic-preview-"))
        self.child: subprocess.Popen | None = None
        self.server: ThreadingHTTPServer | None = None

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    # ---- serving -------------------------------------------------------------

    def listen(self, port: int) -> int:
        """Start the HTTP server on `port`, or on another free one if it is taken."""
        handler = type("Handler", (_Handler,), {"preview": self})
        tries = [port, *range(port + 1, port + 20), 0] if port else [0]
        reason = ""
        for candidate in tries:
            try:
                self.server = ThreadingHTTPServer((HOST, candidate), handler)
                break
            except OSError as err:  # taken, or not ours to use: try the next one
                if candidate == port:
                    reason = ("is already in use (perhaps by another preview)" if err.errno == errno.EADDRINUSE
                              else f"cannot be used ({err.strerror})")
        self.server.daemon_threads = True
        actual = self.server.server_address[1]
        if port and actual != port:
            self.say(f"Port {port} {reason}, so this preview uses port {actual}.")
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        return actual

    # ---- building ------------------------------------------------------------

    def start_build(self) -> tuple[subprocess.Popen, Path, Path]:
        dest = self.work / f"build-{self.build_number + 1}-{time.monotonic_ns()}"
        log = dest.with_suffix(".log")
        env = dict(os.environ, SITE_MODE=self.mode, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        code = "import sys; from clinicsite.preview import build_child; build_child(*sys.argv[1:])"
        stops = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
        # Held until the child is recorded, so that a stop arriving in between still stops it.
        signal.pthread_sigmask(signal.SIG_BLOCK, stops)
        try:
            with open(log, "wb") as sink:
                # A session of its own: the child and the mkdocs process it starts form
                # one process group, stopped together (stop_child) however we stop.
                self.child = subprocess.Popen([sys.executable, "-c", code, str(self.config), str(dest), self.mode],
                                              cwd=self.root, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)
        return self.child, dest, log

    def stop_child(self) -> None:
        proc, self.child = self.child, None
        if proc is None:
            return
        for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        kill_group(proc)


    def finish_build(self, proc, dest: Path, log: Path, started: float) -> None:
        self.child = None
        kill_group(proc)
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        log.unlink(missing_ok=True)
        built = proc.returncode == 0 and (dest / "index.html").is_file()
        result = parse_output(output, built)
        report = read_report(report_path(dest))
        Path(report_path(dest)).unlink(missing_ok=True)
        if report is not None:
            result.problems, pages = report
            result.pages = {file: "/" + url.lstrip("/") for file, url in (pages or {}).items()}
        old = None
        with self.lock:
            if built:
                old, self.site = self.site, dest
            elif self.result is not None and result.pages == {}:
                result.pages = self.result.pages
            result.usable = built
            result.ok = built and not result.problems and not result.other
            self.result = result
            self.build_number += 1
        for folder in (old, None if built else dest):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        seconds = time.monotonic() - started
        if result.ok:
            note = (f"; {result.warnings} warning(s) that only matter before launch "
                    f"(`python3 scripts/check.py` lists them)") if result.warnings else ""
            self.say(f"Preview updated in {seconds:.1f} s{note}.")
        else:
            lines = [problem_line(p) for p in result.problems] + result.other
            where = ("the pages named show them, the others a banner" if built
                     else "every page shows them")
            self.say(f"{'Preview updated' if built else 'The build failed'} in {seconds:.1f} s with "
                     f"{len(lines)} problem(s); until they are fixed, {where}:")
            for line in lines:
                self.say(f"  {line}")

    def early_report(self, dest: Path) -> bool:
        """The checks' problems, shown as soon as they are known (the build goes
        on): a mistake shows on its page in seconds. True once applied."""
        report = read_report(report_path(dest))
        if report is None:
            return False
        errors, _ = report
        if errors:  # a clean report waits for the build: the page must show the fixed text
            with self.lock:
                pages = self.result.pages if self.result else {}
                self.result = Result(ok=False, problems=errors, pages=pages, usable=self.site is not None)
                self.build_number += 1
            self.say(f"Found {len(errors)} problem(s); the preview shows them while the site is rebuilt:")
            for p in errors:
                self.say(f"  {problem_line(p)}")
        return True

    def run(self, port: int = 8000) -> None:
        """Serve and rebuild until stopped (Ctrl+C, SIGTERM, SIGHUP)."""
        def stop(signum, frame):
            raise SystemExit(0)

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, stop)
        try:
            actual = self.listen(port)
            self.say(f"Preview of the site: http://{HOST}:{actual}{self.base}  (stop it with Ctrl+C)")
            self.say("Building the site ...")
            self.loop()
        except KeyboardInterrupt:
            pass
        finally:
            self.close()
            self.say("Preview stopped.")

    def loop(self) -> None:
        seen = snapshot(self.root)
        while True:
            proc, dest, log = self.start_build()
            started = time.monotonic()
            restart = False
            reported = False
            while proc.poll() is None:
                time.sleep(POLL_SECONDS)
                reported = reported or self.early_report(dest)
                now = snapshot(self.root)
                if now != seen:
                    # A newer save: this build is already out of date.
                    self.stop_child()
                    shutil.rmtree(dest, ignore_errors=True)
                    log.unlink(missing_ok=True)
                    Path(report_path(dest)).unlink(missing_ok=True)
                    seen, restart = self.settle(now), True
                    break
                if time.monotonic() - started > BUILD_TIMEOUT:
                    self.stop_child()
                    with open(log, "a", encoding="utf-8") as sink:
                        sink.write(f"ERROR    -  The build took more than {BUILD_TIMEOUT // 60} minutes and was "
                                   "stopped. Save a file to try again; if it happens again, ask the person "
                                   "who looks after the website.\n")
                    break
            if restart:
                continue
            self.finish_build(proc, dest, log, started)
            while True:
                time.sleep(POLL_SECONDS)
                now = snapshot(self.root)
                if now != seen:
                    names = changed_files(seen, now)
                    seen = self.settle(now)
                    shown = ", ".join(os.path.relpath(n, self.root) for n in names[:3])
                    self.say(f"Changed: {shown}{' ...' if len(names) > 3 else ''}; rebuilding ...")
                    break

    def settle(self, now: dict) -> dict:
        """Wait until saving has finished (an editor may write a file in steps)."""
        while True:
            time.sleep(0.15)
            later = snapshot(self.root)
            if later == now:
                return later
            now = later

    def close(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)  # finish stopping, whatever arrives now
        self.stop_child()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        shutil.rmtree(self.work, ignore_errors=True)

    # ---- pages the preview writes itself ------------------------------------

    def state(self, request: str = "") -> dict:
        """What reload.js needs: the build to compare, and the pages with problems
        (`?page=PATH`: the page asking, so it is not linked to itself)."""
        page = parse_qs(urlsplit(request).query).get("page", [""])[0]
        with self.lock:
            result = self.result
            state = {"build": self.build_number, "ok": bool(result and result.ok), "building": self.child is not None}
        if result is not None and result.usable:
            here = self.page_key(page)
            counts: dict = {}
            for p in result.problems:
                counts[p["file"]] = counts.get(p["file"], 0) + 1
            state["pages"] = [{"file": f, "count": n, "url": self.link(result.pages.get(f)),
                               "here": result.pages.get(f) == here} for f, n in counts.items()]
            if result.other:
                state["pages"].append({"file": "MkDocs (see the terminal)", "count": len(result.other),
                                       "url": None, "here": False})
        return state

    def page_key(self, path: str) -> str:
        """A request's page, as the URL path the plugin records ("/", "/what-is-ipt/")."""
        if path.startswith(self.base):
            path = "/" + path[len(self.base):]
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        return path if path.endswith("/") else path + "/"

    def link(self, url: str | None) -> str | None:
        return None if url is None else self.base + url.lstrip("/")

    def special_page(self, build: int, path: str) -> tuple[int, str] | None:
        """The page the preview writes itself instead of the site's, if any: while
        nothing is built, a waiting page; after a failed build, the error page
        everywhere; after a build with problems, the error page on each page that
        has them (the other pages are served, and reload.js adds the banner)."""
        with self.lock:
            result, site = self.result, self.site
        if result is None:
            return (503, self.waiting_page(build)) if site is None else None
        if not result.usable or site is None:
            return 500, self.error_page(build, result)
        key = self.page_key(self.base + path.lstrip("/"))
        mine = [p for p in result.problems if result.pages.get(p["file"]) == key]
        if mine:
            return 500, self.error_page(build, Result(ok=False, problems=mine, usable=True), others=result)
        return None

    def script_tag(self, build: int) -> str:
        return f'<script src="/__preview/reload.js" data-build="{build}"></script>'

    def message_page(self, build: int, title: str, body: str, data: str = "") -> str:
        return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>{html.escape(title)}</title><style>{PAGE_STYLE}</style></head>"
                f"<body{data}><main><h1>{html.escape(title)}</h1>{body}</main>{self.script_tag(build)}</body></html>\n")

    def error_page(self, build: int, result: Result, others: Result | None = None) -> str:
        items = []
        for p in result.problems:
            items.append(
                f"<li><p class=\"where\"><code>{html.escape(p['file'])}</code>, line {html.escape(p['line'])}</p>"
                f"<p>{html.escape(p['message'])} <small>(rule <code>{html.escape(p['rule'])}</code>)</small></p>"
                f"<p class=\"fix\">What to do: {html.escape(p['fix'])}</p>"
                f"<pre>{html.escape(problem_line(p))}</pre></li>")
        for line in result.other:
            items.append(f"<li><pre>{html.escape(line)}</pre></li>")
        count = len(items)
        what = "This page cannot be shown" if others else "The site could not be built"
        body = (f"<p>{what}, because of {'this problem' if count == 1 else f'these {count} problems'}. "
                "Open the file named below, go to the line, and make the change under \u201cWhat to do\u201d. "
                "Save the file: this page turns back into the site by itself within a few seconds.</p>"
                f"<ol>{''.join(items)}</ol>")
        if others is not None:
            rest = sorted({p["file"] for p in others.problems} - {p["file"] for p in result.problems})
            if rest:
                links = ", ".join(f'<a href="{html.escape(self.link(others.pages[f]))}">{html.escape(f)}</a>'
                                  if others.pages.get(f) else html.escape(f) for f in rest)
                body += f"<p>Other files with problems: {links}.</p>"
            body += "<p>The other pages of the site can still be read.</p>"
        body += "<p>EDITING.md explains every rule. The same list is in the terminal where the preview runs.</p>"
        return self.message_page(build, "Something on the site needs fixing", body,
                                 data=' data-preview-error=""')

    def waiting_page(self, build: int) -> str:
        return self.message_page(build, "The preview is being built",
                                 "<p>This takes a few seconds. The page opens by itself when it is ready.</p>")


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the terminal is for problems, not for every request
        pass

    def send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # every load shows the latest build
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        # Only this machine's own names: a page on another site that points a
        # name of its own at 127.0.0.1 (DNS rebinding) is not answered.
        port = self.server.server_address[1]
        if self.headers.get("Host", "").lower() not in {f"{h}:{port}" for h in OWN_HOSTS}:
            return self.send(421, b"This preview answers only http://127.0.0.1 and http://localhost",
                             "text/plain; charset=utf-8")
        path = request_path(self.path)
        if path is None:
            return self.send(400, b"Bad request", "text/plain; charset=utf-8")
        try:
            return self.answer(path)
        except (OSError, ValueError):  # a name the file system refuses (too long, ...)
            return self.send(400, b"Bad request", "text/plain; charset=utf-8")

    def answer(self, path: str):
        preview = self.preview
        if path == "/__preview/reload.js":
            return self.send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        if path == "/__preview/state":
            return self.send(200, json.dumps(preview.state(self.path)).encode(), "application/json")
        with preview.lock:
            build, result, site = preview.build_number, preview.result, preview.site
        if path.startswith(preview.base):
            path = "/" + path[len(preview.base):]
        elif path + "/" == preview.base:
            return self.redirect(preview.base)
        file = resolve(site, path) if site else None
        is_page = file is None or file.suffix == ".html" or path.endswith("/") or "." not in path.rsplit("/", 1)[-1]
        # A page of our own, with a policy that allows its style and the reload script only.
        own = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; "
                                          "connect-src 'self'; base-uri 'none'; form-action 'none'"}
        special = preview.special_page(build, path) if is_page else None
        if special:
            return self.send(special[0], special[1].encode(), "text/html; charset=utf-8", own)
        if file is not None and file.is_dir():
            return self.redirect(self.path.split("?", 1)[0] + "/")
        status = 200
        if file is None or not file.is_file():
            status, file = 404, (site / "404.html" if site else None)
            if file is None or not file.is_file():
                return self.send(404, b"Not found", "text/plain; charset=utf-8")
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = inject(body, preview.script_tag(build))
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        return self.send(status, body, kind)

    def redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


OWN_HOSTS = ("127.0.0.1", "localhost")
MAX_PATH = 1024  # characters of a request's path; the site's own are far shorter


def request_path(raw: str) -> str | None:
    """The decoded path of a request, or None for one no page of the site has:
    too long, or with a NUL or other control character."""
    if len(raw) > MAX_PATH:
        return None
    try:
        path = unquote(urlsplit(raw).path, errors="strict")
    except (ValueError, UnicodeDecodeError):
        return None
    if len(path) > MAX_PATH or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        return None
    return path


def resolve(site: Path, path: str) -> Path | None:
    """The file a URL path names inside the site, never one outside it."""
    target = (site / path.lstrip("/")).resolve()
    if not target.is_relative_to(site.resolve()):
        return None
    if target.is_dir() and path.endswith("/"):
        target = target / "index.html"
    return target


def inject(page: bytes, tag: str) -> bytes:
    text = page.decode("utf-8", errors="replace")
    at = text.rfind("</body>")
    text = text[:at] + tag + text[at:] if at >= 0 else text + tag
    return text.encode("utf-8")
