"""The extension's message catalogs: extract the labels from the code and templates.

``python tests/catalogs.py`` (what ``nox -s i18n`` runs) writes the catalog template
``ext/sphinx_clinic/locale/sphinx_clinic.pot``, brings every shipped ``.po`` up to date with
it (new labels untranslated, removed ones dropped) and compiles the ``.mo`` files the
package ships. ``tests/test_i18n.py`` checks that all three agree with the code.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).parent.parent / "ext" / "sphinx_clinic"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_clinic"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
#: The shipped catalogs (``locale/<name>/LC_MESSAGES/sphinx_clinic.po``).
LANGUAGES = ("es", "pt_BR", "zh_CN")
#: Python modules, and the Jinja templates under templates/clinic/ (``_`` and
#: ``ngettext`` are passed to them).
METHODS = [
    ("**.py", "python"),
    ("templates/clinic/**.html", "jinja2.ext:babel_extract"),
]


HEADER = """\
# The labels sphinx-clinic writes on pages (bylines, cards, listings, notices).
# Made by `nox -s i18n` from the code: edit the translations, never the msgids.
#"""


def extract() -> Catalog:
    """Every label of the code and templates, with where it is used."""
    catalog = Catalog(
        project="sphinx-clinic",
        domain=DOMAIN,
        fuzzy=False,
        header_comment=HEADER,
        copyright_holder="sphinx-clinic developers",
        msgid_bugs_address="",
    )
    # The command line and the importer print no labels of pages: leave them out.
    skip = ("cli", "importer")
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        METHODS,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda path: (
            Path(path).name not in skip and not Path(path).name.startswith((".", "_"))
        ),
    ):
        catalog.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def po_bytes(catalog: Catalog, template: bool = False) -> bytes:
    out = io.BytesIO()
    # No dates or line numbers in the files: they would change on every run.
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False, sort_output=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> list[Path]:
    """Write the template, update and compile every catalog; the files written."""
    template = extract()
    template.creation_date = template.revision_date = _STABLE
    written = [_write(TEMPLATE, po_bytes(template, template=True))]
    for language in LANGUAGES:
        path = po_path(language)
        catalog = (
            read(path, language) if path.is_file() else Catalog(locale=language, domain=DOMAIN)
        )
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.project, catalog.version = "sphinx-clinic", ""
        catalog.header_comment = HEADER
        catalog.copyright_holder = "sphinx-clinic developers"
        catalog.msgid_bugs_address = ""
        catalog.last_translator = "sphinx-clinic developers"
        catalog.language_team = ""
        catalog.fuzzy = False
        catalog.creation_date = catalog.revision_date = _STABLE
        written.append(_write(path, po_bytes(catalog)))
        written.append(_write(path.with_suffix(".mo"), mo_bytes(catalog)))
    return [p for p in written if p is not None]


def _write(path: Path, data: bytes) -> Path | None:
    if path.is_file() and path.read_bytes() == data:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


import datetime as _dt  # noqa: E402

_STABLE = _dt.datetime(2026, 1, 1, tzinfo=_dt.UTC)


if __name__ == "__main__":
    changed = update()
    for path in changed:
        print(f"updated {path.relative_to(PACKAGE.parent.parent)}")
    if not changed:
        print("the catalogs are up to date")
    sys.exit(0)
