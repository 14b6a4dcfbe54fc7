"""Runs the project's checks during `mkdocs build` (the same code as `scripts/check.py`).

Only checks live here: nothing a visitor sees depends on hooks, because
Zensical, Material's successor, ignores them.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from clinicsite import facts, modes, problems as _problems

log = logging.getLogger("mkdocs.clinic")


def on_config(config, **kwargs):
    found = _problems.sort(facts.check(config.config_file_path, mode=modes.current()))
    for p in found:
        (log.error if p.severity == "error" else log.info)(str(p))
    errors = _problems.errors(found)
    if errors:
        raise PluginError(f"{len(errors)} problem(s) must be fixed before this {modes.current()} build can finish.")
    return config
