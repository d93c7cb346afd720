"""Generate sphinx-clinic sites of any size, deterministically, for tests and benchmarks.

A site is a :class:`Site` value (articles, clinicians, specialties). :func:`generate` makes
one from a seed; the edit functions (:func:`edit_body`, :func:`retitle`, ...) return an
edited copy; :func:`write_site` writes it into a folder, touching only the files whose text
changed and deleting the files the site no longer has, so that an incremental Sphinx build
sees exactly the edit.

Layout of a written site::

    conf.py
    index.md               hidden toctree with the hub pages only, never the articles
    specialties.yaml       the vocabulary
    specialties.md         the specialty index, one section per group
    articles/index.md      the archive
    articles/<slug>.md     ~800 words with a few ## headings
    clinicians/index.md    the directory
    clinicians/<id>.md     profiles
    topics/<id>.md         one orphan page per specialty: its clinicians and articles
    archive/<year>.md      one orphan page per year: that year's articles

``features`` says which of sphinx-clinic's directives and roles the pages use (see
:data:`FEATURES`), so a site can be built with the subset an extension version registers.
``floor=True`` writes the same pages for plain Sphinx (myst-parser, sphinx-design, furo,
no sphinx-clinic): no directives or roles of ours (roles become their plain text), and
``orphan: true`` in the front matter of articles and profiles, which sphinx-clinic sets by
itself. Without it the floor would print one "document isn't included in any toctree"
warning per page; with it both builds do the same work but for the extension's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Every directive and role of sphinx-clinic that generated pages use.
FEATURES = frozenset(
    {
        "author-card",
        "clinician-directory",
        "specialty-index",
        "article-list",
        "clinician-role",
        "specialty-role",
        "directory-filters",
    }
)

# The directive or role each feature needs, for :func:`registered_features`.
_FEATURE_NAMES = {
    "author-card": "author-card",
    "clinician-directory": "clinician-directory",
    "specialty-index": "specialty-index",
    "article-list": "article-list",
    "clinician-role": "clinician",
    "specialty-role": "specialty",
    "directory-filters": "clinician-directory:filters",  # an option of the directive
}

#: The newest date a generated article, review or availability can have.
LAST_DATE = dt.date(2025, 12, 31)


# -- the site as data -----------------------------------------------------------------


@dataclass(frozen=True)
class Specialty:
    id: str
    label: str
    group: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Clinician:
    id: str
    name: str
    credentials: tuple[str, ...]
    pronouns: str
    role: str
    summary: str
    specialties: tuple[str, ...]  # as written: ids, labels or aliases
    modalities: tuple[str, ...]
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    accepting: str
    accepting_as_of: dt.date
    license_number: str
    bio: tuple[str, ...]  # paragraphs
    # What people choose a clinician by (issue 19); no insurance.yaml: plans as written.
    fee: str = ""  # an individual session's fee, e.g. "150-180"
    insurance: tuple[str, ...] = ()
    telehealth_states: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    session_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: dt.date
    authors: tuple[str, ...]
    specialties: tuple[str, ...]  # as written: ids, labels or aliases
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs)
    summary: str = ""  # "" = the first paragraph
    draft: bool = False
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    updated: dt.date | None = None
    see_also: tuple[str, ...] = ()  # slugs linked at the end
    mentions: tuple[str, str] | None = None  # (clinician id, specialty id) named in text
    # How the page gives its title: "h1" (a # heading), "front-matter" (title: in front
    # matter, sections at ##), "no-heading" (title: in front matter, no heading at all)
    # or "post" (an ABlog post directive in blog/, outside the article folders).
    style: str = "h1"

    @property
    def docname(self) -> str:
        return f"{self.folder}/{self.slug}"

    @property
    def folder(self) -> str:
        return "blog" if self.style == "post" else "articles"

    @property
    def words(self) -> int:
        return sum(len(p.split()) for _, paragraphs in self.sections for p in paragraphs)


@dataclass(frozen=True)
class Site:
    seed: int
    specialties: tuple[Specialty, ...]
    clinicians: tuple[Clinician, ...]
    articles: tuple[Article, ...]
    topics: tuple[str, ...] = ()  # specialty ids with a topic page
    years: tuple[int, ...] = ()  # years with an archive page
    revision: int = 0  # bumped by every edit: new text is drawn from it
    per_page: int = 0  # clinic_per_page in conf.py; 0: not set (the default)

    def article(self, slug: str) -> Article:
        return next(a for a in self.articles if a.slug == slug)

    def clinician(self, clinician_id: str) -> Clinician:
        return next(c for c in self.clinicians if c.id == clinician_id)

    @property
    def published(self) -> tuple[Article, ...]:
        """Listed articles in the order readers see them: by (date, slug)."""
        return tuple(sorted((a for a in self.articles if not a.draft), key=_order))

    @property
    def docnames(self) -> set[str]:
        """Every page of the site."""
        pages = {"index", "specialties", "articles/index", "clinicians/index"}
        pages |= {a.docname for a in self.articles}
        pages |= {f"clinicians/{c.id}" for c in self.clinicians}
        pages |= {f"topics/{t}" for t in self.topics}
        pages |= {f"archive/{y}" for y in self.years}
        return pages


def _order(article: Article) -> tuple[dt.date, str]:
    return (article.date, article.slug)


# -- vocabularies for the text ----------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SPECIALTIES = [
    ("anxiety", "Anxiety", "Emotional health", ("worry", "panic")),
    ("depression", "Depression", "Emotional health", ("low mood",)),
    ("trauma", "Trauma", "Emotional health", ("ptsd",)),
    ("grief", "Grief and loss", "Life stages", ("bereavement", "loss")),
    ("life-transitions", "Life transitions", "Life stages", ("moving", "career change")),
    ("early-parenthood", "Early parenthood", "Life stages", ("postpartum", "new parents")),
    ("couples", "Couples therapy", "Relationships", ("marriage counseling",)),
    ("relationships", "Relationships", "Relationships", ("friendships",)),
    ("loneliness", "Loneliness", "Relationships", ("isolation",)),
    ("identity", "Identity", "Identity", ("sense of self",)),
    ("lgbtq-affirming", "LGBTQ+ affirming care", "Identity", ("coming out",)),
    ("self-esteem", "Self-esteem", "Identity", ("inner critic",)),
    ("workplace-stress", "Workplace stress", "Work", ("burnout", "job stress")),
    ("creative-work", "Creative work", "Work", ("artists", "writers")),
    ("hospitality-work", "Hospitality work", "Work", ("night shifts",)),
    ("sleep", "Sleep", "Emotional health", ("insomnia",)),
]
_FIRST = _words(
    "Amara Jonah Lena Mateo Priya Sam Noor Tomas Elif Kofi Ines Ravi Hana Luca Maya Omar "
    "Zara Felix Aiko Diego Leila Ben Chloe Idris Nina Oskar Rosa Theo Yara Emil"
)
_LAST = _words(
    "Okafor Feldman Novak Salazar Raman Whitaker Haddad Lindqvist Demir Mensah Ferreira "
    "Iyer Sato Moretti Cohen Nasser Kowalski Brennan Takeda Alvarez Petrov Quinn Osei "
    "Varga Lund Duarte Keller Abara Sousa Farah"
)
_CREDENTIALS = (("LMHC",), ("LCSW",), ("PsyD",), ("LMFT",), ("MHC-LP",), ("LCSW", "CEDS"))
_ROLES = (
    "Mental Health Counselor",
    "Clinical Social Worker",
    "Psychologist",
    "Marriage and Family Therapist",
)
_MODALITIES = (
    "Cognitive behavioral therapy",
    "Acceptance and commitment therapy",
    "Narrative therapy",
    "EMDR",
    "Emotionally focused therapy",
    "Person-centered therapy",
)
_WORDS = _words(
    "therapy session feeling change steady week evening morning kind honest small step "
    "quiet notice breath body worry hope routine friend family partner child work rest "
    "sleep listen space pattern habit moment choice trust safe gentle question answer "
    "story memory season slowly often sometimes usually together alone again first "
    "clinician client conversation practice support care plan goal progress setback "
    "pace plainly simply carefully curious patient warm tired busy calm open"
)
_HEADINGS = (
    "What it can feel like",
    "Why it happens",
    "Small things that help",
    "When to ask for support",
    "What therapy looks like",
    "A note for the people around you",
    "Common questions",
    "Where to start",
)
_TITLE_WORDS = _words(
    "quiet steady honest first hard small long new gentle ordinary unexpected slow"
)
_TITLE_NOUNS = _words(
    "weeks changes conversations evenings habits seasons questions worries steps nights"
)


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _paragraph(rng: random.Random, words: int = 66) -> str:
    """A paragraph of exactly ``words`` words, in sentences of 6 to 14 words."""
    sentences = []
    left = words
    while left > 0:
        size = min(left, rng.randint(6, 14))
        if 0 < left - size < 4:
            size = left
        sentences.append(_sentence(rng, size))
        left -= size
    return " ".join(sentences)


def _sections(rng: random.Random, words: int = 800) -> tuple[tuple[str, tuple[str, ...]], ...]:
    headings = rng.sample(_HEADINGS, 4)
    per_paragraph = 66
    paragraphs = max(1, words // per_paragraph)
    per_section = [paragraphs // 4 + (1 if i < paragraphs % 4 else 0) for i in range(4)]
    return tuple(
        (heading, tuple(_paragraph(rng, per_paragraph) for _ in range(count)))
        for heading, count in zip(headings, per_section, strict=True)
    )


# -- generating -----------------------------------------------------------------------


def generate(
    articles: int = 60,
    clinicians: int = 8,
    specialties: int = 12,
    seed: int = 0,
    words: int = 800,
) -> Site:
    """A site with every feature: drafts, reviews, co-authors, same-date ties, mentions.

    The last clinician writes nothing (an empty profile listing); about one article in
    eight shares its date with another (ties are ordered by slug); one in twenty is a
    draft; one in three has a clinical review; one in five has two authors.
    """
    rng = random.Random(seed)
    vocab = [_make_specialty(i) for i in range(specialties)]
    people = _make_clinicians(rng, clinicians, vocab)
    writers = people[:-1] if len(people) > 1 else people
    made: list[Article] = []
    slugs: set[str] = set()
    span = 6 * 365
    for i in range(articles):
        title = _title(rng, i)
        slug = _slugify(title)
        if slug in slugs:
            slug = f"{slug}-{i}"
        slugs.add(slug)
        if made and rng.random() < 0.125:
            date = rng.choice(made).date  # a same-date tie
        else:
            date = LAST_DATE - dt.timedelta(days=rng.randrange(span))
        authors = [rng.choice(writers).id]
        if rng.random() < 0.2 and len(writers) > 1:
            authors.append(rng.choice([c for c in writers if c.id != authors[0]]).id)
        topics = rng.sample(vocab, k=min(len(vocab), rng.choice((1, 1, 2, 3))))
        reviewed_by = ""
        reviewed_on = None
        if rng.random() < 0.33 and len(people) > len(authors):
            reviewed_by = rng.choice([c for c in people if c.id not in authors]).id
            reviewed_on = min(LAST_DATE, date + dt.timedelta(days=rng.randint(3, 40)))
        mentions = None
        if rng.random() < 0.15:
            mentions = (rng.choice(people).id, rng.choice(vocab).id)
        made.append(
            Article(
                slug=slug,
                title=title,
                date=date,
                authors=tuple(authors),
                specialties=tuple(_written_as(rng, s) for s in topics),
                sections=_sections(rng, words),
                summary=_sentence(rng, 24) if rng.random() < 0.5 else "",
                draft=rng.random() < 0.05,
                reviewed_by=reviewed_by,
                reviewed_on=reviewed_on,
                updated=(
                    min(LAST_DATE, date + dt.timedelta(days=90)) if rng.random() < 0.1 else None
                ),
                mentions=mentions,
                style=_style(i),
            )
        )
    # "See also" links between published articles (never to drafts).
    published = [a.slug for a in made if not a.draft]
    linked = []
    for article in made:
        see_also: tuple[str, ...] = ()
        if rng.random() < 0.2 and len(published) > 2:
            see_also = tuple(rng.sample([s for s in published if s != article.slug], k=2))
        linked.append(dataclasses.replace(article, see_also=see_also))
    years = tuple(sorted({a.date.year for a in linked}))
    return Site(
        seed=seed,
        specialties=tuple(vocab),
        clinicians=tuple(people),
        articles=tuple(linked),
        topics=tuple(s.id for s in vocab),
        years=years,
    )


def _style(i: int) -> str:
    """One article in eight of each other title style (no random draw: sites generated
    before the styles existed keep their text)."""
    if i % 8 == 3:
        return "front-matter"
    if i % 8 == 5:
        return "post"
    if i % 16 == 7:
        return "no-heading"
    return "h1"


def _make_specialty(i: int) -> Specialty:
    if i < len(_SPECIALTIES):
        sid, label, group, aliases = _SPECIALTIES[i]
    else:
        sid, label, group, aliases = (f"topic-{i}", f"Topic {i}", "More", (f"subject {i}",))
    return Specialty(
        id=sid,
        label=label,
        group=group,
        aliases=aliases,
        description=f"Support with {label.lower()}, at a pace that suits you.",
    )


def _make_clinicians(rng: random.Random, count: int, vocab: list[Specialty]) -> list[Clinician]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name not in names:
            names.append(name)
    people = []
    for i, name in enumerate(names):
        focus = rng.sample(vocab, k=min(len(vocab), rng.randint(2, 4)))
        people.append(
            Clinician(
                id=_slugify(name),
                name=name,
                credentials=rng.choice(_CREDENTIALS),
                pronouns=rng.choice(("she/her", "he/him", "they/them")),
                role=rng.choice(_ROLES),
                summary=(
                    f"I work with adults on {focus[0].label.lower()} and "
                    f"{focus[-1].label.lower()}. {_sentence(rng, 14)}"
                ),
                specialties=tuple(_written_as(rng, s) for s in focus),
                modalities=tuple(rng.sample(_MODALITIES, 2)),
                languages=("English",) + (("Spanish",) if rng.random() < 0.3 else ()),
                formats=("in-person", "telehealth") if rng.random() < 0.7 else ("telehealth",),
                accepting=rng.choice(("accepting", "waitlist", "not-accepting")),
                accepting_as_of=LAST_DATE - dt.timedelta(days=rng.randrange(60)),
                license_number=f"EXAMPLE-{i:04d}",
                bio=tuple(_paragraph(rng, 70) for _ in range(3)),
            )
        )
    # The facts from a generator of their own, so the rest of the site stays as it was.
    people = [_with_facts(random.Random(f"facts/{c.id}"), c) for c in people]
    if len(people) > 1:
        # As many practices' pages: no summary, the bio's first paragraph is on the cards.
        people[1] = dataclasses.replace(people[1], summary="")
    return people


_PLANS = ("Aetna", "BlueCross BlueShield", "Cigna", "Medicaid", "Medicare", "Optum")
_STATES = ("NY", "NJ", "CT", "PA", "Vermont", "New York")


def _with_facts(rng: random.Random, c: Clinician) -> Clinician:
    low = rng.randrange(80, 200, 10)
    return dataclasses.replace(
        c,
        fee=f"{low}-{low + rng.choice((0, 20, 40))}",
        insurance=tuple(rng.sample(_PLANS, rng.randint(0, 3))),
        telehealth_states=tuple(rng.sample(_STATES[:4], rng.randint(1, 2)))
        if "telehealth" in c.formats
        else (),
        ages=tuple(rng.sample(("teens", "adults", "older-adults"), rng.randint(1, 2))),
        session_types=("individual",) + (("couples",) if rng.random() < 0.4 else ()),
    )


def _written_as(rng: random.Random, specialty: Specialty) -> str:
    """A specialty as an author may write it: its id, its label or an alias."""
    return rng.choice((specialty.id, specialty.id, specialty.label, *specialty.aliases[:1]))


def _title(rng: random.Random, i: int) -> str:
    return (
        f"{rng.choice(_TITLE_WORDS).capitalize()} {rng.choice(_TITLE_NOUNS)} "
        f"and {rng.choice(_TITLE_WORDS)} {rng.choice(_TITLE_NOUNS)}, part {i + 1}"
    )


def _slugify(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in out.split("-") if part)


# -- edits (each returns a new Site) ------------------------------------------------------


def _edited(site: Site, **changes: object) -> Site:
    return dataclasses.replace(site, revision=site.revision + 1, **changes)  # type: ignore[arg-type]


def _replace_article(site: Site, slug: str, **changes: object) -> Site:
    articles = tuple(
        dataclasses.replace(a, **changes) if a.slug == slug else a  # type: ignore[arg-type]
        for a in site.articles
    )
    return _edited(site, articles=articles)


def _rng(site: Site, salt: str) -> random.Random:
    return random.Random(f"{site.seed}/{site.revision}/{salt}")


def edit_body(site: Site, slug: str) -> Site:
    """Rewrite the last paragraph of an article with as many new words.

    The title, the first paragraph (the summary when there is none), the word count and
    the front matter stay the same: no other page shows anything that changed.
    """
    article = site.article(slug)
    heading, paragraphs = article.sections[-1]
    new = _paragraph(_rng(site, slug), len(paragraphs[-1].split()))
    sections = (*article.sections[:-1], (heading, (*paragraphs[:-1], new)))
    return _replace_article(site, slug, sections=sections)


def lengthen_body(site: Site, slug: str, words: int = 600) -> Site:
    """Add a paragraph of ``words`` words at the end of an article: its reading time,
    which listings show, changes; its title and first paragraph stay."""
    article = site.article(slug)
    heading, paragraphs = article.sections[-1]
    new = _paragraph(_rng(site, slug), words)
    sections = (*article.sections[:-1], (heading, (*paragraphs, new)))
    return _replace_article(site, slug, sections=sections)


def edit_first_paragraph(site: Site, slug: str) -> Site:
    """Rewrite an article's first paragraph with as many new words: the summary of an
    article without one in its front matter, which listings show."""
    article = site.article(slug)
    heading, paragraphs = article.sections[0]
    new = _paragraph(_rng(site, slug), len(paragraphs[0].split()))
    sections = ((heading, (new, *paragraphs[1:])), *article.sections[1:])
    return _replace_article(site, slug, sections=sections)


def retitle(site: Site, slug: str, title: str | None = None) -> Site:
    """Change an article's title (its heading); its file name stays."""
    article = site.article(slug)
    return _replace_article(site, slug, title=title or f"{article.title}, revisited")


def redate(site: Site, slug: str, date: dt.date | None = None) -> Site:
    """Move an article in the chronology (by default to the oldest date plus one day)."""
    oldest = min(a.date for a in site.articles)
    return _replace_article(site, slug, date=date or oldest - dt.timedelta(days=1))


def add_article(site: Site, slug: str = "", date: dt.date | None = None) -> Site:
    """A new published article, by default the newest, by the first clinician."""
    rng = _rng(site, "new")
    slug = slug or f"new-article-{site.revision + 1}"
    newest = max(a.date for a in site.articles) if site.articles else LAST_DATE
    article = Article(
        slug=slug,
        title=f"A new article, number {site.revision + 1}",
        date=date or newest,  # ties with the newest: ordered by slug
        authors=(site.clinicians[0].id,),
        specialties=(site.specialties[0].id,),
        sections=_sections(rng, sum(a.words for a in site.articles[:1]) or 800),
    )
    return _edited(site, articles=(*site.articles, article))


def delete_article(site: Site, slug: str) -> Site:
    """Delete an article, and (as Sphinx requires of an author) the links to it."""
    articles = tuple(
        dataclasses.replace(a, see_also=tuple(s for s in a.see_also if s != slug))
        for a in site.articles
        if a.slug != slug
    )
    return _edited(site, articles=articles)


def set_authors(site: Site, slug: str, authors: Sequence[str]) -> Site:
    return _replace_article(site, slug, authors=tuple(authors))


def set_specialties(site: Site, slug: str, specialties: Sequence[str]) -> Site:
    return _replace_article(site, slug, specialties=tuple(specialties))


def publish(site: Site, slug: str) -> Site:
    """Publish a draft."""
    return _replace_article(site, slug, draft=False)


def edit_clinician(site: Site, clinician_id: str) -> Site:
    """Change a clinician's summary and credentials."""
    rng = _rng(site, clinician_id)
    clinicians = tuple(
        dataclasses.replace(
            c,
            summary=f"{_sentence(rng, 12)} {_sentence(rng, 10)}",
            credentials=(*c.credentials, "PhD") if "PhD" not in c.credentials else ("LMHC",),
        )
        if c.id == clinician_id
        else c
        for c in site.clinicians
    )
    return _edited(site, clinicians=clinicians)


def edit_clinician_bio(site: Site, clinician_id: str) -> Site:
    """Rewrite the first paragraph of a profile's bio (its card text when it has no
    summary)."""
    rng = _rng(site, f"bio/{clinician_id}")
    clinicians = tuple(
        dataclasses.replace(c, bio=(_paragraph(rng, 40), *c.bio[1:])) if c.id == clinician_id else c
        for c in site.clinicians
    )
    return _edited(site, clinicians=clinicians)


def set_languages(site: Site, clinician_id: str, languages: Sequence[str]) -> Site:
    """Change the languages a clinician speaks (the directory's facet pages follow)."""
    clinicians = tuple(
        dataclasses.replace(c, languages=tuple(languages)) if c.id == clinician_id else c
        for c in site.clinicians
    )
    return _edited(site, clinicians=clinicians)


def edit_clinician_facts(site: Site, clinician_id: str) -> Site:
    """Change a clinician's fee, plans, telehealth states, ages and session types."""
    rng = _rng(site, f"facts/{clinician_id}")
    clinicians = tuple(
        dataclasses.replace(_with_facts(rng, c), insurance=(*c.insurance[1:], "Medicare"))
        if c.id == clinician_id
        else c
        for c in site.clinicians
    )
    return _edited(site, clinicians=clinicians)


def delete_clinician(site: Site, clinician_id: str) -> Site:
    """Delete a profile; articles naming the clinician keep the (now unknown) id."""
    return _edited(site, clinicians=tuple(c for c in site.clinicians if c.id != clinician_id))


def set_per_page(site: Site, per_page: int) -> Site:
    """``clinic_per_page`` in conf.py: a setting that changes how pages are read, so
    Sphinx reads every page again, and no record changes."""
    return _edited(site, per_page=per_page)


def edit_vocabulary(site: Site) -> Site:
    """Relabel the first specialty (the old label stays an alias) and add a new one."""
    first = site.specialties[0]
    relabelled = dataclasses.replace(
        first,
        label=f"{first.label} and stress",
        aliases=(*first.aliases, first.label),
        description=f"{first.description} Revised.",
    )
    extra = Specialty(
        id=f"new-specialty-{site.revision + 1}",
        label=f"New specialty {site.revision + 1}",
        group=first.group,
        description="A specialty nobody has written about yet.",
    )
    return _edited(site, specialties=(relabelled, *site.specialties[1:], extra))


# -- writing --------------------------------------------------------------------------


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def write_site(
    site: Site,
    dest: Path | str,
    features: Iterable[str] = FEATURES,
    *,
    floor: bool = False,
    theme: str = "furo",
) -> WriteReport:
    """Write (or update) ``site`` in ``dest``; only changed files are touched."""
    dest = Path(dest)
    used = frozenset(features) if not floor else frozenset()
    unknown = used - FEATURES
    if unknown:
        raise ValueError(f"unknown features {sorted(unknown)}; known: {sorted(FEATURES)}")
    files = render_site(site, used, floor=floor, theme=theme)
    report = WriteReport()
    dest.mkdir(parents=True, exist_ok=True)
    for relative, text in sorted(files.items()):
        path = dest / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        # The kernel's file clock can lag the clock Sphinx records read times with.
        now = time.time_ns()
        os.utime(path, ns=(now, now))
        report.written.append(relative)
    for path in sorted(dest.rglob("*")):
        relative = path.relative_to(dest).as_posix()
        ours = path.suffix in (".md", ".yaml", ".py") and not relative.startswith("_build")
        if ours and path.is_file() and relative not in files:
            path.unlink()
            report.deleted.append(relative)
    return report


def render_site(
    site: Site, features: frozenset[str], *, floor: bool = False, theme: str = "furo"
) -> dict[str, str]:
    """Every file of the site, by relative path."""
    r = _Renderer(site, features, floor)
    files = {
        "conf.py": r.conf(theme),
        "index.md": r.index(),
        "specialties.yaml": r.vocabulary(),
        "specialties.md": r.specialty_page(),
        "articles/index.md": r.archive(),
        "clinicians/index.md": r.directory(),
    }
    for article in site.articles:
        files[f"{article.docname}.md"] = r.article(article)
    for clinician in site.clinicians:
        files[f"clinicians/{clinician.id}.md"] = r.profile(clinician)
    for topic in site.topics:
        files[f"topics/{topic}.md"] = r.topic(topic)
    for year in site.years:
        files[f"archive/{year}.md"] = r.year(year)
    return files


def _yaml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_yaml_str(i) for i in items) + "]"


def _yaml_str(text: str) -> str:
    if text and all(ch.isalnum() or ch in " -/." for ch in text) and not text[0].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Renderer:
    def __init__(self, site: Site, features: frozenset[str], floor: bool) -> None:
        self.site = site
        self.features = features
        self.floor = floor
        self.labels = {s.id: s.label for s in site.specialties}
        self.names = {c.id: c.name for c in site.clinicians}

    def has(self, feature: str) -> bool:
        return feature in self.features

    def directive(self, name: str, args: str = "", **options: str | bool) -> str:
        if not self.has(name):
            return ""
        lines = [f"```{{{name}}}" + (f" {args}" if args else "")]
        for key, value in options.items():
            if value is False:
                continue
            key = key.replace("_", "-")
            lines.append(f":{key}:" if value is True else f":{key}: {value}")
        lines.append("```")
        return "\n".join(lines) + "\n\n"

    def conf(self, theme: str) -> str:
        extensions = ["myst_parser", "sphinx_design"] + ([] if self.floor else ["sphinx_clinic"])
        lines = [
            f'"""A generated sphinx-clinic site (seed {self.site.seed})."""',
            "",
            'project = "Generated Practice"',
            'author = "Generated Practice"',
            'copyright = "2026, Generated Practice"',
            'language = "en"',
            f"extensions = {extensions!r}",
            f'html_theme = "{theme}"',
            'html_baseurl = "https://kb.example.org/"',
            'exclude_patterns = ["_build"]',
            'myst_enable_extensions = ["colon_fence", "deflist"]',
        ]
        if not self.floor:
            lines += [
                "# Reviews are dated up to 2025: keep the age check from depending on today.",
                "clinic_review_max_age_days = 36500",
                'clinic_credentials = {"CEDS": "Certified Eating Disorder Specialist"}',
            ]
            if self.site.per_page:
                lines.append(f"clinic_per_page = {self.site.per_page}")
        return "\n".join(lines) + "\n"

    def index(self) -> str:
        team = " ".join(c.id for c in self.site.clinicians[:3])
        return (
            "# Generated Practice\n\n"
            "A generated knowledge base: articles, clinicians and specialties.\n\n"
            "## Latest articles\n\n"
            + self.directive("article-list", limit="5")
            + "## Meet some of the team\n\n"
            + self.directive("author-card", team, compact=True)
            + "```{toctree}\n:hidden:\n\narticles/index\nclinicians/index\nspecialties\n```\n"
        )

    def vocabulary(self) -> str:
        out = ["# The specialty vocabulary of the generated practice.", ""]
        for s in self.site.specialties:
            out += [
                f"- id: {s.id}",
                f"  label: {_yaml_str(s.label)}",
                f"  aliases: {_yaml_list(s.aliases)}",
                f"  description: {_yaml_str(s.description)}",
                f"  group: {_yaml_str(s.group)}",
                "",
            ]
        return "\n".join(out)

    def specialty_page(self) -> str:
        out = "# Find help by specialty\n\nEach specialty, its clinicians and its articles.\n\n"
        groups = list(dict.fromkeys(s.group for s in self.site.specialties))
        for group in groups:
            out += f"## {group}\n\n" + self.directive("specialty-index", group=group)
        return out

    def archive(self) -> str:
        return (
            "# Articles\n\nEverything our clinicians have written, newest first.\n\n"
            + self.directive("article-list", group_by_year=True)
        )

    def directory(self) -> str:
        filtered = self.has("directory-filters")
        # With filters, "Accepting new clients" is one of them, with a page of its own: a
        # second directory of those clinicians would repeat their cards on this page.
        accepting = (
            "To see who is taking new clients now, choose *Accepting new clients* under "
            "*Availability* in the filters above.\n\n"
            if filtered
            else self.directive("clinician-directory", accepting=True)
        )
        return (
            "# Our clinicians\n\nEvery clinician at the practice.\n\n"
            + self.directive("clinician-directory", filters=filtered)
            + "## Taking new clients\n\n"
            + accepting
        )

    def topic(self, specialty_id: str) -> str:
        label = self.labels.get(specialty_id, specialty_id)
        return (
            "---\norphan: true\n---\n\n"
            f"# {label}\n\n"
            + self.directive(
                "specialty-index", specialties=specialty_id, show="clinicians", no_index=True
            )
            + "## Recent articles\n\n"
            + self.directive("article-list", specialty=specialty_id, limit="10")
            # The accepting directory's only place on a site with filters (see directory()).
            + "## Clinicians taking new clients\n\n"
            + self.directive("clinician-directory", specialty=specialty_id, accepting=True)
        )

    def year(self, year: int) -> str:
        return f"---\norphan: true\n---\n\n# Articles of {year}\n\n" + self.directive(
            "article-list", year=str(year)
        )

    def front_matter(self, fields: list[str]) -> str:
        if self.floor:
            fields = [*fields, "orphan: true"]
        return "---\n" + "\n".join(fields) + "\n---\n\n"

    def article(self, a: Article) -> str:
        post = a.style == "post" and not self.floor
        fields = [] if post else [f"date: {a.date.isoformat()}"]
        if a.style in ("front-matter", "no-heading"):
            fields.insert(0, f"title: {_yaml_str(a.title)}")
        if len(a.authors) == 1:
            fields.append(f"author: {a.authors[0]}")
        else:
            fields.append(f"authors: {_yaml_list(a.authors)}")
        fields.append(f"specialties: {_yaml_list(a.specialties)}")
        if a.summary:
            fields.append(f"summary: {_yaml_str(a.summary)}")
        if a.updated:
            fields.append(f"updated: {a.updated.isoformat()}")
        if a.draft:
            fields.append("draft: true")
        if a.reviewed_by:
            fields.append(f"reviewed_by: {a.reviewed_by}")
            assert a.reviewed_on is not None
            fields.append(f"reviewed_on: {a.reviewed_on.isoformat()}")
        body = [] if a.style in ("front-matter", "no-heading") else [f"# {a.title}", ""]
        if post:
            body += ["```{post} " + a.date.isoformat(), "```", ""]
        for number, (heading, paragraphs) in enumerate(a.sections):
            if number and a.style != "no-heading":
                body += [f"## {heading}", ""]
            for paragraph in paragraphs:
                body += [paragraph, ""]
            if number == 1 and a.mentions:
                body += [self.mention(*a.mentions), ""]
        if a.see_also:
            body += ["See also:" if a.style == "no-heading" else "## See also", ""]
            for slug in a.see_also:
                target = next((x for x in self.site.articles if x.slug == slug), None)
                text = target.title if target else slug
                folder = target.folder if target else "articles"
                body.append(f"- [{text}](../{folder}/{slug}.md)")
            body.append("")
        return self.front_matter(fields) + "\n".join(body)

    def mention(self, clinician_id: str, specialty_id: str) -> str:
        if self.has("clinician-role"):
            who = f"{{clinician}}`{clinician_id}`"
        else:
            who = self.names.get(clinician_id, clinician_id)
        if self.has("specialty-role") and self.has("specialty-index"):
            what = f"{{specialty}}`{specialty_id}`"
        else:
            what = self.labels.get(specialty_id, specialty_id)
        return f"If this sounds familiar, {who} often works with {what}."

    def profile(self, c: Clinician) -> str:
        fields = [
            f"name: {_yaml_str(c.name)}",
            f"credentials: {_yaml_list(c.credentials)}",
            f"pronouns: {c.pronouns}",
            f"role: {_yaml_str(c.role)}",
            *([f"summary: {_yaml_str(c.summary)}"] if c.summary else []),
            f"specialties: {_yaml_list(c.specialties)}",
            f"modalities: {_yaml_list(c.modalities)}",
            f"languages: {_yaml_list(c.languages)}",
            f"formats: {_yaml_list(c.formats)}",
            f"accepting_clients: {c.accepting}",
            f"accepting_as_of: {c.accepting_as_of.isoformat()}",
            f"booking_url: https://example.org/book/{c.id}",
            "licenses:",
            f'  - {{type: {c.credentials[0]}, number: "{c.license_number}", state: NY}}',
            *([f"fees: {{individual: {_yaml_str(c.fee)}, currency: USD}}"] if c.fee else []),
            *([f"insurance: {_yaml_list(c.insurance)}"] if c.insurance else []),
            *(
                [f"telehealth_states: {_yaml_list(c.telehealth_states)}"]
                if c.telehealth_states
                else []
            ),
            *([f"ages: {_yaml_list(c.ages)}"] if c.ages else []),
            *([f"session_types: {_yaml_list(c.session_types)}"] if c.session_types else []),
        ]
        body = [f"# {c.name}", ""]
        for paragraph in c.bio:
            body += [paragraph, ""]
        return self.front_matter(fields) + "\n".join(body)


# -- which features an installed sphinx-clinic has ----------------------------------------


def registered_features() -> frozenset[str]:
    """The features whose directive or role the installed sphinx-clinic registers."""
    import tempfile

    from docutils.parsers.rst import directives, roles
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        src = Path(tmp)
        (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_clinic"]\n')
        Sphinx(src, src, src / "_out", src / "_doctrees", "html", status=None, warning=None)
        known = set(directives._directives) | set(roles._roles)  # type: ignore[attr-defined]
        for name, directive in list(directives._directives.items()):  # type: ignore[attr-defined]
            known |= {
                f"{name}:{option}" for option in getattr(directive, "option_spec", None) or {}
            }
    return frozenset(f for f, name in _FEATURE_NAMES.items() if name in known)


def copy_site(src: Path | str, dest: Path | str) -> None:
    """Copy a site with its build, keeping modification times (for incremental builds)."""
    shutil.copytree(src, dest, symlinks=True)
