"""Pages that are not UTF-8: a located warning instead of a traceback.

Sphinx 9 reads each source with ``Path.read_text(encoding=source_encoding)``, so one
page saved in Latin-1 or cp1252 by an old editor ("Zoë" as byte 0xEB) stops the whole
build with a ``UnicodeDecodeError`` and no file name. Before any page is read, the pages
about to be read are checked; each one that is not UTF-8 is named at the line of its
first bad byte, and the build then reads every page with undecodable bytes replaced by
U+FFFD, so it goes on (``-W`` still fails it).

YAML is the other decoding step: PyYAML turns each ``\\uXXXX`` escape of a double-quoted
scalar into one code point, so ``"\\ud83d\\ude00"`` (how JSON, and tools that write front
matter with it, spell an emoji) becomes two lone surrogates. Python cannot write those
as UTF-8: the build stopped at ``objects.inv`` with a ``UnicodeEncodeError``. Every YAML
string is therefore made valid text where it is made (:func:`valid_text`), for MyST's
front matter and the vocabulary alike.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: The codec the build switches to once a page is found that is not UTF-8.
LENIENT_CODEC = "sphinx-clinic-utf-8-sig-replace"
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig"})


class _ReplacingDecoder(codecs.BufferedIncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")
        self._inner = codecs.getincrementaldecoder("utf-8-sig")("replace")

    # typeshed types data as Buffer (Python 3.12's collections.abc); bytes is what arrives
    def _buffer_decode(  # type: ignore[override]
        self, data: bytes, errors: str, final: bool
    ) -> tuple[str, int]:
        return self._inner.decode(data, final), len(data)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != LENIENT_CODEC:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=LENIENT_CODEC,
        encode=utf8.encode,
        decode=lambda data, errors="strict": utf8.decode(data, "replace"),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_ReplacingDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_TAG = "tag:yaml.org,2002:str"


def valid_text(text: str) -> str:
    """``text`` without surrogates: pairs joined into their character, lone ones U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _SURROGATE.sub("\ufffd", joined)


def _construct_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return valid_text(loader.construct_scalar(node))


def install_yaml_text() -> None:
    """Make every string PyYAML's safe loader builds valid text (MyST uses that loader)."""
    if yaml.SafeLoader.yaml_constructors.get(_TEXT_TAG) is not _construct_text:
        yaml.SafeLoader.add_constructor(_TEXT_TAG, _construct_text)


def first_bad_byte(data: bytes) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not UTF-8, 1-based; None if none."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return line, column, data[error.start]
    return None


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: name each page about to be read that is not UTF-8."""
    if str(env.settings.get("input_encoding", "")).lower() not in _UTF8_NAMES | {LENIENT_CODEC}:
        return  # a site that chose another source_encoding knows what it does
    found = False
    for docname in docnames:
        try:
            data = Path(env.doc2path(docname)).read_bytes()
        except OSError:
            continue
        bad = first_bad_byte(data)
        if bad is None:
            continue
        found = True
        line, column, byte = bad
        warn(
            f"this page is not UTF-8 (byte 0x{byte:02X} at column {column} cannot be read; "
            "an old editor may have saved it as Latin-1 or cp1252); the unreadable "
            "characters are shown as �: save the file as UTF-8",
            ClinicWarning.ENCODING,
            (docname, line),
        )
    if found:
        env.settings["input_encoding"] = LENIENT_CODEC


def setup_encoding(app: Sphinx) -> None:
    install_yaml_text()
    # before the vocabulary is loaded (priority 500), so the build never stops first
    app.connect("env-before-read-docs", check_encodings, priority=400)
