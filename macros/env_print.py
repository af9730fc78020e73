"""Registers the print macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations


def register(env, site) -> None:
    pass
