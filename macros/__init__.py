"""mkdocs-macros entry point. It only loads the data and registers variables and macros;
all rendering lives in small pure functions in the sibling modules, tested without MkDocs."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

if __name__ not in sys.modules:  # (tests/unit/test_engine_ties.py loads it this way)
    # Loaded from its file, not imported as a package: Zensical's macros extension does that, with nothing on
    # sys.path for the project folder. Put the folder there, so the relative imports below find the package.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from . import clock, glossary, guard, page_checks, pages, registry, render_sources
from .data import (DataError, clinic_settings_file, front_matter_date_problems, load_site_data,
                   symlink_problems)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def define_env(env):
    extra = env.conf["extra"]
    project = Path(env.project_dir)
    # Nothing is read before these pass: links that lead out of the project, the settings file a config names
    # (a misspelled key must not build the generic site), impossible dates in front matter.
    problems = symlink_problems(project) + front_matter_date_problems(Path(env.conf["docs_dir"]))
    if problems:
        raise PluginError("The site data is not valid, so nothing was built:\n" + "\n".join(problems))
    try:
        clinic_path = clinic_settings_file(extra, Path(env.conf.config_file_path or "mkdocs.yml"), project)
        site = load_site_data(DATA_DIR, clinic_file=clinic_path)
    except DataError as exc:
        raise PluginError(f"The site data is not valid, so nothing was built:\n{exc}") from None

    registry.register(env, site)  # every macro, filter and page variable: macros/registry.py

    _forget_cached_modules()


def on_pre_page_macros(env):
    site = env.variables["data"]
    known = registry.known_names(env)
    guard.check_page_template(env.env, env.markdown, known, pages.source_path(env.page))
    try:
        today = clock.today()  # ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date
    except clock.ClockError as exc:
        raise PluginError(str(exc)) from None
    problems = page_checks.front_matter_problems(env.page.meta, pages.source_path(env.page), set(site.sources), today)
    if problems:
        raise PluginError("\n".join(problems))


def on_post_page_macros(env):
    site = env.variables["data"]
    env.markdown += render_sources.page_sources(env.page.meta["sources"], site.sources)
    env.markdown += glossary.abbreviations(site.glossary, env.markdown)  # only the terms on this page


def on_post_build(env):
    # The link check of the built site runs after print-site has written /print_page/: hooks/site_link_check.py.
    _forget_cached_modules()  # again: nothing imported during page rendering may outlive this build


def _forget_cached_modules():
    """mkdocs-macros imports this package once and caches it in sys.modules, so `mkdocs serve`
    would keep running old code. Dropping the cache here makes each rebuild import fresh code.
    (Keep imports at module top: an import inside a function re-imports the package mid-build.)"""
    for name in [n for n in sys.modules if n == __name__ or n.startswith(__name__ + ".")]:
        del sys.modules[name]
