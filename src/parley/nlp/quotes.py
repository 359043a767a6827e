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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.nlp.marks import MarkedSpan, marked_spans
from parley.nlp.mentions import Mention
from parley.nlp.syntax import span_roots, verb_subject
from parley.nlp.words import Words, default_words
from parley.records import Quote

_MAX_CLIMB = 8
_MODIFIER_DEPS = frozenset({"advmod", "npadvmod", "prep", "amod", "neg", "aux", "mark"})


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting word of a quote and the subject that says it."""

    token: Token | None  # the reporting verb, or "according" of "according to X"
    speaker: Token | None
    disputed: bool = False  # quoted from a claim that the subject denies or that nobody owns


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


def _governing_cue(span: Span, words: Words) -> Cue | None:
    """The reporting verb on the path from the quote up to the sentence root, if any."""
    for root in reversed(span_roots(span)):
        disputed = False
        current = root
        for _ in range(_MAX_CLIMB):
            if current.head.i == current.i:
                break
            child, current = current, current.head
            if span.start <= current.i < span.end:
                continue
            if current.pos_ == "NOUN" and current.lemma_.lower() in words.claim_nouns:
                disputed = True
            # A reporting verb reports what it governs as content, not a manner ("respond 'firmly'").
            if _is_reporting(current, words) and child.dep_ not in _MODIFIER_DEPS:
                if current.lemma_.lower() in words.denial_verbs:
                    disputed = True
                return Cue(current, verb_subject(current), disputed)
    return None


def _adjacent_cue(doc: Doc, span: Span, words: Words) -> Cue | None:
    """A reporting verb right after the quote ("..., he said") or just before it ("He said:")."""
    end_sent = doc[span.end - 1].sent
    for token in doc[span.end : end_sent.end]:
        if token.is_punct or token.is_space:
            continue
        if _is_reporting(token, words):
            return Cue(token, verb_subject(token))
        if token.pos_ not in ("PRON", "PROPN", "NOUN", "ADV", "DET", "ADJ", "ADP", "PUNCT", "NUM"):
            break
    start_sent = doc[span.start].sent
    for token in reversed(doc[start_sent.start : span.start]):
        if _is_reporting(token, words):
            return Cue(token, verb_subject(token))
    if start_sent.start > 0:
        previous = doc[start_sent.start - 1].sent
        last = [t for t in previous if not t.is_space]
        if last and last[-1].text == ":":
            for token in reversed(last):
                if _is_reporting(token, words):
                    return Cue(token, verb_subject(token))
    return None


def attribute(doc: Doc, span: Span, *, sentence_like: bool, words: Words) -> Cue | None:
    """The cue of a quoted span, or None when nothing reports it (a scare quote).

    Only sentence-like quotes look beside themselves for a cue; a quoted term inside a
    clause is attributed only when a reporting verb governs that clause.
    """
    cue = _governing_cue(span, words)
    if cue is not None:
        return cue
    according = _according_to(doc[span.start].sent)
    if according is not None:
        return according
    if sentence_like:
        return _adjacent_cue(doc, span, words)
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
        if found is not None:
            return found
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
        return None

    def __call__(self, doc: Doc) -> list[Quote]:
        text = doc.text  # Doc.text is rebuilt from the tokens on every access
        quotes: list[Quote] = []
        marked_tokens: set[int] = set()
        previous: tuple[int, Quote] | None = None  # (paragraph start, last attributed quote)
        for marked in marked_spans(doc):
            span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            marked_tokens.update(range(span.start, span.end))
            sentence_like = _sentence_like(doc, text, span, marked)
            cue = attribute(doc, span, sentence_like=sentence_like, words=self.words)
            quote = self._quote(text, marked, sentence_like, cue)
            paragraph = text.rfind("\n\n", 0, marked.open_mark)
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
        kind = "direct" if sentence_like else "partial"
        text = article[marked.start : marked.end]
        if cue is None or cue.disputed:
            return Quote(text, marked.start, marked.end, kind, None, None, _cue_word(cue))
        mention = self.mention_of(cue.speaker)
        if mention is None:
            return Quote(text, marked.start, marked.end, kind, None, None, _cue_word(cue))
        return Quote(
            text,
            marked.start,
            marked.end,
            kind,
            mention.ref,
            (mention.start_char, mention.end_char),
            _cue_word(cue),
        )

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
            speaker = self.mention_of(verb_subject(token))
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
            speaker = self.mention_of(cue.speaker)
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


def _reported(text: str, words: list[Token], speaker: Mention, cue: str) -> Quote | None:
    """An indirect quote over ``words`` (trailing punctuation dropped), or None when nothing is left."""
    while words and (words[-1].is_punct or words[-1].is_space):
        words = words[:-1]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Quote(
        text[start:end], start, end, "indirect", speaker.ref, (speaker.start_char, speaker.end_char), cue
    )


def _cue_word(cue: Cue | None) -> str | None:
    if cue is None or cue.token is None:
        return None
    if cue.token.lower_ == "according":
        return "according to"
    return cue.token.lower_


def find_quotes(doc: Doc, mentions: Sequence[Mention], words: Words | None = None) -> list[Quote]:
    """All quotes of ``doc``, marked and indirect, in text order."""
    return QuoteFinder(mentions, words)(doc)
