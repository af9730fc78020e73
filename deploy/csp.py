"""The Content-Security-Policy for the built site, and a check that deploy/nginx.conf sends it.

    python deploy/csp.py site/                      # print the policy for a built site
    python deploy/csp.py site/ --check deploy/nginx.conf

Only this site's own origin is allowed ('self'): no third-party origin anywhere. The theme puts a few small
scripts inline (reading the saved colour scheme, the page's base URL); each is allowed by its SHA-256 hash,
so no other inline script can run. Inline styles are allowed: they cannot run code, and the print page
writes one that changes with every page added. Scripts in <script type="application/json"> are data, not run.

Only inline scripts that the project itself produces are hashed, recognised by their known content: the
theme's (the <script> blocks in mkdocs-material's own templates, where only a URL may vary), the print-site
plugin's and the redirects plugin's. Our own inline scripts are data only: the JSON configs with a known id
or class. Any other inline script, inline event handler (onload=...) or javascript: URL in a page means
something put script into the site that the project did not write (for example clinic text that was not
escaped): the script stops with one line per page naming it, and exits non-zero, in both modes.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

DATA_TYPES = {"application/json", "application/ld+json", "text/template"}
# Our own data scripts (never run): the theme's config and the planner's settings.
KNOWN_DATA = {("id", "__config"), ("class", "itb-refill-config")}
# A value the theme templates fill into a script: a double-quoted JS string holding only a URL or path
# (no quote, backslash or angle bracket, so it cannot end the string or the script).
_URL_STRING = r'"[A-Za-z0-9._~:/?#\[\]@!$&()*+,;=%-]*"'
# Plugins' inline scripts, by pattern (mkdocs-print-site-plugin 2.x, mkdocs-redirects 1.x).
PLUGIN_SCRIPTS = {
    "print-site": re.compile(r"\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*"
                             r"(?:[a-z_]+\(\);)+\s*\}\)\s*"),
    "redirects": re.compile(r"var anchor=window\.location\.hash\.substr\(1\);location\.href=" + _URL_STRING
                            + r'\+\(anchor\?"#"\+anchor:""\)'),
}
SHOWN = 80


class UnknownScript(Exception):
    """A page has an inline script the project does not produce. str() is one line per page."""


@functools.lru_cache(maxsize=1)
def theme_scripts() -> tuple[re.Pattern, ...]:
    """Every inline <script> in mkdocs-material's templates, as a pattern where each {{ ... }} may be a URL."""
    import material
    patterns = set()
    for template in Path(material.__file__).parent.joinpath("templates").rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            parts = re.split(r'"\{\{[^"]*?\}\}"', body)
            if any("{{" in p or "{%" in p for p in parts):
                continue  # a value outside a string: not recognised, so it fails if it is ever used
            patterns.add(_URL_STRING.join(re.escape(p) for p in parts))
    if not patterns:
        raise SystemExit("deploy/csp.py: found no inline scripts in mkdocs-material's templates")
    return tuple(re.compile(p, re.S) for p in sorted(patterns))


def known_script(script) -> bool:
    """Is this inline script one the theme, a plugin or this project produces?"""
    body = script.string or ""
    kind = (script.get("type") or "").lower()
    if kind in DATA_TYPES:
        marks = {("id", script.get("id"))} | {("class", c) for c in script.get("class") or []}
        if not marks & KNOWN_DATA:
            return False
        try:
            json.loads(body)
        except ValueError:
            return False
        return True
    if set(script.attrs) - {"type"} or kind not in {"", "text/javascript"}:
        return False
    if kind == "text/javascript":
        return PLUGIN_SCRIPTS["print-site"].fullmatch(body) is not None
    return (any(p.fullmatch(body) for p in theme_scripts())
            or PLUGIN_SCRIPTS["redirects"].fullmatch(body) is not None)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[:SHOWN - 3] + "..."


def page_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for script in soup.find_all("script"):
        if not script.get("src") and not known_script(script):
            problems.append(f"unknown inline script {_cut(str(script))!r}")
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            if attr.lower().startswith("on"):
                problems.append(f"inline event handler <{el.name} {attr}=...>")
            elif isinstance(value, str) and re.match(r"\s*javascript:", value, re.I):
                problems.append(f"javascript: URL in <{el.name} {attr}=...>")
    return problems


def inline_script_hashes(site: Path) -> list[str]:
    """SHA-256 hashes of the site's inline scripts that run. Raises UnknownScript on any unknown one."""
    site = Path(site)
    hashes, unknown = set(), []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        problems = page_problems(soup)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            unknown.append(f"{page}: {problems[0]}{more}: not produced by the theme or this project; "
                           "it must not be allowed to run")
            continue
        for script in soup.find_all("script"):
            if script.get("src") or (script.get("type") or "").lower() in DATA_TYPES:
                continue
            digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    if unknown:
        raise UnknownScript("\n".join(unknown))
    return sorted(hashes)


def policy(site: Path) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(inline_script_hashes(site)),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(d.strip() for d in directives)


def configured_policy(nginx_conf: Path) -> str:
    text = Path(nginx_conf).read_text(encoding="utf-8")
    found = re.findall(r'(?:add_header\s+Content-Security-Policy|map\s+\$status\s+\$itb_csp\s*\{[^}]*?default)\s+"([^"]*)"', text)
    if len(found) != 1:
        raise SystemExit(f"{nginx_conf}: expected one Content-Security-Policy header, found {len(found)}")
    return " ".join(found[0].split())


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    try:
        wanted = policy(Path(argv[1]))
    except UnknownScript as exc:
        print(exc, file=sys.stderr)
        return 1
    if "--check" not in argv:
        print(wanted)
        return 0
    conf = Path(argv[argv.index("--check") + 1])
    if configured_policy(conf) != wanted:
        print(f"{conf}: the Content-Security-Policy does not match this build. Replace it with:\n{wanted}")
        return 1
    print(f"{conf}: Content-Security-Policy matches the build")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
