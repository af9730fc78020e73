"""The build-speed hook rewrites print-page ids as mkdocs-print-site-plugin itself does on each tag, and also
prefixes the ids the plugin misses when a heading follows another tag on the same line."""
import pytest
from mkdocs_print_site_plugin import urls

from helpers import DOCS
from hooks.print_site_speedup import fast_update_anchor_ids

ORIGINAL = urls.update_anchor_ids  # the plugin's own function (the hook only swaps it in at mkdocs startup)

SAMPLES = [
    '<h2 id="refills">Refills</h2><p id="keep">x</p><li id="src-L1">a</li><li id="src-L1">dup</li>',
    '<ol class="x"><li id="a">1</li>\n<li id="b">2</li></ol><sup id="fn1">1</sup><div id="chart-1"></div>',
    '<H3 ID="caps">t</H3><h4 data-x="id" id="odd">t</h4><span id="">empty</span>',
]




def plugin_on_each_tag(html: str, key: str) -> str:
    """The plugin's rewrite with every tag on a line of its own (its pattern cannot cross a line break)."""
    return ORIGINAL(html.replace("<", "\n\0<"), key).replace("\n\0<", "<")


@pytest.mark.parametrize("html", SAMPLES)
def test_same_output_as_the_plugin_on_each_tag_of_samples(html):
    assert fast_update_anchor_ids(html, "faq") == plugin_on_each_tag(html, "faq")
    one_tag_a_line = html.replace("<", "\n<")
    assert fast_update_anchor_ids(one_tag_a_line, "faq") == ORIGINAL(one_tag_a_line, "faq")


def test_a_heading_after_another_tag_on_its_line_is_prefixed():
    """One-line macro HTML: the plugin takes the <div> as the tag and leaves the heading's id alone, while it
    rewrites links to it (#emergency-call-now): a broken anchor on the print page."""
    html = '<div class="itb-care-cards"><div class="admonition"><h2 id="call-now" class="t">Call</h2></div></div>'
    assert 'id="emergency-call-now"' not in ORIGINAL(html, "emergency")  # the plugin's miss
    assert 'id="emergency-call-now"' in fast_update_anchor_ids(html, "emergency")
    assert fast_update_anchor_ids(html, "emergency") == plugin_on_each_tag(html, "emergency")


# The same comparison on every built page is in tests/site/test_print_site_speedup_pages.py (tests/unit never builds).
