"""Loading the spaCy pipeline, once per process."""

from __future__ import annotations

import warnings
from functools import cache

from realpolitik.errors import UsageError
from realpolitik.settings import FALLBACK_MODELS

# The coder needs the parser (dependencies, sentences), the tagger and lemmatizer, and NER for
# people's names; nothing else is disabled because the small pipeline has nothing else.


@cache
def load_pipeline(name: str):  # -> spacy.language.Language
    """Load the English pipeline ``name`` (an installed package), falling back to en_core_web_sm."""
    import spacy

    for candidate in (name, *FALLBACK_MODELS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return spacy.load(candidate)
        except OSError:
            continue
    raise UsageError("E005", None, name=name)
