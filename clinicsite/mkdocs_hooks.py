"""Runs the project's checks during `mkdocs build` (the same code as `scripts/check.py`).

Only checks live here: nothing a visitor sees depends on hooks, because
Zensical, Material's successor, ignores them. `scripts/check.py` runs the same
checks without a build, so nothing is lost if a builder skips this hook.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from clinicsite import checks, problems as _problems

log = logging.getLogger("mkdocs.clinic")


def on_config(config, **kwargs):
    ctx, found = checks.run(config.config_file_path)
    for p in found:
        # Warnings go out at INFO level: `mkdocs build --strict` fails on WARNING,
        # and the project's warnings must never fail a build.
        (log.error if p.severity == "error" else log.info)(str(p))
    errors = _problems.errors(found)
    if errors:
        raise PluginError(
            f"{len(errors)} problem(s) above must be fixed before this {ctx.mode} build can finish "
            "(each line names the file, the line, the rule and the fix; EDITING.md explains every rule)."
        )
    return config
