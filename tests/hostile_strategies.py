"""Hypothesis strategies for hostile front matter and vocabulary entries (see hostile.py)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from hostile import Case

# Payloads for every output: HTML elements and attributes, URLs, JSON inside a script,
# XML, LaTeX; unicode controls; path tricks.
PAYLOADS = [
    '"><img src=x onerror=alert(1)>',
    "<script>alert(1)</script>",
    "<xss>tag</xss>",
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    "</script><script>alert(1)</script>",
    '{"@context": "x"}</script><xss>',
    "]]><xss/><![CDATA[",
    "&amp; &lt;xss&gt; &#60;xss&#62;",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "\\input{/etc/passwd}",
    "\\immediate\\write18{id}",
    "$\\alpha$ # % & ~ _ ^ { }",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "bell\x07 escape\x1b[31m",
    "line\u2028sep\u0085next",
    "`code` **bold** [link](javascript:alert(1))",
    "{{ 7*7 }} {% raw %}",
    "Zoë Ñandú 名前 مرحبا",
]
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<xss>",
    "vbscript:msgbox(1)",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "//evil.example/x",
    "/\\evil.example",
    "file:///etc/passwd",
]
GOOD_URLS = ["https://example.com/book?a=1&b=2", "mailto:ana@example.com", "tel:+15550100"]
PATHS = [
    "../../secret.jpg",
    "../../../secret.txt",
    "/../secret.jpg",
    "/../../secret.jpg",
    "..\\..\\secret.jpg",
    "%2e%2e/%2e%2e/secret.jpg",
    "/etc/passwd",
    "ana.png/../../../secret.jpg",
    "missing.png",
]
IDS = [
    "../../../outside",
    "/tmp/abs",
    "jane doe",
    "a/b",
    "<b>x</b>",
    '"><img src=x onerror=alert(1)>',
    "x" * 300,
    "CON",
    ".hidden",
    "-dash",
    "é-accent",
    "tab\tid",
]
#: Tags that are fine as labels (no warning), though not plain ids ("CON" is upper case,
#: like "ADHD": a label, whose id is "con"; ".hidden" and "-dash" become "hidden" and "dash").
TAG_LABELS = ["é-accent", "jane doe", "Thérapie de couple", "Тревога", "CON", ".hidden", "-dash"]
# YAML values of the wrong type for text (as written in the file).
WRONG_TYPES = ["[a, b]", "{a: b}", "[[x]]", "5", "1.5", "true", "012345", "12:30", "1.5e+3", "null"]
SIZES = {
    "summary": "summary: " + "word " * 40_000,
    "tags": "tags: [" + ", ".join(f"t{n}" for n in range(10_000)) + "]",
    "specialties": "specialties: [" + ", ".join(f"s{n}" for n in range(5_000)) + "]",
}

ARTICLE_TEXT = ["title", "summary", "image_alt"]
CLINICIAN_TEXT = ["name", "pronouns", "role", "photo_alt", "summary"]
CLINICIAN_WORDS = ["credentials", "modalities", "populations", "languages"]


def _quoted(text: str) -> str:
    return json.dumps(text)  # JSON strings are YAML double-quoted scalars


def _text_cases(kind: str, fields: list[str]) -> st.SearchStrategy[Case]:
    text = st.builds(
        lambda f, p: Case(kind, f, f"{f}: {_quoted(p)}", False),
        st.sampled_from(fields),
        st.sampled_from(PAYLOADS) | st.text(max_size=40).filter(lambda t: t.strip()),
    )
    wrong = st.builds(
        lambda f, w: Case(kind, f, f"{f}: {w}", True),
        st.sampled_from(fields),
        st.sampled_from(WRONG_TYPES),
    )
    return text | wrong


def _url_cases() -> st.SearchStrategy[Case]:
    fields = st.sampled_from(["booking_url", "profile_url"])
    bad = st.builds(
        lambda f, u: Case("clinician", f, f"{f}: {_quoted(u)}", True),
        fields,
        st.sampled_from(BAD_URLS),
    )
    wrong = st.builds(
        lambda f, w: Case("clinician", f, f"{f}: {w}", True), fields, st.sampled_from(WRONG_TYPES)
    )
    good = st.builds(
        lambda f, u: Case("clinician", f, f"{f}: {_quoted(u)}", False),
        fields,
        st.sampled_from(GOOD_URLS),
    )
    return bad | wrong | good


def _path_cases() -> st.SearchStrategy[Case]:
    def case(kind: str, path: str) -> Case:
        key = "photo" if kind == "clinician" else "image"
        return Case(kind, key, f"{key}: {_quoted(path)}", True)

    symlink = st.builds(
        lambda kind: (
            Case(kind, "photo", "photo: {self}.jpg", True, setup="symlink")
            if kind == "clinician"
            else Case(kind, "image", "image: {self}.jpg", True, "symlink")
        ),
        st.sampled_from(["clinician", "article"]),
    )
    return (
        st.builds(case, st.sampled_from(["clinician", "article"]), st.sampled_from(PATHS)) | symlink
    )


def _id_cases() -> st.SearchStrategy[Case]:
    clinician = st.builds(
        lambda i: Case("clinician", "id", f"id: {_quoted(i)}\nphoto: ana.png", True),
        st.sampled_from(IDS),
    )
    tags = st.builds(
        lambda f, i: Case("article", f, f"{f}: [{_quoted(i)}]", True),
        st.sampled_from(["tags", "category"]),
        st.sampled_from([i for i in IDS[1:] if i not in TAG_LABELS] + PAYLOADS[:8]),
    )
    # A tag is a label: letters of any language are fine, its id is made from them.
    labels = st.builds(
        lambda f, i: Case("article", f, f"{f}: [{_quoted(i)}]", False),
        st.sampled_from(["tags", "category"]),
        st.sampled_from(TAG_LABELS),
    )
    return clinician | tags | labels


def _list_cases() -> st.SearchStrategy[Case]:
    words = st.builds(
        lambda f, items: Case("clinician", f, f"{f}: {json.dumps(items)}", False),
        st.sampled_from(CLINICIAN_WORDS),
        st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=3),
    )
    wrong = st.builds(
        lambda f, w: Case("clinician", f, f"{f}: {w}", True),
        st.sampled_from([*CLINICIAN_WORDS, "specialties"]),
        st.sampled_from(["{a: b}", "[[x]]", "[{a: b}]"]),
    )
    return words | wrong


#: Wrong and right values of the facts people choose a clinician by, written as authors do.
PRACTICE_CASES = [
    Case("clinician", "fees", "fees: {individual: 150-180, couples: 200, currency: USD}", False),
    Case("clinician", "fees", "fees: {individual: -5}", True),
    Case("clinician", "fees", "fees: {individual: 180-150}", True),
    Case("clinician", "fees", "fees: {individul: 150}", True),
    Case("clinician", "fees", "fees: [150, 180]", True),
    Case("clinician", "fees", "fees: 150", True),
    Case("clinician", "fees", "fees: {individual: 1e400}", True),
    Case("clinician", "sliding_scale", "sliding_scale: sometimes", True),
    Case("clinician", "sliding_scale_note", "sliding_scale_note: 5", True),
    Case("clinician", "identity", "identity: {gender: [a, b]}", True),
    Case("clinician", "identity", "identity: {orientation: x}", True),
    Case("clinician", "identity", "identity: " + json.dumps({"faith": "x" * 500}), True),
    Case("clinician", "telehealth_states", "telehealth_states: [New Yrok]", True),
    Case("clinician", "telehealth_states", "telehealth_states: {a: b}", True),
    Case("clinician", "out_of_network", "out_of_network: [yes]", True),
    Case("clinician", "insurance", "insurance: [[x]]", True),
]


def _practice_cases() -> st.SearchStrategy[Case]:
    """The facts people choose a clinician by (issue 19): payloads in every one of them.

    The hostile site has no insurance.yaml and no locations.yaml: plans are shown as
    written (not wrong), and every office is unknown (wrong)."""
    shown = st.builds(
        lambda f, items: Case("clinician", f, f"{f}: {json.dumps(items)}", False),
        st.sampled_from(["insurance", "payment"]),
        st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=3),
    )
    refused = st.builds(
        lambda f, items: Case("clinician", f, f"{f}: {json.dumps(items)}", True),
        st.sampled_from(["locations", "telehealth_states", "ages", "session_types"]),
        st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=3),
    )
    fee = st.builds(
        lambda session, p: Case(
            "clinician", "fees", f"fees: {json.dumps({session: p, 'currency': 'USD'})}", True
        ),
        st.sampled_from(["individual", "couples", "family", "group"]),
        st.sampled_from(PAYLOADS),
    )
    currency = st.builds(
        lambda p: Case(
            "clinician", "fees", f"fees: {json.dumps({'group': 50, 'currency': p})}", True
        ),
        st.sampled_from(PAYLOADS),
    )
    identity = st.builds(
        lambda key, p: Case("clinician", "identity", f"identity: {json.dumps({key: p})}", False),
        st.sampled_from(["gender", "ethnicity", "faith"]),
        st.sampled_from(PAYLOADS),
    )
    note = st.builds(
        lambda p: Case(
            "clinician",
            "sliding_scale_note",
            f"sliding_scale: true\nsliding_scale_note: {_quoted(p)}",
            False,
        ),
        st.sampled_from(PAYLOADS),
    )
    return shown | refused | fee | currency | identity | note | st.sampled_from(PRACTICE_CASES)


def _other_cases() -> st.SearchStrategy[Case]:
    fixed = [
        Case("clinician", "formats", "formats: [hovercraft]", True),
        Case("clinician", "formats", "formats: 5", True),
        Case("clinician", "accepting_clients", "accepting_clients: maybe", True),
        Case("clinician", "accepting_as_of", "accepting_as_of: 2026-02-30", True),
        Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 012345}", True),
        Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 12:30}", True),
        Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 1e3}", False),
        Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 1.5e+3}", True),
        Case("clinician", "licenses", "licenses:\n  - {type: LCSW, numbr: '1'}", True),
        Case("clinician", "licenses", "licenses: LCSW", True),
        Case("clinician", "specialties", "specialties: [no-such-thing]", True),
        Case("article", "date", "date: 2026-02-30", True),
        Case("article", "date", "date: [2025-01-01]", True),
        Case("article", "updated", "updated: soon", True),
        Case("article", "draft", "draft: maybe", True),
        Case("article", "author", "author: '<script>x</script>'", True),
        Case("article", "reviewed_by", "reviewed_by: [a, b]", True),
        Case("article", "reviewed_on", "reviewed_on: 2025-13-01", True),
        Case("article", "blogpost", "blogpost: {a: b}", True),
        Case("encoding-article", "title", "title: Café for Zoë", True),
        Case("encoding-clinician", "name", "name: Zoë Adler", True),
        Case(
            "article",
            "html_meta",
            '"html_meta":\n  "http-equiv=refresh": "0;url=javascript:alert(1)"',
            True,
        ),
    ]
    sizes = [
        Case("article", "summary", SIZES["summary"], True),
        Case("clinician", "summary", SIZES["summary"], True),
        Case("article", "tags", SIZES["tags"], True),
        Case("article", "specialties", SIZES["specialties"], True),
    ]
    return st.sampled_from(fixed) | st.sampled_from(sizes)


def _vocabulary_cases() -> st.SearchStrategy[Case]:
    def entry(spec_id: str, extra: str) -> Case:
        return Case("vocabulary", "id", f"- id: {_quoted(spec_id)}\n  label: A label{extra}", True)

    fixed = [
        Case(
            "vocabulary",
            "description",
            "- id: bad-date\n  label: Bad\n  description: 2026-02-30",
            True,
        ),
        Case(
            "vocabulary", "description", "- id: nested\n  label: N\n  description: {a: [b]}", True
        ),
        Case("vocabulary", "label", "- id: labelled\n  label: [x]", True),
        Case("vocabulary", "aliases", "- id: aliased\n  label: Al\n  aliases: {a: b}", True),
    ]
    markup = st.builds(entry, st.sampled_from(IDS + PAYLOADS[:6]), st.just(""))
    text = st.builds(
        lambda p: Case(
            "vocabulary",
            "label",
            f"- id: fine-{abs(hash(p)) % 10_000}\n  label: {_quoted(p)}\n"
            f"  description: {_quoted(p)}",
            False,
        ),
        st.sampled_from(PAYLOADS),
    )
    return st.sampled_from(fixed) | markup | text


# Raw HTML and LaTeX in a page's body: shown as text, one clinic.html warning per page.
BODY_HTML = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<xss>tag</xss>",
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<svg onload=alert(1)>",
]


def _body_cases() -> st.SearchStrategy[Case]:
    inline = st.builds(
        lambda h: Case("article", "body", "", True, body=f"Before {h} after."),
        st.sampled_from(BODY_HTML),
    )
    block = st.builds(
        lambda kind, h: Case(kind, "body", "", True, body=h),
        st.sampled_from(["article", "clinician"]),
        st.sampled_from(BODY_HTML),
    )
    directive = st.builds(
        lambda fmt, h: Case("article", "body", "", True, body=f"```{{raw}} {fmt}\n{h}\n```"),
        st.sampled_from(["html", "latex", "html latex"]),
        st.sampled_from([*BODY_HTML, "\\immediate\\write18{id}", "\\input{/etc/passwd}"]),
    )
    return inline | block | directive | _file_directive_cases()


#: Directives that read a file, with the paths that lead out of the source folder
#: (to the canary beside it) or to the network; ``{self}`` is the page's own name.
FILE_DIRECTIVES = [
    "```{{include}} {path}\n```",
    "```{{literalinclude}} {path}\n```",
    "```{{raw}} html\n:file: {path}\n```",
    "```{{csv-table}}\n:file: {path}\n```",
]
OUTSIDE_PATHS = ["../../secret.txt", "/../secret.txt", "../../../../../../../etc/passwd"]


def _file_directive_cases() -> st.SearchStrategy[Case]:
    outside = st.builds(
        lambda kind, d, p: Case(kind, "body", "", True, body=d.format(path=p)),
        st.sampled_from(["article", "clinician"]),
        st.sampled_from(FILE_DIRECTIVES),
        st.sampled_from(OUTSIDE_PATHS),
    )
    symlink = st.builds(
        lambda d: Case(
            "article", "body", "", True, setup="symlink", body=d.format(path="{self}.jpg")
        ),
        st.sampled_from(FILE_DIRECTIVES),
    )
    url = st.builds(
        lambda d: Case(
            "article", "body", "", True, body=f"```{{{d}}}\n:url: https://example.invalid/x\n```"
        ),
        st.sampled_from(["raw} html", "csv-table}"]),
    )
    copied = st.builds(
        lambda body, p: Case("article", "body", "", True, body=body.format(path=p)),
        st.sampled_from(
            [
                "![a picture]({path})",
                "```{{figure}} {path}\n:alt: x\n```",
                "Get {{download}}`the file <{path}>`.",
            ]
        ),
        st.sampled_from(["../../secret.jpg", "/../secret.jpg", "../../secret.txt"]),
    )
    return outside | symlink | url | copied


def any_case() -> st.SearchStrategy[Case]:
    """A hostile value for any front matter field or vocabulary entry."""
    return st.one_of(
        _text_cases("article", ARTICLE_TEXT),
        _text_cases("clinician", CLINICIAN_TEXT),
        _url_cases(),
        _path_cases(),
        _id_cases(),
        _list_cases(),
        _other_cases(),
        _practice_cases(),
        _vocabulary_cases(),
        _body_cases(),
    )


def batches(size: int) -> st.SearchStrategy[list[Case]]:
    """A batch of cases built together; vocabulary ids kept unique within the batch."""
    return st.lists(any_case(), min_size=size, max_size=size)


def sample_batches(count: int, size: int, random_seed: int) -> list[list[Case]]:
    """``count`` reproducible batches (for the figures printed by hostile.py)."""
    found: list[list[Case]] = []

    @seed(random_seed)
    @settings(
        max_examples=count,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=["generate"],
        deadline=None,
    )
    @given(batches(size))
    def collect(batch: list[Case]) -> None:
        found.append(batch)

    collect()
    return found[:count]
