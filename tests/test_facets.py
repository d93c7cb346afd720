"""The directory's facets as pure data: values, counts, combinations, names and titles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_clinic.facets import (
    FACETS,
    canonical,
    matching,
    narrows,
    parse_facet_names,
    reduced,
    selection_counts,
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


def test_selections_are_non_empty_narrowing_ordered_and_capped() -> None:
    counts = selection_counts(ALL, ("language", "format"), depth=2)
    found = selections(counts, cap=100)
    singles = [s for s in found if len(s) == 1]
    pairs = [s for s in found if len(s) == 2]
    assert len(singles) == 5 and found[: len(singles)] == tuple(singles)
    # Most clinicians first, then by name.
    assert singles[0] in {(("format", "in-person"),), (("language", "english"),)}
    for selection in found:
        assert matching(ALL, selection), selection
    # A pair gets a page only when both filters narrow: English + telehealth is Ana alone
    # (English is Ana and Ben, telehealth Ana and Cleo). Spanish + telehealth is every
    # Spanish speaker: the Spanish page already lists them. Portuguese + in person is nobody.
    assert pairs == [
        (("language", "english"), ("format", "telehealth")),
        (("language", "spanish"), ("format", "in-person")),
    ]
    assert selections(counts, cap=3) == found[:3]
    one_deep = selection_counts(ALL, ("language", "format"), depth=1)
    assert selections(one_deep, cap=100) == tuple(singles)


def test_a_selection_without_a_page_reduces_to_one_with_the_same_clinicians() -> None:
    counts = selection_counts(ALL, ("language", "format"), depth=2)
    spanish_telehealth = canonical((("format", "telehealth"), ("language", "spanish")))
    assert not narrows(spanish_telehealth, counts)
    # Both filters narrow nothing here; the first in canonical order goes first.
    assert reduced(spanish_telehealth, counts) == (("format", "telehealth"),)
    assert matching(ALL, reduced(spanish_telehealth, counts)) == matching(ALL, spanish_telehealth)
    nobody = canonical((("language", "portuguese"), ("format", "in-person")))
    assert reduced(nobody, counts) == nobody and counts.get(nobody, 0) == 0


FACET_IDS = ("language", "format", "ages", "availability")
clinicians = st.lists(
    st.builds(
        lambda n, langs, formats, ages, accepting: Clinician(
            f"c{n}",
            f"clinicians/c{n}",
            f"Clinician {n}",
            languages=tuple(langs),
            formats=tuple(formats),
            ages=tuple(ages),
            accepting=accepting,
        ),
        st.integers(0, 10_000),
        st.lists(st.sampled_from(["English", "Spanish", "Tagalog"]), max_size=3),
        st.lists(st.sampled_from(["in-person", "telehealth"]), max_size=2),
        st.lists(st.sampled_from(["children", "teens", "adults"]), max_size=3),
        st.sampled_from([None, *Accepting]),
    ),
    max_size=7,
    unique_by=lambda c: c.id,
)


@settings(max_examples=150, deadline=None)
@given(clinicians, st.integers(1, 3))
def test_every_combination_is_reachable_by_links(people: list[Clinician], depth: int) -> None:
    """The promise to readers without JavaScript: every non-empty combination of up to
    ``depth`` filters is listed on a page, reached from the directory one filter at a time,
    and each step's link goes to a page that exists and lists exactly the clinicians the
    reader's filters match."""
    counts = selection_counts(people, FACET_IDS, depth)
    pages = set(selections(counts, cap=10_000))
    assert all(narrows(page, counts) for page in pages)
    for selection in counts:  # every non-empty combination
        target = reduced(selection, counts)
        assert target in pages, selection
        assert matching(people, target) == matching(people, selection)
        # One filter at a time, each step from the page the last one reached.
        here: tuple[tuple[str, str], ...] = ()
        for pair in selection:
            step = canonical((*here, pair))
            if here and counts[step] == counts[here]:
                continue  # the value narrows nothing: shown without a link
            here = reduced(step, counts)
            assert here in pages
        assert matching(people, here) == matching(people, selection)


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


def test_only_the_combining_facets_make_combinations() -> None:
    counts = selection_counts(ALL, ("specialty", "language", "format"), 3, combine=("language",))
    assert all(len(s) == 1 for s in counts)  # one combining facet: nothing to combine with
    both = selection_counts(ALL, ("specialty", "language", "format"), 3, ("language", "format"))
    assert {len(s) for s in both} == {1, 2}
    assert all(f != "specialty" for s in both if len(s) > 1 for f, _ in s)
    assert both[(("specialty", "grief"),)] == 2  # every facet keeps its one-value pages


def test_depth_zero_gives_no_static_pages() -> None:
    assert selection_counts(ALL, ("language", "format"), 0) == {}
    assert selections(selection_counts(ALL, ("language", "format"), 0), cap=100) == ()
