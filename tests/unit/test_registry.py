"""Issue 19 item 3: one registry. Every macro, filter and page variable is handed to mkdocs-macros in
macros/registry.py only, and the page slug, the per-page id maker and the date formatter are each defined once."""
from __future__ import annotations

import re

from helpers import ROOT
from macros import assets, raw_html, registry

MACRO_CODE = sorted((ROOT / "macros").glob("*.py"))
REGISTERING = re.compile(r"env\.macro|env\.filter|env\.variables\[[^\]]*\]\s*=")


def test_only_the_registry_registers():
    found = {p.name for p in MACRO_CODE if REGISTERING.search(p.read_text(encoding="utf-8"))}
    assert found == {"registry.py"}, found


def test_each_shared_helper_is_defined_once():
    code = {p.name: p.read_text(encoding="utf-8") for p in MACRO_CODE}
    for pattern, home in ((r"^def page_slug\(", "pages.py"), (r"^class IdMaker\b", "html.py"),
                          (r"^def long_date\(", "dates.py")):
        homes = [name for name, text in code.items() if re.search(pattern, text, re.M)]
        assert homes == [home], (pattern, homes)
    # and no month names typed in the theme's templates or the scripts: dates come from the one formatter
    typed = [p.relative_to(ROOT).as_posix() for p in [*(ROOT / "overrides").rglob("*.html"),
                                                      *(ROOT / "docs" / "javascripts").glob("*.js")]
             if "September" in p.read_text(encoding="utf-8")]
    assert typed == [], typed


def test_every_listed_name_is_a_macro_in_the_registry():
    assert set(assets.MACRO_ASSETS) | set(assets.HANDOUT_MACROS) <= set(registry.MACROS)
    assert set(raw_html.BLOCK_MACROS) <= set(registry.MACROS)
    assert all(name == fn.__name__ for name, fn in registry.MACROS.items())
