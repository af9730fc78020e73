"""Clean build failures for page templates and macros.

mkdocs-macros catches every Exception raised while rendering a page and prints it with a Python
traceback. BuildStop is a SystemExit, not an Exception: nothing on the way catches it, and Python
prints its message and exits with status 1, so the person building sees one clear line per problem.
"""
from __future__ import annotations

import functools
import re

from jinja2 import TemplateSyntaxError, meta

# Names Jinja provides by itself in every template.
class BuildStop(SystemExit):
    def __init__(self, message: str):
        super().__init__("ERROR   -  " + message.replace("\n", "\nERROR   -  ") + "\n\nAborted: the build failed.")


JINJA_BUILTINS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "self", "varargs", "kwargs"}


def undefined_names(jinja_env, markdown: str, known: set[str]) -> list[tuple[str, int]]:
    """(name, line) for every variable or macro the page uses that is not defined."""
    ast = jinja_env.parse(markdown)
    missing = sorted(meta.find_undeclared_variables(ast) - known - JINJA_BUILTINS)
    lines = markdown.splitlines()
    out = []
    for name in missing:
        pattern = re.compile(r"\b%s\b" % re.escape(name))
        line = next((i + 1 for i, text in enumerate(lines) if "{" in text and pattern.search(text)), 0)
        out.append((name, line))
    return out


def check_page_template(jinja_env, markdown: str, known: set[str], src_path: str) -> None:
    where = f"docs/{src_path}"
    try:
        missing = undefined_names(jinja_env, markdown, known)
    except TemplateSyntaxError as exc:
        raise BuildStop(f"{where}: line {exc.lineno}: template syntax error: {exc.message}") from None
    if missing:
        raise BuildStop("\n".join(f"{where}: line {line}: {name!r} is not a defined variable or macro "
                              "(check the spelling; the list is in macros/registry.py)" for name, line in missing))


def guarded(name: str, fn, current_page):
    """Wrap a macro so any error in it stops the build with one clear line naming page and macro."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BuildStop:
            raise
        except Exception as exc:  # noqa: BLE001 - every macro error becomes one clean build error
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            raise BuildStop(f"docs/{current_page()}: {name}({shown}): {exc}") from None
    return wrapper
