"""Load every file in data/, validate it, and cross-check source ids.

Any problem raises DataError with one line per problem:
    data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20) [entry id: synchromed-ii-40]
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from .models import (AlarmsFile, ClinicFile, DrugFile, GlossaryFile, PumpsFile, RefillFile, SourcesFile, SymptomsFile)

# file name -> model; the order is the order of loading.
DATA_FILES: dict[str, type[BaseModel]] = {
    "sources.yml": SourcesFile,
    "pumps.yml": PumpsFile,
    "drug.yml": DrugFile,
    "refill.yml": RefillFile,
    "symptoms.yml": SymptomsFile,
    "alarms.yml": AlarmsFile,
    "glossary.yml": GlossaryFile,
}


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


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(err: dict) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown key (got {err['input']!r})"
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        return msg if "(got" in msg else f"{msg} (got {err['input']!r})"
    msg = msg.replace("Input should be", "must be").replace("Input should have", "must have")
    return f"{msg} (got {err['input']!r})"


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


def read_yaml(path: Path, label: str) -> Any:
    if not path.is_file():
        raise DataError(f"{label}: file is missing (expected at {path})")
    try:
        with path.open(encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError(f"{label}: not valid YAML{where}: {problem}") from None
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
            problems.append(f"{label}: {list_name}[{i}].{key}: duplicate {key} {value!r} (first used at {list_name}[{seen[value]}])")
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
                problems.append(f"{label_root}/{name}: {_loc(path)}: unknown source id {sid!r} "
                                f"(not in {label_root}/sources.yml){suffix}")
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
    )
