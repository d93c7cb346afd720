"""Content resolved late from other pages, and rewriting exactly the pages it changes.

While reading, a directive (or a feature, for the automatic parts of an article or a
profile) inserts a :class:`clinic_view` placeholder and records a :class:`~.records.View`
in the domain. Every view type has two halves, and each feature registers its own with
:func:`add_view_types` in its ``setup_<feature>`` (this module imports no feature):

* ``compute(index, docname, args)``: a pure function returning plain, comparable data
  (records, tuples): everything the rendered output depends on;
* ``render(context, data, args)``: turns that data into docutils nodes: for HTML
  builders, usually one node rendered from a template (:meth:`RenderContext.html`).

At ``doctree-resolved`` the placeholders are replaced with rendered nodes. At
``env-get-updated`` the computed data of every page's views is fingerprinted; a page
whose fingerprint changed since it was last written is rewritten, and no other.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from .dates import format_day
from .domain import get_domain, reference_data
from .i18n import page_language, translator
from .records import View
from .siteindex import SiteIndex
from .templating import html_node, render_html, render_html_once, uses_templates
from .text import suggest
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class clinic_view(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder for a :class:`~.records.View`; attributes ``kind`` and ``args``."""


@dataclass(frozen=True)
class RenderContext:
    """What a view's ``render`` may use besides its data."""

    app: Sphinx
    docname: str
    index: SiteIndex
    node: nodes.Element | None = None  # the placeholder being rendered, for warnings
    #: For a generated page (see generated_pages), the source page it comes from: the
    #: page whose language it is written in. "" for a source page itself.
    origin: str = ""

    @property
    def builder(self) -> Builder:
        return self.app.builder

    @property
    def config(self) -> Any:
        return self.app.config

    @property
    def is_html(self) -> bool:
        return self.app.builder.format == "html"

    @functools.cached_property
    def language(self) -> str:
        """The language of this page's text: its front matter's ``language``, else the
        site's (``language`` in ``conf.py``, English when unset). Worked out once: every
        label asks for it."""
        docname = self.origin or self.docname
        page = self.index.article(docname) or self.index.profile_at(docname)
        return page_language(page.language if page is not None else "", self.config.language)

    @property
    def uses_templates(self) -> bool:
        """Whether this builder gets the parts from ``templates/clinic/`` (see
        :mod:`.templating`) rather than format-neutral docutils trees."""
        return uses_templates(self.app.builder)

    def html(
        self, template: str, values: dict[str, Any], searchable: bool = False, reuse: bool = False
    ) -> nodes.Node:
        """One node of HTML from ``clinic/<template>.html``, given ``values`` and this
        page's labels (``_`` and ``ngettext``). ``searchable``: whether the site search
        indexes its text (the parts every article repeats are left out). ``reuse``: see
        :meth:`render`."""
        return html_node(self.render(template, values, reuse), searchable)

    def render(self, template: str, values: dict[str, Any], reuse: bool = False) -> str:
        """``clinic/<template>.html`` rendered with ``values`` and this page's labels.

        ``reuse``: for a part many pages show alike (a clinician's card, the crisis
        notice), rendered once per build for each set of values (its links included, as
        they are relative to this page) and each language, then reused.
        """
        labelled = {**values, "_": self.gettext, "ngettext": self.ngettext}
        if not reuse:
            return render_html(self.app, template, labelled)
        key = (template, self.language, repr(values))
        return render_html_once(self.app, template, labelled, key)

    def gettext(self, message: str) -> str:
        """An extension label in this page's language. Every label a view renders goes
        through here (or :meth:`ngettext`), never a module-level ``_``."""
        return translator(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """A label with a count (``%d min read``) in this page's language."""
        return translator(self.language).ngettext(singular, plural, count)

    def format_day(self, day: Any) -> str:
        """A date as readers of this page's language write it ("4 de marzo de 2025")."""
        return format_day(day, language=self.language)

    def link(
        self, todocname: str, child: nodes.Node | str, anchor: str = "", title: str = ""
    ) -> nodes.Node:
        """A reference to ``todocname#anchor``, or the bare content where the output
        has no such page (e.g. a LaTeX build that leaves orphan articles out)."""
        content = nodes.Text(child) if isinstance(child, str) else child
        try:
            return make_refnode(
                self.builder, self.docname, todocname, anchor, content, title or None
            )
        except NoUri:
            return nodes.inline("", "", content)

    def asset_uri(self, path: str) -> str:
        """The URI of an output file (e.g. ``_clinic/photos/x.jpg``) from this page."""
        return relative_uri(self.builder.get_target_uri(self.docname), path)

    def warn(self, message: str, subtype: ClinicWarning) -> None:
        """A warning located at the placeholder being rendered."""
        warn(message, subtype, self.node)

    def suggest_clinician(self, clinician_id: str) -> str:
        return suggest(clinician_id, self.index.clinicians)

    def uri(self, todocname: str, anchor: str = "") -> str | None:
        """The relative URI of another page from this one (None where it has none)."""
        try:
            uri = self.builder.get_relative_uri(self.docname, todocname)
        except NoUri:
            return None
        return f"{uri}#{anchor}" if anchor else uri


#: ``compute(index, docname, args)``: ``args`` is the view type's frozen dataclass.
Compute = Callable[[SiteIndex, str, Any], Hashable]
#: ``render(context, data, args)``: ``data`` is what ``compute`` returned.
Render = Callable[[RenderContext, Any, Any], list[nodes.Node]]


@dataclass(frozen=True)
class ViewType:
    """The two halves of a view type (see the module docstring)."""

    compute: Compute
    render: Render


#: Clinician and specialty references: resolved by the domain, so there is nothing to render;
#: the view only makes a page be rewritten when what its references show changes.
REFERENCE = ViewType(reference_data, lambda context, data, args: [])


#: Every view type, by kind: the features add theirs at setup (:func:`add_view_types`).
_VIEW_TYPES: dict[str, ViewType] = {"reference": REFERENCE}


def add_view_types(types: dict[str, ViewType]) -> None:
    """Register a feature's view types (called from its ``setup_<feature>``)."""
    _VIEW_TYPES.update(types)


def view_types() -> dict[str, ViewType]:
    """Every registered view type, by kind."""
    return _VIEW_TYPES


def placeholder(
    env: BuildEnvironment, docname: str, kind: str, args: Hashable = (), *, tracked: bool = True
) -> clinic_view:
    """Record a view for ``docname`` and return the node that marks where it goes.

    ``tracked=False``: a view whose data is the page's own (e.g. the crisis notice): it
    is only rendered late, to keep its nodes out of the doctree while Sphinx reads, and
    never compared between builds.
    """
    view = View(kind, args)
    if tracked:
        get_domain(env).add_view(docname, view)
    # The docname travels with the node: LaTeX and singlehtml resolve many pages' nodes
    # in one tree under the master document's name.
    return clinic_view("", kind=view.kind, args=view.args, docname=docname)


def splits_a_list(env: BuildEnvironment, docname: str) -> bool:
    """Whether a view recorded for ``docname`` so far splits a list into pages. One list
    a page may: its pages 2..N are named after the page (``<page>/page/<n>``). A view's
    args say so with a true ``split`` attribute."""
    views = get_domain(env).views.get(docname, ())
    return any(getattr(view.args, "split", False) for view in views)


def compute_views(index: SiteIndex, docname: str, views: Iterable[View]) -> list[Hashable]:
    """The data every view of a page shows, in order."""
    types = view_types()
    return [types[view.kind].compute(index, docname, view.args) for view in views]


def fingerprint(data: list[Hashable]) -> bytes:
    """A digest of computed view data; records have deterministic ``repr`` s. Raw bytes,
    not hex: one per page in the environment's pickle."""
    return hashlib.blake2b(repr(data).encode(), digest_size=16).digest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose views now show different data.

    Only what can have changed is computed: when no page read (or removed) this time
    changed what other pages can show of it (see :meth:`.ClinicDomain.take_changes`),
    no other page's views can show anything new, and only the pages read are computed
    (to note their digests).
    """
    domain = get_domain(env)
    index = domain.site_index()
    touched, shared = domain.take_changes()
    views = domain.views
    docnames = sorted(views) if shared else sorted(touched & views.keys())
    outdated = []
    for docname in docnames:
        digest = fingerprint(compute_views(index, docname, views[docname]))
        previous = domain.digests.get(docname)
        if previous is not None and previous != digest:
            outdated.append(docname)
        domain.digests[docname] = digest
    return outdated


def resolve_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with its rendered content."""
    placeholders = list(doctree.findall(clinic_view))
    if not placeholders:
        return
    index = get_domain(app.env).site_index()
    types = view_types()
    for node in placeholders:
        view_type = types[node["kind"]]
        args = node["args"]
        data = view_type.compute(index, node.get("docname", docname), args)
        context = RenderContext(app, docname, index, node)
        node.replace_self(view_type.render(context, data, args) or [])


def setup_views(app: Sphinx) -> None:
    app.add_node(clinic_view)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("doctree-resolved", resolve_views)
