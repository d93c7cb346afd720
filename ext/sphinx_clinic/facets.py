"""The directory's filters (facets) and the filtered pages they lead to, as pure data.

A facet is data: an id (the URL key), a legend, and how to read a clinician's values
(:class:`Facet`). :data:`FACETS` lists them in the canonical order a combination of filters
is named and titled in. Everything here is computed from clinicians alone, so a test needs
no Sphinx application; labels come back as message ids for the caller's ``gettext``.

The static pages readers reach without JavaScript are *selections*: one value of each of
up to ``depth`` facets (:func:`selections`), only non-empty ones in which every filter
narrows the list, in a deterministic order with a hard cap so a site's page count stays
bounded. Any other selection has the same clinicians as a shorter one that has a page
(:func:`reduced`), so a link to it goes there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

from .practice import Accepting
from .records import Clinician, clinician_sort_key
from .text import slug

Gettext = Callable[[str], str]

#: ``(facet id, value id)`` pairs in :data:`FACETS` order, one per facet.
Selection = tuple[tuple[str, str], ...]


def _no_translation(message: str) -> str:
    return message


@dataclass(frozen=True)
class Facet:
    """One filter of the directory.

    ``read`` gives a clinician's values as written; ``value_id`` makes each a URL-safe id
    (:func:`~.text.slug` unless said otherwise). ``labels`` names the values the extension
    knows (message ids, in the order filters show them); other values are labelled as
    written, or by ``label_of`` (e.g. a vocabulary's label), and sorted by label.
    ``phrase`` titles a page: ``"who speak %s"`` gives "Clinicians who speak Spanish";
    ``phrases`` overrides it for known values ("who offer telehealth").
    """

    id: str
    legend: str
    read: Callable[[Clinician], Iterable[str]]
    phrase: str
    labels: tuple[tuple[str, str], ...] = ()
    phrases: tuple[tuple[str, str], ...] = ()
    value_id: Callable[[str], str] = slug

    def values(self, clinician: Clinician) -> tuple[str, ...]:
        """The clinician's value ids for this facet, without repeats."""
        ids = (self.value_id(str(v)) for v in self.read(clinician))
        return tuple(dict.fromkeys(v for v in ids if v))


def _state_id(code: str) -> str:
    return code.strip().upper()


def _enum_value(value: Accepting | None) -> tuple[str, ...]:
    return () if value is None else (str(value),)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "extract, do not translate")
    """Marks a message id for extraction (``nox -s i18n``); the caller translates it."""
    return message


#: Every facet, in the canonical order selections are named and titled in. The strings
#: are message ids (marked ``N_`` for extraction): the caller passes them through its
#: ``gettext``.
FACETS: tuple[Facet, ...] = (
    Facet("specialty", N_("Specialty"), lambda c: c.specialties, N_("who work with %s")),
    Facet("insurance", N_("Insurance"), lambda c: c.insurance, N_("who take %s")),
    Facet("language", N_("Language"), lambda c: c.languages, N_("who speak %s")),
    Facet(
        "format",
        N_("Sessions"),
        lambda c: (f.lower() for f in c.formats),
        N_("who offer %s"),
        labels=(("in-person", N_("In person")), ("telehealth", N_("Telehealth"))),
        phrases=(
            ("in-person", N_("who see clients in person")),
            ("telehealth", N_("who offer telehealth")),
        ),
    ),
    Facet(
        "state",
        N_("Telehealth in"),
        lambda c: c.telehealth_states,
        N_("who offer telehealth in %s"),
        value_id=_state_id,
    ),
    Facet(
        "ages",
        N_("Ages"),
        lambda c: c.ages,
        N_("who work with %s"),
        labels=(
            ("children", N_("Children")),
            ("teens", N_("Teens")),
            ("adults", N_("Adults")),
            ("older-adults", N_("Older adults")),
        ),
        phrases=(
            ("children", N_("who work with children")),
            ("teens", N_("who work with teens")),
            ("adults", N_("who work with adults")),
            ("older-adults", N_("who work with older adults")),
        ),
    ),
    Facet(
        "session",
        N_("Session type"),
        lambda c: c.session_types,
        N_("who offer %s sessions"),
        labels=(
            ("individual", N_("Individual")),
            ("couples", N_("Couples")),
            ("family", N_("Family")),
            ("group", N_("Group")),
        ),
        phrases=(
            ("individual", N_("who offer individual sessions")),
            ("couples", N_("who see couples")),
            ("family", N_("who see families")),
            ("group", N_("who run groups")),
        ),
    ),
    Facet(
        "availability",
        N_("Availability"),
        lambda c: _enum_value(c.accepting),
        "%s",
        labels=(
            (Accepting.ACCEPTING, N_("Accepting new clients")),
            (Accepting.WAITLIST, N_("Waitlist")),
            (Accepting.NOT_ACCEPTING, N_("Not accepting new clients")),
        ),
        phrases=(
            (Accepting.ACCEPTING, N_("who are accepting new clients")),
            (Accepting.WAITLIST, N_("with a waitlist for new clients")),
            (Accepting.NOT_ACCEPTING, N_("who are not accepting new clients")),
        ),
    ),
)

FACETS_BY_ID: dict[str, Facet] = {f.id: f for f in FACETS}
FACET_ORDER: dict[str, int] = {f.id: i for i, f in enumerate(FACETS)}


def parse_facet_names(written: str) -> tuple[tuple[str, ...], list[str]]:
    """Facet ids from a comma- or space-separated list (all facets for ""), in canonical
    order, and the names that are not facets."""
    names = [w for w in written.replace(",", " ").split() if w]
    unknown = [n for n in names if n not in FACETS_BY_ID]
    chosen = set(names) if names else set(FACETS_BY_ID)
    return tuple(f.id for f in FACETS if f.id in chosen), unknown


# -- values and counts --------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet as the directory shows it: its id, label and how many of the
    clinicians have it."""

    id: str
    label: str
    count: int


@dataclass(frozen=True)
class FacetSummary:
    """A facet with the values at least one clinician has, in the order filters show."""

    id: str
    legend: str
    values: tuple[FacetValue, ...]


def value_labels(
    facet: Facet,
    clinicians: Iterable[Clinician],
    label_of: Mapping[str, str] | None = None,
    gettext: Gettext = _no_translation,
) -> dict[str, str]:
    """The label of every value id the clinicians have for ``facet``: the extension's for
    known values, ``label_of`` (a vocabulary's) next, else the first clinician's spelling
    (clinicians in directory order, so every build picks the same)."""
    known = dict(facet.labels)
    labels: dict[str, str] = {}
    for clinician in sorted(clinicians, key=clinician_sort_key):
        for written in facet.read(clinician):
            value = facet.value_id(str(written))
            if not value or value in labels:
                continue
            if value in known:
                labels[value] = gettext(known[value])
            elif label_of is not None and value in label_of:
                labels[value] = label_of[value]
            else:
                labels[value] = str(written).strip()
    return labels


def summarise(
    facet_ids: Sequence[str],
    clinicians: Sequence[Clinician],
    label_of: Mapping[str, Mapping[str, str]] | None = None,
    gettext: Gettext = _no_translation,
) -> tuple[FacetSummary, ...]:
    """Each facet with its values and counts; facets no clinician has a value of are left
    out. ``label_of`` maps a facet id to its vocabulary's labels by value id."""
    summaries = []
    for facet_id in facet_ids:
        facet = FACETS_BY_ID[facet_id]
        labels = value_labels(facet, clinicians, (label_of or {}).get(facet_id), gettext)
        counts = {value: 0 for value in labels}
        for clinician in clinicians:
            for value in facet.values(clinician):
                counts[value] += 1
        known_order = {v: i for i, (v, _) in enumerate(facet.labels)}
        ordered = sorted(
            labels,
            key=lambda v: (known_order.get(v, len(known_order)), labels[v].casefold(), v),
        )
        values = tuple(FacetValue(v, labels[v], counts[v]) for v in ordered)
        if values:
            summaries.append(FacetSummary(facet.id, gettext(facet.legend), values))
    return tuple(summaries)


# -- selections ---------------------------------------------------------------------------


def canonical(pairs: Iterable[tuple[str, str]]) -> Selection:
    """A selection in :data:`FACETS` order (a later value of a facet replaces an earlier)."""
    chosen = dict(pairs)
    return tuple(sorted(chosen.items(), key=lambda pair: FACET_ORDER[pair[0]]))


def matches(clinician: Clinician, selection: Selection) -> bool:
    """Whether the clinician has every value of the selection."""
    return all(value in FACETS_BY_ID[f].values(clinician) for f, value in selection)


def matching(clinicians: Iterable[Clinician], selection: Selection) -> tuple[Clinician, ...]:
    """The clinicians that have every value of ``selection``, in directory order."""
    return tuple(c for c in sorted(clinicians, key=clinician_sort_key) if matches(c, selection))


def selection_counts(
    clinicians: Iterable[Clinician],
    facet_ids: Sequence[str],
    depth: int,
    combine: Sequence[str] | None = None,
) -> dict[Selection, int]:
    """How many clinicians match each non-empty selection: one value of any of
    ``facet_ids``, or one value of each of two to ``depth`` of the facets in ``combine``
    (all of ``facet_ids`` when None). Every subset of a counted selection is counted."""
    if depth < 1:
        return {}  # no static pages: the filters need JavaScript
    chosen = [f for f in FACETS if f.id in set(facet_ids)]
    combining = set(facet_ids if combine is None else combine)
    counts: dict[Selection, int] = {}
    for clinician in clinicians:
        values = [(facet, facet.values(clinician)) for facet in chosen]
        present = [(facet.id, vs) for facet, vs in values if vs]
        for facet_id, vs in present:
            for value in vs:
                single: Selection = ((facet_id, value),)
                counts[single] = counts.get(single, 0) + 1
        joined = [(facet_id, vs) for facet_id, vs in present if facet_id in combining]
        for size in range(2, min(depth, len(joined)) + 1):
            for group in combinations(joined, size):
                ids = [facet_id for facet_id, _ in group]
                for combo in product(*(vs for _, vs in group)):
                    key = tuple(zip(ids, combo, strict=True))
                    counts[key] = counts.get(key, 0) + 1
    return counts


def narrows(selection: Selection, counts: Mapping[Selection, int]) -> bool:
    """Whether every filter of ``selection`` narrows the list: without any one of them,
    more clinicians match. A filter that narrows nothing ("Spanish + telehealth" where
    every Spanish speaker offers telehealth) would only repeat a shorter page's list under
    another address and title."""
    count = counts.get(selection, 0)
    return count > 0 and all(
        counts.get(selection[:i] + selection[i + 1 :], 0) > count
        for i in range(len(selection))
        if len(selection) > 1
    )


def reduced(selection: Selection, counts: Mapping[Selection, int]) -> Selection:
    """The shortest-named selection that matches the same clinicians as ``selection``:
    filters that narrow nothing are dropped, the first (in canonical order) first, until
    every filter left narrows. Every non-empty selection reduces to one that has a page
    (see :func:`selections`), which is what makes every combination reachable by links."""
    current = canonical(selection)
    count = counts.get(current, 0)
    if count == 0:
        return current
    dropped = True
    while dropped and len(current) > 1:
        dropped = False
        for i in range(len(current)):
            shorter = current[:i] + current[i + 1 :]
            if counts.get(shorter, 0) == count:
                current, dropped = shorter, True
                break
    return current


def selections(counts: Mapping[Selection, int], cap: int) -> tuple[Selection, ...]:
    """The selections that get a static page: the non-empty ones in which every filter
    narrows (:func:`narrows`), at most ``cap``.

    Ordered by depth (every single filter first, then pairs...), then by how many
    clinicians match (more first: those pages help more readers), then by name; the cap
    cuts that order, so raising it only adds pages. A combination is named in canonical
    facet order, so "Spanish + Aetna" and "Aetna + Spanish" are one page.
    """
    kept = [s for s in counts if narrows(s, counts)]
    ordered = sorted(kept, key=lambda s: (len(s), -counts[s], s))
    return tuple(ordered[: max(cap, 0)])


def facet_folder(directory: str) -> str:
    """Where a directory's facet pages go: ``clinicians/filter`` for ``clinicians/index``
    (or ``clinicians``), ``filter`` for the site's ``index``."""
    base = directory.removesuffix("index").rstrip("/")
    return f"{base}/filter" if base else "filter"


def selection_slug(selection: Selection) -> str:
    """The file name of a selection's page: ``language-spanish_state-ny``."""
    return "_".join(f"{facet}-{slug(value)}" for facet, value in selection)


def selection_title(
    selection: Selection, labels: Mapping[tuple[str, str], str], gettext: Gettext
) -> str:
    """ "Clinicians who speak Spanish, who take Aetna and who offer telehealth in NY"."""
    phrases = []
    for facet_id, value in selection:
        facet = FACETS_BY_ID[facet_id]
        phrase = dict(facet.phrases).get(value)
        label = labels.get((facet_id, value), value)
        phrases.append(gettext(phrase) if phrase else gettext(facet.phrase) % label)
    if len(phrases) > 1:
        joined = ", ".join(phrases[:-1]) + " " + gettext("and") + " " + phrases[-1]
    else:
        joined = phrases[0] if phrases else ""
    return gettext("Clinicians %s") % joined
