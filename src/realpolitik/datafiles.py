"""Reading the package's YAML data files quickly (libyaml's C loader when PyYAML has it)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: IO[str] | str) -> Any:
    """Parse YAML safely; the same result as ``yaml.safe_load``, several times faster."""
    return yaml.load(stream, Loader=_Loader)
