"""The parse rules: boilerplate.json (HTML pages) and text_boilerplate.json (plain text)."""

from __future__ import annotations

from pipeline.rules.models.base import LowerPhrase, LowerWord, Phrase, RuleFile, cues

_TOKENS = (
    "the element's class and id (and for cue_words, its aria-label), lower-cased and cut into tokens of "
    "letters and digits"
)


class Boilerplate(RuleFile):
    """boilerplate.json: page furniture in HTML (adverts, navigation, bylines). Nothing here names a site."""

    drop_tags: list[LowerWord] = cues("HTML tags dropped with their content ('script', 'nav', 'form').")
    cue_words: list[LowerWord] = cues(
        f"An element is furniture when one of {_TOKENS} is one of these ('ad')."
    )
    cue_prefixes: list[LowerWord] = cues(
        f"An element is furniture when one of {_TOKENS} starts with one of these."
    )
    cue_phrases: list[LowerPhrase] = cues(
        "An element is furniture when its class and id (lower-cased) contain one of these, not inside a "
        "longer word; a '-' in a phrase also matches '_', a space or nothing ('related-posts')."
    )
    cue_roles: list[LowerWord] = cues("An element is furniture when its role attribute is one of these.")
    ad_labels: list[LowerPhrase] = cues(
        "An advert's label: a block of fewer than 600 characters whose first text (lower-cased, trailing "
        "': | -' dropped) is one of these goes, and so does a body line that is exactly one."
    )
    section_label_patterns: list[Phrase] = cues(
        "Regular expressions searched in a block's first text, lower-cased: a match drops the block "
        "('12 comments', 'related articles')."
    )
    byline_words: list[LowerWord] = cues(
        f"A byline: one of {_TOKENS} is one of these; bylines beside the headline go, and the first date "
        "in one is the page's date when its metadata gives none."
    )
    dek_words: list[LowerWord] = cues(
        f"The dek (standfirst) beside the headline: one of {_TOKENS} is one of these; the text keeps it."
    )


class TextBoilerplate(RuleFile):
    """text_boilerplate.json: advert blocks in plain text."""

    ad_labels: list[LowerPhrase] = cues(
        "A line that, lower-cased with its punctuation dropped (words of letters and digits joined by single "
        "spaces), is one of these opens an advert: it goes with the paragraph under it (up to 3 lines, 600 "
        "characters) or the box of ----- lines around it."
    )
    related_labels: list[LowerPhrase] = cues(
        "A line that, folded like ad_labels, is one of these opens a box of links to other articles: it goes "
        "with the list lines right under it ('- Headline'). A line that opens with one and a colon ('See "
        "also: Headline') is one link and goes whole."
    )
    link_labels: list[LowerPhrase] = cues(
        "A screen reader's label that a saved page keeps after a link ('Orvane (ORV.L), opens new tab "
        "said'): dropped with the comma or space before it, case-insensitive, anywhere in the text."
    )
