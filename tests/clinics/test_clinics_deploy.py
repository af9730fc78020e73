"""deploy/nginx.conf, run with Debian's nginx on 127.0.0.1 over a strict build with a public address
(public_site, as a deployed site has): security and cache headers, redirects and 404s, ranges, and every page
working in Chromium under the Content-Security-Policy."""
from __future__ import annotations

import http.client
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import nginx_runner
from helpers import ROOT, page_paths

sys.path.insert(0, str(ROOT / "deploy"))
import csp  # noqa: E402

SECURITY = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def nginx_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("nginx")


@pytest.fixture(scope="module")
def nginx(public_site, nginx_dir):
    assert nginx_runner.NGINX.exists(), "nginx not found at /usr/sbin/nginx: run 'make system-packages'"
    with nginx_runner.run_nginx(public_site, nginx_dir) as base:
        yield base


def fetch(base: str, path: str, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def fetch_raw(base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, list[tuple[str, str]], bytes]:
    """Like fetch, but every header line as sent (a header sent twice shows twice)."""
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, [(k.lower(), v) for k, v in response.getheaders()], body


def hashed_asset(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY.items():
        assert headers.get(name.lower()) == value, name
    policy = headers["content-security-policy"]
    assert " ".join(policy.split()) == csp.configured_policy(nginx_runner.CONFIG)
    assert "permissions-policy" in headers and "camera=()" in headers["permissions-policy"]


def test_config_csp_matches_the_build(public_site):
    assert csp.configured_policy(nginx_runner.CONFIG) == csp.policy(public_site), (
        "deploy/nginx.conf's Content-Security-Policy is out of date: run `python deploy/csp.py site/`")


def test_csp_allows_no_third_party_origin():
    policy = csp.configured_policy(nginx_runner.CONFIG)
    sources = [token for d in policy.split(";") for token in d.split()[1:]]
    assert sources, policy
    allowed = {"'self'", "'none'", "'unsafe-inline'", "data:"}
    assert [s for s in sources if s not in allowed and not re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s)] == []
    directives = {d.split()[0] for d in policy.split("; ")}
    assert {"default-src", "script-src", "object-src", "base-uri", "form-action", "frame-ancestors"} <= directives
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]


@pytest.mark.parametrize("path", ["/", "/faq/", "/for-clinics/", "/refill-planner/"])
def test_pages_are_served_with_security_headers_and_revalidated(nginx, path):
    status, headers, body = fetch(nginx, path, gzip=True)
    assert status == 200
    assert_security_headers(headers)
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert headers["content-encoding"] == "gzip" and "etag" in headers
    assert headers["server"] == "nginx"  # no version number


def test_hashed_theme_assets_are_cached_for_a_year(nginx, public_site):
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css"):
        status, headers, _ = fetch(nginx, hashed_asset(public_site, pattern))
        assert status == 200
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert_security_headers(headers)


def test_our_own_scripts_styles_and_search_index_are_revalidated(nginx):
    for path, kind in [("/javascripts/link-builder.js", "application/javascript"),
                       ("/stylesheets/clinics.css", "text/css"),
                       ("/search/search_index.json", "application/json")]:
        status, headers, _ = fetch(nginx, path)
        assert status == 200
        assert headers["cache-control"] == "no-cache"
        assert headers["content-type"].startswith(kind)
        assert_security_headers(headers)


def test_missing_page_gets_the_sites_404_page_with_the_same_headers(nginx, public_site):
    status, headers, body = fetch(nginx, "/no-such-page/")
    assert status == 404
    assert_security_headers(headers)
    assert body == (public_site / "404.html").read_bytes()


def test_directory_without_slash_redirects_relatively(nginx):
    status, headers, _ = fetch(nginx, "/faq")
    assert status == 301 and headers["location"] == "/faq/"
    assert_security_headers(headers)


# ---------------------------------------------------------------- ranges and the sitemap (issue 23, Low)

def test_a_request_for_many_ranges_gets_the_whole_file(nginx, public_site):
    # max_ranges 1: one range is served (206); a list of ranges cannot make nginx cut a file into many parts.
    status, headers, body = fetch_raw(nginx, "/faq/", {"Range": "bytes=0-9"})
    assert status == 206 and len(body) == 10
    status, headers, body = fetch_raw(nginx, "/faq/", {"Range": "bytes=0-1,5-6,10-11"})
    assert status == 200 and body == (public_site / "faq" / "index.html").read_bytes()
    assert not dict(headers)["content-type"].startswith("multipart/")


def test_an_unsatisfiable_range_carries_each_header_once(nginx):
    status, headers, _ = fetch_raw(nginx, "/faq/", {"Range": "bytes=99999999-"})
    assert status == 416
    names = [name for name, _ in headers]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
    assert_security_headers(dict(headers))


def test_the_gzipped_sitemap_is_served_as_a_gzip_file(nginx, public_site):
    status, headers, body = fetch_raw(nginx, "/sitemap.xml.gz", {"Accept-Encoding": "gzip"})
    assert status == 200 and body == (public_site / "sitemap.xml.gz").read_bytes()
    headers = dict(headers)
    assert headers["content-type"] == "application/gzip"
    assert "content-encoding" not in headers  # the file is the gzip; a browser must not unpack it as XML
    assert_security_headers(headers)


def test_dot_files_are_never_served(nginx, public_site):
    secret = public_site / ".git-credentials-test"
    secret.write_text("secret")
    try:
        status, headers, body = fetch(nginx, "/.git-credentials-test")
        assert status == 404 and b"secret" not in body
    finally:
        secret.unlink()


def test_every_page_works_in_the_browser_under_the_policy(nginx, new_context):
    """No Content-Security-Policy violation on any page, and the scripts still run (the theme, the
    planner, the link builder, search)."""
    context = new_context()
    context.add_init_script("""window.__csp = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));""")
    page = context.new_page()
    problems = []
    for path in page_paths() + ["print_page/", "no-such-page/"]:
        page.goto(f"{nginx}/{path}", wait_until="load")
        page.wait_for_timeout(100)
        problems += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    assert problems == []
    # Scripts ran: the colour-scheme script (inline, allowed by hash) and the bundle set up the page.
    page.goto(f"{nginx}/for-clinics/")
    assert page.locator("form.link-builder").is_visible()
    page.goto(f"{nginx}/refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20")
    page.wait_for_selector('[data-role="result"]:not([hidden])')
    page.locator('input[name="query"]').click()
    page.locator('input[name="query"]').press_sequentially("refill")
    page.wait_for_selector(".md-search-result__item")
    assert page.evaluate("window.__csp") == []


def test_dockerfile_serves_the_tested_config_with_the_tested_nginx():
    """Docker cannot run here, so check that the image is put together from what the tests run."""
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    conf = nginx_runner.CONFIG.read_text(encoding="utf-8")
    debian = (Path("/etc/debian_version").read_text().split(".")[0])
    assert debian == "12" and dockerfile.count("FROM debian:bookworm-slim") == 2  # Debian 12, as tested
    assert "nginx-light" in dockerfile
    assert "COPY deploy/nginx.conf /etc/nginx/conf.d/itb-handbook.conf" in dockerfile
    assert "rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default" in dockerfile
    assert re.search(r"(?m)^\s*listen 8080;$", conf) and "EXPOSE 8080" in dockerfile
    assert re.search(r"(?m)^\s*root /srv/itb-handbook;$", conf)
    assert "COPY --from=build /src/site /srv/itb-handbook" in dockerfile
    assert "deploy/csp.py site --check deploy/nginx.conf" in dockerfile


def test_visits_are_not_logged(nginx, nginx_dir):
    # The test's main config logs every request to access.log; the site's `access_log off` wins.
    assert fetch(nginx, "/faq/")[0] == 200 and fetch(nginx, "/no-such-page/")[0] == 404
    assert (nginx_dir / "access.log").read_text() == ""


# Every content type the site serves, with the type nginx must send; each file is over gzip_min_length.
GZIP_TYPES = [
    ("html", "/faq/", "text/html"),
    ("css", "/stylesheets/site.css", "text/css"),
    ("js", "/javascripts/planner.js", "application/javascript"),
    ("json", "/search/search_index.json", "application/json"),
    ("svg", None, "image/svg+xml"),   # the largest QR code the build wrote
    ("xml", "/sitemap.xml", "text/xml"),
]


def test_every_text_content_type_is_served_gzipped(nginx, public_site):
    import gzip
    built_site = public_site  # what nginx serves here (a local build has no QR files)
    largest_svg = max(built_site.glob("qr/*.svg"), key=lambda p: p.stat().st_size)
    failures = []
    for kind, path, content_type in GZIP_TYPES:
        path = path or "/" + largest_svg.relative_to(built_site).as_posix()
        status, headers, body = fetch(nginx, path, gzip=True)
        assert status == 200, path
        if not headers.get("content-type", "").startswith(content_type):
            failures.append(f"{kind} {path}: content-type {headers.get('content-type')!r}, expected {content_type}")
        if headers.get("content-encoding") != "gzip":
            failures.append(f"{kind} {path}: not gzipped (content-encoding {headers.get('content-encoding')!r})")
            continue
        assert "accept-encoding" in headers.get("vary", "").lower(), path
        plain = gzip.decompress(body)
        assert len(plain) > len(body), path
        if not path.endswith("/"):
            assert plain == (built_site / path.lstrip("/")).read_bytes(), path
    assert not failures, "\n".join(failures)
