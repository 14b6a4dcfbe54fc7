"""The generator as a MkDocs plugin (`plugins: - clinic` in mkdocs.yml).

It wires in what also runs as a command, so that `mkdocs build`, `mkdocs
serve`, scripts/build.py and the deploy all produce the same files:
- on_config: validates the clinic facts (a malformed fact stops the build with
  `mkdocs.yml:LINE` problems before any template or component reads it), and
  starts the page checks on a thread;
- on_post_build: reports the checks (errors first; launch warnings summed up in
  one line outside production), then runs the publishing step
  (clinicsite/publish.py: headers, policy, redirects, robots);
- on_files: symbolic links, files that are not regular files (a pipe would
  hang the build), files outside docs/, files of a kind the site does not
  publish, files that would replace a theme file, and unreadable or oversized
  pages are taken out of the build before anything reads or copies them (the
  checks name each one, so the build fails);
- on_page_content: a page the output allowlist refused (clinicsite/allowlist.py)
  becomes a problem naming its source file and line;
- on_build_error: a failed `mkdocs build` leaves no site folder to upload.

Nothing a visitor sees depends on this plugin: Zensical, Material's successor,
runs no MkDocs plugin, so there `python3 scripts/check.py` and
`python3 -m clinicsite.publish SITE_DIR` run the same steps as commands.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
import shutil
import stat
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import checks, facts, modes, publish, problems as _problems
from . import config as _config
from . import allowlist
from .checks_files import publishable, theme_file
from .read_guard import stand_in
from .config import ClinicConfig
from .rules import LAUNCH_RULES

log = logging.getLogger("mkdocs.plugins.clinic")

# Set by scripts/build.py and the preview: write every problem (and where each
# page went) to this JSON file, and let the caller print them.
REPORT_ENV = "CLINIC_REPORT"
# Set by the preview: page problems do not stop its build (see on_post_build).
PREVIEW_ENV = "CLINIC_PREVIEW"
REPORTED = "The problems are listed below."


# Set by the preview, which runs the checks in a process of its own beside the
# build (two cores, not one): the plugin reads their problems from this file
# instead of running the checks a second time.
CHECKS_FROM_ENV = "CLINIC_CHECKS_FROM"


def write_report(found, pages: dict | None = None, path: str | None = None) -> bool:
    """Write the problems to the report file, if one was asked for; True if so."""
    path = path or os.environ.get(REPORT_ENV)
    if not path:
        return False
    data = {"problems": [dataclasses.asdict(p) for p in found], "pages": pages}
    partial = Path(path).with_suffix(".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    os.replace(partial, path)  # readers never see half a file
    return True


def checks_to_file(config, mode: str, path: str, today=None) -> Exception | None:
    """The site's checks, run in this process beside a `mkdocs build` child
    (which reads them through CHECKS_FROM_ENV), their problems written to
    `path`. If they cannot run here, the file says so and the plugin runs them
    itself (the build then says what is wrong); the error is returned."""
    try:
        found = checks.run(config, mode=mode, today=today)[1]
    except Exception as err:  # noqa: BLE001
        Path(path).write_text('{"problems": null}', encoding="utf-8")
        return err
    write_report(found, path=path)
    return None


def read_report(path: str, wait: float = 120) -> list | None:
    """The problems another process wrote to `path` (waiting for them), or None."""
    end = time.monotonic() + wait
    while not os.path.exists(path):
        if time.monotonic() > end:
            return None
        time.sleep(0.05)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("problems") is None:  # the other process could not run them
        return None
    return [_problems.Problem(**p) for p in data["problems"]]


class ClinicPlugin(BasePlugin[ClinicConfig]):
    def __init__(self):
        self.command = "build"
        self.pool: ThreadPoolExecutor | None = None
        self.checks: Future | None = None
        self.site_dir: Path | None = None
        self.refused: list = []  # pages the output allowlist refused (on_page_content)
        self.pages: dict[str, str] = {}  # docs-relative source -> page URL

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        self.site_dir = Path(config.site_dir)
        if not self.config.enabled:
            return config
        mode = modes.current()
        config_path = config.config_file_path
        try:  # the commands ran this before MkDocs read the file; a plain `mkdocs build` did not
            _config.gate(config_path)
        except _config.SettingsError as err:
            for line in str(err).splitlines():
                log.error(line)
            raise PluginError(f"mkdocs.yml holds settings the site refuses:\n  {err}")
        found = facts.check(config, _config.lines(config_path), mode=mode, file=_config.display_name(config_path))
        errors = [p for p in found if p.rule == "clinic-facts"]
        if errors:
            if not write_report(errors):
                for p in errors:
                    log.error(str(p))
            raise PluginError(self._closing(errors, "the clinic facts in mkdocs.yml"))
        # Facts still equal to their samples, for the home page's preview marks
        # (components find them themselves; production refuses them anyway).
        config["extra"]["sample_facts"] = facts.sample_facts(config["extra"].get("clinic"))
        # The output allowlist runs inside Markdown (so Zensical runs it too): on
        # even when a site's mkdocs.yml forgets to list it.
        if "clinicsite.allowlist" not in config.markdown_extensions:
            config.markdown_extensions.append("clinicsite.allowlist")
        self.refused = []
        # The page checks read only source files: they run beside MkDocs' own work.
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clinic-checks")
        self.checks = self.pool.submit(self._run_checks, config, mode, found)
        return config

    @staticmethod
    def _run_checks(config, mode, fact_problems):
        given = os.environ.get(CHECKS_FROM_ENV)
        if given:
            found = read_report(given)
            if found is not None:
                return found
        found = checks.run_config(config, mode=mode, fact_problems=fact_problems)[1]
        write_report(found)  # at once: the preview shows a page's problems before the build ends
        return found

    def _collect(self) -> list:
        if self.checks is None:
            return []
        try:
            found = self.checks.result()
        finally:
            self.pool.shutdown()
            self.checks = self.pool = None
        # The allowlist's problems, unless a source check already named that line.
        named = {(p.file, p.line) for p in found if p.severity == "error"}
        return found + [p for p in self.refused if (p.file, p.line) not in named]

    def _report(self, found) -> list:
        # In production the launch problems are errors, so this is empty there.
        launch = [p for p in found if p.severity == "warning" and p.rule in LAUNCH_RULES]
        # Warnings go out at INFO level: `mkdocs build --strict` fails on WARNING,
        # and the project's warnings must never fail a build. With a report file,
        # whoever asked for it prints the problems (scripts/build.py, the preview).
        for p in [] if os.environ.get(REPORT_ENV) else found:
            if p.severity == "error":
                log.error(str(p))
            elif p.rule not in LAUNCH_RULES:
                log.info(str(p))
        if launch:
            summary = ", ".join(f"{n} {rule}" for rule, n in sorted(Counter(p.rule for p in launch).items()))
            log.info(f"Launch: {len(launch)} thing(s) to finish before the public build ({summary}). "
                     "List them: python3 scripts/check.py --launch")
        return _problems.errors(found)

    @staticmethod
    def _closing(errors, what="the pages") -> str:
        if os.environ.get(REPORT_ENV):
            return REPORTED  # the caller prints the list from the report file
        return "\n" + _problems.report(errors, modes.current(), "the build")

    def on_post_page(self, output, page, config):
        # Where each page went, by the name its problems carry (docs/x.md): the preview links to it.
        if page.file.abs_src_path:
            source = Path(page.file.abs_src_path)
            root = Path(config.config_file_path).resolve().parent
            name = source.relative_to(root).as_posix() if source.is_relative_to(root) else page.file.src_uri
            self.pages[name] = page.url
        return output

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        found = self._collect()
        errors = self._report(found)
        write_report(found, self.pages)
        # The live preview shows a page's problems on that page and keeps the rest
        # of the site readable; only a mistake in the settings stops its build.
        if errors and not os.environ.get(PREVIEW_ENV):
            raise PluginError(self._closing(errors))
        if self.config.publish:
            try:
                # The preview shows a refused page as its notice and keeps the rest readable.
                publish.run(config.site_dir, config, check=not os.environ.get(PREVIEW_ENV))
            except publish.PublishError as err:
                log.error(str(err))
                raise PluginError(f"The publishing step stopped this {modes.current()} build:\n  {err}")

    @event_priority(100)  # before the blog plugin, which reads its posts in on_files
    def on_files(self, files, config):
        """Files that must never be read or copied are taken out of the build:
        symbolic links and files outside docs/ (the build machine's secrets), and
        blog posts that are not UTF-8 or too big (the blog plugin reads those
        itself, with a traceback). The checks name each one, so the build still fails."""
        if not self.config.enabled:
            return files
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            path = Path(file.abs_src_path) if file.abs_src_path else None
            if path is None or not path.is_relative_to(docs):
                continue  # the theme's own files
            # Before anything opens it: a pipe would hang the build, a device never end.
            try:
                regular = stat.S_ISREG(os.lstat(path).st_mode)
            except OSError:
                regular = False
            outside = not regular or not path.resolve().is_relative_to(docs)
            if (outside or not publishable(file.src_uri) or theme_file(config, file.src_uri)
                    or (file.src_uri.endswith(".md") and stand_in(path, self.config.max_article_kb))):
                files.remove(file)
        return files

    def on_page_content(self, html, page, config, files):
        """A page the allowlist refused (clinicsite/allowlist.py) holds a notice
        instead of its HTML: name the source file and the line of each problem."""
        if not self.config.enabled or allowlist.REFUSED not in html:
            return html
        from .problems import Problem

        source = page.markdown or ""
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        offset = source_offset(page.file.abs_src_path, source)
        for item in allowlist.refused_items(html):
            line = allowlist.source_line(source, item.find) + offset
            self.refused.append(Problem(shown, line, "output-html", f"in the built page, {item.message}",
                                        allowlist.FIX))
        return html

    def on_build_error(self, error):
        self._collect()
        # A failed build must leave nothing that could be uploaded by hand.
        # (`mkdocs serve` builds into its own temporary folder: leave that alone.)
        if self.command == "build" and self.site_dir and self.site_dir.is_dir():
            shutil.rmtree(self.site_dir, ignore_errors=True)
            log.error(f"The build failed, so {self.site_dir.name}/ was removed: nothing half-built can be published.")


def source_offset(path, markdown: str) -> int:
    """Lines of front matter MkDocs took off the top of a page before `markdown`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, TypeError):
        return 0
    at = text.find(markdown[:200]) if markdown.strip() else -1
    return text[:at].count("\n") if at > 0 else 0
