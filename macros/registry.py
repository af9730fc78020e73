"""Every macro, filter and page variable of the site, in one place.

`register(env, site)` is the only code that talks to mkdocs-macros' registration API. Above it, one flat list:
each macro is a small function named as pages call it, which takes the current page (`Page`) and the page's
arguments, and calls one pure render function from the sibling modules (tested without MkDocs). So to find
what `{{ danger_signs_card('urgent') }}` does, read `danger_signs_card` below, then the render function it calls.

Per page, there is one id maker (`Page.ids`, prefixed with the page's slug so the combined print page never
repeats an id) and one maker for the fixed heading anchors of /emergency/ (`Page.anchors`).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import (assets, care_cards, clinic, clock, dates, glossary, guard, pages, planner_links, raw_html,
               render_actions, render_charts, render_clinics, render_outcomes, render_pictures, render_planner,
               render_print, render_sources, render_symptoms, render_tables)
from .html import IdMaker, esc, fmt_num

SOURCE_KINDS = {"label": "Drug labels", "device": "Pump makers and regulators",
                "study": "Studies and expert guidance", "patient": "Hospital and patient leaflets"}
# The pump whose replacement warning (data/pumps.yml) the single-tone alarm's meaning quotes, the pump drawn in
# the ITB system picture, and the pumps drawn at real size (ids in data/pumps.yml).
SIGNS_PUMP = SYSTEM_PUMP = "synchromed-ii-40"
REAL_SIZE_PUMPS = ("synchromed-ii-20", "synchromed-ii-40")
QR_DIR = "qr"  # below the site root: qr/<name>.svg, one file per address
# Made QR files, kept by address between builds (gitignored): making one costs about 5-10 ms of pure Python,
# and the link list has about 200. The file name is a hash of the address and of render_clinics' QR settings
# and code, so a changed address or drawing makes a new file; a stale one is never used.
QR_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "qr"
DOWNLOADS = {
    "handbook": (render_print.HANDBOOK_PDF, "Download the whole handbook as a PDF",
                 "(to print, or to read without a connection)"),
    "offline": (render_print.OFFLINE_ZIP, "Download the offline copy of this website",
                "(a zip file: unzip it and open index.html; it works without a connection)"),
    "emergency-card": (render_print.HANDOUT_PDFS["emergency-card"], "Download the wallet card as a PDF", ""),
    "pump-record": (render_print.HANDOUT_PDFS["pump-record"], "Download a blank pump record as a PDF", ""),
}


# ---------------------------------------------------------------------------------------- the current page

class Page:
    """What a macro knows about the page it runs on, and the site's data. Built once per build."""

    def __init__(self, env, site):
        self.env, self.site = env, site
        self._makers: dict[str, tuple[IdMaker, IdMaker]] = {}
        self.qr_written: dict[str, str] = {}  # QR file name -> address, for this build

    @property
    def page(self):
        return self.env.page

    @property
    def conf(self):
        return self.env.conf

    @property
    def src_path(self) -> str:
        return pages.source_path(self.env.page)

    @property
    def ids(self) -> IdMaker:
        """The page's one id maker: unique ids even when a macro runs twice on a page."""
        return self._maker()[0]

    @property
    def anchors(self) -> IdMaker:
        """Fixed heading anchors (no prefix), for the ids clinics link to."""
        return self._maker()[1]

    def _maker(self) -> tuple[IdMaker, IdMaker]:
        key = self.src_path
        if key not in self._makers:
            self._makers[key] = (IdMaker(pages.page_slug(key)), IdMaker(""))
        return self._makers[key]

    @property
    def team(self) -> str:
        return clinic.pump_team(self.site.clinic)  # raw text: the render functions escape it

    @property
    def wording(self) -> dict[str, str]:
        return {"emergency_number": self.site.clinic.emergency_number, "pump_team": self.team}

    @property
    def phones(self) -> render_symptoms.Phones:
        c = self.site.clinic
        return render_symptoms.Phones(emergency=c.emergency_number, pump_team=c.pump_team_phone,
                                      after_hours=c.after_hours_phone)

    @property
    def site_url(self) -> str:
        return self.conf["site_url"]

    @property
    def public_url(self) -> str | None:
        """The site's public address, or None in a local build (macros/site_url.py decides): pages then show
        notes instead of addresses and QR codes, never the placeholder (issue 23)."""
        return render_print.published_url(self.site_url)

    def local_href(self, path: str, anchor: str | None = None) -> str:
        """A link from the current page to path#anchor in this copy ('faq/' is faq.html in the offline copy)."""
        if path == "":
            path = "index.html"  # "../" would become "#." on the combined print page (print-site)
        elif not self.conf["use_directory_urls"] and path.endswith("/"):
            path = path.rstrip("/") + ".html"
        href = render_print.relative_to_page(path, self.page.url or "") or "./"
        return href + (f"#{anchor}" if anchor else "")

    def cite(self, ids, what: str = "cite") -> str:
        """Citation numbers for the page's own source list; every id must be in the page's front matter."""
        listed = self.page.meta.get("sources") or []
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in listed]
        if missing:
            raise ValueError(f"{what} uses {', '.join(missing)}: add {', '.join(missing)} to the front-matter "
                             f"sources of {self.src_path}")
        return render_sources.cite(tuple(ids), self.site.sources, listed)

    def sources_line(self, ids, what: str) -> str:
        return f'<p class="care-card-sources">Sources: {self.cite(ids, what)}</p>'

    def relative(self, path: str) -> str:
        return render_print.relative_to_page(path, self.page.url)

    def pump(self, pump_id: str, macro: str):
        if pump_id not in self.site.pumps:
            raise ValueError(f"{macro}(): pump {pump_id!r} is not in data/pumps.yml "
                             f"(known: {', '.join(self.site.pumps)})")
        return self.site.pumps[pump_id]

    def warning_days(self) -> float:
        days = self.pump(SIGNS_PUMP, "the single-tone alarm").replacement_warning_days.value
        if days is None:
            raise ValueError(f"data/pumps.yml: {SIGNS_PUMP}.replacement_warning_days is unknown, but the "
                             f"single-tone alarm's meaning needs it")
        return days

    def qr_file(self, url: str, label: str, lazy: bool = False) -> str:
        """Writes the address's QR code to the built site once per build; returns an <img> of it."""
        name = render_clinics.qr_file_name(self.site_url, url)
        if self.qr_written.get(name, url) != url:
            raise ValueError(f"QR code file {QR_DIR}/{name} would hold two addresses: "
                             f"{self.qr_written[name]} and {url}")
        if name not in self.qr_written:
            out = Path(self.conf["site_dir"]) / QR_DIR / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_clinics.cached_qr_file_svg(url, QR_CACHE), encoding="utf-8")
            self.qr_written[name] = url
        src = get_relative_url(f"{QR_DIR}/{name}", self.page.url or ".")
        return render_clinics.qr_img(src, url, label, lazy=lazy)


# ---------------------------------------------------------------------------------- sources and glossary

def cite(p: Page, *ids):
    """Inline citation; every id must also be in the page's front-matter sources."""
    return render_sources.cite(ids, p.site.sources, p.page.meta.get("sources") or [])


def all_sources(p: Page):
    return render_sources.all_sources(p.site.sources, SOURCE_KINDS)


def glossary_list(p: Page):
    return glossary.glossary_list(p.site.glossary)


# ---------------------------------------------------------------------------------- cards and advice

def care_card(p: Page, kind, title, items, body_html=""):
    # care_card escapes the title itself: a page variable in it ('Call ' ~ pump_team ~ ' today if:')
    # comes inert, so turn it back to plain text first (items are HTML, where inert text is right).
    return care_cards.care_card(kind, clinic.plain(title), items, body_html)


def clinic_contacts(p: Page):
    return clinic.contact_block(p.site.clinic)


def _mark(p: Page) -> bool:
    """The generic build has no pump-team number: mark the pump-team actions for the reader's own
    (docs/javascripts/my-numbers.js adds a tap-to-call link once the reader saves one)."""
    return not p.site.clinic.pump_team_phone


def action(p: Page, action_id, unsure=False):
    """data/actions.yml: the row's one action sentence, inline (with data-action-id and data-tier)."""
    return render_actions.action_text(p.site.actions, action_id, unsure=unsure, mark=_mark(p), **p.wording)


def my_numbers_form(p: Page, where=True):
    """The reader's own pump-team numbers, kept in this browser only; a clinic's build has its own numbers."""
    return "" if p.site.clinic.pump_team_phone else render_actions.my_numbers_form(where=where)


def action_card(p: Page, *action_ids, level=None):
    """A care card for rows sharing an action, cited from the rows' sources."""
    rows = [render_actions.action_row(p.site.actions, i) for i in action_ids]
    cited = p.cite([s for row in rows for s in row.sources], "action_card()")
    return render_actions.action_card(p.site.actions, *action_ids, level=level, mark=_mark(p),
                                      sources_html=f'<p class="care-card__sources">Sources: {cited}</p>',
                                      **p.wording)


def emergency_care_cards(p: Page):
    values = {"replacement_warning_days": fmt_num(p.warning_days())}
    anchors = p.anchors if p.src_path == "emergency.md" else None  # fixed ids only on /emergency/
    s = p.site
    return (render_symptoms.emergency_care_cards(s.symptoms, anchors, **p.wording, alarms=s.alarms, phones=p.phones,
                                                 level=2 if anchors else 3, values=values)
            + p.sources_line(render_symptoms.card_sources(s.symptoms, s.alarms), "emergency_care_cards()"))


def danger_signs_cards(p: Page):
    """The same three cards on another page (children): h3 headings, no fixed ids (those belong to /emergency/)."""
    return emergency_care_cards(p)


def danger_signs_card(p: Page, tier, limit=None, also=True, group="body", level=3, refer=(), more=True):
    s = p.site
    values = {"replacement_warning_days": fmt_num(p.warning_days())}
    page = "emergency/" if p.conf["use_directory_urls"] else "emergency.html"
    more_href = p.relative(page + "#" + render_symptoms.CARD_ANCHOR[tier]) if more else ""
    card = render_symptoms.danger_signs_card(s.symptoms, tier, **p.wording, alarms=s.alarms, phones=p.phones,
                                             limit=limit, also=also, group=group, level=level, refer=tuple(refer),
                                             more_href=more_href, values=values)
    items = render_symptoms.tier_items(s.symptoms, tier, s.alarms, group)
    shown = items if also else items[:render_symptoms.DEFAULT_LIMIT[tier] if limit is None else limit]
    return card + p.sources_line([src for i in shown for src in i.sources], "danger_signs_card()")


def signs_list(p: Page, side, tier=None):
    return render_symptoms.signs_list(p.site.symptoms, side, tier, **p.wording)


def alarm_meanings(p: Page):
    s = p.site
    return (render_symptoms.alarm_meanings(s.alarms, s.symptoms, **p.wording, replacement_warning_days=p.warning_days())
            + p.sources_line([src for a in s.alarms.alarms for src in a.sources], "alarm_meanings()"))


# ---------------------------------------------------------------------------------- tables and charts

def refill_interval_table(p: Page):
    return render_tables.refill_interval_table(p.site.refill, p.ids, p.team)


def _chart_cite(p: Page):
    return lambda ids: p.cite(ids, "this chart's numbers")


def refill_interval_chart(p: Page):
    return render_charts.refill_interval_chart(p.site.refill, p.ids, cite=_chart_cite(p))


def trial_dose_chart(p: Page):
    return render_charts.trial_dose_chart(p.site.drug, p.ids, cite=_chart_cite(p))


def oral_vs_intrathecal_chart(p: Page):
    return render_charts.oral_vs_intrathecal_chart(p.site.drug, p.ids, cite=_chart_cite(p))


def symptom_comparison_chart(p: Page):
    return render_symptoms.symptom_comparison_chart(p.site.symptoms, p.ids, **p.wording, cite=_chart_cite(p))


def outcome(p: Page, figure_id):
    """data/outcomes.yml: 'About 23 in 100 people had ...', cited."""
    return render_outcomes.outcome_sentence(p.site.outcomes, figure_id, _chart_cite(p))


def people_figures(p: Page, *figure_ids):
    """data/outcomes.yml: icon arrays, each with its number in words beside it."""
    return render_outcomes.people_figures(p.site.outcomes, figure_ids, p.ids, _chart_cite(p))


# ---------------------------------------------------------------------------------- the refill planner

def refill_planner(p: Page):
    record = render_planner.record_href(Path(p.conf["docs_dir"]), p.conf["use_directory_urls"], p.page.url)
    # The page's address on the published site (directory URLs there, even when this is the offline copy).
    public = p.public_url
    public_page = render_clinics.absolute_url(public, render_clinics.page_path(p.src_path)) if public else None
    return render_planner.refill_planner(p.site.pumps, p.site.drug, p.site.refill, p.ids, p.team,
                                         p.conf["site_name"], record_href=record, public_page=public_page,
                                         actions=p.site.actions, emergency_number=p.site.clinic.emergency_number)


def refill_timeline(p: Page):
    return render_planner.refill_timeline(p.site.refill.default_margin_days.value, p.team, actions=p.site.actions,
                                          emergency_number=p.site.clinic.emergency_number)


# ---------------------------------------------------------------------------------- pictures

def itb_system_diagram(p: Page):
    return render_pictures.system_diagram(p.pump(SYSTEM_PUMP, "itb_system_diagram"), p.ids)


def real_size_pumps(p: Page):
    return render_pictures.real_size_pumps([p.pump(i, "real_size_pumps") for i in REAL_SIZE_PUMPS], p.ids)


def refill_visit_steps(p: Page):
    return render_pictures.refill_visit_steps(p.ids)


def alarm_sounds(p: Page, only=None):
    s = p.site
    shown = [a for a in s.alarms.alarms if only is None or a.id == only]
    alarm_ids = list(dict.fromkeys(i for a in shown for i in a.sources))
    cite_html = p.cite(alarm_ids, "alarm_sounds() (data/alarms.yml)") if alarm_ids else ""
    labels = render_symptoms.tier_labels(s.symptoms, s.clinic.emergency_number, p.team)
    return render_pictures.alarm_sounds(
        s.alarms, labels, s.clinic.emergency_number,
        {"replacement_warning_days": fmt_num(p.warning_days()), "pump_team": p.team}, p.ids,
        cite_html=cite_html, only=only)


# ---------------------------------------------------------------------------------- for clinics

def _linkable_pages(p: Page) -> list[render_clinics.LinkablePage]:
    def render_heading(text: str) -> str:
        # Page variables are inert (character references); the link list escapes titles itself.
        return clinic.plain(p.env.env.from_string(text).render(**p.env.variables)) if "{{" in text else text
    docs = Path(p.conf["docs_dir"])
    entries = []
    for title, md in render_clinics.nav_pages(p.conf["nav"]):
        path = docs / md
        if path.is_file():
            entries.append((title, md, path.read_text(encoding="utf-8")))
    macros = render_clinics.anchor_macros(p.site, p.site.clinic.emergency_number, p.team)
    return render_clinics.linkable_pages(entries, render_heading, macros)


def clinic_link_list(p: Page):
    return render_clinics.linkable_list_html(_linkable_pages(p), p.public_url, p.ids, qr=p.qr_file,
                                             local_href=p.local_href)


def clinic_downloads(p: Page):
    return render_clinics.downloads_html(p.public_url, qr=p.qr_file, local_href=p.local_href)


def discharge_note(p: Page, kind):
    text = render_clinics.discharge_note(kind, p.public_url, clinic.pump_team_contact(p.site.clinic),
                                         p.site.clinic.emergency_number, actions=p.site.actions)
    return render_clinics.discharge_note_html(kind, text, p.ids)


def planner_link_builder(p: Page):
    s = p.site
    defaults = {"margin": s.refill.default_margin_days.value}
    config = render_planner.planner_config(s.pumps, s.drug, s.refill, p.team, p.conf["site_name"], s.actions,
                                           s.clinic.emergency_number)
    return render_clinics.link_builder_html(s.pumps, s.refill.table.concentrations_mcg_per_ml, p.public_url, defaults,
                                            p.ids, config_html=render_print.config_script(config))


def planner_link_settings(p: Page):
    """The table of planner-link settings, from the same definitions the planner reads."""
    return planner_links.settings_table_html(p.site.pumps)


def site_link(p: Page, path):
    """The absolute address of a path on this site, as text (HTML-escaped); a local build shows where the
    address would go instead of a made-up one."""
    public = p.public_url
    return esc(render_clinics.absolute_url(public, path) if public else render_clinics.LOCAL_SITE + path)


def moved_section(p: Page, old_id, target, title):
    return render_clinics.moved_section(old_id, target, title)


# ---------------------------------------------------------------------------------- print and handouts

def emergency_card(p: Page, staff_steps):
    s = p.site
    # How soon, from data/actions.yml: "Call 911 now." -> "Call 911 now if I have:"
    call_now = render_actions.sentence(s.actions, "emergency-signs", **p.wording).rstrip(".")
    more = None
    public = p.public_url
    if public:
        base = public if public.endswith("/") else public + "/"
        more = base.split("://", 1)[-1] + ("for-emergency-staff/" if p.conf["use_directory_urls"]
                                           else "for-emergency-staff.html")
    return render_print.emergency_card(render_print.card_signs(s.symptoms), call_now=call_now,
                                       staff_steps=list(staff_steps), emergency_number=s.clinic.emergency_number,
                                       pump_team_phone=s.clinic.pump_team_phone, more_url=more)


def pump_record(p: Page):
    s = p.site
    # The planner's settings travel with the sheet, so pump-record.js can work out the dates from a planner link.
    config = render_planner.planner_config(s.pumps, s.drug, s.refill, p.team, p.conf["site_name"], s.actions,
                                           s.clinic.emergency_number)
    return render_print.pump_record(clinic_name=s.clinic.name, pump_team_phone=s.clinic.pump_team_phone,
                                    after_hours_phone=s.clinic.after_hours_phone,
                                    emergency_number=s.clinic.emergency_number,
                                    planner_config_html=render_print.config_script(config),
                                    local=p.public_url is None)


def refill_worksheet(p: Page):
    """The planner on paper. Its worked example is chosen from the data, never typed: the smallest pump of the
    refill table, its strongest medicine and its middle dose (20 mL, 2,000 mcg/mL, 400 mcg a day)."""
    return render_print.refill_worksheet(worksheet_example(p.site), pump_team=p.team)


def download_link(p: Page, name):
    """Link to a file made after the build (PDFs, offline zip), relative to the current page."""
    if name not in DOWNLOADS:
        raise ValueError(f"download_link: name must be one of {', '.join(DOWNLOADS)} (got {name!r})")
    if name == "offline" and p.conf["extra"].get("offline_copy"):
        return ""  # the offline copy cannot contain itself
    target, text, detail = DOWNLOADS[name]
    return render_print.download_link(p.relative(target), text, detail)


def worksheet_example(site) -> render_print.WorkedExample:
    t = site.refill.table
    reservoir = min(t.reservoirs_ml)
    pump = next((pp for pp in site.pumps.values() if pp.reservoir_ml.value == reservoir), None)
    if pump is None:
        raise ValueError(f"data/refill.yml: table.reservoirs_ml: no pump in data/pumps.yml holds {reservoir:g} mL "
                         "(the refill worksheet's example needs one)")
    doses = sorted(t.doses_mcg_per_day)
    return render_print.worked_example(
        pump_name=pump.name, reservoir_ml=pump.reservoir_ml.value, alarm_ml=pump.default_alarm_ml.value,
        conc=max(t.concentrations_mcg_per_ml), dose=doses[len(doses) // 2],
        margin_days=int(site.refill.default_margin_days.value), cap_days=int(site.refill.max_interval_days.value))


# ---------------------------------------------------------------------------------- the flat lists

MACROS: dict[str, Callable] = {f.__name__: f for f in (
    # sources and glossary
    cite, all_sources, glossary_list,
    # cards and advice (data/symptoms.yml, alarms.yml, actions.yml)
    care_card, clinic_contacts, action, action_card, my_numbers_form, emergency_care_cards, danger_signs_cards, danger_signs_card,
    signs_list, alarm_meanings,
    # tables and charts (data/refill.yml, drug.yml, symptoms.yml, outcomes.yml)
    refill_interval_table, refill_interval_chart, trial_dose_chart, oral_vs_intrathecal_chart,
    symptom_comparison_chart, outcome, people_figures,
    # the refill planner
    refill_planner, refill_timeline,
    # pictures
    itb_system_diagram, real_size_pumps, refill_visit_steps, alarm_sounds,
    # for clinics
    clinic_link_list, clinic_downloads, discharge_note, planner_link_builder, planner_link_settings, site_link,
    moved_section,
    # print and handouts
    emergency_card, pump_record, refill_worksheet, download_link,
)}


def span(r, unit=""):
    """A sourced range as words: 'from 4 to 8 hours' reads better than '4-8'."""
    suffix = f" {unit}" if unit else ""
    return f"{fmt_num(r.min)} to {fmt_num(r.max)}{suffix}"


FILTERS: dict[str, Callable] = {
    "num": fmt_num,                                        # 1,000 and 0.5, never 1000.0
    "span": span,                                          # a sourced range in words
    "about_in_brackets": render_planner.about_in_brackets,  # " (about 6 months)", from the value
}


def page_variables(site) -> dict:
    """What pages can read as {{ name }}. Clinic settings are plain text: pages get them Markdown- and HTML-inert
    ({{ pump_team }} shows the literal text); render functions take the raw text from site.clinic and escape it
    once."""
    return {"data": site, "pumps": site.pumps, "drug": site.drug, "refill": site.refill,
            "clinic": clinic.inert_settings(site.clinic), **clinic.page_variables(site.clinic)}


def template_values(conf, site) -> dict:
    """What the theme's templates (footer, PDF cover) read through config.extra: the clinic as raw text that they
    escape with `| e` (tel: links ready-made), the footer's date formatter, the PDF edition and public address."""
    try:
        day = clock.today()  # ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date
    except clock.ClockError as exc:
        raise PluginError(str(exc)) from None
    # A build for publishing must know its public address; a local build prints none (cover, card, handouts).
    problem = render_print.publish_problem(conf["site_url"], os.environ.get("ITB_PUBLISH"))
    if problem:
        raise PluginError(problem)
    return {"clinic": clinic.template_values(site.clinic),
            "itb_long_date": dates.long_date,  # overrides/partials/review-dates.html
            "print_edition": render_print.edition(day),
            "print_site_url": render_print.published_url(conf["site_url"]) or "",
            "itb_assets_all": assets.all_assets()}


# ---------------------------------------------------------------------------------- registration

def known_names(env) -> set[str]:
    """Every name a page may use: our variables, filters' targets and macros, mkdocs-macros' own, Jinja's
    globals, the page's front matter."""
    return set(env.variables) | set(env.macros) | set(env.env.globals) | set(env.page.meta) | {"page"}


def register(env, site) -> None:
    """The one place that hands variables, filters and macros to mkdocs-macros."""
    env.variables.update(page_variables(site))
    env.conf["extra"].update(template_values(env.conf, site))
    for name, fn in FILTERS.items():
        env.filter(fn, name)
    page = Page(env, site)
    held = raw_html.add_extension(env.conf["markdown_extensions"])
    for name, fn in MACROS.items():
        macro = functools.update_wrapper(functools.partial(fn, page), fn)
        # Every macro fails with one clear line (page, macro, arguments), never a traceback; records the
        # stylesheets and scripts it needs (macros/assets.py); and large HTML skips Markdown (macros/raw_html.py).
        macro = guard.guarded(name, macro, lambda: page.src_path)
        macro = assets.declaring(name, macro, lambda: env.page)
        macro = raw_html.holding(macro, held) if name in raw_html.BLOCK_MACROS else macro
        env.macro(macro, name)
    assets.check_names(MACROS)
    raw_html.check_names(MACROS)
