"""Load every file in data/, validate it, and cross-check source ids.

Any problem raises DataError with one line per problem:
    data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20) [entry id: synchromed-ii-40]
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from .models import (ActionsFile, AlarmsFile, ClinicFile, DrugFile, GlossaryFile, PumpsFile, RefillFile, SourcesFile,
                     SymptomsFile, short)

# file name -> model; the order is the order of loading.
DATA_FILES: dict[str, type[BaseModel]] = {
    "sources.yml": SourcesFile,
    "pumps.yml": PumpsFile,
    "drug.yml": DrugFile,
    "refill.yml": RefillFile,
    "symptoms.yml": SymptomsFile,
    "alarms.yml": AlarmsFile,
    "glossary.yml": GlossaryFile,
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
        return f"unknown key (got {short(err['input'])})"
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        return msg if "(got" in msg else f"{msg} (got {short(err['input'])})"
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
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: PyYAML reports it below
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {short(key)} (first at line {first})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


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
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader, made stricter)
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
            where = _loc(err["loc"]) or "(top level)"
            lines.append(f"{label}: {where}: {_message(err)}{suffix}")
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
        actions=actions,
    )


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
