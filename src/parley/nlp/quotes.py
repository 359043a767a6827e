"""Quotations: find quoted and reported speech and decide who said it.

Three steps, each a small function:

1. ``parley.nlp.marks`` finds the spans inside quotation marks.
2. ``attribute`` finds the cue of a marked span: the reporting verb that governs it
   in the parse ("..., he said", "said Rubio", "Bruce ..., stating, ...", "labeled
   the offer ..."), a reporting verb beside it in the same sentence, a colon
   introduction in the sentence before, or "according to X". The speaker is the
   cue's subject, resolved through the actor mentions.
3. ``find_indirect`` collects reported speech without marks: a reporting verb with a
   clausal complement ("Rubio said that ...") and "according to X, ...".

Scare quotes (a quoted term with no cue) get no speaker, and words quoted from
claims that somebody denies are not attributed to the one who denies them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.nlp.marks import MarkedSpan, marked_spans
from parley.nlp.mentions import Mention
from parley.nlp.syntax import RELATIVE_PRONOUNS, span_roots, verb_subject
from parley.nlp.words import Words, default_words
from parley.records import ActorRef, Quote, QuoteKind

_MAX_CLIMB = 8
_MODIFIER_DEPS = frozenset({"advmod", "npadvmod", "prep", "amod", "neg", "aux", "mark"})
# Dependencies inside a description of a person that lead to the person's name.
_DESCRIPTION_DEPS = frozenset(
    {"appos", "acl", "dobj", "oprd", "attr", "compound", "npadvmod", "pobj", "prep"}
)

Span_ = tuple[int, int]
# Where the parser puts the speaker of '"...," said the minister' when it misses the inversion.
_INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "npadvmod", "dative", "nsubj"})


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting word of a quote and the subject that says it."""

    token: Token | None  # the reporting verb, or "according" of "according to X"
    speaker: Token | None
    disputed: bool = False  # quoted from a claim that the subject denies or that nobody owns
    # For a verb after the quote ('"...," tweeted Mayor Jane Doe'): the words after the verb,
    # where the speaker stands when the parser gave the verb no subject.
    following: tuple[int, ...] = ()


def _is_reporting(token: Token, words: Words) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB"):
        return False
    if lemma in words.reporting_verbs:
        return True
    return any(f"{lemma} {child.lower_}" in words.phrasal_reporting_verbs for child in token.children)


def _according_to(sent: Span) -> Cue | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            for child in token.nbor().children:
                if child.dep_ == "pobj":
                    return Cue(token, child)
    return None


def _governing_cue(span: Span, words: Words, others: Sequence[Span_] = ()) -> Cue | None:
    """The reporting verb on the path from the quote up to the sentence root, if any.

    ``others`` are the token ranges of the other quotes: a verb inside one of them is quoted
    content, not the cue ('"While we wait," he said, "we urge ..."' hangs the first part on
    "urge"), unless that quote encloses this one.
    """
    foreign = [(s, e) for s, e in others if not (s <= span.start and span.end <= e)]
    for root in reversed(span_roots(span)):
        disputed = False
        current = root
        for _ in range(_MAX_CLIMB):
            if current.head.i == current.i:
                break
            child, current = current, current.head
            if span.start <= current.i < span.end or any(s <= current.i < e for s, e in foreign):
                continue
            if current.pos_ == "NOUN" and current.lemma_.lower() in words.claim_nouns:
                disputed = True
            if _names_as(current, child):
                return Cue(current, verb_subject(current), disputed)
            # A reporting verb reports what it governs as content, not a manner ("respond 'firmly'").
            if _is_reporting(current, words) and child.dep_ not in _MODIFIER_DEPS:
                if current.lemma_.lower() in words.denial_verbs:
                    disputed = True
                if child.dep_ == "oprd" and _passive_naming(current):
                    return Cue(current, _agent(current), disputed)
                return Cue(current, verb_subject(current, foreign), disputed)
    return None


def _passive_naming(verb: Token) -> bool:
    """Whether a verb names something in the passive: "a programme called 'Learning Together'",
    "the deal was called 'void'". Then only a "by" phrase says who named it. An active "X
    called Y 'Z'" has a subject or an object of its own."""
    deps = {c.dep_ for c in verb.children}
    if "dobj" in deps or "nsubj" in deps:
        return False
    return "auxpass" in deps or verb.dep_ in ("acl", "advcl")


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _names_as(verb: Token, child: Token) -> bool:
    """Whether ``verb`` calls something by the quoted words: "attacked the inquiry as 'a witch
    hunt'", "described the strike as 'defensive'". The verb needs a subject of its own (not
    "an operation known as ...")."""
    return (
        child.dep_ == "prep"
        and child.lower_ == "as"
        and verb.pos_ == "VERB"
        and any(c.dep_ in ("nsubj", "dobj") for c in verb.children)
        and verb_subject(verb) is not None
    )


def _introduced(doc: Doc, text: str, marked: MarkedSpan, span: Span) -> Cue | None:
    """The clause that introduces a quote with a colon or a comma: "Trump defended his decision,
    '...'", "Bolton gave a different account, speaking via Twitter: '...'". Its main verb is the
    cue and that verb's subject the speaker, whatever the verb."""
    before = text[: marked.open_mark].rstrip()
    if not before.endswith((":", ",")) or "\n\n" in text[len(before) : marked.open_mark]:
        return None
    mark = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if mark is None or mark.start >= span.start:
        return None
    sent = mark[0].sent
    if sent.start == mark.start:
        return None
    # The intro clause's own top verb: its head lies outside the words before the mark (the
    # parser often hangs the intro on the quote's verb).
    root = next(
        (
            t
            for t in doc[sent.start : mark.start]
            if t.pos_ in ("VERB", "AUX") and not (sent.start <= t.head.i < mark.start and t.head.i != t.i)
        ),
        None,
    )
    if root is None:
        # A transcript's speaker label: "WALLACE: '...'", "Sen. Graham: '...'".
        label = [t for t in doc[sent.start : mark.start] if not t.is_space]
        if (
            before.endswith(":")
            and 0 < len(label) <= 4
            and all(t.pos_ == "PROPN" or t.is_upper for t in label)
        ):
            return Cue(None, label[-1])
        return None
    subject = verb_subject(root)
    if subject is None or span.start <= subject.i < span.end:
        return None
    return Cue(root, subject)


def _after(verb: Token, end: int) -> tuple[int, ...]:
    """The few words after a reporting verb, up to ``end``, where an inverted speaker stands."""
    return tuple(range(verb.i + 1, min(verb.i + 9, end)))


def _previous_subject(doc: Doc, span: Span) -> Cue | None:
    """A quote that opens a sentence with no cue anywhere, right after a sentence of the same
    paragraph about someone ("McGurk criticised the decision on Twitter. 'The statement shows
    ...'"): that sentence's subject, whose words these are."""
    sent = doc[span.start].sent
    if any(not (t.is_punct or t.is_space) for t in doc[sent.start : span.start]) or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if "\n\n" in doc[before.end - 1 : sent.start + 1].text:
        return None
    subject = verb_subject(before.root) if before.root.pos_ in ("VERB", "AUX") else None
    return Cue(before.root, subject) if subject is not None and subject.pos_ == "PROPN" else None


def _signature(doc: Doc, text: str, marked: MarkedSpan) -> Cue | None:
    """A name signed after a quote with a dash, as under an epigraph or a reader's comment:
    '"Fear. I am truly afraid." ― Edwin Monroy'."""
    i = marked.close_mark + 1
    while i < len(text) and text[i] in " \t\xa0.,":
        i += 1
    if i >= len(text) or text[i] not in "―—–":
        return None
    name = doc.char_span(i + 1, min(len(text), i + 60), alignment_mode="expand")
    if name is None:
        return None
    words = [t for t in name if not t.is_space]
    if not words or words[0].pos_ != "PROPN" or "\n" in text[i : words[0].idx]:
        return None
    run = [words[0]]
    for t in words[1:]:
        initial = t.text == "." and len(run[-1].text) == 1 and run[-1].is_alpha  # "Edwin G . Monroy"
        name_word = t.pos_ == "PROPN" and t.text[:1].isalnum()
        if not (name_word or initial) or "\n" in text[run[-1].idx : t.idx]:
            break  # the signature ends with its line ("― Jane Doe.\n\nGetty Images")
        run.append(t)
    return Cue(None, run[-1] if run[-1].pos_ == "PROPN" else run[-2], following=tuple(t.i for t in run))


def _adjacent_cue(doc: Doc, span: Span, words: Words) -> Cue | None:
    """A reporting verb right after the quote ("..., he said") or just before it ("He said:")."""
    end_sent = doc[span.end - 1].sent
    if end_sent.end < len(doc) and all(t.is_punct or t.is_space for t in doc[span.end : end_sent.end]):
        # '"... will you pledge?" he asks.': the parser ends the sentence at the quote's "?".
        next_sent = doc[end_sent.end].sent
        if "\n" not in doc[span.end : end_sent.end].text and len(next_sent) <= 12:
            end_sent = next_sent
    for token in doc[span.end : end_sent.end]:
        if token.is_punct or token.is_space:
            continue
        if _is_reporting(token, words):
            subject = verb_subject(token)
            if subject is not None and span.start <= subject.i < span.end:
                subject = None  # the parser took the quote's own subject for the speaker
            if subject is None:
                subject = next(
                    (
                        c
                        for c in token.rights
                        if c.dep_ in _INVERTED_SUBJECT_DEPS and c.ent_type_ not in ("DATE", "TIME")
                    ),
                    None,
                )
            # With the parse broken, the speaker is named between the quote and the verb or
            # right after the verb.
            between = tuple(t.i for t in doc[span.end : token.i] if not (t.is_punct or t.is_space))
            return Cue(token, subject, following=between + _after(token, end_sent.end))
        # A capitalised word is part of a name the tagger misread ("Tulsa police Chief ... said").
        if token.pos_ not in ("PRON", "PROPN", "NOUN", "ADV", "DET", "ADJ", "ADP", "PUNCT", "NUM") and not (
            token.is_title
        ):
            break
    start_sent = doc[span.start].sent
    for token in reversed(doc[start_sent.start : span.start]):
        if _is_reporting(token, words):
            # 'Said Ellis: "..."': an inverted speaker stands between the verb and the quote.
            return Cue(token, verb_subject(token), following=_after(token, span.start))
    if start_sent.start > 0:
        previous = doc[start_sent.start - 1].sent
        last = [t for t in previous if not t.is_space]
        if last and last[-1].text == ":":
            for token in reversed(last):
                if _is_reporting(token, words):
                    return Cue(token, verb_subject(token))
    return None


def attribute(
    doc: Doc,
    text: str,
    span: Span,
    marked: MarkedSpan,
    *,
    sentence_like: bool,
    words: Words,
    others: Sequence[Span_] = (),
) -> Cue | None:
    """The cue of a quoted span, or None when nothing reports it (a scare quote).

    Only sentence-like quotes look beside themselves for a cue; a quoted term inside a
    clause is attributed only when a reporting verb governs that clause. ``others`` are the
    token ranges of the document's other quotes.
    """
    cue = _governing_cue(span, words, others)
    if cue is not None:
        return cue
    according = _according_to(doc[span.start].sent)
    if according is not None:
        return according
    if sentence_like:
        return _adjacent_cue(doc, span, words) or _introduced(doc, text, marked, span)
    return None


def _sentence_like(doc: Doc, text: str, span: Span, marked: MarkedSpan) -> bool:
    """A quote that is a clause of its own, not a term inside someone else's sentence."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    sent = doc[span.start].sent
    at_start = all(t.is_punct or t.is_space for t in doc[sent.start : span.start])
    before = text[max(0, marked.open_mark - 3) : marked.open_mark].rstrip()
    after_intro = before.endswith((":", ","))
    return has_verb and (at_start or after_intro or len(words) >= 6)


class QuoteFinder:
    """Finds the quotes of a parsed Doc whose actor mentions are already resolved."""

    def __init__(self, mentions: Sequence[Mention], words: Words | None = None) -> None:
        self.words = words or default_words()
        self._by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self._by_token[i] = mention

    def mention_of(self, token: Token | None) -> Mention | None:
        """The actor mention covering ``token`` or the head noun of its phrase."""
        if token is None:
            return None
        found = self._by_token.get(token.i)
        if found is not None and found.via == "context":
            # A role noun given the story's country: a name inside its description says more
            # ("a protester using the pseudonym Katya").
            return self._named_within(token) or found
        if found is not None:
            return found
        # "A member of the Tunisian Parliament, Samir Dilou, said": the person the description
        # names, before the body it names on the way.
        person = self._named_within(token, people_only=True)
        if person is not None:
            return person
        for child in token.children:  # "the ministry's spokesman" -> nothing; "officials of Russia" below
            if child.dep_ in ("compound", "appos") and child.i in self._by_token:
                return self._by_token[child.i]
        for conj in token.conjuncts:
            if conj.i in self._by_token:
                return self._by_token[conj.i]
        for prep in token.children:  # "a spokesman for the Kremlin" speaks for the Kremlin
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in self._by_token:
                        return self._by_token[obj.i]
        return self._named_within(token)

    def _first_named(self, tokens: Sequence[int]) -> tuple[ActorRef, Span_] | None:
        """The first actor mentioned among ``tokens`` (people before bodies and places, names
        before pronouns)."""
        mentions = [self._by_token[i] for i in tokens if i in self._by_token]
        named = [m for m in mentions if m.via != "pronoun"] or mentions
        named = [m for m in named if m.kind == "person"] or named
        return (named[0].ref, (named[0].start_char, named[0].end_char)) if named else None

    def _body_before(self, pronoun: Token) -> Mention | None:
        """What an unresolved "they" that speaks stands for: the named body that was the
        subject of the sentence before ("The Commission criticised the move. They released a
        statement which said ..."); news often makes a body plural."""
        sent = pronoun.sent
        if sent.start == 0:
            return None
        before = pronoun.doc[sent.start - 1].sent
        if before.root.pos_ not in ("VERB", "AUX"):
            return None
        subject = verb_subject(before.root)
        if subject is None or subject.pos_ != "PROPN":
            return None
        mention = self.mention_of(subject)
        return mention if mention is not None and mention.kind != "person" else None

    def _apposed_person(self, token: Token) -> Mention | None:
        """A person named between commas right after a description the parser did not join to
        it: "According to a witness, Sergeant Jane Doe, when ..." (it took the name for the
        next clause's subject)."""
        if token.pos_ != "NOUN":
            return None
        after = max(t.i for t in token.subtree) + 1
        doc = token.doc
        if after >= len(doc) or doc[after].text != ",":
            return None
        for i in range(after + 1, min(after + 9, len(doc))):
            if doc[i].is_punct:
                break
            mention = self._by_token.get(i)
            if mention is not None and mention.kind == "person":
                closing = doc[mention.end] if mention.end < len(doc) else None
                return mention if closing is not None and closing.text == "," else None
        return None

    def _person_before(self, verb: Token) -> tuple[ActorRef, Span_] | None:
        """The person named nearest before a verb the parser gave no subject, in its sentence:
        "Speaking to AFP, the head of the league, Jane Doe, said, '...'" hangs the whole opening
        on the participle's object."""
        for i in range(verb.i - 1, verb.sent.start - 1, -1):
            mention = self._by_token.get(i)
            if mention is not None and mention.kind == "person":
                return mention.ref, (mention.start_char, mention.end_char)
        return None

    def _named_within(self, token: Token, *, people_only: bool = False) -> Mention | None:
        """A person named inside a description: "a protester using the pseudonym Katya", "a
        witness, Sergeant Michael Marciello". People first, then any actor, nearest first."""
        frontier = [token]
        for _ in range(4):
            following = []
            for current in frontier:
                for child in current.children:
                    if child.dep_ not in _DESCRIPTION_DEPS:
                        continue
                    mention = self._by_token.get(child.i)
                    if mention is not None and (mention.kind == "person" or not people_only):
                        return mention
                    following.append(child)
            frontier = following
        return None

    def speaker(
        self, token: Token | None, cue: Token | None, *, described: bool = True
    ) -> tuple[ActorRef, Span_] | None:
        """Who a cue's subject names: an actor mention, the issuer of a statement, the person a
        text is quoted from ("quotes X as saying"), else the proper name itself, else (when
        ``described``) the description ("the announcer")."""
        if cue is not None and cue.dep_ == "pcomp" and cue.head.lower_ == "as":
            quoted = next((c for c in cue.head.head.children if c.dep_ == "dobj"), None)
            token = quoted or token  # "Indymedia quotes Elizabeth Nadeau as saying ..."
        if token is None:
            return None
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head  # "a statement which said": the statement
        subjects = [c for c in token.head.children if c.dep_ == token.dep_ == "nsubj"]
        if len(subjects) > 1:
            # "A member of parliament, Samir Dilou said": a missing comma leaves two subjects;
            # the one nearest the verb names the speaker.
            token = max((s for s in subjects if s.i < token.head.i), key=lambda s: s.i, default=token)
        if token.lemma_.lower() in self.words.document_nouns:
            # '"...," read the statement': the document is the cue's object, not an issued one.
            read_out = cue is not None and token.dep_ == "dobj" and token.head.i == cue.i
            own = None if read_out else _issuer(token)
            token = own or _earlier_issuer(token) or token
        mention = self.mention_of(token) or self._apposed_person(token)
        if mention is None and token.lower_ == "they":
            mention = self._body_before(token)
        if mention is not None:
            return mention.ref, (mention.start_char, mention.end_char)
        return _proper_name(token, self._by_token) or (_description(token) if described else None)

    def __call__(self, doc: Doc) -> list[Quote]:
        text = doc.text  # Doc.text is rebuilt from the tokens on every access
        quotes: list[Quote] = []
        marked_tokens: set[int] = set()
        previous: tuple[int, Quote] | None = None  # (paragraph start, last attributed quote)

        def paragraph_of(marked: MarkedSpan) -> int:
            return text.rfind("\n\n", 0, marked.open_mark)

        found = [(m, doc.char_span(m.start, m.end, alignment_mode="expand")) for m in marked_spans(doc)]
        spans = [(marked, span) for marked, span in found if span is not None and len(span) > 0]
        ranges = [(span.start, span.end) for _, span in spans]
        for marked, span in spans:
            if _nickname(span):
                continue
            marked_tokens.update(range(span.start, span.end))
            sentence_like = _sentence_like(doc, text, span, marked)
            others = [r for r in ranges if r != (span.start, span.end)]
            cue = attribute(
                doc, text, span, marked, sentence_like=sentence_like, words=self.words, others=others
            )
            if cue is None:
                cue = _signature(doc, text, marked)
            if cue is None and sentence_like and (previous is None or previous[0] != paragraph_of(marked)):
                cue = _previous_subject(doc, span)
            quote = self._quote(text, marked, sentence_like, cue)
            paragraph = paragraph_of(marked)
            if (
                quote.speaker is None
                and cue is None
                and sentence_like
                and previous is not None
                and previous[0] == paragraph
            ):
                # News convention: a further quoted sentence in the same paragraph, with no
                # cue of its own, continues the speaker of the quote before it.
                prior = previous[1]
                quote = Quote(
                    quote.text, quote.start, quote.end, quote.kind, prior.speaker, prior.speaker_mention, None
                )
            if quote.speaker is not None:
                previous = (paragraph, quote)
            quotes.append(quote)
        quotes.extend(self._indirect(doc, text, marked_tokens))
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _quote(self, article: str, marked: MarkedSpan, sentence_like: bool, cue: Cue | None) -> Quote:
        kind: QuoteKind = "direct" if sentence_like else "partial"
        text = article[marked.start : marked.end]
        if cue is None or cue.disputed:
            return Quote(text, marked.start, marked.end, kind, None, None, _cue_word(cue))
        # A few words quoted inside what a group says ("analysts pointed out that its willingness
        # to 'move on' ...") echo somebody else: only whole quotes go to a described speaker.
        subject, following = cue.speaker, cue.following
        if subject is not None and cue.token is not None and marked.start <= subject.idx < marked.end:
            # The parser took a word of the quote for the speaker ('"The only conclusion ... is
            # that ...," tweeted Ken Gude'): the speaker stands after the verb.
            subject = None
            following = _after(cue.token, cue.token.sent.end)
        if subject is None and cue.token is not None:
            # '"...," read the statement': the document stands after the verb as its object.
            subject = next(
                (
                    c
                    for c in cue.token.children
                    if c.dep_ == "dobj" and c.lemma_.lower() in self.words.document_nouns
                ),
                None,
            )
        found = self.speaker(subject, cue.token, described=sentence_like) or self._first_named(following)
        if (
            found is None
            and subject is None
            and cue.token is not None
            and cue.token.idx < marked.start
            and cue.token.dep_ != "acl"  # "a box labeled 'urgent'" describes the box
        ):
            found = self._person_before(cue.token)
        if found is None:
            return Quote(text, marked.start, marked.end, kind, None, None, _cue_word(cue))
        return Quote(text, marked.start, marked.end, kind, found[0], found[1], _cue_word(cue))

    def _indirect(self, doc: Doc, text: str, marked_tokens: set[int]) -> Iterable[Quote]:
        """Reported speech without marks: a reporting verb's clausal complement, or "according to X"."""
        yield from self._according(doc, text, marked_tokens)
        for token in doc:
            if token.i in marked_tokens or not _is_reporting(token, self.words):
                continue
            if token.lemma_.lower() in self.words.denial_verbs:
                continue
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if clause is not None:
                words = [t for t in clause.subtree if not t.is_space]
            else:
                words = _clause_before(token)
            if any(t.i in marked_tokens or t.is_quote for t in words):
                continue
            if len(words) < 4:
                continue
            speaker = self.speaker(verb_subject(token), token)
            if speaker is None:
                continue
            first = words[0]
            if first.dep_ == "mark" and first.lower_ in ("that", "whether", "if"):
                words = words[1:]
            quote = _reported(text, words, speaker, token.lower_)
            if quote is not None:
                yield quote

    def _according(self, doc: Doc, text: str, marked_tokens: set[int]) -> Iterable[Quote]:
        """ "According to X, <clause>." and "<clause>, according to X." as X's indirect quote."""
        for sent in doc.sents:
            cue = _according_to(sent)
            if cue is None or cue.token is None or any(t.i in marked_tokens for t in sent):
                continue
            speaker = self.speaker(cue.speaker, None)
            if speaker is None:
                continue
            phrase = sorted(t.i for t in cue.token.subtree)
            words = [t for t in sent if not (phrase[0] <= t.i <= phrase[-1]) and not t.is_space]
            if phrase[0] > sent.start and phrase[-1] < sent.end - 2:
                continue  # the phrase sits mid-sentence: which clause it covers is unclear
            while words and words[0].is_punct:
                words = words[1:]
            quote = _reported(text, words, speaker, "according to")
            if quote is not None and len(words) >= 4:
                yield quote


def _issuer(document: Token) -> Token | None:
    """Who issued a statement: its possessor ("Erdogan's statement"), the object of "by"/"from"
    ("a statement released by the ministry"), or the subject of the verb that issued it ("the
    council released a statement which said ...")."""
    for child in document.children:
        if child.dep_ == "poss":
            return child
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    return next((g for g in grand.children if g.dep_ == "pobj"), None)
    if document.dep_ in ("dobj", "nsubjpass") and document.head.pos_ == "VERB":
        return verb_subject(document.head)
    return None


def _nickname(span: Span) -> bool:
    """A name's nickname in quotation marks ('Sergeant Frank "Greg" Ford'): a word or two
    between a given name and a surname, no quotation at all."""
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    if not 0 < len(words) <= 2 or not all(t.is_alpha and t.is_title for t in words):
        return False
    if span.start < 2 or span.end + 1 >= len(doc):
        return False
    before, after = doc[span.start - 2], doc[span.end + 1]
    return all(t.pos_ == "PROPN" and t.is_title for t in (before, after))


def _earlier_issuer(document: Token) -> Token | None:
    """Who issued "the statement" that has no issuer of its own: the issuer of the latest
    statement told in an earlier sentence ("X released a statement ... '...,' read the
    statement")."""
    if not any(c.lower_ == "the" for c in document.children):
        return None
    lemma = document.lemma_.lower()
    for token in reversed(document.doc[: document.sent.start]):
        if token.pos_ == "NOUN" and token.lemma_.lower() == lemma:
            return _issuer(token)
    return None


def _proper_name(token: Token, taken: Container[int]) -> tuple[ActorRef, Span_] | None:
    """A speaker named by a proper noun that no table or NER entity covers ("Asia Times Online
    predicts ...", "Amnesty International Man-kei Tam said"): the run of proper nouns (joined
    by hyphens) that ends in it and that no other mention holds, with no country or role."""
    if token.pos_ != "PROPN":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and (start - 1) not in taken:
        before = doc[start - 1]
        hyphen = (
            before.text == "-" and start > 1 and doc[start - 2].pos_ == "PROPN" and not before.whitespace_
        )
        if not (before.pos_ == "PROPN" or hyphen):
            break
        start -= 1
    name = doc[start : token.i + 1]
    return ActorRef(name.text), (name.start_char, name.end_char)


def _description(token: Token) -> tuple[ActorRef, Span_] | None:
    """A speaker the text only describes ("the announcer said", "a senior official says"): the
    description as written, so the quote still says who spoke."""
    if token.pos_ != "NOUN":
        return None
    words = [t for t in token.lefts if t.dep_ in ("amod", "compound", "nmod", "poss", "nummod")]
    start = min([t.i for t in words] + [token.i])
    phrase = token.doc[start : token.i + 1]
    return ActorRef(phrase.text), (phrase.start_char, phrase.end_char)


def _clause_before(verb: Token) -> list[Token]:
    """The clause a sentence opens with when it ends in ", X said" and the parser left them apart."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children):
        return []
    first = min(t.i for t in subject.subtree)
    sent = verb.sent
    comma = verb.doc[first - 1] if first - 1 > sent.start else None
    if comma is None or comma.text != "," or verb.i < first:
        return []
    return [t for t in verb.doc[sent.start : comma.i] if not t.is_space]


def _reported(text: str, words: list[Token], speaker: tuple[ActorRef, Span_], cue: str) -> Quote | None:
    """An indirect quote over ``words`` (trailing punctuation dropped), or None when nothing is left."""
    while words and (words[-1].is_punct or words[-1].is_space):
        words = words[:-1]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Quote(text[start:end], start, end, "indirect", speaker[0], speaker[1], cue)


def _cue_word(cue: Cue | None) -> str | None:
    if cue is None or cue.token is None:
        return None
    if cue.token.lower_ == "according":
        return "according to"
    return cue.token.lower_


def find_quotes(doc: Doc, mentions: Sequence[Mention], words: Words | None = None) -> list[Quote]:
    """All quotes of ``doc``, marked and indirect, in text order."""
    return QuoteFinder(mentions, words)(doc)
