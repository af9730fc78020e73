"""Every local link and anchor in the built site resolves, the combined print page included.

The check itself is macros/link_check.py (pure, unit-tested). It runs here, in a hook, because a hook's
on_post_build runs after every plugin's (and this one asks to run last): mkdocs-print-site-plugin writes
/print_page/ and its script in its own on_post_build, so a check run from the macros plugin, which comes
before it, never saw the print page (issue 20: two of its anchors were broken unnoticed).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_PATH = Path(__file__).resolve().parent.parent / "macros" / "link_check.py"


def _link_check():
    """macros/link_check.py, loaded on its own (importing the macros package would run its set-up)."""
    spec = importlib.util.spec_from_file_location("itb_site_link_check", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@event_priority(-100)
def on_post_build(config):
    problems = _link_check().broken_links(config["site_dir"])
    if problems:
        raise PluginError("Broken links or anchors in the built site:\n" + "\n".join(problems))
