"""The facts people choose a clinician by, on the profile: fees, insurance, offices,
telehealth states, ages, session types, identity; their JSON-LD, warnings and rebuilds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings
from hostile import run_batch
from hostile_strategies import PRACTICE_CASES
from sitebuild import jsonld
from sphinx_clinic.frontmatter import ClinicianFrontMatter, validate
from sphinx_clinic.practice import (
    AGES,
    SESSION_TYPES,
    FeeRange,
    choice,
    parse_fee,
    parse_locations,
    state_code,
)
from test_incremental import Site, _html_files, _replace


def _facts(section: Any) -> dict[str, Any]:
    """A section's definition list as {term: definition element}."""
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in section.select("dt")}


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


# -- what readers see ---------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="choosing", freshenv=True)
def test_fees_and_insurance_section(built: Any) -> None:
    assert warnings(built) == []
    page = html(built, "clinicians/rosa-diaz")
    section = page.select_one("section#fees-and-insurance")
    assert section.h2.get_text(strip=True).rstrip("¶") == "Fees and insurance"
    facts = _facts(section)
    assert list(facts) == [
        "Individual session",
        "Couples session",
        "Family session",
        "Sliding scale",
        "Insurance accepted",
        "Out-of-network benefits",
        "Superbills for reimbursement",
        "Payment methods",
    ]
    text = {term: dd.get_text(" ", strip=True) for term, dd in facts.items()}
    assert text["Individual session"] == "$150–$180"
    assert text["Couples session"] == "$200"
    assert text["Family session"] == "$1,200"
    assert text["Sliding scale"] == "Yes: A few places for students"
    # Aliases resolve to the vocabulary's label; "Out of network" in the list is the option.
    plans = [li.get_text(strip=True) for li in facts["Insurance accepted"].select("li")]
    assert plans == ["Aetna", "BlueCross BlueShield"]
    assert text["Out-of-network benefits"] == "Yes"
    assert text["Superbills for reimbursement"] == "Yes"
    assert text["Payment methods"] == "Credit card, HSA/FSA"


@pytest.mark.sphinx("html", testroot="choosing", freshenv=True)
def test_where_and_how_section(built: Any) -> None:
    page = html(built, "clinicians/rosa-diaz")
    section = page.select_one("section#where-and-how")
    assert section.h2.get_text(strip=True).rstrip("¶") == "Where and how"
    facts = _facts(section)
    text = {term: dd.get_text(" ", strip=True) for term, dd in facts.items()}
    assert text["Sessions"] == "In person, Telehealth"
    assert text["Telehealth in"] == "New York (NY), New Jersey (NJ), Vermont (VT)"
    assert text["Ages"] == "Teens, Adults, Older adults"
    assert text["Session types"] == "Individuals, Couples, Families"
    downtown, uptown = facts["Offices"].select("li.clinic-office")
    assert downtown.strong.get_text() == "Downtown office"
    assert downtown.select_one(".clinic-address").get_text() == (
        "12 Harbor St, Suite 3, Albany, NY 12207, US"
    )
    assert downtown.select_one(".clinic-accessibility").get_text() == (
        "Accessibility: Step-free entrance and lift; an accessible restroom on the same floor."
    )
    assert downtown.select_one(".clinic-transit").get_text().startswith("Public transport: Buses")
    assert uptown.select_one(".clinic-address").get_text() == "400 Elm Avenue, Albany, NY 12208"
    assert uptown.select_one(".clinic-accessibility") is None
    # After the bio, before "Articles by" (when there is one), in the page's first section.
    assert section.find_previous_sibling("p").get_text().startswith("I have worked")
    identity = page.select_one("section#identity")
    assert {k: v.get_text(strip=True) for k, v in _facts(identity).items()} == {
        "Gender": "Woman",
        "Ethnicity": "Latina",
        "LGBTQ+ affirming": "Yes",
    }


@pytest.mark.sphinx("html", testroot="choosing", freshenv=True)
def test_nothing_shown_that_the_profile_does_not_say(built: Any) -> None:
    page = html(built, "clinicians/sam-lee")
    assert page.select_one("section#fees-and-insurance") is None
    assert page.select_one("section#identity") is None  # never inferred
    facts = _facts(page.select_one("section#where-and-how"))
    assert {k: v.get_text(strip=True) for k, v in facts.items()} == {"Sessions": "Telehealth"}
    person = jsonld(html(built, "clinicians/sam-lee"))[0]["mainEntity"]
    assert "makesOffer" not in person and "workLocation" not in person


@pytest.mark.sphinx("html", testroot="choosing", freshenv=True)
def test_jsonld_offers_and_work_locations(built: Any) -> None:
    person = jsonld(html(built, "clinicians/rosa-diaz"))[0]["mainEntity"]
    downtown, uptown = person["workLocation"]
    assert downtown == {
        "@type": "Place",
        "name": "Downtown office",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "12 Harbor St, Suite 3",
            "addressLocality": "Albany",
            "addressRegion": "NY",
            "postalCode": "12207",
            "addressCountry": "US",
        },
    }
    assert uptown["address"] == "400 Elm Avenue, Albany, NY 12208"
    individual, _couples, _family, telehealth = person["makesOffer"]
    assert individual["itemOffered"] == {"@type": "Service", "name": "Individual therapy session"}
    assert individual["priceSpecification"] == {
        "@type": "PriceSpecification",
        "minPrice": 150,
        "maxPrice": 180,
        "priceCurrency": "USD",
    }
    assert [a["identifier"] for a in telehealth["areaServed"]] == ["NY", "NJ", "VT"]
    assert telehealth["areaServed"][0] == {
        "@type": "AdministrativeArea",
        "name": "New York",
        "identifier": "NY",
    }


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="choosing-bad", freshenv=True)
def test_bad_values_warn_at_their_line(built: Any) -> None:
    got = warnings(built)
    page = "clinicians/bad-facts.md"
    expected = [
        (
            "locations.yaml:3",
            "office 'downtown': unknown key 'adress'; did you mean 'address'?",
            "location",
        ),
        ("locations.yaml:6", "office without an 'id'", "location"),
        (
            f"{page}:4",
            "front matter 'fees': individual: 'about 150' is not a fee; write a "
            'number or a range of numbers, e.g. 150 or "150-180"',
            "frontmatter",
        ),
        (
            f"{page}:10",
            "front matter 'telehealth_states': 'New Yrok' is not a US state; write "
            "its two-letter code, e.g. NY, or its name; did you mean 'New York (NY)'?",
            "frontmatter",
        ),
        (f"{page}:10", "front matter 'telehealth_states': 'ZZ' is not a US state", "frontmatter"),
        (
            f"{page}:11",
            "front matter 'ages': 'toddlers' is not one of the ages: children, teens, "
            "adults, older-adults",
            "frontmatter",
        ),
        (
            f"{page}:12",
            "front matter 'session_types': 'coupls' is not one of the session types: "
            "individual, couples, family, group; did you mean 'couples'?",
            "frontmatter",
        ),
        (
            f"{page}:13",
            "front matter 'identity': unknown key 'religion'; check its spelling",
            "frontmatter",
        ),
        (f"{page}:8", "unknown insurance 'Aetnna'; did you mean 'aetna'?", "insurance"),
        (f"{page}:8", "unknown insurance '<script>alert(1)</script>'", "insurance"),
        (f"{page}:9", "unknown office 'dowtown'; did you mean 'downtown'?", "location"),
    ]
    for where, message, subtype in expected:
        matching = [
            line
            for line in got
            if f"{where}: WARNING: {message}" in line and line.endswith(f"[clinic.{subtype}]")
        ]
        assert len(matching) == 1, (where, message, got)
    assert len(got) == len(expected), got
    # The good fields stay; markup is text.
    bad = html(built, "clinicians/bad-facts")
    facts = _facts(bad.select_one("section#where-and-how"))
    assert facts["Telehealth in"].get_text(strip=True) == "New York (NY)"
    assert facts["Ages"].get_text(strip=True) == "Adults"
    assert bad.select_one("section#fees-and-insurance dd").get_text(strip=True) == (
        "<img src=x onerror=alert(1)>"
    )
    assert bad.select_one("section#fees-and-insurance img") is None
    assert bad.select_one("section#identity") is None


def test_fees_as_written() -> None:
    assert parse_fee(150) == FeeRange(150, 150)
    assert parse_fee("150-180") == FeeRange(150, 180)
    assert parse_fee(" 95.50 – 120 ") == FeeRange(95.5, 120)
    assert parse_fee("1,200 to 1,500") == FeeRange(1200, 1500)
    assert FeeRange(1200, 1500).text() == "1,200–1,500"
    for bad in ("$150", "about 150", "180-150", "-5", True, [150], "150-"):
        with pytest.raises(ValueError, match="fee"):
            parse_fee(bad)


def test_states_codes_and_names() -> None:
    assert state_code("ny") == "NY"
    assert state_code("New  York") == "NY"
    assert state_code("district of columbia") == "DC"
    with pytest.raises(ValueError, match="did you mean 'New Jersey \\(NJ\\)'"):
        state_code("New Jersy")
    with pytest.raises(ValueError, match="is not a US state"):
        state_code("Ontario")


def test_ages_and_session_types_accept_their_words() -> None:
    assert choice("Older Adults", AGES, "ages") == "older-adults"
    assert choice("adolescents", AGES, "ages") == "teens"
    assert choice("Families", SESSION_TYPES, "session types") == "family"
    with pytest.raises(ValueError, match="did you mean 'group'"):
        choice("gruop", SESSION_TYPES, "session types")


def test_front_matter_keeps_the_good_entries() -> None:
    data = {
        "name": "A",
        "telehealth_states": ["NY", "Atlantis", "nj"],
        "fees": {"individual": "100", "currency": "eur"},
        "sliding_scale": "True",
    }
    front, problems = validate(ClinicianFrontMatter, data)
    assert front.telehealth_states == ("NY", "NJ")
    assert front.fees is not None and front.fees.currency == "EUR"
    assert front.fees.to_record().sessions() == [("individual", FeeRange(100, 100))]
    assert front.sliding_scale is True
    assert [p.field for p in problems] == ["telehealth_states"]
    schema = ClinicianFrontMatter.model_json_schema()
    for field in ("fees", "insurance", "telehealth_states", "ages", "session_types", "identity"):
        assert field in schema["properties"], field


def test_locations_file_problems() -> None:
    locations, problems = parse_locations(
        "- id: a\n  name: A\n  address: {street: 1 Main St, city: X}\n- id: a\n  name: B\n"
    )
    assert list(locations.offices) == ["a"]
    assert locations.offices["a"].address == (("street", "1 Main St"),)
    assert [(p.line, p.message) for p in problems] == [
        (
            1,
            "office 'a': unknown address part 'city'; use street, locality, region, "
            "postal_code, country",
        ),
        (4, "duplicate office id 'a' (first on line 1)"),
    ]
    assert parse_locations("locations: 3")[1][0].message.startswith("locations must be a list")


# -- rebuilds -----------------------------------------------------------------------------


@pytest.fixture
def site(make_app: Any, rootdir: Path, tmp_path: Path) -> Site:
    return Site(make_app, rootdir, tmp_path, root="test-choosing")


def test_editing_a_profiles_facts_rewrites_its_page(site: Site) -> None:
    def edit(src: Path) -> None:
        path = src / "clinicians/rosa-diaz.md"
        _replace(path, "insurance: [Aetna, Blue Cross, Out of network]", "insurance: [Medicaid]")
        _replace(path, 'telehealth_states: [NY, new jersey, "Vermont"]', "telehealth_states: [CT]")

    rewritten = site.edit_and_compare(edit)
    assert "clinicians/rosa-diaz.html" in rewritten
    assert "clinicians/sam-lee.html" not in rewritten
    page = html(site.app, "clinicians/rosa-diaz")
    facts = _facts(page.select_one("section#fees-and-insurance"))
    assert [li.get_text() for li in facts["Insurance accepted"].select("li")] == ["Medicaid"]
    assert "Out-of-network benefits" not in facts


def test_editing_the_site_files_rewrites_the_profiles(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "locations.yaml", "400 Elm Avenue", "410 Elm Avenue")
        _replace(src / "insurance.yaml", "label: Aetna", "label: Aetna (commercial plans)")

    rewritten = site.edit_and_compare(edit)
    assert "clinicians/rosa-diaz.html" in rewritten
    page = html(site.app, "clinicians/rosa-diaz")
    where = page.select_one("section#where-and-how").get_text()
    assert "410 Elm Avenue" in where and "400 Elm" not in where
    assert "Aetna (commercial plans)" in page.select_one("section#fees-and-insurance").get_text()


def test_removing_the_locations_file(site: Site) -> None:
    # Without the file, the profile's offices are unknown: a warning, and no offices shown.
    (site.src / "locations.yaml").unlink()
    app = site.make_app("html", srcdir=site.src, freshenv=False)
    try:
        app.build()
    finally:
        app.cleanup()
    assert [w.split("WARNING: ")[1] for w in warnings(app)] == [
        "unknown office 'downtown': the site has no offices; describe them in locations.yaml "
        "(see the guide) [clinic.location]",
        "unknown office 'uptown': the site has no offices; describe them in locations.yaml "
        "(see the guide) [clinic.location]",
    ]
    assert "Offices" not in _facts(html(app, "clinicians/rosa-diaz").select_one("#where-and-how"))


def test_parallel_build_equals_serial(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    serial = Site(make_app, rootdir, tmp_path / "j1", root="test-choosing")
    parallel = Site(make_app, rootdir, tmp_path / "j2", parallel=2, root="test-choosing")
    assert _html_files(Path(parallel.app.outdir)) == _html_files(Path(serial.app.outdir))


def test_hostile_facts_are_named_and_escaped(tmp_path: Path) -> None:
    # Every wrong value is named in a warning, no build crashes, nothing reaches a reader
    # as markup (hostile.py checks every output the build writes).
    report = run_batch(PRACTICE_CASES, tmp_path / "hostile")
    assert report.cases == len(PRACTICE_CASES)
    assert (report.crashes, report.unsafe, report.silent) == ([], [], [])
