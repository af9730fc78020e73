"""The Content-Security-Policy for the built site, and a check that deploy/nginx.conf sends it.

    python deploy/csp.py site/                      # print the policy for a built site
    python deploy/csp.py site/ --check deploy/nginx.conf

Only this site's own origin is allowed ('self'): no third-party origin anywhere. The theme puts a few small
scripts inline (reading the saved colour scheme, the page's base URL); each is allowed by its SHA-256 hash,
so no other inline script can run. Inline styles are allowed: they cannot run code, and the print page
writes one that changes with every page added. Scripts in <script type="application/json"> are data, not run.
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

DATA_TYPES = {"application/json", "application/ld+json", "text/template"}


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in sorted(Path(site).rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("src") or (script.get("type") or "").lower() in DATA_TYPES:
                continue
            digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
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
    found = re.findall(r'add_header\s+Content-Security-Policy\s+"([^"]*)"', text)
    if len(found) != 1:
        raise SystemExit(f"{nginx_conf}: expected one Content-Security-Policy header, found {len(found)}")
    return " ".join(found[0].split())


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    wanted = policy(Path(argv[1]))
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
