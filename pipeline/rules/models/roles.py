"""The linking rules: roles.json (is an amount a pledge?), sectors.json and sector_weights.json.

Windows: an amount's "before" is the 60 characters before it in its sentence, its "after" the 40 characters
after it; "whole words" means the text is lower-cased and cut into words (letters, digits and $ ¥ ₩ € £ . '
& -), a sentence's final period dropped, and the phrase must match a run of those words. The linker is
pipeline/link/linker.py; the deciding key of each amount is what `pledgeline explain` prints.
"""

from __future__ import annotations

from pipeline.rules.models.base import LowerWord, Phrase, RuleFile, Word, cues, table
from schemas import Sector


def _sector(name: str) -> str:
    return f"Cue phrases of {name}: whole tokens, case-insensitive, anywhere in the text."


_SENTENCE = "anywhere in the amount's sentence, whole words, case-insensitive"


class Roles(RuleFile):
    """roles.json: the cues that make an amount a pledge or say what else it is."""

    not_record_before: list[Phrase] = cues(
        "Not a pledge: one of these phrases among the last 5 words before the amount (in its 60-character "
        "before-window), whole words, case-insensitive ('revenue of'). 'valued at', 'valuing' and 'budget' "
        "do not count when a project word (plan, plant, factory, ...) is in the same window."
    )
    not_record_after: list[Phrase] = cues(
        "Not a pledge: one of these phrases in the first 25 characters after the amount (and the rest of "
        "the word they cut, within the sentence), whole words, case-insensitive ('in revenue')."
    )
    not_record_after_words: list[LowerWord] = cues(
        "Not a pledge: one of the first 5 words after the amount (within 40 characters, same sentence) is "
        "one of these single words ('acquisition')."
    )
    not_record_next_word: list[LowerWord] = cues(
        "Not a pledge: the first word after the amount (within 40 characters, same sentence) is one of these "
        "single words ('a $3 trillion company')."
    )
    company_epithets: list[LowerWord] = cues(
        "Not a pledge: the second word after the amount is one of these, a noun that sizes a company with "
        "one descriptor between ('the $34 billion IT major', 'a $2 billion tech giant')."
    )
    not_record_word_before: list[LowerWord] = cues(
        "Not a pledge: the last word before the amount (in its 60-character before-window) is one of these "
        "single words ('capex hit $17bn')."
    )
    not_record_sentence: list[Phrase] = cues(
        f"Not a pledge: one of these phrases {_SENTENCE} ('deal to sell')."
    )
    trade_verbs: list[LowerWord] = cues(
        "Words of a sale or purchase: with one anywhere in the sentence before an amount that 'for' or "
        "'worth' directly precedes, the amount is a price ('X is selling its stake in the Dayton, Ohio "
        "mill to Y for $2 billion', 'an order of jets by the carrier (NCA) worth $9 billion'). Single words."
    )
    sale_words: list[LowerWord] = cues(
        "A sentence with one of these words and no record of its own names a sale or a takeover: its "
        "companies take part in no investment of the document ('X agreed to sell its share of Y to Z')."
    )
    purchase_clause_words: list[LowerWord] = cues(
        "Not a pledge but a purchase: one of these single words in the amount's clause before it (from the "
        "last , ; : — – or opening bracket) ('bought')."
    )
    min_record_value: dict[str, float] = table(
        "The smallest amount that can be a pledge, by ISO 4217 code; 'default' for the other currencies. "
        "A smaller amount is too_small."
    )
    superseded: list[Phrase] = cues(
        "A figure a later one replaced: one of these phrases among the last 4 words before the amount, whole "
        "words, case-insensitive ('up from', 'previously')."
    )
    umbrella: list[Phrase] = cues(
        "An umbrella total, not one company's pledge: one of these phrases among the last 5 words before the "
        "amount, whole words, case-insensitive ('combined'). 'total', 'totals', 'overall' and 'in total' "
        "after a possessive or 'invest a total of', and a project's 'total cost ...', stay the company's own."
    )
    umbrella_owner_words: list[LowerWord] = cues(
        "An umbrella total: one of the last 3 words before the amount is one of these single words "
        "('country', \"japan's\")."
    )
    umbrella_after_words: list[LowerWord] = cues(
        "An umbrella total: one of the first 4 words after the amount (within 40 characters) is one of these "
        "single words ('package')."
    )
    umbrella_openings: list[Phrase] = cues(
        "An umbrella total: the sentence's first two words (in its first 40 characters, lower-cased) are, or "
        "start with, one of these phrases ('taken together')."
    )
    company_umbrellas: list[Phrase] = cues(
        "Umbrella cues (as matched by umbrella, umbrella_owner_words, umbrella_after_words or "
        "umbrella_openings) that are a company's own pledge when a company in the amount's clause leads it "
        "with 'a', 'an', 'its', 'their', 'new', 'planned', 'additional' or a possessive right before the "
        "amount, and no government_subjects phrase stands in that clause ('X set up a $30 million fund')."
    )
    history_cues: list[Phrase] = cues(f"History, not a new pledge: one of these phrases {_SENTENCE}.")
    history_before: list[Phrase] = cues(
        "History: one of these phrases among the last 10 words of the amount's clause before it, whole "
        "words, case-insensitive ('builds on')."
    )
    history_after: list[Phrase] = cues(
        "History: one of these phrases among the first 6 words after the amount, in its clause, whole words, "
        "case-insensitive: money a company has put in already ('EUR1.5 billion Mars has invested')."
    )
    history_times: list[Phrase] = cues(
        "History: one of these times in the amount's clause, with a past verb (past_verbs or 'said') in it, "
        "whole words, case-insensitive ('Last year, X said it would invest ...', 'a $4bn outlay it made "
        "earlier this year')."
    )
    decision_phrases: list[Phrase] = cues(
        "A project's go-ahead: in a sentence with one of these ('final investment decision'), the project's "
        "financing is its cost, a pledge. Whole words, case-insensitive."
    )
    comparison_openings: list[Phrase] = cues(
        "A company after one of these at its sentence's start is named for comparison ('Like X, Y will "
        "invest'): it leads nothing. Case-insensitive."
    )
    negative_document_cues: list[Phrase] = cues(
        "A document that gives no record and has one of these in its title or first 400 characters is about "
        "results, shares, buybacks or funding ('quarterly', 'shares fell'): it lists no companies either. "
        "Whole words, case-insensitive."
    )
    negative_headline_cues: list[Phrase] = cues(
        "As negative_document_cues, but looked for in the headline only (the title, else the text's first"
        " line): 'X to buy Y' heads a takeover story, while 'agreed to buy and invest' in a trade package's"
        " body does not make it one. Whole words, case-insensitive."
    )
    history_spans: list[Phrase] = cues(
        "History: one of these spans of past time among the first 12 words of the amount's clause after it "
        "('$500 million so far', '$3 billion of investment in recent years'). Whole words, case-insensitive."
    )
    past_verbs: list[LowerWord] = cues(
        "Past verbs ('invested'): with one in the sentence before the amount, a span of years before it "
        "('from 2020 to 2024') or a year just after it earlier than the document's ('in 2023') makes the "
        "amount history. Single words."
    )
    spent_verbs: list[LowerWord] = cues(
        "Verbs of money spent ('invested', 'spent'): after 'in <year>' before the amount, with the year"
        " earlier than the document's, they make the amount history ('In 2024, X invested $357 million')."
        " Single words."
    )
    negation: list[Phrase] = cues(
        "A denied pledge: one of these phrases in the last 80 characters of the sentence before the amount, "
        "whole words, case-insensitive, with 'promised', 'pledged' or 'committed' there too ('never')."
    )
    denied: list[Phrase] = cues(
        "A denied pledge (never made): one of these phrases in the last 120 characters of the sentence "
        "before the amount, whole words, case-insensitive ('denied'); a table row containing one is no "
        "record either. A cancelled pledge is a record: its status says so (status.json)."
    )
    table_company_headers: list[Phrase] = cues(
        "A table's header cell holding one of these words (at a word's start, case-insensitive: 'company',"
        " 'proponent') names its company column; a header needs a company column and an amount column."
    )
    table_amount_headers: list[Phrase] = cues(
        "A header cell holding one of these ('investment', 'cost', 'US$') names the amount column (the"
        " first such cell); words match at a word's start, symbols anywhere."
    )
    table_category_headers: list[Phrase] = cues(
        "A header cell holding one of these ('sector', 'category') names the column that gives each row's"
        " sector."
    )
    financing_row: list[Phrase] = cues(
        "A table row containing one of these phrases (whole words, case-insensitive) is state financing, not "
        "an investment ('loan'); a column whose header contains one is left out of every row's text."
    )
    parent_cues: list[Phrase] = cues(
        "A company right after one of these (among the last 3 words before it, same sentence) is the parent "
        "of the company the sentence is about ('X, a subsidiary of Y, will invest'): not a lead when another "
        "company is, and not what the document is about. Whole words, case-insensitive."
    )
    investee_cues: list[Phrase] = cues(
        "A company right after one of these (the last words before it, 'the' allowed between) receives the "
        "money ('Stonepeak, as an investor in X LLC, contributing $5.7 billion'): not a lead when another "
        "company is. Whole words, case-insensitive."
    )
    participant_after_cues: list[Phrase] = cues(
        "A company followed by one of these (in the 120 characters after it, same sentence, lower case) is a"
        " participant, not a lead ('X could take part', 'selected X as contractor for its plant')."
    )
    participant_cues: list[Phrase] = cues(
        "A company after one of these is a participant (a possible supplier), not a lead: the phrase is "
        "among the last 8 words before the company (within 80 characters, same sentence), whole words, "
        "case-insensitive. The entries 'among', 'including' and 'alongside' are not used for this."
    )
    government_subjects: list[Phrase] = cues(
        "A government acts: with one of these phrases (whole words, case-insensitive) in the sentence, a "
        "sentence naming no company is not about the document's company; in the amount's clause, a "
        "company_umbrellas cue stays an umbrella ('japan')."
    )
    continuation_starts: list[Phrase] = cues(
        "A sentence naming no company goes on about the previous sentence's first company when its first 4 "
        "words (lower-cased) are, or start with, one of these phrases ('it', 'the plant'); such a next "
        "sentence also lends its sector cues to a record of the one before."
    )
    project_openings: list[Phrase] = cues(
        "Read like continuation_starts: a sentence opening with one of these ('construction of')."
    )
    reference_phrases: list[Phrase] = cues(
        "A sentence naming no company that contains one of these phrases (whole words, case-insensitive) "
        "goes on about the previous sentence's first company ('the company')."
    )
    plural_continuation_starts: list[Phrase] = cues(
        "A sentence naming no company goes on about all the previous sentence's companies when its first 4 "
        "words start with one of these phrases, or it contains one as whole words ('the partners')."
    )
    subject_references: list[Phrase] = cues(
        "A sentence naming no company is about the document's company (its title's, else the one named most "
        "often) when its first 4 words (lower-cased, 'additionally', 'also' and such skipped) are, or start "
        "with, one of these phrases ('the company', 'our')."
    )
    company_references: list[Phrase] = cues(
        "Entries of subject_references that can only mean a company ('the company', not 'it' or 'the "
        "project', which a government may own): a sentence opening with one is about the document's company "
        "even where it names a government in passing. Their last words ('company', 'automaker') are heads: "
        "'the', at most three describing words and a head open such a sentence too ('The Seoul-based "
        "company', 'The South Korean chip manufacturer')."
    )
    project_nouns: list[LowerWord] = cues(
        "Also about the document's company: 'the', 'a', 'its', 'our' ... ('new', 'planned' ...) right before "
        "the amount and one of these single words among the 4 words after it ('the $100 million facility')."
    )
    status_after_words: dict[LowerWord, list[Phrase]] = table(
        "A not_record_after_words word followed by one of its phrases here tells the project's state, not "
        "money ('its $2.6 billion plant remains on hold', not '$40 million remains in the fund')."
    )
    result_nouns: list[Phrase] = cues(
        "Not a pledge: the amount ends a clause (since the last comma or semicolon) that names one of these "
        "and one of change_verbs, right after 'to' ('overall revenue climbed by 8% to $412 million')."
    )
    guidance_endings: list[Phrase] = cues(
        "Not a pledge: a forecast of a result. The amount follows one of these at the end of its clause and "
        "its sentence names one of result_nouns before it ('adjusted EBITDA is now expected to be between "
        "$500 million and $540 million'); not where the clause names spending."
    )
    change_verbs: list[Phrase] = cues(
        "The verbs of a result's change, for result_nouns ('rose', 'went down')."
    )
    money_use_words: list[LowerWord] = cues(
        "What money may go toward for money_subject_phrases to apply: one of these among the 8 words after "
        "the phrase ('will go toward retooling the plant'; not 'toward paying down debt')."
    )
    approval_words: list[Phrase] = cues(
        "An approval between a not_record_before cue and the amount ('received approval for a 9 billion "
        "baht data center investment'): what was received is the approval; the amount sizes the project."
    )
    money_subject_phrases: list[Phrase] = cues(
        "Within 30 characters after an amount that opens a sentence naming no company, one of these makes "
        "the money the subject ('some $80 million will go toward refitting the mill'): its investor is "
        "the one company the sentence before names, else the document's."
    )


class Sectors(RuleFile):
    """sectors.json: cue phrases per sector.

    Each phrase is matched as whole tokens, case-insensitively (spaCy's PhraseMatcher on LOWER), anywhere in
    the text; a cue inside a company's name does not count. A record takes the sector whose cues in its
    sentence score most (nearer cues weigh more; sector_weights.json adjusts the weights).
    """

    energy: list[Phrase] = cues(_sector("energy"))
    ai_infrastructure: list[Phrase] = cues(_sector("AI infrastructure"))
    semiconductors: list[Phrase] = cues(_sector("semiconductors"))
    critical_minerals: list[Phrase] = cues(_sector("critical minerals"))
    manufacturing: list[Phrase] = cues(_sector("manufacturing"))
    shipbuilding: list[Phrase] = cues(_sector("shipbuilding"))
    pharmaceuticals: list[Phrase] = cues(_sector("pharmaceuticals"))
    automotive: list[Phrase] = cues(_sector("automotive"))
    infrastructure: list[Phrase] = cues(_sector("infrastructure"))
    other: list[Phrase] = cues(
        "Cue phrases of what no sector above covers (hospitals, hotels, casinos, venues): where they "
        "outweigh the other cues ('the resort's cruise ships'), the record's sector is other."
    )


class SectorWeights(RuleFile):
    """sector_weights.json: how much a sector cue counts, and the line of business a company's name says."""

    generic_cues: list[Phrase] = cues(
        "Sector cues that say little alone ('energy', 'plant'): compared, lower-cased, with the cue text "
        "sectors.json matched, one weighs 0.4 instead of 1 (+0.2 per extra word)."
    )
    weak_sectors: dict[Sector, float] = table(
        "Sector -> factor on the weight of its cues (below 1: a sector that needs more cues to win)."
    )
    served_by: dict[Sector, Sector] = table(
        "Sector -> the sector it serves: where a window names specific cues of both side by side (joined by "
        "' and ' or ', '), the second wins ('data center and energy infrastructure' is AI infrastructure: "
        "GOLD-FORMAT counts power for data centers there); data centers named apart, as a demand, do not."
    )
    name_words: dict[Word, Sector] = table(
        "A word of a company's name -> the company's line of business, one cue for its records' sector; the "
        "first listed word of the name counts ('Acme Steel'). Whole words, case-sensitive; trailing legal "
        "words (Inc, Holdings, ...) are dropped first."
    )
