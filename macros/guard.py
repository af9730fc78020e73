"""Clean build failures for page templates and macros.

mkdocs-macros catches every Exception raised while rendering a page and prints it with a Python
traceback. BuildStop is a SystemExit, not an Exception: nothing on the way catches it, and Python
prints its message and exits with status 1, so the person building sees one clear line per problem.
"""
from __future__ import annotations

import functools
import re

from jinja2 import TemplateSyntaxError, nodes

# Names Jinja provides by itself in every template.
class BuildStop(SystemExit):
    def __init__(self, message: str):
        super().__init__("ERROR   -  " + message.replace("\n", "\nERROR   -  ") + "\n\nAborted: the build failed.")


JINJA_BUILTINS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "self", "varargs", "kwargs",
                  "caller"}


def _names_used(ast: nodes.Template) -> set[str]:
    """Every name the page reads that it does not define itself ({% set %}, a loop, a macro and its
    parameters, an import). A walk of the syntax tree: jinja2.meta.find_undeclared_variables gives the
    same names for these pages but generates the template's whole Python code to find them, the cost of a
    second compile of every page. (A name set anywhere on the page counts as defined; mkdocs-macros'
    on_undefined: strict still stops a build that reads it before.)"""
    loaded, defined = set(), set()
    for node in ast.find_all(nodes.Name):
        (loaded if node.ctx == "load" else defined).add(node.name)
    defined |= {m.name for m in ast.find_all(nodes.Macro)}
    for node in ast.find_all((nodes.Import, nodes.FromImport)):
        if isinstance(node, nodes.Import):
            defined.add(node.target)
        else:
            defined |= {n[1] if isinstance(n, tuple) else n for n in node.names}
    return loaded - defined


def undefined_names(jinja_env, markdown: str, known: set[str], ast=None) -> list[tuple[str, int]]:
    """(name, line) for every variable or macro the page uses that is not defined."""
    ast = jinja_env.parse(markdown) if ast is None else ast
    missing = sorted(_names_used(ast) - known - JINJA_BUILTINS)
    lines = markdown.splitlines()
    out = []
    for name in missing:
        pattern = re.compile(r"\b%s\b" % re.escape(name))
        line = next((i + 1 for i, text in enumerate(lines) if "{" in text and pattern.search(text)), 0)
        out.append((name, line))
    return out


def check_page_template(jinja_env, markdown: str, known: set[str], src_path: str) -> None:
    """Stops the build on a syntax error or an undefined name. The page is parsed once: its syntax tree is
    handed on to the render that mkdocs-macros does next (ParsedOnce), which would otherwise parse it again."""
    where = f"docs/{src_path}"
    try:
        ast = jinja_env.parse(markdown)
        _check_filters_and_tests(jinja_env, ast)
        missing = undefined_names(jinja_env, markdown, known, ast)
    except TemplateSyntaxError as exc:
        raise BuildStop(f"{where}: line {exc.lineno}: template syntax error: {exc.message}") from None
    if missing:
        raise BuildStop("\n".join(f"{where}: line {line}: {name!r} is not a defined variable or macro "
                              "(check the spelling; the list is in macros/registry.py)" for name, line in missing))
    ParsedOnce.on(jinja_env).hold(markdown, ast)


def _check_filters_and_tests(jinja, ast: nodes.Template) -> None:
    """Jinja's own error for an unknown filter or test (`{{ x | nmu }}`), which its compiler would raise."""
    for node in ast.find_all((nodes.Filter, nodes.Test)):
        kind, table = ("filter", jinja.filters) if isinstance(node, nodes.Filter) else ("test", jinja.tests)
        if node.name not in table:
            raise TemplateSyntaxError(f"No {kind} named {node.name!r}.", node.lineno)


class ParsedOnce:
    """The Jinja environment's from_string, taking a syntax tree held for the same text instead of parsing it.

    mkdocs-macros renders each page with `env.from_string(markdown)` right after on_pre_page_macros, where the
    guard has just parsed the same text (parsing was about a third of the build's Jinja compiling). The tree is
    used once, and only for the very same text; any other call parses as usual."""

    def __init__(self, jinja_env):
        self._from_string = type(jinja_env).from_string.__get__(jinja_env)
        self._source: str | None = None
        self._ast = None

    @classmethod
    def on(cls, jinja_env) -> "ParsedOnce":
        installed = jinja_env.__dict__.get("from_string")
        if not isinstance(installed, cls):
            installed = jinja_env.from_string = cls(jinja_env)
        return installed

    def hold(self, source: str, ast) -> None:
        self._source, self._ast = source, ast

    def __call__(self, source, globals=None, template_class=None):
        if self._ast is not None and isinstance(source, str) and source == self._source:
            source = self._ast
        self._source = self._ast = None
        return self._from_string(source, globals, template_class)


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
