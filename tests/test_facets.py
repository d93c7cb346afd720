"""The directory's facets as pure data: values, counts, combinations, names and titles."""

from __future__ import annotations

from sphinx_clinic.facets import (
    FACETS,
    canonical,
    matching,
    parse_facet_names,
    selection_slug,
    selection_title,
    selections,
    summarise,
)
from sphinx_clinic.frontmatter import Accepting
from sphinx_clinic.records import Clinician

ANA = Clinician(
    "ana",
    "clinicians/ana",
    "Ana Lima",
    specialties=("anxiety", "grief"),
    languages=("English", "Spanish"),
    formats=("in-person", "Telehealth"),
    accepting=Accepting.ACCEPTING,
)
BEN = Clinician(
    "ben",
    "clinicians/ben",
    "Ben Okafor",
    specialties=("grief",),
    languages=("English",),
    formats=("in-person",),
    accepting=Accepting.WAITLIST,
)
CLEO = Clinician(
    "cleo",
    "clinicians/cleo",
    "Cleo Diaz",
    specialties=("anxiety",),
    languages=("spanish", "Portuguese"),
    formats=("telehealth",),
)
ALL = (CLEO, BEN, ANA)


def test_a_facet_reads_a_clinician_as_ids() -> None:
    language = next(f for f in FACETS if f.id == "language")
    assert language.values(ANA) == ("english", "spanish")
    sessions = next(f for f in FACETS if f.id == "format")
    assert sessions.values(ANA) == ("in-person", "telehealth")
    availability = next(f for f in FACETS if f.id == "availability")
    assert availability.values(BEN) == ("waitlist",) and availability.values(CLEO) == ()


def test_canonical_facet_order_is_the_documented_one() -> None:
    assert [f.id for f in FACETS] == [
        "specialty",
        "insurance",
        "language",
        "format",
        "state",
        "ages",
        "session",
        "availability",
    ]
    assert canonical([("state", "NY"), ("language", "spanish")]) == (
        ("language", "spanish"),
        ("state", "NY"),
    )


def test_parse_facet_names() -> None:
    assert parse_facet_names("") == (tuple(f.id for f in FACETS), [])
    assert parse_facet_names("language, specialty langauge") == (
        ("specialty", "language"),
        ["langauge"],
    )


def test_summary_counts_and_orders_values() -> None:
    summary = {s.id: s for s in summarise(("specialty", "language", "format", "ages"), ALL)}
    assert "ages" not in summary  # no clinician says: no empty filter group
    languages = [(v.id, v.label, v.count) for v in summary["language"].values]
    # Labelled as the first clinician in directory order writes it; sorted by label.
    assert languages == [
        ("english", "English", 2),
        ("portuguese", "Portuguese", 1),
        ("spanish", "Spanish", 2),
    ]
    # Known values keep the extension's order and labels.
    assert [(v.id, v.label) for v in summary["format"].values] == [
        ("in-person", "In person"),
        ("telehealth", "Telehealth"),
    ]
    labelled = summarise(("specialty",), ALL, {"specialty": {"grief": "Grief and loss"}})
    assert [v.label for v in labelled[0].values] == ["anxiety", "Grief and loss"]


def test_selections_are_non_empty_ordered_and_capped() -> None:
    found = selections(ALL, ("language", "format"), depth=2, cap=100)
    singles = [s for s in found if len(s) == 1]
    pairs = [s for s in found if len(s) == 2]
    assert len(singles) == 5 and found[: len(singles)] == tuple(singles)
    # Most clinicians first, then by name.
    assert singles[0] in {(("format", "in-person"),), (("language", "english"),)}
    for selection in found:
        assert matching(ALL, selection), selection
    # Every non-empty pair, none empty: English + telehealth is Ana only; Portuguese +
    # in person is nobody.
    assert (("language", "english"), ("format", "telehealth")) in pairs
    assert (("language", "portuguese"), ("format", "in-person")) not in pairs
    assert len(pairs) == 5
    assert selections(ALL, ("language", "format"), depth=2, cap=3) == found[:3]
    assert selections(ALL, ("language", "format"), depth=1, cap=100) == tuple(singles)


def test_selection_names_and_titles() -> None:
    selection = (("language", "spanish"), ("insurance", "aetna"), ("state", "NY"))
    selection = canonical(selection)
    assert selection_slug(selection) == "insurance-aetna_language-spanish_state-ny"
    labels = {("language", "spanish"): "Spanish", ("insurance", "aetna"): "Aetna"}
    assert selection_title(selection, labels, str) == (
        "Clinicians who take Aetna, who speak Spanish and who offer telehealth in NY"
    )
    assert selection_title((("format", "telehealth"),), {}, str) == (
        "Clinicians who offer telehealth"
    )
    assert selection_title((("availability", "waitlist"),), {}, str) == (
        "Clinicians with a waitlist for new clients"
    )


def test_titles_go_through_gettext() -> None:
    spanish = {
        "Clinicians %s": "Profesionales %s",
        "who speak %s": "que hablan %s",
    }
    title = selection_title((("language", "spanish"),), {}, lambda m: spanish.get(m, m))
    assert title == "Profesionales que hablan spanish"


def test_fields_a_profile_lacks_give_no_values() -> None:
    insurance = next(f for f in FACETS if f.id == "insurance")
    assert insurance.values(ANA) == ()
