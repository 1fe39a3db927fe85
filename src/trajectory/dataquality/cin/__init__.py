"""The CIN census rules: every module `rules_*.py` here declares its rules on CATALOGUE
(catalogue.py), a module to a range of DfE codes."""

from __future__ import annotations

import importlib
import pkgutil

from trajectory.dataquality.catalogue import Catalogue

CATALOGUE = Catalogue("cin")

for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("rules_"):
        importlib.import_module(f"{__name__}.{_module.name}")
