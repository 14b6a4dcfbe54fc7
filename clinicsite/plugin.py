"""The generator as a MkDocs plugin (`plugins: - clinic` in mkdocs.yml).

It wires in what also runs as a command, so that `mkdocs build`, `mkdocs
serve`, scripts/build.py and the deploy all produce the same files:
- on_config: validates the clinic facts (a malformed fact stops the build with
  `mkdocs.yml:LINE` problems before any template or component reads it), and
  starts the page checks on a thread;
- on_post_build: reports the checks (errors first; launch warnings summed up in
  one line outside production), then runs the publishing step
  (clinicsite/publish.py: headers, policy, redirects, robots);
- on_files: symbolic links, files outside docs/ and unreadable or oversized
  pages are taken out of the build before anything reads or copies them;
- on_build_error: a failed `mkdocs build` leaves no site folder to upload.

Nothing a visitor sees depends on this plugin: Zensical, Material's successor,
runs no MkDocs plugin, so there `python3 scripts/check.py` and
`python3 -m clinicsite.publish SITE_DIR` run the same steps as commands.
"""
from __future__ import annotations

import logging
from collections import Counter
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import config as _config
from . import facts, modes, problems as _problems
from .config import ClinicConfig
from .rules import LAUNCH_RULES

log = logging.getLogger("mkdocs.plugins.clinic")

class ClinicPlugin(BasePlugin[ClinicConfig]):
    def __init__(self):
        self.command = "build"
        self.pool: ThreadPoolExecutor | None = None
        self.checks: Future | None = None
        self.site_dir: Path | None = None

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        self.site_dir = Path(config.site_dir)
        if not self.config.enabled:
            return config
        mode = modes.current()
        config_path = config.config_file_path
        found = facts.check(config, _config.lines(config_path), mode=mode, file=_config.display_name(config_path))
        errors = [p for p in found if p.rule == "clinic-facts"]
        if errors:
            for p in errors:
                log.error(str(p))
            raise PluginError(self._closing(errors, "the clinic facts in mkdocs.yml"))
        # The page checks read only source files: they run beside MkDocs' own work.
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clinic-checks")
        self.checks = self.pool.submit(self._run_checks, config, mode, found)
        return config

    @staticmethod
    def _run_checks(config, mode, fact_problems):
        from . import checks

        return checks.run_config(config, mode=mode, fact_problems=fact_problems)[1]

    def _collect(self) -> list:
        if self.checks is None:
            return []
        try:
            found = self.checks.result()
        finally:
            self.pool.shutdown()
            self.checks = self.pool = None
        return found

    def _report(self, found) -> list:
        # In production the launch problems are errors, so this is empty there.
        launch = [p for p in found if p.severity == "warning" and p.rule in LAUNCH_RULES]
        # Warnings go out at INFO level: `mkdocs build --strict` fails on WARNING,
        # and the project's warnings must never fail a build.
        for p in found:
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
        lines = "\n".join(f"  {p}" for p in errors)
        return (f"{len(errors)} error(s) in {what} stop this {modes.current()} build "
                f"(EDITING.md explains every rule):\n{lines}")

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        errors = self._report(self._collect())
        if errors:
            raise PluginError(self._closing(errors))
        if self.config.publish:
            from . import publish

            try:
                publish.run(config.site_dir, config)
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
        from .read_guard import stand_in

        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            path = Path(file.abs_src_path) if file.abs_src_path else None
            if path is None or not path.is_relative_to(docs):
                continue  # the theme's own files
            outside = path.is_symlink() or not path.resolve().is_relative_to(docs)
            if outside or (file.src_uri.endswith(".md") and stand_in(path)):
                files.remove(file)
        return files

    def on_build_error(self, error):
        self._collect()
        # A failed build must leave nothing that could be uploaded by hand.
        # (`mkdocs serve` builds into its own temporary folder: leave that alone.)
        if self.command == "build" and self.site_dir and self.site_dir.is_dir():
            shutil.rmtree(self.site_dir, ignore_errors=True)
            log.error(f"The build failed, so {self.site_dir.name}/ was removed: nothing half-built can be published.")
