"""取引金融機関: one row per loan (SPEC §2 page 2)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.logic.case.amounts import format_yen
from desktop.logic.case.model import Loan
from desktop.logic.wizard.editing import lender_names
from desktop.ui.pages.base import CasePage, note
from desktop.ui.widgets import Column, RecordTable

LENDER_KINDS = (
    ("bank", "民間銀行"), ("shinkin", "信金・信組"), ("cgc_guaranteed", "保証協会付き融資"),
    ("jfc", "日本公庫"), ("shokochukin", "商工中金"), ("other", "その他"),
)
COLLATERAL = (("none", "なし"), ("real_estate", "不動産"), ("receivables", "売掛金・在庫"), ("other", "その他"))

LOAN_COLUMNS = (
    Column("lender", "金融機関名", "name", stretch=True),
    Column("lender_kind", "種類", "choice", LENDER_KINDS),
    Column("balance_yen", "残高（円）", "yen"),
    Column("owner_guarantee", "経営者保証あり", "bool"),
    Column("collateral", "担保", "choice", COLLATERAL),
    Column("rescheduled", "返済緩和中", "bool"),
)


class LendersPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(note("保証協会の保証付きの借入は種類を「保証協会付き融資」にします。"
                              "返済条件の変更（リスケ）を受けている借入は「返済緩和中」に印を付けます。"))
        self.loans = RecordTable("借入", LOAN_COLUMNS, Loan)
        self.loans.table.setMinimumHeight(260)
        # The names first, so the rows the table's loader builds offer them.
        self.add_loader(lambda fresh: self.loans.set_names(lender_names(self.case)))
        notice = self.table_field(self.loans, "loans", "借入", "lender")
        # A bank typed in one row is offered in the others at once.
        self.loans.edited.connect(lambda _rows: self.loans.set_names(lender_names(self.case)))
        layout.addWidget(self.loans)
        layout.addWidget(notice)
        self.total = QLabel()
        layout.addWidget(self.total)

    def show_results(self) -> None:
        loans = self.case.loans
        known = [loan.balance_yen for loan in loans if loan.balance_yen is not None]
        guaranteed = [loan.balance_yen for loan in loans if loan.owner_guarantee and loan.balance_yen is not None]
        self.total.setText(f"借入 {len(loans)} 件　残高合計 {format_yen(sum(known)) if known else '—'}"
                           f"（うち経営者保証付き {format_yen(sum(guaranteed)) if guaranteed else '—'}）")
