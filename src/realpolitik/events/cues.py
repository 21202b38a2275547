"""Cue words (``data/events/cues.yaml``) and the clause status they give a verb.

A verb's clause is *realised* (it happened), *hedged* (reported as possible: "may have provided"),
an *intention* ("will visit", "agreed to send"), a *refusal*, a *threat*, or not an event at all:
negated, modal, conditional, recommended, denied, unrealised ("considered sending") or a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from spacy.tokens import Span, Token

from realpolitik.datafiles import load_data_file

Status = Literal["realised", "hedged", "intention", "refusal", "threat", "skip"]


@dataclass(frozen=True, slots=True)
class Cues:
    raw: dict[str, Any]

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.raw.get(key) or [])

    def table(self, key: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.raw.get(key) or {}).items()}


@cache
def default_cues() -> Cues:
    path = resources.files("realpolitik") / "data" / "events" / "cues.yaml"
    return Cues(load_data_file(path))


@dataclass(frozen=True, slots=True)
class ClauseStatus:
    status: Status
    why: str = ""
    controller: Token | None = None  # the verb whose subject acts ("agreed to send": agreed)


_EMBEDDING_DEPS = {"conj", "xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "dep", "dobj", "acomp"}


def _children(tok: Token, deps: set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def own_status(verb: Token, cues: Cues) -> ClauseStatus:
    """What the verb's own auxiliaries, negation and markers say about it."""
    neg = cues.words("negation")
    for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        # "Neither Russia nor Ukraine signed", "No country recognised": nobody did it
        words = {c.lower_ for c in subj.children if c.dep_ in {"preconj", "det"}} | {subj.lower_}
        if words & cues.words("negative_subjects"):
            return ClauseStatus("skip", f"negated subject ('{subj.text}')")
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ in {"advmod", "det", "preconj"} and c.lower_ in neg and c.i < verb.i):
            auxes = {a.lower_ for a in verb.children if a.dep_ == "aux"}
            if auxes & cues.words("future_aux") or ("would" in auxes and _reported(verb, cues)):
                return ClauseStatus("refusal", f"refused ('{c.text} {verb.text}' as a stated intention)")
            return ClauseStatus("skip", f"negated by '{c.text}'")
        if c.dep_ == "mark" and c.lower_ in cues.words("conditional"):
            return ClauseStatus("skip", f"conditional ('{c.text}')")
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = [a.lower_ for a in auxes]
    for a in auxes:
        low = a.lower_
        if low in cues.words("obligation"):
            return ClauseStatus("skip", f"a recommendation or obligation ('{a.text}')")
        if low in cues.words("hedge_aux") and "have" in aux_words and verb.tag_ == "VBN":
            return ClauseStatus("hedged", f"hedged ('{a.text} have {verb.text}')")
        if low == "would" and _reported(verb, cues):  # "said it would send": future in the past
            return ClauseStatus("intention", f"reported future ('{a.text} {verb.text}')")
        if low in cues.words("modal"):
            return ClauseStatus("skip", f"modal ('{a.text}'): possible, not done")
        if low in cues.words("future_aux"):
            return ClauseStatus("intention", f"future ('{a.text} {verb.text}')")
    if any(c.lower_ in cues.words("hedge_adverbs") for c in verb.children if c.dep_ == "advmod"):
        return ClauseStatus("hedged", "hedged by an adverb")
    return ClauseStatus("realised")


def _reported(verb: Token, cues: Cues) -> bool:
    """Is the verb's clause what somebody said ("X said (that) it would ...")?"""
    tok = verb
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in cues.words("speech_verbs")


def _question(sent: Span) -> bool:
    """Does the sentence end with a question mark (trailing spaces aside)?"""
    doc, i = sent.doc, sent.end - 1
    while i > sent.start and doc[i].is_space:
        i -= 1
    return doc[i].text.rstrip().endswith("?")


_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # "beat Argentina 1-0"


def _sports_result(verb: Token, cues: Cues) -> bool:
    """'Cameroon beat Argentina 1-0 in the opening match', 'India crushed Pakistan by 89 runs in
    their World Cup match': a verb of defeat in a sentence about a game is a sports result."""
    players = cues.words("sports_players")  # "Australia's batsmen attacked India's bowlers"
    if any(c.dep_ in {"nsubj", "dobj"} and c.lemma_.lower() in players for c in verb.children):
        return True
    if verb.lemma_.lower() not in cues.words("sports_verbs"):
        return False
    sent = verb.sent
    nouns = cues.words("sports_nouns")
    return bool(_SCORE.search(sent.text)) or any(
        t.lemma_.lower() in nouns for t in sent if t.pos_ in {"NOUN", "PROPN"}
    )


def clause_status(verb: Token, cues: Cues) -> ClauseStatus:
    """The status of ``verb``'s clause, looking up through the clauses that embed it."""
    if _question(verb.sent):
        return ClauseStatus("skip", "a question")
    if _sports_result(verb, cues):
        return ClauseStatus("skip", "a sports result")
    status = own_status(verb, cues)
    if status.status == "skip":
        return status
    tok, seen = verb, 0
    while tok.dep_ in _EMBEDDING_DEPS and seen < 6:
        seen += 1
        head = tok.head
        if head.i == tok.i:
            break
        embedding = _embedding(tok, head, cues)
        if embedding is not None:
            if embedding.status == "skip":
                return embedding
            if status.status == "realised":
                status = embedding
        if tok.dep_ in {"relcl", "acl"}:
            break
        tok = head
    return status


def subjunctive(tok: Token) -> bool:
    """'... that Israel ease restrictions', 'that the prisoners be freed': a that-clause whose verb has a
    subject but stays in the bare form, with no modal or tense, asks for an act; it reports none."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subj:
        return False
    aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    # ("that Ethiopia lift": the tagger may call the bare form a plural present; a singular subject
    # shows it is not)
    singular = subj[0].tag_ in {"NN", "NNP"} and not any(c.dep_ == "conj" for c in subj[0].children)
    if tok.tag_ == "VB" or (tok.tag_ == "VBP" and singular):
        return not aux
    return tok.tag_ == "VBN" and [a.lower_ for a in aux] == ["be"]


def _embedding(tok: Token, head: Token, cues: Cues) -> ClauseStatus | None:
    """How the clause of ``tok`` is changed by the word it hangs from."""
    dep, lemma = tok.dep_, head.lemma_.lower()
    if dep == "advcl" and any(
        c.lower_ in cues.words("conditional") for c in tok.children if c.dep_ == "mark"
    ):
        return ClauseStatus("skip", "conditional clause")
    if (
        dep == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > head.i
        and tok.lemma_.lower() in cues.words("consequence_verbs")
        and not any(c.dep_ in {"nsubj", "mark"} for c in tok.children)
    ):  # "Mugabe resigned, ending 37 years of rule": what the act ended, not a second act
        return ClauseStatus("skip", f"what '{head.text}' brought about ('{tok.text}'), not a second act")
    if dep in {"ccomp", "acl"} and subjunctive(tok):  # "reiterated its demand that Israel ease restrictions"
        return ClauseStatus("skip", f"a demanded act (subjunctive '{tok.text}'), not done")
    if dep == "advcl" and tok.tag_ == "VBG" and lemma in cues.words("accident_verbs"):
        return ClauseStatus("skip", f"the toll of a mishap ('{head.text}'), no one's act")
    if dep in {"advcl", "ccomp"} and tok.i < head.i and _inverted_condition(tok):
        return ClauseStatus("skip", "a condition ('Had X ...', 'Were X to ...')")
    if _earlier(tok, cues):
        return ClauseStatus("skip", "background: what was done before ('since', 'years after')")
    if head.pos_ in {"NOUN", "PROPN"}:
        if dep == "acl" and tok.tag_ == "VB" and lemma not in cues.words("realised_nouns"):
            return ClauseStatus("skip", f"only '{head.text} to' (a plan, right or attempt)")
        if lemma in cues.words("denial_nouns") and any(
            c.lower_ in {"no", "little", "any"} for c in head.children if c.dep_ == "det"
        ):
            return ClauseStatus("skip", f"denied ('no {head.text} that')")
        if (
            dep == "relcl"
            and any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve"} for c in tok.children)
            and not any(t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree)
        ):  # "the militant group that has seized parts of Iraq": what the noun is, not news
            return ClauseStatus("skip", f"background: what '{head.text}' has done (undated perfect)")
        return None
    if head.pos_ == "ADJ" and lemma in cues.words("unrealised_adjectives"):  # "is unlikely to withdraw"
        return ClauseStatus("skip", f"not done, only '{head.text} to'")
    if (
        dep == "pcomp"
        and head.lower_ == "from"
        and head.head.lemma_.lower() in cues.words("abstention_verbs")
    ):  # "refrained from criticising Beijing"
        return ClauseStatus("skip", f"not done ('{head.head.text} from')")
    if (
        dep == "pcomp"
        and head.lower_ in {"against", "from"}
        and head.head.lemma_.lower() in cues.words("warning_verbs")
    ):  # "warned Iran against attacking Israel": only warned off
        return ClauseStatus("skip", f"warned off, not done ('{head.head.text} ... {head.text}')")
    head_status = own_status(head, cues) if head.pos_ in {"VERB", "AUX"} else ClauseStatus("realised")
    if dep == "conj":
        return head_status if head_status.status != "realised" else None
    purpose = dep in {"advcl", "xcomp"} and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
    if purpose and head_status.status in {"intention", "hedged"}:  # "will meet ... to discuss"
        return head_status
    if purpose and head_status.status == "refusal":  # "would not give permission to Russia to help"
        return ClauseStatus("skip", f"the purpose of a refused act ('{head.text}')")
    if (
        dep == "advcl"
        and purpose
        and lemma in cues.words("appeal_control_verbs") | cues.words("demand_control_verbs")
    ):
        return ClauseStatus(
            "skip", f"only asked for ('{head.text} ... to')"
        )  # "demanded a meeting to discuss"
    if head_status.status == "skip":
        return ClauseStatus("skip", f"inside '{head.text}', {head_status.why}")
    if (
        dep == "xcomp"
        and lemma == "be"
        and not any(c.dep_ in {"attr", "acomp", "expl"} for c in head.children)
    ):
        if tok.lemma_.lower() == "blame":  # "Russia was to blame": at fault, no act of blaming
            return ClauseStatus("skip", "'to blame': at fault, not blaming")
        # "The African Union is to send 8,000 peacekeepers": a plan announced, not yet done
        return ClauseStatus("intention", f"a plan ('{head.text} to')", head)
    if dep == "xcomp":
        return _xcomp(head, lemma, cues)
    if lemma in cues.words("denial_verbs"):  # "denied that it sent", "denied supplying"
        return ClauseStatus("skip", f"denied ('{head.text}')")
    if dep == "ccomp" and lemma in cues.words("unrealised_verbs") | cues.words("intention_verbs"):
        return ClauseStatus("skip", f"not done, only '{head.text}'")
    return None


def _inverted_condition(verb: Token) -> bool:
    """'Had Saddam allowed the inspectors in, ...', 'Were Iran to attack, ...': an auxiliary before
    the subject opens a condition."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "were", "should"} and c.i < subj.i
        for c in verb.children
    )


def _earlier(tok: Token, cues: Cues) -> bool:
    """'... eight years after they fought a war', 'weeks after seizing them', 'the first flight since
    Riyadh cut ties': a clause dated back from the news it explains is background, not news."""
    spans = cues.words("time_span_nouns")
    if tok.dep_ == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if "since" in marks and tok.tag_ in {"VBD", "VBN"}:
            return True
        if marks & {"after", "before"}:
            return any(c.dep_ == "npadvmod" and c.lemma_.lower() in spans for c in tok.children) or any(
                t.lower_ == "ago" for t in tok.subtree
            )
    if tok.dep_ == "pcomp" and tok.head.lower_ in {"after", "since"}:
        before = tok.doc[tok.head.i - 1] if tok.head.i > 0 else None
        return before is not None and before.dep_ == "npadvmod" and before.lemma_.lower() in spans
    return False


def _xcomp(head: Token, lemma: str, cues: Cues) -> ClauseStatus | None:
    if lemma in cues.words("causative_verbs"):  # "the attack led India to recall its envoy": done
        return None
    if lemma in cues.words("forecast_verbs") and any(
        c.dep_ in {"auxpass", "nsubjpass"} for c in head.children
    ):
        return ClauseStatus("skip", f"a forecast, not a stated intention ('is {head.text} to')")
    if lemma in cues.words("abstention_verbs"):  # "avoided criticising", "declined to comment"
        return ClauseStatus("skip", f"not done ('{head.text}')")
    if any(
        c.dep_ in {"dobj", "dative"} for c in head.children
    ):  # "asked Seoul to send": Seoul's act is not done
        return ClauseStatus("skip", f"only asked or wanted ('{head.text} X to')")
    if lemma in cues.words("refusal_verbs"):
        return ClauseStatus("refusal", f"refused ('{head.text} to')", head)
    if lemma in cues.words("threat_verbs"):
        return ClauseStatus("threat", f"threatened ('{head.text} to')", head)
    if lemma in cues.words("intention_verbs"):
        return ClauseStatus("intention", f"a stated intention ('{head.text} to')", head)
    if lemma in cues.words("obligation_verbs") or lemma in cues.words("unrealised_verbs"):
        return ClauseStatus("skip", f"not done, only '{head.text} to'")
    return None


def reframe(code: str, status: Status, cues: Cues) -> str:
    """The CAMEO code of an act that is only intended, threatened or refused."""
    root = code[:2]
    if status == "intention":
        intended = cues.table("intention_codes").get(root, "030") if root != "03" else code
        return code if intended == "act" else intended
    if status == "threat":
        t = cues.table("threat_codes")
        return t.get(root, t["default"])
    if status == "refusal":
        t = cues.table("refusal_codes")
        return t.get(root, t["default"])
    return code
