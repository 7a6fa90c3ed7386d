"""Three realistic demo cases (fictitious companies) used by `hosho-navi demo`, the tests and the app."""

from __future__ import annotations

import datetime as dt

from desktop.logic.case.model import (
    Action,
    Answer,
    BusinessAsset,
    Case,
    Company,
    Declarations,
    Loan,
    Negotiation,
    Period,
    PlannedLoan,
    Situation,
    Startup,
    Succession,
)

DEMO_DATE = dt.date(2026, 11, 24)
DEMO_APPLICATION = dt.date(2026, 12, 15)


def _answers(yes: list[str], partly: dict[str, str] | None = None, no: dict[str, str] | None = None) -> dict[str, Answer]:
    answers = {item: Answer(answer="yes") for item in yes}
    answers.update({item: Answer(answer="partly", note=note) for item, note in (partly or {}).items()})
    answers.update({item: Answer(answer="no", note=note) for item, note in (no or {}).items()})
    return answers


_PREMISES = ["GL-0.1", "GL-0.2", "GL-0.3", "GL-0.4"]


def healthy() -> Case:
    """A profitable manufacturer asking its main bank to release the owner's guarantee."""
    return Case(
        assessment_date=DEMO_DATE,
        application_date=DEMO_APPLICATION,
        company=Company(
            name="株式会社みなと精工", name_kana="カブシキガイシャミナトセイコウ",
            representative_names=["湊 健一"], prefecture="愛知県", industry="金属製品製造業",
            is_corporation=True, incorporated_on=dt.date(1998, 6, 1), fiscal_year_end_month=3,
            employees=48, capital_yen=30_000_000, first_tax_filing_done=True,
        ),
        situation=Situation(
            goals=["release_existing", "new_loan_without_guarantee"],
            planned_loan=PlannedLoan(lender="東海みらい銀行", amount_yen=50_000_000, term_months=84,
                                     grace_months=6, cgc_rate_class=7, bank_parallel_proper_loan=True),
        ),
        loans=[
            Loan(lender="東海みらい銀行", lender_kind="bank", balance_yen=120_000_000, owner_guarantee=True),
            Loan(lender="東海みらい銀行", lender_kind="cgc_guaranteed", balance_yen=35_000_000, owner_guarantee=True),
            Loan(lender="尾張信用金庫", lender_kind="shinkin", balance_yen=40_000_000, owner_guarantee=True,
                 collateral="real_estate"),
        ],
        business_assets=[
            BusinessAsset(name="本社工場（土地・建物）", owner="company"),
            BusinessAsset(name="第二倉庫", owner="representative", lease_contract=True, annual_rent_yen=2_400_000),
            BusinessAsset(name="営業車 3台", owner="company"),
        ],
        periods=[
            Period(fiscal_year_end=dt.date(2026, 3, 31), revenue_yen=1_240_000_000, operating_profit_yen=68_000_000,
                   ordinary_profit_yen=64_500_000, depreciation_yen=31_000_000, interest_dividend_income_yen=800_000,
                   interest_expense_yen=3_900_000, total_assets_yen=980_000_000, total_liabilities_yen=610_000_000,
                   net_assets_yen=370_000_000, capital_stock_yen=30_000_000, cash_yen=210_000_000,
                   short_term_borrowings_yen=60_000_000, long_term_borrowings_yen=135_000_000, bonds_yen=0,
                   receivables_yen=230_000_000, inventory_yen=95_000_000, payables_yen=140_000_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=0,
                   officer_compensation_yen=24_000_000, dividends_yen=3_000_000),
            Period(fiscal_year_end=dt.date(2025, 3, 31), revenue_yen=1_180_000_000, operating_profit_yen=59_000_000,
                   ordinary_profit_yen=55_200_000, depreciation_yen=29_500_000, interest_dividend_income_yen=700_000,
                   interest_expense_yen=4_300_000, total_assets_yen=940_000_000, total_liabilities_yen=615_000_000,
                   net_assets_yen=325_000_000, capital_stock_yen=30_000_000, cash_yen=180_000_000,
                   short_term_borrowings_yen=70_000_000, long_term_borrowings_yen=160_000_000, bonds_yen=0,
                   receivables_yen=220_000_000, inventory_yen=92_000_000, payables_yen=132_000_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=0,
                   officer_compensation_yen=24_000_000, dividends_yen=3_000_000),
            Period(fiscal_year_end=dt.date(2024, 3, 31), revenue_yen=1_105_000_000, operating_profit_yen=47_000_000,
                   ordinary_profit_yen=43_100_000, depreciation_yen=28_000_000, interest_dividend_income_yen=600_000,
                   interest_expense_yen=4_800_000, total_assets_yen=905_000_000, total_liabilities_yen=620_000_000,
                   net_assets_yen=285_000_000, capital_stock_yen=30_000_000, cash_yen=150_000_000,
                   short_term_borrowings_yen=80_000_000, long_term_borrowings_yen=185_000_000, bonds_yen=0,
                   receivables_yen=205_000_000, inventory_yen=90_000_000, payables_yen=125_000_000,
                   loans_to_representative_yen=1_500_000, other_receivables_from_representative_yen=0,
                   officer_compensation_yen=22_000_000, dividends_yen=2_000_000),
        ],
        answers=_answers(
            _PREMISES + ["GL-1.2", "GL-1.4", "GL-1.5", "GL-2.2", "GL-3.1", "GL-3.2", "GL-3.3", "GL-3.4",
                         "GL-3.7", "GC-1.1", "GC-1.2", "GC-1.3"],
            partly={"GL-1.6": "顧問税理士の確認書は来期から作成予定", "GL-3.5": "個人資産の一覧は作成中"},
        ),
        declarations=Declarations(docs_submitted_2y=True, pledge_continuous=True, wishes_no_guarantee=False),
        selected_routes=["guideline_release", "cgc_bank_linked"],
        negotiation=Negotiation(
            counterparty="東海みらい銀行", branch="名古屋港支店", contact_person="融資課 佐藤様", preparer="湊 健一",
            requests=["release", "new_without_guarantee"],
            actions=[
                Action(item_id="GL-1.6", action="顧問税理士による分離状況の確認書を作成し提出する",
                       owner="顧問税理士", due=dt.date(2027, 6, 30)),
                Action(item_id="GL-3.5", action="経営者個人の資産・負債の一覧を作成し開示する",
                       owner="代表者", due=dt.date(2027, 1, 31)),
            ],
            notes="社内メモ：次回面談で試算表（10月末）を持参。",
        ),
    )


def succession() -> Case:
    """A food maker slightly in 債務超過 whose founder hands over to his daughter within two years."""
    return Case(
        assessment_date=DEMO_DATE,
        application_date=DEMO_APPLICATION,
        company=Company(
            name="株式会社さくら食品", name_kana="カブシキガイシャサクラショクヒン",
            representative_names=["桜井 正雄"], prefecture="静岡県", industry="食料品製造業",
            is_corporation=True, incorporated_on=dt.date(1987, 10, 1), fiscal_year_end_month=9,
            employees=22, capital_yen=10_000_000, first_tax_filing_done=True,
        ),
        situation=Situation(
            goals=["release_existing", "review_guarantee_amount"],
            succession=Succession(status="planned", planned_by=dt.date(2028, 4, 1), has_cgc_plan_form=True,
                                  former_manager_keeps_control=True, both_guarantee_now=False),
            planned_loan=PlannedLoan(lender="するが銀行", amount_yen=20_000_000, term_months=60, grace_months=0,
                                     cgc_rate_class=5, coordinator_confirmed=False),
        ),
        loans=[
            Loan(lender="するが銀行", lender_kind="bank", balance_yen=48_000_000, owner_guarantee=True,
                 collateral="real_estate"),
            Loan(lender="するが銀行", lender_kind="cgc_guaranteed", balance_yen=26_000_000, owner_guarantee=True),
            Loan(lender="日本政策金融公庫", lender_kind="jfc", balance_yen=15_000_000, owner_guarantee=True),
        ],
        business_assets=[
            BusinessAsset(name="工場（建物）", owner="company"),
            BusinessAsset(name="工場の土地", owner="representative", lease_contract=False),
        ],
        periods=[
            Period(fiscal_year_end=dt.date(2026, 9, 30), revenue_yen=386_000_000, operating_profit_yen=9_800_000,
                   ordinary_profit_yen=7_900_000, depreciation_yen=8_600_000, interest_dividend_income_yen=20_000,
                   interest_expense_yen=1_700_000, total_assets_yen=214_000_000, total_liabilities_yen=217_200_000,
                   net_assets_yen=-3_200_000, capital_stock_yen=10_000_000, cash_yen=31_000_000,
                   short_term_borrowings_yen=20_000_000, long_term_borrowings_yen=69_000_000, bonds_yen=0,
                   receivables_yen=52_000_000, inventory_yen=18_000_000, payables_yen=36_000_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=800_000,
                   officer_compensation_yen=9_600_000, dividends_yen=0),
            Period(fiscal_year_end=dt.date(2025, 9, 30), revenue_yen=371_000_000, operating_profit_yen=-4_100_000,
                   ordinary_profit_yen=-6_300_000, depreciation_yen=8_900_000, interest_dividend_income_yen=20_000,
                   interest_expense_yen=1_900_000, total_assets_yen=221_000_000, total_liabilities_yen=232_100_000,
                   net_assets_yen=-11_100_000, capital_stock_yen=10_000_000, cash_yen=27_000_000,
                   short_term_borrowings_yen=25_000_000, long_term_borrowings_yen=76_000_000, bonds_yen=0,
                   receivables_yen=50_000_000, inventory_yen=19_000_000, payables_yen=35_000_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=1_200_000,
                   officer_compensation_yen=9_600_000, dividends_yen=0),
            Period(fiscal_year_end=dt.date(2024, 9, 30), revenue_yen=392_000_000, operating_profit_yen=-12_500_000,
                   ordinary_profit_yen=-14_800_000, depreciation_yen=9_300_000, interest_dividend_income_yen=30_000,
                   interest_expense_yen=2_000_000, total_assets_yen=230_000_000, total_liabilities_yen=235_000_000,
                   net_assets_yen=-5_000_000, capital_stock_yen=10_000_000, cash_yen=22_000_000,
                   short_term_borrowings_yen=28_000_000, long_term_borrowings_yen=82_000_000, bonds_yen=0,
                   receivables_yen=54_000_000, inventory_yen=21_000_000, payables_yen=38_000_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=1_500_000,
                   officer_compensation_yen=12_000_000, dividends_yen=0),
        ],
        answers=_answers(
            _PREMISES + ["GL-1.2", "GL-1.4", "GL-3.1", "GL-3.2", "GL-3.6", "GC-1.1", "GC-1.2", "GC-1.3"],
            partly={"GL-3.3": "試算表は四半期ごと。資金繰り表は未整備", "GL-2.2": "資金繰り表の予定部分を作成中"},
            no={"GL-1.6": "外部専門家の検証は未実施", "GL-3.5": "未作成"},
        ),
        declarations=Declarations(docs_submitted_2y=True, pledge_continuous=True, wishes_no_guarantee=True,
                                  small_or_business_necessary_receivables=False),
        selected_routes=["succession_special", "selection_surcharge_subsidized"],
        negotiation=Negotiation(
            counterparty="するが銀行", branch="焼津支店", contact_person="法人営業部 鈴木様", preparer="桜井 美咲（後継者）",
            requests=["release", "review_amount"],
            actions=[
                Action(item_id="GL-2.1-P1", action="役員借入金の資本組入れ等で債務超過を解消する", owner="代表者・顧問税理士",
                       due=dt.date(2027, 9, 30)),
                Action(item_id="GL-1.3", action="代表者への仮払金 80万円を精算する", owner="代表者", due=dt.date(2027, 1, 31)),
                Action(item_id="GL-1.1", action="工場の土地について会社と代表者の賃貸借契約を結ぶ", owner="代表者",
                       due=dt.date(2027, 3, 31)),
                Action(item_id="GL-3.3", action="月次試算表と資金繰り表を毎月作成し銀行へ提出する", owner="経理担当",
                       due=dt.date(2027, 2, 28)),
            ],
            notes="社内メモ：経営者保証コーディネーターへの相談を年内に申し込む。",
        ),
    )


def startup() -> Case:
    """An IT start-up in its second fiscal year seeking a new loan without a guarantee."""
    return Case(
        assessment_date=DEMO_DATE,
        application_date=DEMO_APPLICATION,
        company=Company(
            name="株式会社ネクストリンク", name_kana="カブシキガイシャネクストリンク",
            representative_names=["中村 翔太"], prefecture="福岡県", industry="ソフトウェア業",
            is_corporation=True, incorporated_on=dt.date(2025, 2, 10), fiscal_year_end_month=1,
            employees=6, capital_yen=5_000_000, first_tax_filing_done=True,
        ),
        situation=Situation(
            goals=["new_loan_without_guarantee"],
            startup=Startup(total_funds_yen=18_000_000, own_funds_yen=3_000_000, proper_loan_with_bank=True),
            planned_loan=PlannedLoan(lender="博多中央信用金庫", amount_yen=15_000_000, term_months=84,
                                     grace_months=24),
        ),
        loans=[
            Loan(lender="博多中央信用金庫", lender_kind="shinkin", balance_yen=2_000_000, owner_guarantee=False),
        ],
        business_assets=[BusinessAsset(name="事務所（賃借）", owner="third_party", lease_contract=True,
                                       annual_rent_yen=1_440_000)],
        periods=[
            Period(fiscal_year_end=dt.date(2026, 1, 31), revenue_yen=42_000_000, operating_profit_yen=-2_600_000,
                   ordinary_profit_yen=-2_900_000, depreciation_yen=700_000, interest_dividend_income_yen=0,
                   interest_expense_yen=60_000, total_assets_yen=16_500_000, total_liabilities_yen=14_400_000,
                   net_assets_yen=2_100_000, capital_stock_yen=5_000_000, cash_yen=9_800_000,
                   short_term_borrowings_yen=0, long_term_borrowings_yen=2_000_000, bonds_yen=0,
                   receivables_yen=4_900_000, inventory_yen=0, payables_yen=1_100_000,
                   loans_to_representative_yen=0, other_receivables_from_representative_yen=0,
                   officer_compensation_yen=4_800_000, dividends_yen=0),
        ],
        answers=_answers(_PREMISES + ["GL-1.2", "GL-1.4", "GL-3.1", "GL-3.2", "GL-3.3", "GC-1.1", "GC-1.2"],
                         partly={"GL-3.4": "事業計画は作成済み、進捗報告は未実施"}),
        declarations=Declarations(docs_submitted_2y=True, pledge_continuous=True, wishes_no_guarantee=True),
        selected_routes=["startup_promotion", "selection_surcharge_subsidized"],
        negotiation=Negotiation(
            counterparty="博多中央信用金庫", branch="天神支店", contact_person="融資係 田中様", preparer="中村 翔太",
            requests=["new_without_guarantee"],
            actions=[Action(item_id="GL-3.4", action="四半期ごとに事業計画の進捗を報告する", owner="代表者",
                            due=dt.date(2027, 4, 30))],
        ),
    )


def demo_cases() -> dict[str, Case]:
    """Fresh copies each call, keyed by the file stem `hosho-navi demo` writes."""
    return {"healthy": healthy(), "succession": succession(), "startup": startup()}
