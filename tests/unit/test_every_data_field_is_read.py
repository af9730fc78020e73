"""A field in data/*.yml that no page, template, macro or script reads is an error: changing it would change
nothing a reader sees, so no test could ever catch a wrong value in it.

"Read" means the field's name appears as a whole word in the code that renders the site (macros/ except the
schema and the loader, overrides/, hooks/, docs/*.md and docs/javascripts/). The schema (models.py) and the
loader (data.py) only validate a field; they do not show it."""
from __future__ import annotations

import re

import yaml

from helpers import ROOT

READERS = ["macros/*.py", "overrides/**/*.html", "hooks/*.py", "docs/*.md", "docs/javascripts/*.js"]
NOT_READERS = {"macros/models.py", "macros/data.py"}

# Fields no page reads today, each with the decision still to make (issue 19 item 2). This list may only
# shrink: the test fails if a field here is read again (remove it from the list) or no longer exists.
PENDING: dict[str, str] = {}  # every field is read (issue 19: unread fields shown on a page or removed)


def data_fields() -> dict[str, str]:
    """'file:path.to.field' (list items as []) -> the field's own name, for every key in data/*.yml."""
    fields: dict[str, str] = {}

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                path = f"{where}.{key}" if not where.endswith(":") else f"{where}{key}"
                fields[path] = str(key)
                walk(value, path)
        elif isinstance(node, list):
            for value in node:
                walk(value, where + "[]")

    for path in sorted((ROOT / "data").glob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), f"{path.name}:")
    return fields


def reader_text() -> str:
    files = {p for pattern in READERS for p in ROOT.glob(pattern)}
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(files)
                     if p.relative_to(ROOT).as_posix() not in NOT_READERS)


FIELDS = data_fields()
TEXT = reader_text()


def is_read(name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", TEXT) is not None


def test_the_field_list_is_real():
    # A few fields every build reads, so a broken walk or an empty reader text cannot pass.
    assert {"pumps.yml:pumps[].diameter_mm", "drug.yml:maintenance_mcg_per_day[].range",
            "refill.yml:max_interval_days"} <= set(FIELDS)
    assert len(FIELDS) > 80 and len(TEXT) > 100_000, (len(FIELDS), len(TEXT))


def test_every_data_field_is_read_by_a_page():
    unread = sorted(path for path, name in FIELDS.items() if not is_read(name) and path not in PENDING)
    assert not unread, ("fields in data/ that no page, template, macro or script reads (show them on a page, or "
                        "remove them from data/ and macros/models.py):\n  " + "\n  ".join(unread))


def test_the_pending_list_only_shrinks():
    gone = sorted(p for p in PENDING if p not in FIELDS)
    read = sorted(p for p in PENDING if p in FIELDS and is_read(FIELDS[p]))
    assert not gone and not read, f"remove these from PENDING: no longer in data/ {gone}; read now {read}"
