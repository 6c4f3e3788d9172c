"""Japanese companies: name runs in katakana, kanji and Latin letters that carry a company signal.

A name run is a stretch of katakana, kanji and Latin words between particles and punctuation. It names a
company when one of these says so: a legal form (株式会社, (株), ㈱), a company word at its end
(工業, 製作所, 銀行, エナジー ...), ...社 after a foreign name, a descriptor before it (製薬大手の,
子会社の, 米スタートアップの), the gazetteer (rules/ja_companies.json, and the English gazetteer for
Latin names), an announcement (Xは12日、), a person of it (XのY社長, OpenAI CEOの), a fact sheet's
item or field (・X：…【…】, 運営主体:X), a list with a company in it, or an investment sentence it
leads (Xは…を投資). Agencies (経済産業省, JBIC), outlets (ロイター), places (オハイオ州) and people
(スミス氏) are kept apart. One name per company: a later short form (古河電工, 三井住友,
ソフトバンクG) or a defined abbreviation ((以下、ABC)) joins the fullest mention, without its legal
form.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.companies import CompanyLexicon
from pipeline.extract.japanese.script import HIRAGANA, KANJI, KATAKANA, fold_width
from pipeline.rules import RuleSet
from schemas import CompanyMention, MoneyMention

_NAME_RUN = re.compile(
    rf"(?:[{KATAKANA}{KANJI}]|[A-Za-z][A-Za-z0-9&'.\-]*)"
    rf"(?:[{KATAKANA}{KANJI}・&]|[A-Za-z0-9][A-Za-z0-9&'.\-]*|[ \u3000](?=[A-Za-z][A-Za-z0-9&])"
    rf"|(?<=[{KATAKANA}])[ \u3000](?=[{KATAKANA}]))*"  # 'パナソニック エナジー': katakana words a space apart
)
_KATA = re.compile(f"[{KATAKANA}]")
_KANJI = re.compile(f"[{KANJI}]")
_HIRA = re.compile(f"[{HIRAGANA}]")
_LATIN_OR_KANA_END = re.compile(rf"[{KATAKANA}A-Za-z0-9]$")
_SINGLE_NATIONALITY = 1
_DIVISIONS = {"州", "県", "省", "市"}  # a place's division, after which a city's name follows
_COUNT = re.compile(rf"[{KANJI}]?[0-9][0-9,.]*[{KANJI}]?")  # '約120', '120社', '計9'


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


def _strings(items: Any) -> tuple[str, ...]:
    return tuple(sorted((str(i) for i in items), key=len, reverse=True))


@dataclass(frozen=True)
class JapaneseLexicon:
    """The Japanese company rules (rules/ja_companies.json) and the English gazetteer for Latin names."""

    legal_forms: tuple[str, ...]
    stripped_suffixes: tuple[str, ...]
    suffix_abbreviations: dict[str, str]
    name_suffixes: tuple[str, ...]
    weak_suffixes: frozenset[str]
    common_words: tuple[str, ...]
    not_name_endings: tuple[str, ...]
    generic_heads: frozenset[str]
    descriptors: tuple[str, ...]
    trailing_descriptors: tuple[str, ...]
    nationality_prefixes: frozenset[str]
    person_after: tuple[str, ...]
    latin_roles: frozenset[str]
    announce: re.Pattern[str]
    company_count: re.Pattern[str]
    item_start: re.Pattern[str]
    item_markers: tuple[str, ...]
    field_labels: tuple[str, ...]
    agency_suffixes: tuple[str, ...]
    agencies: frozenset[str]
    outlets: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    places: frozenset[str]
    place_suffixes: tuple[str, ...]
    not_names: frozenset[str]
    time_words: frozenset[str]
    site_suffixes: tuple[str, ...]
    estate_suffixes: tuple[str, ...]
    unit_of_before: tuple[str, ...]
    investment_words: tuple[str, ...]
    not_participant_words: tuple[str, ...]
    recipient_after: tuple[str, ...]
    event_after: tuple[str, ...]
    spending_verbs: tuple[str, ...]
    capacity_clause: re.Pattern[str]
    list_joiners: tuple[str, ...]
    hiragana_head_stops: frozenset[str]
    hiragana_head_bad_endings: str
    gazetteer: dict[str, str]  # Japanese alias -> canonical (English) name
    english: CompanyLexicon = field(repr=False, compare=False)
    gazetteer_pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def after_descriptor(self) -> re.Pattern[str]:
        """Text that ends with a descriptor ('製薬大手の', '子会社の', 'スタートアップの', 'ゼネコン「')."""
        return re.compile(rf"(?:{_alternation(self.descriptors)})(?:の|である|、)?[ 　]*「?$")

    @functools.cached_property
    def after_field_label(self) -> re.Pattern[str]:
        """Text that ends with a fact sheet's field label ('運営主体:')."""
        return re.compile(rf"(?:{_alternation(self.field_labels)})[ 　]*[:：][ 　]*$")

    @functools.cached_property
    def profile_after(self) -> re.Pattern[str]:
        """'(福井県あわら市、ヒバリ太郎社長)': a company's head office and president, in brackets after it."""
        return re.compile(
            r"[(（][^()（）、]{1,20}?[都道府県市区町村州][^()（）、]{0,10}、[^()（）]{1,15}?"
            r"(?:社長|代表取締役|代表)[)）]"
        )

    @functools.cached_property
    def employer_of(self) -> re.Pattern[str]:
        """'のジョン・スミス社長': a person of the company before it."""
        return re.compile(rf"の[{KATAKANA}{KANJI}・ A-Za-z]{{1,14}}?(?:{_alternation(self.person_after)})")

    @classmethod
    def from_rules(cls, rules: RuleSet, english: CompanyLexicon) -> JapaneseLexicon:
        """Build the lexicon from ja_companies.json."""
        data = rules.mapping("ja_companies")
        gazetteer = {
            str(alias): str(name) for name, aliases in data.get("gazetteer", {}).items() for alias in aliases
        }
        aliases = sorted(gazetteer, key=len, reverse=True)
        return cls(
            legal_forms=_strings(data["legal_forms"]),
            stripped_suffixes=_strings(data["stripped_suffixes"]),
            suffix_abbreviations={str(k): str(v) for k, v in data["suffix_abbreviations"].items()},
            name_suffixes=_strings(data["name_suffixes"]),
            weak_suffixes=frozenset(str(w) for w in data["weak_name_suffixes"]),
            common_words=_strings(data["common_words"]),
            not_name_endings=_strings(data["not_name_endings"]),
            generic_heads=frozenset(str(h) for h in data["generic_heads"]),
            descriptors=_strings(data["descriptors"]),
            trailing_descriptors=_strings(data["trailing_descriptors"]),
            nationality_prefixes=frozenset(str(p) for p in data["nationality_prefixes"]),
            person_after=_strings(data["person_after"]),
            latin_roles=frozenset(str(r) for r in data["latin_roles"]),
            announce=re.compile(str(data["announce_cue"])),
            company_count=re.compile(str(data.get("company_count_after", "(?!)"))),
            item_start=re.compile(str(data["item_start"])),
            item_markers=_strings(data["item_markers"]),
            field_labels=_strings(data["field_labels"]),
            agency_suffixes=_strings(data["agency_suffixes"]),
            agencies=frozenset(str(a) for a in data["agencies"]),
            outlets=frozenset(str(o) for o in data["outlets"]),
            outlet_suffixes=_strings(data["outlet_suffixes"]),
            places=frozenset(str(p) for p in data["places"]),
            place_suffixes=_strings(data["place_suffixes"]),
            not_names=frozenset(str(n) for n in data["not_names"]),
            time_words=frozenset(str(n) for n in data.get("time_words", [])),
            site_suffixes=_strings(data.get("site_suffixes", [])),
            estate_suffixes=_strings(data.get("estate_suffixes", [])),
            unit_of_before=_strings(data.get("unit_of_before", [])),
            investment_words=_strings(data["investment_words"]),
            not_participant_words=_strings(data["not_participant_words"]),
            recipient_after=_strings(data["recipient_after"]),
            event_after=_strings(data.get("event_after", [])),
            spending_verbs=_strings(data.get("spending_verbs", [])),
            capacity_clause=re.compile(str(data.get("capacity_clause", "(?!)"))),
            list_joiners=_strings(data["list_joiners"]),
            hiragana_head_stops=frozenset(str(w) for w in data.get("hiragana_head_stops", [])),
            hiragana_head_bad_endings="".join(str(c) for c in data.get("hiragana_head_bad_endings", [])),
            gazetteer=gazetteer,
            english=english,
            gazetteer_pattern=re.compile("|".join(re.escape(a) for a in aliases)) if aliases else None,
        )

    def listed(self, name: str) -> str | None:
        """The gazetteer's canonical name for a Japanese or Latin spelling."""
        if name in self.gazetteer:
            return self.gazetteer[name]
        if name.isascii():
            return self.english.gazetteer.get(self.english.fold(name))
        return None


@dataclass
class _Run:
    start: int
    end: int
    text: str
    kind: str = ""  # company | agency | outlet | place | person | ""
    signal: str = ""


# ---- one run: trim, classify ------------------------------------------------------------------------------


def _trim(text: str, run: _Run, lex: JapaneseLexicon) -> _Run:
    """The company part of a run: legal forms, descriptors, a glued nationality and a trailing role cut
    off."""
    name, start, signal = run.text, run.start, ""
    for form in lex.legal_forms:
        if name.startswith(form) and len(name) > len(form) + 1:
            name, start, signal = name[len(form) :], start + len(form), "legal"
        if name.endswith(form) and len(name) > len(form) + 1:
            name, signal = name[: -len(form)], "legal"
    while "・" in name:
        # '青森県・青森市・ツバメリゾート株式会社は': governments listed before the company, each a party
        head, _, rest = name.partition("・")
        if len(rest) < 2 or _kind_by_lexicon(head, lex) not in {"agency", "place"}:
            break
        name, start = rest, start + len(head) + 1
    time = max(
        (w for w in lex.time_words if name.startswith(w) and len(name) - len(w) >= 2), key=len, default=""
    )
    if time:
        name, start = name[len(time) :], start + len(time)  # '現在ツバメガスが': a time word glued on
    after = text[run.end : run.end + 4]
    before = text[max(0, run.start - 4) : run.start]
    if any(after.startswith(f) or before.endswith(f) for f in lex.legal_forms):
        signal = "legal"
    for trailing in lex.trailing_descriptors:
        if name.endswith(trailing) and len(name) - len(trailing) >= 2:
            name = name[: -len(trailing)]  # 'ナデシコ電子傘下' is ナデシコ電子
            break
    cut = _descriptor_cut(name, lex)
    if cut:
        name, start, signal = name[cut:], start + cut, signal or "descriptor"
    words = name.split(" ")
    if len(words) > 1 and words[-1] in lex.latin_roles:
        name, signal = " ".join(words[:-1]), signal or "employer"
    if len(name) > 2 and name[0] in lex.nationality_prefixes and (_KATA.match(name[1]) or name[1].isascii()):
        name, start, signal = name[1:], start + 1, signal or "foreign"
    if (
        len(name) > 2
        and name.endswith("社")
        and _LATIN_OR_KANA_END.search(name[:-1])
        and not name[-2].isdigit()
    ):
        name, signal = name[:-1], signal or "sha"  # ('国内17社' counts companies: no name before 社)
    return _Run(start, start + len(name), name, signal=signal)


def _descriptor_cut(name: str, lex: JapaneseLexicon) -> int:
    """Where a descriptor inside a run ends ('製薬大手ノバルティス' -> after 大手), or 0."""
    best = 0
    for descriptor in lex.descriptors:
        at = name.rfind(descriptor)
        if at >= 0 and len(name) - (at + len(descriptor)) >= 2:
            best = max(best, at + len(descriptor))
    return best


_BOUNDARY = re.compile(rf"[^{KANJI}{KATAKANA}A-Za-z]|$")


def _is_person(text: str, run: _Run, lex: JapaneseLexicon) -> bool:
    """'スミス氏', '山田太郎会長', 'ジョン・スミス最高経営責任者(CEO)'; not '相次ぐ'."""
    if run.text.endswith(lex.person_after):
        return True
    after = text[run.end : run.end + 12].lstrip(" ・")
    if not after.startswith(lex.person_after):
        return False
    return any(after.startswith(role) and _BOUNDARY.match(after, len(role)) for role in lex.person_after)


def _kind_by_lexicon(name: str, lex: JapaneseLexicon, legal: bool = False) -> str:
    """A run's kind by the lexicons alone ('' when they do not say); `legal`: it carries a legal form, which
    makes a name of common words a company's ('ツグミ不動産開発株式会社')."""
    if name in lex.agencies or (name.endswith(lex.agency_suffixes) and not name.endswith(lex.name_suffixes)):
        return "agency"
    if name in lex.outlets or name.endswith(lex.outlet_suffixes):
        return "outlet"
    if lex.listed(name):
        return "company"
    if name in lex.places or (name.endswith(lex.place_suffixes) and not name.endswith(lex.name_suffixes)):
        return "place"
    if _DIVISIONS.intersection(name) and any(
        name.startswith(place) and name[len(place) : len(place) + 1] in _DIVISIONS for place in lex.places
    ):
        return "place"  # 'ニューヨーク州オールバニ': a state and a city in it
    if name in lex.not_names or len(name) < 2 or name.isdigit() or name.endswith(lex.not_name_endings):
        return "none"
    if strip_japanese_legal_form(name, lex) in lex.not_names:
        return "none"  # '同社グループ': a reference with a group suffix is still no name
    if name in lex.time_words or _COUNT.fullmatch(name):
        return "none"  # '今週の首脳会談', '約120社': a time or a count, not a name
    if not legal and any(word in name for word in lex.common_words):
        return "none"  # '新工場建設', '投資計画': a common noun phrase, whatever its ending
    return ""


def _suffix_company(name: str, lex: JapaneseLexicon, weak: bool = False) -> bool:
    """'三菱商事', 'パナソニックエナジー', 'SB Energy': a company word at the end of a specific name (with
    weak=True also the words that end common nouns too: 化学, 銀行, 自動車 ...)."""
    if not name.endswith(lex.name_suffixes):
        return False
    for suffix in lex.name_suffixes:
        if not name.endswith(suffix) or name == suffix or (not weak and suffix in lex.weak_suffixes):
            continue
        head = name[: -len(suffix)].strip(" ・")
        if len(head) >= 2 or (head and (_KATA.match(head) or head.isascii())):
            return head not in lex.generic_heads and not _HIRA.search(head)
    return False


def _company_shaped(name: str, lex: JapaneseLexicon) -> bool:
    """A foreign name (katakana, Latin), a name ending in one ('ナデシコ電子ソリューション'), or a
    company word
    at its end: what a descriptor or a subject cue may name. '投資方針' is not."""
    return (
        not _KANJI.search(name)
        or bool(_LATIN_OR_KANA_END.search(name))
        or _suffix_company(name, lex, weak=True)
    )


_OFFICE_DIVISIONS = tuple(sorted(_DIVISIONS | {"都", "区", "町", "村"}))
_HEAD_OFFICE = re.compile(r"[(（](?:本社[・:：]?)?([^()（）、]{1,20})[)）](?:は|が|と)")


def _is_place(name: str, lex: JapaneseLexicon) -> bool:
    """A head office as press releases write it in brackets: a listed place, one with a division
    ('東京都渋谷区', '高砂市'), '同' (the same place as the company before), or a city and its ward as
    newspapers write them ('東京・台東')."""
    city, dot, ward = name.partition("・")
    if dot and ward and "・" not in ward:
        return _is_place(city, lex)
    return name == "同" or name in lex.places or name.endswith(_OFFICE_DIVISIONS)


def head_offices(text: str, companies: list[CompanyMention], lex: JapaneseLexicon) -> list[tuple[int, int]]:
    """The brackets that give a company's head office ('カモメ食品(東京・港)は'): a place, not a project."""
    spans: list[tuple[int, int]] = []
    for company in companies:
        end = company.end
        end += next((len(form) for form in lex.legal_forms if text.startswith(form, end)), 0)
        office = _OFFICE_BRACKET.match(text, end, end + 60)
        if office and _is_place(office.group(1), lex):
            spans.append((office.start(), office.end()))
    return spans


# a securities code after a name: '<4728>', '(東証プライム:7203)'; a bare '(4728)' unless it reads as a year
_STOCK_CODE = re.compile(
    r"<\d{3}[0-9A-Z]>|[(（](?:東証[^()（）\d]{0,6}|TSE)[:：]?\s?\d{3}[0-9A-Z][)）]|[(（](?!19|20)\d{3}[0-9A-Z][)）]"
)
_READING = re.compile(r"[(（][^()（）、。\n]{1,20}[)）]")
# a head office in brackets, whatever follows: '(東京・港)も', '(本社・東京都港区)', '(東京・港、山田社長)'
_OFFICE_BRACKET = re.compile(r"[(（](?:本社[・:：]?)?([^()（）、,]{1,20})(?:[、,][^()（）]{0,40})?[)）]")


# a name in brackets after its town and before a subject particle ('…市の「X」は'); a run holds the name alone
_QUOTED_LOCAL = re.compile(r".*[市町村区県]の[「『][^「」『』]+[」』][はが]$")


def _context_signal(text: str, run: _Run, sentence: str, lex: JapaneseLexicon) -> str:
    """A company signal from the words around a run."""
    before = text[max(0, run.start - 12) : run.start]
    after = text[run.end : run.end + 24]
    if lex.after_descriptor.search(before):
        return "descriptor"
    if lex.after_field_label.search(before):
        return "field"
    if lex.announce.match(after) or _STOCK_CODE.match(after):
        return "announce"  # (also 'ツグミ<9999>は': a listed company's securities code)
    reading = _READING.match(text, run.end, run.end + 24)
    if reading and lex.announce.match(text[reading.end() : reading.end() + 24]):
        return "announce"  # 'ツバメエッジ(ツバメ)は27日、': a reading or short name in brackets between
    line_start = text.rfind("\n", 0, run.start) + 1
    if not text[line_start : run.start].strip() and re.match(r"[ 　]*[|｜]", after):
        return "table"  # the first cell of a table row: 'ホシゾラ電力 | 送配電網の整備 | 最大25億ドル'
    if lex.item_start.fullmatch(text[line_start : run.start]):
        line_end = text.find("\n", run.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        following = text[line_end + 1 : text.find("\n", line_end + 1)] if line_end >= 0 else ""
        if not (following and lex.item_start.match(following) and following.strip()[:1] != "【"):
            line += following  # an item wrapped onto the next line, not a heading before a list
        if any(marker in line for marker in lex.item_markers):
            return "item"  # a fact sheet's item: '・ウェスチングハウス：…【最大1000億ドル】'

    if lex.employer_of.match(after):
        return "employer"
    # (a Latin name may stand a space apart from its note: 'ABC (東京都港区)は')
    end = run.end + 1 if text.startswith(" (", run.end) and run.text.isascii() else run.end
    if lex.profile_after.match(text, end, end + 40):
        return "profile"  # 'トラストファーマテック(福井県あわら市、ヒバリ太郎社長)は'
    office = _HEAD_OFFICE.match(text, end, end + 30)
    if office and _is_place(office.group(1), lex):
        return "profile"  # 'カモメ食品(東京都港区)は', '子会社サクラ食品(同)が': its head office alone

    plain = _company_shaped(run.text, lex)
    if _investment_subject(text, run, after, sentence, lex, plain):
        return "subject"
    if plain and after.startswith(lex.recipient_after):
        return "recipient"
    return ""


def _investment_subject(
    text: str, run: _Run, after: str, sentence: str, lex: JapaneseLexicon, plain: bool
) -> bool:
    """The subject of an investment sentence; also a local company quoted after its town ('熊本市の
    『ツバメ精工』が新工場を建設'), and a name in kanji opening a sentence that puts money in
    ('日本ツグミは岐阜県内で420億円を投じ')."""
    subject = (plain and _subject_of(run, after, lex)) or _QUOTED_LOCAL.match(
        text[max(0, run.start - 8) : run.end + 2]
    )
    if subject and any(w in sentence for w in lex.investment_words):
        return True
    return not plain and _kanji_subject(text, run, after) and any(w in sentence for w in lex.spending_verbs)


def _kanji_subject(text: str, run: _Run, after: str) -> bool:
    """A run of three to eight kanji that opens its sentence and is its topic ('Xは'), and is no reference
    ('同社', '当社')."""
    return (
        _KANJI_NAME.fullmatch(run.text) is not None
        and run.text[0] not in _REFERENCE_HEADS
        and after.startswith("は")
        and (run.start == 0 or text[run.start - 1] in _SENTENCE_OPENERS)
    )


_KANJI_NAME = re.compile(f"[{KANJI}]{{3,8}}")
_REFERENCE_HEADS = frozenset("同当両各本全他自")
_SENTENCE_OPENERS = frozenset("\n。 　」")


def _subject_of(run: _Run, after: str, lex: JapaneseLexicon) -> bool:
    """A run a particle makes a sentence's subject; not an event ('テープカットがあった') nor a new
    thing ('新オフィスビルは')."""
    return (
        re.match(r"(?:側)?(?:は|が)", after) is not None
        and not after.startswith(lex.event_after)
        and not (run.text[0] == "新" and _KATA.match(run.text, 1) is not None)
    )


# ---- a document -------------------------------------------------------------------------------------------


def _mask(text: str, money: list[MoneyMention]) -> str:
    """The text with money blanked, so that no name run starts inside '1000億ドル'."""
    chars = list(text)
    for mention in money:
        for i in range(mention.start, mention.end):
            chars[i] = " "
    return "".join(chars)


def _runs(text: str, lex: JapaneseLexicon) -> list[_Run]:
    runs = []
    for match in _NAME_RUN.finditer(text):
        start = _hiragana_head(text, match.start(), lex)
        name = text[start : match.end()].rstrip(".")
        parts = name.split("・")
        if len(parts) > 1 and all(lex.listed(part) for part in parts):
            # '三菱商事・三井物産…': listed companies a headline joins with a middle dot are each one
            for part in parts:
                runs.append(_Run(start, start + len(part), part))
                start += len(part) + 1
            continue
        runs.append(_Run(start, match.end(), name))
    return runs


def _hiragana_head(text: str, start: int, lex: JapaneseLexicon) -> int:
    """Where a katakana run's name starts: 'さくらインターネット' takes in its hiragana head, which follows a
    boundary and is no particle, conjunction or verb form."""
    if not _KATA.match(text, start):
        return start
    head = start
    while head > 0 and _HIRA.match(text, head - 1) and start - head <= _MAX_HIRAGANA_HEAD:
        head -= 1
    chunk = text[head:start]
    if not _MIN_HIRAGANA_HEAD <= len(chunk) <= _MAX_HIRAGANA_HEAD:
        return start
    if head > 0 and text[head - 1] not in _HEAD_BOUNDARIES:
        return start
    if chunk in lex.hiragana_head_stops or chunk[-1] in lex.hiragana_head_bad_endings:
        return start
    return head


_MIN_HIRAGANA_HEAD, _MAX_HIRAGANA_HEAD = 2, 5
_HEAD_BOUNDARIES = set(" \u3000\n、。「『（(・【") | {"\t"}


def _sentence_at(text: str, offset: int) -> str:
    start = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset)) + 1
    end_candidates = [i for i in (text.find("。", offset), text.find("\n", offset)) if i >= 0]
    return text[start : min(end_candidates) if end_candidates else len(text)]


def _classify(text: str, raw: _Run, lex: JapaneseLexicon) -> _Run:
    run = _trim(text, raw, lex)
    if not run.text:
        return run
    if run.signal != "employer" and not lex.listed(run.text) and _is_person(text, run, lex):
        run.kind = "person"
        return run
    kind = _kind_by_lexicon(run.text, lex, legal=run.signal == "legal")
    if kind:
        run.kind = "company" if kind == "company" else kind
        run.signal = "gazetteer" if kind == "company" else kind
        return run
    plain = _company_shaped(run.text, lex)
    if run.signal in {"legal", "sha", "employer"} or (run.signal == "descriptor" and plain):
        run.kind = "company"
        return run
    if _suffix_company(run.text, lex):
        run.kind, run.signal = "company", "suffix"
        return run
    context = _context_signal(text, run, _sentence_at(text, run.start), lex)
    if context in {"descriptor", "recipient"} and not plain:
        context = ""  # '製薬大手の投資方針': after a descriptor, only a foreign or company-shaped name
    if context or (run.signal == "foreign" and plain):
        run.kind, run.signal = "company", context or run.signal
    return run


def _coordinated(text: str, runs: list[_Run], lex: JapaneseLexicon) -> None:
    """A name listed with a company ('ABC、Acme、XYZ') is a company too."""
    joiners = set(lex.list_joiners)
    changed = True
    while changed:
        changed = False
        for a, b in itertools.pairwise(runs):
            if text[a.end : b.start].strip(" 　") not in joiners:
                continue
            for known, other in ((a, b), (b, a)):
                # a foreign or company-shaped name ('ミドリ銀行') listed with a company or an agency
                if (
                    known.kind in {"company", "agency"}
                    and other.kind == ""
                    and _company_shaped(other.text, lex)
                ):
                    other.kind, other.signal = "company", "list"
                    changed = True


def _abbreviations(text: str, runs: list[_Run], lex: JapaneseLexicon) -> dict[str, str]:
    """'ナデシコ電子株式会社(以下、NDK)', '鴻海精密工業(ホンハイ)': the short name joins the
    full one."""
    found: dict[str, str] = {}
    for run in runs:
        if run.kind != "company":
            continue
        match = re.match(
            r"(?:株式会社|\(株\)|（株）)?[(（](以下[、,]?)?[「『]?([^()（）「」、。]{2,24}?)[」』]?[)）]",
            text[run.end :],
        )
        if not match or match.group(2) == run.text:
            continue
        short = match.group(2).strip()
        # '(以下、NDK)' always defines a short name; a bare parenthesis only when it is shorter and
        # holds no descriptor
        if _kind_by_lexicon(short, lex) not in {"", "company"} or _is_place(short, lex):
            continue  # 'ヒバリ電機（米国）', '(東京・港)': a place, an agency or a word, not its short name
        if match.group(1) or (len(short) < len(run.text) and not any(d in short for d in lex.descriptors)):
            found[short] = run.text
    return found


def _short_forms(runs: list[_Run], names: list[str], lex: JapaneseLexicon) -> dict[str, str]:
    """Later short forms of a name found: '三井住友' of '三井住友銀行', '古河電工' of '古河電気工業',
    'ソフトバンクG'."""
    short: dict[str, str] = {}
    for run in runs:
        if run.kind not in {"", "none"} or run.text in names or len(run.text) < 2:
            continue
        targets = [n for n in names if _abbreviates(run.text, n, lex)]
        if len(set(targets)) == 1:
            short[run.text] = targets[0]
    return short


def _short_names(names: list[str], aliases: dict[str, str], lex: JapaneseLexicon) -> dict[str, str]:
    """A company found under its short name and its full one ('ヒバリ' and 'ヒバリ電機'): one company, when
    the short name abbreviates no other. A katakana word after it names a subsidiary ('ヒバリフーズ')."""
    short: dict[str, str] = {}
    for name in names:
        if name in aliases:
            continue
        targets = {
            n
            for n in names
            if n != name
            and _abbreviates(name, n, lex)
            and not _KATA.search(n[len(name) :] if n.startswith(name) else "")
        }
        if len(targets) == 1:
            short[name] = targets.pop()
    return short


def _abbreviates(short: str, full: str, lex: JapaneseLexicon) -> bool:
    for abbreviation, suffix in lex.suffix_abbreviations.items():
        if short.endswith(abbreviation) and full == short[: -len(abbreviation)] + suffix:
            return True
    if len(short) >= len(full) or short[:2] != full[:2]:
        return False
    if full.startswith(short):
        rest = full[len(short) :]
        return rest in lex.name_suffixes or rest in lex.stripped_suffixes or rest in lex.legal_forms
    if len(short) < 3 or not _KANJI.search(short):
        return False
    position = 0  # 古河電工 in 古河電気工業: the characters in order
    for ch in short:
        position = full.find(ch, position) + 1
        if position == 0:
            return False
    return True


def _gazetteer_hits(text: str, lex: JapaneseLexicon) -> list[_Run]:
    """Gazetteer spellings in the text that are whole names, not part of a longer one."""
    hits: list[_Run] = []
    if lex.gazetteer_pattern is None:
        return hits
    for match in lex.gazetteer_pattern.finditer(text):
        alias, start, end = match.group(), match.start(), match.end()
        before, after = text[start - 1 : start], text[end : end + 1]
        continues = _same_script(alias[0], before) or _KATA.match(after)
        if continues and not any(text.startswith(s, end) for s in (*lex.stripped_suffixes, *lex.legal_forms)):
            continue
        rest = _NAME_RUN.match(text, end)
        if rest and rest.group().endswith(lex.name_suffixes) and not _site_name(rest.group(), lex):
            continue  # 三井住友信託銀行 is not 三井住友
        if alias.isascii() and (after.isascii() and after.isalnum()):
            continue
        hits.append(_Run(start, end, alias, kind="company", signal="gazetteer"))
    return _joint_names(text, hits)


def _joint_names(text: str, hits: list[_Run]) -> list[_Run]:
    """Known names written together as one name ('ソフトバンク東芝', a joint venture of the two) are one
    company, not each of them."""
    merged: list[_Run] = []
    for hit in hits:
        last = merged[-1] if merged else None
        if last is not None and last.end == hit.start:
            run = _NAME_RUN.match(text, last.start)
            if run and run.end() == hit.end:
                joint = text[last.start : hit.end]
                merged[-1] = _Run(last.start, hit.end, joint, kind="company", signal="gazetteer")
                continue
        merged.append(hit)
    return merged


def _site_name(rest: str, lex: JapaneseLexicon) -> bool:
    """Whether the words after a company's name name one of its sites ('シラサギ製作所', '第二工場')."""
    return any(rest.endswith(s) and len(rest) - len(s) >= 2 for s in lex.site_suffixes)


def _is_site(text: str, run: _Run, known: set[str], lex: JapaneseLexicon) -> bool:
    """A company's works, not a company: a known name and a site ('ヒバリ電機シラサギ製作所'), or a site of
    the company just named ('同社のシラサギ製作所')."""
    if text[: run.start].endswith(lex.unit_of_before) and _site_name("..." + run.text, lex):
        return True
    before = text[max(0, run.start - 6) : run.start]
    if (
        before.endswith("の")
        and before[:-1].endswith(lex.place_suffixes)
        and _site_name("..." + run.text, lex)
        and not lex.listed(run.text)
    ):
        return True  # '熊本県合志市のツバメ製作所': a works in a town, not a company
    if _town_works(text, run, lex):
        return True
    return any(
        name != run.text and run.text.startswith(name) and _site_name(run.text[len(name) :], lex)
        for name in known
    )


def _town_works(text: str, run: _Run, lex: JapaneseLexicon) -> bool:
    """A works named by its town ('住友電工の横浜製作所', '横浜製作所に新設'); not a listed name."""
    suffix = next((s for s in lex.site_suffixes if run.text.endswith(s)), None)
    if suffix is None or lex.listed(run.text) or run.text[: -len(suffix)] not in lex.places:
        return False
    return text[: run.start].endswith("の") or text.startswith(_PLACE_PARTICLES, run.end)


_PLACE_PARTICLES = ("に", "で", "内", "(", "（")


def _same_script(first: str, before: str) -> bool:
    if not before:
        return False
    if first.isascii():
        return before.isascii() and before.isalnum()
    return bool(
        (_KATA.match(first) and _KATA.match(before))
        or (_HIRA.match(first) and _HIRA.match(before))
        or (_KANJI.match(first) and _KANJI.match(before))
    )


def strip_japanese_legal_form(name: str, lex: JapaneseLexicon) -> str:
    """'ソフトバンクグループ株式会社' -> 'ソフトバンク'; 'United States Steel Corporation' -> 'United
    States Steel'."""
    for form in lex.legal_forms:
        if name.startswith(form) and len(name) > len(form):
            name = name[len(form) :]
        if name.endswith(form) and len(name) > len(form):
            name = name[: -len(form)]
    for suffix in lex.stripped_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)].rstrip("・ ")
    if name.isascii():
        words = name.split()
        while len(words) > 1 and words[-1].rstrip(",") in lex.english.legal_suffixes:
            words.pop()
        name = " ".join(words)
    return name


def find_japanese_companies(
    text: str, money: list[MoneyMention], lex: JapaneseLexicon
) -> tuple[list[CompanyMention], list[CompanyMention]]:
    """Company mentions (canonical names) and agency or outlet mentions of a Japanese text."""
    folded = _mask(fold_width(text), money)
    runs = [_classify(folded, raw, lex) for raw in _runs(folded, lex)]
    runs = [r for r in runs if r.text]
    _counted(folded, runs, lex)
    products = _products(folded, runs, lex)
    for run in runs:
        if run.kind == "company" and run.text in products and run.signal not in _FIRM_SIGNALS:
            run.kind = ""
    _coordinated(folded, runs, lex)
    _agency_short_names(folded, runs)
    gazetteer = _gazetteer_hits(folded, lex)
    known = {*lex.gazetteer, *(r.text for r in runs if r.kind == "company")}
    companies = [
        r
        for r in runs
        if r.kind == "company"
        and not _is_site(folded, r, known, lex)
        and not _named_as_place(folded, r.text, lex)
    ]
    taken = [(r.start, r.end) for r in companies]
    companies += [g for g in gazetteer if not any(a < g.end and g.start < b for a, b in taken)]
    names = list(dict.fromkeys(r.text for r in companies))
    aliases = _abbreviations(folded, runs, lex)
    aliases.update(_short_forms(runs, names, lex))
    aliases.update(_short_names(names, aliases, lex))
    canonical = _canonical(names, aliases, lex)
    mentions = _mentions(text, folded, canonical, lex)
    agencies = [
        CompanyMention(name=r.text, text=text[r.start : r.end], start=r.start, end=r.end, signal=r.kind)
        for r in runs
        if r.kind in {"agency", "outlet"}
    ]
    return mentions, agencies


_BRACKET_NOTE = re.compile(r"[(（][^()（）]{1,20}[)）]")


_AGENCY_SHORT = re.compile(r"[(（]([A-Za-z][A-Za-z0-9&.\-]{1,11})[)）]")
# a release's note after the full name ends with the short name it defines: '(東京都港区、…、以下「ABC」)'
_DEFINED_SHORT = re.compile(r"[(（][^()（）]{0,60}?以下[、,]?[「『]([^「」『』()（）]{1,24})[」』][)）]")


def _agency_short_names(text: str, runs: list[_Run]) -> None:
    """'ヒバリ資源機構(HRSK)', 'ヒバリ資源機構(東京都港区、以下「HRSK」)': the short name in brackets after
    an agency names that agency wherever it stands ('HRSKが出資')."""
    short: set[str] = set()
    for run in runs:
        if run.kind == "agency" and (
            bracket := _AGENCY_SHORT.match(text, run.end) or _DEFINED_SHORT.match(text, run.end)
        ):
            short.add(bracket.group(1))
    for run in runs:
        if run.text in short and run.kind != "agency":
            run.kind, run.signal = "agency", "agency"


def _counted(folded: str, runs: list[_Run], lex: JapaneseLexicon) -> None:
    """'A、B、Cの3社': a list the text counts in companies names companies, where a name can be one."""
    # a short name in brackets after each name ('X(NW)、Y(PG)の2社') is no member of the list
    named = [
        r
        for r in runs
        if not (r.start and folded[r.start - 1] in "(（" and folded[r.end : r.end + 1] in (")", "）"))
    ]
    for last, run in enumerate(named):
        note = _BRACKET_NOTE.match(folded, run.end)
        if not lex.company_count.match(folded, note.end() if note else run.end):
            continue
        first = last
        while (
            first > 0
            and _BRACKET_NOTE.sub("", folded[named[first - 1].end : named[first].start]).strip(" 　")
            in lex.list_joiners
        ):
            first -= 1
        for member in named[first : last + 1]:
            if member.kind in ("", "none") and _company_shaped(member.text, lex):
                member.kind, member.signal = "company", "count"


def _products(folded: str, runs: list[_Run], lex: JapaneseLexicon) -> set[str]:
    """Names a capacity follows ('プロピレンが年産40万t、'): products, not companies."""
    return {r.text for r in runs if lex.capacity_clause.match(folded, r.end, r.end + 40)}


# Signals that name a company whatever the sentence says of it: the gazetteer, a legal form, 社.
_FIRM_SIGNALS = frozenset({"gazetteer", "legal", "sha"})


def _named_as_place(folded: str, name: str, lex: JapaneseLexicon) -> bool:
    """'フートへの投資' in a text that writes 'フート省' elsewhere: a province, not a company."""
    if lex.listed(name) or name.endswith(lex.name_suffixes):
        return False
    return any(name + division in folded for division in _PROVINCE_DIVISIONS)


_PROVINCE_DIVISIONS = ("省", "州", "県", "郡", "市")


def _canonical(names: list[str], aliases: dict[str, str], lex: JapaneseLexicon) -> dict[str, str]:
    """Each spelling's canonical name: the fullest spelling of its company, without its legal form."""
    family: dict[str, str] = {}
    for name in [*names, *aliases]:
        root = aliases.get(name, name)
        while root in aliases and aliases[root] != root:
            root = aliases[root]
        family[name] = root
    by_listed: dict[str, str] = {}
    for name, root in list(family.items()):
        listed = lex.listed(name) or lex.listed(root)
        if listed:
            first = by_listed.setdefault(listed, root)
            family[name] = family.get(first, first)
    groups: dict[str, list[str]] = {}
    for name, root in family.items():
        groups.setdefault(root, []).append(name)
    result: dict[str, str] = {}
    for members in groups.values():
        # an upper-case spelling is an abbreviation ('NDK' of 'ナデシコ電子') unless no longer spelling is
        # written otherwise ('JERA(ジェラ)': the katakana is its reading)
        written = max((len(m) for m in members if not m.isupper()), default=0)
        full = max(
            members,
            key=lambda m: (
                not m.isupper() or (m.isascii() and written <= len(m)),
                len(strip_japanese_legal_form(m, lex)),
                -members.index(m),
            ),
        )
        for member in members:
            result[member] = strip_japanese_legal_form(full, lex)
    return result


def _names_an_estate(folded: str, end: int, lex: JapaneseLexicon) -> bool:
    """Whether a name ends right before an industrial estate's word, after a '・' and katakana at most."""
    rest = folded[end : end + 20]
    if rest.startswith("・"):
        katakana = _KATAKANA_RUN.match(rest, 1)
        rest = rest[katakana.end() :] if katakana else rest
    return rest.startswith(lex.estate_suffixes) if lex.estate_suffixes else False


_KATAKANA_RUN = re.compile(f"[{KATAKANA}・]+")


def _mentions(
    text: str, folded: str, canonical: dict[str, str], lex: JapaneseLexicon
) -> list[CompanyMention]:
    """Every occurrence of every spelling, longest first, never overlapping."""
    taken: list[tuple[int, int]] = []
    mentions: list[CompanyMention] = []
    for spelling in sorted(canonical, key=len, reverse=True):
        for match in re.finditer(re.escape(spelling), folded):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            if _same_script(spelling[0], folded[start - 1 : start]) and not folded[:start].endswith(
                (*lex.nationality_prefixes, *lex.legal_forms, *lex.descriptors)
            ):
                continue
            if spelling.isascii() and folded[end : end + 1].isascii() and folded[end : end + 1].isalnum():
                continue
            if _names_an_estate(folded, end, lex):
                continue  # "ツバメ・ミドリ工業団地": the estate its developer named
            taken.append((start, end))
            mentions.append(
                CompanyMention(
                    name=canonical[spelling], text=text[start:end], start=start, end=end, signal="ja"
                )
            )
    return sorted(mentions, key=lambda m: m.start)
