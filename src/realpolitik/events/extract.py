"""Find events in one parsed sentence: verbs and event nouns matched to patterns, with source and
target taken from the grammar and the clause status from the cue words.

The output is ``Candidate`` records (actors, code, the words that matched, why); the coder turns
them into ``Event`` records with dates, CAMEO attributes and provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from realpolitik.actors.resolver import WATER_WORDS, ActorResolver, DocContext, Resolved, counted
from realpolitik.events.cues import ClauseStatus, Cues, clause_status, reframe, subjunctive
from realpolitik.events.patterns import Pattern, PatternBook
from realpolitik.places import gazetteer
from realpolitik.records import ETHNIC_ROLE, Actor

_SUBJ = {"nsubj", "csubj"}
_OBJ = {"dobj", "obj", "attr", "oprd", "dative"}
# Prepositions whose object may be the target, in order of preference ("in" last: often a place).
_TARGET_PREPS = [
    "with",
    "to",
    "against",
    "on",
    "toward",
    "towards",
    "for",
    "from",
    "into",
    "over",
    "around",
    "near",
    "off",
    "about",
    "at",
    "in",
]
_QUOTE = re.compile(r"[\"“]([^\"”]{3,})[\"”]")


@dataclass(slots=True)
class Candidate:
    sources: list[Resolved]
    targets: list[Resolved]
    code: str
    trigger: Token
    why: str
    confidence: float
    hedged: bool = False
    quote: str | None = None
    reciprocal: bool = False
    date_anchor: Token | None = None
    mutual: bool = False  # the target does the same to the source ("met with")
    notes: list[str] = field(default_factory=list)
    act: str = ""  # the code of the act itself when ``code`` frames it ("agreed to resign": 0831)
    # token indices of acts this event reports as someone's claim ("X said Y attacked Z": the
    # attack is X's allegation, evidence of the accusation, not an event of its own)
    covers: frozenset[int] = frozenset()


class EventExtractor:
    def __init__(self, resolver: ActorResolver, book: PatternBook, cues: Cues) -> None:
        self.resolver = resolver
        self.book = book
        self.cues = cues
        self.speech = cues.words("speech_verbs")
        self.reciprocal_verbs = cues.words("reciprocal_verbs")
        self.symmetric = cues.words("symmetric_codes")
        self.comitative = cues.words("comitative_roots")
        self.one_way = cues.words("one_way_codes")
        self.location_preps = tuple(cues.words("location_preps"))
        self.light_verbs = cues.words("light_verbs")
        self.self_directed = cues.words("self_directed_roots")
        self.location_roots = cues.words("location_roots")
        self.converse = cues.table("converse_verbs")
        self.one_sided = cues.words("one_sided_roots")
        self.deed_roots = cues.words("deed_roots")
        self.attempt_is_act = cues.words("attempt_is_act_roots")
        self.authority_roots = cues.words("authority_roots")
        self.crowd_nouns = cues.words("crowd_nouns")
        self.responsibility_verbs = cues.words("responsibility_verbs")
        self.passive_not_reciprocal = cues.words("passive_not_reciprocal")
        self.purpose_roots = cues.words("purpose_roots")
        self.stance_nouns = cues.words("stance_nouns")
        self.protest_nouns = cues.words("protest_nouns")
        self.sufferer_codes = cues.words("sufferer_codes")
        self.crowd_force = cues.words("crowd_force_codes")
        self.domestic_roots = cues.words("domestic_roots")
        self.control = self._control_patterns(cues)
        self.measure_nouns = cues.words("measure_nouns")
        self.unattributed_roots = cues.words("unattributed_roots")
        self.alleged_roots = cues.words("alleged_roots")
        self.attempt_codes = cues.table("attempt_codes")
        self.attempt_words = cues.words("attempt_words")
        self.stative = cues.words("stative_participles")
        self.generic_heads = cues.words("generic_heads")
        self.permission_verbs = cues.words("permission_verbs")
        self.accident_nouns = cues.words("accident_nouns")
        self.document_nouns = cues.words("document_nouns")
        self.toll_verbs = cues.words("toll_verbs")
        self.place_nouns = cues.words("place_nouns")
        self.leave_orders = cues.words("leave_order_verbs")
        self.leave_verbs = cues.words("leave_verbs")
        self.people_words = cues.words("people_words")
        self.call_verbs = cues.words("call_verbs")
        self.verbal_protest = cues.words("verbal_protest_verbs")
        self.weapon_nouns = cues.words("weapon_nouns")
        self.victim_verbs = cues.words("victim_verbs")
        self.causatives = cues.words("causative_verbs")
        self.ultimatum_verbs = cues.words("ultimatum_verbs")
        self.deadline_nouns = cues.words("deadline_nouns")
        self.ultimatum = Pattern(
            0,
            "139",
            frozenset(self.ultimatum_verbs),
            frozenset(),
            None,
            None,
            frozenset(),
            False,
            "give X a deadline to ... (cues.yaml ultimatum_verbs)",
        )

    # ---- sentence -----------------------------------------------------------------------------
    def sentence(self, sent: Span, ctx: DocContext) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "aux":
                out.extend(self._verb(tok, ctx))
        alleged = frozenset().union(*(c.covers for c in out))
        out = [c for c in out if c.trigger.i not in alleged]
        covered = {(c.code[:2], c.sources[0].actor.code) for c in out}
        for tok in sent:
            if tok.pos_ == "NOUN" and self.book.for_noun(tok.lemma_.lower()):
                for c in self._noun(tok, ctx):
                    if (c.code[:2], c.sources[0].actor.code) not in covered:
                        out.append(c)
        out = _prune(_drop_tolls(out, self.toll_verbs), self.one_sided)
        # "dispersed demonstrators protesting X": the participle says who took part, no second event
        out = [c for c in out if not _describes(c.trigger, self.document_nouns)]
        # "staged demonstrations to demand reforms": the act is coded, not what it is meant to achieve
        # (but "shunned work to protest" says what the act was: a protest)
        coded = {c.trigger.i: c.code[:2] for c in out}
        return [c for c in out if not _purpose_of(c.trigger, coded, c.code[:2])]

    # ---- verbs --------------------------------------------------------------------------------
    def _verb(self, verb: Token, ctx: DocContext) -> list[Candidate]:
        after = verb.right_edge.i + 1
        if (
            verb.dep_ == "acl"
            and verb.head.lemma_.lower() in self.document_nouns
            and (
                (verb.head.dep_ in _SUBJ and verb.head.head.lemma_.lower() in self.speech)
                or (after < len(verb.doc) and verb.doc[after].lemma_.lower() in self.speech)
            )
        ):  # "..., a statement issued by the finance ministry said": the attribution, no act
            return []
        lemma = self.verb_lemma(verb)
        pattern, obj = self._match(verb, self.book.for_verb(lemma))
        inner = _deadline_clause(verb, self.deadline_nouns) if lemma in self.ultimatum_verbs else None
        if (lemma in self.leave_orders or inner is not None) and any(
            c.lemma_.lower() in self.leave_verbs
            for c in [*verb.children, *([inner] if inner else [])]
            if c.dep_ in {"xcomp", "advcl", "relcl"}
        ):  # "ordered a Canadian diplomat to leave the country", "gave the ambassador 72 hours to
            pattern, obj = self._match(verb, self.book.for_verb("expel"))  # leave": an expulsion
        elif inner is not None:  # "gave Khartoum 30 days to disarm the militias": an ultimatum
            pattern, obj = self.ultimatum, None
        if (
            verb.dep_ in {"xcomp", "advcl", "relcl"}
            and (granted := _deadline_clause(verb.head, self.deadline_nouns)) is not None
            and granted.i == verb.i
        ):
            return []  # what the ultimatum demands is not done
        if (
            verb.dep_ == "relcl"
            and verb.head.lemma_.lower() in self.deadline_nouns
            and verb.head.head.lemma_.lower() in self.ultimatum_verbs
        ):
            return []  # ("gave the ambassador 72 hours to leave", the parser's relative clause)
        if pattern is None and lemma in self.leave_verbs and _forces_leaving(verb, ctx):
            # "The last Soviet troops left Afghanistan", "U.S. troops would leave Iraq": a withdrawal
            pattern, obj = self._match(verb, self.book.for_verb("withdraw"))
        if pattern is None and lemma in self.call_verbs and _plain_call(verb):
            # "Scholz called Xi on Monday": a phone call (not "called X a liar", "called for talks")
            pattern, obj = self._match(verb, self.book.for_verb("phone"))
        if pattern is None and lemma in self.victim_verbs:  # "three civilians died in a Russian air strike"
            return self._victims(verb, ctx)
        if pattern is None and lemma in self.light_verbs:
            pattern, obj = self._light(verb)
        if pattern is None and lemma in self.control and _controls(verb):
            pattern, obj = self.control[lemma], None
        if pattern is None and lemma in self.converse:
            return self._converse(verb, ctx)
        if pattern is None and lemma not in self.speech:
            if any(o.dep_ == "dobj" and o.lemma_.lower() in self.document_nouns for o in verb.children):
                # "issued a stern reminder to Iraq that it must cooperate": the message's obligation
                status = clause_status(verb, self.cues)
                sources = self._sources(verb, ctx, status) if status.status != "skip" else []
                if sources and not all(s.kind == "unplaced" for s in sources):
                    return self._obligation(verb, sources, ctx, status)
            return []
        status = clause_status(verb, self.cues)
        if status.status == "skip" and pattern is not None:
            pattern, status = self._attempted(verb, pattern, status)
        if status.status == "skip":
            return []
        sources = self._sources(verb, ctx, status)
        if pattern is not None and all(s.kind == "unplaced" for s in sources):
            placed = (
                self._domestic(verb, pattern, obj, ctx, status)
                or self._unattributed(verb, pattern, obj, ctx, status)
                or self._authorities(verb, pattern, obj, ctx, status)
            )
            if placed or not sources:
                return placed
        if not sources:
            return []
        if lemma in self.speech and (pattern is None or not (pattern.objects or pattern.prep)):
            if all(s.kind == "unplaced" for s in sources):
                return []  # "..., court sources said": a speaker of no known state judges nothing
            spoken = self._speech(verb, sources, ctx, status) or self._allegation(verb, sources, ctx, status)
            if spoken or pattern is None:  # "called X a mistake": judged by its words
                return spoken
        assert pattern is not None
        return self._pattern_event(verb, pattern, obj, sources, ctx, status)

    def crowd_code(self, cand: Candidate, source: Resolved, target: Resolved | None) -> tuple[str, str]:
        """Force by a crowd of protesters is a violent protest (145); force by the state's forces
        against protesters is violent repression (175).  Returns the code and why it changed."""
        if cand.code == "145" and source.actor.role in _ARMED_ROLES:
            # "Commandos stormed the embassy": an armed force's assault, not a riot
            return "190", f"; by an armed force ({source.actor.role}): an assault (190), not a riot"
        if cand.code[:2] not in {"17", "18", "19"} or cand.code == "175":
            return cand.code, ""
        doc = cand.trigger.doc
        if (
            cand.code.startswith(tuple(self.crowd_force))
            and _phrase_head(doc, source).lemma_.lower() in self.crowd_nouns
        ):
            return "145", f"; force by '{_phrase_head(doc, source).text}': a violent protest (145)"
        if (
            target is not None
            and cand.code[:2] in {"18", "19"}  # (the state's fire on a crowd, of any kind)
            and _phrase_head(doc, target).lemma_.lower() in self.crowd_nouns
            and (source.actor.role in {"COP", "MIL", "GOV", None})
        ):
            return "175", f"; force against '{_phrase_head(doc, target).text}': violent repression (175)"
        return cand.code, ""

    def _attempted(self, verb: Token, pattern: Pattern, status: ClauseStatus) -> tuple[Pattern, ClauseStatus]:
        """'tried to assassinate', 'an attempt to assassinate ... was foiled': CAMEO codes the attempt
        itself (185) where the act has an attempt code; other attempted acts stay undone."""
        attempt = self.attempt_codes.get(pattern.code) or (
            pattern.code if pattern.code[:2] in self.attempt_is_act else None
        )
        head = verb.head
        if attempt and verb.dep_ in {"xcomp", "acl"} and head.lemma_.lower() in self.attempt_words:
            why = f"attempted ('{head.text} to'): the attempt is coded ({attempt})"
            return replace(pattern, code=attempt), ClauseStatus("realised", why)
        return pattern, status

    def _pattern_event(
        self,
        verb: Token,
        pattern: Pattern,
        obj: Token | None,
        sources: list[Resolved],
        ctx: DocContext,
        status: ClauseStatus,
    ) -> list[Candidate]:
        if self._consumed_by_xcomp(verb):
            return []
        targets, via = self._targets(verb, pattern, obj, ctx, sources)
        if not targets and any(
            o.pos_ == "PRON" and o.lower_.endswith(("self", "selves")) for o in _object_heads(verb)
        ):
            return []  # "armed themselves", "defended itself": an act on oneself is no interaction
        if all(s.kind == "unplaced" for s in sources) and not any(t.actor.country for t in targets):
            return []  # a role of no known state acting on no known state says nothing
        if pattern.code[:2] in {"15", "18", "19", "20"} and any(
            s.kind == "sentence" and any(t.actor.country == s.actor.country for t in targets) for s in sources
        ):
            # "militants attacked Israeli troops": the state named is the target's, not theirs.
            # An armed actor of no known state is still coded by its role ("Insurgents bombarded
            # Aleppo": REB, as GDELT codes it); anyone else is left unknown.
            sources = [
                replace(
                    s,
                    actor=Actor.of(None, s.actor.role, name=s.actor.name),
                    reason=f"{s.reason.split(':')[0]} of no known country",
                )
                for s in sources
                if s.kind == "sentence" and s.actor.role in _STATELESS_ROLES
            ]
            if not sources:
                return []
        if (
            not targets
            and _has_prefix(pattern.code, self.self_directed)
            and len({s.actor.country for s in sources}) == 1  # "Russia and Ukraine exchanged": each other
        ):  # a protest with no addressee
            targets, via = _own_state(sources, self_too=not pattern.code.startswith("14")), "own state"
        if pattern.code == "042" and _forces_arriving(verb, sources):
            # "Bangladeshi peacekeeping troops arrived in Sierra Leone": forces arriving are deployed
            # (peacekeepers: military protection, 074), not visiting
            kept = "074" if any(s.actor.role == "PKO" for s in sources) else "150"
            pattern = replace(pattern, code=kept)
        third_place = ""
        if (
            targets
            and (via == "location" or all(_named_as_place(verb.doc, t) for t in targets))
            and len({s.actor.code for s in sources}) > 1
            and (
                pattern.reciprocal
                or pattern.code in self.symmetric
                or verb.lemma_.lower() in self.reciprocal_verbs
            )
        ):  # "Ankara and Damascus held talks in Moscow": the parties meet each other, not Russia
            third_place = next((t.actor.country or "" for t in targets), "")
            targets = []
        code = reframe(
            "044" if third_place and pattern.code == "040" else pattern.code, status.status, self.cues
        )
        why = f"verb '{verb.text}'" + (
            f" + object '{obj.text}'" if obj is not None and pattern.objects else ""
        )
        why += f" matched {pattern.describe()}"
        if (
            status.status == "intention"
            and pattern.code[:2] == "15"
            and targets
            and (
                via in {"to", "in", "into", "location"} or all(_named_as_place(verb.doc, t) for t in targets)
            )
        ):  # "Canada will deploy troops to Latvia": forces sent into a state it protects, no threat
            code = self.cues.table("hosted_deployment").get("intention", code)
            why += f"; forces to be sent into {targets[0].actor.country}: an intent to protect ({code})"
        if third_place:
            why += f"; the parties met each other in a third place ({third_place})"
        if code != pattern.code and status.why:
            why += f"; {status.why}: coded {code}"
        controller = status.controller.lemma_.lower() if status.controller is not None else ""
        each_other = _each_other(verb)
        if each_other:  # "India and Pakistan expelled each other's diplomats": not their own
            targets = [t for t in targets if t.kind not in {"", "place"} or t.actor.country is None]
        reciprocal = (
            not targets
            and len({s.actor.code for s in sources}) > 1
            and (
                pattern.reciprocal
                or verb.lemma_.lower() in self.reciprocal_verbs
                or controller in self.reciprocal_verbs
                or each_other
                or code == "150"  # "French and Egyptian warships launched war games": together
            )
        )
        if reciprocal and code[:2] == "15" and status.status in {"realised", "hedged"}:
            code = "062"  # "Chinese and Russian warships held drills": together, a joint exercise
            why += "; a show of force by several together: military cooperation (062)"
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        if (
            code[:3] in {"140", "141"}
            and verb.lemma_.lower() in self.verbal_protest
            and subj is not None
            and all(s.actor.role in {None, "GOV"} for s in sources)
            and (
                any(s.start <= subj.i < s.end and s.kind != "demonym" for s in sources)  # "Japan", "Tokyo"
                or ctx.role_tokens.get(subj.i, (None, ""))[1] == "GOV"  # "the Japanese government"
            )
        ):  # "Japan protested Chinese incursions": a government's protest is spoken, not marched
            code = "111"
            why += "; a government's protest is a verbal one (111)"
        # "fought with X" is joint; "closed its border with X" is not: a root is comitative only when
        # "with" hangs off the verb (a reciprocal pattern is joint either way)
        joint = (
            via == "with"
            and (
                (pattern.reciprocal and code[:2] < "10")  # "cut ties with Qatar" is done to Qatar alone
                or (code[:2] in self.comitative and code not in self.one_way and _has_prep(verb, "with"))
            )
        )
        mutual = (
            bool(targets) and status.status in {"realised", "hedged"} and (code in self.symmetric or joint)
        )
        if mutual:
            why += "; a joint act ('with' or a mutual code): coded both ways"
        conf = 0.9 if pattern.objects else 0.8
        if status.status == "hedged":
            conf *= 0.6
            why += f"; {status.why}"
        cand = _clause_candidate(sources, targets, code, verb, why, conf, status, reciprocal, mutual)
        cand.act = pattern.code
        return [cand]

    @staticmethod
    def _control_patterns(cues: Cues) -> dict[str, Pattern]:
        """Built-in patterns for 'X wants/orders Y to do Z': an appeal (020) or a demand (100) to Y."""
        out = {}
        for key, code in (("appeal_control_verbs", "020"), ("demand_control_verbs", "100")):
            for lemma in cues.words(key):
                out[lemma] = Pattern(
                    0,
                    code,
                    frozenset({lemma}),
                    frozenset(),
                    None,
                    None,
                    frozenset(),
                    False,
                    f"{lemma} X to ... (cues.yaml {key})",
                )
        return out

    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma as the dictionaries know it.  The small model sometimes lemmatises wrongly
        ("staged" -> "stag"); then a regular English stem of the word that the dictionaries know wins."""
        lemma = verb.lemma_.lower()
        known = self.book.for_verb(lemma) or lemma in self.light_verbs or lemma in self.speech
        if known or lemma in self.control:
            return lemma
        for stem in _stems(verb.lower_):
            if self.book.for_verb(stem) or stem in self.light_verbs or stem in self.speech:
                return stem
        return lemma

    def _light(self, verb: Token) -> tuple[Pattern | None, Token | None]:
        """'continued military aid': the object's noun pattern codes the event."""
        for obj in _object_heads(verb, self.measure_nouns):
            nouns = [obj]
            if obj.lemma_.lower() in self.generic_heads:  # "launched a mediation effort": mediation
                nouns += [c for c in obj.children if c.dep_ in {"compound", "amod"} and c.pos_ == "NOUN"]
            for noun in nouns:
                patterns = self.book.for_noun(noun.lemma_.lower())
                if patterns:
                    pattern, _ = self._match_noun(noun, patterns)
                    if pattern is not None:
                        return pattern, obj
        return None, None

    def _match_noun(self, noun: Token, patterns: tuple[Pattern, ...]) -> tuple[Pattern | None, Token | None]:
        for p in patterns:
            objects = _noun_objects(noun) + (_prep_objects(noun, (p.prep,)) if p.prep else [])
            if not p.objects or any(_forms(o) & p.objects for o in objects):  # ("a ban on imports")
                return p, noun
        return None, None

    def _consumed_by_xcomp(self, verb: Token) -> bool:
        """'agreed to send troops' is coded once, from 'send': the intention, refusal or threat verb
        itself is coded only when its infinitive does not match a pattern of its own."""
        lemma = verb.lemma_.lower()
        framing = self.cues.words("intention_verbs") | self.cues.words("refusal_verbs")
        if lemma not in framing | self.cues.words("threat_verbs"):
            return False
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                pattern, _ = self._match(c, self.book.for_verb(self.verb_lemma(c)))
                if pattern is None and self.verb_lemma(c) in self.light_verbs:
                    pattern, _ = self._light(c)
                if pattern is not None:
                    return True
        return False

    def _match(self, head: Token, patterns: tuple[Pattern, ...]) -> tuple[Pattern | None, Token | None]:
        """The most specific pattern whose particle and object constraints the parse satisfies."""
        if not patterns:
            return None, None
        particle = {c.lower_ for c in head.children if c.dep_ == "prt"} or {
            c.lower_
            for c in head.children
            if c.dep_ == "advmod" and c.lower_ in {"down", "aside", "out", "up"}
        }  # ("stepped down": the parser often reads the particle as an adverb)
        if any(
            c.dep_ == "prep" and c.lower_ == "out" and any(g.lower_ == "of" for g in c.children)
            for c in head.children
        ):  # "forced the agency out of the country": "out of" carries the particle too
            particle.add("out")
        objects = _object_heads(head, self.measure_nouns)
        if head.lemma_.lower() in self.permission_verbs:  # "allowed the refugees to return": return
            clauses = [c for c in head.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"]
            clauses = clauses or _stranded_infinitives(head)
            objects += [s for c in clauses for s in c.children if s.dep_ == "nsubj"] + clauses
            objects += [o for c in clauses for o in c.children if o.dep_ == "dobj"]  # "to hold a rally"
        # A pattern naming the object with its modifier ("hunger strike") beats one naming the bare
        # noun ("strike"), wherever it is listed.
        # (a date is no object: "began in March" is no march, "since May" no may)
        forms = [(o, _forms(o)) for o in objects if o.ent_type_ not in {"DATE", "TIME"}]
        phrases = {f for _, fs in forms for f in fs if " " in f}
        ordered = (
            sorted(patterns, key=lambda p: not (phrases & p.objects)) if phrases else patterns
        )  # (a stable sort: otherwise the file's order)
        for p in ordered:
            if p.particle and p.particle not in particle:
                continue
            hit = next((o for o, fs in forms if fs & p.objects), None) if p.objects else None
            if p.objects and hit is None:
                continue
            # A pattern's preposition is part of it ("call on X", "talks between X and Y"); it may hang
            # off the verb or off the matched object, and a date is not its object ("fired on Thursday").
            if p.prep and not _has_prep(head, p.prep) and not (hit is not None and _has_prep(hit, p.prep)):
                continue
            return p, (hit if hit is not None else (objects[0] if objects else None))
        return None, None

    # ---- actors -------------------------------------------------------------------------------
    def _sources(self, verb: Token, ctx: DocContext, status: ClauseStatus) -> list[Resolved]:
        tok = verb
        for _ in range(4):
            subj = [c for c in tok.children if c.dep_ in _SUBJ]
            if subj and subj[0].tag_ == "VBG":  # "The Red Cross operating in Iraq said": the parser
                subj = [c for c in subj[0].children if c.dep_ in _SUBJ] or subj  # made the phrase a clause
            if subj:
                if counted(subj[0]).lemma_.lower() in self.accident_nouns:
                    return []  # "Temperatures in Mongolia fell ..., killing livestock": nobody acted
                return self._doers_of(subj[0], [verb, tok], ctx)
            agent = [c for c in tok.children if c.dep_ == "agent"] or [
                a  # "diplomats were ordered to leave by New Delhi": the parser hangs it on "leave"
                for x in tok.children
                if x.dep_ == "xcomp" and tok.tag_ == "VBN"
                for a in x.children
                if a.dep_ == "agent"
            ]
            if agent and tok.tag_ == "VBN":
                pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
                if pobj and pobj[0].lemma_.lower() in self.accident_nouns:
                    return []  # "victims killed by the crash of a Malaysia Airlines flight": no one acted
                if pobj:
                    return self._doers_of(pobj[0], [verb, tok], ctx)
            if tok.dep_ == "acl" and _verbless_root(tok.sent.root) and tok.sent.root.i < tok.i:
                # "Doctors from two aid groups donated ...": the small model, finding no finite verb,
                # makes the subject the root and the main verb a participle modifying a noun in it.
                return self._doers_of(tok.sent.root, [verb, tok], ctx)
            if any(c.dep_ == "nsubjpass" for c in tok.children) and tok.dep_ in {"advcl", "conj"}:
                break  # "... until their demands are met": a passive with no agent names no doer
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and _second_subject(tok.head):
                # "Palestinian youths resorted to throwing stones ..., officials said": the small
                # model hangs the main verb on its subject, which it gives to "said" as well
                return self._doers_of(tok.head, [verb, tok], ctx)
            if tok.dep_ in {"relcl", "acl"} and tok.tag_ != "VBN":
                issuer = self._issuer(tok.head, ctx, status)
                if issuer is not None:
                    return issuer
                gov = _governing_verb(tok.head)
                if tok.tag_ == "VB" and gov is not None and tok.head.dep_ in {"pobj", "dobj"}:
                    # "were converging for a rally in Lagos to protest ...": the rally's purpose is
                    # that of those who hold it, the doers of the verb that governs it
                    holders = self._sources(gov, ctx, status)
                    if holders:
                        return holders
                return self._doers_of(tok.head, [verb, tok], ctx)
            if tok.dep_ in {"xcomp", "conj", "advcl", "acomp"} and tok.head.i != tok.i:
                shared = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
                if tok.dep_ == "conj" and shared and not any(c.dep_ == "auxpass" for c in tok.children):
                    # "the premier has been indicted by the court and will resign": the active verb
                    # shares the passive's subject, not its agent
                    return self._doers_of(shared[0], [verb, tok], ctx)
                if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.causatives:
                    caused = [c for c in tok.head.children if c.dep_ in {"dobj", "dative"}]
                    if caused:  # "prompting Mexico to break off relations": Mexico broke them off
                        return self._doers_of(caused[0], [verb, tok], ctx)
                if tok.dep_ == "xcomp":  # "Obama is scheduled to attend", "X was forced to withdraw"
                    raised = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
                    if raised and not any(c.dep_ == "agent" for c in tok.head.children):
                        return self._doers_of(raised[0], [verb, tok], ctx)
                tok = tok.head
                continue
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"VERB", "AUX"}:
                governor = tok.head.head
                if tok.head.lower_ in {"for", "of"} and any(c.dep_ == "dobj" for c in governor.children):
                    break  # "jailed a student for helping militants": the student helped, not the court
                tok = governor  # "resorted to throwing stones"
                continue
            if (
                tok.dep_ == "pcomp"
                and tok.head.dep_ == "prep"
                and tok.head.head.dep_ == "acomp"
                and tok.head.head.lemma_.lower() in self.cues.words("deed_adjectives")
                and tok.head.head.head.pos_ in {"VERB", "AUX"}
            ):  # "Both sides are guilty of violating the ceasefire" (not "capable of attacking")
                tok = tok.head.head.head
                continue
            break
        stative = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if (
            stative
            and verb.lemma_.lower() in self.stative
            and not any(c.dep_ == "agent" for c in verb.children)
        ):
            return self.resolver.resolve(stative[0], ctx)  # "Israel is opposed to French mediation"
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if (  # "shells were traded in August"; but "their demands were met" is no meeting
            passive
            and verb.lemma_.lower() in self.reciprocal_verbs
            and verb.lemma_.lower() not in self.passive_not_reciprocal
        ):
            return self.resolver.recent_pair(verb, ctx)
        return []

    def _issuer(self, noun: Token, ctx: DocContext, status: ClauseStatus) -> list[Resolved] | None:
        """'Japan issued a statement condemning the test', 'in a letter accusing Israel': what a
        document says is said by whoever issued it, the doer of the verb that governs the noun.
        None when the noun is no document, or names an actor of its own."""
        if noun.lemma_.lower() not in self.document_nouns:
            return None
        gov = _governing_verb(noun)
        if gov is not None:  # "vetoed a resolution condemning X": the text was never adopted
            rejected, _ = self._match(gov, self.book.for_verb(self.verb_lemma(gov)))
            if rejected is not None and rejected.code[:2] == "12":
                return []
        if self.resolver.resolve(noun, ctx):
            return None
        found = self._sources(gov, ctx, status) if gov is not None else []
        return [r for r in found if r.kind != "sentence"]  # (a guessed state is a guess too far)

    def _author(self, doc_noun: Token, ctx: DocContext) -> list[Resolved]:
        """'A report published by Amnesty', 'a report released in the Rwandan capital': a document
        that names no author speaks for whoever released it, else for the state where it was
        released (its origin; no role is guessed)."""
        for release in (c for c in doc_noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            agent = [p for a in release.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if agent:
                return self.resolver.resolve(agent[0], ctx)
            country = self._place_state([release], ctx)
            if country and country != "IGO":
                actor = Actor.of(country, None, name=f"a {doc_noun.text} from {country}")
                why = f"'{doc_noun.text}' released in {country}: its origin speaks"
                return [Resolved(actor, doc_noun.i, doc_noun.i + 1, why, kind="place")]
        return []

    def _doers_of(self, head: Token, verbs: list[Token], ctx: DocContext) -> list[Resolved]:
        """The actors a subject phrase names; a phrase of no known state ("Shiite protesters in
        Basra", "riot police") is placed by ``_role_source``."""
        found = self.resolver.resolve(head, ctx)
        if found and all(r.actor.country or r.kind in {"group", "org"} for r in found):
            return found  # (an IMG group has no country, and needs none)
        if not found and head.lemma_.lower() in self.document_nouns:
            return self._author(head, ctx)
        # "ethnic Albanians demonstrated in Serbia": a community of no one state, placed likewise
        community = next((r.actor.role for r in found if r.kind == "community" and not r.actor.country), None)
        return self._role_source(head, verbs, ctx, community) or found

    def _role_source(
        self, head: Token, verbs: list[Token], ctx: DocContext, community: str | None = None
    ) -> list[Resolved]:
        """A doer named only by its role ("opposition leaders", "riot police", "rebels"): it takes
        the state of a place in its own phrase ("rebels in the Ivory Coast"), else of a place where
        the act happened ("rioted at a jail in Dili"), else the one state the sentence names. Event
        coders code such generic actors to the country of the story, not to nobody."""
        head = counted(head)
        if head.pos_ not in {"NOUN", "PROPN"}:
            return []
        role = _phrase_role(head, ctx) or community
        if role is None and head.lemma_.lower() in self.people_words:  # "Tens of thousands rallied in Minsk"
            role = "CVL"
        if role is None or role in {"NGO", "IGO", "MNC", "HRI"}:  # "a human rights group": of no one state
            return []
        country, why = self._place_state([head], ctx, named=True), "the place in its phrase"
        for place in [] if country else _prep_objects(head, ("of", "from")):  # "inhabitants of the Golan"
            if any(t.ent_type_ in {"GPE", "LOC"} or t.pos_ == "PROPN" for t in place.subtree):
                country = self._state_of_place(place, ctx) or country
        if not country:
            clause = [*dict.fromkeys(verbs)]  # the verb and the one whose subject it shares
            objects = [o for v in clause for o in _object_heads(v, self.measure_nouns) if o.i != head.i]
            country, why = self._place_state([*clause, *objects], ctx, named=True), "where it happened"
        named = any(  # "Croat forces": a people or body named but not known; no guess
            t.ent_type_ in {"NORP", "ORG", "GPE"} and t.i not in ctx.kb_tokens  # "Islamic": a known faith
            for t in head.subtree
            if t.i < head.i
        )
        if not country and not named:
            # An official's state is not guessed from whom the act is aimed at ("the president
            # rejected an offer from Kenya"): for GOV, states in the verb's objects do not count.
            aimed = _aimed_at(verbs) if role == "GOV" else set()
            country, why = _sentence_state(head.sent, ctx, aimed), "the only state the sentence names"
        if not country and not named and role in _DOMESTIC_ROLES and ctx.filed_in:
            # "GDANSK, Poland - Workers downed tools": people of a role act where the story is filed
            country, why = ctx.filed_in, "where the story was filed (its dateline)"
        if country == "IGO":
            return []
        if not country:  # "the government expressed appreciation": a role of no known state ("---GOV")
            if named or role == ETHNIC_ROLE:
                return []
            actor = Actor.of(None, role, name=_np_text_of(head))
            reason = f"'{_np_text_of(head)}' ({role}) of no known state"
            return [Resolved(actor, head.i, head.i + 1, reason, kind="unplaced")]
        actor = Actor.of(country, role, name=_np_text_of(head))
        reason = f"'{_np_text_of(head)}' ({role}) with no country: taken as {country}'s, {why}"
        kind = "sentence" if why.startswith("the only state") else "place"
        return [Resolved(actor, head.i, head.i + 1, reason, kind=kind)]

    def _targets(
        self, verb: Token, pattern: Pattern, obj: Token | None, ctx: DocContext, sources: list[Resolved]
    ) -> tuple[list[Resolved], str]:
        """The target actors and how they were found (a preposition, or the grammatical role)."""
        src_codes = {s.actor.code for s in sources}
        candidates: list[Token] = []
        if pattern.prep:
            candidates += _prep_objects(verb, (pattern.prep,))
            if obj is not None:
                candidates += _prep_objects(obj, (pattern.prep,))
        if verb.lemma_.lower() not in self.stative:  # ("X is engaged in ...": X is the doer)
            candidates += [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
            candidates.append(verb.head)  # "soldiers killed in Ukraine": the noun is what was done to
        candidates += [c for c in verb.children if c.dep_ in _OBJ]
        candidates += _up_to_objects(verb) + _shifted_objects(verb)
        candidates += [  # "vetoed a Security Council resolution censuring X": the parser hangs the
            c  # noun on the participle as a compound
            for o in verb.children
            if o.dep_ in _OBJ and o.tag_ == "VBG"
            for c in o.children
            if c.dep_ == "compound"
        ]
        if obj is not None and pattern.code[:2] != "04":  # "discussed Croatia's advance": a topic's owner
            candidates += [c for c in obj.children if c.dep_ == "poss"]  # is not a party to the talks
        if obj is not None:
            if pattern.code[:2] in self.deed_roots:  # the doer of the deed: "crimes by Croat forces"
                candidates += [d for deed in (obj, *_prep_objects(obj, ("into", "of"))) for d in _doers(deed)]
            candidates += _prep_objects(obj, (*_TARGET_PREPS[:6], "between"))
            for conj in obj.conjuncts:  # "launched artillery, mortar and rocket fire against X"
                candidates += _prep_objects(conj, _TARGET_PREPS[:6])
            for aim in (  # "accepted a formula for ending its dispute with X": the other party
                g
                for p in obj.children
                if p.dep_ == "prep" and p.lower_ in {"for", "on"}
                for g in p.children
                if g.dep_ == "pcomp"
            ):
                candidates += [
                    t for o in aim.children if o.dep_ == "dobj" for t in _prep_objects(o, ("with", "between"))
                ]
            if pattern.code[:2] in self.deed_roots:
                # "demanded the withdrawal of Serbian forces from Bosnia", "investigating crimes of X":
                # the one whose deed it is, or whom the demanded act is done to
                candidates += _prep_objects(obj, ("of",))
            if pattern.code[:2] in {"02", "10"}:  # "demanded support from the Assembly": the addressee
                candidates += _prep_objects(obj, ("from",))
            if pattern.code[:2] in {"08", "12"}:  # "rejected an offer from Kabul": whose offer it was
                candidates += _prep_objects(obj, ("from", "by"))
        candidates += _prep_objects(verb, (*_TARGET_PREPS[:-1], "between"))
        if not any(c.dep_ in {"dobj", "prep", "dative"} for c in verb.children):
            # "donated and delivered $50,000 worth of goods to Baghdad University": what follows the
            # last of two joined verbs belongs to both
            for conj in (
                c
                for c in verb.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and self._match(c, self.book.for_verb(self.verb_lemma(c)))[0] is None
            ):  # (unless that verb is an act of its own: "donated and shipped rice to X" is one, coded once)
                candidates += [o for o in conj.children if o.dep_ == "dative"] + _prep_objects(conj, ("to",))
                candidates += [
                    t for o in conj.children if o.dep_ == "dobj" for t in _prep_objects(o, ("to",))
                ]
        if obj is not None and pattern.code[:2] == "07":  # "evacuated the wounded from Gorazde": those
            candidates += _prep_objects(obj, ("from",))  # helped are of the place they are taken from
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):  # "demanded that Britain release"
            candidates += [
                c
                for c in clause.children
                if c.dep_ in {"nsubj", "nsubjpass"} or (c.dep_ == "poss" and clause.pos_ == "NOUN")
            ]  # ("that Myanmar's military release ...", parsed as a noun "release" owned by Myanmar)
        if pattern.code[:2] in {"02", "10"}:  # "insisted on its demands that Burundi's government grant"
            nouns = [*(o for o in verb.children if o.dep_ in _OBJ), *_prep_objects(verb, ("on", "for"))]
            for clause in (c for n in nouns for c in n.children if c.dep_ in {"ccomp", "acl"}):
                candidates += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for inf in (
            c for c in verb.children if c.dep_ == "xcomp"
        ):  # "threatened to resume attacks in Israel"
            objs = [c for c in inf.children if c.dep_ in {"dobj", "dative"}]
            if inf.lemma_.lower() in self.permission_verbs:  # "refused to allow UN planes to land"
                objs += [s for c in inf.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in _SUBJ]
            candidates += (
                objs
                + _prep_objects(inf, _TARGET_PREPS)
                + [t for o in objs for t in _prep_objects(o, _TARGET_PREPS)]
            )
        for area in [c for c in candidates if c.pos_ == "NOUN" and c.lemma_.lower() in self.place_nouns]:
            # "into waters off Taiwan", "along its border with China", "the territory of Lebanon"
            candidates += _prep_objects(area, ("off", "with", "of", "near", "along"))
        for cond in (c for c in verb.children if c.dep_ == "advcl"):  # "... unless Baghdad accepts"
            if any(m.lower_ in {"unless", "if"} for m in cond.children if m.dep_ == "mark"):
                candidates += [c for c in cond.children if c.dep_ == "nsubj"]
        if pattern.code[:2] in self.purpose_roots:  # "blocked roads to show disapproval of US policy"
            candidates += _purpose_objects(verb, obj, self.stance_nouns, self.protest_nouns)
        # "met Kim" names a party; "discussed Ukraine's counteroffensive" names a topic and its owner
        topic_owners = (
            {
                t.i
                for o in verb.children
                if o.dep_ in _OBJ and o.i not in ctx.role_tokens and o.i not in ctx.kb_tokens
                for c in o.children
                if c.dep_ == "poss"
                for t in c.subtree
            }
            if pattern.code[:2] == "04"
            else set()
        )
        placed = pattern.code[:2] != "01"  # "remarks in Doha" are not aimed at Qatar
        # nothing inside the doer's own phrase is its target ("doctors from two American aid groups")
        doer = {t.i for c in verb.children if c.dep_ in _SUBJ for t in c.subtree}
        if verb.dep_ == "acl" and _verbless_root(verb.sent.root):  # (the parse _sources reads likewise)
            doer |= {t.i for t in verb.sent.root.subtree} - {t.i for t in verb.subtree}
        candidates = [c for c in candidates if c.i not in doer]
        # "killed 23 people as well as themselves": a reflexive is the doer, never its target
        candidates = [
            c for c in candidates if not (c.pos_ == "PRON" and c.lower_.endswith(("self", "selves")))
        ]
        fallback: tuple[list[Resolved], str] | None = None
        for cand in candidates:
            found = [
                r
                for r in self.resolver.resolve(cand, ctx)
                if r.start not in topic_owners and (placed or not _through_place(cand, r.start))
                if r.actor.code  # "ethnic Albanians": a community of no state leaves the target open
                and r.actor.code not in src_codes
                and not any(s.start <= r.start < s.end for s in sources)  # (the same words twice)
                and not verb.doc[r.start].lower_.endswith(("self", "selves"))  # (a reflexive: the doer)
                and not _same_actor(r, sources)
                # "withdraw their peacekeeping force": the doer's own forces are no target
                and not (r.kind == "possessed" and any(s.actor.country == r.actor.country for s in sources))
                and not (_via(cand) == "at" and r.kind == "org")  # "signed at the United Nations": a venue
            ]
            if (
                found
                and pattern.code[:2] in self.purpose_roots
                and all(_named_as_place(verb.doc, r) for r in found)
            ):  # "blocked streets in Hong Kong in defiance of Chinese authorities": the place where it
                fallback = fallback or (found, _via(cand))  # happened yields to whom it is aimed at
                continue
            if found:
                return found, _via(cand)
            if (
                cand.dep_ in {"nsubjpass", "dobj"}
                and pattern.code[:2] in {"17", "18", "19", "20"}  # (not "sent police officers to X")
                and (cand.i in ctx.role_tokens or counted(cand).lemma_.lower() in self.people_words)
            ):  # "25 people were killed in a car bombing ... in Baghdad": the victims, not the city
                victims = self._role_target(verb, [cand], ctx, sources)
                if victims:
                    return victims, "role"
        if fallback:
            return fallback
        role_only = self._role_target(verb, candidates, ctx, sources)  # "arrested opposition activists"
        if role_only:
            return role_only, "role"
        domestic = pattern.code[:2] in self.domestic_roots
        # "sorrow for the shootings in South Carolina", "responsibility for an attack at a mall in
        # Kenya's capital": aimed at those who suffered, in the state where it happened
        if pattern.code in self.sufferer_codes:
            grief = [
                p for h in (verb, obj) if h is not None for p in _prep_objects(h, ("for", "over", "after"))
            ]
            grief += [c for g in grief for c in g.children if c.dep_ == "acl"]  # "an attack targeting ..."
            # (the parser often hangs the place on the verb: "condolences over the quake in Turkey")
            country = self._place_state(grief, ctx, named=True) or (
                self._place_state([verb], ctx, named=True) if grief else None
            )
            if country and country != "IGO":
                actor = Actor(code=country, country=country, role=None, name=f"people of {country}")
                return [Resolved(actor, verb.i, verb.i + 1, f"the sufferers are in {country}")], "place"
        if pattern.code[:2] not in self.location_roots:  # a statement made in Doha is not aimed at Qatar
            return [], "none"
        located = self._location_target(verb, obj, ctx, sources, domestic)
        if located and any(located[0].actor.country == s.actor.country for s in sources):
            return _own_state(sources), "own state"  # at home: aimed at the state, as CAMEO codes it
        return located, "location"

    def _converse(self, verb: Token, ctx: DocContext) -> list[Candidate]:
        """'Georgian demonstrators received weapons from the government': the giver acts on the taker."""
        given = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # ("assurances from X")
        givers = [
            r for g in given for t in _prep_objects(g, ("from",)) for r in self.resolver.resolve(t, ctx)
        ]
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        if not givers or subj is None:
            return []
        proxy = self.converse[self.verb_lemma(verb)]
        pattern, _ = self._match(
            verb, tuple(p for p in self.book.for_verb(proxy) if p.objects and not p.prep)
        )
        status = clause_status(verb, self.cues)
        takers = [r for r in self.resolver.resolve(subj, ctx) if not _same_actor(r, givers)]
        if pattern is None or status.status == "skip" or not takers:
            return []
        code = reframe(pattern.code, status.status, self.cues)
        why = f"'{verb.text}' ... from: the giver's act, coded as '{proxy}' {pattern.describe()}"
        conf = 0.7 if status.status != "hedged" else 0.42
        return [_clause_candidate(givers, takers, code, verb, why, conf, status)]

    def _domestic(
        self, verb: Token, pattern: Pattern, obj: Token | None, ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'A judge jailed two Chilean officials', 'Police arrested protesters in Tbilisi': a subject
        named only by its role acts in the country of the place named, else of its target."""
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
            return []
        subj = counted(subj)  # "Thousands of students began a hunger strike"
        role = ctx.role_tokens.get(subj.i) or next(
            (
                ctx.role_tokens[c.i]
                for c in subj.children
                if c.dep_ in {"compound", "amod"} and c.i in ctx.role_tokens
            ),
            None,
        )
        if role is None:
            return []
        country = self._place_country(verb, ctx)
        placeholder = Resolved(Actor(code="", country=None, role=role[1]), subj.i, subj.i + 1, "")
        targets, _ = self._targets(verb, pattern, obj, ctx, [placeholder]) if country is None else ([], "")
        if country is None and role[1] in _DOMESTIC_ROLES:  # police, courts, unions act at home
            country = next((t.actor.country for t in targets if t.actor.country != "IGO"), None)
        if country is None and _has_prefix(pattern.code, self.self_directed):
            # "President Dos Santos conceded to demands from UNITA": an act at home (a concession, a
            # protest, a curfew) by an official of unnamed state, in the one state the sentence names
            country = _sentence_state(verb.sent, ctx)
        if country is None and role[1] in _DOMESTIC_ROLES:  # "SEOUL - Riot police fired tear gas"
            country = ctx.filed_in
        if not country and role[1] in _NGO_ROLES:  # "a human rights group": CAMEO's NGO, no state
            country = "NGO"
        if not country:
            state_targets = [t for t in targets if t.actor.country and t.actor.country != "IGO"]
            if role[1] not in _STATELESS_ROLES or not state_targets:
                return []
            # "Insurgents bombarded Aleppo": an armed actor of unknown country, coded by its role
            # alone (as GDELT codes "REB"), still acts on the state it attacks.
            actor = Actor.of(None, role[1], name=_np_text_of(subj))
            source = Resolved(actor, subj.i, subj.i + 1, f"'{subj.text}' ({role[1]}) of no known country")
            return self._pattern_event(verb, pattern, obj, [source], ctx, status)
        actor = Actor.of(country, role[1], name=_np_text_of(subj))
        source = Resolved(
            actor, subj.i, subj.i + 1, f"'{subj.text}' ({role[1]}) with no country: acting in {country}"
        )
        return self._pattern_event(verb, pattern, obj, [source], ctx, status)

    def _unattributed(
        self, verb: Token, pattern: Pattern, obj: Token | None, ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'A roadside bomb near Samarra killed a U.S. soldier', 'three soldiers were killed in Basra':
        force with nobody named as its author is coded, as ICEWS codes it, to unidentified armed
        actors of the country where it happened."""
        if pattern.code[:2] not in self.unattributed_roots or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return []  # ("an attack targeting shoppers": coded, if at all, where its noun is)
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        host = verb.head if verb.dep_ == "advcl" and verb.tag_ == "VBG" and subj is None else None
        if host is not None:  # "A car bomb exploded in Kabul, killing 12 people": the blast's words
            subj = next((c for c in host.children if c.dep_ in _SUBJ), None)
        if subj is not None and (subj.pos_ in {"PRON", "PROPN"} or subj.i in ctx.role_tokens):
            return []  # someone is named, just not someone we know
        agent = next(
            (p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None
        )
        if agent is not None and (agent.pos_ == "PROPN" or agent.i in ctx.role_tokens):
            return []
        causes = [agent, subj, *_prep_objects(verb, ("in", "by", "during"))]
        if any(c is not None and c.lemma_.lower() in self.accident_nouns for c in causes):
            return []  # "Indian tourists were killed in a landslide in Nepal": nobody attacked them
        pattern = self._bombing(pattern, [c for c in causes if c is not None])
        owner, _ = self._attack_owner(verb, ctx)
        if owner:  # "killed in Israeli tank shelling": the shelling's author
            return self._pattern_event(verb, pattern, obj, owner, ctx, status)
        source = self._origin_attackers(verb, ctx)
        heads = [verb, *(t for t in (subj, agent, obj, host) if t is not None)]
        if host is not None:  # "tore through an army truck in Kandahar province"
            heads += _prep_objects(host, ("through", "into", "near", "at", "outside"))
        country = source.actor.country if source is not None else self._place_state(heads, ctx)
        if country is None:
            return []
        if source is None:
            actor = Actor.of(country, "UAF", name=f"unidentified attackers ({country})")
            anchor = subj if subj is not None else (agent if agent is not None else verb)
            source = Resolved(
                actor,
                anchor.i,
                anchor.i + 1,
                f"no author named: unidentified armed actors where it happened ({country})",
            )
        targets, via = self._targets(verb, pattern, obj, ctx, [source])
        if (
            not targets
            or via in {"location", "own state"}
            or any(t.actor.country == country and not t.actor.role for t in targets)
        ):  # only victims the text names ("a journalist was killed in Beirut": LBNUAF -> LBNMED);
            return []  # a place of the same state hit by its own unknowns says nothing
        return self._pattern_event(verb, pattern, obj, [source], ctx, status)

    def _bombing(self, pattern: Pattern, causes: list[Token]) -> Pattern:
        """'killed in a car bombing', 'a suicide bomber killed 12': force by a bomb is CAMEO's
        non-military bombing (183; suicide 1831, car 1832, roadside 1833), not plain force (190)."""
        if pattern.code[:2] != "19":
            return pattern
        kinds = self.cues.table("bombing_kinds")
        for cause in (c for c in causes if c.lemma_.lower() in self.cues.words("bombing_nouns")):
            words = {t.lemma_.lower() for t in cause.subtree if t.i <= cause.i}
            kind = next((code for word, code in kinds.items() if word in words), "183")
            return replace(pattern, code=kind)
        return pattern

    def _victims(self, verb: Token, ctx: DocContext) -> list[Candidate]:
        """'Three civilians died in a Russian air strike on Kharkiv': the attack is coded, from whoever
        its words name to the victims."""
        status = clause_status(verb, self.cues)
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        owner, attack = self._attack_owner(verb, ctx)
        if status.status == "skip" or subj is None or not owner or attack is None:
            return []
        aimed = [  # "in a Russian air strike on Kharkiv": the attack's own target first
            c for t in _prep_objects(attack, ("on", "against")) if (c := self._state_of_place(t, ctx))
        ]
        if aimed and aimed[0] not in {o.actor.country for o in owner} | {"IGO"}:
            actor = Actor(code=aimed[0], country=aimed[0], role=None, name=aimed[0])
            why = f"'{subj.text} {verb.text}' in an attack on {aimed[0]} by the actor its words name (190)"
            target = Resolved(actor, attack.i, attack.i + 1, f"the attack is on {aimed[0]}")
            return [_clause_candidate(owner, [target], "190", verb, why, 0.7, status)]
        victims = [r for r in self.resolver.resolve(subj, ctx) if r.actor.country]
        victims = victims or self._role_target(verb, [counted(subj)], ctx, owner)
        victims = [v for v in victims if not _same_actor(v, owner)]
        if not victims:
            return []
        why = f"'{subj.text} {verb.text}' in an attack by the actor its words name: the attack (190) is coded"
        return [_clause_candidate(owner, victims, "190", verb, why, 0.7, status)]

    def _attack_owner(self, verb: Token, ctx: DocContext) -> tuple[list[Resolved], Token | None]:
        """'were killed in Israeli tank shelling', 'died in a Russian air strike', 'wounded by a US
        drone strike': the attack named in the phrase is the act, and whoever its words name did it.
        Returns the doers and the attack (or weapon) noun."""
        for attack in _prep_objects(verb, ("in", "by", "during")):
            patterns = self.book.for_noun(attack.lemma_.lower())
            weapon = attack.lemma_.lower() in self.weapon_nouns  # "killed by a Russian missile"
            if not weapon and not any(p.code[:2] in {"18", "19", "20"} for p in patterns):
                continue
            mods = [c for c in attack.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
            found = [r for m in mods for r in self.resolver.resolve(m, ctx) if r.actor.country]
            if found:
                return found, attack
        return [], None

    def _origin_attackers(self, verb: Token, ctx: DocContext) -> Resolved | None:
        """'A mortar bomb was fired at Israel from the Gaza Strip': fire with no author named comes
        from unidentified armed actors of the place it was fired from."""
        origin = _prep_objects(verb, ("from",))
        country = next((c for o in origin if (c := self._state_of_place(o, ctx))), None)
        if not country or country == "IGO":
            return None
        actor = Actor.of(country, "UAF", name=f"unidentified attackers ({country})")
        why = f"no author named: unidentified armed actors of the place it came from ({country})"
        return Resolved(actor, origin[0].i, origin[0].i + 1, why)

    def _authorities(
        self, verb: Token, pattern: Pattern, obj: Token | None, ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'A missionary was arrested in Lebanon', 'a US national was put under investigation in
        Italy': arrests, expulsions and investigations with no one named are the acts of the
        authorities of the state where they happened."""
        if pattern.code[:2] not in self.authority_roots:
            return []
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if not passive or any(c.dep_ == "agent" for c in verb.children):
            return []
        country = self._place_state([verb, *([obj] if obj is not None else [])], ctx, named=True)
        if not country or country == "IGO":
            return []
        actor = Actor.of(country, "GOV", name=f"authorities of {country}")
        reason = f"no one named: the authorities of the state where it happened ({country})"
        source = Resolved(actor, verb.i, verb.i + 1, reason)
        return self._pattern_event(verb, pattern, obj, [source], ctx, status)

    def _place_state(self, heads: list[Token], ctx: DocContext, named: bool = False) -> str | None:
        """The state where it happened, from place phrases of ``heads`` or one level inside them
        ("killed in an ambush outside the town of Beni"). ``named``: only phrases that name a place
        ("in defiance of Chinese authorities" does not)."""
        for h in heads:
            for place in _prep_objects(h, _PLACE_PREPS):
                if place.lemma_.lower() in self.stance_nouns | self.weapon_nouns:
                    continue  # "in defiance of Beijing", "in Israeli tank fire": no place
                for p in (place, *_prep_objects(place, _PLACE_PREPS)):
                    if named and not any(
                        t.ent_type_ in {"GPE", "LOC", "FAC"} or t.pos_ == "PROPN" for t in p.subtree
                    ):
                        continue
                    country = self._state_of_place(p, ctx)
                    if country:
                        return country
        return None

    def _state_of_place(self, place: Token, ctx: DocContext, depth: int = 0) -> str | None:
        """The state of a place phrase: 'Lebanon', 'the Iraqi city of Basra', 'the town of Samarra'."""
        for r in self.resolver.resolve(place, ctx, conjuncts=False):
            if r.kind in {"country", "capital", "adjective"} and r.actor.country not in {None, "IGO"}:
                return r.actor.country
        found = _gazetteer_state(place, ctx)
        if found is None:  # "the Jenin refugee camp", "the Zaporizhzhia nuclear plant"
            names = (c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN")
            found = next((g for c in names if (g := _gazetteer_state(c, ctx)) is not None), None)
        if found is not None:
            return found.actor.country
        if depth < 2:
            for inner in _prep_objects(place, ("of",)):
                country = self._state_of_place(inner, ctx, depth + 1)
                if country:
                    return country
        return None

    def _role_target(
        self, verb: Token, candidates: list[Token], ctx: DocContext, sources: list[Resolved]
    ) -> list[Resolved]:
        """'arrested opposition activists in Tbilisi': a role with no country takes the country of
        the place named, else the source's own (a domestic event)."""
        expanded = [
            m
            for c in candidates
            for m in (
                [c, *_prep_objects(c, ("of",))]
                if c.lemma_.lower() in self.measure_nouns
                else [c, counted(c)]  # "two members of the opposition party": the party's
                if counted(c).i != c.i
                else [c]
            )
        ]
        for cand in expanded:
            role = ctx.role_tokens.get(cand.i) or next(
                (
                    ctx.role_tokens[c.i]
                    for c in cand.children
                    if c.dep_ in {"compound", "amod"} and c.i in ctx.role_tokens
                ),
                None,
            )
            if role is None and counted(cand).lemma_.lower() in self.people_words:  # "25 people": civilians
                role = (cand, "CVL")
            if role is None and cand.pos_ == "NOUN":  # "a missionary from Calgary": a national of
                origin = next(  # the state the place is in
                    (
                        g
                        for p in _prep_objects(cand, ("from",))
                        if (g := _gazetteer_state(p, ctx)) is not None
                    ),
                    None,
                )
                if origin is not None and not _same_actor(origin, sources):
                    return [
                        replace(origin, start=cand.i, end=cand.i + 1, reason=f"'{cand.text}' {origin.reason}")
                    ]
            if cand.pos_ == "NOUN" and cand.lemma_.lower() in self.place_nouns:
                # "the Jenin refugee camp", "a camp for Congolese refugees": a place, in its state
                place = self._state_of_place(cand, ctx)
                if place and place != "IGO" and not any(s.actor.country == place for s in sources):
                    actor = Actor(code=place, country=place, role=None, name=_np_text_of(cand))
                    why = f"'{_np_text_of(cand)}' is a place in {place}"
                    return [Resolved(actor, cand.i, cand.i + 1, why)]
            if role is None or cand.pos_ not in {"NOUN", "PROPN"} or role[1] in _FOREIGN_ROLES:
                continue  # (peacekeepers are sent from abroad: not the place's own)
            events = [c for c in verb.children if c.dep_ == "csubj"]  # ("Russian shelling in Kharkiv")
            named = self._place_state(
                [verb, cand, *_factual_clauses(verb), *events], ctx
            ) or _state_in_phrase(cand, ctx)  # ("refugees fleeing the civil war in Liberia")
            country = named or (sources[0].actor.country if sources else None)
            if not country or country == "IGO":
                return []
            actor = Actor.of(country, role[1], name=_np_text_of(cand))
            r = Resolved(
                actor, cand.i, cand.i + 1, f"'{cand.text}' ({role[1]}) with no country: taken as {country}'s"
            )
            # (a state's own people only when a place says so: "Russia and Ukraine exchanged
            # prisoners" are not Russia's prisoners of Russia)
            guessed = not named and any(s.actor.country == country and not s.actor.role for s in sources)
            return [] if _same_actor(r, sources) or guessed else [r]
        return []

    def _place_country(self, verb: Token, ctx: DocContext) -> str | None:
        for place in _prep_objects(verb, self.location_preps):
            for r in self.resolver.resolve(place, ctx, conjuncts=False):
                if r.kind in {"country", "capital"}:
                    return r.actor.country
        return None

    def _location_target(
        self, verb: Token, obj: Token | None, ctx: DocContext, sources: list[Resolved], domestic: bool = False
    ) -> list[Resolved]:
        """No target named: a state where the act took place ("met in Zurich", "drills in Alaska")."""
        src_countries = {s.actor.country for s in sources} if not domestic else set()
        # "at targets in Jericho": one level inside a place phrase as well
        places = [
            p
            for head in (verb, obj)
            if head is not None
            for outer in _prep_objects(head, self.location_preps)
            for p in (outer, *_prep_objects(outer, self.location_preps))
        ]
        for place in places:
            for r in self.resolver.resolve(place, ctx, conjuncts=False):
                if r.kind in {"country", "capital"} and r.actor.country not in src_countries:
                    actor = r.actor.__class__(
                        code=r.actor.country or "",
                        country=r.actor.country,
                        role=None,
                        name=r.actor.name,
                        kb_id=r.actor.kb_id,
                    )
                    return [
                        Resolved(actor, r.start, r.end, f"{r.reason}, where it took place", False, r.kind)
                    ]
            found = _gazetteer_state(place, ctx)  # a town the actor knowledge base does not list
            if found is not None and found.actor.country not in src_countries:
                return [found]
        if obj is not None and obj.pos_ == "PROPN":  # "shelled Juba": the town's state is the target
            found = _gazetteer_state(obj, ctx)
            if found is not None and found.actor.country not in src_countries:
                return [found]
        if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() in self.place_nouns:
            # "shelled the Congolese town of Goma", "bombed the Iraqi city of Mosul"
            country = self._state_of_place(obj, ctx)
            if country and country != "IGO" and country not in src_countries:
                actor = Actor(code=country, country=country, role=None, name=_np_text_of(obj))
                return [Resolved(actor, obj.i, obj.i + 1, f"'{_np_text_of(obj)}' is a place in {country}")]
        return []

    # ---- reported speech ----------------------------------------------------------------------
    def _speech(
        self, verb: Token, sources: list[Resolved], ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'X described Y as a crime', 'X called Y a mistake', 'X said that Y is abusing its power'."""
        content = [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "oprd", "xcomp", "prep", "advcl"}]
        demand = self._obligation(verb, sources, ctx, status)
        if demand:
            return demand
        if not content or self._inner_event(content):
            return []
        if any(t.dep_ == "neg" for c in content if c.dep_ == "ccomp" for t in c.subtree):
            return []  # "said he would not provide support": no praise (and not a judgement at all)
        judged = [t for c in content for t in _judged_tokens(c) if t.i not in ctx.kb_tokens]
        quote = _quote(verb.sent)
        words = " ".join(t.lower_ for t in judged)
        text = f" {words} {quote.lower() if quote else ''} "
        code, cue = self._judge(text, {t.lemma_.lower() for t in judged})
        if code is None:
            return []
        src_codes = {s.actor.code for s in sources}
        targets: list[Resolved] = []
        for c in content:
            for tok in [c, *c.subtree]:
                if tok.dep_ in _SUBJ | {"dobj", "poss", "pobj", "nsubjpass", "compound"} or tok is c:
                    found = [
                        r
                        for r in self.resolver.resolve(tok, ctx, conjuncts=True)
                        if r.actor.code not in src_codes
                    ]
                    if found:
                        targets = found
                        break
            if targets:
                break
        why = f"reported speech: '{verb.text}' with {cue}"
        conf = 0.6 if status.status != "hedged" else 0.4
        return [_clause_candidate(sources, targets, code, verb, why, conf, status)]

    def _allegation(
        self, verb: Token, sources: list[Resolved], ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'The US said ISIL had attacked Iraq': telling of a hostile act by someone else is an
        accusation (112) of the doer.  When the speaker is the one the act was done to ("Georgia said
        Russian warplanes bombed ..."), the act is its allegation, the accusation's evidence
        (``covers``), and not coded again; a third party's report codes the act too.  'Hamas claimed
        that it had fired rockets' takes responsibility (015), and the doer's own word attests the
        act, which is coded as well."""
        src_codes = {s.actor.code for s in sources}
        # Only a speaker who leads ("X said that Y ..."): a trailing "..., officials said" is the
        # reporter's source for the news, not a claim of theirs.
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
            for inner in (t for t in clause.subtree if t.pos_ == "VERB"):
                if inner.i != clause.i and inner.dep_ not in {"conj", "xcomp"}:
                    continue
                pattern, inner_obj = self._match(inner, self.book.for_verb(self.verb_lemma(inner)))
                if pattern is None or pattern.code[:2] not in self.alleged_roots:
                    continue
                subj = next((c for c in inner.children if c.dep_ in _SUBJ), None)
                if subj is None and inner.dep_ == "conj":
                    subj = next((c for c in inner.head.children if c.dep_ in _SUBJ), None)
                if subj is None:  # "said a mortar bomb was fired at it from Gaza": no author named
                    origin = self._origin_attackers(inner, ctx) if _is_passive(inner) else None
                    if origin is None:
                        continue
                    doers = [origin]
                else:
                    doers = self.resolver.resolve(subj, ctx)
                if doers and all(d.actor.code in src_codes or _same_actor(d, sources) for d in doers):
                    # a claim about oneself is no accusation; "claimed/admitted (that) it had attacked"
                    # takes responsibility (015)
                    done = clause_status(inner, self.cues).status in {"realised", "hedged"}
                    if verb.lemma_.lower() not in self.responsibility_verbs or not done:
                        return []  # ("confirmed it would tighten the blockade": a plan, not a deed)
                    inner_pattern, inner_obj = self._match(inner, self.book.for_verb(self.verb_lemma(inner)))
                    assert inner_pattern is not None
                    targets, _ = self._targets(inner, inner_pattern, inner_obj, ctx, sources)
                    why = (
                        f"reported speech: '{verb.text}' tells of its own hostile act ('{inner.text}', "
                        f"{pattern.code}): responsibility claimed"
                    )
                    # (the act stays an event too: a doer's own word for its deed attests it)
                    return [_clause_candidate(sources, targets, "015", verb, why, 0.6, status)]
                if not doers:
                    return []
                why = (
                    f"reported speech: '{verb.text}' tells of a hostile act ('{inner.text}', "
                    f"{pattern.code}) by another actor: an accusation"
                )
                conf = 0.6 if status.status != "hedged" else 0.4
                accusation = _clause_candidate(sources, doers, "112", verb, why, conf, status)
                # A victim's word for what was done to it ("Georgia said Russian warplanes bombed
                # a base near Tbilisi") is its accusation, and the act is its allegation (not coded
                # twice); a third party's report ("the UN said coalition air strikes hit ...") also
                # tells of the act.
                hit, _ = self._targets(inner, pattern, inner_obj, ctx, doers)
                speakers = {s.actor.country for s in sources if s.actor.country}
                if any(t.actor.country in speakers for t in hit) or (not hit and subj is None):
                    accusation = replace(accusation, covers=_clause_verbs(clause))
                    accusation.why += "; the speaker's allegation of an act against itself"
                return [accusation]
        return []

    def _obligation(
        self, verb: Token, sources: list[Resolved], ctx: DocContext, status: ClauseStatus
    ) -> list[Candidate]:
        """'X said that Y must withdraw': X demands (10) of Y; 'Y should' is an appeal (02)."""
        src_codes = {s.actor.code for s in sources}
        for clause in verb.subtree:
            message = (  # "a reminder to Iraq that it must ...": the content clause of the object
                clause.dep_ == "acl"
                and clause.head.dep_ == "dobj"
                and any(m.lower_ == "that" for m in clause.children)
            )
            if not message and (
                clause.dep_ != "ccomp" or (clause.head.i != verb.i and clause.head.dep_ != "dobj")
            ):
                continue
            modal = next(
                (a for a in clause.children if a.dep_ == "aux" and a.lower_ in {"must", "should"}), None
            )
            subj = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if modal is None and subjunctive(clause):  # "insisted that Sudan free the prisoners"
                modal = clause
                subj = [
                    p for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                ] or subj
            if modal is None or not subj:
                continue
            heads = [subj[0]]
            if message and subj[0].pos_ == "PRON":  # "a reminder to Iraq that it must": "it" is Iraq
                heads = _prep_objects(verb, ("to",)) + heads
            resolved = (
                [r for r in self.resolver.resolve(h, ctx) if r.actor.code not in src_codes] for h in heads
            )
            targets = next((found for found in resolved if found), [])
            if targets:
                code = "020" if modal.lower_ == "should" else "100"
                said = clause.text if modal is clause else f"{modal.text} {clause.text}"
                why = f"reported obligation: '{verb.text}' ... '{said}' is a "
                why += "demand" if code == "100" else "appeal"
                conf = 0.6 if status.status != "hedged" else 0.4
                return [_clause_candidate(sources, targets, code, verb, why, conf, status)]
        return []

    def _inner_event(self, content: list[Token]) -> bool:
        """Does the reported clause hold an act of its own (coded by its verb, not by the speech)?
        Only verbs of the clause itself count, not those inside a noun ("the decision to support")."""
        for c in content:
            if c.dep_ != "ccomp":
                continue
            stack = [c]
            while stack:
                tok = stack.pop()
                if (
                    tok.pos_ == "VERB"
                    and self._match(tok, self.book.for_verb(self.verb_lemma(tok)))[0] is not None
                ):
                    return True
                stack.extend(ch for ch in tok.children if ch.pos_ in {"VERB", "AUX"} and ch.dep_ != "relcl")
        return False

    def _judge(self, text: str, lemmas: set[str]) -> tuple[str | None, str]:
        for key, code in (("threat", "130"), ("criticism", "111"), ("praise", "051")):
            for w in sorted(self.cues.words(key), key=len, reverse=True):
                if (" " in w and f" {w} " in text) or w in lemmas or f" {w} " in text:
                    return code, f"{key} word '{w}'"
        return None, ""

    # ---- event nouns --------------------------------------------------------------------------
    def _content_of_act(self, noun: Token) -> bool:
        """Is the event noun what another act is about ("rejected an offer for talks", "called for
        a truce between")?  Then the noun is no event of its own; the verb's act is coded."""
        tok = noun
        while tok.head.i != tok.i and tok.pos_ not in {"VERB", "AUX"}:
            if tok.dep_ == "pobj" and tok.head.lower_ not in {"for", "on", "of", "to"}:
                return False  # "a truce after fighting between them": a time or a cause, not content
            tok = tok.head
        if tok.pos_ not in {"VERB", "AUX"} or tok.i == noun.i:
            return False
        lemma = self.verb_lemma(tok)
        return self._match(tok, self.book.for_verb(lemma))[0] is not None or lemma in self.speech

    def _noun(self, noun: Token, ctx: DocContext) -> list[Candidate]:
        pattern, _ = self._match_noun(noun, self.book.for_noun(noun.lemma_.lower()))
        if pattern is None:
            return []
        gov = _governing_verb(noun)
        if gov is not None and clause_status(gov, self.cues).status == "skip":
            return []
        # "the expulsion of Russian diplomats by Prague": the agent; else "Prague's expulsion of ..."
        src_tok = (
            _prep_objects(noun, ("by",))
            or [b for o in _prep_objects(noun, ("of",)) for b in _prep_objects(o, ("by",))]  # (parser)
            or [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
        )
        sources = [r for t in src_tok for r in self._doers_of(t, [noun], ctx) if r.kind != "unplaced"]
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ in {"during", "on", "after", "before"}:
            # "hailed Gadhafi as a brother during a visit to Tripoli": the visit is the subject's
            host = noun.head.head
            if host.pos_ == "VERB":
                subj = next((c for c in host.children if c.dep_ in _SUBJ), None)
                if subj is not None:
                    sources = [r for r in self._doers_of(subj, [host], ctx) if r.kind != "unplaced"]
        if not sources:
            gov = noun.head
            if gov.pos_ == "VERB" and (
                self.book.for_verb(gov.lemma_.lower()) or noun.dep_ in {"dobj", "obj"}
            ):  # "mediated talks between": the verb's; "to oversee a ceasefire between": its topic
                return []
            if self._content_of_act(noun):  # "rejected an offer for talks between the two"
                return []
            parties = _prep_objects(noun, ("between",)) + [
                t for o in _noun_objects(noun) for t in _prep_objects(o, ("between",))
            ]
            between = [r for t in parties for r in self.resolver.resolve(t, ctx)]
            if len({r.actor.code for r in between}) > 1:
                why = f"event noun '{noun.text}' between parties matched {pattern.describe()}"
                return [Candidate(between, [], pattern.code, noun, why, 0.7, False, None, True, noun)]
            return []
        preps = (pattern.prep,) if pattern.prep else ("to", "of", "with", "against", "on", "in")
        src_codes = {s.actor.code for s in sources}
        targets = [
            r
            for t in _prep_objects(noun, preps)
            for r in self.resolver.resolve(t, ctx)
            if r.actor.code not in src_codes
        ]
        if not targets:
            return []
        why = f"event noun '{noun.text}' matched {pattern.describe()}"
        mutual = pattern.code in self.symmetric or (pattern.reciprocal and _has_prep(noun, "with"))
        if mutual:  # "Blinken's meeting with Wang Yi": both met
            why += "; a joint act: coded both ways"
        cand = Candidate(sources, targets, pattern.code, noun, why, 0.7, False, None, False, noun)
        cand.mutual = mutual
        return [cand]


_NGO_ROLES = {"NGO", "HRI"}  # with no country named: the transnational NGO prefix
_ARMED_ROLES = {"MIL", "COP", "UAF", "REB", "INS", "SEP", "SPY"}
_STATELESS_ROLES = {"REB", "INS", "UAF", "SEP", "RAD"}  # armed or radical actors often of no named country
_FORCE_UNITS = {"contingent", "battalion", "brigade", "force", "unit", "detachment", "division", "regiment"}
_FOREIGN_ROLES = {"PKO", "IMG"}  # roles of forces sent from abroad: never the place's own
_DOMESTIC_ROLES = {"COP", "JUD", "OPP", "CVL", "LAB", "EDU", "HLH", "AGR", "REF", "CRM"}


_PLACE_KINDS = {"city", "region", "port", "site"}
_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "around", "on")


def _state_in_phrase(head: Token, ctx: DocContext) -> str | None:
    """The one state named anywhere inside the phrase of ``head`` (None if none or several)."""
    states = {
        e.country
        for t in head.subtree
        if t.i in ctx.kb_tokens and t.i != head.i
        for e in ctx.kb_tokens[t.i][1][:1]
        if e.kind in {"country", "adjective", "capital", "demonym"} and e.country
    }
    return states.pop() if len(states) == 1 else None


def _purpose_objects(
    verb: Token, obj: Token | None, stance_nouns: frozenset[str], protest_nouns: frozenset[str]
) -> list[Token]:
    """Whom a protest or a mobilisation is aimed at, when its verb names no one: the objects of its
    purpose clause ("blocked a road to show their disapproval of US policy"), of a stance phrase ("in
    defiance of Chinese authorities") or of its aim ("mobilized reservists for a war against Iraq")."""
    out: list[Token] = []
    for aim in _prep_objects(verb, ("for",)) + (_prep_objects(obj, ("for",)) if obj is not None else []):
        out += _prep_objects(aim, ("against", "with"))
    for clause in verb.children:
        if clause.dep_ in {"advcl", "xcomp"} and any(
            a.lower_ == "to" for a in clause.children if a.dep_ == "aux"
        ):
            for obj in (c for c in clause.children if c.dep_ in {"dobj", "obj"}):
                out += [obj, *(c for c in obj.children if c.dep_ == "poss")]
                for inner in _prep_objects(obj, ("of", "for", "against", "over", "at", "with", "on")):
                    out += [inner, *(c for c in inner.children if c.dep_ == "poss")]
            out += _prep_objects(clause, ("against", "at", "with"))
    for stance in _prep_objects(verb, ("in",)):
        if stance.lemma_.lower() in stance_nouns:
            out += _prep_objects(stance, ("of", "at", "against", "over", "to"))
    for rally in _prep_objects(verb, ("during", "at", "in")):  # "during demonstrations against X"
        if rally.lemma_.lower() in protest_nouns:
            out += _prep_objects(rally, ("against", "at", "over"))
    return out


def _through_place(head: Token, i: int) -> bool:
    """Is token ``i`` inside ``head``'s phrase only as a place ("his remarks in Doha")?"""
    tok = head.doc[i]
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in {"in", "at", "throughout", "across", "near"}:
            return True
        tok = tok.head
        if tok.i == head.i:
            break
    return False


def _phrase_head(doc, r: Resolved) -> Token:
    """The head noun of the phrase an actor was found in ("Tunisian rioters": rioters)."""
    tok = doc[max(r.end - 1, r.start)]
    while tok.dep_ in {"amod", "compound", "nmod", "poss"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _doers(deed: Token) -> list[Token]:
    """Who did the deed a noun names: "crimes by Croatian extremists", "crimes committed by X",
    "the attack on the embassy by Russian troops" (the parser may hang "by" on the embassy)."""
    out = _prep_objects(deed, ("by",))
    for acl in (c for c in deed.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        out += [g for a in acl.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    for inner in _prep_objects(deed, ("on", "against", "of")):
        out += _prep_objects(inner, ("by",))
    return out


def _phrase_role(head: Token, ctx: DocContext) -> str | None:
    """The role a phrase's words give: its body's ("leaders of the opposition coalition": OPP), else
    the head's ("police"), else a modifier's ("opposition activists")."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            inner = _phrase_role(pobj, ctx)
            if inner:
                return inner
    if head.i in ctx.role_tokens:
        return ctx.role_tokens[head.i][1]
    for c in head.children:
        if c.dep_ in {"compound", "amod"} and c.i in ctx.role_tokens:
            return ctx.role_tokens[c.i][1]
    return None


def _aimed_at(verbs: list[Token]) -> set[int]:
    """Tokens of the verbs' objects and target phrases (with, to, against, from ...)."""
    out: set[int] = set()
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in {"dobj", "dative", "attr", "oprd", "nsubjpass", "xcomp", "ccomp", "advcl"} or (
                c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
            ):
                out.update(t.i for t in c.subtree)
    return out


def _sentence_state(sent: Span, ctx: DocContext, skip: set[int] | frozenset[int] = frozenset()) -> str | None:
    """The one state a sentence names (by a country, capital, person or body, or a listed town),
    outside the tokens ``skip``."""
    states = {
        e.country
        for t in sent
        if t.i in ctx.kb_tokens and t.i not in skip
        for e in ctx.kb_tokens[t.i][1][:1]
        if e.country and e.country != "IGO"  # people and bodies count: "Congress asked Obama to help Iran"
    }
    for t in sent:
        if (
            t.ent_type_ == "GPE"
            and t.i not in ctx.kb_tokens
            and t.i not in skip
            and (t.i + 1 >= sent.end or t.nbor().ent_type_ != "GPE")
        ):
            found = _gazetteer_state(t, ctx)
            if found is not None:
                states.add(found.actor.country)
    return states.pop() if len(states) == 1 else None


def _gazetteer_state(tok: Token, ctx: DocContext | None = None) -> Resolved | None:
    """The state of a named town or region, from the gazetteer ("in Jericho" -> PSE).  A name borne
    by towns in several states is read as the one in a state the text has named ("Greenville" in a
    story about Liberia is Liberia's, not South Carolina's)."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in {"DATE", "TIME"}:
        return None  # ("in March" is a month, not the town in Cambridgeshire)
    if tok.ent_type_ == "PERSON" and not (tok.dep_ == "pobj" and tok.head.pos_ == "ADP"):
        return None  # "met Kim": a man, not the Indian town ("in Lyon", even tagged a person, is a place)
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
    name = tok.doc[words[0].i : tok.i + 1].text if words else tok.text
    if {name.split()[0], name.split()[-1]} & WATER_WORDS:
        return None  # "the Red Sea" is no Sudanese province, "the Gulf of Aden" no state's land
    places = [p for p in gazetteer().lookup(name) if p.kind in _PLACE_KINDS and len(p.country) == 3]
    if not places:
        return None
    named = (
        _states_named(tok.sent, ctx) if ctx is not None and len({p.country for p in places}) > 1 else set()
    )
    place = next((p for p in places if p.country in named), places[0])
    actor = Actor(code=place.country, country=place.country, role=None, name=place.name)
    return Resolved(
        actor, tok.i, tok.i + 1, f"'{name}' is a place in {place.country} (gazetteer)", False, "place"
    )


def _states_named(sent: Span, ctx: DocContext) -> set[str]:
    """The states the knowledge base found in ``sent`` and earlier in the document."""
    here = {e.country for t in sent if t.i in ctx.kb_tokens for e in ctx.kb_tokens[t.i][1][:1] if e.country}
    return here | ctx.countries_seen


def _own_state(sources: list[Resolved], self_too: bool = False) -> list[Resolved]:
    """The source's own government: whom a protest with no named addressee is aimed at.  With
    ``self_too``, a government's own act at home (a curfew, an arrest, a lifted emergency) is aimed at
    its country: its people."""
    src = next(
        (s for s in sources if s.actor.country and s.actor.country != "IGO" and s.actor.role != "GOV"), None
    )
    if src is None and self_too:
        gov = next((s for s in sources if s.actor.country and s.actor.country != "IGO"), None)
        if gov is not None:
            c = gov.actor.country
            actor = Actor(code=c, country=c, role=None, name=f"people of {c}")
            return [
                Resolved(actor, gov.start, gov.end, f"no one named: a state's act at home is aimed at {c}")
            ]
    if src is None:
        return []
    c = src.actor.country
    actor = Actor(code=c + "GOV", country=c, role="GOV", name=f"government of {c}")
    return [Resolved(actor, src.start, src.end, f"no addressee named: aimed at {c}'s government")]


def _clause_candidate(
    sources: list[Resolved],
    targets: list[Resolved],
    code: str,
    verb: Token,
    why: str,
    conf: float,
    status: ClauseStatus,
    reciprocal: bool = False,
    mutual: bool = False,
) -> Candidate:
    """A candidate event triggered by a verb, with its clause's hedge flag and the sentence's quote."""
    hedged = status.status == "hedged"
    return Candidate(
        sources, targets, code, verb, why, conf, hedged, _quote(verb.sent), reciprocal, verb, mutual=mutual
    )


def _clause_verbs(clause: Token) -> frozenset[int]:
    """The verbs of a reported clause: what the speaker claims was done."""
    return frozenset(t.i for t in clause.subtree if t.pos_ == "VERB")


_STATE_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def _has_prefix(code: str, prefixes: frozenset[str]) -> bool:
    """Is ``code`` one of, or below one of, the CAMEO code prefixes (roots or longer)?"""
    return any(code.startswith(p) for p in prefixes)


def _verbless_root(tok: Token) -> bool:
    """A noun parsed as the root of a sentence that has a verb: the parse lost the main clause."""
    return (
        tok.dep_ == "ROOT"
        and tok.pos_ in {"NOUN", "PROPN"}
        and not any(c.dep_ == "punct" and c.lower_ in {":", "-", "--"} for c in tok.children)
    )


def _has_prep(head: Token, prep: str) -> bool:
    return any(
        c.dep_ in {"prep", "agent", "dative"}
        and c.lower_ == prep
        and any(g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} for g in c.children)
        for c in head.children
    )


def _controls(verb: Token) -> bool:
    """'wants Putin to attack': an object and an infinitive clause (or a clause with its own subject)."""
    has_obj = any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    xcomp = any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children)
    ccomp_subj = any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) for c in verb.children)
    return (has_obj and xcomp) or ccomp_subj


def _np_text_of(tok: Token) -> str:
    lo = min(
        t.i
        for t in tok.subtree
        if (t.i <= tok.i and t.dep_ in {"compound", "amod", "det", "poss"}) or t is tok
    )
    return tok.doc[lo : tok.i + 1].text


def _factual_clauses(verb: Token) -> list[Token]:
    """Adverbial clauses of ``verb`` that tell what happened ("..., shelling the east of Gaza", "when
    they blew themselves up in Tel Aviv"), not conditions ("if war starts in Iraq")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and not any(m.dep_ == "mark" and m.lower_ in {"if", "unless", "whether"} for m in c.children)
    ]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _deadline_clause(verb: Token, deadlines: frozenset[str]) -> Token | None:
    """'gave Khartoum 30 days to disarm', 'gave the ambassador 72 hours to leave': the verb of what
    the deadline is for, when ``verb`` grants a deadline to someone."""
    limit = next(
        (c for c in verb.children if c.lemma_.lower() in deadlines and c.dep_ in {"dobj", "npadvmod"}), None
    )
    if limit is None:
        return None
    clauses = [c for c in verb.children if c.dep_ in {"advcl", "xcomp"}]
    clauses += [c for c in limit.children if c.dep_ in {"relcl", "acl"}]
    return next((c for c in clauses if c.pos_ == "VERB"), None)


def _plain_call(verb: Token) -> bool:
    """'called Xi Jinping on Monday': a call with a named person or state as its only complement."""
    complements = [
        c for c in verb.children if c.dep_ in {"dobj", "oprd", "ccomp", "xcomp", "prt", "attr", "dative"}
    ]
    return (  # (the parser reads "called Putin on Sunday" with Putin as dobj or as oprd)
        len(complements) == 1
        and complements[0].dep_ in {"dobj", "oprd"}
        and complements[0].pos_ == "PROPN"
        and not any(c.dep_ in {"appos", "acl", "relcl"} for c in complements[0].children)
        and not _has_prep(verb, "for")
    )


def _each_other(verb: Token) -> bool:
    """Is the act aimed at 'each other' / 'one another' ("accused each other", "each other's
    diplomats", "fired at one another")?"""
    objects = _object_heads(verb)
    for tok in [*objects, *(c for o in objects for c in o.children if c.dep_ == "poss")]:
        words = {c.lower_ for c in tok.children if c.dep_ in {"det", "nummod", "amod"}}
        if (tok.lower_ == "other" and "each" in words) or (tok.lower_ == "another" and "one" in words):
            return True
        if tok.lower_ == "one" and "another" in words:  # (the parser's reading of "at one another")
            return True
    return False


_VENUE_NOUNS = {"capital", "city", "town", "port", "resort", "village"}


def _named_as_place(doc, r: Resolved) -> bool:
    """Is ``r`` a state named only as where something happened ("talks in Moscow", "signed in the
    Algerian capital")?"""
    tok = doc[r.end - 1]
    if r.kind == "adjective" and tok.dep_ == "amod" and tok.head.lemma_.lower() in _VENUE_NOUNS:
        tok = tok.head  # "in the Algerian capital": the capital is the place
    elif r.kind not in {"country", "capital"}:
        return False
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in {"in", "at"}
        and tok.head.head.dep_ in {"dobj", "ROOT", "conj", "xcomp", "ccomp"}
    )


def _via(tok: Token) -> str:
    head = tok.head
    return head.lower_ if tok.dep_ == "pobj" and head.dep_ in {"prep", "dative"} else tok.dep_


def _judged_tokens(clause: Token) -> list[Token]:
    """The words of a reported clause that say what the speaker thinks: predicates and objects."""
    if clause.dep_ in {"oprd", "dobj", "xcomp"}:
        return list(clause.subtree)
    if clause.dep_ == "prep":
        return list(clause.subtree) if clause.lower_ == "as" else []
    out: list[Token] = [clause]
    for c in clause.children:
        if c.dep_ in {"attr", "acomp", "dobj", "oprd", "xcomp", "ccomp", "neg"} or (
            c.dep_ == "prep" and c.lower_ == "as"
        ):
            out.extend(c.subtree)
    return out


def _same_actor(r: Resolved, sources: list[Resolved]) -> bool:
    """A target that is the source again: same country and no distinct roles (GOV vs OPP is fine)."""
    return any(
        r.actor.country == s.actor.country
        and (
            r.actor.role == s.actor.role
            or (not r.actor.role and s.actor.role in _STATE_ROLES)  # "Dudayev threatened Russia": a
            # rebel, a dissident or a cleric is not the state he acts against; nor is the state
            # its own rebels ("Peru is prosecuting Peruvian guerrillas": PER -> PERREB)
            or (not s.actor.role and (not r.actor.role or r.actor.role in _STATE_ROLES))
        )
        for s in sources
    )


def _drop_tolls(cands: list[Candidate], toll_verbs: frozenset[str]) -> list[Candidate]:
    """'Rebels shelled Juba, killing 20 people': the killing is the toll of the shelling, one act,
    not a second one (the attack keeps its own target)."""
    force = {"18", "19", "20"}
    hit: dict[tuple[int, str], set[str | None]] = {}  # (attack verb, attacker) -> states it hit
    for c in cands:
        if c.code[:2] in force:
            for s in c.sources:
                hit.setdefault((c.trigger.i, s.actor.code), set()).update(t.actor.country for t in c.targets)
    return [
        c
        for c in cands
        if not (
            c.code[:2] in force
            and c.trigger.tag_ == "VBG"
            and c.trigger.dep_ == "advcl"
            and c.trigger.lemma_.lower() in toll_verbs
            and all(
                (key := (c.trigger.head.i, s.actor.code)) in hit
                and {t.actor.country for t in c.targets} <= hit[key] | {s.actor.country}
                for s in c.sources
            )
        )
    ]


def _prune(cands: list[Candidate], one_sided: frozenset[str]) -> list[Candidate]:
    """Drop fragments: an interaction (a statement, a meeting, an appeal...) with no target, and a
    targetless event of a source that has a targeted one in the same sentence."""
    with_target = {s.actor.code for c in cands if c.targets or c.reciprocal for s in c.sources}
    out = []
    for c in cands:
        own = c.code[:2] in one_sided or c.act[:2] in one_sided  # "agreed to resign": needs no target
        fragment = not own or all(s.actor.code in with_target for s in c.sources)
        if not c.targets and not c.reciprocal and fragment:
            continue
        out.append(c)
    return out


def _stems(word: str) -> list[str]:
    """Regular English stems of an inflected verb: staged -> stage, tried -> try, talks -> talk."""
    out: list[str] = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # "planned" -> "plan"
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _forms(tok: Token) -> set[str]:
    """The ways an object word can be listed in a pattern: lemma, as written, with its compounds."""
    comps = [c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"} and c.i < tok.i]
    forms = {tok.lemma_.lower(), tok.lower_}
    if comps:
        forms |= {
            " ".join([*comps, tok.lemma_.lower()]),
            " ".join([*comps, tok.lower_]),
            " ".join([comps[-1], tok.lemma_.lower()]),
            " ".join([comps[-1], tok.lower_]),
        }
    # each modifier with the noun: "joint naval drills" is listed as "joint drill"; "search and rescue
    # teams" as "rescue team"
    mods = [m for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} for m in (c, *c.conjuncts)]
    forms |= {f"{m.lower_} {tok.lemma_.lower()}" for m in mods if m.i < tok.i}
    if tok.pos_ == "PROPN":  # "U.S. Ambassador Philip Goldberg": a name's title word is what it is
        forms |= {m.lower_ for m in mods if m.i < tok.i and m.text[:1].isupper() and m.is_alpha}
    return forms


def _object_heads(verb: Token, measures: frozenset[str] = frozenset()) -> list[Token]:
    """Direct objects, passive subjects and prepositional objects of a verb, in that order; a measure
    noun gives way to what it measures ("tons of aid": aid)."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass", "attr", "dative"}]
    out += _up_to_objects(verb) + _shifted_objects(verb)
    out = [m for o in out for m in ([*_prep_objects(o, ("of",)), o] if o.lemma_.lower() in measures else [o])]
    out += [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"NOUN", "PROPN"}]
    for p in (c for c in verb.children if c.dep_ in {"prep", "agent"}):
        objs = [c for c in p.children if c.dep_ == "pobj"]
        # "pulled out of the Commonwealth": the object of a two-word preposition
        out += objs or [g for q in p.children if q.dep_ == "prep" for g in q.children if g.dep_ == "pobj"]
    for o in list(out):
        out += [c for c in o.children if c.dep_ == "conj"]
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":  # "a pact signed in June"
        out.append(verb.head)
    return out


def _shifted_objects(verb: Token) -> list[Token]:
    """'denounced as an ugly crime Serbia's suppression of ...': the object moved after the "as"
    phrase, which the parser reads as an apposition to it; it is the verb's direct object."""
    if any(c.dep_ in {"dobj", "obj"} for c in verb.children):
        return []
    return [a for o in _prep_objects(verb, ("as",)) for a in o.children if a.dep_ == "appos"]


def _describes(verb: Token, documents: frozenset[str]) -> bool:
    """'dispersed demonstrators protesting election results', 'UN inspectors probing suspect sites',
    'freed schoolgirls kidnapped by the militants': a participle on a noun says who the participants
    are, not what the report tells of (what a document says stays: "a declaration demanding that")."""
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.lower_ in {"with", "without"}
        and any(c.dep_ == "nsubj" for c in verb.children)
    ):  # "negotiate with the rebels holding 74 hostages" (the parser's "with X doing Y")
        return True
    if verb.dep_ != "acl" or verb.tag_ not in {"VBG", "VBN"} or verb.head.lemma_.lower() in documents:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in verb.children):
        return False  # a clause of its own ("an allegation that the NPFL had taken the city")
    if verb.tag_ == "VBN":  # "schoolgirls kidnapped by the militants": who they are, told before
        noun = verb.head
        if _verbless_root(verb.sent.root) or (
            noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
        ):  # but "There were 10 soldiers killed", and a main verb the parser hung on its subject
            return False
    return True


def _purpose_of(verb: Token, coded: dict[int, str], root: str) -> bool:
    """'staged demonstrations to demand reforms', 'visited Dakar to mediate': an infinitive of purpose
    of a coded act is what the act is for.  The act is the event; what it is meant to achieve has not
    happened.  A protest purpose of an act coded otherwise names the act's kind ("shunned work to
    protest") and stays."""
    if verb.dep_ != "advcl" or not any(a.lower_ == "to" for a in verb.children if a.dep_ == "aux"):
        return False
    return verb.head.i in coded and (root != "14" or coded[verb.head.i] == "14")


def _stranded_infinitives(verb: Token) -> list[Token]:
    """'will allow 13,000 refugees who have lived in Iraq for a decade to return': the parser hangs
    the infinitive on the relative clause of the object; it completes the verb."""
    return [
        inf
        for o in verb.children
        if o.dep_ == "dobj"
        for rel in o.children
        if rel.dep_ == "relcl"
        for inf in rel.children
        if inf.dep_ == "advcl"
        and inf.pos_ == "VERB"
        and any(a.lower_ == "to" for a in inf.children if a.dep_ == "aux")
    ]


def _up_to_objects(verb: Token) -> list[Token]:
    """'kidnapped up to 16 Russian advisers': the parser makes "up" a particle and the counted noun
    the object of "to"; it is the verb's direct object."""
    return [
        g
        for prt in verb.children
        if prt.dep_ == "prt" and prt.lower_ == "up"
        for prep in prt.children
        if prep.dep_ == "prep" and prep.lower_ == "to"
        for g in prep.children
        if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)
    ]


def _noun_objects(noun: Token) -> list[Token]:
    out = [c for c in noun.children if c.dep_ == "compound"]
    for p in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        out += [c for c in p.children if c.dep_ == "pobj"]
    return out


def _prep_objects(head: Token, preps: tuple[str, ...] | list[str]) -> list[Token]:
    out: list[Token] = []
    for prep in preps:
        for c in head.children:
            if c.dep_ in {"prep", "dative"} and c.lower_ == prep:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if not objs:  # "outside of the city", "out of Gorazde": a two-word preposition
                    objs = [g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
                out += objs or _stranded_object(c)
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """'granted asylum to five officers holed up in ...': the parser makes the noun after the
    preposition the subject of the next clause and leaves the preposition empty."""
    if prep.i + 1 >= len(prep.doc):
        return []
    for tok in prep.doc[prep.i + 1 : prep.i + 8]:
        if (
            tok.dep_ in {"nsubj", "nsubjpass"}
            and tok.left_edge.i == prep.i + 1
            and tok.pos_ in {"NOUN", "PROPN"}
        ):
            return [tok]
    return []


def _forces_leaving(verb: Token, ctx: DocContext) -> bool:
    """Do armed forces leave a named place ("Soviet troops left Afghanistan")?"""
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    place = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or place is None or place.pos_ != "PROPN":
        return False
    role = ctx.role_tokens.get(counted(subj).i)
    return role is not None and role[1] in {"MIL", "PKO"}


def _forces_arriving(verb: Token, sources: list[Resolved]) -> bool:
    """Are the ones who arrive armed forces ("troops", "a contingent"), not an officer on a visit?"""
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    if subj is None or not sources or not all(s.actor.role in {"MIL", "PKO"} for s in sources):
        return False
    forces = counted(subj)
    return forces.tag_ == "NNS" or forces.lemma_.lower() in _FORCE_UNITS


def _second_subject(noun: Token) -> bool:
    """Is ``noun`` one of two subjects the parser gave one verb ("Youths resorted to ..., officials
    said": the first is really the subject of the verb hung on it)?"""
    return noun.dep_ == "nsubj" and sum(c.dep_ == "nsubj" for c in noun.head.children) > 1


def _governing_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _quote(sent: Span) -> str | None:
    m = _QUOTE.search(sent.text)
    return m.group(1).strip() if m else None
