"""Reading the site's configuration: MkDocs reads and validates mkdocs.yml
(its `!ENV` values included); this module only adds the line of each key, for
problems that must say `mkdocs.yml:LINE`.

During a build the plugin is handed MkDocs' config and never reads the file
for values; the check command, which runs without a build, asks MkDocs to load
it the same way.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import yaml


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Composes the YAML node tree only (no values, no tags run): enough for lines."""


def load(config_path: str | Path = "mkdocs.yml"):
    """MkDocs' validated config of the site (a MkDocsConfig, used like a dict)."""
    from mkdocs.config import load_config

    # MkDocs logs which file it read at INFO; the check command has its own output.
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        return load_config(config_file=str(Path(config_path).resolve()))
    finally:
        logger.setLevel(level)


def lines(config_path: str | Path) -> dict[str, int]:
    """Dotted key -> line number in the file, e.g. `extra.clinic.phone.e164` -> 92."""
    path = Path(config_path).resolve()
    stat = path.stat()
    return dict(_lines(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _lines(path: str, _mtime: int, _size: int) -> tuple:
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError:
        return ()  # MkDocs has already said what is wrong with the file
    found: dict[str, int] = {}

    def walk(n, prefix):
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = f"{prefix}.{k.value}" if prefix else str(k.value)
                found.setdefault(key, k.start_mark.line + 1)
                walk(v, key)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                found.setdefault(f"{prefix}.{i}", v.start_mark.line + 1)
                walk(v, f"{prefix}.{i}")

    walk(node, "")
    return tuple(found.items())


def display_name(config_path: str | Path) -> str:
    """How problems name the file: `mkdocs.yml`, as staff know it."""
    path = Path(config_path)
    return "mkdocs.yml" if path.name == "mkdocs.yml" else str(path)


def plugin_settings(config) -> dict:
    """The clinic plugin's options (reading grade, review period, ...), or its defaults."""
    from .plugin import ClinicConfig

    plugin = (config.get("plugins") or {}).get("clinic") if hasattr(config.get("plugins"), "get") else None
    if plugin is not None:
        return dict(plugin.config)
    defaults = ClinicConfig()
    defaults.load_dict({})
    defaults.validate()
    return dict(defaults)


class TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads mkdocs.yml as plain data, its Python and !ENV tags as empty: for
    comparing the file's shape before and after an edit (scaffold.py)."""


TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
