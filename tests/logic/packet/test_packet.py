"""The negotiation packet's content: what a reader finds in the PDF, per demo case and audience."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from desktop.logic.case.amounts import Unit, format_yen
from desktop.logic.case.model import Answer, Case, Negotiation
from desktop.logic.case.dates import jdate
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.packet.build import AUDIENCE_LABELS, Audience, build_packet
from desktop.logic.packet.text import VERDICT_RANK, load_packet_text, pursued_routes, request_paragraph
from desktop.logic.rules.fees import cost_text, fee_lines
from tests import builders
from tests.packets import DEMOS
from tests.packets import demo_assessment as assessment
from tests.packets import demo_packet as packet
from tests.pdf_tools import page_texts, squeeze


def texts(name: str, audience: Audience = "bank") -> list[str]:
    """Layout-mode text: table rows stay on one line."""
    return page_texts(packet(name, audience))


def flowing(pdf: bytes) -> str:
    """Plain-mode text without whitespace: each cell's wrapped lines follow one another."""
    return squeeze("".join(page_texts(pdf, layout=False)))


def whole(pages: list[str]) -> str:
    return squeeze("".join(pages))


@pytest.mark.parametrize("name", DEMOS)
def test_page_one_holds_the_case(name: str) -> None:
    """Who asks whom for what, the routes pursued with verdict and rounded cost, the key
    figures against their thresholds, and the commitment — all on page 1 (SPEC §7.1)."""
    a = assessment(name)
    first = squeeze(page_texts(packet(name), layout=False)[0])
    assert a.case.company.name in first
    assert "経営者保証に関するご相談資料（金融機関向け）" in first
    assert "ルールデータの確認日" + jdate(a.rules_checked_on) in first
    assert f"{a.case.negotiation.counterparty}{a.case.negotiation.branch}御中" in first
    assert squeeze(request_paragraph(a.case, "bank")) in first
    for route in pursued_routes(a):
        assert squeeze(route.name) in first
        for line in fee_lines(route.fee):
            assert squeeze(line) in first
    assert len(pursued_routes(a)) >= 1
    assert "主要な数値と基準" in first and "EBITDA有利子負債倍率" in first
    assert squeeze(load_packet_text().commitment.text) in first


@pytest.mark.parametrize("name", DEMOS)
def test_bank_packet_fits_in_eight_pages(name: str) -> None:
    assert len(texts(name)) <= 8


def between(text: str, start: str, end: str) -> str:
    """The part of a text after the first `start` and before the next `end`."""
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("name", DEMOS)
def test_every_route_is_listed_once_with_its_verdict_mark(name: str) -> None:
    """The bank reads the routes pursued on page 1 and every other route as one table row."""
    a = assessment(name)
    pursued = pursued_routes(a)
    others = sorted((r for r in a.routes if r not in pursued), key=lambda r: VERDICT_RANK[r.verdict])
    # Layout mode: a route table's first column holds the marks, one per route, in order.
    first = between(texts(name)[0], "進めたい制度と保証料の概算", "主要な数値と基準")
    rest = between("\n".join(texts(name)[1:]), "主な理由", "ガイドラインの要件とガバナンス・チェック")
    # (the legend under each table also starts with 「◎ 利用できる見込み」)
    marks = re.compile(r"^\s{0,4}([◎○？×—])\s+(?!利用できる見込み)", flags=re.MULTILINE)
    assert marks.findall(first) == [r.mark for r in pursued]
    assert marks.findall(rest) == [r.mark for r in others]
    # Reading order: each row reads mark, then the route's full Japanese name; no route in detail.
    plain = squeeze("".join(page_texts(packet(name), layout=False)))
    for route in a.routes:
        assert plain.count(route.mark + squeeze(route.name)) == 1, route.route_id
    assert "主な理由：" not in plain


@pytest.mark.parametrize("name", DEMOS)
def test_key_figures_are_printed_as_formatted(name: str) -> None:
    a = assessment(name)
    text = whole(texts(name))
    p0 = a.indicators.p0
    assert p0 is not None
    key_figures = between(text, "主要な数値と基準", "継続的な情報開示のお約束")
    assert format_yen(p0.net_assets) in between(key_figures, "純資産", "減価償却前経常利益")
    assert format_yen(p0.dbop) in between(key_figures, "減価償却前経常利益", "EBITDA")
    for period in a.case.periods:
        assert format_yen(period.revenue_yen, Unit.THOUSAND, suffix=False) in text
        assert format_yen(period.net_assets_yen, Unit.THOUSAND, suffix=False) in text
    planned = a.case.situation.planned_loan
    assert format_yen(planned.amount_yen) in text
    for loan in a.case.loans:
        if loan.lender == a.case.negotiation.counterparty:
            assert format_yen(loan.balance_yen) in text


@pytest.mark.parametrize("name", DEMOS)
def test_explanation_request_boxes_are_on_their_own_page(name: str) -> None:
    request = load_packet_text().explanation_request
    pages = [t for t in texts(name) if "ご説明のお願い" in t and "ご説明日" in t]
    assert len(pages) == 1
    page = squeeze(pages[0])
    assert squeeze(request.question_a) in page and squeeze(request.question_b) in page
    assert "年月日" in page and "ご説明者（ご所属・お名前）" in page
    # The boxes are blank: nothing but the questions, date and person labels between them.
    between = page.split(squeeze(request.question_a))[1].split(squeeze(request.question_b))[0]
    assert between == ""


def test_every_page_has_the_footer_with_company_page_count_and_disclaimer() -> None:
    pages = texts("succession")
    disclaimer = load_packet_text().disclaimer
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert disclaimer in page
        assert re.search(rf"株式会社さくら食品\s+{number} / {len(pages)}$", lines[-1]), lines[-1]


def test_route_sections_show_conditions_gaps_fees_and_documents() -> None:
    a = assessment("succession")
    text = flowing(packet("succession", "coordinator"))
    guideline = a.route("guideline_release")
    for condition in guideline.conditions:
        assert squeeze(condition.label) in text
        if condition.gap:
            assert squeeze(condition.gap) in text
    for document in guideline.documents:
        assert squeeze(document) in text
    for route in a.routes:
        if route.fee is not None and route.fee.yen_estimate is not None:
            assert f"概算{cost_text(route.fee)}" in text


def test_cautions_mark_interpreted_and_unconfirmed_items() -> None:
    text = flowing(packet("healthy"))
    # GL-3.7 rests on an unconfirmed fact [U], 資産超過 on our interpretation [I].
    assert "決算内容が正確であること（会計処理の適正性）［要確認］" in text
    assert "資産超過であること（純資産がゼロより大きい）［目安］" in text


def test_governance_section_says_the_official_sheet_is_not_reproduced() -> None:
    a = assessment("healthy")
    assert squeeze(a.checksheet.data.notice) in flowing(packet("healthy"))


def test_improvement_plan_lists_unmet_items_with_actions_and_the_commitment() -> None:
    a = assessment("succession")
    text = flowing(packet("succession"))
    for action in a.case.negotiation.actions:
        assert squeeze(action.action) in text
        assert jdate(action.due) in text
    assert squeeze(load_packet_text().commitment.text) in text
    for item in a.checksheet.unmet():
        assert squeeze(item.label) in text


def test_documents_checklist_follows_the_case() -> None:
    succession, healthy = flowing(packet("succession")), flowing(packet("healthy"))
    plan_form = squeeze("事業承継計画書（事業承継特別保証を使う場合は信用保証協会の所定様式）")
    assert plan_form in succession and plan_form not in healthy
    assert "日本政策金融公庫" in healthy and "金融庁経営者保証専用相談窓口" in healthy


def _case_with_notes() -> Case:
    c = builders.case(negotiation=Negotiation(counterparty="みらい銀行", notes="次回は金利の話を先にする"))
    answers = dict(c.answers)
    answers["GL-3.3"] = Answer(answer="yes", note="毎月10日に試算表を提出\n社内: 実際は遅れがち")
    # An AUTO item overridden with a reason: printed as an override with its note.
    answers["GL-1.3"] = Answer(answer="yes", note="期末の仮払金は翌月に精算済み")
    p0 = builders.with_p0(c, other_receivables_from_representative_yen=300_000).periods[0]
    return c.model_copy(update={"answers": answers, "periods": [p0, *c.sorted_periods()[1:]]})


@cache
def notes_packet(audience: Audience = "bank") -> bytes:
    return build_packet(evaluate(_case_with_notes()), audience)


@pytest.mark.parametrize("audience", ["bank", "coordinator"])
def test_outside_versions_never_print_internal_notes(audience: Audience) -> None:
    text = flowing(notes_packet(audience))
    assert "毎月10日に試算表を提出" in text
    assert "実際は遅れがち" not in text and "次回は金利の話を先にする" not in text
    assert "社内メモ" not in text


def test_internal_copy_adds_every_note() -> None:
    text = flowing(notes_packet("internal"))
    assert "社内: 実際は遅れがち".replace(" ", "") in text and "次回は金利の話を先にする" in text
    assert "社内控え（社外に提出しないでください）" in text and "社内メモ" in text


def test_overridden_auto_item_is_printed_as_an_override_with_its_reason() -> None:
    text = flowing(notes_packet())
    assert "上書き：はい（申告）" in text
    assert "上書きの理由：期末の仮払金は翌月に精算済み" in text
    assert "自動判定の根拠：代表者への貸付金等300,000円" in text


def test_coordinator_version_is_addressed_to_the_coordinator_with_the_cross_reference() -> None:
    text = flowing(packet("succession", "coordinator"))
    assert "経営者保証コーディネーター御中" in text and "（経営者保証コーディネーター向け）" in text
    assert "経営者保証コーディネーターの確認基準との対応" in text
    assert "ご確認いただきたく" in text


def test_addressee_narrows_the_loans_to_that_lender() -> None:
    a = assessment("healthy")
    text = flowing((build_packet(a, "bank", addressee="尾張信用金庫")))
    assert "尾張信用金庫御中" in text and "尾張信用金庫からのお借入れのみを記載しています。" in text
    loans = between(text, "お借入れ先", "新規のお借入れ（予定）")
    assert "40,000,000円" in loans and "120,000,000円" not in loans and "東海みらい銀行" not in loans


def test_same_case_gives_identical_bytes() -> None:
    # packet() is its own build (shared with the other tests); a fresh one must match it byte for byte.
    assert build_packet(assessment("startup")) == packet("startup")


def test_unknown_audience_is_refused() -> None:
    with pytest.raises(ValueError):
        build_packet(assessment("healthy"), "press")  # type: ignore[arg-type]


def test_audience_labels_cover_the_four_audiences() -> None:
    assert AUDIENCE_LABELS == {"bank": "金融機関向け", "coordinator": "経営者保証コーディネーター向け",
                               "internal": "社内控え", "summary": "一枚もの（経営者向けの要約）"}


def test_importing_the_packet_api_does_not_load_reportlab() -> None:
    code = ("import sys, desktop.logic.rules.evaluation, desktop.logic.packet.build; "
            "print(any(m.startswith('reportlab') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_coordinator_details_routes_in_play_and_the_internal_copy_details_all() -> None:
    a = assessment("startup")
    in_play = [r for r in a.routes if r.verdict not in ("not_applicable", "closed")
               or r.route_id in a.case.selected_routes]
    out = [r for r in a.routes if r not in in_play]
    assert out, "the start-up demo has routes outside its situation"
    coordinator, internal = flowing(packet("startup", "coordinator")), flowing(packet("startup", "internal"))
    assert coordinator.count("主な理由：") == len(in_play)
    assert internal.count("主な理由：") == len(a.routes)
    for route in out:
        assert squeeze(f"{route.mark}{route.name}{route.verdict_label}") in coordinator


def test_a_malformed_packet_text_file_names_the_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.logic.packet import text as packet_text
    from desktop.logic.rules import data as rule_data
    from desktop.logic.rules.data import RuleDataError

    bad = tmp_path / "packet.toml"
    source = (rule_data.resource_path("packet.toml")).read_text(encoding="utf-8")
    bad.write_text(source.replace('disclaimer = "', 'disclaimr = "', 1), encoding="utf-8")
    monkeypatch.setattr(rule_data, "resource_path", lambda relative: bad)
    with pytest.raises(RuleDataError, match=r"packet.toml: キー (disclaimer|disclaimr) が正しくありません"):
        packet_text.load_packet_text.__wrapped__()
