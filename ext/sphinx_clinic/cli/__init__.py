"""The ``sphinx-clinic`` command line, a module per command (:mod:`.new`, :mod:`.check`,
:mod:`.schema`, :mod:`.import_export`) over :mod:`.site`, which reads a site as the
build does; :mod:`.main` parses the arguments. It uses the extension's pure core only."""

from __future__ import annotations

from .check import parse_build_output
from .main import main
from .new import yaml_list, yaml_scalar
from .site import read_front_matter

__all__ = ["main", "parse_build_output", "read_front_matter", "yaml_list", "yaml_scalar"]
