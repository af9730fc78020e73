"""Issue 11 §1-2 and issue 12 item 1, on ONE build of a hostile clinic (tests/clinics/conftest.py): every
clinic text field holds markup and Markdown, the emergency number is 112.

- The text shows literally, character for character, in Chromium's rendered text of every page and in the
  PDFs; no element, link or script comes from it, and no script runs (no dialog opens).
- 112 shows on every page, card, footer and PDF that gives the emergency number; 911 shows nowhere.
- deploy/csp.py accepts the build as it is, and fails, naming the page, once an unknown inline script is in it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, page_paths
from hostile import HOSTILE, HOSTILE_TEL
from tools.local_site import serve

NAME, ADDRESS, REVIEWER = HOSTILE["name"], HOSTILE["address"], HOSTILE["reviewer"]
TEAM = f"the {NAME} pump team"
# The for-clinics page shows the EXAMPLE clinic's settings file as code (a documented example, with 911):
# that one line is the only place 911 may appear (as text, HTML or JSON).
EXAMPLE_LINE = re.compile(r'emergency_number: (?:"|&quot;|\\")911(?:"|&quot;|\\")')
NINE_ONE_ONE = re.compile(r"(?<![0-9])911(?![0-9])")


def has_911(text: str) -> bool:
    return NINE_ONE_ONE.search(EXAMPLE_LINE.sub("", text)) is not None
PAGES = page_paths()


def flat(text: str) -> str:
    return " ".join(text.split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- the built HTML

def test_no_markup_from_the_settings_reaches_any_page(hostile_site):
    problems = []
    for page in html_pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rel = page.relative_to(hostile_site)
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                if attr.lower().startswith("on"):
                    problems.append(f"{rel}: <{el.name} {attr}=...>")
                if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                    problems.append(f"{rel}: <{el.name} {attr}={value!r}>")
        for script in soup.find_all("script"):  # (JSON data may hold the text, escaped, as a string)
            if script.get("type") != "application/json" and "alert(" in (script.string or ""):
                problems.append(f"{rel}: a script with alert()")
        for tag in ("svg", "img", "b", "em", "strong", "code", "del"):
            for el in soup.find_all(tag):
                if el.get_text() in {"x", "y", "b", "bold", "c", "s"}:
                    problems.append(f"{rel}: <{tag}>{el.get_text()}</{tag}> made from the settings text")
        for a in soup.find_all("a", href=True):
            if "evil.example" in a["href"]:
                problems.append(f"{rel}: a link to {a['href']}")
    assert problems == []


def test_tel_links_come_from_one_rule(hostile_site):
    """The contact block (macro), the footer (theme template) and the care-card titles (render_symptoms) link
    each phone number the same way."""
    # The care-card titles on Get help now, written by hand: each one links the number it tells you to call.
    care_card_titles = {("Call 112 now", HOSTILE_TEL["emergency_number"]),
                        (f"Call {TEAM} straight away, day or night", HOSTILE_TEL["pump_team_phone"]),
                        (f"Call {TEAM} to book a visit", HOSTILE_TEL["pump_team_phone"])}
    for path in ("emergency/", "faq/"):
        soup = BeautifulSoup((hostile_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = {(a.get_text(strip=True), a["href"]) for a in soup.select('a[href^="tel:"]')}
        expected = {(HOSTILE[k], v) for k, v in HOSTILE_TEL.items()}
        if path == "emergency/":
            expected |= care_card_titles
        else:  # only the footer, which links the two clinic numbers
            expected.discard(("112", "tel:112"))
        assert links == expected, path


def text_files(site: Path) -> list[Path]:
    return html_pages(site) + [site / "search" / "search_index.json"]


def test_911_appears_nowhere_in_the_html(hostile_site):
    found = []
    for path in text_files(hostile_site):
        if has_911(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(hostile_site)))
    assert found == []


# Where the emergency number shows, written by hand: (page, text that must be in its rendered text).
EMERGENCY_NUMBER_SHOWN = [
    ("", "Call 112 now if any of these happen:"),        # care card title and the line below it
    ("emergency/", "Call 112 now"),
    ("emergency/", "Emergency 112"),                      # the contact block
    ("implantation/", "Call 112 now if any of these happen:"),
    ("children/", "Call 112 now if any of these happen:"),
    ("children/", "If you call 112, say your child has a baclofen pump."),
    ("faq/", "Call 112 now."),                           # an answer's action (data/actions.yml)
    ("maintenance/", "call 112"),                         # the alarm sounds
    ("for-emergency-staff/", "Emergency 112"),
    ("emergency-card/", "Call 112 now."),
    ("emergency-card/", "Call 112 now if I have:"),       # the wallet card (it has no separate number field)
    ("pump-record/", "Emergency number 112"),
    ("for-clinics/", "Call 112 if you are very sleepy"),  # discharge notes
]


# ---------------------------------------------------------------- every page in Chromium

@pytest.fixture(scope="module")
def rendered(hostile_site, browser):
    """Each page's rendered text (innerText) and the dialogs its scripts opened, from one load each."""
    out: dict[str, tuple[str, str, list[str]]] = {}
    with serve(hostile_site) as base:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        try:
            for path in PAGES + ["print_page/"]:
                page = context.new_page()
                dialogs: list[str] = []
                page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(150)
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                body = page.evaluate("() => document.body.innerText")
                footer = page.evaluate("() => (document.querySelector('.review-dates') || {}).innerText || ''")
                out[path] = (flat(body), flat(footer), dialogs)
                page.close()
        finally:
            context.close()
    return out


def test_no_script_runs_on_any_page(rendered):
    assert {p: d for p, (_, _, d) in rendered.items() if d} == {}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_footer_shows_the_settings_literally(rendered, path):
    footer = rendered[path][1]
    assert f"Reviewed for {NAME} by {REVIEWER} on 15 January 2026." in footer
    assert (f"{NAME} pump team: {HOSTILE['pump_team_phone']}. After hours: {HOSTILE['after_hours_phone']}. "
            f"Emergency: 112.") in footer


@pytest.mark.parametrize("path", PAGES + ["print_page/"], ids=lambda p: p or "home")
def test_text_is_never_escaped_twice_or_read_as_markup(rendered, path):
    body = rendered[path][0]
    for leaked in ("&#", "&lt;", "&gt;", "&quot;", "&amp;amp;", "alert(7)}<"):
        assert leaked not in body, f"{leaked!r} shows on {path or 'home'}"
    assert not has_911(body)


# Pages that speak of the pump team in their body (written by hand), and what they say.
TEAM_PHRASES = [
    ("", f"does not replace advice from {TEAM}."),
    ("emergency/", f"Give them the phone number for {TEAM}."),
    ("emergency/", f"Call {TEAM} straight away, day or night if any of these happen:"),  # care card titles,
    ("emergency/", f"Call {TEAM} to book a visit if:"),                                  # data/symptoms.yml
    ("maintenance/", f"Call {TEAM} straight away, day or night if any of these happen:"),  # the alarm cards
    ("maintenance/", f"Call {TEAM} to book a visit if:"),
    ("living-with-a-pump/", f"call {TEAM} as soon as the scan is booked"),  # a care card item
    ("faq/", f"Talk to {TEAM} first."),
    ("glossary/", f"ask {TEAM}. There is no such thing"),
    ("refill-planner/", f"ask {TEAM} for them."),
    ("for-clinics/", f"call {TEAM} on {HOSTILE['pump_team_phone']}."),  # discharge notes
    ("pump-record/", f"Pump team {NAME}"),
    ("print_page/", f"Prepared for patients of {NAME}"),  # the PDF's cover
]


@pytest.mark.parametrize("path,phrase", TEAM_PHRASES, ids=[p or "home" for p, _ in TEAM_PHRASES])
def test_pages_name_the_team_literally(rendered, path, phrase):
    assert phrase in rendered[path][0]


@pytest.mark.parametrize("path", ["emergency/", "for-emergency-staff/"])
def test_contact_block_shows_name_and_address_literally(rendered, path):
    body = rendered[path][0]
    assert f"Clinic {NAME}" in body and f"Address {ADDRESS}" in body


@pytest.mark.parametrize("path,phrase", EMERGENCY_NUMBER_SHOWN,
                         ids=[f"{p or 'home'}:{t}" for p, t in EMERGENCY_NUMBER_SHOWN])
def test_the_clinics_emergency_number_shows(rendered, path, phrase):
    assert phrase in rendered[path][0]


def test_planner_warnings_name_the_team_literally(hostile_site, browser):
    """The planner's messages travel as JSON and are written with textContent: shown literally, never run."""
    with serve(hostile_site) as base:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        try:
            page = context.new_page()
            page.clock.set_fixed_time("2026-12-01T10:00:00")
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + "refill-planner/#pump=synchromed-ii-40&conc=2000&dose=1200&filled=2026-11-20",
                      wait_until="load")
            warnings = page.locator('[data-role="warnings"]')
            warnings.locator("li").first.wait_for()
            text = flat(warnings.inner_text())
        finally:
            context.close()
    assert f"check the number with {TEAM}." in text, text
    assert dialogs == []


# ---------------------------------------------------------------- the PDFs

def pdf_text(path: Path) -> str:
    assert path.is_file(), path
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return flat(out)


def squeezed(text: str) -> str:
    """Text without any whitespace: lines in a PDF wrap anywhere, also where there was no space. The phone
    icon (CSS ::before) of a care card's tel: title is decoration, and lands anywhere in the extracted line."""
    return "".join(text.replace("\u260e", "").split())


def test_handbook_pdf_shows_the_settings_literally_and_never_911(hostile_pdfs):
    text = pdf_text(hostile_pdfs / "itb-handbook.pdf")
    for phrase in (f"Prepared for patients of {NAME}", "In an emergency, call 112.", f"Address {ADDRESS}",
                   f"does not replace advice from {TEAM}.", f"Call {TEAM} to book a visit if:"):
        assert squeezed(phrase) in squeezed(text), phrase
    for leaked in ("&#", "&lt;", "&amp;amp;"):
        assert leaked not in text
    assert not has_911(text)


@pytest.mark.parametrize("name,expected", [("emergency-card.pdf", ["Call 112 now if I have:"]),
                                           ("pump-record.pdf", [f"Pump team {NAME}", "Emergency number 112"])])
def test_handout_pdfs_show_112_and_never_911(hostile_pdfs, name, expected):
    text = pdf_text(hostile_pdfs / name)
    for phrase in expected:
        assert squeezed(phrase) in squeezed(text), phrase
    assert NINE_ONE_ONE.search(text) is None


# ---------------------------------------------------------------- deploy/csp.py

def run_csp(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "deploy" / "csp.py"), str(site), "--check",
                           str(ROOT / "deploy" / "nginx.conf")], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def csp_site(hostile_site, tmp_path_factory) -> Path:
    """One copy of the hostile build (without PDFs and zip) shared by the cases below: each puts its script into
    faq/index.html, runs the check and puts the page back."""
    site = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(hostile_site, site, ignore=shutil.ignore_patterns("*.pdf", "*.zip"))
    return site


def test_csp_accepts_the_hostile_build(hostile_site):
    result = run_csp(hostile_site)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", ["<script>alert(1)</script>",
                                    '<script type="text/javascript">alert(1)</script>',
                                    '<script data-itb>alert(1)</script>',
                                    '<script>__md_scope=new URL("..",location),alert(1)</script>',
                                    '<svg onload="alert(2)"></svg>',
                                    '<a href="javascript:alert(3)">x</a>'],
                         ids=["plain", "typed", "marker", "theme-prefix", "handler", "js-url"])
def test_csp_check_fails_on_an_unknown_inline_script(csp_site, script):
    page = csp_site / "faq" / "index.html"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("</article>", script + "</article>", 1), encoding="utf-8")
        result = run_csp(csp_site)
    finally:
        page.write_text(original, encoding="utf-8")  # the next case starts from the clean copy
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0, output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 1 and "faq/index.html" in lines[0], output
