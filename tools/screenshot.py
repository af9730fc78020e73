"""Screenshots of built pages, for looking at them as a reader would.

    python -m tools.screenshot SITE_DIR PATH [PATH ...] [--out DIR] [--full]

Writes DIR/<page>-<light|dark>-<390|1280>.png for each path (e.g. "" for home, "maintenance/").
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.local_site import CHROMIUM, CHROMIUM_ARGS, serve


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--full", action="store_true", help="the whole page, not just the first screen")
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--schemes", default="light,dark")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    with serve(Path(args.site)) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for scheme in args.schemes.split(","):
            for width in map(int, args.widths.split(",")):
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 400 else 844},
                                              color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for path in args.paths:
                    page.goto(url + path.lstrip("/"), wait_until="load")
                    name = (path.strip("/") or "home").replace("/", "_").replace("#", "_")
                    target = out / f"{name}-{scheme}-{width}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
