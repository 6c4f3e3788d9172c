"""The Japanese path: language by document, money forms one by one, companies, records and roles, the fact
sheet's structure (text, HTML and a real PDF with a Japanese CID font), legacy encodings with exact evidence
offsets, and a project reported in English and Japanese merged into one.

Every document here is invented for these tests (well-known companies beside invented ones).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.japanese.money import JapaneseMoneyRules, find_japanese_money, parse_japanese_number
from pipeline.extract.japanese.script import detect_language, fold_width, sentences
from pipeline.rules import load_rules
from pipeline.run import run

FACT_SHEET = """日米間の投資に関する共同ファクトシート（試作）

2026年3月10日

日米両政府は、日米間の投資に関する合意に基づき、米国への投資プロジェクトの候補となる企業と事業規模を以下のとおり示す。事業規模の総額は約1,350億ドル。

(1)エネルギー
・ウェスチングハウス：AP1000原子炉及び小型モジュール炉の建設【最大1000億ドル】（三菱重工業、東芝等の参画を想定）
・ホシゾラ電力：送配電網と変電設備の整備【最大25億ドル】
・アオバ重工業：ガスタービン発電設備の供給【約12億ドル】
(2)AI向け電源開発
・カエデ電機：データセンター向け発電システムの供給【最大30億ドル】
・ミナト電工：ガスタービン発電設備の供給（同）
(3)AIインフラの強化
・ソフトバンクグループ：AIデータセンターの建設【最大250億ドル】
・シラカバ電線：光ファイバーケーブルの供給【15億〜20億ドル】
(4)重要鉱物等
・ルミナリス・マテリアルズ：リチウム精製施設の建設【最大3.5億ドル】（コトブキ商事の参画を想定）
(5)造船
・ハヤセ造船：米国造船所の近代化【最大８億ドル】
"""

# sponsor -> (value, qualifier, high, sector, participants)
FACT_SHEET_ITEMS = {
    "ウェスチングハウス": (100e9, "up_to", None, "energy", ["三菱重工業", "東芝"]),
    "ホシゾラ電力": (2.5e9, "up_to", None, "energy", []),
    "アオバ重工業": (1.2e9, "about", None, "energy", []),
    "カエデ電機": (3e9, "up_to", None, "ai_infrastructure", []),
    "ミナト電工": (3e9, "up_to", None, "ai_infrastructure", []),  # its heading: power for AI
    "ソフトバンク": (25e9, "up_to", None, "ai_infrastructure", []),
    "シラカバ電線": (1.5e9, "range", 2e9, "ai_infrastructure", []),
    "ルミナリス・マテリアルズ": (0.35e9, "up_to", None, "critical_minerals", ["コトブキ商事"]),
    "ハヤセ造船": (0.8e9, "up_to", None, "shipbuilding", []),
}

RELEASE = """サクラ精機、米オハイオ州に新工場 総投資額3億ドル

サクラ精機株式会社（以下、サクラ精機）は12日、米国オハイオ州に半導体製造装置の新工場を建設すると発表した。総投資額は約3億ドル（約450億円）で、2028年の稼働を目指す。
同社の2025年3月期の売上高は1,200億円、純利益は85億円だった。
経済産業省は同工場に最大50億円の補助金を出す。
"""


@pytest.fixture(scope="module")
def money_rules() -> JapaneseMoneyRules:
    return JapaneseMoneyRules.from_rules(load_rules())


def _run(
    tmp_path: Path, files: dict[str, bytes | str]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, content in files.items():
        path = docs / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    out = tmp_path / "out"
    run([str(docs)], out)
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    return documents, records


# ---- language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("サクラ精機は米国に3億ドルを投資すると発表した。", "ja"),
        ("Sakura Seiki will invest $300 million in Ohio, the company said.", "en"),
        ("樱花精机宣布在美国投资三亿美元建设新工厂，预计二〇二八年投产。", "en"),  # Chinese: no kana
        (
            "Sakura Seiki will invest $300 million in a new plant in Ohio, the company said on Monday. "
            "The plant will make tools for chip makers and open in 2028, with 400 jobs. "
            * 3
            + "\nサクラ精機は米国に3億ドルを投資すると発表した。同社は2028年の稼働を目指す。",
            "mixed",
        ),
    ],
)
def test_language_by_document(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_folding_keeps_offsets_and_sentences_end_at_kuten_outside_quotes() -> None:
    text = "ＡＢＣ１２３億ドル。「投資する。」と述べた。\n次の文"
    assert len(fold_width(text)) == len(text)
    assert fold_width("１０００億ドル") == "1000億ドル"
    assert [text[a:b] for a, b in sentences(text)] == [
        "ＡＢＣ１２３億ドル。",
        "「投資する。」と述べた。",
        "次の文",
    ]


# ---- money, form by form -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency", "qualifier", "high"),
    [
        ("同社は1000億ドルを投じる。", 1e11, "USD", "exact", None),
        ("同社は１０００億ドルを投じる。", 1e11, "USD", "exact", None),  # full-width digits
        ("同社は3.5億ドルを投じる。", 3.5e8, "USD", "exact", None),  # decimal before 億
        ("同社は五千五百億ドルを投じる。", 5.5e11, "USD", "exact", None),  # kanji numerals
        ("同社は12兆6000億円を投じる。", 1.26e13, "JPY", "exact", None),
        ("同社は3億2千万カナダドルを投じる。", 3.2e8, "CAD", "exact", None),
        ("同社は2,000億米ドルを投じる。", 2e11, "USD", "exact", None),
        ("同社は4 700億円を投じる。", 4.7e11, "JPY", "exact", None),  # a space groups thousands
        ("同社は45百万USドルを投じる。", 4.5e7, "USD", "exact", None),
        ("同社は5兆ウォンを投じる。", 5e12, "KRW", "exact", None),
        ("同社は20億ユーロを投じる。", 2e9, "EUR", "exact", None),
        ("同社は700〜800億円を投じる。", 7e10, "JPY", "range", 8e10),  # the unit carries over
        ("同社は15億〜20億ドルを投じる。", 1.5e9, "USD", "range", 2e9),
        ("同社は最大250億ドルを投じる。", 2.5e10, "USD", "up_to", None),
        ("同社は約640億円を投じる。", 6.4e10, "JPY", "about", None),
        ("同社はおよそ640億円を投じる。", 6.4e10, "JPY", "about", None),
        ("同社は45百万USドル程度を投じる。", 4.5e7, "USD", "about", None),
        ("同社は320億ドル以上を投じる。", 3.2e10, "USD", "at_least", None),
        ("同社は12兆円超を投じる。", 1.2e13, "JPY", "at_least", None),
        ("同社は1兆円超えを投じる。", 1e12, "JPY", "at_least", None),
        ("【最大1000億ドル】", 1e11, "USD", "up_to", None),  # a fact sheet's bracketed scale
        ("同社は契約1億ドルを得た。", 1e8, "USD", "exact", None),  # 契約 holds no 約
    ],
)
def test_money_forms(
    money_rules: JapaneseMoneyRules,
    text: str,
    value: float,
    currency: str,
    qualifier: str,
    high: float | None,
) -> None:
    found = find_japanese_money(text, money_rules)
    assert len(found) == 1, found
    mention = found[0]
    assert (mention.value, mention.currency, mention.qualifier, mention.high) == (
        value,
        currency,
        qualifier,
        high,
    )
    assert text[mention.start : mention.end] == mention.text


def test_an_unspecified_figure_is_no_amount(money_rules: JapaneseMoneyRules) -> None:
    assert find_japanese_money("同社は数十億ドルを投資する。数億円の案件も。", money_rules) == []


def test_a_paired_amount_gives_both_and_its_dollar_value(money_rules: JapaneseMoneyRules) -> None:
    found = find_japanese_money("5500億ドル(約84兆円)の投資", money_rules)
    assert [(m.value, m.currency, m.qualifier, m.usd) for m in found] == [
        (5.5e11, "USD", "exact", 5.5e11),
        (8.4e13, "JPY", "about", 5.5e11),
    ]
    later = find_japanese_money("設備投資は120億ドル(約1兆8000億円)を超える", money_rules)
    assert later[0].qualifier == "at_least"  # the qualifier after the gloss belongs to the figure


def test_a_bare_oku_figure_glossed_in_dollars_is_yen(money_rules: JapaneseMoneyRules) -> None:
    found = find_japanese_money("純利益は300~400億(2億~2億6000万ドル)の見込み", money_rules)
    assert [(m.value, m.currency, m.high) for m in found] == [(3e10, "JPY", 4e10), (2e8, "USD", 2.6e8)]


@pytest.mark.parametrize(
    ("run", "value"), [("一兆二千億", 1.2e12), ("二〇二五", 2025), ("1千億", 1e11), ("52兆408億", 5.20408e13)]
)
def test_japanese_numbers(money_rules: JapaneseMoneyRules, run: str, value: float) -> None:
    parsed = parse_japanese_number(run, money_rules)
    assert parsed is not None and parsed[0] == pytest.approx(value)


# ---- the fact sheet ------------------------------------------------------------------------------


def _check_fact_sheet(records: list[dict[str, object]]) -> None:
    by_sponsor = {str(r["sponsor"]): r for r in records}
    assert set(by_sponsor) == set(FACT_SHEET_ITEMS), sorted(by_sponsor)
    for sponsor, (value, qualifier, high, sector, participants) in FACT_SHEET_ITEMS.items():
        record = by_sponsor[sponsor]
        amount = record["amount"]
        assert isinstance(amount, dict)
        assert (amount["value"], amount["qualifier"], amount["high"]) == (value, qualifier, high), sponsor
        assert record["sector"] == sector, sponsor
        assert record["participants"] == participants, sponsor
        assert record["status"] == "candidate"


def test_the_fact_sheet_as_text_gives_every_item(tmp_path: Path) -> None:
    documents, records = _run(tmp_path, {"factsheet.txt": FACT_SHEET})
    _check_fact_sheet(records)
    text = FACT_SHEET
    for record in records:
        evidence = record["evidence"]
        assert isinstance(evidence, dict)
        assert text[int(evidence["start"]) : int(evidence["end"])] == evidence["text"]
        assert str(evidence["text"]).startswith("・")
    # the umbrella total is an amount, not a record; the governments are no company
    assert {"value": 135e9, "currency": "USD"} in documents[0]["amounts"]  # type: ignore[operator]
    assert "日米両政府" not in documents[0]["companies"]  # type: ignore[operator]


def test_the_fact_sheet_as_html_gives_every_item(tmp_path: Path) -> None:
    lines = FACT_SHEET.strip().split("\n")
    body = "".join(f"<p>{line}</p>" if line else "" for line in lines[1:])
    head = f'<head><meta charset="utf-8"><title>{lines[0]}</title></head>'
    page = f"<html>{head}<body><article><h1>{lines[0]}</h1>{body}</article></body></html>"
    _, records = _run(tmp_path, {"factsheet.html": page})
    _check_fact_sheet(records)


def test_the_fact_sheet_as_a_pdf_with_a_japanese_cid_font_gives_every_item(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = tmp_path / "factsheet.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("HeiseiKakuGo-W5", 9)
    y = 800.0
    for line in FACT_SHEET.split("\n"):
        # long items wrap onto a second line, as a typeset sheet does
        for part in (line[:48], line[48:]) if len(line) > 48 else (line,):
            pdf.drawString(36, y, part)
            y -= 16
    pdf.save()
    _, records = _run(tmp_path, {"factsheet.pdf": path.read_bytes()})
    _check_fact_sheet(records)
    assert all(r["evidence"]["page"] == 1 for r in records)  # type: ignore[index]


def test_fact_sheet_variants_a_company_list_a_parenthesised_scale_and_a_table(tmp_path: Path) -> None:
    sheet = (
        "事業の候補（試作その2）\n\n(1)エネルギー\n"
        "・ヒバリ電機（米国）、ツグミ重工業：米国での変電設備の共同建設（最大40億ドル）\n"
        "(2)造船\n企業名 | 事業内容 | 事業規模\nミサゴ造船 | 米国造船所の建設 | 最大12億ドル\n"
    )
    _, records = _run(tmp_path, {"variants.txt": sheet})
    assert [
        (r["sponsor"], r["partners"], r["amount"]["value"], r["amount"]["qualifier"], r["sector"])  # type: ignore[index]
        for r in records
    ] == [
        ("ヒバリ電機", ["ツグミ重工業"], 4e9, "up_to", "energy"),
        ("ミサゴ造船", [], 1.2e9, "up_to", "shipbuilding"),
    ]


# ---- releases, roles, encodings ------------------------------------------------------------------


def _release_checks(documents: list[dict[str, object]], records: list[dict[str, object]], text: str) -> None:
    assert [(r["sponsor"], r["amount"]["value"], r["amount"]["qualifier"]) for r in records] == [  # type: ignore[index]
        ("サクラ精機", 3e8, "about")
    ]
    record = records[0]
    assert record["sector"] == "semiconductors"
    evidence = record["evidence"]
    assert isinstance(evidence, dict)
    assert text[int(evidence["start"]) : int(evidence["end"])] == evidence["text"]
    # results (売上高, 純利益) and an agency's subsidy (補助金) are amounts, never records
    assert documents[0]["companies"] == ["サクラ精機"]
    amounts = {(a["value"], a["currency"]) for a in documents[0]["amounts"]}  # type: ignore[union-attr, index]
    assert {(3e8, "USD"), (4.5e10, "JPY"), (1.2e11, "JPY"), (8.5e9, "JPY"), (5e9, "JPY")} <= amounts


@pytest.mark.parametrize("encoding", ["utf-8", "shift_jis", "euc_jp", "iso2022_jp"])
def test_a_release_in_each_encoding_gives_the_same_record_with_exact_offsets(
    tmp_path: Path, encoding: str
) -> None:
    from pipeline.acquire import acquire_one
    from pipeline.config import Settings
    from pipeline.parse.dispatch import parse

    documents, records = _run(tmp_path, {"release.txt": RELEASE.encode(encoding)})
    settings = Settings()
    parsed = parse(acquire_one(str(tmp_path / "docs" / "release.txt"), settings, None), settings.parse)
    assert "サクラ精機株式会社" in parsed.text
    _release_checks(documents, records, parsed.text)


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "iso2022_jp"])
def test_a_short_japanese_text_is_decoded_as_japanese(encoding: str) -> None:
    from pipeline.parse.decoding import decode_bytes

    # the generic detector reads these few Shift_JIS bytes as Korean, and ISO-2022-JP passes for ASCII
    headline = "ナデシコ電子が3億ドル投資へ"
    assert decode_bytes(headline.encode(encoding)) == headline


def test_a_page_labelled_shift_jis_is_read_with_the_vendor_characters() -> None:
    from pipeline.parse.decoding import decode_bytes

    page = '<html><head><meta charset="Shift_JIS"></head><body>㈱ナデシコ電子①が3億ドル投資へ</body></html>'
    assert decode_bytes(page.encode("cp932")) == page


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp"])
def test_an_html_release_in_a_legacy_encoding_is_read(tmp_path: Path, encoding: str) -> None:
    label = {"shift_jis": "Shift_JIS", "euc_jp": "EUC-JP"}[encoding]
    paragraphs = "".join(f"<p>{line}</p>" for line in RELEASE.strip().split("\n")[1:] if line)
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
        f"<title>サクラ精機、米オハイオ州に新工場</title></head><body><article>{paragraphs}</article></body></html>"
    )
    _, records = _run(tmp_path, {"release.html": page.encode(encoding)})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("サクラ精機", 3e8)]  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each bank, 'ずつ' (each) after 'それぞれ'; the state-owned bank is an agency and leads no record
        (
            "ミドリ銀行、アカネ銀行、日本政策投資銀行はそれぞれ最大50億円ずつ出資する方針だ。",
            [("ミドリ銀行", 5e9), ("アカネ銀行", 5e9)],
        ),
        # 'それぞれ' pairs companies and amounts in order
        (
            "製薬大手のノバルティスとロシュはそれぞれ今後3年で120億ドル、80億ドルを投じる。",
            [("ノバルティス", 1.2e10), ("ロシュ", 8e9)],
        ),
        # a market value, a buyback and a donation are not pledges
        ("ツバキ化学の時価総額は2兆円に達した。", []),
        ("ツバキ化学は3日、上限300億円で自社株買いを実施する。", []),
        ("ツバキ化学は9日、自己株式の取得（上限500億円）を決めたと発表した。", []),
        # money raised by issuing units or borrowing is financing, not a pledge
        (
            "ツバキ電鉄は都心のホテルを取得する。新投資口の発行で最大約300億円、銀行借り入れで250億円を調達する。",
            [],
        ),
        ("ツバキ化学は財団に50万ドルを寄付する。", []),
        # money already spent, and a price paid for existing assets
        ("ツバキ化学は同工場に既に約7億ドルを投じた。", []),
        ("ツバキ化学は、およそ900億円で鉱山の権益を取得する。", []),
        # a state agency leading an amount makes no record
        ("ツバキ化学は7日、新工場の建設を発表した。国際協力銀行は同事業に10億ドルを出資する。", []),
        # a sentence without a company borrows the lead of the sentence before it
        (
            "ツバキ化学は7日、新工場を建設すると発表した。投資額は約250億円で、2029年に完成させる。",
            [("ツバキ化学", 2.5e10)],
        ),
    ],
)
def test_roles(tmp_path: Path, text: str, expected: list[tuple[str, float]]) -> None:
    _, records = _run(tmp_path, {"news.txt": text + "\n"})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == expected  # type: ignore[index]


def test_names_as_written_without_legal_form_and_agencies_kept_apart(tmp_path: Path) -> None:
    text = (
        "ソフトバンクグループ株式会社(以下、SBKG)と株式会社ナデシコ電子は10日、米国でAIデータセンターを共同で建設すると発表した。"
        "SBKGとナデシコ電子の投資額は計100億ドル。国際協力銀行(JBIC)と日本貿易保険(NEXI)も出資と保険で"
        "支える。"
        "経済産業省は「重要な案件だ」としている。\n"
    )
    documents, records = _run(tmp_path, {"jv.txt": text})
    assert documents[0]["companies"] == ["ソフトバンク", "ナデシコ電子"]
    assert [(r["sponsor"], r["partners"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ソフトバンク", ["ナデシコ電子"], 1e10)
    ]


def test_a_project_reported_in_english_and_japanese_is_one_project(tmp_path: Path) -> None:
    english = (
        "SoftBank to build AI data centers in Ohio\n\n"
        "SoftBank Group will invest up to $25 billion in AI data centers in Ohio, "
        "the company said on Tuesday.\n"
    )
    japanese = "ソフトバンクグループは米オハイオ州のAIデータセンターに最大250億ドルを投資すると発表した。\n"
    _run(tmp_path, {"en.txt": english, "ja.txt": japanese})
    projects = [json.loads(line) for line in (tmp_path / "out" / "projects.jsonl").read_text().splitlines()]
    assert len(projects) == 1
    assert len(projects[0]["sources"]) == 2


def test_a_mixed_page_reads_each_paragraph_in_its_language(tmp_path: Path) -> None:
    text = (
        "Kestrel Ridge Power will invest $2.4 billion in a gas-fired plant in Texas, "
        "the company said on Monday. "
        "The plant will open in 2029 and employ 300 people, according to the company's statement.\n\n"
        "ツバキ化学は12日、米テキサス州に新工場を建設すると発表した。投資額は約5億ドル。\n"
    )
    assert detect_language(text) == "mixed"
    _, records = _run(tmp_path, {"mixed.txt": text})
    assert sorted((r["sponsor"], r["amount"]["value"]) for r in records) == [  # type: ignore[index]
        ("Kestrel Ridge Power", 2.4e9),
        ("ツバキ化学", 5e8),
    ]


# ---- families found on real news the path had not seen: each sentence invented ----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cost cut, a grant paid out and a running total are no pledges
        ("ツバキ化学は経営再建に向けて2027年度までに約3000億円を削減する計画だ。", []),
        ("ツバキ化学は最大で120億円の支給を受け、蓄電池の生産を始める。", []),
        ("ツバキ化学は新工場を建設する。これにより米国での累計投資額は約400億ドルになる。", []),
        # amounts listed before one tail share its role: both are grants
        ("ツバキ化学やカエデ電機は、それぞれ最大120億円、6億円の助成を受けられる。", []),
        # goods bought are no investment
        ("ツバキ化学は米国産の液化天然ガス20億ドル相当を購入する方針も示した。", []),
        # a project's total named 事業総額 in a sentence of its own borrows the lead before it
        (
            "ツバキ化学は蓄電池の新工場を建設すると発表した。事業総額としては約500億円を見込む。",
            [("ツバキ化学", 5e10)],
        ),
    ],
)
def test_roles_of_costs_grants_totals_and_purchases(
    tmp_path: Path, text: str, expected: list[tuple[str, float]]
) -> None:
    _, records = _run(tmp_path, {"news.txt": text + "\n"})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == expected  # type: ignore[index]


def test_a_range_from_one_amount_to_another_and_a_change_of_level(
    tmp_path: Path, money_rules: JapaneseMoneyRules
) -> None:
    found = find_japanese_money("各分野に3兆円から4兆円を投じる。", money_rules)
    assert [(m.value, m.high, m.qualifier) for m in found] == [(3e12, 4e12, "range")]
    found = find_japanese_money("基金を40億ドルから80億ドルに倍増させる。", money_rules)
    assert [(m.value, m.high) for m in found] == [(4e9, None), (8e9, None)]
    _, records = _run(
        tmp_path, {"news.txt": "ツバキ化学は米国の製造投資基金を40億ドルから80億ドルに倍増させる。\n"}
    )
    assert [r["amount"]["value"] for r in records] == [8e9]  # type: ignore[index]


def test_times_counts_works_and_joint_names_are_told_from_companies(tmp_path: Path) -> None:
    text = (
        "ヒバリ電機シラサギ製作所の完成予想図\n"
        "今週の日米首脳会談にあわせて、ヒバリ電機は20日、同社のシラサギ製作所に新工場を建設すると発表した。"
        "投資額は約80億円。電池関連会社など約120社でつくる協議会に技術を共有し、生産の拡大を目指す。\n"
        "また、ソフトバンク東芝が小型原子炉の建設に投資する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電機", "ソフトバンク東芝"]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ電機", 8e9)]  # type: ignore[index]


def test_a_short_name_is_its_company_but_a_subsidiary_is_not(tmp_path: Path) -> None:
    text = (
        "ヒバリ電機は3日、米国に新工場を建設すると発表した。ヒバリは約2億ドルを投じる。"
        "子会社のヒバリフーズも冷凍食品の工場を新設し、約5000万ドルを投資する。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電機", "ヒバリフーズ"]


def test_takeover_parties_and_customers_take_no_part(tmp_path: Path) -> None:
    text = (
        "ツバキ化学は12日、カエデ工機に対する株式公開買付け(TOB)を発表した。"
        "ツバキ化学は近年、アオイ精密などを次々と買収している。\n"
        "ミナト自動車は米国に100億ドルを投資する。米ツグミにロボタクシーを供給するほか、工場を拡大する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ミナト自動車"]
    assert [r["sponsor"] for r in records] == ["ミナト自動車"]


def test_two_equal_amounts_and_an_owner_named_in_passing(tmp_path: Path) -> None:
    text = (
        "ミナト自動車は米国に200億ドルを投資する。\n"
        "投資額には、傘下のミナト製鉄の50億ドル規模の工場が含まれる。同工場は鋼材を生産する。\n"
        "また、80億ドルを研究開発に投じる。\n"
        "ミナト自動車は60億ドルを供給網の整備に、60億ドルを自動運転の研究に投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ミナト自動車", 2e10),
        ("ミナト製鉄", 5e9),
        ("ミナト自動車", 8e9),
        ("ミナト自動車", 6e9),
        ("ミナト自動車", 6e9),
    ]


def test_a_source_is_no_recipient_and_a_short_sentence_reads_its_paragraph(tmp_path: Path) -> None:
    text = (
        "株式会社ルミナリスは、同社のシラサギ事業所に新工場を建設すると発表した。先端半導体の後工程を担う。"
        "12月に地鎮祭を行った。来年1月に生産棟の建設に着工する。投資額は約90億円。\n"
        "ルミナリスによると、製鋼設備の改修には約2億ドルの費用を見込む。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["amount"]["value"], r["sector"]) for r in records] == [  # type: ignore[index]
        (9e9, "semiconductors"),
        (2e8, "manufacturing"),
    ]


def test_the_group_a_company_belongs_to_takes_no_part(tmp_path: Path) -> None:
    text = (
        "ヒバリ電機やアオバ重工業、ミナト自動車系のカエデテックなど9社が、"
        "共同出資で米国に新会社を設立する。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電機", "アオバ重工業", "カエデテック"]


def test_katakana_words_a_space_apart_are_one_name_and_references_and_zones_are_none(tmp_path: Path) -> None:
    text = (
        "ヒバリ エナジーは和歌山工場に新ラインを設けた。費用は約700億円。\n"
        "同社はシラサギ工場3号棟Aゾーンの内装工事にも25億円を投資する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ エナジー"]
    assert {r["sponsor"] for r in records} == {"ヒバリ エナジー"}


def test_a_results_document_without_a_pledge_lists_no_companies(tmp_path: Path) -> None:
    text = (
        "ヒバリ電機、4〜9月期決算は赤字に\n"
        "ヒバリ電機は30日、4〜9月期の最終損益が120億円の赤字になったと発表した。"
        "ヒバリ電機はシラサギ化学と共同で進める新工場の建設を続ける。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert records == []
    assert documents[0]["companies"] == []


def test_references_regions_equipment_and_rates_are_no_names_or_amounts(tmp_path: Path) -> None:
    text = (
        "関西の都市部でデータセンター（ＤＣ）の建設が進む。\n"
        "ヒバリ電工は最大5億3,000万ドル（約832億円、158円換算）を投じ、都市型ＤＣを新設する。\n"
        "同社グループとして初の拠点で、72時間動く非常用発電機を備える。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電工"]
    assert [(r["sponsor"], r["amount"]["value"], r["amount"]["currency"]) for r in records] == [
        ("ヒバリ電工", 5.3e8, "USD")
    ]


def test_a_city_in_a_state_and_a_country_are_places(tmp_path: Path) -> None:
    text = (
        "ヒバリ電工は、米ニューヨーク州オールバニに海外初となる研究開発拠点を設立した。"
        "ヒバリ電工はアイルランドの事業において計3億ドルを投資する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電工"]
    assert [r["sponsor"] for r in records] == ["ヒバリ電工"]


def test_a_hiragana_head_is_part_of_a_katakana_name_but_a_conjunction_is_not(tmp_path: Path) -> None:
    text = (
        "つばめインターネット、北見データセンターへ40億円を追加投資\n"
        "つばめインターネットは北見データセンターに40億円を投資する。"
        "さらにヒバリエナジーも同地に20億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert set(documents[0]["companies"]) == {"つばめインターネット", "ヒバリエナジー"}  # type: ignore[call-overload]
    assert {(r["sponsor"], r["amount"]["value"]) for r in records} == {  # type: ignore[index]
        ("つばめインターネット", 4e9),
        ("ヒバリエナジー", 2e9),
    }


def test_a_listed_japanese_companys_line_of_business_names_the_sector(tmp_path: Path) -> None:
    text = "スズキは10日、インドの新工場に3500億円を投じると発表した。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["sector"]) for r in records] == [("スズキ", "automotive")]


def test_governments_listed_before_a_company_are_no_part_of_its_name(tmp_path: Path) -> None:
    text = "青森県・青森市・ツバメリゾート株式会社は5日、総事業費約900億円のホテルの起工式を開いた。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sponsor"] for r in records] == ["ツバメリゾート"]


def test_a_subsidiary_named_after_its_parent_leads_its_own_plant(tmp_path: Path) -> None:
    text = "ツバキ製鋼子会社のツバキ長崎機工は約46億円を投資して長崎に新工場を設ける。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sponsor"] for r in records] == ["ツバキ長崎機工"]


@pytest.mark.parametrize(
    "text",
    [
        "アンザック級フリゲートの整備に最大100億豪ドルが投じられる。",
        "欧米エンジンOEMは今後10年で50億ドルを投じる。",
        "宇宙ベンチャーは今年、20億円を調達する計画を投じる。",
        "JAXAは新型ロケットの開発に約300億円を投じる。",
        "JOINはインドの都市ガス事業に約100億円を出資する。",
    ],
)
def test_ships_makers_ventures_and_the_space_agency_are_no_companies(tmp_path: Path, text: str) -> None:
    documents, records = _run(tmp_path, {"news.txt": text + "\n"})
    assert records == [] and documents[0]["companies"] == []  # type: ignore[comparison-overlap]


@pytest.mark.parametrize(
    ("text", "sponsor"),
    [
        # a reading in brackets between a name and 'は27日、' still makes the name an announcing company
        (
            "部品を製造するTsubameEdge(ツバメエッジ)は27日、群馬県に建てる工場へ約40億円を投じると明らかにした。",
            "TsubameEdge",
        ),
        # a company's local entity abroad is named after '法人'
        (
            "ツバメ商事のベトナム法人ツバメベトナムは29日、新店舗に約30億円を投じると発表した。",
            "ツバメベトナム",
        ),
    ],
)
def test_names_after_a_descriptor_or_before_a_reading_lead(tmp_path: Path, text: str, sponsor: str) -> None:
    _, records = _run(tmp_path, {"news.txt": text + "\n"})
    assert [r["sponsor"] for r in records] == [sponsor]


def test_redevelopment_hotels_and_venues_are_sector_other(tmp_path: Path) -> None:
    text = (
        "ツバメ不動産は駅前の再開発で鉄道駅に直結する商業施設とホテルを建設し、"
        "総事業費は約800億円を見込む。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["sector"]) for r in records] == [("ツバメ不動産", "other")]


def test_a_sentence_opening_with_its_investment_total_is_the_previous_companys(tmp_path: Path) -> None:
    text = (
        "ヒバリ電工は茨城県に新工場を建設する。投資総額は80億円。\n"
        "シラサギ化学など3社の計画の投資総額は最大で900億円になる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ電工", 8e9)]  # type: ignore[index]


def test_adverbs_stay_out_of_names_and_a_total_of_several_is_no_ones(tmp_path: Path) -> None:
    text = (
        "とりわけヒバリ電工は、九州に500億円を投じて新工場を建設する。\n"
        "ヒバリ装置株式会社は、滋賀県に120億円を投資する。\n"
        "カモメ化学など3社が候補に挙がった。投資総額は最大900億円。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert {(r["sponsor"], r["amount"]["value"]) for r in records} == {  # type: ignore[index]
        ("ヒバリ電工", 5e10),
        ("ヒバリ装置", 1.2e10),
    }


def test_a_profile_in_brackets_and_a_subsidy(tmp_path: Path) -> None:
    text = (
        "カモメファーマテック(福井県あわら市、ヒバリ太郎社長)は、2工場に計195億円を投資する。"
        "投資金額は約11億円で、助成金額は最大6億円となる。\n"
        "ジェーン・ドウ(オハイオ州知事)は歓迎した。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("カモメファーマテック", 1.95e10),
        ("カモメファーマテック", 1.1e9),
    ]


def test_a_tender_offer_document_lists_no_companies(tmp_path: Path) -> None:
    text = "ヒバリ酒造、シラサギバイオにTOB\nヒバリ酒造はシラサギバイオの株式を1株1200円で買い付ける。\n"
    documents, records = _run(tmp_path, {"news.txt": text})
    assert records == []
    assert documents[0]["companies"] == []


def test_a_head_office_in_brackets_names_the_company_and_its_subsidiary_leads_with_it(tmp_path: Path) -> None:
    text = (
        "カモメ(東京都港区)はベトナム子会社でソースなどを作るカモメベトナムの工場に新ラインを設ける。"
        "投資額は約18億円。\n"
        "シラサギ飲料(大阪)は、製造子会社シラサギプロダクツ(同)の岡山工場(岡山市)へ約120億円を投資する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["partners"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("カモメ", [], 1.8e9),
        ("シラサギ飲料", ["シラサギプロダクツ"], 1.2e10),
    ]
    assert "ソース" not in documents[0]["companies"]  # type: ignore[operator]


def test_a_university_is_no_company_and_two_head_offices_lead_together(tmp_path: Path) -> None:
    text = (
        "東北先端大学(仙台市)は、半導体研究棟の建設に約80億円を投じると発表した。\n"
        "ツバメ化学(大阪市)とシラサギ樹脂(東京都港区)は、千葉県に共同で約150億円を投じて新工場を建設する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "東北先端大学" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["partners"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ツバメ化学", ["シラサギ樹脂"], 1.5e10)
    ]


def test_tyres_and_car_parts_are_automotive(tmp_path: Path) -> None:
    text = "ツバメゴムは、タイヤの増強に100億円を投資する。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sector"] for r in records] == ["automotive"]


def test_costs_booked_are_no_pledge(tmp_path: Path) -> None:
    text = (
        "ヒバリゴムは、北米工場の閉鎖で今期に約320億円の特別損失を計上する。\n"
        "ヒバリゴムは、新工場に100億円を投資する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [1e10]  # type: ignore[index]


def test_an_investment_plan_booked_is_a_pledge(tmp_path: Path) -> None:
    text = "ヒバリ化学は、2026年度の設備投資計画として新工場建設に500億円を計上した。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [5e10]  # type: ignore[index]


def test_a_head_office_as_newspapers_write_it_is_a_place(tmp_path: Path) -> None:
    # '(東京・港)' is the company's head office: the name before it is a company, the ward's 港 is no port
    text = "AOBAガラスワークス(東京・港)は佐賀県で加工ガラスの工場を新たに設ける。投資額はおよそ45億円。\n"
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["AOBAガラスワークス"]
    assert [(r["sponsor"], r["sector"]) for r in records] == [("AOBAガラスワークス", "manufacturing")]


@pytest.mark.parametrize("office", ["(東京・港)も", "（本社・東京都港区）は", "(東京・港、山田太郎社長)は"])
def test_a_head_office_in_any_bracket_is_no_sector_cue(tmp_path: Path, office: str) -> None:
    text = f"ミドリ精機{office}岩手県で部品工場を新設し、およそ120億円を投じる。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["sector"]) for r in records] == [("ミドリ精機", "manufacturing")]


def test_the_same_company_named_again_carries_it_to_a_later_amount(tmp_path: Path) -> None:
    text = (
        "ツバメ精機は岩手県に新工場を建設する。既存の工場を移転する。操業開始は2027年を見込む。\n\n"
        "同社は全国に12カ所の拠点をもつ。新工場の敷地は2万平方メートル。製造ラインは2つ設ける。"
        "投資額は60億円を見込む。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ精機", 6e9)]  # type: ignore[index]


def test_a_takeover_documents_share_money_is_no_pledge(tmp_path: Path) -> None:
    text = (
        "ヒバリ織機が上場廃止へ、親会社がTOB 買付総額約2.1兆円\n\n"
        "ヒバリ織機は5日、親会社の提案に賛同すると発表した。"
        "受け皿会社には、ヒバリ自動車が優先株で3200億円を出資する。\n"
        "ヒバリ織機は、別途、新工場の建設に200億円を投資する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ織機", 2e10)]  # type: ignore[index]


def test_a_project_total_far_down_the_article_is_its_companys(tmp_path: Path) -> None:
    text = (
        "ツバメ工機は9日、愛媛県で空調部品の新工場棟を建てると明らかにした。\n\n"
        "部品の受注が増えている。今の工場は手狭だ。新工場棟は3階建てとなる。"
        "ロボットを導入する。見学の場にもする。\n\n"
        "投資額は建屋と機械を合わせ約55億円で、自己資金を充てる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ工機", 5.5e9)]  # type: ignore[index]


def test_a_list_of_products_is_no_list_of_companies(tmp_path: Path) -> None:
    text = (
        "ヒバリ食品(東京都渋谷区)はタイ子会社でソースやスープなどを作るヒバリ食品タイの工場に"
        "生産ラインを加える。稼働は2028年の見込み。投資額は約27億円。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [2.7e9]  # type: ignore[index]


def test_a_banks_project_finance_is_no_pledge(tmp_path: Path) -> None:
    text = (
        "カモメ銀行(東京)は、蓄電所向けに約70億円の融資枠を設け、プロジェクトファイナンスを組成した。\n"
        "ツバメ電力は、新たな蓄電所に60億円を投資する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ電力", 6e9)]  # type: ignore[index]


def test_a_count_of_companies_past_spending_and_an_earlier_plan_are_no_records(tmp_path: Path) -> None:
    text = (
        "ツバメ造船など国内12社が加わる協議会は、2800億円を設備に投じる方針だ。\n"
        "ヒバリクラウドは2015年から2023年までに9000億円を投じ、サーバー拠点を拡充してきた。\n"
        "ミナト電子は当初、2027年度までに410億円を投じるとしていたが、計画を広げる。\n"
        "ミナト電子は新工場の開所式を開いた。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert all(r["sponsor"] != "国内12" for r in records)
    assert [r["amount"]["value"] for r in records if r["amount"]["value"] != 2.8e11] == []  # type: ignore[index]
    assert "国内12" not in documents[0]["companies"] and "開所式" not in documents[0]["companies"]  # type: ignore[operator]


def test_a_banks_project_finance_beside_the_companys_total(tmp_path: Path) -> None:
    text = "ツバメ電力は蓄電所を建設する。総事業費は約2000億円で、"
    text += "カモメ銀行がプロジェクトファイナンスを組成する。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert all(
        r["sponsor"] != "カモメ銀行" for r in records
    )  # the bank arranges the loan; it invests nothing


def test_a_cumulative_total_is_no_pledge(tmp_path: Path) -> None:
    text = "カモメ不動産は倉庫を新たに6棟手がけ、累計総投資額はおよそ7000億円となる。\n"
    text += "カモメ不動産は新たな倉庫に300億円を投資する。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [3e10]  # type: ignore[index]


def test_provinces_ministries_local_units_and_common_words_are_no_companies(tmp_path: Path) -> None:
    text = (
        "日本企業のカナエへの投資が増えている。カナエ省には外資の工場が多い。\n"
        "ヒバリ電子の台湾法人は5日、高雄市で第2工場の起工式を行った。投資額は約90億円。\n"
        "韓国産業通商資源部は、ヒバリ電子が亀尾市の工場に500億ウォンを投じると発表した。\n"
        "東欧で生産するメリットは大きいとBOIの担当者は話した。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ電子"]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ヒバリ電子", 9e9),
        ("ヒバリ電子", 5e10),
    ]


def test_electronic_components_are_manufacturing_not_ai_infrastructure(tmp_path: Path) -> None:
    text = "電子部品大手のヒバリ電子は、ラグナ州の製造拠点を拡張するため72億円を投じると発表した。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["sector"]) for r in records] == [("ヒバリ電子", "manufacturing")]


def test_a_company_an_agency_announces_or_approves_leads_the_next_sentences(tmp_path: Path) -> None:
    text = (
        "台湾の経済部は4日、ヒバリ電子が台南で工場を新設すると明らかにした。投資額は約1000億円。\n"
        "投資委員会(BOI)はミドリ精機の新工場計画を認可した。同社はアユタヤ県に約80億円を投じて工場を建てる。\n"
        "ハノイへの投資が活発だ。アオバ精機はハノイ市の郊外に60億円を投じ、新工場を設ける。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ヒバリ電子", 1e11),
        ("ミドリ精機", 8e9),
        ("アオバ精機", 6e9),
    ]


def test_electronic_components_for_ai_servers_are_ai_infrastructure(tmp_path: Path) -> None:
    text = "アオバ商事はAIサーバー用電子部品を量産する拠点を設ける。投資額は約200億円。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["sector"]) for r in records] == [("アオバ商事", "ai_infrastructure")]


def test_a_subsidy_and_a_sum_of_several_companies_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "対象はヒバリ電子、アオバ化学、ミドリ精機の3社。3社の計400億円の投資計画に対し、国は最大120億円を補助する。\n"
        "ヒバリ電子は新工場に90億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ電子", 9e9)]  # type: ignore[index]


def test_a_merger_document_lists_no_companies_and_products_are_no_names(tmp_path: Path) -> None:
    merger = (
        "ヒバリ自動車とアオバトラックが経営統合へ\n"
        "ヒバリ自動車は、子会社のアオバトラックと経営統合し、2026年に持株会社を設立すると発表した。\n"
    )
    chip = (
        "ミドリ電機は、千葉事業所で光部品を増産すると発表した。光源用レーザチップは、"
        "データセンター向けの引き合いが伸びているため、約40億円を投じて生産能力を高める。\n"
    )
    documents, records = _run(tmp_path, {"merger.txt": merger, "chip.txt": chip})
    by_name = {str(d["source"]).rsplit("/", 1)[-1]: d["companies"] for d in documents}
    assert by_name == {"merger.txt": [], "chip.txt": ["ミドリ電機"]}
    assert [r["sponsor"] for r in records] == ["ミドリ電機"]


def test_a_head_office_and_a_summit_are_no_companies(tmp_path: Path) -> None:
    text = (
        "首相は7日、首脳会談後の記者会見で、日本企業の投資を強調した。\n"
        "ヒバリ食品は新工場を建設する。\n概要\n所在地:サクラメント本社\n初期投資額:約90億円\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ヒバリ食品"]


def test_a_resin_maker_is_a_company(tmp_path: Path) -> None:
    _, records = _run(
        tmp_path, {"news.txt": "アサギ樹脂は、滋賀県の工場に約40億円を投じて生産棟を増設する。\n"}
    )
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("アサギ樹脂", 4e9)]  # type: ignore[index]


def test_a_result_told_as_its_change_is_no_pledge(tmp_path: Path) -> None:
    text = (
        "商社4社の中間決算 2社が増益\n\n"
        "大手商社4社の中間決算が出そろった。カモメ物産は12・5%増の3200億円で、資源事業が寄与した。"
        "ツバメ商事は4・1%減の1800億円だった。\n"
        "ヒバリ商事の設備投資額は前期比10・2%増の900億円になる見通しだ。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ商事", 9e10)]  # type: ignore[index]


def test_products_given_with_their_capacity_are_no_companies(tmp_path: Path) -> None:
    text = (
        "ツバメ化学は10日、米テキサス州で新工場の建設を決めた。"
        "生産能力は、プロピレンが年産40万t、アクリロニトリルが年産20万t。投資額は15億ドルを見込む。\n"
        "ミサゴは年産20万台の新工場に300億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert set(documents[0]["companies"]) == {"ツバメ化学", "ミサゴ"}  # type: ignore[arg-type]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ツバメ化学", 1.5e9),
        ("ミサゴ", 3e10),
    ]


def test_names_a_text_counts_as_companies_are_companies(tmp_path: Path) -> None:
    text = (
        "送電網の増強計画を巡り、ヒバリ電力ネットワーク(HNW)、ツグミ電力ネットワーク(TNW)の2社が"
        "応募書類を出した。東北、中部の2社は見送った。\n"
        "カモメ重工は新工場に120億円を投資する。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    companies = set(documents[0]["companies"])  # type: ignore[arg-type]
    assert {"ヒバリ電力ネットワーク", "ツグミ電力ネットワーク", "カモメ重工"} <= companies
    assert not companies & {"東北", "中部"}


def test_a_latin_name_keeps_its_spelling_beside_its_katakana_reading(tmp_path: Path) -> None:
    text = "発電大手KSGA(ケスガ)は9日、洋上風力の合弁会社に最大20億ドルを出資すると発表した。\n"
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["KSGA"]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("KSGA", 2e9)]  # type: ignore[index]


def test_a_customer_the_work_is_for_does_not_lead(tmp_path: Path) -> None:
    text = (
        "ミサゴ海運がタイ沖でLNG受け入れ基地の整備に乗り出す。"
        "専用船を約500億円投じて建造し、ガス大手のサイアムLNG(SLG)向けに操業する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ミサゴ海運", 5e10)]  # type: ignore[index]


def test_the_links_under_a_related_articles_heading_are_no_body(tmp_path: Path) -> None:
    text = (
        "ツバメ製薬は大阪工場に新しい製剤棟を建てる。投資額は約300億円。\n\n"
        "【関連記事】\n\n"
        "  • ・ツバメ製薬、北米で3年間に1兆円超を投資 研究所も\n"
        "  • ・ツバメ製薬、120億円投じ注射剤を増産 北米工場\n"
        "- ・カモメ化学工業、北九州で投資加速 先端素材を増産\n"
        "日経ビジネスデイリー\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ製薬", 3e10)]  # type: ignore[index]
    assert documents[0]["companies"] == [
        "ツバメ製薬"
    ]  # a linked headline's company takes part in nothing here


def test_a_headline_amount_is_the_bodys_commitment_whoever_the_headline_names(tmp_path: Path) -> None:
    text = (
        "カモメ薬品、富山に新工場 125億円投資\n"
        "カモメ薬品は富山市に医薬品の新工場を建てる。親会社ツグミフーズが総額125億円を投じ、"
        "2028年に稼働する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert len(records) == 1 and records[0]["amount"]["value"] == 1.25e10  # type: ignore[index]


def test_world_cities_past_spending_market_sizes_and_converted_yen(tmp_path: Path) -> None:
    text = (
        "ツバメ電子がイタリア・ミラノに建てる計算拠点の総投資は、1500億円規模になる見込みだ。\n"
        "同社は2021年までの8年間で2800億円を国内に投資しましたが、今後は海外を広げる。\n"
        "調べでは、同分野の世界市場規模は2030年に4000億ドルに達する。\n"
        "ツバメ電子は事業の売上高を28年3月期までに6割増の30億ドルに高める。\n"
        "米IT大手カモメクラウドは今後8年で64億ドル、日本円換算で約9500億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "ミラノ" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"], r["amount"]["currency"]) for r in records] == [  # type: ignore[index]
        ("ツバメ電子", 1.5e11, "JPY"),
        ("カモメクラウド", 6.4e9, "USD"),
    ]


def test_the_railway_groups_are_companies_and_a_building_is_none(tmp_path: Path) -> None:
    text = (
        "JR九州は博多で計画していた複合ビルの建設を取りやめた。\n"
        "JR北海道は札幌の駅ビルに約2000億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "複合ビル" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("JR北海道", 2e11)]  # type: ignore[index]


def test_two_phases_of_equal_cost_and_a_range_with_a_horizontal_bar(tmp_path: Path) -> None:
    text = (
        "ツバメ電子は新工場を建設する。第1期に約600億円を投じた棟が完成した。\n"
        "第2期の棟も約600億円を投じ、来年に着工する。\n"
        "カモメ精機は新工場を建てる。投資額は50億―60億円とみられる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"], r["amount"]["high"]) for r in records] == [  # type: ignore[index]
        ("ツバメ電子", 6e10, None),
        ("ツバメ電子", 6e10, None),
        ("カモメ精機", 5e9, 6e9),
    ]


def test_generative_ai_and_a_reporting_date_are_no_companies(tmp_path: Path) -> None:
    text = (
        "生成AIが需要を押し上げ、ツバメ化学が新工場に約150億円を投じる。\n"
        "報告義務発生日は3月2日、取得した株数は5千株。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["ツバメ化学"]


def test_a_quoted_stance_a_fund_and_a_change_are_no_records(tmp_path: Path) -> None:
    text = (
        "カモメ電機はGPUへの投資について「(従来計画の)900億円という方針は変えない」とした。\n"
        "カモメ電機は200億円ファンドを設ける。\n"
        "カモメ電機の第3四半期の設備投資は前年同期比＋980億円となった。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ電機", 9e10)]  # type: ignore[index]
    assert documents[0]["companies"] == ["カモメ電機"]


def test_the_opening_lines_amount_is_the_first_named_companys(tmp_path: Path) -> None:
    text = (
        "ツバメ不、10年で倉庫開発に約4,000億円投資予定\n"
        "ツバメ不動産(株)は2日、記者向けに物流事業の説明会を開いた。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ不動産", 4e11)]  # type: ignore[index]


def test_a_backer_named_before_the_company_does_not_lead(tmp_path: Path) -> None:
    text = (
        "米投資会社カモメキャピタルが支援する豪州のDC運営会社、ツバメトランク。"
        "同社は日本での設備拡大に最大60億ドルを投資する。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sponsor"] for r in records] == ["ツバメトランク"]


def test_a_lowered_plan_a_total_beside_its_subsidy_and_a_joint_total(tmp_path: Path) -> None:
    text = (
        "ツバメ製鋼は脱炭素投資を約2千億円分決める方針としていたが、その半分の1000億円に減らすと述べた。\n"
        "カモメ機工は甲府市で新工場の建設を決めた。知事は会見で歓迎した。\n"
        "設備投資の総額は約70億円で、経済産業省の支援策に選ばれ、約20億円の補助金を受ける。\n"
        "ここはシラサギ電力とヒバリ商事が共同で建設した蓄電所。\n"
        "事業費は約90億円で、国からの補助金を引いた約60億円を両社で分けて負担した。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ツバメ製鋼", 1e11),
        ("カモメ機工", 7e9),
        ("シラサギ電力", 9e9),
        ("シラサギ電力", 6e9),
    ]


def test_money_already_invested_a_total_exceeded_to_date_and_a_loss_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "カモメ自動車はラヨーンの拠点に40億バーツを投資済み。\n"
        "カモメ自動車の同拠点の総投資額は、もう30億ドルを超えている。\n"
        "ツバメタイヤは撤退で500億円を超す損失を出すとみる。\n"
        "カモメ自動車は新工場に約900億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ自動車", 9e10)]  # type: ignore[index]


def test_an_impairment_a_debt_waiver_and_a_short_profit_word_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "ヒバリ鉱業、新計画 28年度経常益300億円めざす\n"
        "ヒバリ鉱業は、南米の銅鉱山について450億円の減損を今期に計上する。\n"
        "ツバメ銀行など3行は計120億円の債権放棄を受け入れる。\n"
        "ヒバリ鉱業は、新しい製錬所に約80億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ鉱業", 8e9)]  # type: ignore[index]


def test_a_headline_debt_waiver_and_the_word_now_name_nothing(tmp_path: Path) -> None:
    text = (
        "ミドリ繊維が衣料から撤退、銀行団は90億円債権放棄\n"
        "ミドリ繊維は衣料から手を引く。ヒバリ投資が出資し、現在の取締役は全員退任する。\n"
        "カモメ化学は、新工場に約60億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "現在" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ化学", 6e9)]  # type: ignore[index]


def test_an_operator_a_group_company_and_a_gloss_at_the_days_rate_take_no_record(tmp_path: Path) -> None:
    text = (
        "ツバメ化学は、ヒバリ製鉄が運営する工場に50億円を投じる。\n"
        "カモメ硝子は、ポーランドでガラスの加工設備を新設する。"
        "設備はグループ会社のカモメ・ポルスカ社の工場に置き、2027年に動かす。"
        "投資額は約5億ドル(当時のレートで約750億円)で、30人を新たに雇う。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ツバメ化学", 5e9),
        ("カモメ硝子", 5e8),
    ]


def test_listed_companies_a_headline_joins_with_a_middle_dot_are_two(tmp_path: Path) -> None:
    text = "資源高で三菱商事・三井物産が増産投資\n三井物産は、豪州の鉱山に約600億円を出資する。\n"
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert "三菱商事・三井物産" not in documents[0]["companies"]  # type: ignore[operator]


def test_a_subsidiary_the_article_borrows_takes_its_parent_along(tmp_path: Path) -> None:
    text = (
        "ツバメ電機は、インドにある子会社のツバメインディアで新棟の建設を始めた。\n"
        "ツバメインディアは既存工場でモーターを作っている。"
        "新棟には部品の生産を集め、投資額はおよそ100億円とする。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["partners"]) for r in records] == [("ツバメインディア", ["ツバメ電機"])]


def test_a_construction_machinery_maker_and_a_restructuring_charge(tmp_path: Path) -> None:
    text = (
        "ショベルを作るヒバリ建機は、茨城県に新工場を建てる。投資額は65億円。\n"
        "カモメ精工は、今期に構造改革費用として40億円を計上する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "ヒバリ建機" in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ建機", 6.5e9)]  # type: ignore[index]


def test_an_agencys_short_name_in_brackets_is_the_agency_wherever_it_stands(tmp_path: Path) -> None:
    text = (
        "カモメ商事とツバメ物産、ヒバリ資源機構(HRSK)は共同で出資する。HRSKは100億円を出資する。\n"
        "カモメ化学は新工場に60億円を投じる。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "HRSK" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ化学", 6e9)]  # type: ignore[index]


def test_a_job_title_and_capacity_are_no_companies(tmp_path: Path) -> None:
    text = (
        "ツバメ電機の送電機器部門、グローバルオペレーション責任者のカール・ミュラー氏は"
        "「装置の世界市場は2040年に500億ドルへ伸びる」と述べた。"
        "カモメ化学は新工場に60億円を投じ、キャパシティーを倍増する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    companies = documents[0]["companies"]
    assert "グローバルオペレーション責任者" not in companies and "キャパシティー" not in companies  # type: ignore[operator]
    assert [r["sponsor"] for r in records] == ["カモメ化学"]


def test_a_funding_round_a_capital_increase_and_an_average_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "ヒバリ素材は直近の資金調達で100億円を超える増資を受けた。\n"
        "ツバメダイヤは、シリーズAラウンドにてデット含め約40億円の資金調達を行った。\n"
        "補助金の採択者の平均投資予定額は約38億円。\n"
        "カモメ化学は新工場に60億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ化学", 6e9)]  # type: ignore[index]


def test_a_name_of_common_words_with_a_legal_form_is_a_company(tmp_path: Path) -> None:
    text = "ヒバリ電鉄は、ツグミ不動産開発株式会社と共同で、駅前に複合ビルを建てる。総事業費は約300億円。\n"
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert "ツグミ不動産開発" in documents[0]["companies"]  # type: ignore[operator]


def test_an_agency_subject_investing_with_companies_beside_it_makes_no_record(tmp_path: Path) -> None:
    text = (
        "株式会社カモメ海外インフラ支援機構(東京都港区、代表取締役社長:山田 一郎、以下「KIS」)は、"
        "ツバメ地所株式会社(大阪市北区、以下「ツバメ地所」)等と共に豪州の住宅開発事業に参画するため、"
        "最大約40億円の出資を行う。\n"
        "カモメ化学は新工場に60億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ化学", 6e9)]  # type: ignore[index]


def test_a_contractor_named_in_brackets_after_its_trade_is_a_company(tmp_path: Path) -> None:
    text = (
        "県と協定を結んだのは、ゼネコン「ミソサザイ」です。"
        "港の近くに工場を建設します。投資総額は約50億円です。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "ミソサザイ" in documents[0]["companies"]  # type: ignore[operator]
    assert [r["sponsor"] for r in records] == ["ミソサザイ"]


def test_a_land_price_beside_an_investment_total_and_past_estimates(tmp_path: Path) -> None:
    text = (
        "ヒバリ工業は香川県に新工場を建てる。土地の売却価格は約5億円で、投資総額は約70億円です。\n"
        "ツバメ重工の新本社の事業費は当初、約150億円と見込まれていたが、70億円近く増えて220億円となる。\n"
        "大型の多目的ホールも設ける。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "多目的ホール" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ヒバリ工業", 7e9),
        ("ツバメ重工", 2.2e10),
    ]


def test_a_past_periods_spending_and_the_total_of_an_order_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "カモメ商事の物流事業の前期の投資額は1800億円、今期は2400億円だ。\n"
        "ヒバリ工業は、南米で浄水場の工事を受注した。政府の借款で賄う事業で、事業総額は約90億円となる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ商事", 2.4e11)]  # type: ignore[index]


def test_prices_needs_cuts_and_figures_that_stay_low_are_no_pledges(tmp_path: Path) -> None:
    text = (
        "ツバメ精機が取得する土地は市内の工業団地で、用地価格は2億円です。\n"
        "ヒバリ半導体の新工場には3兆円が必要との見方があり、民間出資は50億円にとどまっている。\n"
        "カモメ自動車は来期までに固定費を1500億円減らす方針だ。\n"
        "ツグミ銀行は社債を800億円規模で購入する。\n"
        "カモメ化学は新工場に60億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("カモメ化学", 6e9)]  # type: ignore[index]


def test_a_works_in_a_town_is_no_company_and_a_latin_name_may_stand_apart_from_its_note(
    tmp_path: Path,
) -> None:
    text = (
        "ヒバリ電機は長年、岐阜県関市のツグミ製作所で基板を作ってきたが、新棟に約1200億円を投じる。\n"
        "KESTREL (東京都墨田区)は、千葉工場の敷地内に新棟を建てる。投資の総額は約40億円を見込む。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert "ツグミ製作所" not in documents[0]["companies"]  # type: ignore[operator]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [  # type: ignore[index]
        ("ヒバリ電機", 1.2e11),
        ("KESTREL", 4e9),
    ]


def test_a_link_label_before_a_particle_a_time_word_and_a_brand_name_no_company(tmp_path: Path) -> None:
    text = (
        "ツバメ自動車(7999.T), opens new tabは7日、新工場に300億円を投じると発表した。\n"
        "現在ヒバリガスが持つ権益も対象になる。\n"
        "カモメホテルズは新たなホテルブランド・高級ホテルブランドを展開する。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    companies = documents[0]["companies"]
    assert "opens new tab" not in companies and "現在ヒバリガス" not in companies  # type: ignore[operator]
    assert not any(c.endswith("ブランド") for c in companies)  # type: ignore[union-attr]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ自動車", 3e10)]  # type: ignore[index]


def test_a_local_company_quoted_after_its_town_is_a_company(tmp_path: Path) -> None:
    text = "精密部品を作る岐阜市の『ミソサザイ』が関市に新工場を建設し、5日に式典が行われました。\n"
    documents, _ = _run(tmp_path, {"news.txt": text})
    assert "ミソサザイ" in documents[0]["companies"]  # type: ignore[operator]


def test_transformers_and_switchgear_are_energy(tmp_path: Path) -> None:
    text = (
        "ヒバリ電機は約4億ドルを投じ、米国で大型電力用変圧器を増産する。\n"
        "ツグミ工業は、遮断器などの電力機器の生産棟に約60億円を投じる。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sector"] for r in records] == ["energy", "energy"]


def test_a_securities_code_and_a_head_office_with_its_label_mark_a_company(tmp_path: Path) -> None:
    text = (
        "ツグミソフト<9999>は2日、滋賀県に開発センターを新設する。投資額は約20億円の見込み。\n"
        "\n"
        "ヒバリ薬品(本社・岐阜県関市)が市内に新しい研究所を建設する。投資額は約80億円。\n"
    )
    documents, records = _run(tmp_path, {"news.txt": text})
    assert {"ツグミソフト", "ヒバリ薬品"} <= set(documents[0]["companies"])  # type: ignore[call-overload]
    assert sorted(r["amount"]["value"] for r in records) == [2e9, 8e9]  # type: ignore[index]


def test_an_event_a_new_building_and_a_works_named_by_its_town_are_no_companies(tmp_path: Path) -> None:
    text = (
        "カモメ精機は新研究棟に約50億円を投じる。竣工を祝うセレモニーがあった。\n"
        "新オフィスビルは設計部門の拠点となり、建設に約10億円を投資する。\n"
        "カモメ精機の横浜製作所に新棟を建設する。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    companies = set(documents[0]["companies"])  # type: ignore[call-overload]
    assert "カモメ精機" in companies
    assert not companies & {"オープニングセレモニー", "新オフィスビル", "横浜製作所"}, companies


def test_a_past_years_actual_figure_in_brackets_is_history(tmp_path: Path) -> None:
    text = "ツグミ製缶ホールディングスは2026年度に約300億円(25年度の実績は310億円)の設備投資を予定。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [3e10]  # type: ignore[index]


def test_a_kanji_name_opening_a_sentence_that_puts_money_in_is_a_company(tmp_path: Path) -> None:
    text = "日本鶫触媒は滋賀県で375億円を投じ、樹脂材料の工場を建設する。\n同社は2027年の稼働を目指す。\n"
    documents, records = _run(tmp_path, {"news.txt": text})
    assert documents[0]["companies"] == ["日本鶫触媒"]
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("日本鶫触媒", 3.75e10)]  # type: ignore[index]


def test_in_an_article_about_one_company_money_it_will_put_in_without_an_investor_is_its_own(
    tmp_path: Path,
) -> None:
    text = (
        "ツグミ鉄道は2025年度の設備投資の計画をまとめた。\n"
        "安全対策を進める。\n駅の改良も進める。\n車両の更新も進める。\n沿線の緑化も進める。\n"
        "物流事業に625億円を投じます。\n"
        "前期は資金調達に800億円が必要だった。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツグミ鉄道", 6.25e10)]  # type: ignore[index]


def test_common_loanwords_before_a_particle_are_no_companies(tmp_path: Path) -> None:
    text = (
        "ツグミ酒造株式会社は蒸留所を新設し、10億円を投資する。\n"
        "ウイスキーは国内外で人気が高く、キャンパスの見学ツアーもある。\n"
        "アスリートが新施設の建設を支援する。\n"
    )
    documents, _ = _run(tmp_path, {"news.txt": text})
    companies = set(documents[0]["companies"])  # type: ignore[call-overload]
    assert "ツグミ酒造" in companies and not companies & {"ウイスキー", "キャンパス", "アスリート"}, companies


def test_a_settlement_a_stake_raised_investment_received_and_a_figure_before_a_change_are_no_pledges(
    tmp_path: Path,
) -> None:
    text = (
        "ツグミ銀行株式会社は新勘定系システムに61億円(変更前52億円)を投資する。\n"
        "同行はカモメ電機より和解金として80億円を受け取る。\n"
        "ヒバリ証券による出資は約19億円となり、持ち株比率は34%に上がる。\n"
        "ツグミ銀行株式会社は、市の20億円の出資を受けた。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["amount"]["value"] for r in records] == [6.1e9]  # type: ignore[index]


@pytest.mark.parametrize(
    "line",
    [
        # a company's registered capital is a profile, not money put in
        "2015年設立のツバメ工業(タイ)の資本金は12億バーツ、従業員は900人である。\n",
        "ツバメ工業は新会社を設けた。新会社の払込資本金は2,000万米ドル(約30億円)。\n",
        # money raised, and a one-off cost booked, are no pledges
        "カモメ素材は、既存株主からの出資を含め計50億円以上を調達した。\n",
        "カモメ電機の減益はシステム更新に伴う一過性の費用約15億円の計上による。\n",
    ],
)
def test_registered_capital_money_raised_and_costs_booked_are_no_pledges(tmp_path: Path, line: str) -> None:
    text = line + "ヒバリ建機は、茨城県に新工場を建てる。投資額は65億円。\n"
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ建機", 6.5e9)]  # type: ignore[index]


def test_a_name_that_names_an_industrial_estate_leads_nothing_there(tmp_path: Path) -> None:
    # the estate bears its developer's name; the company that builds in it leads
    text = (
        "開発会社のツバメ社は工業団地を運営する。\n"
        "KESTRA(日本企業)は、ツバメ・ミドリ工業団地で工場を建てるため、1,500万米ドルを投じる。\n"
        "KESTRA社は部品メーカーである。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [r["sponsor"] for r in records] == ["KESTRA"]


def test_what_japanese_companies_put_in_as_a_whole_is_no_companys_pledge(tmp_path: Path) -> None:
    # a tally of all Japanese companies' investment, said at one company's opening
    text = (
        "ヒバリ建機は、タイに新工場を建てる。投資額は65億円。\n"
        "式典で大使は、今年日本企業はタイに20億ドルを投資したと述べた。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ヒバリ建機", 6.5e9)]  # type: ignore[index]


def test_a_paragraphs_company_leads_its_total_however_many_sentences_come_between(tmp_path: Path) -> None:
    # the designer and the builder named in between are no subjects; the paragraph's company leads
    text = (
        "変圧器メーカーのツバメ電機は、香川県の事業所に工場を新設する。図面はカモメ設計が引いた。"
        "施工はヒバリ建設で、5月に着工した。規模は2階建て延べ3000㎡。2026年春の完成を目指す。"
        "既存棟も改修するなど総額約30億円を投じ、生産能力を増やす。\n"
    )
    _, records = _run(tmp_path, {"news.txt": text})
    assert [(r["sponsor"], r["amount"]["value"]) for r in records] == [("ツバメ電機", 3e9)]  # type: ignore[index]
