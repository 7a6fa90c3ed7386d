"""What the routes share: date arithmetic, amounts as printed, lender matching, confidence, registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.logic.case.amounts import format_man
from desktop.logic.case.dates import add_months, add_years, civil_elapsed, earliest_start, elapsed, period_last_day
from desktop.logic.data_files import validate_data_files
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.rules.routes import ROUTES
from desktop.logic.rules.data import weakest
from desktop.logic.rules.routes.conditions import same_lender
from tests.builders import case

D = dt.date

MY_ROUTES = ["proper_refinance", "startup_promotion", "succession_special", "abl", "jfc_succession"]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2026, 11, 24), 2, D(2027, 1, 24)),
    (D(2026, 12, 31), 2, D(2027, 2, 28)),   # no 31 February: the month's last day
    (D(2027, 12, 31), 2, D(2028, 2, 29)),
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2027, 4, 30), -2, D(2027, 2, 28)),
])
def test_add_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_add_years_anniversary_and_leap_day() -> None:
    assert add_years(D(2021, 11, 24), 5) == D(2026, 11, 24)
    assert add_years(D(2020, 2, 29), 5) == D(2025, 3, 1)
    assert add_years(D(2020, 2, 29), 4) == D(2024, 2, 29)


@pytest.mark.parametrize(("start", "years", "last"), [
    (D(2021, 11, 24), 5, D(2026, 11, 24)),   # the anniversary itself (民法 140条・143条)
    (D(2020, 2, 29), 3, D(2023, 2, 28)),     # counted from 1 March: ends the day before 1 March
    (D(2025, 2, 28), 3, D(2028, 2, 29)),     # counted from 1 March 2025: ends 29 February 2028
    (D(2024, 2, 28), 3, D(2027, 2, 28)),     # from 29 February: no 29th → the month's last day
])
def test_period_last_day_counts_as_the_civil_code(start: dt.date, years: int, last: dt.date) -> None:
    assert period_last_day(start, years) == last


def test_civil_elapsed_leaves_out_the_first_day() -> None:
    assert civil_elapsed(D(2021, 11, 24), D(2026, 11, 24)) == "4年11か月"
    assert civil_elapsed(D(2021, 11, 24), D(2026, 11, 25)) == "5年0か月"


def test_earliest_start_is_the_first_day_reaching_the_target() -> None:
    day = earliest_start(D(2027, 4, 30), add_months, 2)
    assert add_months(day, 2) >= D(2027, 4, 30)
    assert add_months(day - dt.timedelta(days=1), 2) < D(2027, 4, 30)
    assert earliest_start(D(2029, 11, 25), add_years, 3) == D(2026, 11, 25)


def test_elapsed_counts_whole_months() -> None:
    assert elapsed(D(2021, 11, 25), D(2026, 11, 24)) == "4年11か月"
    assert elapsed(D(2021, 11, 24), D(2026, 11, 24)) == "5年0か月"


@pytest.mark.parametrize(("yen", "text"), [
    (280_000_000, "2億8,000万円"), (35_000_000, "3,500万円"), (1_440_000_000, "14億4,000万円"),
    (200_000_000, "2億円"), (72_000_000, "7,200万円"), (12_345, "1万2,345円"), (0, "0円"),
])
def test_format_man(yen: int, text: str) -> None:
    assert format_man(yen) == text


def test_same_lender_ignores_width_and_spaces() -> None:
    assert same_lender("みらい銀行", "みらい銀行 ")
    assert same_lender("ＡＢＣ信用金庫", "ABC 信用金庫")
    assert not same_lender("みらい銀行", "みらい信金")
    assert not same_lender("", "")


def test_weakest_confidence() -> None:
    assert weakest("C", "W") == "W"
    assert weakest("C", "U", "I") == "U"
    assert weakest("C") == "C"


def test_my_routes_are_registered_in_order_and_their_rules_load() -> None:
    validate_data_files()
    ids = list(ROUTES)
    assert [i for i in ids if i in MY_ROUTES] == MY_ROUTES
    assert ids.index("guideline_release") < ids.index("proper_refinance")
    verdicts = evaluate(case()).verdicts()
    # A healthy 20-year-old company with no succession: the start-up and succession routes are out.
    assert verdicts["startup_promotion"] == "not_applicable"
    assert verdicts["succession_special"] == "not_applicable"
    assert verdicts["jfc_succession"] == "not_applicable"
    assert verdicts["proper_refinance"] == "needs_input"   # until the bank answers (a) or (b)


def test_a_rule_file_missing_a_parameter_is_refused_naming_the_key(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.logic.rules import data as rule_data
    from desktop.logic.rules.routes import abl
    from desktop.paths import resource_path

    text = resource_path("rules/abl.toml").read_text(encoding="utf-8")
    broken = tmp_path / "rules" / "abl.toml"
    broken.parent.mkdir()
    broken.write_text(text.replace('flat_rate_percent = "0.68"\n', ""), encoding="utf-8")
    monkeypatch.setattr(rule_data, "resource_path", lambda relative: tmp_path / relative)
    rule_data.load_rule.cache_clear()
    try:
        with pytest.raises(rule_data.RuleDataError, match="rules/abl.toml.*flat_rate_percent"):
            abl.rule()
    finally:
        monkeypatch.undo()
        rule_data.load_rule.cache_clear()


def test_guideline_financial_proxies_print_as_our_reading() -> None:
    from desktop.logic.rules.routes import guideline
    from tests.builders import case, context, with_p0

    r = guideline.evaluate(context(with_p0(case(), net_assets_yen=-1)))
    proxy = next(c for c in r.conditions if c.id == "GL-2.1-P1")
    assert proxy.status == "lender_decides" and proxy.caution == "目安"
    assert next(c for c in r.conditions if c.id == "GL-1.3").caution == ""


@pytest.mark.parametrize(("net_assets", "status", "verdict"), [
    (0, "met", "eligible"),              # 債務超過でない (純資産 ≥ 0) passes the proxy
    (-1, "lender_decides", "possible"),  # a failed proxy is left to the lender's overall judgement, not ×
])
def test_guideline_failed_proxy_lowers_to_lender_judgement(net_assets: int, status: str, verdict: str) -> None:
    from desktop.logic.rules.routes import guideline
    from tests.builders import context, with_p0

    r = guideline.evaluate(context(with_p0(case(), net_assets_yen=net_assets)))
    proxy = next(c for c in r.conditions if c.id == "GL-2.1-P1")
    assert proxy.status == status
    assert r.verdict == verdict
    if status == "lender_decides":
        assert proxy.gap == "純資産をあと 1円以上増やす"       # the weak point stays listed
        assert proxy.figure == "純資産 ▲1円（保証協会の制度の基準に届きません）"
        assert r.reason == ("財務の数値が、保証協会の制度の基準（目安）に届いていません（純資産 ▲1円）。"
                            "ガイドラインに数値基準はなく、金融機関が総合的に判断します。")


def test_guideline_hard_facts_stay_not_met() -> None:
    from desktop.logic.case.model import Declarations
    from desktop.logic.rules.routes import guideline
    from tests.builders import context, with_p0

    c = case(declarations=Declarations(small_or_business_necessary_receivables=False))
    r = guideline.evaluate(context(with_p0(c, net_assets_yen=-1, loans_to_representative_yen=500_000)))
    assert next(x for x in r.conditions if x.id == "GL-1.3").status == "not_met"
    assert r.verdict == "not_eligible"
