"""Build-speed and page-weight hook (no content or data logic here).

1. The site stylesheet: `stylesheets/site.css`, the one stylesheet every page loads (mkdocs.yml extra_css),
   is made here from SITE_CSS (the site's own look, and print.css, which applies to every page on screen
   and in print), joined in that order and minified.
2. print-site's `js/print-site.js` (it builds the contents of the combined print page) is taken out of the
   list every page loads; overrides/main.html links it on the print page only.
3. The project's own stylesheets and scripts (docs/stylesheets/*.css, docs/javascripts/*.js) are written
   minified (rcssmin, rjsmin; pinned in requirements.txt). Vendored files (docs/assets/vendor) are left as
   they are. Which page loads which file is decided in macros/assets.py.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.structure.files import File, Files

SITE_CSS_URI = "stylesheets/site.css"
SITE_CSS = ("stylesheets/extra.css", "stylesheets/print.css")


PRINT_SITE_JS = "js/print-site.js"


def on_config(config):
    # Hooks run after the plugins, so print-site has already added its script here.
    config["extra_javascript"] = [s for s in config["extra_javascript"] if str(s) != PRINT_SITE_JS]
    return config


def minify(src_uri: str, text: str) -> str:
    if src_uri.endswith(".css"):
        return rcssmin.cssmin(text)
    if src_uri.endswith(".js"):
        return rjsmin.jsmin(text)
    return text


def _ours(file: File) -> bool:
    uri = file.src_uri
    return file.abs_src_path is not None and (
        (uri.startswith("stylesheets/") and uri.endswith(".css")) or
        (uri.startswith("javascripts/") and uri.endswith(".js")))


def on_files(files: Files, config) -> Files:
    by_uri = {f.src_uri: f for f in files}
    missing = [uri for uri in SITE_CSS if uri not in by_uri]
    if missing:
        raise ValueError(f"hooks/minify_assets.py: {', '.join(missing)} not found in docs/")
    site_css = "\n".join(Path(by_uri[uri].abs_src_path).read_text(encoding="utf-8") for uri in SITE_CSS)
    for file in [f for f in files if _ours(f)]:
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minify(file.src_uri, text)))
    if SITE_CSS_URI in by_uri:
        raise ValueError(f"hooks/minify_assets.py: docs/{SITE_CSS_URI} is made at build time; remove the file")
    files.append(File.generated(config, SITE_CSS_URI, content=minify(SITE_CSS_URI, site_css)))
    return files
