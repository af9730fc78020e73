"""Material's main stylesheet loses only rules that can match nothing on the built site (hooks/trim_theme_css.py)."""
from pathlib import Path

from hooks.trim_theme_css import Used, on_post_build, trim, used_in_site


def used(classes=(), prefixes=(), words=""):
    return Used(set(classes), set(prefixes), words)


def test_a_rule_for_classes_no_page_uses_goes_and_the_rest_stays():
    css = ".md-tabs{a:1}.md-typeset .admonition{b:2}.md-typeset .tabbed-set,.md-typeset .admonition{c:3}h1{d:4}"
    out = trim(css, used({"md-typeset", "admonition"}))
    assert out == ".md-typeset .admonition{b:2}.md-typeset .admonition{c:3}h1{d:4}"


def test_media_blocks_are_trimmed_inside_and_keyframes_kept_whole():
    css = "@media print{.md-tabs{a:1}.md-header{b:2}}@media screen{.md-tabs{c:3}}@keyframes x{0%{d:4}}"
    assert trim(css, used({"md-header"})) == "@media print{.md-header{b:2}}@keyframes x{0%{d:4}}"


def test_classes_inside_not_is_and_attribute_tests_are_no_reason_to_drop():
    css = ".md-nav:not(.md-nav--secondary){a:1}:is(.md-x,.md-y) .md-nav{b:2}[class*=md-gone] .md-nav{c:3}"
    assert trim(css, used({"md-nav"})) == css


def test_classes_that_scripts_add_or_build_from_a_prefix_stay():
    css = ".md-search-result__item{a:1}.md-tag--warm{b:2}.md-tag-icon{c:3}"
    assert trim(css, used({"md-search-result__item"}, {"md-tag--"})) == ".md-search-result__item{a:1}.md-tag--warm{b:2}"


def test_custom_properties_nothing_reads_go():
    css = ':root{--md-a:1;--md-b:url("data:x;y");--md-c:var(--md-d);--md-d:2;--md-set-by-js:0}.md-x{color:var(--md-a)}'
    out = trim(css, used({"md-x"}, words="--md-set-by-js"))
    assert out == ":root{--md-a:1;--md-set-by-js:0}.md-x{color:var(--md-a)}"


def test_palette_rules_for_colour_names_no_page_uses_go():
    css = "[data-md-color-primary=pink]{a:1}[data-md-color-scheme=slate][data-md-color-primary=custom]{b:2}.md-x{c:3}"
    u = Used({"md-x"}, set(), "", {("primary", "custom"), ("scheme", "slate")})
    assert trim(css, u) == "[data-md-color-scheme=slate][data-md-color-primary=custom]{b:2}.md-x{c:3}"


def test_what_the_site_uses_is_read_from_pages_and_script_strings(tmp_path: Path):
    (tmp_path / "index.html").write_text('<p class="md-typeset intro">x</p><p>md-banner in text</p>')
    (tmp_path / "a.js").write_text('e.classList.add("md-search__form");x=`md-tag--${k}`;var md_ident=1;')
    (tmp_path / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "lunr" / "lunr.de.js").write_text('x="md-lunr-word"')
    u = used_in_site(tmp_path)
    assert {"md-typeset", "intro", "md-search__form"} <= u.classes and "md-banner" not in u.classes
    assert "md_ident" not in u.classes and u.has_class("md-tag--warm")
    assert "md-lunr-word" not in u.classes  # lunr's language files touch no page


def test_the_hook_renames_the_file_by_its_content_and_relinks_every_page(tmp_path: Path):
    css_dir = tmp_path / "assets" / "stylesheets"
    css_dir.mkdir(parents=True)
    (css_dir / "main.0123abcd.min.css").write_text(":root{--md-read-by-other:1;--md-unread:2}.md-tabs{a:1}.md-typeset{b:2}")
    (tmp_path / "ours.css").write_text(".x{color:var(--md-read-by-other)}")
    (css_dir / "main.0123abcd.min.css.map").write_text("{}")
    (css_dir / "palette.89abcdef.min.css").write_text("[data-md-color-primary=pink]{--md-p:1}[data-md-color-primary=custom]{a:1}")
    page = tmp_path / "faq" / "index.html"
    page.parent.mkdir()
    page.write_text('<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css"><p class="md-typeset">'
                    '<link rel="stylesheet" href="../assets/stylesheets/palette.89abcdef.min.css">'
                    '<input data-md-color-primary="custom">')
    on_post_build({"site_dir": str(tmp_path)})
    [palette] = css_dir.glob("palette.*.min.css")
    assert palette.read_text() == "[data-md-color-primary=custom]{a:1}"
    assert f"../assets/stylesheets/{palette.name}" in page.read_text()
    [new] = css_dir.glob("main.*.min.css")
    assert new.read_text() == ":root{--md-read-by-other:1}.md-typeset{b:2}" and new.name != "main.0123abcd.min.css"
    assert len(new.name) == len("main.0123abcd.min.css") and not list(css_dir.glob("*.map"))
    assert f"../assets/stylesheets/{new.name}" in page.read_text()
