"""The build-speed hook rewrites ids as mkdocs-print-site-plugin does on each tag, on every page of the real build
(the samples are in tests/unit/test_print_site_speedup.py)."""
from pathlib import Path

from mkdocs_print_site_plugin import urls

from hooks.print_site_speedup import fast_update_anchor_ids

ORIGINAL = urls.update_anchor_ids  # the plugin's own function (the hook only swaps it in at mkdocs startup)


def plugin_on_each_tag(html: str, key: str) -> str:
    """The plugin's rewrite with every tag on a line of its own (its pattern cannot cross a line break)."""
    return ORIGINAL(html.replace("<", "\n\0<"), key).replace("\n\0<", "<")


def test_same_output_as_the_plugin_on_each_tag_of_real_pages(built_site: Path):
    pages = sorted(p for p in built_site.rglob("index.html") if "print_page" not in p.parts)
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.index('<article'):html.index('</article>')]
        assert fast_update_anchor_ids(article, "key") == plugin_on_each_tag(article, "key"), page
