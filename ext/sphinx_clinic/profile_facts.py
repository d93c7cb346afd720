"""The facts people choose a clinician by, on the profile: "Fees and insurance", "Where
and how" and what the clinician chooses to share about themselves; and the site files
they draw on (``insurance.yaml``, ``locations.yaml``), loaded before pages are read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from docutils import nodes

from .domain import get_domain
from .encoding import first_bad_byte
from .practice import US_STATES, FeeRange, Location, parse_locations
from .records import Clinician, Fees, Identity
from .views import RenderContext, ViewType, add_view_types, clinic_view, placeholder
from .vocabulary import parse_vocabulary
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .siteindex import SiteIndex


class ProfileFacts(NamedTuple):
    """Exactly what the sections show (compared between builds)."""

    fees: Fees | None
    sliding_scale: bool | None
    sliding_scale_note: str
    insurance: tuple[str, ...]  # names as readers see them
    out_of_network: bool | None
    superbills: bool | None
    payment: tuple[str, ...]
    formats: tuple[str, ...]
    offices: tuple[Location, ...]
    telehealth_states: tuple[str, ...]
    ages: tuple[str, ...]
    session_types: tuple[str, ...]
    identity: Identity | None


def facts_of(clinician: Clinician) -> ProfileFacts:
    """The facts of ``clinician`` the profile's sections show."""
    return ProfileFacts(
        clinician.fees,
        clinician.sliding_scale,
        clinician.sliding_scale_note,
        clinician.insurance_names,
        clinician.out_of_network,
        clinician.superbills,
        clinician.payment,
        clinician.formats,
        clinician.offices,
        clinician.telehealth_states,
        clinician.ages,
        clinician.session_types,
        clinician.identity,
    )


def compute_facts(index: SiteIndex, docname: str, args: tuple[()]) -> ProfileFacts | None:
    clinician = index.profile_at(docname)
    return None if clinician is None else facts_of(clinician)


# -- rendering ----------------------------------------------------------------------------


def money(context: RenderContext, fee: FeeRange, currency: str) -> str:
    """``$150–$180`` in the page's language (``150–180`` without a currency)."""
    if not currency:
        return fee.text()
    try:
        locale = Locale.parse(context.language, sep="-")
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")

    def one(amount: float) -> str:
        pattern = "¤#,##0" if amount == int(amount) else "¤#,##0.00"
        try:
            return format_currency(amount, currency, pattern, locale=locale, currency_digits=False)
        except (ValueError, KeyError):
            return f"{FeeRange(amount, amount).text()} {currency}"

    low, high = one(fee.low), one(fee.high)
    return low if fee.low == fee.high else f"{low}–{high}"


Row = tuple[str, list[nodes.Node]]


def _text(value: str) -> list[nodes.Node]:
    return [nodes.paragraph(value, value)]


def _facts_list(rows: Sequence[Row], classes: list[str]) -> nodes.definition_list:
    """A definition list (``<dl>``): each label a term, its value the definition."""
    facts = nodes.definition_list(classes=["clinic-facts", *classes])
    for label, body in rows:
        facts += nodes.definition_list_item(
            "", nodes.term(label, label), nodes.definition("", *body)
        )
    return facts


def _section(section_id: str, title: str, rows: Sequence[Row]) -> nodes.section:
    section = nodes.section(ids=[section_id], classes=["clinic-profile-section"])
    section += nodes.title(title, title)
    section += _facts_list(rows, [section_id])
    return section


def _yes_no(context: RenderContext, value: bool) -> str:
    return context.gettext("Yes") if value else context.gettext("No")


def fees_rows(context: RenderContext, facts: ProfileFacts) -> list[Row]:
    """Fees per session, sliding scale, insurance, out of network, payment."""
    _ = context.gettext
    rows: list[Row] = []
    session_labels = {
        "individual": _("Individual session"),
        "couples": _("Couples session"),
        "family": _("Family session"),
        "group": _("Group session"),
    }
    if facts.fees is not None:
        for session, fee in facts.fees.sessions():
            rows.append((session_labels[session], _text(money(context, fee, facts.fees.currency))))
    if facts.sliding_scale is not None:
        value = _yes_no(context, facts.sliding_scale)
        if facts.sliding_scale and facts.sliding_scale_note:
            value += ": " + facts.sliding_scale_note
        rows.append((_("Sliding scale"), _text(value)))
    if facts.insurance:
        plans = nodes.bullet_list(classes=["clinic-insurance"])
        for name in facts.insurance:
            plans += nodes.list_item("", nodes.paragraph(name, name))
        rows.append((_("Insurance accepted"), [plans]))
    if facts.out_of_network is not None:
        rows.append((_("Out-of-network benefits"), _text(_yes_no(context, facts.out_of_network))))
    if facts.superbills is not None:
        rows.append((_("Superbills for reimbursement"), _text(_yes_no(context, facts.superbills))))
    if facts.payment:
        rows.append((_("Payment methods"), _text(", ".join(facts.payment))))
    return rows


def _office(context: RenderContext, office: Location) -> nodes.Node:
    item = nodes.list_item(classes=["clinic-office"])
    item += nodes.paragraph("", "", nodes.strong(office.name, office.name))
    address = office.address_text()
    if address:
        item += nodes.paragraph(address, address, classes=["clinic-address"])
    for label, text, css in (
        (context.gettext("Accessibility"), office.accessibility, "clinic-accessibility"),
        (context.gettext("Public transport"), office.transit, "clinic-transit"),
    ):
        if text:
            paragraph = nodes.paragraph(classes=[css])
            paragraph += nodes.strong(label, label)
            paragraph += nodes.Text(": " + text)
            item += paragraph
    return item


def where_rows(context: RenderContext, facts: ProfileFacts) -> list[Row]:
    """Formats, offices, telehealth states, ages and session types."""
    _ = context.gettext
    labels = {
        "in-person": _("In person"),
        "telehealth": _("Telehealth"),
        "children": _("Children"),
        "teens": _("Teens"),
        "adults": _("Adults"),
        "older-adults": _("Older adults"),
        "individual": _("Individuals"),
        "couples": _("Couples"),
        "family": _("Families"),
        "group": _("Groups"),
    }
    shown: Callable[[tuple[str, ...]], str] = lambda ids: ", ".join(labels.get(i, i) for i in ids)  # noqa: E731
    rows: list[Row] = []
    if facts.formats:
        rows.append((_("Sessions"), _text(shown(facts.formats))))
    if facts.offices:
        offices = nodes.bullet_list(classes=["clinic-offices"])
        for office in facts.offices:
            offices += _office(context, office)
        rows.append((context.ngettext("Office", "Offices", len(facts.offices)), [offices]))
    if facts.telehealth_states:
        states = ", ".join(f"{US_STATES[code]} ({code})" for code in facts.telehealth_states)
        rows.append((_("Telehealth in"), _text(states)))
    if facts.ages:
        rows.append((_("Ages"), _text(shown(facts.ages))))
    if facts.session_types:
        rows.append((_("Session types"), _text(shown(facts.session_types))))
    return rows


def identity_rows(context: RenderContext, identity: Identity | None) -> list[Row]:
    """Only what the clinician wrote, labelled, in their words."""
    if identity is None:
        return []
    _ = context.gettext
    rows: list[Row] = [
        (label, _text(value))
        for label, value in (
            (_("Gender"), identity.gender),
            (_("Ethnicity"), identity.ethnicity),
            (_("Faith"), identity.faith),
        )
        if value
    ]
    if identity.lgbtq_affirming is not None:
        rows.append((_("LGBTQ+ affirming"), _text(_yes_no(context, identity.lgbtq_affirming))))
    return rows


def render_facts(
    context: RenderContext, facts: ProfileFacts | None, args: tuple[()]
) -> list[nodes.Node]:
    """section#fees-and-insurance, section#where-and-how and section#identity, each a
    title and a definition list; a section with nothing to say is left out."""
    if facts is None:
        return []
    _ = context.gettext
    sections: list[nodes.Node] = []
    for section_id, title, rows in (
        ("fees-and-insurance", _("Fees and insurance"), fees_rows(context, facts)),
        ("where-and-how", _("Where and how"), where_rows(context, facts)),
        (
            "identity",
            _("Identity, as the clinician shares it"),
            identity_rows(context, facts.identity),
        ),
    ):
        if rows:
            sections.append(_section(section_id, title, rows))
    return sections


def place_facts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``clinic-profile-read`` (after the profile's own parts): the sections go at the end
    of the profile's text, before "Articles by"."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    node = placeholder(app.env, docname, "profile-facts")
    articles_by = [
        child
        for child in section.children
        if isinstance(child, clinic_view) and child["kind"] == "articles-by"
    ]
    if articles_by:
        section.insert(section.index(articles_by[0]), node)
    else:
        section += node


# -- the site files -----------------------------------------------------------------------


def _site_file(env: BuildEnvironment, configured: str) -> tuple[Path | None, str, int | None]:
    """(path, text, line of the first byte that is not UTF-8) of an optional site file."""
    path = Path(env.srcdir, configured) if configured else None
    if path is None or not path.is_file():
        return None, "", None
    data = path.read_bytes()
    bad = first_bad_byte(data)
    return path, data.decode("utf-8", errors="replace"), None if bad is None else bad[0]


def load_site_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: (re)load ``insurance.yaml`` and ``locations.yaml``.

    Profiles resolve names against them while being read; when a file changes (or comes
    or goes), every profile is read again, so no page keeps an old plan or address. Its
    problems are reported when its content changes.
    """
    domain = get_domain(env)
    changed = False
    path, text, bad = _site_file(env, env.config.clinic_insurance_file)
    insurance, problems = (
        parse_vocabulary(text, env.config.clinic_insurance_file, "insurance", "insurance")
        if path is not None
        else (type(domain.insurance)(), [])
    )
    if insurance.digest != domain.insurance.digest:
        if bad is not None:
            warn(
                "the file is not UTF-8; save it as UTF-8", ClinicWarning.INSURANCE, f"{path}:{bad}"
            )
        for problem in problems:
            warn(problem.message, ClinicWarning.INSURANCE, f"{path}:{problem.line}")
        domain.set_insurance(insurance)
        changed = True
    path, text, bad = _site_file(env, env.config.clinic_locations_file)
    if path is not None:
        locations, location_problems = parse_locations(text)
    else:
        locations, location_problems = type(domain.locations)({}), []
    if locations.digest != domain.locations.digest:
        if bad is not None:
            warn("the file is not UTF-8; save it as UTF-8", ClinicWarning.LOCATION, f"{path}:{bad}")
        for location_problem in location_problems:
            warn(
                location_problem.message, ClinicWarning.LOCATION, f"{path}:{location_problem.line}"
            )
        domain.set_locations(locations)
        changed = True
    if changed:
        known = set(docnames)
        docnames.extend(
            d for d in sorted(domain.clinician_docs) if d not in known and d in env.found_docs
        )


def setup_profile_facts(app: Sphinx) -> None:
    add_view_types({"profile-facts": ViewType(compute_facts, render_facts)})
    # After the vocabulary (specialties), before any page is read.
    app.connect("env-before-read-docs", load_site_files)
    app.connect("clinic-profile-read", place_facts, priority=600)
