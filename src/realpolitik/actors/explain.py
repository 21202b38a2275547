"""``realpolitik actors NAME``: how a name resolves, and why."""

from __future__ import annotations

from datetime import date

from realpolitik.settings import Settings


def explain(name: str, on: date | None, settings: Settings) -> list[str]:
    """Lines saying what ``name`` resolves to on ``on`` and which knowledge-base entry did it."""
    from realpolitik.coder import Coder

    coder = Coder(settings)
    on = on or date.today()
    doc = coder.nlp(name)
    ctx = coder.resolver.context(doc, on)
    sent = next(iter(doc.sents))
    resolved = coder.resolver.resolve(sent.root, ctx)
    when = on.isoformat()
    if not resolved:
        return [f"'{name}': no actor found (as of {when}). Add it with your own actors file (--actors)."]
    lines = []
    for r in resolved:
        a = r.actor
        lines.append(
            f"'{name}' -> {a.code}  (country {a.country}, role {a.role or '-'}, {a.name}) as of {when}"
        )
        lines.append(f"    why: {r.reason}; knowledge-base entry {a.kb_id or '-'}")
    return lines
