"""Link a Japanese document: amounts to the companies that lead them, sentence by sentence and item by
item.

The records rule is the English one (GOLD-FORMAT.md): an amount is a record when a company leads it and
its context makes it a pledge, not a result (売上高, 純利益), a market value (時価総額), a subsidy
(補助金, 支援), a purchase (買収, 売却, で取得), a donation (寄付), an umbrella total or money already
spent (既に). A sentence without a company borrows the leads of the sentence before when it speaks of
investing (投資額は約250億円で); 'それぞれ' pairs companies and amounts in order, 'ずつ' gives each
company the amount. A fact sheet's items (a bullet, a company, a project, a bracketed scale
【最大1000億ドル】 or '(同)') are records item by item, with the partners named for participation
(…の参画を想定) as participants and the sector of their numbered heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.japanese.script import fold_width
from pipeline.rules import RuleSet
from schemas import (
    AmountDecision,
    CandidateRecord,
    CompanyMention,
    ExtractedDocument,
    LinkedDocument,
    MoneyMention,
    SectorCue,
    Span,
)

_BEFORE = 25  # characters before an amount whose words decide its role
_AFTER = 10
_BORROW_BACK = 4  # sentences a company-less sentence may look back for its leads
_JOINERS = ("、", ",", "と", "や", "及び", "および", "並びに", "・", "/", "／")
_CLAUSE_BREAK = re.compile(r"[はがをにで。「」]")
_NOTE = re.compile(r"[(（][^()（）]{0,12}[)）]")
_RECIPIENT = re.compile(
    r"^(?:社)?(?:に対し|に対して|への|へ|に(?!よ[るれ])|から|向け)"
)  # not the source: 'Xによると'; 'X向けに操業する': a customer
_SUBJECT = re.compile(r"^(?:社|側|の[^、。]{0,16}?(?:社長|会長|CEO|最高経営責任者))?(?:は|が|も)")
_AMOUNT_JOINERS = ("、", ",", "と", "や", "・")
_CUSTOMER = re.compile(r"^(?:など(?![0-9一二三四五六七八九十数]{1,3}社)|向け|等の顧客)")  # not '…など9社が'


def _phrases(items: object) -> tuple[str, ...]:
    return tuple(sorted((str(i) for i in items), key=len, reverse=True)) if isinstance(items, list) else ()


@dataclass(frozen=True)
class JapaneseRoles:
    """rules/ja_roles.json and the sector weights of ja_sectors.json."""

    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    not_sentence: tuple[str, ...]
    history: tuple[str, ...]
    umbrella_sentence: tuple[str, ...]
    project_totals: tuple[str, ...]
    investment: tuple[str, ...]
    distributive: tuple[str, ...]
    participant_cues: tuple[str, ...]
    same_company: tuple[str, ...]
    pledge_verbs: tuple[str, ...]
    item_bullet: re.Pattern[str]
    scale: re.Pattern[str]
    ditto: tuple[str, ...]
    field_amounts: tuple[str, ...]
    field_companies: tuple[str, ...]
    item_heading: re.Pattern[str]
    change_before: re.Pattern[str]
    past_period_before: re.Pattern[str]
    not_participant: tuple[str, ...]
    participation: tuple[str, ...]
    purchase_verbs: tuple[str, ...]
    supply_verbs: tuple[str, ...]
    affiliation_after: tuple[str, ...]
    operator_after: tuple[str, ...]
    subsidiary_before: tuple[str, ...]
    unit_subjects: tuple[str, ...]
    generic_cues: frozenset[str]
    strong_cues: dict[str, str]
    weak_sectors: dict[str, float]
    company_sectors: dict[str, str]  # a gazetteer company's line of business, by its Japanese spellings too
    name_words: dict[str, str]
    section_heading: re.Pattern[str]
    section_topic: re.Pattern[str]
    sector_cues: dict[str, str]
    status_cues: dict[str, tuple[str, ...]]
    document_candidate: tuple[str, ...]
    negative_document: tuple[str, ...] = ()
    deal_document: tuple[str, ...] = ()
    deal_sentence: tuple[str, ...] = ()
    min_value: dict[str, float] = field(default_factory=dict)  # roles.json min_record_value

    @classmethod
    def from_rules(cls, rules: RuleSet) -> JapaneseRoles:
        """Read ja_roles.json, ja_sectors.json and the not-participant words of ja_companies.json."""
        roles = rules.mapping("ja_roles")
        sectors = rules.mapping("ja_sectors")
        companies = rules.mapping("ja_companies")
        floors = rules.mapping("roles").get("min_record_value", {})
        return cls(
            min_value={str(k): float(v) for k, v in floors.items()},
            negative_document=_phrases(roles.get("negative_document", [])),
            deal_document=_phrases(roles.get("deal_document", [])),
            deal_sentence=_phrases(roles.get("deal_sentence", [])),
            not_before=_phrases(roles["not_record_before"]),
            not_after=_phrases(roles["not_record_after"]),
            not_sentence=_phrases(roles["not_record_sentence"]),
            history=_phrases(roles["history"]),
            umbrella_sentence=_phrases(roles["umbrella_sentence"]),
            project_totals=_phrases(roles.get("project_totals", [])),
            investment=_phrases(roles["investment_words"]),
            distributive=_phrases(roles["distributive"]),
            participant_cues=_phrases(roles["participant_cues"]),
            same_company=_phrases(roles["same_company"]),
            pledge_verbs=_phrases(roles.get("pledge_verbs", [])),
            item_bullet=re.compile(str(roles["item_bullets"])),
            scale=re.compile(str(roles["scale_brackets"])),
            ditto=_phrases(roles["ditto_markers"]),
            field_amounts=_phrases(roles["field_amounts"]),
            field_companies=_phrases(roles["field_companies"]),
            item_heading=re.compile(str(roles["item_headings"])),
            change_before=re.compile(str(roles.get("change_before", "(?!)"))),
            past_period_before=re.compile(str(roles.get("past_period_before", "(?!)"))),
            not_participant=_phrases(companies.get("not_participant_words", [])),
            participation=_phrases(companies.get("investment_words", [])),
            purchase_verbs=_phrases(roles.get("purchase_verbs", [])),
            supply_verbs=_phrases(roles.get("supply_verbs", [])),
            affiliation_after=_phrases(roles.get("affiliation_after", [])),
            operator_after=_phrases(roles.get("operator_after", [])),
            subsidiary_before=_phrases(roles.get("subsidiary_before", [])),
            unit_subjects=_phrases(roles.get("unit_subjects", [])),
            generic_cues=frozenset(str(c) for c in sectors.get("generic", [])),
            strong_cues={str(k): str(v) for k, v in sectors.get("strong", {}).items()},
            weak_sectors={str(k): float(v) for k, v in sectors.get("weak_sectors", {}).items()},
            company_sectors=_company_sectors(rules),
            name_words={str(k): str(v) for k, v in sectors.get("name_words", {}).items()},
            section_heading=re.compile(str(sectors["section_heading"])),
            section_topic=re.compile(str(sectors["section_topic"])),
            sector_cues={str(c): str(s) for s, cues in sectors["cues"].items() for c in cues},
            status_cues={str(k): _phrases(v) for k, v in roles.get("status", {}).items()},
            document_candidate=_phrases(roles.get("document_candidate", [])),
        )


def _company_sectors(rules: RuleSet) -> dict[str, str]:
    listed = {str(e["name"]): str(e["sector"]) for e in rules.entries("companies") if e.get("sector")}
    sectors = dict(listed)
    for name, aliases in rules.mapping("ja_companies").get("gazetteer", {}).items():
        if name in listed:
            sectors.update({str(alias): listed[name] for alias in aliases})
    return sectors


@dataclass
class _View:
    extracted: ExtractedDocument
    roles: JapaneseRoles
    text: str
    folded: str
    sentences: list[Span]
    companies: list[CompanyMention]
    agencies: list[CompanyMention]
    money: list[MoneyMention]
    glosses: set[int]
    cues: list[SectorCue]
    deal: bool = False  # a takeover document (TOB, 非公開化): its share money is the deal's
    amount_roles: dict[int, str] = field(default_factory=dict)  # amount_role's answers, for explain's pass

    def in_span(self, items: list[CompanyMention], span: Span) -> list[CompanyMention]:
        return [c for c in items if span.start <= c.start < span.end]


def _view(extracted: ExtractedDocument, roles: JapaneseRoles) -> _View:
    regions = extracted.japanese or (Span(start=0, end=len(extracted.parsed.text)),)

    def inside(offset: int) -> bool:
        return any(r.start <= offset < r.end for r in regions)

    def body(offset: int) -> bool:
        # (related-article links and disclaimers are no body: their names take part in nothing here)
        return not any(e.start <= offset < e.end for e in extracted.excluded)

    text = extracted.parsed.text
    folded = fold_width(text)
    money = sorted((m for m in extracted.money if inside(m.start)), key=lambda m: m.start)
    glosses = {
        i + 1
        for i in range(len(money) - 1)
        if money[i].currency != money[i + 1].currency
        and re.fullmatch(
            r"[ 　]*(?:[(（\[［]|、日本円(?:換算)?で|、円換算で)[ 　]*"
            # ('(当時のレートで約750億円)': a conversion at the rate of the day)
            r"(?:約|およそ|(?:当時の)?(?:為替)?レート(?:換算)?で約?|日本円(?:換算)?で約?|円換算で約?)?[ 　]*",
            folded[money[i].end : money[i + 1].start],
        )
    }
    return _View(
        extracted=extracted,
        roles=roles,
        text=text,
        folded=folded,
        sentences=[s for s in extracted.sentences if inside(s.start)],
        companies=sorted(
            (
                c
                for c in extracted.companies
                if inside(c.start) and body(c.start) and not folded.startswith(roles.affiliation_after, c.end)
            ),
            key=lambda c: c.start,
        ),
        agencies=sorted(
            (
                a
                for a in extracted.agencies
                # '同国政府系のX': the government owns the company named next; it does not act
                if inside(a.start)
                and a.signal == "agency"
                and not folded.startswith(roles.affiliation_after, a.end)
            ),
            key=lambda a: a.start,
        ),
        money=money,
        glosses=glosses,
        cues=sorted((c for c in extracted.sectors if inside(c.start)), key=lambda c: c.start),
        deal=_names_any(fold_width(_opening(extracted)), roles.deal_document),
    )


# ---- roles ------------------------------------------------------------------------------------------------


def amount_role(view: _View, index: int, sentence: Span) -> str:
    """'record', or why the amount is not one (`sentence` holds the amount)."""
    if (known := view.amount_roles.get(index)) is None:
        known = view.amount_roles[index] = _amount_role(view, index, sentence)
    return known


def _amount_role(view: _View, index: int, sentence: Span) -> str:
    mention = view.money[index]
    if index in view.glosses:
        return "paired"
    roles = view.roles
    folded = view.folded
    before = folded[max(sentence.start, mention.start - _BEFORE) : mention.start]
    end = _listed_end(view, index)
    after = folded[end : min(sentence.end, end + _AFTER)]
    whole = folded[sentence.start : sentence.end]
    # (a phrase longer than the window is matched against the text itself: 'のプロジェクトファイナンス')
    if any(cue in before for cue in roles.not_before) or folded.startswith(roles.not_after, end):
        return "not_investment"
    if mention.value < roles.min_value.get(mention.currency, roles.min_value.get("default", 0.0)):
        return "too_small"  # '157円換算': an exchange rate, not money
    clause = before.rsplit("、", 1)[-1]
    if any(cue in whole for cue in roles.not_sentence) and not any(t in clause for t in roles.project_totals):
        # (but '用地の売却額は…、総投資額は70億円': its clause names a project's total)
        return "not_investment"
    if roles.change_before.search(before) and not any(w in whole for w in roles.investment):
        return "not_investment"  # 'ツバメ商事は12・5%増の3200億円で': a result, its change before it
    if _told_as_history(folded, sentence, mention, roles.history) or roles.past_period_before.search(before):
        return "history"
    if view.deal and any(word in whole for word in roles.deal_sentence):
        return "acquisition"  # '持ち株会社には、A社が優先株で7060億円…出資': the takeover's money
    if after.startswith("で") and any(verb in folded[end : sentence.end] for verb in roles.purchase_verbs):
        return "purchase"  # 'およそ900億円で…権益を取得した': a price paid
    return "record"


def _told_as_history(folded: str, sentence: Span, mention: MoneyMention, cues: tuple[str, ...]) -> bool:
    """Whether a history cue tells the sentence's amount as past; not the new figure after a plan told as past
    ('約2千億円…としていたが、その半分の千億円に減らす': the 千億円 is today's)."""
    whole = folded[sentence.start : sentence.end]
    present = [cue for cue in cues if cue in whole]
    if not present:
        return False  # (most sentences: no cue, no search for where)
    found = [(m.start(), m.end()) for cue in present for m in re.finditer(re.escape(cue), whole)]
    at = mention.start - sentence.start
    return not all(end <= at and whole.startswith("が", end) for _, end in found)


def _gloss_end(view: _View, index: int) -> int:
    """Where an amount ends with its gloss in brackets ('100億ドル（約1兆5千億円）')."""
    if index + 1 not in view.glosses:
        return view.money[index].end
    closer = re.match(r"[^()（）]{0,4}[)）]", view.folded[view.money[index + 1].end :])
    return view.money[index + 1].end + (closer.end() if closer else 0)


def _listed_end(view: _View, index: int) -> int:
    """Where a list of amounts that share one tail ends ('最大248億円、8億円の助成'): the words after the
    last amount say what each of them is."""
    end = _gloss_end(view, index)
    following = index + (2 if index + 1 in view.glosses else 1)
    while following < len(view.money) and view.folded[end : view.money[following].start] in _AMOUNT_JOINERS:
        end = _gloss_end(view, following)
        following += 2 if following + 1 in view.glosses else 1
    return end


# ---- leads ------------------------------------------------------------------------------------------------


def _actors(view: _View, sentence: Span) -> list[CompanyMention]:
    """Companies and agencies of a sentence in order, recipients ('…に出資') left out."""
    actors = [*view.in_span(view.companies, sentence), *view.in_span(view.agencies, sentence)]
    return sorted((a for a in actors if not _receives(view, a)), key=lambda a: a.start)


def _receives(view: _View, actor: CompanyMention) -> bool:
    """'Xに出資', 'X(SLNG)向けに': the actor receives the money or work (across a short name in brackets);
    'Xが運営する工場に': it runs what the money goes to."""
    after = view.folded[actor.end : actor.end + 18]
    if after.startswith(("(", "（")):
        after = _NOTE.sub("", after, count=1)
    elif after.startswith((")", "）")):
        after = after[1:]  # the short name in brackets after the full one: 'X(SLNG)向けに'
    return bool(_RECIPIENT.match(after)) or after.startswith(view.roles.operator_after)


def _joined(gap: str) -> bool:
    """Whether the text between two names lists them together ('と', '、', '、政府系の')."""
    gap = _NOTE.sub("", gap).strip(" 　")  # 'ヒバリ電機（米国）、ツグミ重工業': a note in brackets
    if gap in _JOINERS:
        return True
    return (
        len(gap) <= 14
        and gap.startswith(_JOINERS)
        and gap.endswith("の")
        and not _CLAUSE_BREAK.search(gap[1:])
    )


def _group(view: _View, actors: list[CompanyMention], index: int) -> list[CompanyMention]:
    """The actors coordinated with actors[index] ('OpenAIとソフトバンクが', 'X、Y、Zの3行が')."""
    first = last = index
    while first > 0 and _joined(view.folded[actors[first - 1].end : actors[first].start]):
        first -= 1
    while last + 1 < len(actors) and _joined(view.folded[actors[last].end : actors[last + 1].start]):
        last += 1
    return actors[first : last + 1]


def _leads(view: _View, sentence: Span, mention: MoneyMention) -> list[CompanyMention] | None:
    """The lead companies of an amount in its sentence; None when an agency leads it (no record)."""
    actors = _actors(view, sentence)
    before = [i for i, a in enumerate(actors) if a.end <= mention.start]
    after = [a for a in actors if a.start >= mention.end]
    # '最大3億円がXグループから拠出される': the company the money comes from gives it
    giver = next((a for a in after if _FROM.match(view.folded, a.end) and a.signal != "agency"), None)
    if giver is not None and "。" not in view.folded[mention.end : giver.start]:
        return [giver]
    whole = view.folded[sentence.start : sentence.end]
    if _without(whole, view.roles.project_totals) is not whole:
        # a project's total ('設備投資の総額は約70億円で、経産省の…に選ばれ'): actors after it lead it
        # only within its clause (the ministry acts in the next)
        after = [a for a in after if "、" not in view.folded[mention.end : a.start]]
    group = _group(view, actors, before[-1]) if before else after
    companies = _unique([a for a in group if a.signal != "agency"])
    if group and not companies:
        return None
    if before and _agency_acts_with(view, actors, group[-1], mention):
        return None  # 'A機構は、X、Y等と共に…最大約50億円の出資を行う': the agency's money
    if before and view.folded[sentence.start : group[0].start].endswith(view.roles.subsidiary_before):
        # 'Xは、製造子会社Yの工場に…を投じ': the subject's subsidiary; the subject leads with it
        parent = _subject_group(view, actors[: before[-1] - len(group) + 1])
        return _unique([*parent, *companies]) if parent else companies
    return companies


_TOGETHER_WITH = ("と共に", "とともに", "と一緒に")
_DEFINED_CLOSE = ("」)", "」）")


def _agency_acts_with(
    view: _View, actors: list[CompanyMention], last: CompanyMention, mention: MoneyMention
) -> bool:
    """Whether the sentence's subject is an agency and the companies before the amount only act with it
    ('…等と共に'): the money is the agency's."""
    subject = _subject_at(view, actors, through_office=True)
    if subject is None or actors[subject].signal != "agency" or actors[subject].start >= last.start:
        return False
    gap = view.folded[last.end : mention.start]
    return any(word in gap for word in _TOGETHER_WITH)


def _unit_of(view: _View, company: CompanyMention) -> bool:
    """Whether the document names a company as a subsidiary somewhere ('インド子会社のX')."""
    return any(
        c.name == company.name
        and view.folded[max(0, c.start - 8) : c.start].endswith(view.roles.subsidiary_before)
        for c in view.companies
    )


def _subject_group(view: _View, actors: list[CompanyMention]) -> list[CompanyMention]:
    """The first subject-marked actor ('Xは', 'X(東京)は') among actors, with those listed with it; companies
    only."""
    subject = _subject_at(view, actors, through_office=True)
    if subject is None:
        return []
    return [a for a in _group(view, actors, subject) if a.signal != "agency"]


def _subject_at(view: _View, actors: list[CompanyMention], through_office: bool = False) -> int | None:
    """The index of the first actor marked as the subject ('Xは'); with through_office, also across a head
    office in brackets between the name and its particle ('X(東京)は')."""
    for i, actor in enumerate(actors):
        after = view.folded[actor.end : actor.end + (40 if through_office else 24)].lstrip(" 　")
        if through_office and after.startswith(("(", "（")):
            after = _NOTE.sub("", after, count=1)
        elif after.startswith(_DEFINED_CLOSE):
            after = after[2:]  # 'X株式会社(本社:…、以下「X」)は': the short name defined in the note
        if _SUBJECT.match(after):
            return i
    return None


def _unique(mentions: list[CompanyMention]) -> list[CompanyMention]:
    seen: dict[str, CompanyMention] = {}
    for mention in mentions:
        seen.setdefault(mention.name, mention)
    return list(seen.values())


def _subjects(view: _View, sentence: Span) -> list[CompanyMention]:
    """The leads a following sentence may borrow: the subject group ('X は'), else the first company."""
    actors = _actors(view, sentence)
    companies = [a for a in actors if a.signal != "agency"]
    if not companies:
        return []
    subject = _subject_at(view, actors)
    first = companies[0]
    if subject is not None:
        group = _unique([a for a in _group(view, actors, subject) if a.signal != "agency"])
        # '台湾の経済部は、Xが台南で工場を新設すると明らかにした', 'BOIはXの計画を承認した': an agency
        # announces or approves; the company it names is what the next sentences are about
        return group or ([first] if first.start > actors[subject].end else [])
    if actors[0].signal == "agency":
        return [first]  # 'BOIはXの新工場計画を認可した。同社は…'
    if view.folded.startswith("の", first.end) and not _unit_subject(view, first):
        return []  # '…ミナト製鉄の工場が含まれる': an owner named in passing is not the topic
    if view.folded[sentence.start : first.start].endswith(view.roles.subsidiary_before):
        return []  # '同設備はグループ会社のX社の工場に新設': the parent the article is about stays the topic
    return [first]


def _unit_subject(view: _View, company: CompanyMention) -> bool:
    """'Xの台湾法人は4日、…': X's own unit is the sentence's subject, and acts for X."""
    after = view.folded[company.end + 1 : company.end + 9]
    particle = next((k for k, char in enumerate(after) if char in "はが"), -1)
    return particle > 0 and after[:particle].endswith(view.roles.unit_subjects)


# ---- sectors ----------------------------------------------------------------------------------------------


def _cue_sector(view: _View, text: str) -> str | None:
    """The sector a short title names ('(1)エネルギー', 'AIインフラの強化'), by its strongest cue."""
    score: dict[str, float] = {}
    folded = fold_width(text)
    for cue, sector in view.roles.strong_cues.items():
        if cue in folded:
            score[sector] = score.get(sector, 0.0) + 3.0
    for cue, sector in view.roles.sector_cues.items():
        if cue in folded:
            score[sector] = score.get(sector, 0.0) + (0.4 if cue in view.roles.generic_cues else 1.0)
    return max(score, key=lambda s: score[s]) if score else None


def _sections(view: _View) -> list[tuple[int, str]]:
    """Where each section's sector starts: numbered headings and topics ('エネルギー分野では、')."""
    found: list[tuple[int, str]] = []
    offset = 0
    for line in view.folded.split("\n"):
        heading = view.roles.section_heading.match(line)
        if heading and not view.roles.scale.search(line):
            sector = _cue_sector(view, heading.group("title"))
            if sector:
                found.append((offset, sector))
        for topic in view.roles.section_topic.finditer(line):
            sector = _cue_sector(view, topic.group("title"))
            if sector:
                found.append((offset + topic.start(), sector))
        offset += len(line) + 1
    return sorted(found)


def _cue_weight(view: _View, cue: SectorCue) -> float:
    if cue.text in view.roles.strong_cues:
        weight = 2.0
    else:
        weight = 0.4 if cue.text in view.roles.generic_cues else 1.0
    return weight * view.roles.weak_sectors.get(cue.sector, 1.0)


def _sector(view: _View, sections: list[tuple[int, str]], span: Span, around: int, sponsor: str) -> str:
    """The sector of a record: cues near the amount, in the sentences before, its section, the sponsor's line
    of business, and the document's cues as a faint prior."""
    score: dict[str, float] = {}
    before = _context_start(view, span)
    for cue in view.cues:
        weight = _cue_weight(view, cue)
        if span.start <= cue.start < span.end:
            weight /= 1.0 + abs(cue.start - around) / 60
        elif before <= cue.start < span.start:
            weight *= 0.3
        else:
            weight *= 0.05
        score[cue.sector] = score.get(cue.sector, 0.0) + weight
    section = next((sector for start, sector in reversed(sections) if start <= around), None)
    if section:
        score[section] = score.get(section, 0.0) + 1.5
    listed = view.roles.company_sectors.get(sponsor)
    if listed:
        score[listed] = score.get(listed, 0.0) + 0.8
    else:
        for word, sector in view.roles.name_words.items():
            if word in sponsor:
                score[sector] = score.get(sector, 0.0) + 0.8
                break
    return max(score, key=lambda s: score[s]) if score else "other"


def _context_start(view: _View, span: Span) -> int:
    """Where the two sentences before a span, or its paragraph, begin: what a short sentence
    ('投資額は約250億円で') goes on about."""
    earlier = [s for s in view.sentences if s.end <= span.start]
    start = earlier[-2].start if len(earlier) >= 2 else (earlier[0].start if earlier else span.start)
    paragraph = view.folded.rfind("\n", 0, span.start) + 1
    return min(start, paragraph)  # a paragraph keeps to one project: its opening sentence names it


# ---- records ----------------------------------------------------------------------------------------------


@dataclass
class _Record:
    leads: list[str]
    participants: list[str]
    mention: MoneyMention
    evidence: Span
    sector: str
    status: str = "announced"
    in_title: bool = False


def _status(view: _View, span: Span, default: str = "announced") -> str:
    """Where the pledge stands, by the words of its sentence or item (候補, 着工, 稼働を開始, 中止)."""
    whole = view.folded[span.start : span.end]
    for status, cues in view.roles.status_cues.items():
        if any(cue in whole for cue in cues):
            return status
    return default


def _sentence_records(view: _View, sections: list[tuple[int, str]], covered: list[Span]) -> list[_Record]:
    records: list[_Record] = []
    recent: list[list[CompanyMention]] = []
    dealt: list[list[CompanyMention]] = []  # the subjects of sentences that tell a deal or an order (受注)
    topic: list[CompanyMention] = []  # the first subject the document names: what a later total is about
    paragraph: list[CompanyMention] = []  # the last subject named in the current paragraph
    paragraph_end = 0
    title = (view.extracted.parsed.title or "").strip()
    # a headline or a quote above the first sentence that names the company ('ツバメ不、…約4000億円投資予定'
    # over 'ツバメ不動産(株)は2日、…'): the amounts of the opening lines are that company's
    opening = _opening_subject(view)
    for sentence in view.sentences:
        whole = view.folded[sentence.start : sentence.end]
        subjects = _subjects(view, sentence)
        topic = topic or subjects
        if "\n" in view.folded[paragraph_end : sentence.start]:
            paragraph = []  # a new paragraph: its sentences speak of its own subject
        paragraph_end = sentence.end
        if any(c.start <= sentence.start < c.end for c in covered):
            recent = [*recent, subjects][-_BORROW_BACK:] if subjects else recent
            continue
        indexes = [i for i, m in enumerate(view.money) if sentence.start <= m.start < sentence.end]
        wanted = [i for i in indexes if amount_role(view, i, sentence) == "record"]
        groups: list[tuple[list[CompanyMention], int]] = []
        for i in wanted:
            leads = _leads(view, sentence, view.money[i])
            if leads is None:
                continue
            if not leads:
                leads = _borrowed(view, sentence, view.money[i], (recent, dealt, topic), opening, paragraph)
            if leads and topic and leads[0].name not in {c.name for c in topic} and _unit_of(view, leads[0]):
                # 'ツバメ電産は、インドの子会社のツバメインディアで…', then 'ツバメインディアは…。投資額は…';
                # '同社の完全子会社であるXが担当し、投資額は…': the unit leads with the article's parent
                leads = _unique([*leads, *topic])
            if leads:
                groups.append((leads, i))
        groups += _ditto(view, sentence, records)
        for leads, i in _distribute(view, sentence, groups):
            mention = view.money[i]
            sponsor = leads[0].name
            records.append(
                _Record(
                    leads=[c.name for c in leads],
                    participants=[],
                    mention=mention,
                    evidence=sentence,
                    sector=_sector(view, sections, sentence, mention.start, sponsor),
                    status=_status(view, sentence),
                    in_title=bool(title) and view.text[sentence.start : sentence.end].strip() == title,
                )
            )
        if subjects:
            paragraph = subjects
            recent = [*recent, subjects][-_BORROW_BACK:]
            if any(cue in whole for cue in view.roles.not_sentence):
                dealt.append(subjects)
        elif any(w in whole for w in view.roles.same_company):
            # '同社は全国に…': the sentence names its company again, so the sentences after it may borrow it
            named = next((group for group in reversed(recent) if group), [])
            recent = [*recent, named][-_BORROW_BACK:] if named else recent
        else:
            recent = [*recent, []][-_BORROW_BACK:]
    return records


_SUBJECT_PARTICLE = re.compile(r"[はが]")
_OPENING_SENTENCES = 3  # the lines above the first named subject that may borrow it


def _opening_subject(view: _View) -> tuple[int, list[CompanyMention]]:
    """Where the document's opening lines end (the first sentence with a subject company, if it is one of
    the first few) and that sentence's one subject; (0, []) when there is none."""
    for index, sentence in enumerate(view.sentences[: _OPENING_SENTENCES + 1]):
        subjects = _subjects(view, sentence)
        if subjects:
            return (sentence.start, subjects) if index and len(_unique(subjects)) == 1 else (0, [])
    return 0, []


def _borrowed(
    view: _View,
    sentence: Span,
    mention: MoneyMention,
    context: tuple[list[list[CompanyMention]], list[list[CompanyMention]], list[CompanyMention]],
    opening: tuple[int, list[CompanyMention]],
    paragraph: list[CompanyMention],
) -> list[CompanyMention]:
    """The leads an amount with none in its sentence takes from the sentences before; `context`: the recent
    sentences' subjects, those of them that told a deal, the document's topic; `opening`: where the opening
    lines end and the company they name; `paragraph`: the last subject of the paragraph, however far back."""
    recent, dealt, topic = context
    whole = view.folded[sentence.start : sentence.end]
    clause = _total_clause(view, sentence, mention)
    if not any(w in whole for w in view.roles.investment) or any(
        u in _without(clause, view.roles.project_totals) for u in view.roles.umbrella_sentence
    ):
        return []
    leads = next((group for group in reversed(recent) if group), [])
    if not leads:
        # 'ツバメ電機は…工場を新設する。施工は…。完成は…。…総額約30億円を投じ': the paragraph's company, its
        # contractors named in between as no subject
        leads = paragraph
    if (
        leads
        and _without(clause, view.roles.project_totals) is not clause
        and (_several(view, leads, sentence) or any(leads is group for group in dealt))
    ):
        # '…など3社が候補に。投資総額は…': a total of several is no one company's; '…工事を受注した。
        # 事業総額は…': the total of the deal the sentence before tells
        leads = []
    elif (
        not leads
        and len(topic) == 1
        and (
            _without(whole, view.roles.project_totals) is not whole
            or (
                len({c.name for c in view.companies}) == 1  # '物流事業に310億円を投じます'
                and any(w in whole for w in view.roles.pledge_verbs)
            )
        )
    ):
        # '投資額は…約40億円とし': the project of the company the article is about; in an article that
        # names one company, any investment it tells without an investor
        leads = topic
    opening_end, opening_subject = opening
    if (
        not leads
        and sentence.start < opening_end
        and not any(u in whole for u in view.roles.umbrella_sentence)
        and not _SEVERAL_MARK.search(whole)
        # (a headline names no subject; '東北先端大学(仙台市)は、…約80億円' has its own)
        and not _SUBJECT_PARTICLE.search(view.folded, sentence.start, mention.start)
    ):
        leads = opening_subject
    return leads


def _total_clause(view: _View, sentence: Span, mention: MoneyMention) -> str:
    """The amount's clause when a project's total opens it ('土地の価格は…で、投資総額は約70億円'), else its
    sentence."""
    start = view.folded.rfind("、", sentence.start, mention.start) + 1 or sentence.start
    clause = view.folded[start : sentence.end]
    if _without(clause, view.roles.project_totals) is not clause:
        return clause
    return view.folded[sentence.start : sentence.end]


def _without(text: str, phrases: tuple[str, ...]) -> str:
    """The text without the phrase that opens it, if one does ('投資総額は80億円': this project's total;
    '3つのプロジェクトの投資総額' and '投資総額は5社合計で' stay sums)."""
    opening = text.lstrip(" 　「")
    if _SUMMED.search(opening):
        return text
    for phrase in phrases:
        if opening.startswith(phrase):
            return opening[len(phrase) :]
    return text


def _several(view: _View, leads: list[CompanyMention], total: Span) -> bool:
    """Whether the leads' sentence, or the sentence right before the total, names several companies
    ('AとB', 'Aなど3社')."""
    names = [lead.name for lead in leads]
    spans = [s for s in view.sentences if s.start <= leads[0].start < s.end]
    if any(_JOINT.search(view.folded[s.start : s.end]) for s in spans):
        return False  # 'AとBが共同で建設した': their joint project, whose total is theirs
    if len(set(names)) > 1 and not all(n.startswith(names[0]) or names[0].startswith(n) for n in names):
        return True  # several companies ('AとB'), not a company and its namesake unit ('X', 'Xインドネシア')
    spans += [s for s in view.sentences if s.end <= total.start][-1:]
    return any(_SEVERAL.search(view.folded[s.start : s.end]) for s in spans)


# 'Aなど3社', 'Aなどの企業', '各社' (not 'マヨネーズなどを製造する', a list of products)
_SEVERAL = re.compile(
    r"など(?:の)?(?:[0-9一二三四五六七八九十]+社|企業|メーカー)|各社|[0-9一二三四五六七八九十]+社"
)
_JOINT = re.compile(r"共同で|共同出資|合弁")
_FROM = re.compile(r"(?:株式会社|\(株\))?(?:グループ)?から")  # 'X株式会社グループから': the money's source
_SUMMED = re.compile(r"合計|[0-9０-９一二三四五六七八九十]+社")  # '5社合計', '3社で'
# a sum of several, not one company's: a sum ('合計', '3社'), news coming one after another ('相次ぐ'), '官民'
_SEVERAL_MARK = re.compile(_SUMMED.pattern + "|相次|官民")


def _ditto(view: _View, sentence: Span, records: list[_Record]) -> list[tuple[list[CompanyMention], int]]:
    """'…ミナト電工が…電力設備(同)': the company before a ditto mark shares the amount stated before it."""
    found: list[tuple[list[CompanyMention], int]] = []
    whole = view.folded[sentence.start : sentence.end]
    for marker in view.roles.ditto:
        at = whole.find(marker)
        if at < 0:
            continue
        position = sentence.start + at
        earlier = [i for i, m in enumerate(view.money) if m.end <= position and i not in view.glosses]
        actors = [a for a in _actors(view, sentence) if a.end <= position]
        if actors and not view.folded[actors[-1].end : position].strip(" 　"):
            continue  # 'サクラ製造(同)の工場': right after a name it repeats the head office, not an amount
        if not earlier or not actors or actors[-1].signal == "agency":
            continue
        index = earlier[-1]
        if (
            actors[-1].start < view.money[index].end
            or amount_role(view, index, _sentence_of(view, index)) != "record"
        ):
            continue
        found.append(([actors[-1]], index))
    return found


def _sentence_of(view: _View, index: int) -> Span:
    start = view.money[index].start
    return next((s for s in view.sentences if s.start <= start < s.end), Span(start=start, end=start + 1))


def _distribute(
    view: _View, sentence: Span, groups: list[tuple[list[CompanyMention], int]]
) -> list[tuple[list[CompanyMention], int]]:
    """'XとYはそれぞれA、B' pairs in order; 'X、Y、ZがそれぞれAずつ' gives each the amount; else joint
    leads."""
    whole = view.folded[sentence.start : sentence.end]
    if not groups or not any(cue in whole for cue in view.roles.distributive):
        return groups
    out: list[tuple[list[CompanyMention], int]] = []
    by_leads: dict[tuple[str, ...], list[int]] = {}
    for leads, i in groups:
        by_leads.setdefault(tuple(c.name for c in leads), []).append(i)
    for names, indexes in by_leads.items():
        leads = next(group for group, _ in groups if tuple(c.name for c in group) == names)
        after_group = all(view.money[i].start > leads[-1].end for i in indexes)
        if len(leads) > 1 and after_group and len(indexes) == len(leads):
            out.extend(([lead], i) for lead, i in zip(leads, indexes, strict=True))
        elif len(leads) > 1 and after_group and len(indexes) == 1:
            out.extend(([lead], indexes[0]) for lead in leads)
        else:
            out.extend((leads, i) for i in indexes)
    return out


# ---- the fact sheet's items -------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _items(view: _View) -> list[Span]:
    """Spans of fact-sheet items: a bullet line and its continuation lines, or a '案件N:' block of fields."""
    items: list[Span] = []
    lines = _lines(view.folded)
    current: list[int] | None = None
    for start, end in lines:
        line = view.folded[start:end]
        starts_item = bool(view.roles.item_bullet.match(line)) or bool(view.roles.item_heading.match(line))
        heading = view.roles.section_heading.match(line) and not view.roles.scale.search(line)
        if not line.strip() or (heading and not view.roles.item_heading.match(line)) or starts_item:
            if current is not None:
                items.append(Span(start=current[0], end=current[1]))
                current = None
            if starts_item and not heading:
                current = [start, end]
            continue
        if current is not None:
            current[1] = end
    if current is not None:
        items.append(Span(start=current[0], end=current[1]))
    return [item for item in items if _is_item(view, item)]


def _is_item(view: _View, item: Span) -> bool:
    body = view.folded[item.start : item.end]
    if view.roles.item_heading.match(body):
        return any(f"{label}:" in body or f"{label}：" in body for label in view.roles.field_amounts)
    return bool(view.roles.scale.search(body)) or any(d in body for d in view.roles.ditto)


def _item_records(view: _View, sections: list[tuple[int, str]]) -> tuple[list[_Record], list[Span]]:
    records: list[_Record] = []
    items = _items(view)
    # a sheet that lists its projects as candidates ('候補') makes each item a candidate
    preamble = view.folded[: items[0].start] if items else ""
    default = "candidate" if any(cue in preamble for cue in view.roles.document_candidate) else "announced"
    previous: MoneyMention | None = None
    for item in items:
        body = view.folded[item.start : item.end]
        mention = _item_amount(view, item, body)
        if mention is None and any(d in body for d in view.roles.ditto):
            mention = previous  # (同): the scale of the item before
        if mention is None:
            continue
        previous = mention
        leads, participants = _item_companies(view, item, body)
        if not leads:
            continue
        evidence = Span(start=item.start, end=item.end)
        records.append(
            _Record(
                leads=leads,
                participants=participants,
                mention=mention,
                evidence=evidence,
                sector=_sector(view, sections, evidence, item.start, leads[0]),
                status=_status(view, evidence, default),
            )
        )
    return records, items


def _item_amount(view: _View, item: Span, body: str) -> MoneyMention | None:
    in_item = [m for m in view.money if item.start <= m.start < item.end]
    if not in_item:
        return None
    for scale in view.roles.scale.finditer(body):
        inside = [m for m in in_item if item.start + scale.start() <= m.start < item.start + scale.end()]
        if inside:
            return inside[0]
    for label in view.roles.field_amounts:
        at = max(body.find(f"{label}:"), body.find(f"{label}："))
        if at >= 0:
            after = [m for m in in_item if m.start >= item.start + at]
            if after:
                return after[0]
    return in_item[0] if not view.roles.item_heading.match(body) else None


def _item_companies(view: _View, item: Span, body: str) -> tuple[list[str], list[str]]:
    """The item's leads (its first companies, or its company field) and its participants (…の参画を想定)."""
    companies = view.in_span(view.companies, item)
    participant_zone = _participant_zone(view, item, body)
    participants = _unique(
        [c for c in companies if participant_zone and participant_zone[0] <= c.start < participant_zone[1]]
    )
    leads_pool = [c for c in companies if c not in participants]
    for label in view.roles.field_companies:
        at = max(body.find(f"{label}:"), body.find(f"{label}："))
        if at >= 0:
            line_end = body.find("\n", at)
            zone = (item.start + at, item.start + (line_end if line_end >= 0 else len(body)))
            field_leads = [c for c in leads_pool if zone[0] <= c.start < zone[1]]
            if field_leads:
                return [field_leads[0].name], [c.name for c in participants]
    if not leads_pool:
        return [], []
    actors = sorted(leads_pool, key=lambda c: c.start)
    group = [actors[0]]
    for nxt in actors[1:]:
        if _joined(view.folded[group[-1].end : nxt.start]):
            group.append(nxt)
        else:
            break
    return [c.name for c in _unique(group)], [
        c.name for c in participants if c.name not in {g.name for g in group}
    ]


def _participant_zone(view: _View, item: Span, body: str) -> tuple[int, int] | None:
    for cue in view.roles.participant_cues:
        at = body.find(cue)
        if at >= 0:
            opener = max(body.rfind("(", 0, at), body.rfind("（", 0, at))
            if opener < 0:
                opener = max(body.rfind("】", 0, at), body.rfind("、", 0, at))
            return item.start + opener + 1, item.start + at
    return None


# ---- the document -----------------------------------------------------------------------------------------


def _points(view: _View, mention: MoneyMention) -> list[tuple[str, float]]:
    points = [(mention.currency, mention.value)]
    if mention.usd is not None:
        points.append(("USD", mention.usd))
    index = view.money.index(mention) if mention in view.money else -1
    if index + 1 in view.glosses:
        gloss = view.money[index + 1]
        points.append((gloss.currency, gloss.value))
    return points


def _same_commitment(view: _View, a: _Record, b: _Record) -> bool:
    # a headline's amount stated again in the body is the body's commitment, whoever the headline names
    # ('X、90億円投資' over '親会社Yが総額90億円を出資')
    if not set(a.leads) & set(b.leads) and a.in_title == b.in_title:
        return False
    if a.evidence == b.evidence and a.mention.start != b.mention.start:
        return False  # '60億ドルを供給網に、60億ドルを研究開発に': two equal amounts for two uses
    phases_a = set(_PHASE.findall(view.folded[a.evidence.start : a.evidence.end]))
    phases_b = set(_PHASE.findall(view.folded[b.evidence.start : b.evidence.end]))
    if phases_a and phases_b and phases_a != phases_b:
        return False  # '第1期に約600億円' and '第2期も約600億円': two phases of equal cost
    for cur_a, val_a in _points(view, a.mention):
        for cur_b, val_b in _points(view, b.mention):
            if cur_a == cur_b and abs(val_a - val_b) <= 0.05 * max(val_a, val_b):
                return True
    return False


# a phase's number: '第2期', '第1弾', '2期目' (digits folded to ASCII in view.folded)
_PHASE = re.compile(r"第(\d+|[一二三四五六七八九十]+)(?:期|弾|段階|フェーズ)|(\d+)期目")


def _dedup(view: _View, records: list[_Record]) -> list[_Record]:
    """One commitment stated twice (headline and body, yen and dollars) is one record; the body's wins."""
    kept: list[_Record] = []
    for record in sorted(records, key=lambda r: r.in_title):
        if not any(_same_commitment(view, record, k) for k in kept):
            kept.append(record)
    return sorted(kept, key=lambda r: r.evidence.start)


def _candidate(view: _View, record: _Record) -> CandidateRecord:
    evidence = view.text[record.evidence.start : record.evidence.end]
    stripped = evidence.strip()
    start = record.evidence.start + (len(evidence) - len(evidence.lstrip()))
    mention = record.mention
    return CandidateRecord(
        sponsor=record.leads[0],
        partners=tuple(record.leads[1:]),
        participants=tuple(p for p in record.participants if p not in record.leads),
        sector=record.sector,
        value=mention.value,
        currency=mention.currency,
        qualifier=mention.qualifier,
        high=mention.high,
        usd=mention.usd,
        description=stripped[:200] or None,
        evidence_text=stripped,
        evidence_start=start,
        evidence_end=start + len(stripped),
        page=view.extracted.parsed.page_at(start),
        status=record.status,
    )


def _document_companies(view: _View, records: list[_Record]) -> list[str]:
    """Companies that take part: the records' companies, and those of sentences about investing."""
    names: dict[str, None] = {}
    for record in records:
        for name in (*record.leads, *record.participants):
            names[name] = None
    for sentence in view.sentences:
        whole = view.folded[sentence.start : sentence.end]
        if not any(w in whole for w in view.roles.participation) or any(
            w in whole for w in view.roles.not_participant
        ):
            continue
        for company in view.in_span(view.companies, sentence):
            if not _CUSTOMER.match(view.folded[company.end : company.end + 6]) and not _supplied(
                view, company
            ):
                names[company.name] = None
    return list(names)


def _supplied(view: _View, company: CompanyMention) -> bool:
    """'…米ツグミにロボタクシーを供給する': a customer the goods go to, not a party to the investment."""
    clause = re.match(r"(?:社)?(?:に|へ)([^、。,]{0,20})", view.folded[company.end : company.end + 24])
    return clause is not None and any(verb in clause.group(1) for verb in view.roles.supply_verbs)


def link_japanese(extracted: ExtractedDocument, roles: JapaneseRoles) -> LinkedDocument:
    """Candidate project records of a Japanese document (or of a mixed page's Japanese paragraphs)."""
    view = _view(extracted, roles)
    sections = _sections(view)
    item_records, items = _item_records(view, sections)
    records = _dedup(view, item_records + _sentence_records(view, sections, items))
    return LinkedDocument(
        extracted=extracted,
        candidates=tuple(_candidate(view, r) for r in records),
        companies=()
        if _negative_document(extracted, roles, records)
        else tuple(_document_companies(view, records)),
        decisions=_decisions(view, records),
    )


# what amount_role's verdicts rest on, for `pledgeline explain`
_ROLE_RULES = {
    "not_investment": (
        "ja_roles.json not_record_before, not_record_after, not_record_sentence or change_before"
    ),
    "history": "ja_roles.json history",
    "paired": "pattern: a second currency in brackets",
    "purchase": "ja_roles.json purchase_verbs",
    "too_small": "roles.json min_record_value",
    "acquisition": "ja_roles.json deal_document and deal_sentence",
}


def _decisions(view: _View, records: list[_Record]) -> tuple[AmountDecision, ...]:
    """Every Japanese amount's decision: the record it became, or the rule that kept it from being one."""
    made = {r.mention.start: r for r in records}
    decisions = []
    for index, mention in enumerate(view.money):
        amount = {
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "value": mention.value,
            "currency": mention.currency,
            "qualifier": mention.qualifier,
            "high": mention.high,
        }
        record = made.get(mention.start)
        if record is not None:
            decisions.append(
                AmountDecision(
                    **amount,
                    verdict="record",
                    rule="ja_roles.json: no cue says otherwise",
                    candidates=tuple(record.leads + record.participants),
                    sponsor=" + ".join(record.leads),
                    sector=record.sector,
                )
            )
            continue
        role = amount_role(view, index, _sentence_of(view, index))
        if role == "record":
            role, rule = "no_lead", "linker: no lead company nearby, or the same commitment stated again"
        else:
            rule = _ROLE_RULES.get(role, "ja_roles.json")
        decisions.append(AmountDecision(**amount, verdict=role, rule=rule))
    return tuple(decisions)


def _negative_document(extracted: ExtractedDocument, roles: JapaneseRoles, records: list[_Record]) -> bool:
    """A document about results, shares or buybacks, with no pledge: none of its companies takes part."""
    return not records and _names_any(_opening(extracted), roles.negative_document)


def _opening(extracted: ExtractedDocument) -> str:
    """A document's title and first 200 characters: where it says what it is about."""
    return f"{extracted.parsed.title or ''} {extracted.parsed.text[:200]}"


def _names_any(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)


def outside_japanese(extracted: ExtractedDocument) -> ExtractedDocument:
    """A mixed page for the English rules: its findings outside the Japanese paragraphs."""

    def outside(offset: int) -> bool:
        return not any(r.start <= offset < r.end for r in extracted.japanese)

    return extracted.model_copy(
        update={
            "sentences": tuple(s for s in extracted.sentences if outside(s.start)),
            "companies": tuple(c for c in extracted.companies if outside(c.start)),
            "agencies": tuple(a for a in extracted.agencies if outside(a.start)),
            "money": tuple(m for m in extracted.money if outside(m.start)),
            "sectors": tuple(c for c in extracted.sectors if outside(c.start)),
        }
    )


def combine_linked(english: LinkedDocument, japanese: LinkedDocument) -> LinkedDocument:
    """A mixed page's records: the English paragraphs' and the Japanese paragraphs'."""
    return japanese.model_copy(
        update={
            "candidates": english.candidates + japanese.candidates,
            "companies": tuple(dict.fromkeys([*english.companies, *japanese.companies])),
            "decisions": tuple(sorted(english.decisions + japanese.decisions, key=lambda d: d.start)),
        }
    )
