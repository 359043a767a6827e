"""Events: who did what to whom, and when, read from the dependency parse.

For each sentence, ``extract_events`` finds triggers (verbs, adjectives and event nouns
matched by lemma in the event lexicon, see ``event_lexicon.yaml``), codes them in CAMEO,
and reads their arguments from the parse:

* The **source** is the actor of the trigger's subject (the agent of a passive, the
  possessor of a noun trigger, the subject inherited from the governing verb of a
  to-clause or participle), resolved through ``doc._.parley_mentions``. A pronoun the
  actors component left unresolved inside "X said it ..." falls back to X.
* The **target** is the actor of the object, of a prepositional object ("with X", "to X",
  "against X", "between X and Y"), of the governed event ("urged Moscow to talk with X"),
  or of the object's modifiers ("rejected the Russian proposal").
* An act named again by a definite noun ("condemned the attack", "claimed responsibility
  for the attacks") reaches back to the act told before: the judge targets whoever did it
  (the actor told doing such acts most), while a claim, or an attack told again, targets whom
  it hit (also when it was told in the passive with no agent). A "they" that stands for
  actors joined in an earlier subject is each of them; an object "it" after an object phrase
  that names no actor is that thing ("the border agreement, calling it void").
* Conjoined actors give one event each ("both Moscow and Kiev").
* A governing trigger recodes the event it governs through a **frame**: "refused to X",
  "urged Y to X", "threatened to X", "agreed to X", "demanded that Y X".
* **Flags**: ``negated`` (a negation on the trigger), ``conditional`` (an if/unless clause
  on the trigger or its governing verb), ``hypothetical`` (a modal or future without a
  condition, or the event is itself the condition), ``reported`` (inside a quotation,
  linked by ``quote_index``, or claimed by analysts, critics or speculation).
* A future, modal or conditional act is coded as the intent or threat it expresses
  ("will provide aid" 0333; "could step back as a mediator if talks fail" 135), and a
  negated intent as a rejection ("will not accept" 12x).

Where each step lives: ``coding`` (lexicon matches, frames and the recoding by flags),
``arguments`` (sources and targets), ``flags`` and ``extract`` (the driver).

Events whose source cannot be resolved to an actor are dropped (they cannot say who did
anything, and event scoring needs a source), and so are events between people no table or
context places (no country or code on either side: no dyad can be coded from them);
``keep_unresolved=True`` keeps both, the first with source None and half the confidence.
Events inside a claim that the sentence's actor denies ("denied reports that X ...") are
dropped too: nobody asserts them, and the denial is the event (CAMEO 016).
"""

from parley.nlp.events.extract import extract_events

__all__ = ["extract_events"]
