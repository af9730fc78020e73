"""The offline copy's leak check (tools/make_offline.external_fetches) covers every <link rel=...>: a link to
another server counts as a fetch unless every one of its rel words is one the browser never fetches by itself
(canonical, alternate, author, ...). Icons, the manifest, preloads, preconnects and any rel the check does not
know are all leaks. The expected verdicts are hand-written."""
from __future__ import annotations

import pytest

from tools import make_offline

# rel values that make a browser fetch (or connect to) the address by itself.
FETCHING = ["icon", "shortcut icon", "ICON", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon",
            "manifest", "stylesheet", "alternate stylesheet", "preload", "prefetch", "modulepreload", "prerender",
            "preconnect", "dns-prefetch", "alternate icon", "icon alternate", "canonical icon", "made-up-rel"]
# rel values a browser never fetches from by itself.
NOT_FETCHING = ["canonical", "alternate", "author", "license", "help", "next", "prev", "search", "next prev"]


def leaks(tmp_path, html: str) -> list[str]:
    (tmp_path / "index.html").write_text(f"<!doctype html><html><head>{html}</head><body></body></html>",
                                         encoding="utf-8")
    return make_offline.external_fetches(tmp_path)


@pytest.mark.parametrize("rel", FETCHING)
@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_fetching_rel_to_another_server_is_a_leak(tmp_path, rel, quote):
    found = leaks(tmp_path, f"<link rel={quote}{rel}{quote} href={quote}https://cdn.example.net/x.png{quote}>")
    assert found == ["index.html: //cdn.example.net/x.png"], (rel, found)


@pytest.mark.parametrize("rel", ["icon", "manifest", "preload"])
def test_attribute_order_and_protocol_relative_addresses(tmp_path, rel):
    found = leaks(tmp_path, f'<link href="//cdn.example.net/a" as="image" rel="{rel}">')
    assert found == ["index.html: //cdn.example.net/a"], (rel, found)


@pytest.mark.parametrize("rel", NOT_FETCHING)
def test_a_rel_the_browser_never_fetches_is_not_a_leak(tmp_path, rel):
    assert leaks(tmp_path, f'<link rel="{rel}" href="https://example.org/page/">') == []


@pytest.mark.parametrize("rel", FETCHING)
def test_a_local_address_is_never_a_leak(tmp_path, rel):
    assert leaks(tmp_path, f'<link rel="{rel}" href="assets/images/favicon.png">') == []
