"""Language identification for ingested documents (langdetect, made deterministic)."""

from __future__ import annotations

from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

UNDETERMINED = "und"  # ISO 639-2 code for "undetermined"
MIN_LETTERS = 20  # fewer letters than this: too little evidence to call a language
SAMPLE_CHARS = 2000  # detection looks at the start of the text only


@cache
def _factory() -> DetectorFactory:
    """A private langdetect factory with a fixed seed (the global one is left alone)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` ("en", "de", "zh" ...), or "und" when unsure.

    Deterministic: the same text always gets the same answer.  Only the first ~2000 characters
    are read, so it is cheap on long articles.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    detector = _factory().create()
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return UNDETERMINED
    if code == "unknown":
        return UNDETERMINED
    return code.split("-")[0]  # "zh-cn" -> "zh"
