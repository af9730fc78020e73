"""Registers the clinics macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from . import clinic, planner_links, render_clinics, render_planner, render_print
from .html import IdMaker

QR_DIR = "qr"  # below the site root: qr/<name>.svg, one file per address
# Made QR files, kept by address between builds (gitignored): making one costs about 5-10 ms of pure Python,
# and the link list has about 200. The file name is a hash of the address and of render_clinics' QR settings
# and code, so a changed address or drawing makes a new file; a stale one is never used.
QR_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "qr"


def register(env, site) -> None:
    state: dict = {"page": None, "ids": None}

    def ids() -> IdMaker:
        """One id maker per page, so ids stay unique when a macro runs twice on a page."""
        if state["page"] is not env.page:
            state["page"], state["ids"] = env.page, IdMaker("clinics")
        return state["ids"]

    def site_url() -> str:
        return env.conf["site_url"]

    written: dict[str, str] = {}  # file name -> address, for this build

    def qr_file(url: str, label: str, lazy: bool = False) -> str:
        """Writes the address's QR code to the built site once per build; returns an <img> of it."""
        name = render_clinics.qr_file_name(site_url(), url)
        if written.get(name, url) != url:
            raise ValueError(f"QR code file {QR_DIR}/{name} would hold two addresses: {written[name]} and {url}")
        if name not in written:
            out = Path(env.conf["site_dir"]) / QR_DIR / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_clinics.cached_qr_file_svg(url, QR_CACHE), encoding="utf-8")
            written[name] = url
        src = get_relative_url(f"{QR_DIR}/{name}", env.page.url or ".")
        return render_clinics.qr_img(src, url, label, lazy=lazy)

    def render_heading(text: str) -> str:
        # Page variables are inert (character references); the link list escapes titles itself.
        return clinic.plain(env.env.from_string(text).render(**env.variables)) if "{{" in text else text

    def pages() -> list[render_clinics.LinkablePage]:
        docs = Path(env.conf["docs_dir"])
        entries = []
        for title, md in render_clinics.nav_pages(env.conf["nav"]):
            path = docs / md
            if path.is_file():
                entries.append((title, md, path.read_text(encoding="utf-8")))
        macros = render_clinics.anchor_macros(site, site.clinic.emergency_number, clinic.pump_team(site.clinic))
        return render_clinics.linkable_pages(entries, render_heading, macros)

    @env.macro
    def clinic_link_list():
        return render_clinics.linkable_list_html(pages(), site_url(), ids(), qr=qr_file)

    @env.macro
    def clinic_downloads():
        return render_clinics.downloads_html(site_url(), qr=qr_file)

    @env.macro
    def discharge_note(kind):
        text = render_clinics.discharge_note(kind, site_url(), clinic.pump_team_contact(site.clinic),
                                             site.clinic.emergency_number, actions=site.actions)
        return render_clinics.discharge_note_html(kind, text, ids())

    @env.macro
    def planner_link_builder():
        defaults = {"margin": site.refill.default_margin_days.value}
        config = render_planner.planner_config(site.pumps, site.drug, site.refill, clinic.pump_team(site.clinic),
                                               env.conf["site_name"])
        return render_clinics.link_builder_html(site.pumps, site.refill.table.concentrations_mcg_per_ml,
                                                site_url(), defaults, ids(),
                                                config_html=render_print.config_script(config))

    @env.macro
    def planner_link_settings():
        """The table of planner-link settings, from the same definitions the planner reads."""
        return planner_links.settings_table_html(site.pumps)

    @env.macro
    def site_link(path):
        """The absolute address of a path on this site, as text."""
        return render_clinics.absolute_url(site_url(), path)

    @env.macro
    def moved_section(old_id, target, title):
        return render_clinics.moved_section(old_id, target, title)
