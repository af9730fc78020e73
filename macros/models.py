"""Typed models for every file in data/. Unknown keys are errors (extra="forbid")."""
from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
import unicodedata
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

SourceIds = list[str]
MAX_DECIMALS = 3  # the pages show at most this many decimals (macros/html.py fmt_num)


def at(path: str, message: str) -> ValueError:
    """A cross-field error for the field `path` (relative to the model that raises it): macros/data.py
    prints it at that field, "pumps[0].default_alarm_ml: ...", with no value appended."""
    return ValueError(f"@{path}: {message}")


def _finite_and_short(v: Optional[float]) -> Optional[float]:
    if v is None:
        return v
    if not math.isfinite(v):
        raise ValueError(f"must be a finite number (got {v})")
    if round(v, MAX_DECIMALS) != v:
        raise ValueError(f"must have at most {MAX_DECIMALS} decimal places (got {v!r})")
    return v


def _whole_days(s: "Sourced", path: str = "value") -> None:
    if s.value is not None and s.value != int(s.value):
        raise at(path, f"must be a whole number of days (got {s.value:g})")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    """A number with the sources that support it; value null means "not known" and then needs a note."""
    value: Optional[float] = Field(default=None, gt=0, allow_inf_nan=False)
    sources: SourceIds = []
    note: Optional[str] = None

    _value_shown = field_validator("value", mode="after")(classmethod(lambda cls, v: _finite_and_short(v)))

    @model_validator(mode="after")
    def _known_or_explained(self):
        if self.value is None and not self.note:
            raise ValueError("an unknown value (null) needs a note saying it was not found")
        if self.value is not None and not self.sources:
            raise ValueError("a known value needs at least one source id")
        return self


class SourcedRange(Strict):
    min: float = Field(ge=0, allow_inf_nan=False)
    max: float = Field(gt=0, allow_inf_nan=False)
    sources: SourceIds = Field(min_length=1)
    note: Optional[str] = None

    _values_shown = field_validator("min", "max", mode="after")(classmethod(lambda cls, v: _finite_and_short(v)))

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"min must not be greater than max (got {self.min:g} > {self.max:g})")
        return self


class Source(Strict):
    id: str = Field(pattern=r"^[A-Z][0-9]+(-[a-z])?$")
    title: str = Field(min_length=3)
    title_is_description: StrictBool = False
    organisation: str = Field(min_length=2)
    year: Optional[int] = Field(default=None, ge=1950, le=2100)
    url: Optional[str] = Field(default=None, pattern=r"^https?://")
    kind: Literal["label", "device", "study", "patient"]


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class Mri(Strict):
    status: Literal["MR Conditional", "MR Unsafe", "MR Safe"]
    max_tesla: Sourced
    sources: SourceIds = Field(min_length=1)


class Pump(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    maker: str
    model: Optional[str]
    sources: SourceIds = Field(min_length=1)
    reservoir_ml: Sourced
    diameter_mm: Sourced
    thickness_mm: Sourced
    weight_empty_g: Sourced
    weight_full_g: Sourced
    min_flow_ml_per_day: Sourced
    default_alarm_ml: Sourced
    battery_years_min: Sourced
    battery_years_max: Sourced
    battery_hard_stop_years: Sourced
    replacement_warning_days: Sourced
    mri: Mri

    @field_validator("reservoir_ml")
    @classmethod
    def _reservoir_known(cls, v: Sourced):
        if v.value is None:
            raise ValueError("the reservoir size must be known")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        """Numbers of one pump that contradict each other (each check only when both values are known)."""
        def known(*names):
            values = [getattr(self, n).value for n in names]
            return values if all(v is not None for v in values) else None
        _whole_days(self.replacement_warning_days, "replacement_warning_days.value")
        if (v := known("default_alarm_ml", "reservoir_ml")) and v[0] >= v[1]:
            raise at("default_alarm_ml", f"the alarm volume ({v[0]:g} mL) must be less than the reservoir ({v[1]:g} mL)")
        for low, high in (("battery_years_min", "battery_years_max"), ("battery_years_max", "battery_hard_stop_years"),
                          ("battery_years_min", "battery_hard_stop_years")):
            if (v := known(low, high)) and v[0] > v[1]:
                raise at(low, f"must not be greater than {high} (got {v[0]:g} > {v[1]:g})")
        if (v := known("weight_empty_g", "weight_full_g")) and v[1] <= v[0]:
            raise at("weight_full_g", f"the full weight ({v[1]:g} g) must be greater than the empty weight ({v[0]:g} g)")
        if (v := known("min_flow_ml_per_day", "reservoir_ml")) and v[0] > v[1] / MIN_FLOW_DAYS:
            raise at("min_flow_ml_per_day",
                     f"the smallest flow ({v[0]:g} mL a day) must be well below the reservoir: at most "
                     f"{v[1] / MIN_FLOW_DAYS:g} mL a day (a full {v[1]:g} mL reservoir must last at least "
                     f"{MIN_FLOW_DAYS} days at the smallest flow)")
        return self


# At its smallest flow a full reservoir lasts at least this many days ("well below the reservoir"): a larger
# minimum flow would put a false "below the smallest amount" warning on ordinary doses.
MIN_FLOW_DAYS = 100


class PumpsFile(Strict):
    pumps: list[Pump] = Field(min_length=1)


class RefillConcentration(Strict):
    mcg_per_ml: int = Field(gt=0)
    products: list[str] = Field(min_length=1)
    sources: SourceIds = Field(min_length=1)


class Concentrations(Strict):
    screening_mcg_per_ml: Sourced
    refill: list[RefillConcentration] = Field(min_length=1)


class Screening(Strict):
    doses_mcg: list[Sourced] = Field(min_length=1)
    hours_between_doses: Sourced
    small_or_walking_start_mcg: Sourced
    observe_hours: SourcedRange
    onset_hours: SourcedRange
    peak_hours: SourcedRange
    duration_hours: SourcedRange


class MaintenanceRange(Strict):
    id: str
    label: str
    range: SourcedRange


class OralBaclofen(Strict):
    usual_mg_per_day: SourcedRange
    label_max_mg_per_day: Sourced
    plasma_ratio_note: Sourced


class DrugFile(Strict):
    concentrations: Concentrations
    screening: Screening
    maintenance_mcg_per_day: list[MaintenanceRange] = Field(min_length=1)
    limited_experience_above_mcg_per_day: Sourced
    oral_baclofen: OralBaclofen


class RefillRule(Strict):
    days_to_alarm: str
    days_to_empty: str
    refill_by: str
    sources: SourceIds = Field(min_length=1)


class Band(Strict):
    max_days: int = Field(gt=0)
    label: str


class RefillTable(Strict):
    doses_mcg_per_day: list[int] = Field(min_length=1)
    reservoirs_ml: list[int] = Field(min_length=1)
    concentrations_mcg_per_ml: list[int] = Field(min_length=1)
    alarm_ml: float = Field(gt=0)
    bands: list[Band] = Field(min_length=1)

    @field_validator("bands")
    @classmethod
    def _bands_increase(cls, v: list[Band]):
        days = [b.max_days for b in v]
        if any(b >= a for a, b in zip(days[1:], days)):
            raise ValueError(f"max_days must increase from band to band (got {', '.join(map(str, days))})")
        return v

    @field_validator("doses_mcg_per_day", "reservoirs_ml", "concentrations_mcg_per_ml")
    @classmethod
    def _positive_sorted(cls, v: list[int]):
        if any(x <= 0 for x in v):
            raise ValueError(f"every value must be greater than 0 (got {v})")
        if v != sorted(set(v)):
            raise ValueError(f"values must be increasing with no repeats (got {v})")
        return v


class RefillFile(Strict):
    rule: RefillRule
    default_margin_days: Sourced
    reported_margins_days: list[SourcedRange] = Field(min_length=1)
    withdrawal_residual_ml: SourcedRange
    max_interval_days: Sourced
    table: RefillTable

    @model_validator(mode="after")
    def _days(self):
        """Day counts are whole days; the upper limit is above the margin; the last band ends at the limit."""
        _whole_days(self.default_margin_days, "default_margin_days.value")
        _whole_days(self.max_interval_days, "max_interval_days.value")
        cap, margin = self.max_interval_days.value, self.default_margin_days.value
        if cap is not None and margin is not None and cap <= margin:
            raise at("max_interval_days.value", f"the upper limit ({cap:g} days) must be greater than the safety "
                                                f"margin, default_margin_days ({margin:g} days)")
        last = len(self.table.bands) - 1
        if cap is not None and self.table.bands[last].max_days != cap:
            raise at(f"table.bands[{last}].max_days", f"the last band must end at max_interval_days "
                                                      f"(got {self.table.bands[last].max_days}, expected {cap:g})")
        return self


Tier = Literal["emergency", "urgent", "watch"]


class TierDef(Strict):
    id: Tier
    label: str
    hidden_prefix: str


class Sign(Strict):
    id: Optional[str] = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    sign: str = Field(min_length=2)
    tier: Optional[Tier] = None
    rank: Optional[int] = Field(default=None, ge=1)
    sources: SourceIds = Field(min_length=1)


class Feature(Strict):
    """kind "sign": body signs, each with a tier. kind "context": background such as timing or causes,
    shown as words only (no tier), so the chart never labels a cause as "non-urgent"."""
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    label: str
    kind: Literal["sign", "context"] = "sign"
    shared: StrictBool = False
    withdrawal: list[Sign]
    overdose: list[Sign]

    @model_validator(mode="after")
    def _tiers_match_kind(self):
        signs = self.withdrawal + self.overdose
        if self.kind == "sign" and any(s.tier is None for s in signs):
            missing = next(s.sign for s in signs if s.tier is None)
            raise ValueError(f"every sign needs a tier (emergency, urgent or watch); {missing!r} has none")
        if self.kind == "context" and any(s.tier is not None for s in signs):
            raise ValueError("a context row (kind: context) gives background, not signs: remove its tiers")
        return self


class OtherReason(Strict):
    text: str
    tier: Tier
    rank: Optional[int] = Field(default=None, ge=1)
    sources: SourceIds = Field(min_length=1)


class WoundSign(Strict):
    sign: str = Field(min_length=2)
    tier: Tier
    rank: int = Field(ge=1)
    sources: SourceIds = Field(min_length=1)


def _one_tier_per_wording(entries: list[tuple[str, str, int, str]], group: str) -> None:
    """entries: (wording, tier, rank, where). A wording has one tier and rank; a rank one wording per tier."""
    by_wording: dict[str, tuple[str, int, str]] = {}
    by_rank: dict[tuple[str, int], tuple[str, str]] = {}
    for wording, tier, rank, where in entries:
        key = " ".join(wording.casefold().split())
        if key in by_wording and by_wording[key][:2] != (tier, rank):
            t0, r0, w0 = by_wording[key]
            raise ValueError(f"{where}: {wording!r} has tier {tier} rank {rank}, but {w0} gives the same words "
                             f"tier {t0} rank {r0}: one wording, one tier")
        by_wording.setdefault(key, (tier, rank, where))
        if rank is None:
            continue
        other = by_rank.get((tier, rank))
        if other and other[0] != key:
            raise ValueError(f"{where}: rank {rank} in tier {tier} is already used by {other[1]} "
                             f"(ranks order a card: give each {group} of a tier its own rank)")
        by_rank.setdefault((tier, rank), (key, where))


class SymptomsFile(Strict):
    tiers: list[TierDef] = Field(min_length=3, max_length=3)
    features: list[Feature] = Field(min_length=1)
    other_reasons: list[OtherReason] = []
    wound_signs: list[WoundSign] = []

    @model_validator(mode="after")
    def _consistent_tiers(self):
        entries = [(s.sign, s.tier, s.rank, f"features[{i}].{side}[{j}]")
                   for i, f in enumerate(self.features) for side in ("withdrawal", "overdose")
                   for j, s in enumerate(getattr(f, side)) if s.tier is not None]
        entries += [(r.text, r.tier, r.rank, f"other_reasons[{i}]") for i, r in enumerate(self.other_reasons)]
        _one_tier_per_wording(entries, "sign or reason")
        wounds = [(w.sign, w.tier, w.rank, f"wound_signs[{i}]") for i, w in enumerate(self.wound_signs)]
        _one_tier_per_wording(wounds, "wound sign")
        body = {" ".join(e[0].casefold().split()) for e in entries}
        for w in self.wound_signs:
            if " ".join(w.sign.casefold().split()) in body:
                raise ValueError(f"wound_signs: {w.sign!r} is also a body sign: one wording, one place")
        return self


class AlarmCause(Strict):
    text: str = Field(min_length=5)
    action: Optional[str] = None
    sources: SourceIds = Field(min_length=1)


class Alarm(Strict):
    """One alarm sound: what it means (causes) and which care card it joins (tier, rank in that card)."""
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=3)
    kind: Literal["critical", "single"]
    seconds: int = Field(gt=0, le=4)
    sound: str = Field(min_length=5)
    tier: Tier
    rank: int = Field(ge=1)
    card_text: str = Field(min_length=5)
    meaning: str = Field(min_length=5)
    causes: list[AlarmCause] = Field(min_length=1)
    sources: SourceIds = Field(min_length=1)


class AlarmsFile(Strict):
    alarms: list[Alarm] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_of_each(self):
        kinds = [a.kind for a in self.alarms]
        if sorted(kinds) != ["critical", "single"]:
            raise ValueError(f"need exactly one critical (two-tone) and one single-tone alarm (got {kinds})")
        return self


PHONE = re.compile(r"\+?\(?[0-9][0-9 ()\-]{1,18}[0-9]")  # US numbers often start with the area code in brackets
EMERGENCY = re.compile(r"[0-9]{2,6}")
# Line breaks and other control characters (C0, DEL, C1, the Unicode line and paragraph separators).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible characters that change how the text around them shows or copies: the bidi controls (an U+202E
# turns "555-0100" into "0010-555" on screen) and the zero-width characters.
INVISIBLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\ufeff]")
LONGEST_WORD = 40  # a longer unbroken word cannot wrap in the printed pages (make pdf fails on layout)
SHOWN = 80  # at most this many characters of a bad value are shown in a message
# The clinic's review follows the pages' rule (macros/page_checks.py MAX_REVIEW_GAP_DAYS): at most 12 months old.
REVIEW_GAP_DAYS = 366


def short(value: object) -> str:
    """A bad value for a message: its repr, cut to SHOWN characters (never the whole of a huge value)."""
    if isinstance(value, str):
        text = repr(value[:SHOWN])
    else:
        r = reprlib.Repr()
        r.maxstring, r.maxother, r.maxlevel, r.maxlist, r.maxdict = SHOWN, SHOWN, 3, 6, 6
        text = r.repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN - 3] + "..."


def undrawable(ch: str) -> bool:
    """A character the PDF's fonts (DejaVu, Liberation; no emoji font) cannot draw: a symbol of Unicode category
    So from U+2190 up (arrows, dingbats, emoji; the Latin-1 signs such as (c) and degrees stay), a surrogate,
    a private-use or unassigned character, or an emoji modifier."""
    cat = unicodedata.category(ch)
    return (cat == "So" and ord(ch) >= 0x2190) or cat in ("Cs", "Co", "Cn") or 0x1F3FB <= ord(ch) <= 0x1F3FF


def _unquoted_number(v: object, field: str) -> None:
    """YAML reads an unquoted 0112 as the number 74 and 911 as a number: say to write it in quotes."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        written = getattr(v, "written", None) or str(v)
        read = f"{v:g}" if isinstance(v, float) else str(int(v))
        shown = "it" if written == read else written
        raise at("", f'put the number in quotes, like {field}: "{written}" (without quotes YAML reads '
                         f"{shown} as the number {read})")


class ClinicFile(Strict):
    """Settings for a clinic-branded build. Every field may be left empty (null) for the generic site."""
    name: Optional[str] = Field(default=None, min_length=2, max_length=80)
    pump_team_phone: Optional[str] = None
    after_hours_phone: Optional[str] = None
    emergency_number: str = "911"
    address: Optional[str] = Field(default=None, max_length=200)
    reviewer: Optional[str] = Field(default=None, min_length=3, max_length=120)
    review_date: Optional[dt.date] = None

    @field_validator("pump_team_phone", "after_hours_phone", "emergency_number", mode="before")
    @classmethod
    def _quoted(cls, v, info):
        _unquoted_number(v, info.field_name)
        return v

    @field_validator("pump_team_phone", "after_hours_phone", "emergency_number")
    @classmethod
    def _phone(cls, v: Optional[str], info):
        if v is None:
            return v
        if info.field_name == "emergency_number" and re.fullmatch(r"[0-9 ()+\-]+", v):
            if not EMERGENCY.fullmatch(v):
                raise ValueError(f"must be 2 to 6 digits, like 911, 999 or 112 (got {short(v)})")
            return v
        if not PHONE.fullmatch(v):
            raise ValueError(f"must be a phone number made of digits, spaces, brackets or dashes (got {short(v)})")
        depth = 0
        for ch in v:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth < 0 or depth > 1:
                break
        if depth != 0:
            raise ValueError(f"brackets must come in pairs, ( before ) (got {short(v)})")
        return v

    @field_validator("name", "address", "reviewer")
    @classmethod
    def _one_line(cls, v: Optional[str]):
        """Plain text on one line: it is printed in sentences, headers and footers."""
        if v is None:
            return v
        if CONTROL.search(v):
            raise ValueError(f"must be one line of plain text, with no line breaks or control characters "
                             f"(got {short(v)})")
        hidden = INVISIBLE.search(v)
        if hidden:
            raise at("", f"must not contain invisible text-direction or zero-width characters "
                             f"(found U+{ord(hidden.group()):04X} at character {hidden.start() + 1}): delete it")
        symbol = next((ch for ch in v if undrawable(ch)), None)
        if symbol:
            raise at("", f"must not contain emoji or pictographic symbols (found U+{ord(symbol):04X}): the PDF "
                             "fonts cannot draw them (refused: Unicode symbols of category So from U+2190 up, and "
                             "unassigned or private-use characters)")
        if not v.strip():
            raise ValueError(f"must not be blank (got {short(v)})")
        if v != v.strip():
            raise ValueError(f"must not start or end with a space (got {short(v)})")
        long_word = next((w for w in v.split() if len(w) > LONGEST_WORD), None)
        if long_word:
            raise ValueError(f"no word may be longer than {LONGEST_WORD} characters, or the printed pages cannot "
                             f"wrap it (got '{long_word[:LONGEST_WORD]}...')")
        return v

    @field_validator("review_date", mode="before")
    @classmethod
    def _written_as_date(cls, v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):  # pydantic would read 0 as 1 January 1970
            raise ValueError(f"must be a date written like 2026-11-22 (got {getattr(v, 'written', None) or v})")
        return v

    @field_validator("review_date")
    @classmethod
    def _recent(cls, v: Optional[dt.date]):
        if v is None:
            return v
        from .clock import today as clock_today  # ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date
        today = clock_today()
        if v > today:
            raise at("", f"{v} is in the future (today is {today})")
        if (today - v).days > REVIEW_GAP_DAYS:
            raise at("", f"{v} is more than 12 months before today ({today}): review the pages again and "
                         "update review_date")
        return v

    @model_validator(mode="after")
    def _reviewer_named(self):
        if self.reviewer and not self.name:
            raise at("reviewer", "needs the clinic's name too (the footer says \"Reviewed for <name> by <reviewer>\"): "
                                 "set name, or leave reviewer empty")
        if self.review_date and not self.reviewer:
            raise at("review_date", "needs a reviewer: the date of a review is shown only with the reviewer's name "
                                    f"(got {self.review_date})")
        return self


class GlossaryTerm(Strict):
    term: str = Field(min_length=2)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    plain: str = Field(min_length=5)
    also: list[str] = []
    tooltip: StrictBool = True


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


# ---------------------------------------------------------------- data/outcomes.yml (benefits and risks)

class OutcomeFigure(Strict):
    """'About {people} in {per} {group} {outcome}.' Always people, never a share of problems."""
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Literal["benefit", "risk"]
    people: int = Field(ge=0)
    group: str = Field(min_length=3)
    outcome: str = Field(min_length=3)
    sources: SourceIds = Field(min_length=1)
    note: Optional[str] = None


class OutcomesFile(Strict):
    per: Literal[100, 1000]
    figures: list[OutcomeFigure] = Field(min_length=1)

    @model_validator(mode="after")
    def _people_within_per(self):
        for f in self.figures:
            if f.people > self.per:
                raise ValueError(f"figures: {f.id}: people must be at most per ({self.per}) (got {f.people})")
        return self
# ---------------------------------------------------------------- data/actions.yml: what to do, and how soon

ACTION_PLACEHOLDERS = {"emergency_number", "pump_team"}
ONE_SENTENCE = re.compile(r"[^.!?]+[.!?]")
ACTION_WORDS = 20  # the plain-language limit of a sentence


def _one_sentence(v: str, field: str) -> str:
    if not ONE_SENTENCE.fullmatch(v.strip()) or v != v.strip():
        raise ValueError(f"{field} must be one sentence, ending with a full stop (got {short(v)})")
    if len(v.split()) > ACTION_WORDS:
        raise ValueError(f"{field} must be {ACTION_WORDS} words or fewer (got {len(v.split())}: {short(v)})")
    unknown = set(re.findall(r"\{([^}]*)\}", v)) - ACTION_PLACEHOLDERS
    if unknown:
        raise ValueError(f"{field}: unknown placeholder {{{sorted(unknown)[0]}}} (known: "
                         f"{', '.join('{' + k + '}' for k in sorted(ACTION_PLACEHOLDERS))}) (got {short(v)})")
    return v


class Action(Strict):
    """One situation a reader may face, its tier (the tiers of data/symptoms.yml) and ONE action sentence.
    sign / sign_tier / alarm tie the row to a danger sign, to every sign of a tier, or to an alarm sound:
    such a row takes its tier from them (macros/data.py); a tier written beside a link must be the same."""
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    situation: Optional[str] = Field(default=None, min_length=5)  # a row with a sign: the sign's own words
    tier: Optional[Tier] = None
    action: str = Field(min_length=5)
    if_unsure: Optional[str] = None
    sign: Optional[str] = None
    sign_tier: Optional[Tier] = None
    alarm: Optional[str] = None
    sources: SourceIds = Field(min_length=1)

    @field_validator("action")
    @classmethod
    def _action_one_sentence(cls, v: str):
        return _one_sentence(v, "the action")

    @field_validator("if_unsure")
    @classmethod
    def _unsure_one_sentence(cls, v: Optional[str]):
        return v if v is None else _one_sentence(v, "if_unsure")

    @model_validator(mode="after")
    def _one_link(self):
        links = [k for k in ("sign", "sign_tier", "alarm") if getattr(self, k) is not None]
        if len(links) > 1:
            raise ValueError(f"a row names at most one of sign, sign_tier and alarm (got {', '.join(links)})")
        if self.sign_tier is not None and self.tier is not None and self.sign_tier != self.tier:
            raise ValueError(f"sign_tier {self.sign_tier} and tier {self.tier} differ: one situation, one tier")
        if self.sign is None and self.situation is None:
            raise ValueError("needs a situation (the words a reader sees), or a sign to take them from")
        if not links and self.tier is None:
            raise ValueError("needs a tier (emergency, urgent or watch), or a sign, sign_tier or alarm to take it from")
        return self


class ActionsFile(Strict):
    actions: list[Action] = Field(min_length=1)

    @field_validator("actions")
    @classmethod
    def _one_tier_per_situation(cls, v: list[Action]):
        seen: dict[str, tuple[int, Action]] = {}
        for i, row in enumerate(v):
            if row.id in seen:
                j, first = seen[row.id]
                tiers = "/".join(str(t) for t in (first.tier or "its link's tier", row.tier or "its link's tier"))
                raise ValueError(f"situation {row.id!r} is listed twice, at actions[{j}] and actions[{i}] (tiers "
                                 f"{tiers}): one situation, one row and one tier")
            seen[row.id] = (i, row)
        return v
