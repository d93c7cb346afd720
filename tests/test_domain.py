"""The clinic domain: collected data, -j 2 against serial, references and their warnings."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sphinx.util.console import strip_colors

from conftest import domain_data, html, warnings


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "digests"}


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_collects_articles_and_clinicians(app: Any) -> None:
    app.build()
    data = domain_data(app)
    assert sorted(data["clinicians"]) == ["clinicians/ana-lima", "clinicians/ben-okafor"]
    ana = data["clinicians"]["clinicians/ana-lima"]
    assert ana.id == "ana-lima"
    assert ana.credentials == ("LCSW",)
    # Ids, labels and aliases all resolve to ids.
    assert ana.specialties == ("early-parenthood", "grief")
    worry = data["articles"]["articles/worry"]
    assert worry.authors == ("ben-okafor", "ana-lima")
    assert worry.title == "When worry takes over"
    first = data["articles"]["articles/first-weeks"]
    assert first.specialties == ("early-parenthood",)
    assert first.summary == "The first weeks with a baby are a time of change."


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_articles_and_profiles_need_no_toctree(app: Any) -> None:
    app.build()
    assert not [w for w in warnings(app) if "toctree" in w]


def test_parallel_read_collects_the_same_data(make_app: Any, rootdir: Any, tmp_path: Any) -> None:
    import shutil

    results = []
    for parallel in (1, 2):
        srcdir = tmp_path / f"j{parallel}"
        shutil.copytree(rootdir / "test-basic", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=parallel, freshenv=True)
        app.build()
        assert app.parallel == parallel
        # Sphinx only forks readers when it may; a forked read reports chunks "a .. b".
        chunked = re.search(
            r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. ", strip_colors(app.status.getvalue())
        )
        assert bool(chunked) == (parallel == 2)
        results.append(_comparable(domain_data(app)))
    serial, parallel_data = results
    assert parallel_data == serial
    assert len(serial["articles"]) == 2 and len(serial["clinicians"]) == 2


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_clinician_roles_resolve_to_profiles(app: Any) -> None:
    app.build()
    page = html(app, "index")
    links = {a.get_text(): a["href"] for a in page.select("a.reference.internal")}
    assert links["Ana Lima"] == "clinicians/ana-lima.html"
    # An explicit title is kept; it links to the same profile.
    assert links["Our counsellor"] == "clinicians/ben-okafor.html"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_clinicians_are_in_the_inventory(app: Any) -> None:
    from sphinx.util.inventory import InventoryFile

    app.build()
    with open(app.outdir / "objects.inv", "rb") as f:
        inventory = InventoryFile.load(f, "", lambda base, uri: uri)
    entries = inventory.data if hasattr(inventory, "data") else inventory  # Sphinx 9 / 8
    item = entries["clinic:clinician"]["ana-lima"]
    uri = item.uri if hasattr(item, "uri") else item[2]
    assert uri == "clinicians/ana-lima.html"


@pytest.mark.sphinx("html", testroot="dangling", freshenv=True)
def test_dangling_references_warn_with_location_and_suggestion(app: Any) -> None:
    app.build()
    lines = warnings(app)
    assert any(
        "index.md:3: WARNING: unknown clinician 'ana-lma'; did you mean 'ana-lima'? [clinic.ref]"
        in line
        for line in lines
    ), lines
    assert any(
        "index.md:5: WARNING: unknown specialty 'anxeity'; did you mean 'anxiety'? [clinic.ref]"
        in line
        for line in lines
    ), lines
    # The reader still gets the text, not a broken link.
    page = html(app, "index")
    assert "ana-lma" in page.get_text()
