"""Load every file in data/, validate it, and cross-check source ids.

Any problem raises DataError with one line per problem:
    data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20) [entry id: synchromed-ii-40]
"""
from __future__ import annotations

import dataclasses
import difflib
import os
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from .models import (ActionsFile, AlarmsFile, ClinicFile, DrugFile, GlossaryFile, OutcomesFile, PumpsFile, RefillFile, SourcesFile,
                     SymptomsFile,
                     short)

# file name -> model; the order is the order of loading.
DATA_FILES: dict[str, type[BaseModel]] = {
    "sources.yml": SourcesFile,
    "pumps.yml": PumpsFile,
    "drug.yml": DrugFile,
    "refill.yml": RefillFile,
    "symptoms.yml": SymptomsFile,
    "alarms.yml": AlarmsFile,
    "glossary.yml": GlossaryFile,
    "outcomes.yml": OutcomesFile,
    "actions.yml": ActionsFile,
}


# Text files hold no control characters other than tab, line feed and carriage return.
CONTROL_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DataError(Exception):
    """A data file is missing, malformed or invalid. str() is the message shown to the person building."""


@dataclasses.dataclass(frozen=True)
class SiteData:
    sources: dict[str, Any]
    pumps: dict[str, Any]
    drug: DrugFile
    refill: RefillFile
    symptoms: SymptomsFile
    glossary: GlossaryFile
    clinic: ClinicFile
    alarms: AlarmsFile | None = None
    outcomes: OutcomesFile | None = None
    actions: ActionsFile | None = None


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(err: dict) -> str:
    """One error as words. The bad value is shown cut to 80 characters (models.short), never whole."""
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key"  # never its value: a misplaced key may hold a password or token
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        return msg if "(got" in msg or msg.startswith("@") else f"{msg} (got {short(err['input'])})"
    msg = msg.replace("Input should be", "must be").replace("Input should have", "must have")
    return f"{msg} (got {short(err['input'])})"


def _entry_id(raw: Any, loc: tuple) -> str | None:
    """The id of the innermost list entry on the error's path, so the message names the entry."""
    node, found = raw, None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and "id" in node:
            found = node["id"]
    return found


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: no anchors or aliases (a few nested aliases expand to billions of
    values, the "billion laughs"), no merge keys, and a key written twice in one mapping is an error
    (YAML would silently keep the last value)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise yaml.composer.ComposerError(
                None, None, f"YAML anchors and aliases (&name, *name) are not allowed (found the {kind} "
                            f"{short(event.anchor)}); write the value out in full", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        return _checked_mapping(self, node, deep)


def _checked_mapping(loader, node, deep=False):
    """A mapping, refusing merge keys and a key written twice."""
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise yaml.constructor.ConstructorError(
                None, None, "merge keys (<<) are not allowed", key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        try:
            first = seen.get(key)
        except TypeError:  # an unhashable key: PyYAML reports it below
            continue
        if first is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {short(key)} (first at line {first})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


class _FastLoader(yaml.CSafeLoader):
    """_Loader's checks on libyaml's parser, several times faster (reading the data was about a tenth of the
    build). libyaml composes nodes in C, so _Loader.compose_node's test for anchors and aliases cannot run:
    read_yaml uses this loader only for text where none can be (_MAYBE_ANCHOR), and reads again with _Loader
    on any error, so every message stays _Loader's own."""

    def construct_mapping(self, node, deep=False):
        return _checked_mapping(self, node, deep)


# An anchor (&a) or alias (*a) starts a node: at the start of a line or after a space, a flow bracket, a comma
# or a colon. Text without this pattern holds neither (text with it, even inside a quoted string, takes
# the slow, checking loader).
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*]", re.M)


class _WrittenInt(int):
    """An int that remembers how it was written (0112, read as 74), for the 'put it in quotes' message."""
    written: str = ""


class _WrittenFloat(float):
    written: str = ""


class ImpossibleDate(yaml.constructor.ConstructorError):
    """An unquoted date that does not exist (2026-02-30): PyYAML raises a bare ValueError for it."""


def _construct_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise ImpossibleDate(None, None, f"{node.value} is not a real date ({exc})", node.start_mark) from None


def _construct_written(base, kind):
    def construct(loader, node):
        value = kind(base(loader, node))
        value.written = node.value
        return value
    return construct


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int",
                            _construct_written(yaml.constructor.SafeConstructor.construct_yaml_int, _WrittenInt))
    _loader.add_constructor("tag:yaml.org,2002:float",
                            _construct_written(yaml.constructor.SafeConstructor.construct_yaml_float, _WrittenFloat))


def load_yaml_text(text: str) -> Any:
    """YAML text read by _Loader's rules: with libyaml when the text can hold no anchor or alias and reads
    without error, else (and for every error message) with _Loader itself."""
    if not _MAYBE_ANCHOR.search(text):
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 (a SafeLoader, made stricter)
        except yaml.YAMLError:
            pass  # read again below, for _Loader's own message
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader, made stricter)


def _date_problem(exc: ImpossibleDate, text: str, first_line: int = 1) -> str:
    """'review_date: 2026-02-30 is not a real date (day is out of range for month), at line 3'."""
    mark = exc.problem_mark
    line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    key = re.search(r"([\w.-]+)\s*:\s*$", line[:mark.column])
    field = f"{key.group(1)}: " if key else ""
    return f"{field}{exc.problem}, at line {mark.line + first_line}"


def read_yaml(path: Path, label: str) -> Any:
    """Read one YAML file (data or clinic settings). Every problem is one DataError line naming the file."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{label}: file is missing (expected at {path})")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError(f"{label}: must be UTF-8 text (byte 0x{data[exc.start]:02x} at line {line} is not "
                        "UTF-8; save the file as UTF-8)") from None
    bad = CONTROL_IN_FILE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError(f"{label}: must be UTF-8 text (found the control character U+{ord(bad.group()):04X} "
                        f"at line {line}: is it a binary file?)")
    try:
        raw = load_yaml_text(text)
    except ImpossibleDate as exc:
        raise DataError(f"{label}: {_date_problem(exc, text)}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError(f"{label}: not valid YAML{where}: {problem[:200]}") from None
    if raw is None:
        raise DataError(f"{label}: file is empty")
    return raw


def validate(model: type[BaseModel], raw: Any, label: str) -> BaseModel:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            entry = _entry_id(raw, err["loc"])
            suffix = f" [entry id: {entry}]" if entry else ""
            where, message = _loc(err["loc"]), _message(err)
            if message.startswith("@"):  # models.at(): a cross-field error, placed at the field it names
                path, message = message[1:].split(": ", 1)
                where = f"{where}.{path}" if where and path else (where or path)
            lines.append(f"{label}: {where or '(top level)'}: {message}{suffix}")
        raise DataError("\n".join(lines)) from None


def _walk_source_refs(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Yield (path, source id) for every id in any `sources` list in the raw data."""
    if isinstance(node, dict):
        for key, val in node.items():
            if key == "sources" and isinstance(val, list):
                for i, sid in enumerate(val):
                    yield path + (key, i), sid
            else:
                yield from _walk_source_refs(val, path + (key,))
    elif isinstance(node, list):
        for i, val in enumerate(node):
            yield from _walk_source_refs(val, path + (i,))


def _duplicates(items: list, key: str, label: str, list_name: str) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            problems.append(f"{label}: {list_name}[{i}].{key}: duplicate {key} {short(value)} (first used at {list_name}[{seen[value]}])")
        seen.setdefault(value, i)
    return problems


def load_site_data(data_dir: Path, clinic_file: Path | None = None, label_root: str = "data") -> SiteData:
    """Read, validate and cross-check all data. Raises DataError naming file, entry, field and value."""
    data_dir = Path(data_dir)
    raws: dict[str, Any] = {}
    models: dict[str, BaseModel] = {}
    problems: list[str] = []
    for name, model in DATA_FILES.items():
        label = f"{label_root}/{name}"
        try:
            raws[name] = read_yaml(data_dir / name, label)
            models[name] = validate(model, raws[name], label)
        except DataError as exc:
            problems.append(str(exc))
    clinic_path = Path(clinic_file) if clinic_file else data_dir / "clinic.yml"
    clinic_label = str(clinic_file) if clinic_file else f"{label_root}/clinic.yml"
    try:
        clinic = validate(ClinicFile, read_yaml(clinic_path, clinic_label), clinic_label)
    except DataError as exc:
        problems.append(str(exc))
    if problems:
        raise DataError("\n".join(problems))

    sources_file: SourcesFile = models["sources.yml"]
    problems += _duplicates(sources_file.sources, "id", f"{label_root}/sources.yml", "sources")
    problems += _duplicates(models["pumps.yml"].pumps, "id", f"{label_root}/pumps.yml", "pumps")
    problems += _duplicates(models["symptoms.yml"].features, "id", f"{label_root}/symptoms.yml", "features")
    problems += _duplicates(models["glossary.yml"].terms, "id", f"{label_root}/glossary.yml", "terms")
    problems += _duplicates(models["glossary.yml"].terms, "term", f"{label_root}/glossary.yml", "terms")
    problems += _duplicates(models["outcomes.yml"].figures, "id", f"{label_root}/outcomes.yml", "figures")
    strengths: dict[int, int] = {}
    for i, conc in enumerate(models["drug.yml"].concentrations.refill):
        if conc.mcg_per_ml in strengths:
            problems.append(f"{label_root}/drug.yml: concentrations.refill[{i}].mcg_per_ml: {conc.mcg_per_ml} mcg/mL "
                            f"is listed twice (first at concentrations.refill[{strengths[conc.mcg_per_ml]}])")
        strengths.setdefault(conc.mcg_per_ml, i)
    known = {s.id for s in sources_file.sources}
    for name, raw in raws.items():
        if name == "sources.yml":
            continue
        for path, sid in _walk_source_refs(raw):
            if sid not in known:
                entry = _entry_id(raw, path)
                suffix = f" [entry id: {entry}]" if entry else ""
                problems.append(f"{label_root}/{name}: {_loc(path)}: unknown source id {short(sid)} "
                                f"(not in {label_root}/sources.yml){suffix}")
    actions, action_problems = _action_tiers(models["actions.yml"], models["symptoms.yml"], models["alarms.yml"],
                                             f"{label_root}/actions.yml", label_root)
    problems += action_problems
    if problems:
        raise DataError("\n".join(problems))
    return SiteData(
        sources={s.id: s for s in sources_file.sources},
        pumps={p.id: p for p in models["pumps.yml"].pumps},
        drug=models["drug.yml"],
        refill=models["refill.yml"],
        symptoms=models["symptoms.yml"],
        glossary=models["glossary.yml"],
        clinic=clinic,
        alarms=models["alarms.yml"],
        outcomes=models["outcomes.yml"],
        actions=actions,
    )


FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it


def front_matter_date_problems(docs_dir: Path) -> list[str]:
    """An unquoted impossible date in a page's front matter (next_review: 2027-02-30), one line per page.
    MkDocs would only say "Error reading page"; other front-matter problems are left to page_checks."""
    docs_dir = Path(docs_dir)
    problems = []
    for md in sorted(docs_dir.rglob("*.md")):
        text = md.read_text(encoding="utf-8-sig", errors="replace")
        match = FRONT_MATTER.match(text)
        if not match:
            continue
        try:
            yaml.load(match.group(1), Loader=_Loader)  # noqa: S506 (a SafeLoader, made stricter)
        except ImpossibleDate as exc:
            name = md.relative_to(docs_dir).as_posix()
            problems.append(f"docs/{name}: front matter: {_date_problem(exc, match.group(1), first_line=2)}")
        except yaml.YAMLError:
            pass  # reported by page_checks.front_matter_problems, as missing or not valid
    return problems


def symlink_problems(root: Path) -> list[str]:
    """Symbolic links the build must not follow: any under docs/ or overrides/ (the build would publish what they
    point to, such as /etc/passwd or /proc/self/environ: the theme folder's files are copied into the site too),
    and under data/ and clinics/ those pointing outside root.
    One line per link, sorted. Used by the build (macros/__init__.py) and by tools/make_offline.py and
    tools/make_pdf.py."""
    root = Path(root).resolve()
    problems = []
    for part in ("clinics", "data", "docs", "overrides"):
        top = root / part
        if not top.is_dir() or top.is_symlink():
            if top.is_symlink():
                problems.append(f"{part}: is a symbolic link ({os.readlink(top)}): put the folder itself here")
            continue
        for folder, dirs, files in os.walk(top):
            for name in sorted(dirs + files):
                path = Path(folder) / name
                if not path.is_symlink():
                    continue
                rel, target = path.relative_to(root).as_posix(), os.readlink(path)
                if part in ("docs", "overrides"):
                    problems.append(f"{rel}: is a symbolic link (to {target}): {part}/ may hold no links, because "
                                    "the build would publish what they point to; put the file itself here")
                elif not path.resolve().is_relative_to(root):
                    problems.append(f"{rel}: is a symbolic link to a file outside the project ({target}): "
                                    "put the file itself here")
    return sorted(problems)


# Configs that build the generic site (data/clinic.yml): every other config builds a clinic's copy (except
# tools/bench.py's temporary .bench-*.yml, which INHERIT mkdocs.yml).
GENERIC_CONFIGS = ("mkdocs.yml", "mkdocs-offline.yml")
SETTINGS_KEY = "clinic_settings"


def clinic_settings_file(extra: dict, config_file: Path, project_dir: Path) -> Path | None:
    """The clinic settings file a config names (extra.clinic_settings), or None for data/clinic.yml.
    A key under extra that looks like a misspelling of clinic_settings, or a clinic config (any config but
    GENERIC_CONFIGS) that names no settings file, is a DataError: a typo must not quietly build the generic
    site ("Call 911" for a UK clinic)."""
    config = Path(config_file).name
    for key in extra:
        if key != SETTINGS_KEY and difflib.get_close_matches(
                str(key).lower().replace("-", "_"), [SETTINGS_KEY], n=1, cutoff=0.8):
            raise DataError(f"{config}: extra.{key}: unknown setting: did you mean extra.{SETTINGS_KEY}?")
    value = extra.get(SETTINGS_KEY)
    if not value:
        if config not in GENERIC_CONFIGS and not config.startswith(".bench-"):  # tools/bench.py's temporary copies
            raise DataError(f"{config}: extra.{SETTINGS_KEY} is empty: a config other than "
                            f"{' and '.join(GENERIC_CONFIGS)} builds a clinic's copy, so it must name the clinic's "
                            f"settings file (extra.{SETTINGS_KEY}: clinics/<clinic>/clinic.yml)")
        return None
    return (Path(project_dir) / str(value)).resolve()


def _action_tiers(actions: ActionsFile, symptoms: SymptomsFile, alarms: AlarmsFile, label: str,
                  label_root: str) -> tuple[ActionsFile, list[str]]:
    """Each row of data/actions.yml that names a sign (by its id or its words), every sign of a tier, or an
    alarm takes that tier, so a situation has one tier everywhere; a tier written beside the link must match.
    A row that names a sign and gives no situation shows the sign's own words."""
    signs: dict[str, tuple[str, str]] = {}  # sign id or wording -> (tier, wording)
    for f in symptoms.features:
        for s in f.withdrawal + f.overdose:
            if s.tier:
                signs.setdefault(s.sign, (s.tier, s.sign))
                if s.id:
                    signs.setdefault(s.id, (s.tier, s.sign))
    for r in symptoms.other_reasons:
        signs.setdefault(r.text, (r.tier, r.text))
    for w in symptoms.wound_signs:
        signs.setdefault(w.sign, (w.tier, w.sign))
    alarm_tiers = {a.id: a.tier for a in alarms.alarms}
    problems, rows = [], []
    for i, row in enumerate(actions.actions):
        where, linked, what, words = f"{label}: actions[{i}]", None, "", row.situation
        if row.sign is not None:
            if row.sign not in signs:
                problems.append(f"{where}.sign: no sign id or wording {short(row.sign)} in {label_root}/symptoms.yml "
                                f"[entry id: {row.id}]")
            else:
                linked, what = signs[row.sign][0], f"{label_root}/symptoms.yml gives {row.sign!r}"
                words = words or signs[row.sign][1]
        elif row.alarm is not None:
            if row.alarm not in alarm_tiers:
                problems.append(f"{where}.alarm: no alarm {short(row.alarm)} in {label_root}/alarms.yml "
                                f"(known: {', '.join(alarm_tiers)}) [entry id: {row.id}]")
            else:
                linked, what = alarm_tiers[row.alarm], f"{label_root}/alarms.yml gives the {row.alarm} alarm"
        elif row.sign_tier is not None:
            linked, what = row.sign_tier, "its sign_tier is"
        if linked and row.tier and linked != row.tier:
            problems.append(f"{where}.tier: {row.id!r} has tier {row.tier}, but {what} tier {linked}: one situation, "
                            f"one tier (leave the tier out: it comes from the link) [entry id: {row.id}]")
        rows.append(row.model_copy(update={"tier": row.tier or linked, "situation": words}))
    return ActionsFile.model_construct(actions=rows), problems
