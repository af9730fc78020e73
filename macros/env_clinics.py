"""Registers the clinics macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from . import clinic, planner_links, render_clinics, render_planner, render_print
from .html import IdMaker, esc

QR_DIR = "qr"  # below the site root: qr/<name>.svg, one file per address


def register(env, site) -> None:
    state: dict = {"page": None, "ids": None}

    def ids() -> IdMaker:
        """One id maker per page, so ids stay unique when a macro runs twice on a page."""
        if state["page"] is not env.page:
            state["page"], state["ids"] = env.page, IdMaker("clinics")
        return state["ids"]

    def site_url() -> str:
        return env.conf["site_url"]

    def public_url() -> str | None:
        """The site's public address, or None in a local build (macros/site_url.py decides): the page then
        shows notes instead of addresses and QR codes, never the placeholder (issue 23)."""
        return render_print.published_url(site_url())

    def local_href(path: str, anchor: str | None = None) -> str:
        """A link from the current page to path#anchor in this copy ('faq/' is faq.html in the offline copy)."""
        if not env.conf["use_directory_urls"] and (path == "" or path.endswith("/")):
            path = (path.rstrip("/") or "index") + ".html"
        href = render_print.relative_to_page(path, env.page.url or "") or "./"
        return href + (f"#{anchor}" if anchor else "")

    written: dict[str, str] = {}  # file name -> address, for this build

    def qr_file(url: str, label: str, lazy: bool = False) -> str:
        """Writes the address's QR code to the built site once per build; returns an <img> of it."""
        name = render_clinics.qr_file_name(site_url(), url)
        if written.get(name, url) != url:
            raise ValueError(f"QR code file {QR_DIR}/{name} would hold two addresses: {written[name]} and {url}")
        if name not in written:
            out = Path(env.conf["site_dir"]) / QR_DIR / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_clinics.qr_file_svg(url), encoding="utf-8")
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
        return render_clinics.linkable_list_html(pages(), public_url(), ids(), qr=qr_file, local_href=local_href)

    @env.macro
    def clinic_downloads():
        return render_clinics.downloads_html(public_url(), qr=qr_file, local_href=local_href)

    @env.macro
    def discharge_note(kind):
        text = render_clinics.discharge_note(kind, public_url(), clinic.pump_team_contact(site.clinic),
                                             site.clinic.emergency_number)
        return render_clinics.discharge_note_html(kind, text, ids())

    @env.macro
    def planner_link_builder():
        defaults = {"margin": site.refill.default_margin_days.value}
        config = render_planner.planner_config(site.pumps, site.drug, site.refill, clinic.pump_team(site.clinic),
                                               env.conf["site_name"])
        return render_clinics.link_builder_html(site.pumps, site.refill.table.concentrations_mcg_per_ml,
                                                public_url(), defaults, ids(),
                                                config_html=render_print.config_script(config))

    @env.macro
    def planner_link_settings():
        """The table of planner-link settings, from the same definitions the planner reads."""
        return planner_links.settings_table_html(site.pumps)

    @env.macro
    def site_link(path):
        """The absolute address of a path on this site, as text (HTML-escaped); a local build shows where the
        address would go instead of a made-up one."""
        public = public_url()
        return esc(render_clinics.absolute_url(public, path) if public else render_clinics.LOCAL_SITE + path)

    @env.macro
    def moved_section(old_id, target, title):
        return render_clinics.moved_section(old_id, target, title)
