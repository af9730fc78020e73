"""The build-speed hook rewrites print-page ids exactly as mkdocs-print-site-plugin itself does."""
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


@pytest.mark.parametrize("html", SAMPLES)
def test_same_output_as_the_plugin_on_samples(html):
    assert fast_update_anchor_ids(html, "faq") == ORIGINAL(html, "faq")


# The same comparison on every built page is in tests/site/test_print_site_speedup_pages.py (tests/unit never builds).
