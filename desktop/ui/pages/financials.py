"""決算: up to three closed periods side by side, with the indicators computed as you type."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.logic.accounting.mapping import apply_import
from desktop.logic.accounting.statements import StatementError
from desktop.logic.case.amounts import Unit, format_ratio, format_yen
from desktop.logic.wizard.editing import (
    PERIOD_COLUMN_LABELS,
    PERIOD_FIELDS,
    SIGNED_PERIOD_FIELDS,
    order_periods,
    remove_period,
    set_period_value,
)
from desktop.logic.rules.indicators import ebitda_short_text, period_indicators
from desktop.ui import dialogs
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.pages.base import CasePage, UndoNotice, note, safe_button
from desktop.ui.widgets import ERROR_PREFIX, ChoiceCombo, DateField, YenField, error_label, form_row, new_form

UNITS = tuple((unit.value, unit.label) for unit in (Unit.YEN, Unit.THOUSAND, Unit.MILLION))


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "—" if value is None else (yes if value else no)


# (column heading, how to show it from a period's indicators); display only — the decisions
# are made by the routes and the checksheet.
INDICATOR_COLUMNS = (
    ("純資産", lambda p: format_yen(p.net_assets)),
    ("債務超過", lambda p: _yes_no(p.not_insolvent, "なし", "あり")),
    ("減価償却前\n経常利益", lambda p: format_yen(p.dbop)),
    ("EBITDA有利子\n負債倍率", lambda p: ebitda_short_text(p.ebitda)),
    ("自己資本\n比率", lambda p: format_ratio(p.ratios.equity_ratio, percent=True, digits=1)),
    ("純資産倍率", lambda p: format_ratio(p.ratios.net_asset_multiple, unit="倍")),
    ("使用総資本\n事業利益率", lambda p: format_ratio(p.ratios.return_on_assets, percent=True, digits=1)),
    ("インタレスト・\nカバレッジ", lambda p: "利息なし" if p.ratios.no_interest_expense
     else format_ratio(p.ratios.interest_coverage, unit="倍")),
    ("代表者への\n貸付金等", lambda p: format_yen(p.representative_receivables)),
)


class FinancialsPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        top = new_form()
        self.unit = ChoiceCombo("金額の単位", UNITS)
        self.unit.set_value(Unit.THOUSAND.value)
        self.unit.choiceEdited.connect(self._set_unit)
        form_row(top, "金額の単位", self.unit)
        self.import_button = QPushButton("決算書・試算表から読み込む…")
        self.import_button.setAutoDefault(False)
        self.import_button.setToolTip("会計ソフトや e-Tax から書き出した CSV の数字を、確認してから読み込みます")
        self.import_button.clicked.connect(self._import)
        form_row(top, "会計データ", self.import_button)
        layout.addLayout(top)
        layout.addWidget(note("決算書の数字を、新しい期から順に入力します。▲や△はマイナスです。"
                              "上の指標は入力に合わせてその場で計算されます（判定は「制度の選択」で行います）。"))

        inputs = QGroupBox("決算の数字")
        grid = QGridLayout(inputs)
        grid.setHorizontalSpacing(8)
        self.year_ends: list[DateField] = []
        self.year_end_errors: list[QLabel] = []
        self.clear_buttons: list[QPushButton] = []
        self.fields: dict[tuple[int, str], YenField] = {}
        for col, column_label in enumerate(PERIOD_COLUMN_LABELS, start=1):
            header = QLabel(f"<b>{column_label}</b>")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, col)
            year_end = DateField(f"{column_label}の決算日", optional=True)
            year_end.dateEdited.connect(lambda d, i=col - 1: self._set_year_end(i, d))
            year_end.editingFinished.connect(self._order_columns)
            error = error_label()
            error.hide()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(year_end)
            cell.addWidget(error)
            grid.addLayout(cell, 1, col)
            self.year_ends.append(year_end)
            self.year_end_errors.append(error)
            clear = safe_button(QPushButton(f"{column_label}を削除"))
            clear.clicked.connect(lambda _checked=False, i=col - 1: self._remove(i))
            grid.addWidget(clear, len(PERIOD_FIELDS) + 2, col)
            self.clear_buttons.append(clear)
        date_label = QLabel("決算日")
        date_label.setBuddy(self.year_ends[0])
        grid.addWidget(date_label, 1, 0)
        for r, (field, label) in enumerate(PERIOD_FIELDS, start=2):
            row_label = QLabel(label)
            grid.addWidget(row_label, r, 0)
            for col, column_label in enumerate(PERIOD_COLUMN_LABELS, start=1):
                yen = YenField(f"{label}（{column_label}）", unit=Unit.THOUSAND,
                               allow_negative=field in SIGNED_PERIOD_FIELDS)
                yen.edit.setMinimumWidth(120)
                yen.valueEdited.connect(lambda v, i=col - 1, f=field: self._set_value(i, f, v))
                grid.addWidget(yen, r, col, Qt.AlignmentFlag.AlignTop)
                self.fields[(col - 1, field)] = yen
            row_label.setBuddy(self.fields[(0, field)].edit)
        layout.addWidget(inputs)
        self.removed_notice = UndoNotice(self.session)
        layout.addWidget(self.removed_notice)
        # Tab goes down a period's column (as a statement is read), then to the next period.
        chain = [self.unit]
        for index, year_end in enumerate(self.year_ends):
            chain.append(year_end.edit)  # the edit itself: Qt mis-chains a compound widget's proxy
            chain += [self.fields[(index, field)].edit for field, _label in PERIOD_FIELDS]
            chain.append(self.clear_buttons[index])
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def build_fixed(self) -> QWidget:
        """The indicators, computed as the figures are typed, kept in view above the inputs."""
        panel = QGroupBox("指標（入力に合わせて自動計算・表示のみ）")
        grid = QGridLayout(panel)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.indicator_labels: dict[tuple[int, int], QLabel] = {}
        for col, (heading, _show) in enumerate(INDICATOR_COLUMNS, start=1):
            head = QLabel(f"<b>{heading.replace(chr(10), '<br>')}</b>")
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(head, 0, col)
        for row, period_label in enumerate(PERIOD_COLUMN_LABELS, start=1):
            grid.addWidget(QLabel(period_label), row, 0)
            for col in range(1, len(INDICATOR_COLUMNS) + 1):
                value = QLabel("—")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(value, row, col)
                self.indicator_labels[(col - 1, row - 1)] = value
        self.two_losses = QLabel()
        grid.addWidget(self.two_losses, len(PERIOD_COLUMN_LABELS) + 1, 0, 1, len(INDICATOR_COLUMNS) + 1)
        return panel

    def reset_view(self) -> None:
        super().reset_view()
        self.unit.set_value(Unit.THOUSAND.value)
        self._set_unit(Unit.THOUSAND.value)

    def _import(self) -> None:
        """Files → preview the adviser confirms → one undoable edit. Nothing enters the case before."""
        paths = dialogs.ask_import_paths(self)
        if not paths:
            return
        try:
            dialog = ImportDialog(paths, self.case, self)
        except StatementError as exc:
            dialogs.error(self, "読み込めません", str(exc))
            return
        if not dialogs.run_modal(dialog):
            return
        period, values, assignments = dialog.chosen_period(), dialog.values(), dialog.assignments()
        assert period is not None  # the dialog does not close without one
        try:  # on a copy first, so a refusal says why and the case stays as it was
            message = apply_import(self.case.model_copy(deep=True), period, values, assignments)
        except ValidationError:
            dialogs.error(self, "読み込めません", "読み込む数字に、この項目には使えない値があります。")
            return
        except ValueError as exc:
            dialogs.error(self, "読み込めません", str(exc))
            return
        self.edit(lambda c: apply_import(c, period, values, assignments), "決算書・試算表の読み込み")
        self.load(fresh=True)
        dialogs.info(self, "読み込みました", message)

    def _set_unit(self, value: str) -> None:
        for field in self.fields.values():
            field.set_unit(Unit(value))

    def _set_value(self, index: int, field: str, value: int | None) -> None:
        label = f"「{dict(PERIOD_FIELDS)[field]}（{PERIOD_COLUMN_LABELS[index]}）」の入力"
        if not self.edit(lambda c: set_period_value(c, index, field, value), label, f"period:{index}:{field}"):
            self.fields[(index, field)].reject("この項目には使えない値です。")
        elif value is not None:
            self._load_year_ends(keep_invalid=True)  # a wrong date being corrected keeps its text

    def _set_year_end(self, index: int, value: object) -> None:
        others = [p.fiscal_year_end for i, p in enumerate(self.case.periods) if i != index]
        if value is None:
            message = "決算日は空にできません。この期を消すときは下の「削除」を使ってください。"
        elif value in others:
            message = "ほかの期と同じ決算日です。期ごとに違う決算日を入力してください。"
        else:
            message = ""
        self._show_year_end_error(index, message)
        if message:
            self._load_year_ends()  # the field shows the date the case still has
            return
        self.edit(lambda c: set_period_value(c, index, "fiscal_year_end", value),
                  f"「{PERIOD_COLUMN_LABELS[index]}の決算日」の入力", f"period:{index}:fiscal_year_end")

    def _order_columns(self) -> None:
        # Columns read 直近期・前期・前々期: a date that changes the order moves its column, once
        # the field is left (not on each keystroke of the year, which would move it mid-typing).
        if self.case.periods != self.case.sorted_periods():
            self.edit(order_periods, "期の並べ替え（決算日の順）")
            self.load(fresh=True)

    def _show_year_end_error(self, index: int, message: str) -> None:
        error = self.year_end_errors[index]
        error.setText(ERROR_PREFIX + message if message else "")
        error.setVisible(bool(message))

    def _remove(self, index: int) -> None:
        if index < len(self.case.periods):
            label = PERIOD_COLUMN_LABELS[index]
            self.edit(lambda c: remove_period(c, index), f"{label}の削除")
            self.load(fresh=True)
            self.removed_notice.show_for(f"{label}の決算を削除しました。")

    def _load_year_ends(self, keep_invalid: bool = False) -> None:
        periods = self.case.periods
        for index, year_end in enumerate(self.year_ends):
            year_end.set_value(periods[index].fiscal_year_end if index < len(periods) else None,
                               keep_invalid=keep_invalid)
            self.clear_buttons[index].setEnabled(index < len(periods))

    def load(self, fresh: bool) -> None:
        periods = self.case.periods
        self._load_year_ends()
        if fresh:  # the dates shown are the case's again: no message about another entry stays
            for index in range(len(self.year_ends)):
                self._show_year_end_error(index, "")
        for (index, field), yen in self.fields.items():
            value = getattr(periods[index], field) if index < len(periods) else None
            yen.set_value(value, keep_invalid=not fresh)
        self.show_results()

    def show_results(self) -> None:
        periods = [period_indicators(p) for p in self.case.periods]
        for (r, col), label in self.indicator_labels.items():
            label.setText(INDICATOR_COLUMNS[r][1](periods[col]) if col < len(periods) else "—")
        assessment = self.session.assessment
        losses = None if assessment is None else assessment.indicators.two_dbop_losses
        self.two_losses.setText("直近2期の減価償却前経常利益の連続赤字：" + _yes_no(losses, "あり", "なし"))
