"""The facts people choose a clinician by: fees, US states, ages, session types and the
practice's offices (``locations.yaml``), read and checked without a Sphinx application.

The insurance vocabulary (``insurance.yaml``) has the specialty vocabulary's shape and is
read by :func:`.vocabulary.parse_vocabulary`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from enum import StrEnum
from typing import Any, NamedTuple

import yaml

from .text import clean_id, did_you_mean

# -- fees ---------------------------------------------------------------------------------

#: The sessions a fee may be given for, in the order a profile shows them.
FEE_SESSIONS = ("individual", "couples", "family", "group")

#: ``150``, ``150.50``, ``150-180``, ``150 – 180``, ``150 to 180`` (a comma groups thousands).
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_FEE = re.compile(rf"\s*({_AMOUNT})\s*(?:(?:-|–|—|to)\s*({_AMOUNT})\s*)?", re.IGNORECASE)
MAX_FEE = 1_000_000


class Accepting(StrEnum):
    """Whether a clinician takes new clients."""

    ACCEPTING = "accepting"
    WAITLIST = "waitlist"
    NOT_ACCEPTING = "not-accepting"


class FeeRange(NamedTuple):
    """A session's fee: one amount (``low == high``) or a range."""

    low: float
    high: float

    def text(self) -> str:
        """``150`` or ``150–180``, as a reader sees the amounts (no currency)."""
        low, high = _amount_text(self.low), _amount_text(self.high)
        return low if low == high else f"{low}–{high}"


def _amount_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def parse_fee(value: Any) -> FeeRange:
    """A fee as written: a number or a range of numbers; anything else is a ValueError
    saying how to write one."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(_fee_hint(value))
    if isinstance(value, (int, float)):
        low = high = float(value)
    else:
        match = _FEE.fullmatch(value)
        if match is None:
            raise ValueError(_fee_hint(value))
        low = float(match.group(1).replace(",", ""))
        high = float((match.group(2) or match.group(1)).replace(",", ""))
    if not (0 <= low <= high <= MAX_FEE):
        raise ValueError(
            f"{value!r} is not a fee: amounts must be at least 0, and a range must go from "
            "the lower to the higher, e.g. 150-180"
        )
    return FeeRange(low, high)


def _fee_hint(value: Any) -> str:
    return (
        f"{value!r} is not a fee; write a number or a range of numbers, e.g. 150 or "
        "\"150-180\" (the currency goes in 'currency', a note in the profile's text)"
    )


# -- states -------------------------------------------------------------------------------

#: USPS codes of the states, the District of Columbia and the territories, with their names.
US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}
_STATE_NAMES = {name.casefold(): code for code, name in US_STATES.items()}
_STATE_NAMES.update({"washington dc": "DC", "washington, d.c.": "DC", "us virgin islands": "VI"})


def state_code(written: str) -> str:
    """The USPS code of a state written as a code (any case) or its name (``New York``,
    ``new york``); a ValueError with the closest ones otherwise."""
    text = " ".join(written.split())
    if text.upper() in US_STATES:
        return text.upper()
    code = _STATE_NAMES.get(text.casefold())
    if code:
        return code
    close = difflib.get_close_matches(text.casefold(), list(_STATE_NAMES), n=2, cutoff=0.75)
    close_codes = difflib.get_close_matches(text.upper(), list(US_STATES), n=2, cutoff=0.5)
    options = [f"{US_STATES[_STATE_NAMES[c]]} ({_STATE_NAMES[c]})" for c in close]
    if len(text) <= 3:
        options = [f"{US_STATES[c]} ({c})" for c in close_codes] + options
    return _refuse(
        f"{written!r} is not a US state; write its two-letter code, e.g. NY, or its name"
        + did_you_mean(list(dict.fromkeys(options))[:3])
    )


def _refuse(message: str) -> str:
    raise ValueError(message)


# -- ages and session types ---------------------------------------------------------------

#: Who a clinician sees, by age: id -> the words an author may write for it.
AGES: dict[str, tuple[str, ...]] = {
    "children": ("child", "kids", "children"),
    "teens": ("teen", "teenagers", "adolescents", "adolescent"),
    "adults": ("adult",),
    "older-adults": ("older adults", "older adult", "seniors", "elders"),
}
#: The kinds of session a clinician offers: id -> other words for it.
SESSION_TYPES: dict[str, tuple[str, ...]] = {
    "individual": ("individuals", "individual therapy"),
    "couples": ("couple", "couples therapy", "relationship"),
    "family": ("families", "family therapy"),
    "group": ("groups", "group therapy"),
}


def choice(written: str, choices: dict[str, tuple[str, ...]], what: str) -> str:
    """The id among ``choices`` that ``written`` (an id or one of its words) names; a
    ValueError listing them, with the closest, otherwise."""
    key = " ".join(written.replace("_", " ").replace("-", " ").casefold().split())
    for choice_id, words in choices.items():
        if key in (choice_id.replace("-", " "), *words):
            return choice_id
    close = difflib.get_close_matches(key.replace(" ", "-"), list(choices), n=1, cutoff=0.6)
    return _refuse(
        f"{written!r} is not one of the {what}: {', '.join(choices)}" + did_you_mean(close)
    )


# -- offices ------------------------------------------------------------------------------

#: The parts of a structured address, as ``clinic_practice``'s address writes them.
ADDRESS_PARTS = ("street", "locality", "region", "postal_code", "country")


class Location(NamedTuple):
    """An office of the practice, from ``locations.yaml``."""

    id: str
    name: str
    address: tuple[tuple[str, str], ...] = ()  # (part, text); the part "text" for one line
    accessibility: str = ""
    transit: str = ""
    line: int = 0

    def address_text(self) -> str:
        """The address on one line, as a reader sees it (``Albany, NY 12207``)."""
        parts = dict(self.address)
        region = " ".join(p for p in (parts.pop("region", ""), parts.pop("postal_code", "")) if p)
        shown = [parts.get("text", ""), parts.get("street", ""), parts.get("locality", ""), region]
        return ", ".join(p for p in (*shown, parts.get("country", "")) if p)


class LocationsProblem(NamedTuple):
    """Something wrong in ``locations.yaml``, with its 1-based line."""

    line: int
    message: str


class Locations(NamedTuple):
    """Every office of ``locations.yaml``, by id, and a digest of the file."""

    offices: dict[str, Location]
    digest: str = ""

    def suggestion(self, written: str) -> str:
        """A " did you mean ...?" suffix for an unknown office id."""
        return did_you_mean(difflib.get_close_matches(written, list(self.offices), n=3))


NO_LOCATIONS = Locations({})

_LOCATION_KEYS = ("id", "name", "address", "accessibility", "transit")


def parse_locations(text: str) -> tuple[Locations, list[LocationsProblem]]:
    """Parse ``locations.yaml``: a list (or ``locations:``) of mappings with ``id``,
    ``name``, ``address`` (one line, or the parts of :data:`ADDRESS_PARTS`),
    ``accessibility`` and ``transit``. Bad entries are reported with their line and
    left out."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return Locations({}, digest), [
            LocationsProblem(line, "malformed YAML; check the indentation and the quotes")
        ]
    if root is None:
        return Locations({}, digest), []
    if isinstance(root, yaml.MappingNode):
        inner = [v for k, v in root.value if getattr(k, "value", None) == "locations"]
        if inner:
            root = inner[0]
    if not isinstance(root, yaml.SequenceNode):
        return Locations({}, digest), [
            LocationsProblem(
                root.start_mark.line + 1,
                "locations must be a list of offices, each starting with '- id:'",
            )
        ]
    offices: dict[str, Location] = {}
    problems: list[LocationsProblem] = []
    for node in root.value:
        line = node.start_mark.line + 1
        try:
            entry = yaml.SafeLoader("").construct_document(node)
        except (ValueError, TypeError, RecursionError, yaml.YAMLError):
            problems.append(LocationsProblem(line, "office cannot be read; put text in quotes"))
            continue
        office, entry_problems = _office(entry, line)
        problems += entry_problems
        if office is None:
            continue
        if office.id in offices:
            first = offices[office.id].line
            problems.append(
                LocationsProblem(line, f"duplicate office id '{office.id}' (first on line {first})")
            )
            continue
        offices[office.id] = office
    return Locations(offices, digest), problems


def _office(entry: Any, line: int) -> tuple[Location | None, list[LocationsProblem]]:
    if not isinstance(entry, dict):
        return None, [LocationsProblem(line, "each office must be a mapping with 'id' and 'name'")]
    raw_id = entry.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        return None, [LocationsProblem(line, "office without an 'id'; add e.g. 'id: downtown'")]
    reading = clean_id(raw_id, "office id")
    problems = [LocationsProblem(line, reading.problem)] if reading.problem else []
    unknown = [str(k) for k in entry if k not in _LOCATION_KEYS]
    for key in unknown:
        close = difflib.get_close_matches(key, _LOCATION_KEYS, n=1)
        problems.append(
            LocationsProblem(
                line, f"office '{reading.id}': unknown key '{key}'{did_you_mean(close)}"
            )
        )
    texts: dict[str, str] = {}
    for key in ("name", "accessibility", "transit"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            message = f"'{key}' of office '{reading.id}' must be text"
            problems.append(LocationsProblem(line, message))
            value = None
        texts[key] = " ".join((value or "").split())
    if not texts["name"]:
        problems.append(LocationsProblem(line, f"office '{reading.id}' has no 'name'"))
        texts["name"] = reading.id.replace("-", " ").capitalize()
    address, address_problem = _address(entry.get("address"), reading.id)
    if address_problem:
        problems.append(LocationsProblem(line, address_problem))
    return (
        Location(
            reading.id, texts["name"], address, texts["accessibility"], texts["transit"], line
        ),
        problems,
    )


def _address(value: Any, office_id: str) -> tuple[tuple[tuple[str, str], ...], str]:
    if value is None:
        return (), ""
    if isinstance(value, str):
        return ((("text", " ".join(value.split())),) if value.strip() else ()), ""
    if isinstance(value, dict):
        parts = []
        for part in ADDRESS_PARTS:
            text = value.get(part)
            if text is not None and not isinstance(text, bool):
                parts.append((part, " ".join(str(text).split())))
        unknown = [str(k) for k in value if k not in ADDRESS_PARTS]
        problem = (
            f"office '{office_id}': unknown address part '{unknown[0]}'; use "
            + ", ".join(ADDRESS_PARTS)
            if unknown
            else ""
        )
        return tuple(parts), problem
    return (), f"'address' of office '{office_id}' must be text or a mapping of {ADDRESS_PARTS}"
