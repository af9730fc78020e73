"""A static scan of the built output: nothing in it fetches from another origin."""
import re
from pathlib import Path

from bs4 import BeautifulSoup

# (tag, attribute) pairs that make the browser fetch something.
FETCHING = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
            ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href"), ("use", "href"),
            ("form", "action")]
NOT_FETCHED_LINK_RELS = {"canonical", "alternate", "author", "license", "help"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def external_fetches_in_html(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in FETCHING:
        for node in soup.find_all(tag):
            if tag == "link" and NOT_FETCHED_LINK_RELS & set(node.get("rel") or []):
                continue
            for value in (node.get(attr) or "").split(","):
                url = value.strip().split(" ")[0]
                if EXTERNAL.match(url):
                    found.append(f"<{tag} {attr}={url}>")
    for style in soup.find_all("style"):
        found += external_fetches_in_css(style.get_text())
    for node in soup.select("[style]"):
        found += external_fetches_in_css(node["style"])
    return found


def external_fetches_in_css(css: str) -> list[str]:
    return [f"css {m}" for pair in CSS_URL.findall(css) for m in pair if m and EXTERNAL.match(m)]


def test_scanner_finds_what_it_should():
    html = ('<link rel="stylesheet" href="https://cdn.example.com/a.css"><img src="//x.example/p.png">'
            '<style>@import "https://f.example/f.css"; b{background:url(https://t.example/t.gif)}</style>'
            '<link rel="canonical" href="https://itb.example.org/"><a href="https://ok.example/">link</a>')
    assert len(external_fetches_in_html(html)) == 4


def test_built_site_fetches_nothing_from_elsewhere(built_site: Path):
    problems = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            problems += [f"{path.relative_to(built_site)}: {p}" for p in external_fetches_in_html(path.read_text())]
        elif path.suffix == ".css":
            problems += [f"{path.relative_to(built_site)}: {p}" for p in external_fetches_in_css(path.read_text())]
    assert not problems, "\n".join(problems)


def test_no_cookies_or_analytics(built_site: Path):
    for path in built_site.rglob("*.html"):
        html = path.read_text()
        for marker in ("googletagmanager", "google-analytics", "gtag(", "document.cookie", "plausible", "matomo"):
            assert marker not in html, f"{path.relative_to(built_site)} contains {marker}"
