"""The Japanese rule files: ja_companies.json, ja_money.json, ja_roles.json, ja_sectors.json.

Japanese has no spaces between words, so entries match as substrings of the width-folded text (full-width
letters and digits folded to half-width), unless a key says otherwise. The code is pipeline/extract/japanese/
and pipeline/link/japanese.py; "a run" is a stretch of katakana, kanji or Latin letters read as a name.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pipeline.rules.models.base import CurrencyCode, Phrase, RuleFile, table
from pipeline.rules.models.base import cues as entries  # ja_sectors.json has a key named cues
from schemas import Qualifier, RecordStatus, Sector


def _regex(description: str) -> Any:
    """A key holding one regular expression (by default one that never matches)."""
    return Field("(?!)", description=f"A regular expression: {description}")


class JaCompanies(RuleFile):
    """ja_companies.json: what makes a run a company, an agency, an outlet, a place or a person."""

    legal_forms: list[Phrase] = entries(
        "Legal forms (株式会社, (株)): cut from either end of a run, and one right before or after"
        " it (within 4 "
        "characters) makes it a company; canonical names drop them."
    )
    stripped_suffixes: list[Phrase] = entries(
        "Endings a canonical name drops when two characters or more stay (ホールディングス, グループ)."
    )
    suffix_abbreviations: dict[Phrase, Phrase] = table(
        "Abbreviation -> the ending it stands for: 'XHD' is a short form of 'Xホールディングス'."
    )
    name_suffixes: list[Phrase] = entries(
        "Company words a name ends with (工業, 商事, エナジー): a run ending with one, after a head of two "
        "characters or more (one katakana or Latin letter will do) that is not in generic_heads and has no "
        "hiragana, is a company; an agency or place ending does not count before one."
    )
    weak_name_suffixes: list[Phrase] = entries(
        "Entries of name_suffixes that also end common nouns (化学, 銀行): alone they make no company; they "
        "make a run company-shaped, which a subject or recipient cue needs."
    )
    generic_heads: list[Phrase] = entries(
        "Heads that make a name_suffixes ending a common noun ('電気' + 自動車), compared with the"
        " whole head."
    )
    common_words: list[Phrase] = entries(
        "A run containing one of these is a common noun phrase (新工場建設), no name."
    )
    not_names: list[Phrase] = entries("Runs that are never a name, compared with the whole run (エネルギー).")
    time_words: list[Phrase] = entries(
        "Words of time (今週, 今年度): a run that is one of these, compared with the whole run, is no name."
    )
    estate_suffixes: list[Phrase] = entries(
        "Words ending an industrial estate's name: a company's name right before one (after a '・' and a "
        "katakana run at most) names the estate, not the company ('ツバメ・ミドリ工業団地')."
    )
    site_suffixes: list[Phrase] = entries(
        "Endings of a company's site (製作所, 工場): a run that is a known name and two characters or more"
        " ending with one is that company's works, not a company (ヒバリ電機シラサギ製作所)."
    )
    unit_of_before: list[Phrase] = entries(
        "Right before a run ending with a site_suffixes entry (同社の), make it the site of a company"
        " already named, not a company."
    )
    not_name_endings: list[Phrase] = entries(
        "A run ending with one of these is no name (…プロジェクト, …センター)."
    )
    descriptors: list[Phrase] = entries(
        "Descriptors (大手, 子会社): one ending the 12 characters before a run (with の, である,"
        " で or 、) makes it a "
        "company; one inside a run is cut off with what precedes it (製薬大手X is X)."
    )
    trailing_descriptors: list[Phrase] = entries(
        "Endings cut from a run when two characters or more stay (X傘下 is X)."
    )
    nationality_prefixes: list[Phrase] = entries(
        "One-character nationality prefixes (米, 独) glued to a katakana or Latin name: cut off,"
        " and the name "
        "counts as a foreign company."
    )
    person_after: list[Phrase] = entries(
        "Titles and honorifics (氏, 社長): a run ending with one, or followed by one (within 12"
        " characters, not "
        "inside a longer word), is a person; 'の<name><title>' after a run makes the run that"
        " person's employer."
    )
    latin_roles: list[Phrase] = entries(
        "Latin role words (CEO): the last word of a Latin run of several words is cut off, and the rest is "
        "an employer. Case-sensitive whole words."
    )
    announce_cue: str = _regex(
        "matched right after a run, it makes the run a company announcing something (は3日, は12月3日)."
    )
    company_count_after: str = _regex(
        "matched right after the last name of a list ('A、B、Cの3社', 'Aなど4社'), it makes that name and the"
        " names listed with it companies, if they are foreign or company-shaped (a place such as 東北 in"
        " '東北、中部の2社' stays a place)."
    )
    item_start: str = _regex(
        "the start of a fact sheet's item line (a bullet, (1), ①); a run right after it, on a line or item "
        "holding an item_markers entry, is a company."
    )
    item_markers: list[Phrase] = entries(
        "Marks of a fact sheet's item (【, (同)), anywhere in the item's line."
    )
    field_labels: list[Phrase] = entries(
        "Field labels of a fact sheet (運営主体): 'label:' ending the 12 characters before a run"
        " makes it a company."
    )
    agency_suffixes: list[Phrase] = entries(
        "A run ending with one of these (省, 庁) is an agency, unless a company word ends it."
    )
    agencies: list[Phrase] = entries("Agencies, compared with the whole run (経済産業省).")
    outlets: list[Phrase] = entries("Outlets (news sources), compared with the whole run (ロイター).")
    outlet_suffixes: list[Phrase] = entries("A run ending with one of these (新聞, 通信) is an outlet.")
    places: list[Phrase] = entries("Places, compared with the whole run (日本, 米国).")
    place_suffixes: list[Phrase] = entries(
        "A run ending with one of these (州, 県) is a place, unless a company word ends it."
    )
    investment_words: list[Phrase] = entries(
        "Investment words (投資, 出資): a company-shaped run followed by は or が in a sentence"
        " containing one is "
        "a company (its subject); a sentence containing one makes its companies take part in the document's "
        "investments (documents.jsonl companies)."
    )
    not_participant_words: list[Phrase] = entries(
        "A sentence containing one of these (寄付, 決算) does not make its companies take part, whatever "
        "investment words it holds."
    )
    recipient_after: list[Phrase] = entries(
        "A company-shaped run followed by one of these (に出資) is a company that receives an investment."
    )
    spending_verbs: list[Phrase] = entries(
        "Words of money put in (投じ, 新設): a run of kanji that opens a sentence holding one, as its topic "
        "('Xは'), is a company; kanji alone give no other sign of a name."
    )
    event_after: list[Phrase] = entries(
        "Right after a run, a particle and a predicate of an event or a state (があった, が生じ): the run is "
        "what happened ('テープカットがあった'), not the subject company of an investment sentence."
    )
    capacity_clause: str = _regex(
        "what follows a product in a clause that gives its capacity and ends ('エチレン' + 'が年産62万t、'):"
        " that name is no company anywhere in the document, unless the gazetteer, a legal form or 社 says so."
        " A company that builds a plant of a capacity ('Xが年産20万台の工場を') goes on past it."
    )
    hiragana_head_stops: list[Phrase] = entries(
        "Hiragana words that never open a name: a run of katakana after 2 to 5 hiragana that follow a"
        " boundary (a line start, a space, 、。「（・【) takes them in as its head"
        " (さくらインターネット) unless they are one of these (また, さらに) or end with one of"
        " hiragana_head_bad_endings."
    )
    hiragana_head_bad_endings: list[Phrase] = entries(
        "Single hiragana that end particles and verb forms (を, に, は, た): hiragana ending with one"
        " open no name."
    )
    list_joiners: list[Phrase] = entries(
        "What may stand between two names of a list (、, と, や), compared with the whole gap: a"
        " name listed with "
        "a company is a company too."
    )
    gazetteer: dict[str, list[Phrase]] = table(
        "Canonical (English) name of a company in companies.jsonl -> its Japanese spellings, found"
        " anywhere in "
        "the text and merged with the English reports in projects.jsonl."
    )


class JaMoney(RuleFile):
    """ja_money.json: Japanese amounts (億/兆/万, kanji and full-width numerals, ranges, glosses)."""

    currencies_after: dict[Phrase, CurrencyCode] = table(
        "Currency written after the figure (ドル, 円, 米ドル) -> ISO 4217 code; a space may part them."
    )
    currencies_before: dict[Phrase, CurrencyCode] = table(
        "Currency written before the figure (US$, ¥), within its 4 characters -> ISO 4217 code."
    )
    big_units: dict[Phrase, float] = table("Big units of a figure (兆, 億, 万) -> factor.")
    small_units: dict[Phrase, float] = table("Kanji units inside a number (千, 百, 十) -> factor.")
    kanji_digits: dict[Phrase, int] = table("Kanji numerals (〇, 一 ... 九) -> digit.")
    unspecified_before: list[Phrase] = entries(
        "Right before a figure, makes it no figure (数億ドル, 何兆円: 'several')."
    )
    range_separators: list[Phrase] = entries(
        "Between two figures (spaces allowed), make a range (700〜800億円)."
    )
    qualifiers_before: dict[Qualifier, list[Phrase]] = table(
        "Qualifier -> cues right before the figure (最大 gives up_to), optionally followed by "
        "qualifiers_before_fillers and an opening bracket."
    )
    qualifiers_before_fillers: list[Phrase] = entries(
        "Words allowed after a qualifier cue before the figure (総額で)."
    )
    qualifiers_after: dict[Qualifier, list[Phrase]] = table(
        "Qualifier -> cues right after the amount (以上 gives at_least)."
    )
    change_after: list[Phrase] = entries(
        "Right after the upper figure of a range whose lower figure has its own currency (に倍増): a change"
        " from one level to another, so two amounts and no range (50億ドルから100億ドルに倍増)."
    )
    pair_openers: list[Phrase] = entries(
        "What opens a gloss of the same amount in another currency (the bracket of 5500億ドル(約84兆円))."
    )
    pair_fillers: list[Phrase] = entries("Words allowed after a pair opener before the gloss's figure (約).")
    bare_unit_before_gloss: CurrencyCode = Field(
        "JPY",
        description=(
            "The currency of a 億 figure written without one but glossed in another currency "
            "(300億(2億ドル))."
        ),
    )


class JaRoles(RuleFile):
    """ja_roles.json: whether a Japanese amount is a pledge, and a fact sheet's structure."""

    excluded_line_starts: list[Phrase] = entries(
        "A line starting with one of these (【関連記事】) is left out."
    )
    link_list_headings: list[Phrase] = entries(
        "A line that is one of these alone (【関連記事】) heads a list of links: the bullet lines after it"
        " (item_bullets), up to the first line that is neither blank nor a bullet, are left out too."
    )
    deal_document: list[Phrase] = entries(
        "A document with one of these in its title or first 200 characters is about a takeover "
        "(TOB, 非公開化): its amounts in sentences with a deal_sentence word are the deal's money."
    )
    deal_sentence: list[Phrase] = entries(
        "In a takeover document, an amount whose sentence has one of these (出資, 株, 買収) is the deal's "
        "money, not a pledge."
    )
    negative_document: list[Phrase] = entries(
        "A document that gives no record and has one of these in its title or first 200 characters is about "
        "results, shares or buybacks (決算, 自社株買い): it lists no companies either."
    )
    not_record_before: list[Phrase] = entries(
        "Not a pledge: one of these in the 25 characters before the amount, in its sentence (売上高)."
    )
    not_record_after: list[Phrase] = entries(
        "Not a pledge: the 10 characters after the amount (after its gloss) start with one of these (の補助)."
    )
    not_record_sentence: list[Phrase] = entries(
        "Not a pledge: one of these anywhere in the amount's sentence (買収)."
    )
    change_before: str = _regex(
        "a change stated right before the amount ('32・6%増の'): in a sentence with no investment_words"
        " it is a result that grew or shrank ('ツバメ商事は12・5%増の3200億円で'), not a pledge. Matched"
        " against the end of the 25 characters before the amount."
    )
    history: list[Phrase] = entries(
        "History, not a new pledge: one of these anywhere in the sentence (既に)."
    )
    past_period_before: str = _regex(
        "the spending of a past business period named right before the amount ('前期の投資額は'): history,"
        " not a pledge; the plan for this period in the same sentence is one. Matched against the end of the"
        " 25 characters before the amount."
    )
    purchase_verbs: list[Phrase] = entries(
        "A price paid: the amount is followed by で and one of these verbs later in the sentence (取得)."
    )
    affiliation_after: list[Phrase] = entries(
        "Right after a company (系の, 傘下の): it names the group of the company that follows, which"
        " leads; the group itself takes no part (ミナト自動車系のカエデ工機)."
    )
    operator_after: list[Phrase] = entries(
        "Right after a company (が運営する): it runs the project the money goes to; a company of the"
        " document, not the lead of that amount (カモメ商事は、ミナト石油が運営する事業に出資)."
    )
    unit_subjects: list[Phrase] = entries(
        "A company's own unit as a sentence's subject (Xの台湾法人は, Xの現地子会社が): the unit acts for X, "
        "which the sentences after it may borrow as their lead. The unit's word ends the text between 'の' "
        "and the particle (at most 6 characters)."
    )
    subsidiary_before: list[Phrase] = entries(
        "Right before the company nearest an amount (製造子会社, 傘下の): the company is the subsidiary of"
        " the sentence's subject (Xは、製造子会社Yの工場に120億円を投じ), and both lead."
    )
    supply_verbs: list[Phrase] = entries(
        "A company followed by に or へ and one of these within its clause (を供給) is a customer the"
        " goods go to, not a party to the document's investments."
    )
    umbrella_sentence: list[Phrase] = entries(
        "A sentence naming no company with one of these (政府, 両国) does not borrow the companies of the "
        "sentences before."
    )
    project_totals: list[Phrase] = entries(
        "A project's own total, which umbrella_sentence's words do not make an umbrella (投資総額は80億円,"
        " after a sentence that names the company): one that opens the sentence is taken out before that"
        " test ('3つのプロジェクトの投資総額' stays a sum)."
    )
    investment_words: list[Phrase] = entries(
        "A sentence naming no company with one of these (投資) borrows the companies of a recent sentence."
    )
    pledge_verbs: list[Phrase] = entries(
        "Words of money a company will put in (投じる, 投資する): in an article that names one company, a "
        "sentence holding one and no investor is that company's pledge."
    )
    same_company: list[Phrase] = entries(
        "References to a company already named (同社, 両社): a sentence with one keeps the recent"
        " companies in "
        "reach of the sentences after it."
    )
    distributive: list[Phrase] = entries(
        "Several leads with several amounts in a sentence with one of these (それぞれ, ずつ) pair"
        " up in order, or "
        "each takes the amount."
    )
    participant_cues: list[Phrase] = entries(
        "In a fact sheet's item, the companies between the opening bracket, 】 or 、 before one of"
        " these and the "
        "cue (の参画を想定) are participants."
    )
    item_bullets: str = _regex("the start of a fact sheet's item (a bullet, (1), ①).")
    item_headings: str = _regex(
        "a numbered item heading (案件1:), whose fields then give the company and amount."
    )
    scale_brackets: str = _regex(
        "an item's scale in brackets (【最大1000億ドル】, (総額…)): the item's amount."
    )
    ditto_markers: list[Phrase] = entries(
        "Ditto marks ((同)): the company before one shares the amount stated before it; an item"
        " holding one is "
        "a record item."
    )
    field_amounts: list[Phrase] = entries("Field labels of an item heading's amount (事業費: …).")
    field_companies: list[Phrase] = entries("Field labels of an item heading's company (運営主体: …).")
    status: dict[RecordStatus, list[Phrase]] = table(
        "Record status -> cues anywhere in the record's sentence or item (着工 gives"
        " under_construction); the "
        "first status listed whose cue is found wins."
    )
    document_candidate: list[Phrase] = entries(
        "A document whose preamble holds one of these (候補) lists candidates: its items' status"
        " is candidate."
    )


class JaSectors(RuleFile):
    """ja_sectors.json: Japanese sector cues."""

    cues: dict[Sector, list[Phrase]] = table(
        "Sector -> cue words, found anywhere in the text (a Latin cue such as AI only as a whole"
        " word), longest "
        "first; a record takes the sector its sentence's cues score most."
    )
    generic: list[Phrase] = entries(
        "Cues (of cues) that say little alone (工場): they weigh 0.4 instead of 1."
    )
    strong: dict[Phrase, Sector] = table(
        "Cues that weigh more (データセンター -> ai_infrastructure): 2 for a record's cue, 3 in a"
        " section title."
    )
    name_words: dict[Phrase, Sector] = table(
        "A word inside the sponsor's name -> its line of business, one cue (0.8) when the gazetteer lists no "
        "sector for it."
    )
    weak_sectors: dict[Sector, float] = table("Sector -> factor on the weight of its cues.")
    section_heading: str = _regex(
        "a numbered section heading (1. エネルギー分野); the sector its title cues counts (1.5)"
        " for the records "
        "after it."
    )
    section_topic: str = _regex("a section's topic in a sentence (…分野では、), read like a heading.")
