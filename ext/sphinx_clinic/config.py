"""The ``clinic_*`` configuration values, declared once: :class:`ClinicConfig`.

Each field is one value of ``conf.py`` (its name without the ``clinic_`` prefix), with its
default, the types Sphinx accepts, what a change rebuilds, the doc string the guide's
tables show (``tests/test_config.py`` compares them) and, for some, a validator. The
extension registers them from here (:func:`setup_config`); the command line declares
their defaults from here too (:func:`declare`), without a Sphinx application.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .i18n import for_language
from .urls import conf_location
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


PREFIX = "clinic_"

DEFAULT_CRISIS_NOTICE = (
    "If you are in crisis or thinking about suicide, you can call or text "
    "[988](tel:988) to reach the 988 Suicide & Crisis Lifeline, any time, day or night "
    "(United States). If you or someone else is in immediate danger, call [911](tel:911)."
)

#: The default notice in the languages whose wording we checked against the 988
#: Lifeline's own published material (988lifeline.org, "What to expect": Spanish-language
#: counselors by pressing 2 on a call, or by texting AYUDA to 988). A language missing
#: here gets the English notice and a ``clinic.crisis`` warning: a wrong crisis number is
#: worse than none.
DEFAULT_CRISIS_NOTICES = {
    "en": DEFAULT_CRISIS_NOTICE,
    "es": (
        "Si está en una crisis o piensa en el suicidio, llame al [988](tel:988) y oprima "
        "el 2 para hablar en español, o envíe un mensaje de texto con la palabra AYUDA "
        "al 988 (Estados Unidos). Si usted u otra persona está en peligro inmediato, "
        "llame al [911](tel:911)."
    ),
}


class CrisisNotice(NamedTuple):
    """The crisis notice's text for a page (``""``: none) and whether it is in the page's
    language (False: the English default, for a language it has not been checked in)."""

    text: str
    in_language: bool


def crisis_notice_for(setting: str | dict[str, str], language: str) -> CrisisNotice:
    """``clinic_crisis_notice`` for a page in ``language``: the site's own text as it is;
    from a per-language mapping, the entry for the language; otherwise the default in
    that language, where there is one."""
    if isinstance(setting, dict):
        own = for_language(setting, language)
        if own is not None:
            return CrisisNotice(own, True)
    elif setting != DEFAULT_CRISIS_NOTICE:
        return CrisisNotice(setting, True)
    default = for_language(DEFAULT_CRISIS_NOTICES, language)
    if default is None:
        return CrisisNotice(DEFAULT_CRISIS_NOTICE, False)
    return CrisisNotice(default, True)


class Invalid(NamedTuple):
    """What a validator says of a value that cannot work."""

    message: str
    #: The value used instead (``KEEP``: the value stays as it is, with the warning).
    fallback: Any
    #: Whether the warning points at conf.py.
    at_conf: bool = False


KEEP = object()

Validator = Callable[[str, Any], Invalid | None]


def one_of(*choices: str) -> Validator:
    """The value is one of ``choices``; otherwise the first is used."""

    def validate(name: str, value: Any) -> Invalid | None:
        if value in choices:
            return None
        return Invalid(
            f"{name} must be {' or '.join(repr(c) for c in choices)}, not {value!r}; "
            f"using {choices[0]!r}",
            choices[0],
        )

    return validate


def folder_names(name: str, value: Any) -> Invalid | None:
    """A list of folder names (each a non-empty string)."""
    if all(isinstance(d, str) and d.strip("/") for d in value):
        return None
    return Invalid(f"{name} must be a list of folder names, e.g. ['articles']", KEEP)


def text_by_language(fallback: str) -> Validator:
    """Text, or a mapping of language tags to text; otherwise ``fallback``."""

    def validate(name: str, value: Any) -> Invalid | None:
        if isinstance(value, str):
            return None
        if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return None
        return Invalid(
            f"{name} must be text, or a mapping of languages to text such as "
            f"{{'en': '...', 'es': '...'}}, not {value!r}; using the default",
            fallback,
            at_conf=True,
        )

    return validate


def whole_number(minimum: int, meaning: str, fallback: int) -> Validator:
    """A whole number of at least ``minimum`` (``meaning`` says what it counts);
    otherwise ``fallback``, with a message located at conf.py."""
    kind = f"a whole number of at least {minimum}" if minimum else "a whole number"

    def validate(name: str, value: Any) -> Invalid | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return None
        return Invalid(
            f"{name} must be {kind} ({meaning}), not {value!r}; using {fallback} until it is fixed",
            fallback,
            at_conf=True,
        )

    return validate


per_page = whole_number(0, "articles per page of a long list; 0 for one page", 20)
feed_length = whole_number(1, "how many of the newest articles each feed lists", 20)


Rebuild = Literal["env", "html"]


def value(
    default: Any,
    rebuild: Rebuild,
    types: tuple[type, ...],
    doc: str,
    *,
    validator: Validator | None = None,
    shown_default: str = "",
) -> Any:
    """A field of :class:`ClinicConfig`: ``rebuild`` says what a change invalidates
    ("env": every page is read again; "html": only the output is written again);
    ``shown_default`` is the default as the guide writes it, when not its repr."""
    metadata = {
        "rebuild": rebuild,
        "types": types,
        "doc": doc,
        "validator": validator,
        "shown_default": shown_default,
    }
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


LISTS = (list, tuple)


@dataclass(frozen=True)
class ClinicConfig:
    """Every ``clinic_*`` value, in the order of the guide's tables."""

    # What is read: changing these rereads every page.
    article_dirs: list[str] = value(
        ["articles"], "env", LISTS, "Folders whose pages are articles.", validator=folder_names
    )
    clinician_dirs: list[str] = value(
        ["clinicians"],
        "env",
        LISTS,
        "Folders whose pages are clinician profiles.",
        validator=folder_names,
    )
    specialties_file: str = value(
        "specialties.yaml",
        "env",
        (str,),
        "The specialty vocabulary, relative to the source folder.",
    )
    insurance_file: str = value(
        "insurance.yaml",
        "env",
        (str,),
        "The insurance plans profiles may name (optional; without it, names are shown as written).",
    )
    locations_file: str = value(
        "locations.yaml",
        "env",
        (str,),
        "The practice's offices, which profiles name in `locations` (optional).",
    )
    show_drafts: bool = value(
        False,
        "env",
        (bool,),
        "Show drafts in listings and navigation (the preview sets it).",
    )
    review_max_age_days: int = value(
        730,
        "env",
        (int,),
        "Reviews older than this are reported; `0` turns the check off.",
    )
    # What articles show around their text (placed while reading: "env").
    byline: bool = value(True, "env", (bool,), "The byline under each article's title.")
    about_author: bool = value(
        True,
        "env",
        (bool,),
        'The "About the author" cards at the end of each article.',
    )
    crisis_notice: str | dict[str, str] = value(
        DEFAULT_CRISIS_NOTICE,
        "env",
        (str, dict),
        'The crisis notice on articles, in plain text with `[label](tel:...)` links; `""` '
        "turns it off. Replace it for other countries. A mapping gives it per language, "
        '`{"en": "...", "pt-BR": "..."}`.',
        validator=text_by_language(DEFAULT_CRISIS_NOTICE),
        shown_default="the 988 Lifeline (US), in English or Spanish",
    )
    crisis_title: str | dict[str, str] = value(
        "",
        "env",
        (str, dict),
        "Its heading; a mapping gives it per language.",
        validator=text_by_language(""),
        shown_default='`"If you need help now"`, in the page\'s language',
    )
    crisis_specialties: list[str] = value(
        [],
        "env",
        LISTS,
        "Show the notice only on articles with one of these specialty ids (empty: on all).",
    )
    next_direction: str = value(
        "newer",
        "env",
        (str,),
        'Where "Next" leads: to the newer article (reading forward in time) or the older one.',
        validator=one_of("newer", "older"),
    )
    per_page: int = value(
        20,
        "env",
        (int,),
        "Articles per page of an `article-list` without `:limit:` (the archive, a "
        "specialty's list) and of a profile's \"Articles by\"; pages 2, 3... get "
        "addresses of their own. `0` shows every list on one page.",
        validator=per_page,
    )
    translations: str = value(
        "group",
        "env",
        (str,),
        "Articles and their translations (`translation_of`) in listings, the specialty "
        'index and feeds: one entry per article, with "Also in" links to its other '
        'languages (`"group"`), or each translation its own entry (`"separate"`).',
        validator=one_of("group", "separate"),
    )
    # Raw HTML/LaTeX in pages (rawhtml.py): shown as text unless the authors are trusted.
    raw_html: str = value(
        "escape",
        "env",
        (str,),
        "Raw HTML in Markdown (`<script>`, `<img ...>`), the `{raw}` directive and raw LaTeX "
        'are shown as text, with a `clinic.html` warning naming the line. `"allow"` passes '
        "them to readers: set it only when every author is trusted, never for a site that "
        "builds strangers' pull requests.",
        validator=one_of("escape", "allow"),
    )
    # How things look (output only).
    credentials: dict[str, str] = value(
        {},
        "html",
        (dict,),
        "More credential letters and their meaning, added to the built-in US list (LCSW, "
        "LMSW, LMHC, MHC-LP, LPC, LMFT, PsyD, PhD and others).",
    )
    # Authors without profiles, and blog tags (see the guide "Moving from ABlog").
    author_map: dict[str, str] = value(
        {},
        "env",
        (dict,),
        'Names as written in `author:` mapped to clinician ids, e.g. `{"Dr. Jane Doe": '
        '"jane-doe"}`. A clinician\'s exact name needs no entry.',
    )
    guest_authors: str = value(
        "warn",
        "env",
        (str,),
        "An author who matches no clinician is shown as plain text, without a card; "
        '`"warn"` reports each one, `"silent"` accepts them.',
        validator=one_of("warn", "silent"),
    )
    tag_map: dict[str, str] = value(
        {},
        "env",
        (dict,),
        'Blog `tags`/`category` mapped to specialty ids, labels or aliases; `""` drops a '
        "tag on purpose.",
    )
    unmapped_tags: str = value(
        "specialty",
        "env",
        (str,),
        'A tag no specialty stands for becomes a specialty of its own (`"specialty"`) or is '
        'left out and named in the build log (`"ignore"`).',
        validator=one_of("specialty", "ignore"),
    )
    # Whole-site outputs and page metadata (feeds.py, sitemap.py): only output changes.
    feeds: bool = value(True, "html", (bool,), "Write the feeds and announce them.")
    feed_length: int = value(
        20,
        "html",
        (int,),
        "How many of the newest articles each feed lists.",
        validator=feed_length,
    )
    sitemap: bool = value(True, "html", (bool,), "Write `sitemap.xml`.")
    # Link previews and structured data (previews.py, structured_data.py).
    practice: dict[str, str] = value(
        {},
        "html",
        (dict,),
        "The practice for search engines: name, url, logo, phone, email, address. See "
        '[Feeds, sitemap and search metadata](feeds-and-metadata.md), "The practice".',
    )
    default_image: str = value(
        "",
        "html",
        (str,),
        'The picture of link previews for pages without their own, e.g. `"_static/preview.png"`.',
    )
    default_image_alt: str = value(
        "", "html", (str,), "What that picture shows (required with it)."
    )


class ConfigValue(NamedTuple):
    """One declared value, as Sphinx's ``add_config_value`` takes it."""

    name: str  # with the prefix: clinic_article_dirs
    default: Any
    rebuild: Rebuild
    types: frozenset[type]
    doc: str
    validator: Validator | None
    shown_default: str


def config_values() -> Iterator[ConfigValue]:
    """Every ``clinic_*`` value, in declaration order."""
    for spec in fields(ClinicConfig):
        default = spec.default if spec.default_factory is MISSING else spec.default_factory()
        meta = spec.metadata
        yield ConfigValue(
            PREFIX + spec.name,
            default,
            meta["rebuild"],
            frozenset(meta["types"]),
            meta["doc"],
            meta["validator"],
            meta["shown_default"],
        )


def declare(config: Config) -> None:
    """Add every value not yet declared to a :class:`sphinx.config.Config` (the command
    line reads conf.py with Sphinx's ``Config`` alone, without an application)."""
    for spec in config_values():
        if spec.name not in config:
            config.add(spec.name, spec.default, spec.rebuild, spec.types, spec.doc)


def setup_config(app: Sphinx) -> None:
    """Declare every value; ``rebuild`` says what a change invalidates."""
    for spec in config_values():
        app.add_config_value(
            spec.name, spec.default, spec.rebuild, types=spec.types, description=spec.doc
        )
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn once about each value that cannot work."""
    for spec in config_values():
        if spec.validator is None:
            continue
        invalid = spec.validator(spec.name, getattr(config, spec.name))
        if invalid is None:
            continue
        warn(invalid.message, ClinicWarning.CONFIG, conf_location(app) if invalid.at_conf else None)
        if invalid.fallback is not KEEP:
            setattr(config, spec.name, invalid.fallback)
