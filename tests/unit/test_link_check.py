"""The built-site link checker: every local link and anchor resolves; external links are left alone."""
from macros.link_check import broken_links


def write(site, rel, html):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{html}</body></html>")


def test_good_links_pass(tmp_path):
    write(tmp_path, "index.html", '<a href="a/">A</a><a href="a/#top">top</a><a href="#here">h</a><p id="here"></p>'
                                  '<a href="https://example.org/x">ext</a><a href="tel:555">t</a>'
                                  '<img src="img/p.svg" alt=""><a href="itb-handbook.pdf">pdf</a>')
    write(tmp_path, "a/index.html", '<h2 id="top">T</h2><a href="../">home</a><a href="../index.html#here">h</a>')
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "p.svg").write_text("<svg/>")
    assert broken_links(tmp_path) == []


def test_missing_page_and_missing_anchor_are_named(tmp_path):
    write(tmp_path, "index.html", '<a href="nowhere/">x</a><a href="a/#gone">y</a><a href="#alsogone">z</a>')
    write(tmp_path, "a/index.html", '<h2 id="top">T</h2>')
    assert broken_links(tmp_path) == [
        "index.html: link '#alsogone': no element with id 'alsogone' in index.html",
        "index.html: link 'a/#gone': no element with id 'gone' in a/index.html",
        "index.html: link 'nowhere/' points to a page or file that does not exist",
    ]


def test_links_in_raw_html_attributes_are_checked(tmp_path):
    write(tmp_path, "index.html", '<div class="chart"><svg><a href="../x/">x</a></svg></div>'
                                  '<link rel="stylesheet" href="missing.css"><script src="gone.js"></script>')
    problems = broken_links(tmp_path)
    assert len(problems) == 3 and any("missing.css" in p for p in problems) and any("gone.js" in p for p in problems)


# Issue 20: every attribute that makes the browser fetch or open a local address is checked, written by hand
# here for each one (the missing file is always gone.x; the page is otherwise fine).
import pytest  # noqa: E402

LINKING_ATTRIBUTES = {
    "a href": '<a href="gone.x">x</a>',
    "area href": '<map name="m"><area href="gone.x" alt="a"></map>',
    "link href": '<link rel="preload" href="gone.x" as="image">',
    "img src": '<img src="gone.x" alt="">',
    "img srcset": '<img src="ok.svg" srcset="ok.svg 1x, gone.x 2x" alt="">',
    "source src": '<video><source src="gone.x" type="video/mp4"></video>',
    "source srcset": '<picture><source srcset="gone.x" type="image/webp"><img src="ok.svg" alt=""></picture>',
    "script src": '<script src="gone.x"></script>',
    "iframe src": '<iframe src="gone.x" title="t"></iframe>',
    "embed src": '<embed src="gone.x" type="image/svg+xml">',
    "video src": '<video src="gone.x"></video>',
    "video poster": '<video src="ok.svg" poster="gone.x"></video>',
    "audio src": '<audio src="gone.x"></audio>',
    "track src": '<video src="ok.svg"><track src="gone.x" kind="captions"></video>',
    "input src": '<input type="image" src="gone.x" alt="go">',
    "object data": '<object data="gone.x" type="image/svg+xml"></object>',
    "form action": '<form action="gone.x"><button>Go</button></form>',
    "button formaction": '<form action="ok.svg"><button formaction="gone.x">Go</button></form>',
    "svg use href": '<svg><use href="gone.x#icon"></use></svg>',
    "svg image xlink:href": '<svg><image xlink:href="gone.x" width="1" height="1"/></svg>',
    "data-src": '<img src="ok.svg" data-src="gone.x" alt="">',
    "data-href": '<button data-href="gone.x">Go</button>',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=gone.x">',
    "single quotes, upper case": "<IMG SRC='gone.x' ALT=''>",
    "unquoted": "<img src=gone.x alt=x>",
}


@pytest.mark.parametrize("html", LINKING_ATTRIBUTES.values(), ids=LINKING_ATTRIBUTES.keys())
def test_every_linking_attribute_is_checked(tmp_path, html):
    (tmp_path / "ok.svg").write_text("<svg/>")
    write(tmp_path, "index.html", html)
    assert broken_links(tmp_path) == [f"index.html: link 'gone.x' points to a page or file that does not exist"] or \
        broken_links(tmp_path) == [f"index.html: link 'gone.x#icon' points to a page or file that does not exist"]
    (tmp_path / "gone.x").write_text("<svg/>")
    assert broken_links(tmp_path) == []


def test_links_in_scripts_styles_and_comments_are_not_links(tmp_path):
    write(tmp_path, "index.html", '<script>var s = \'<a href="gone.x">\';</script><!-- <img src="gone.x"> -->'
                                  '<style>/* <a href="gone.x"> */</style><textarea><a href="gone.x"></textarea>'
                                  '<p data-qr="https://example.org/gone.x" title="gone.x">&lt;a href="gone.x"&gt;</p>')
    assert broken_links(tmp_path) == []


def test_character_references_in_addresses_are_decoded(tmp_path):
    write(tmp_path, "index.html", '<a href="a/?x=1&amp;y=2#t&#111;p">x</a>')
    write(tmp_path, "a/index.html", '<h2 id="top">T</h2>')
    assert broken_links(tmp_path) == []
    write(tmp_path, "index.html", '<a href="a/#t&#111;ps">x</a>')
    assert broken_links(tmp_path) == ["index.html: link 'a/#tops': no element with id 'tops' in a/index.html"]


# Issue 20 round 2: the check runs after print-site has written /print_page/ (hooks/site_link_check.py), so a
# broken anchor on the combined print page fails the build like one anywhere else.
def test_the_hook_fails_on_a_broken_print_page_anchor(tmp_path):
    from mkdocs.exceptions import PluginError
    from hooks.site_link_check import on_post_build
    write(tmp_path, "emergency/index.html", '<h2 id="call-now">Call</h2>')
    write(tmp_path, "print_page/index.html", '<h2 id="emergency-call-now">Call</h2><a href="#emergency-call-now">ok</a>')
    on_post_build({"site_dir": str(tmp_path)})  # every anchor resolves
    write(tmp_path, "print_page/index.html", '<h2 id="call-now">Call</h2><a href="#emergency-call-now">x</a>')
    with pytest.raises(PluginError, match="print_page/index.html: link '#emergency-call-now'"):
        on_post_build({"site_dir": str(tmp_path)})


def test_the_hook_runs_after_print_site_writes_the_print_page():
    from mkdocs.config import load_config
    from helpers import ROOT
    config = load_config(str(ROOT / "mkdocs.yml"))
    order = [config.plugins._event_origins.get(m, "?") for m in config.plugins.events["post_build"]]
    assert "print-site" in order and any("site_link_check" in o for o in order), order
    assert order.index("print-site") < max(i for i, o in enumerate(order) if "site_link_check" in o), order
