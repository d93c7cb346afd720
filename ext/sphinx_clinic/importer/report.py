"""What an import did, or would do, in numbers and lists a practice can act on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """Filled while importing; :func:`render_report` prints it."""

    source: str = "WordPress"
    dry_run: bool = False
    #: docname of every page written (or planned) and what it came from
    articles: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "post 12 'Title' (line 40): why"
    existing: list[str] = field(default_factory=list)  # pages already there, not overwritten
    authors_matched: dict[str, str] = field(default_factory=dict)  # name -> "id (how)"
    authors_created: dict[str, str] = field(default_factory=dict)  # name -> id
    specialties_mapped: Counter[str] = field(default_factory=Counter)  # "Label -> id"
    specialties_unmapped: Counter[str] = field(default_factory=Counter)  # "Label; did you..."
    specialties_added: list[str] = field(default_factory=list)
    images_copied: list[str] = field(default_factory=list)
    images_missing: list[str] = field(default_factory=list)  # "url (in docname)"
    dropped: list[str] = field(default_factory=list)  # "docname (line N): 2 scripts, ..."
    bios_removed: int = 0
    bios_kept: list[str] = field(default_factory=list)
    next_links_removed: int = 0
    internal_links: int = 0
    redirects: int = 0
    written: list[str] = field(default_factory=list)  # every file written, relative to DOCS
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.written)


def _posts(count: int) -> str:
    return "1 post" if count == 1 else f"{count} posts"


def _section(title: str, items: list[str], limit: int = 50) -> list[str]:
    if not items:
        return []
    lines = [f"{title} ({len(items)}):"]
    lines += [f"  - {item}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"  ... and {len(items) - limit} more")
    return lines


def render_report(report: Report) -> str:
    """The report as text: a summary line per topic, then the lists."""
    verb = "Would import" if report.dry_run else "Imported"
    lines = [
        f"{verb} from {report.source}: {len(report.articles)} articles "
        f"({len(report.drafts)} drafts), {len(report.pages)} pages.",
        f"Authors: {len(report.authors_matched)} matched, "
        f"{len(report.authors_created)} new profiles to review.",
        f"Specialties: {len(report.specialties_mapped)} categories and tags mapped, "
        f"{len(report.specialties_unmapped)} unmapped"
        + (
            f", {len(report.specialties_added)} added to the vocabulary"
            if report.specialties_added
            else ""
        )
        + ".",
        f"Images: {len(report.images_copied)} copied, {len(report.images_missing)} missing "
        "(each left as a TODO comment on its page).",
        f"Links between posts rewritten: {report.internal_links}; redirects: {report.redirects} "
        "old addresses.",
        f"Author bios removed (the site shows the author's card): {report.bios_removed}; "
        f"'Next' links removed: {report.next_links_removed}.",
    ]
    if not report.dry_run and not report.written:
        lines.append("Nothing to do: every page of the export is already here.")
    body: list[str] = []
    body += _section("Authors matched", [f"{k} -> {v}" for k, v in report.authors_matched.items()])
    body += _section(
        "New profiles (review them)", [f"{k} -> {v}" for k, v in report.authors_created.items()]
    )
    body += _section(
        "Categories and tags mapped",
        [f"{k} ({_posts(n)})" for k, n in sorted(report.specialties_mapped.items())],
    )
    body += _section(
        "Categories and tags not mapped (add them with --add-specialties or --specialty-map)",
        [f"{k} ({_posts(n)})" for k, n in sorted(report.specialties_unmapped.items())],
    )
    body += _section("Added to the vocabulary", report.specialties_added)
    body += _section("Drafts", report.drafts)
    body += _section("Already there, not overwritten", report.existing)
    body += _section("Skipped", report.skipped)
    body += _section("Images missing", report.images_missing)
    body += _section("Dropped", report.dropped)
    body += _section("Bios kept (they differ from the profile)", report.bios_kept)
    body += _section("Notes", report.notes)
    return "\n".join([*lines, "", *body] if body else lines) + "\n"
