"""Build modes (see README "Build modes"), chosen by one setting: SITE_MODE.

preview (default): fictional facts and placeholders are warnings.
production: the deploy build; every launch problem is an error.
test: like preview, but "today" can be injected with SITE_TODAY so that
      date rules never start failing on their own when a date passes.
"""
from __future__ import annotations

import datetime as _dt
import os

MODES = ("preview", "production", "test")


def current() -> str:
    mode = os.environ.get("SITE_MODE", "preview").strip().lower() or "preview"
    if mode not in MODES:
        raise SystemExit(
            f"SITE_MODE={mode!r} is not a build mode (fix: use one of {', '.join(MODES)})"
        )
    return mode


def today() -> _dt.date:
    injected = os.environ.get("SITE_TODAY")
    if injected and current() == "test":
        return _dt.date.fromisoformat(injected)
    return _dt.date.today()
