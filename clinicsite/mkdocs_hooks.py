"""Runs the project's checks during `mkdocs build` (the same code as `scripts/check.py`).

Only checks live here: nothing a visitor sees depends on hooks, because
Zensical, Material's successor, ignores them. `scripts/check.py` runs the same
checks without a build, so nothing is lost if a builder skips this hook.

The checks run in a second process, started when the build starts, so that on
a machine with two or more cores they cost the build almost no time; the build
waits for them at its end and fails if they found any error.
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from mkdocs.exceptions import PluginError

from clinicsite import checks, modes, problems as _problems

log = logging.getLogger("mkdocs.clinic")
_running = {}


def on_config(config, **kwargs):
    # "fork" copies this process, modules already imported: the checks start at once.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    _running["checks"] = (pool, pool.submit(checks.problems_of, config.config_file_path))
    return config


def _report():
    pool, future = _running.pop("checks", (None, None))
    if future is None:
        return []
    try:
        found = future.result()
    finally:
        pool.shutdown()
    for p in found:
        # Warnings go out at INFO level: `mkdocs build --strict` fails on WARNING,
        # and the project's warnings must never fail a build.
        (log.error if p.severity == "error" else log.info)(str(p))
    return _problems.errors(found)


def on_post_build(config, **kwargs):
    errors = _report()
    if errors:
        raise PluginError(
            f"{len(errors)} problem(s) above must be fixed before this {modes.current()} build can finish "
            "(each line names the file, the line, the rule and the fix; EDITING.md explains every rule)."
        )


def on_build_error(error, **kwargs):
    _report()  # the build failed for another reason: still show what the checks found
