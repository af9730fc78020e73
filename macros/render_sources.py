"""Source lists and inline citations, rendered from data/sources.yml."""
from __future__ import annotations

from .html import esc


def _source_item(src, anchor_prefix: str = "src") -> str:
    title = esc(src.title)
    if src.title_is_description:
        title = f"{title} <span class=\"source-note\">(description; title not recorded)</span>"
    link = f'<a href="{esc(src.url)}">{title}</a>' if src.url else title
    year = f", {src.year}" if src.year else ", no date"
    return (f'<li id="{anchor_prefix}-{esc(src.id)}"><span class="source-id">[{esc(src.id)}]</span> '
            f"{link}. {esc(src.organisation)}{year}.</li>")


def page_sources(ids: list[str], sources: dict) -> str:
    """The 'Sources for this page' section that ends every page (Markdown heading + HTML list)."""
    # One <li> per line: print-site's id rewriting only sees the first id on each line.
    items = "\n".join(_source_item(sources[i]) for i in ids)
    return ("\n\n## Sources for this page { #page-sources }\n\n"
            f'<ol class="source-list">\n{items}\n</ol>\n')


def all_sources(sources: dict, kinds: dict[str, str]) -> str:
    """Every source, grouped by kind, for /sources/."""
    out = []
    for kind, heading in kinds.items():
        group = [s for s in sources.values() if s.kind == kind]
        if not group:
            continue
        items = "\n".join(_source_item(s, anchor_prefix="source") for s in group)
        out.append(f"\n\n### {heading} {{ #sources-{kind} }}\n\n<ul class=\"source-list\">{items}</ul>\n")
    return "".join(out)


def cite(ids: tuple[str, ...], sources: dict) -> str:
    """An inline citation like [L1, D2], each id linking to the page's source list."""
    links = ", ".join(f'<a href="#src-{esc(i)}">{esc(i)}</a>' for i in ids)
    return f'<span class="cite">[{links}]</span>'
