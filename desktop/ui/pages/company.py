"""会社概要: the company, its situation (goals, succession, start-up) and the planned loan."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLineEdit, QVBoxLayout

from desktop.logic.wizard.editing import PREFECTURES, split_names
from desktop.ui.pages.base import CasePage, note
from desktop.ui.widgets import form_row, new_form

GOALS = (
    ("release_existing", "既存の借入の経営者保証を外したい（解除）"),
    ("new_loan_without_guarantee", "新しい借入を経営者保証なしで受けたい"),
    ("review_guarantee_amount", "保証の金額・範囲を見直したい"),
)
SUCCESSION_STATUS = (("none", "予定なし"), ("planned", "予定している"), ("done", "実施済み"))
MONTHS = ((None, "未選択"), *((m, f"{m}月") for m in range(1, 13)))
RATE_CLASSES = ((None, "不明"), *((n, f"区分{n}") for n in range(1, 10)))
REPAYMENT = (("equal_principal", "元金均等返済"), ("lump_sum", "期日一括返済"))


class CompanyPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        company = QGroupBox("会社")
        form = new_form()
        self.name = self.text_field(form, "会社名", "company.name")
        self.text_field(form, "会社名（カナ）", "company.name_kana")
        self.representatives = QLineEdit()
        self.representatives.setPlaceholderText("複数のときは「、」で区切ります")
        form_row(form, "代表者名", self.representatives)
        self.representatives.textEdited.connect(
            lambda text: self._write("company.representative_names", split_names(text), "「代表者名」の入力"))
        self.add_loader(lambda fresh: self.representatives.setText("、".join(self.case.company.representative_names)))
        self.choice_field(form, "都道府県（保証協会の地域）", "company.prefecture",
                          [(None, "未選択"), *((p, p) for p in PREFECTURES)])
        self.text_field(form, "業種", "company.industry")
        self.choice_field(form, "形態", "company.is_corporation", [(True, "法人"), (False, "個人事業主")])
        self.date_field(form, "設立日（創業予定のときは設立予定日）", "company.incorporated_on")
        self.check_field(form, "これから創業する（創業予定）", "company.founding_planned")
        self.choice_field(form, "決算月", "company.fiscal_year_end_month", MONTHS)
        self.count_field(form, "従業員数", "company.employees", "人")
        self.yen_field(form, "資本金", "company.capital_yen")
        self.tri_field(form, "最初の確定申告を済ませている", "company.first_tax_filing_done")
        self.date_field(form, "法人成り前の個人事業の開始日", "company.sole_proprietor_started_on")
        self.check_field(form, "市区町村の認定特定創業支援等事業を受けて創業した",
                         "company.certified_founding_support")
        company.setLayout(form)
        layout.addWidget(company)

        goals, self.goals = self.choices_group("今回の目的（複数選べます）", "situation.goals", GOALS)
        layout.addWidget(goals)

        succession = QGroupBox("事業承継")
        form = new_form()
        self.choice_field(form, "事業承継", "situation.succession.status", SUCCESSION_STATUS)
        self.date_field(form, "承継の予定日", "situation.succession.planned_by")
        self.date_field(form, "承継した日", "situation.succession.done_on")
        self.check_field(form, "保証協会の「事業承継計画書」の様式がある", "situation.succession.has_cgc_plan_form")
        self.tri_field(form, "前経営者が引き続き実権を持つ", "situation.succession.former_manager_keeps_control")
        self.tri_field(form, "いま前経営者と後継者の両方が保証している", "situation.succession.both_guarantee_now")
        self.date_field(form, "以前に事業承継特別保証を使った日", "situation.succession.previous_special_guarantee_on")
        self.tri_field(form, "承継時に金融機関へ保証なしを求め、資金調達が難しくなった",
                       "situation.succession.banks_refused_without_guarantee")
        succession.setLayout(form)
        layout.addWidget(succession)

        startup = QGroupBox("創業")
        form = new_form()
        self.yen_field(form, "創業に必要な資金の総額", "situation.startup.total_funds_yen")
        self.yen_field(form, "そのうち自己資金", "situation.startup.own_funds_yen")
        self.check_field(form, "取引金融機関のプロパー融資がある", "situation.startup.proper_loan_with_bank")
        startup.setLayout(form)
        layout.addWidget(startup)

        loan = QGroupBox("予定している借入")
        form = new_form()
        self.lender_field(form, "借入先（金融機関）", "situation.planned_loan.lender")
        self.yen_field(form, "借入金額", "situation.planned_loan.amount_yen")
        self.count_field(form, "借入期間", "situation.planned_loan.term_months", "か月",
                         refused="借入期間は1〜600か月で入力してください。")
        self.count_field(form, "据置期間", "situation.planned_loan.grace_months", "か月",
                         refused="据置期間は0〜120か月で入力してください（据置なしは0）。")
        self.choice_field(form, "返済方法", "situation.planned_loan.repayment", REPAYMENT)
        self.choice_field(form, "保証料率区分（分かれば）", "situation.planned_loan.cgc_rate_class", RATE_CLASSES)
        self.check_field(form, "経営者保証コーディネーターの確認を受けた", "situation.planned_loan.coordinator_confirmed")
        self.tri_field(form, "金融機関がプロパー融資を並行して出す", "situation.planned_loan.bank_parallel_proper_loan")
        self.tri_field(form, "金融機関がプロパー融資の保証も外す",
                       "situation.planned_loan.bank_releases_proper_guarantees")
        self.check_field(form, "不動産担保を提供できる", "situation.planned_loan.offers_real_estate_collateral")
        self.check_field(form, "売掛金・棚卸資産を担保にする（ABL）",
                         "situation.planned_loan.uses_receivables_inventory_collateral")
        loan.setLayout(form)
        layout.addWidget(loan)
        layout.addWidget(note("空欄は「不明」として扱い、判定では「入力が足りない」と表示します（0とはみなしません）。"))


