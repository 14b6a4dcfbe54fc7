"""The one place that reads the site's settings: MkDocs' validated config of
mkdocs.yml (its `!ENV` values included), the line of each key (for problems
that must say `mkdocs.yml:LINE`), the clinic plugin's options (`ClinicConfig`),
the blog plugin's options, and the settings gate.

The gate (`gate`): MkDocs loads mkdocs.yml with PyYAML's full loader, so a tag
such as `!!python/object/apply:os.system` runs a command on the build machine
(a pull request's deploy preview builds before anyone reviews it). Before
MkDocs reads the file, the build, serve and check commands compose it (YAML's
node tree: no tag runs) and refuse every tag but `!ENV` where the build mode
is read, and `!!python/name:` for the few functions in PYTHON_NAMES. `load`
runs the gate first, and so does the plugin, so a plain `mkdocs build` still
fails on such a file (after MkDocs has read it: use the commands).

During a build the plugin is handed MkDocs' config and never reads the file
for values; the check command, which runs without a build, asks MkDocs to load
it the same way.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Composes the YAML node tree only (no values, no tags run): enough for lines."""


# Tags YAML itself resolves to plain data (strings, numbers, lists, mappings, `<<`).
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
              ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
# Functions mkdocs.yml may name with `!!python/name:` (the emoji extension's index and writer).
PYTHON_NAMES = {
    "material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
    "pymdownx.emoji.twemoji", "pymdownx.emoji.to_svg", "pymdownx.emoji.to_png", "pymdownx.emoji.to_alt",
}
# The only settings that may come from the build machine's environment (`!ENV`):
# the build mode. A fact, a call to action or a crisis line is written in the file.
ENV_KEYS = {"extra.mode"}


class SettingsError(Exception):
    """mkdocs.yml holds something the gate refuses; str() is `mkdocs.yml:LINE: ...`."""


def gate(config_path: str | Path = "mkdocs.yml") -> None:
    """Raises SettingsError for a tag outside the allowlist (naming its line),
    before anything constructs a value from the file."""
    path = Path(config_path)
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=_LineLoader)
    except OSError as err:
        raise SettingsError(f"{name}: cannot be read ({err.strerror}) (fix: check the file's name)") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{name}: is not UTF-8 text (fix: save it as UTF-8)") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise SettingsError(f"{name}{line}: settings: the file is not valid YAML "
                            f"({getattr(err, 'problem', None) or err}) (fix: compare the line with the ones around it)") from None
    problems, seen = [], set()

    def walk(node, key):
        if id(node) in seen:
            return
        seen.add(id(node))
        line = node.start_mark.line + 1
        tag = node.tag or ""
        if tag == "!ENV":
            if key not in ENV_KEYS:
                problems.append(f"{name}:{line}: settings: `{key}` takes its value from the build machine's "
                                f"environment (`!ENV`), which could put a secret into every page (fix: write the "
                                f"value itself; only {', '.join(sorted(ENV_KEYS))} may use !ENV)")
            return
        if tag.startswith("tag:yaml.org,2002:python/name:") and tag.split(":", 3)[-1] in PYTHON_NAMES:
            return
        if tag not in PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(f"{name}:{line}: settings: the tag `{shown[:80]}` is not accepted: a tag can run code "
                            f"on the build machine (fix: remove the tag and write plain text, a number, a list or "
                            f"a mapping)")
            return
        if key == "INHERIT":
            problems.append(f"{name}:{line}: settings: `INHERIT` reads another file the gate has not checked "
                            f"(fix: keep every setting in this one file)")
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(k, key)
                walk(v, f"{key}.{k.value}" if key else str(k.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{key}.{i}")

    if root is not None:
        walk(root, "")
    if problems:
        raise SettingsError("\n".join(problems))


def load(config_path: str | Path = "mkdocs.yml", mode: str | None = None):
    """MkDocs' validated config of the site (a MkDocsConfig, used like a dict),
    after the settings gate (SettingsError when it refuses the file).
    `mode` overrides the build mode that mkdocs.yml reads from SITE_MODE, in the
    config itself (templates read `extra.mode`), never through os.environ."""
    from mkdocs.config import load_config

    gate(config_path)

    # MkDocs logs which file it read at INFO; the check command has its own output.
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        config = load_config(config_file=str(Path(config_path).resolve()))
    finally:
        logger.setLevel(level)
    if mode:
        config["extra"]["mode"] = mode
    return config


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


class ClinicConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Flesch-Kincaid grade above which a page fails (NHS.UK aims at 9-11 years old, about US grade 4-6).
    reading_grade_max = c.Type((int, float), default=8)
    # How far ahead new articles set next_review (scripts/new_article.py).
    review_period_months = c.Type(int, default=12)
    # Largest article, in KB of Markdown, before Markdown runs (a huge file would stall the build).
    max_article_kb = c.Type(int, default=200)
    # Write _headers, the policy tag, _redirects and robots.txt after the build.
    publish = c.Type(bool, default=True)
    # HSTS for every subdomain too: only when each one (webmail, booking, ...)
    # serves HTTPS, or browsers will refuse to open it (HOSTING.md).
    hsts_include_subdomains = c.Type(bool, default=False)



def plugin_settings(config) -> dict:
    """The clinic plugin's options (reading grade, review period, ...), or its defaults."""
    plugin = (config.get("plugins") or {}).get("clinic") if hasattr(config.get("plugins"), "get") else None
    if plugin is not None:
        return dict(plugin.config)
    defaults = ClinicConfig()
    defaults.load_dict({})
    defaults.validate()
    return dict(defaults)


def blog_options(config) -> dict | None:
    """The blog plugin's options, from MkDocs' config (plugin objects) or a plain mapping (a list of entries)."""
    plugins = config.get("plugins") or []
    if hasattr(plugins, "items"):  # MkDocs' validated config: name -> plugin
        for name, plugin in plugins.items():
            if name.split("/")[-1] == "blog":
                return dict(getattr(plugin, "config", {}) or {})
        return None
    for entry in plugins:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name in ("blog", "material/blog"):
            return options or {}
    return None


def blog_dir(config) -> str | None:
    options = blog_options(config)
    return None if options is None else str(options.get("blog_dir", "blog")).strip("/")



class TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads mkdocs.yml as plain data, its Python and !ENV tags as empty: for
    comparing the file's shape before and after an edit (scaffold.py)."""


TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
