"""mkdocs-macros entry point. It only loads the data and registers variables and macros;
all rendering lives in small pure functions in the sibling modules, tested without MkDocs."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import (assets, care_cards, clinic, clock, env_clinics, env_pictures, env_print, env_tools, glossary,
               guard, page_checks, raw_html, render_planner, render_sources)
from .data import (DataError, clinic_settings_file, front_matter_date_problems, load_site_data,
                   symlink_problems)
from .html import fmt_num

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCE_KINDS = {"label": "Drug labels", "device": "Pump makers and regulators",
                "study": "Studies and expert guidance", "patient": "Hospital and patient leaflets"}


def define_env(env):
    builtin_macros = set(env.macros)  # mkdocs-macros' own (now, context, ...); ours are added below
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

    env.variables["data"] = site
    env.variables["pumps"] = site.pumps
    env.variables["drug"] = site.drug
    env.variables["refill"] = site.refill
    # Clinic settings are plain text. Pages get them Markdown- and HTML-inert ({{ pump_team }} shows the
    # literal text); render functions take the raw text from site.clinic and escape it once.
    env.variables["clinic"] = clinic.inert_settings(site.clinic)
    env.variables.update(clinic.page_variables(site.clinic))
    # The theme's templates (footer, PDF cover) read the clinic through config.extra, as raw text that
    # they escape with `| e`, and with the tel: links already made.
    extra["clinic"] = clinic.template_values(site.clinic)

    env.filter(fmt_num, "num")
    env.filter(render_planner.about_in_brackets, "about_in_brackets")  # " (about 6 months)", from the value

    @env.filter
    def span(r, unit=""):
        """A sourced range as words: 'from 4 to 8 hours' reads better than '4-8'."""
        suffix = f" {unit}" if unit else ""
        return f"{fmt_num(r.min)} to {fmt_num(r.max)}{suffix}"

    @env.macro
    def cite(*ids):
        """Inline citation; every id must also be in the page's front-matter sources."""
        listed = env.page.meta.get("sources") or []
        missing = [i for i in ids if i not in listed]
        if missing:
            raise ValueError(f"cite({', '.join(ids)}): {', '.join(missing)} not in this page's front-matter sources")
        return render_sources.cite(ids, site.sources, listed)

    @env.macro
    def all_sources():
        return render_sources.all_sources(site.sources, SOURCE_KINDS)

    @env.macro
    def glossary_list():
        return glossary.glossary_list(site.glossary)

    @env.macro
    def care_card(kind, title, items, body_html=""):
        # care_card escapes the title itself: a page variable in it ('Call ' ~ pump_team ~ ' today if:')
        # comes inert, so turn it back to plain text first (items are HTML, where inert text is right).
        return care_cards.care_card(kind, clinic.plain(title), items, body_html)

    @env.macro
    def clinic_contacts():
        return clinic.contact_block(site.clinic)

    for module in (env_tools, env_pictures, env_clinics, env_print):
        module.register(env, site)
    # Every project macro fails with one clear line (page, macro, arguments), never a traceback.
    # (A Jinja filter, such as num or span, is plain formatting and is left as it is.)
    for name in set(env.macros) - builtin_macros:
        env.macros[name] = guard.guarded(name, env.macros[name], lambda: env.page.file.src_path)
    assets.register(env)  # each page links only the scripts and styles its macros need (macros/assets.py)
    raw_html.register(env)  # large macro HTML skips Markdown's parsers (macros/raw_html.py)

    _forget_cached_modules()


def on_pre_page_macros(env):
    site = env.variables["data"]
    known = set(env.variables) | set(env.macros) | set(env.env.globals) | set(env.page.meta) | {"page"}
    guard.check_page_template(env.env, env.markdown, known, env.page.file.src_path)
    try:
        today = clock.today()  # ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date
    except clock.ClockError as exc:
        raise PluginError(str(exc)) from None
    problems = page_checks.front_matter_problems(env.page.meta, env.page.file.src_path, set(site.sources), today)
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
