"""The page-weight and build-speed pieces as pure functions: glossary definitions only for the terms on a
page (same tooltips as with all of them), macro HTML held back from Markdown (same HTML out, anchors still
known), per-page asset records, and QR code file names."""
from __future__ import annotations

import re

import markdown
import pytest

from helpers import DOCS, ROOT
from macros import assets, glossary, raw_html
from macros import render_clinics as rc
from macros.data import load_site_data

SITE = load_site_data(ROOT / "data")
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


def html_of(text: str, extensions=None) -> str:
    return markdown.markdown(text, extensions=extensions or EXTENSIONS)


# ---------------------------------------------------------------- glossary

def test_a_page_gets_only_the_definitions_of_the_terms_it_uses():
    text = "The ITB pump sends medicine through a thin catheter.\n"
    defs = glossary.abbreviations(SITE.glossary, text)
    assert "*[ITB]: " in defs and "*[catheter]: " in defs
    assert "*[CSF]: " not in defs and "*[granuloma]" not in defs.lower()
    assert glossary.abbreviations(SITE.glossary, "Nothing medical here.\n") == ""
    assert len(defs) < len(glossary.abbreviations(SITE.glossary)) / 10


TRICKY = """# Words

ITB and itb, catheters and a Catheter. Oral baclofen, then baclofen alone. **CSF** in bold, `MRI` in code.

- cerebrospinal fluid in a list, spasticity.
- A <span>granuloma</span> in inline HTML.

| MRI | pruritus |
|---|---|
| tesla | x |
"""


@pytest.mark.parametrize("name", ["tricky"] + sorted(p.name for p in DOCS.glob("*.md")))
def test_the_tooltips_are_the_same_as_with_every_definition(name):
    text = TRICKY if name == "tricky" else (DOCS / name).read_text(encoding="utf-8")
    everything = html_of(text + glossary.abbreviations(SITE.glossary))
    trimmed = html_of(text + glossary.abbreviations(SITE.glossary, text))
    assert trimmed == everything
    if name == "tricky":
        assert '<abbr title="' in trimmed and ">catheters</abbr>" in trimmed and ">ITB</abbr>" in trimmed


# ---------------------------------------------------------------- raw HTML held back from Markdown

BLOCK = ('<div class="chart"><h2 id="call-now">Call now</h2>' + "<p>x *not emphasis* y</p>" * 20 + "</div>")


class FakeMkdocsAnchors(markdown.preprocessors.Preprocessor):
    """Stands in for MkDocs' raw-HTML anchor collector (mkdocs.structure.pages._RawHTMLPreprocessor)."""
    def run(self, lines):
        self.present_anchor_ids = {"page"}
        return lines


def test_held_back_html_comes_out_unchanged_and_its_ids_stay_known():
    held = raw_html.HeldBack()
    token = held.hold(BLOCK)
    assert token != BLOCK and len(token) < 20
    assert held.hold("<b>short</b>") == "<b>short</b>"                      # short: left in place
    assert held.hold('<p markdown="1">[a](b.md)</p>' * 20).startswith("<p")  # Markdown inside: left in place
    text = f"# Page\n\nSome *text*.\n\n{token}\n\nMore text.\n"
    md = markdown.Markdown(extensions=EXTENSIONS + [raw_html.RawHtmlExtension(held)])
    md.preprocessors.register(FakeMkdocsAnchors(md), "mkdocs_raw_html", 21)
    out = md.convert(text)
    assert BLOCK in out and "ITBRAWHTML" not in out and "<em>not emphasis</em>" not in out
    assert out == html_of(f"# Page\n\nSome *text*.\n\n{BLOCK}\n\nMore text.\n").replace(BLOCK + "\n", BLOCK)
    assert md.preprocessors["mkdocs_raw_html"].present_anchor_ids == {"page", "call-now"}
    assert held.expand(text) == text.replace(token, BLOCK)


@pytest.mark.parametrize("collector", ["mkdocs_raw_html", "properdocs_raw_html"])
def test_held_back_ids_reach_the_anchor_collector_of_either_engine(collector):
    """MkDocs registers its collector as mkdocs_raw_html, ProperDocs as properdocs_raw_html (issue 25)."""
    held = raw_html.HeldBack()
    md = markdown.Markdown(extensions=EXTENSIONS + [raw_html.RawHtmlExtension(held)])
    md.preprocessors.register(FakeMkdocsAnchors(md), collector, 21)
    md.convert(f"# Page\n\n{held.hold(BLOCK)}\n")
    assert md.preprocessors[collector].present_anchor_ids == {"page", "call-now"}


def test_held_back_html_inside_a_list_item_or_a_sentence():
    held = raw_html.HeldBack()
    token = held.hold(BLOCK)
    md = markdown.Markdown(extensions=EXTENSIONS + [raw_html.RawHtmlExtension(held)])
    out = md.convert(f"- item\n\n    {token}\n\nA sentence {token} here.\n")
    assert out.count(BLOCK) == 2 and "ITBRAWHTML" not in out
    assert "<p>A sentence " + BLOCK + " here.</p>" in out


# ---------------------------------------------------------------- per-page assets

def test_assets_are_recorded_in_load_order_without_repeats():
    meta: dict = {}
    assets.record(meta, "pump_record")
    assets.record(meta, "planner_link_builder")
    assets.record(meta, "refill_planner")
    assets.record(meta, "cite")  # needs nothing
    assert meta["itb_assets"] == {
        "css": ["stylesheets/tools-planner.css", "stylesheets/clinics.css"],
        "js": ["javascripts/refill-core.js", "javascripts/planner.js", "javascripts/link-builder.js",
               "javascripts/pump-record.js", "javascripts/my-numbers.js"]}  # the record's saved-number form


def test_tool_parts_on_one_page_are_joined_in_one_file():
    meta: dict = {}
    assets.record(meta, "refill_planner")
    assets.record(meta, "refill_interval_table")
    assert meta["itb_assets"]["css"] == ["stylesheets/tools-table-planner.css"]
    assets.record(meta, "symptom_comparison_chart")
    assert meta["itb_assets"]["css"] == ["stylesheets/tools-charts-table-planner.css"]
    assert assets.all_assets()["css"][1] == "stylesheets/tools-charts-table-planner.css"  # the print page


def test_the_tools_stylesheet_is_cut_by_the_classes_each_rule_styles():
    from hooks.minify_assets import minify, tools_css_files
    from helpers import DOCS
    css = minify("x.css", (DOCS / "stylesheets" / "tools.css").read_text(encoding="utf-8"))
    files = tools_css_files(css)
    assert set(files) == set(assets.all_tools_css_files())
    assert files["stylesheets/tools-charts-table-planner.css"] == css  # every rule is in some part
    charts, planner = files["stylesheets/tools-charts.css"], files["stylesheets/tools-planner.css"]
    assert ".chart__drawing" in charts and ".itb-planner" not in charts and ".rt-legend" not in charts
    assert ".itb-planner" in planner and ".chart__drawing" not in planner
    for part in (charts, planner):  # the colour variables go with every part
        assert "--itb-chart-fg" in part
    assert "@media print{" in charts and ".chart__drawing--narrow{display:none" in charts


def test_a_tools_rule_for_no_part_stops_the_build():
    from hooks.minify_assets import tools_css_files
    with pytest.raises(ValueError, match="new-widget"):
        tools_css_files(":root{--a:1}.new-widget{color:red}")


def test_a_moved_section_brings_the_script_that_jumps_to_the_new_place():
    meta: dict = {}
    assets.record(meta, "moved_section")
    assert "javascripts/link-builder.js" in meta["itb_assets"]["js"]


# ---------------------------------------------------------------- QR code files

BASE = "https://itb-handbook.example.org/"


@pytest.mark.parametrize("url, name", [
    (BASE, "home.svg"), (BASE + "faq/", "faq.svg"), (BASE + "faq/#can-i-fly", "faq--can-i-fly.svg"),
    (BASE + "#what-itb-is", "home--what-itb-is.svg"), (BASE + "itb-handbook.pdf", "itb-handbook-pdf.svg"),
    (BASE + "living-with-a-pump/#mri", "living-with-a-pump--mri.svg")])
def test_qr_file_names(url, name):
    assert rc.qr_file_name(BASE, url) == name


def test_qr_files_are_only_for_this_site_and_images_have_size_and_alt():
    with pytest.raises(ValueError):
        rc.qr_file_name(BASE, "https://elsewhere.example.com/")
    img = rc.qr_img("../qr/faq.svg", BASE + "faq/", 'QR code for "FAQ"', lazy=True)
    assert img == ('<img class="qr" src="../qr/faq.svg" width="96" height="96" alt="QR code for &quot;FAQ&quot;" '
                   'data-qr="https://itb-handbook.example.org/faq/" decoding="async" loading="lazy">')
    svg = rc.qr_file_svg(BASE + "faq/")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="qr"') and re.search(r'viewBox="0 0 \d+ \d+"', svg)


def test_the_link_list_uses_the_qr_maker_it_is_given():
    pages = rc.linkable_pages([("FAQ", "faq.md", "### Fly? { #can-i-fly }")])
    calls = []
    html = rc.linkable_list_html(pages, BASE, rc.IdMaker("clinics"),
                                 qr=lambda url, label, lazy=False: calls.append((url, lazy)) or "<img>")
    assert calls == [(BASE + "faq/", True), (BASE + "faq/#can-i-fly", True)]  # lazy: below the fold or closed
    assert "<svg" not in html


def test_the_download_codes_load_lazily_too():
    """They follow the long list of pages on /for-clinics/, far below the first screen."""
    calls = []
    rc.downloads_html(BASE, qr=lambda url, label, lazy=False: calls.append(lazy) or "<img>")
    assert calls and all(calls)


def test_qr_files_are_cached_by_address_and_settings(tmp_path, monkeypatch):
    url = BASE + "faq/"
    first = rc.cached_qr_file_svg(url, tmp_path)
    assert first == rc.qr_file_svg(url) and len(list(tmp_path.glob("*.svg"))) == 1
    # A second build reads the file instead of drawing the code again.
    monkeypatch.setattr(rc, "qr_file_svg", lambda u: pytest.fail("drew a cached code again"))
    assert rc.cached_qr_file_svg(url, tmp_path) == first
    # Another address, or other QR settings, is another file: a stale drawing is never used.
    monkeypatch.undo()
    assert rc.cached_qr_file_svg(BASE + "risks/", tmp_path) == rc.qr_file_svg(BASE + "risks/")
    monkeypatch.setattr(rc, "_QR_VERSION", "other settings")
    rc.cached_qr_file_svg(url, tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 3
    assert rc.cached_qr_file_svg(url, None) == first
