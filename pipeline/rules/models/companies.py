"""The company rules: company_cues.json, non_companies.json, places.json and the gazetteer companies.jsonl.

"A name" below is a run of capitalized tokens that the company finder (pipeline/extract/companies.py) reads
as one candidate; "folded" is the gazetteer's matching key: lower case, punctuation dropped, trailing legal
suffixes and a leading "the" dropped.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pipeline.rules.models.base import LowerPhrase, LowerWord, Phrase, RuleFile, Word, cues, table
from schemas import Sector


class CompanyCues(RuleFile):
    """company_cues.json: what makes a name a company, an outlet, a person or an agency, and adverts."""

    legal_suffixes: list[Word] = cues(
        "Legal forms ('Corp.', 'Inc', 'K.K.'): a name of two words or more ending with one is a company; one "
        "after a comma joins the name ('Acme, Inc.'); canonical names drop them (except Group, Holdings, "
        "Holding). Whole tokens, case-sensitive."
    )
    private_legal_forms: list[Word] = cues(
        "Legal forms of private firms ('LLC', 'Inc.', 'GmbH'): a name ending with one is a company even "
        "where an agency word stands inside it ('Kestrel Kingdom Rides LLC'); state firms take other forms. "
        "Whole tokens, case-sensitive; each is one of legal_suffixes too."
    )
    industry_words: list[Word] = cues(
        "Industry words ('Manufacturing', 'Lithium'): a name of two words or more with one after its first "
        "word is a company, and a known name's trailing industry words may be left out in a later short "
        "form ('Acme' for 'Acme Turbines'). Whole tokens, case-sensitive."
    )
    generic_name_words: list[LowerWord] = cues(
        "Common words that, with industry words only, make a heading or a phrase in title case, not a name "
        "('Natural Gas', 'American Manufacturing', 'Small and Medium Enterprises'): such a name is no "
        "company by its industry word alone. Single words, case-insensitive."
    )
    descriptor_nouns: list[Word] = cues(
        "Descriptor nouns ('contractor', 'start-up'): a name right after one ('contractor X') or with one "
        "among the first 6 words of its appositive (', a California start-up,') is a company. Single "
        "words, case-insensitive."
    )
    investment_words: list[Word] = cues(
        "A sentence with one of these words outside company names makes every company it names take part "
        "in the document's investments (the documents.jsonl `companies`); customers and 'its X unit' "
        "excepted. Single words, case-insensitive."
    )
    outlet_context_before: list[Phrase] = cues(
        "An outlet (a news source), not a company: the 6 tokens before the name, in its sentence, end with "
        "one of these phrases as whole words ('according to'). Case-insensitive."
    )
    outlet_context_after: list[Phrase] = cues(
        "An outlet: the 10 tokens after the name, in its sentence, start with one of these. A plain prefix "
        "of the text, not whole words ('reported' also matches 'reporter'). Case-insensitive."
    )
    place_context_before: list[LowerPhrase] = cues(
        "A place, not a company: a name whose 6 preceding tokens (its sentence, a trailing comma dropped) "
        "end with one of these phrases as whole words ('X, headquartered in Franklin Lakes, said ...'). "
        "Lower case; matched case-insensitively. A listed company stays one."
    )
    person_context_before: list[Phrase] = cues(
        "A person, not a company: a name of 2 or 3 capitalized words whose 6 preceding tokens (its sentence, "
        "a trailing comma dropped) end with one of these phrases as whole words ('analyst'). "
        "Case-insensitive."
    )
    person_context_after: list[Phrase] = cues(
        "A person: such a name whose following tokens start with one of these (a plain prefix: ', chief'). "
        "Case-insensitive."
    )
    promo_strong: list[Phrase] = cues(
        "An advert sentence (nothing is read from it): it contains one of these anywhere, as a lower-cased "
        "substring, not whole words ('promoted' also matches inside 'unpromoted')."
    )
    promo_weak: list[Phrase] = cues("An advert sentence: it contains two of these (lower-cased substrings).")
    name_of_heads: list[Word] = cues(
        "A capitalized word after which 'of', 'for', 'de', 'du', 'von' or 'van' joins the next capitalized "
        "word into the same name ('Bank of America'). Whole tokens, case-sensitive."
    )
    agency_appositive_nouns: list[Word] = cues(
        "An agency, not a company: the name is followed by ', a/an/the ... NOUN of|for|that|which|created|"
        "set' and NOUN, the last word before that joiner, is one of these ('X, a program of the Office of "
        "...'). Single words, case-insensitive."
    )
    agency_appositive_words: list[LowerPhrase] = cues(
        "An agency: the appositive after the name (', a/an/the ...' up to 80 characters, to the next , ; "
        "or .) contains one of these as a lower-case substring ('state-owned')."
    )
    agency_left_cues: list[LowerPhrase] = cues(
        "An agency: the 6 tokens before the name (its sentence, lower-cased) end with one of these, as a "
        "plain suffix of the text ('state investor X')."
    )
    headline_breaks: list[Word] = cues(
        "A capitalized word that ends a name instead of continuing it, after the name's first word: a "
        "headline's verb or preposition ('Mars To Invest', 'Apple Unveils'). Whole tokens, case-sensitive."
    )
    possessive_name_verbs: list[Word] = cues(
        "Finite verbs that never follow a possessive noun: after a name and its \"'s\" ('Pilgrim's is"
        " building'), the \"'s\" is part of the name. Not 'plans', 'planned' or 'announced', which also"
        " follow possessives ('X's plans to', 'X's planned plant'). Case-sensitive single words."
    )
    honorific_openers: list[Word] = cues(
        "Titles that open a company named after a person or a saint, kept where the name goes on with a"
        " possessive and a line of business ('Dr Reddy's Laboratories', 'St. Luke's Health System');"
        " elsewhere they open a person's name. Case-sensitive single words."
    )
    headline_to_verbs: list[Word] = cues(
        "Verbs after a capital 'To' that end a name anywhere, not only in a Title Case headline ('Orvane "
        "Steel To Invest $2 billion'); the name before them opening its sentence stays a company in a Title "
        "Case headline. Whole tokens, case-sensitive."
    )
    headline_amount_verbs: list[Word] = cues(
        "Verbs of money put in that a Title Case headline's subject opens with an amount after them ('Orvane "
        "Timber Invests $140 Million In ...'): the name before them stays a company. Whole tokens, "
        "case-sensitive."
    )
    customer_cues: list[Phrase] = cues(
        "A customer, not a party to the investment: one of these phrases in the 50 characters before the "
        "company, in its sentence, as whole words ('customers such as X'). Customers are left out of "
        "participants and of the document's companies. Case-insensitive."
    )
    landmark_cues: list[Phrase] = cues(
        "A company named to place a site, not a party to the investment: one of these words right before the "
        "company or before the list of names it stands in ('a plant near X and Y operations'). Treated like "
        "customer_cues. Case-insensitive."
    )
    investment_phrases: list[Phrase] = cues(
        "Like investment_words, for phrases: matched as whole words in the sentence outside company names "
        "('take part'). Case-insensitive."
    )


class NonCompanies(RuleFile):
    """non_companies.json: names that are agencies, outlets, places, people or plain words, not companies."""

    agency_words: list[Phrase] = cues(
        "An agency: a name containing one of these as a whole word ('Ministry'; case-sensitive); an entry "
        "of several words matches anywhere in the name, case-insensitively ('White House')."
    )
    agency_words_not_first: list[Word] = cues(
        "Entries of agency_words that name an agency only after a name's first word ('European Union', not "
        "'Union Pacific')."
    )
    agencies: list[Phrase] = cues(
        "An agency: the whole name, lower-cased, is one of these ('JBIC'). Case-insensitive."
    )
    outlets: list[Phrase] = cues(
        "An outlet (a news source): the whole name, lower-cased or folded, is one of these. Case-insensitive."
    )
    outlet_words: list[Word] = cues(
        "An outlet: the name's last word is one of these ('Times'). Case-sensitive."
    )
    places: list[Phrase] = cues(
        "A place, not a company: the whole name, lower-cased or folded, is one of these. Case-insensitive."
    )
    nationalities: list[Phrase] = cues(
        "Nationality words, read like places: a whole name that is one is no company. Case-insensitive."
    )
    generic_capitalized: list[Phrase] = cues(
        "Capitalized words that name nothing: a whole name that is one (lower-cased) is no company; one "
        "opening a name is dropped from it ('The'); a first word listed here is no short form of a longer "
        "name. Case-insensitive; an entry of several words only matches a whole name."
    )
    region_short_forms: list[Word] = cues(
        "Words that fold from a listed name with its legal form dropped ('Southern Company' folds to "
        "'southern') but alone name a region: the word alone is no listed company, and a listed name made "
        "of it is not cut before the words after it ('Southern Water', 'Southern California'). "
        "Case-sensitive."
    )
    leading_role_words: list[Word] = cues(
        "A role word opening a name of two words or more is dropped from it ('Rival Acme Steel' is Acme "
        "Steel). Whole tokens, case-sensitive."
    )
    descriptor_suffixes: list[LowerWord] = cues(
        "A first token ending with one of these describes the company and is dropped from its name: "
        "'Tenn.-based Acme Health' and 'U.S.-based Acme' are Acme Health and Acme (spaCy keeps such a "
        "token whole after an abbreviation). Lower case; matched case-insensitively."
    )
    project_head_words: list[Word] = cues(
        "A name of two words or more ending with one of these names a project or a place, not a company "
        "('the Permian Power Complex', 'Moore Chapel Road'), and so does a name whose possessive runs into "
        "one ('Moore's Chapel Road'). Whole tokens, case-sensitive."
    )
    heading_words: list[Word] = cues(
        "Sector headings that may open a name. Where one is also in generic_capitalized or "
        "leading_role_words it is dropped only before a name the gazetteer lists or a one-word name that is "
        "itself generic ('Energy Westinghouse', 'AI Infrastructure'); before any other name it stays "
        "('Energy Capital Partners', 'Energy Transfer'). Whole tokens, case-sensitive."
    )
    compass_words: list[Word] = cues(
        "A name made of one of these and a listed place is a part of that place, not a company ('South "
        "Boston', 'East Anglia'). Whole tokens, case-sensitive."
    )
    adjective_endings: list[LowerWord] = cues(
        "A name glued by a hyphen to one of these lower-case words is an adjective, not a party "
        "('Michelin-starred', 'Oscar-winning'). Lower case."
    )
    place_openers: list[Word] = cues(
        "A run opening with one of these does not join a Spanish, Portuguese or French 'de'/'del' into its "
        "name: 'La Puebla de Alfindén' is a place ('Electricité de France' is one name). Whole tokens, "
        "case-sensitive."
    )
    title_words: list[Word] = cues(
        "A person, not a company: a name containing one of these words ('Commerce Secretary X'). "
        "Case-sensitive."
    )
    executive_titles: list[Word] = cues(
        "A company's name ends before one of these ('Acme Energy CEO Jane Doe' names Acme Energy and a "
        "person). Whole tokens, case-sensitive."
    )
    public_figures: list[Phrase] = cues(
        "A person: the whole name is one of these, as written (case-sensitive)."
    )


class Places(RuleFile):
    """places.json: states, nationalities and programme owners, for a record's location and country."""

    us_states: list[Phrase] = cues(
        "U.S. states: the first one a record's evidence names (whole words, case-sensitive), with the place "
        "before it ('Lordstown, Ohio'), is the record's location."
    )
    nationalities: dict[Phrase, str] = table(
        "Nationality word -> country: the word within the 40 characters before a company's mention, "
        "followed by at most 3 words, gives the company's home country ('Japanese X'). Whole words, "
        "case-sensitive."
    )
    program_owners: dict[Phrase, str] = table(
        "Owner -> country of a government's programme: \"<owner>'s\" followed by at most 3 words right "
        "before an amount (within 40 characters), with a program_nouns word near it, makes that amount the "
        "document's umbrella programme and the owner's country the records' country. Case-sensitive."
    )
    program_nouns: list[Word] = cues(
        "Words that make a programme ('vehicle', 'fund'), matched as whole words after the amount (in its "
        "clause, 60 characters) or before it. Case-sensitive; each entry is a regular-expression "
        "alternative, so escape '.' and other special characters."
    )


class CompanyEntry(BaseModel):
    """One line of companies.jsonl: a company the gazetteer knows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Phrase = Field(description="The company's canonical name, as records give it.")
    aliases: list[Phrase] = Field(
        default_factory=list,
        description="Other names of the same company, matched folded ('MHI' for Mitsubishi Heavy).",
    )
    sector: Sector | None = Field(
        None, description="The company's line of business: one cue for its records' sector."
    )
    parent: str | None = Field(
        None,
        description="The company it belongs to ('Google' -> 'Alphabet'): a company of its own, not an alias.",
    )


class CompanyRemoval(BaseModel):
    """A line of a user's companies.jsonl that takes a bundled company out of the gazetteer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    remove: Phrase = Field(description="The `name` of the bundled entry to take out.")
