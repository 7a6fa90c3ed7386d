"""決算: up to three closed periods side by side, oldest on the left as in the packet, with the
indicators computed as you type."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from desktop.logic.accounting.mapping import apply_import
from desktop.logic.accounting.statements import StatementError
from desktop.logic.case.amounts import Unit, format_ratio, format_yen
from desktop.logic.case.dates import fiscal_period
from desktop.logic.rules.indicators import PeriodIndicators, ebitda_short_text, period_indicators
from desktop.logic.wizard.editing import (
    PERIOD_COLUMN_LABELS,
    PERIOD_FIELDS,
    SCREEN_PERIOD_ORDER,
    SIGNED_PERIOD_FIELDS,
    order_periods,
    remove_period,
    set_period_value,
)
from desktop.logic.wizard.period_grid import apply_paste, balance_warning, is_block, plan_paste
from desktop.ui import dialogs
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.pages.base import CasePage, UndoNotice, safe_button
from desktop.ui.widgets import ERROR_PREFIX, ChoiceCombo, DateField, YenField

UNITS = tuple((unit.value, unit.label) for unit in (Unit.YEN, Unit.THOUSAND, Unit.MILLION))
# Shown in the message area while there is no message: the room is reserved anyway.
PASTE_HINT = ("古い期が左、直近期が右です。▲や△はマイナス。Excel の表は、貼り付けを始めるセルを選んで"
              " Ctrl+V で貼り付けられます（見出しや項目名は読み飛ばします）。")


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "—" if value is None else (yes if value else no)


# (row heading, how to show it from a period's indicators in the page's unit); display only —
# the decisions are made by the routes and the checksheet.
INDICATOR_ROWS: tuple[tuple[str, Callable[[PeriodIndicators, Unit], str]], ...] = (
    ("純資産", lambda p, u: format_yen(p.net_assets, u, suffix=False)),
    ("債務超過", lambda p, u: _yes_no(p.not_insolvent, "なし", "あり")),
    ("減価償却前経常利益", lambda p, u: format_yen(p.dbop, u, suffix=False)),
    ("EBITDA有利子負債倍率", lambda p, u: ebitda_short_text(p.ebitda)),
    ("自己資本比率", lambda p, u: format_ratio(p.ratios.equity_ratio, percent=True, digits=1)),
    ("純資産倍率", lambda p, u: format_ratio(p.ratios.net_asset_multiple, unit="倍")),
    ("使用総資本事業利益率", lambda p, u: format_ratio(p.ratios.return_on_assets, percent=True, digits=1)),
    ("インタレスト・カバレッジ", lambda p, u: "利息なし" if p.ratios.no_interest_expense
     else format_ratio(p.ratios.interest_coverage, unit="倍")),
    ("代表者への貸付金等", lambda p, u: format_yen(p.representative_receivables, u, suffix=False)),
)


class ColumnHeadings(QWidget):
    """Headings kept above a grid that scrolls beneath them, each placed over its grid column
    (the grid's own first row would scroll away with the figures)."""

    def __init__(self, grid: QGridLayout, owner: QWidget, headings: dict[int, QWidget],
                 watched: list[QWidget]) -> None:
        super().__init__()
        self._grid, self._owner, self._headings = grid, owner, headings
        for widget in headings.values():
            widget.setParent(self)
        # Two lines: the period and its 決算期.
        tallest = max(w.sizeHint().height() for w in headings.values())
        self.setFixedHeight(max(self.fontMetrics().lineSpacing() * 2, tallest) + 4)
        # The grid's columns move when it is laid out again or scrolled sideways: those moves
        # reach the widgets of its first row and the body the scroll area moves.
        for widget in watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self.place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.place()

    def place(self) -> None:
        window = self.window()
        for column, widget in self._headings.items():
            cell = self._grid.cellRect(0, column)
            if not cell.isValid():
                continue
            left = self.mapFrom(window, self._owner.mapTo(window, cell.topLeft())).x()
            widget.setGeometry(left, 0, max(cell.width(), widget.minimumSizeHint().width()), self.height() - 4)


class FinancialsPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        self._fixed = self._build_fixed_panel()
        self.import_button = QPushButton("決算書・試算表から読み込む…")
        self.import_button.setAutoDefault(False)
        self.import_button.setToolTip("会計ソフトや e-Tax から書き出した CSV の数字を、確認してから読み込みます")
        self.import_button.clicked.connect(self._import)
        import_row = QHBoxLayout()
        import_row.addWidget(QLabel("会計データ"))
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        layout.addLayout(import_row)
        # A plain widget, not a titled box: the headings above name the columns, and a frame's
        # margins would cost the columns room on a 150 % screen.
        self.inputs = QWidget()
        grid = QGridLayout(self.inputs)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.grid = grid
        # A date that cannot be read is explained in the message area, not under its field, and
        # its 和暦 goes under it: the column stays as narrow as a figure.
        self.year_ends: list[DateField] = [DateField(f"{label}の決算日", optional=True, inline_error=False,
                                                     era_below=True)
                                           for label in PERIOD_COLUMN_LABELS]
        self.clear_buttons: list[QPushButton] = [safe_button(QPushButton(f"{label}を削除"))
                                                 for label in PERIOD_COLUMN_LABELS]
        self.fields: dict[tuple[int, str], YenField] = {}
        self._year_end_errors: dict[int, str] = {}
        self._paste_report = ""
        date_label = QLabel("決算日")
        date_label.setMinimumHeight(self.year_ends[0].edit.sizeHint().height())  # level with the entry
        grid.addWidget(date_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        # Labels wrap at the width of the usual ones, so one long label does not widen the grid.
        label_width = self.fontMetrics().horizontalAdvance("受取利息・配当金") + 16
        for r, (field, label) in enumerate(PERIOD_FIELDS, start=1):
            row_label = QLabel(label)
            row_label.setWordWrap(True)
            row_label.setMaximumWidth(label_width)
            grid.addWidget(row_label, r, 0)
            for col, index in enumerate(SCREEN_PERIOD_ORDER, start=1):
                yen = YenField(f"{label}（{PERIOD_COLUMN_LABELS[index]}）", unit=Unit.THOUSAND,
                               allow_negative=field in SIGNED_PERIOD_FIELDS, inline_error=False)
                yen.edit.setMinimumWidth(yen.edit.fontMetrics().horizontalAdvance("▲000,000,000") + 12)
                yen.valueEdited.connect(lambda v, i=index, f=field: self._set_value(i, f, v))
                yen.errorChanged.connect(lambda _m: self._show_messages())
                yen.edit.installEventFilter(self)
                grid.addWidget(yen, r, col)
                self.fields[(index, field)] = yen
            row_label.setBuddy(self.fields[(SCREEN_PERIOD_ORDER[0], field)].edit)
        buttons_row = len(PERIOD_FIELDS) + 1
        for col, index in enumerate(SCREEN_PERIOD_ORDER, start=1):
            year_end = self.year_ends[index]
            year_end.dateEdited.connect(lambda d, i=index: self._set_year_end(i, d))
            year_end.editingFinished.connect(self._order_columns)
            year_end.errorChanged.connect(lambda _m: self._show_messages())
            grid.addWidget(year_end, 0, col, Qt.AlignmentFlag.AlignLeft)  # level with the figures' left edge
            self.clear_buttons[index].clicked.connect(lambda _checked=False, i=index: self._remove(i))
            grid.addWidget(self.clear_buttons[index], buttons_row, col)
        # Columns as wide as a figure; spare width goes to the right, so the headings, fields
        # and indicators of a period stay one narrow column.
        spare = len(SCREEN_PERIOD_ORDER) + 1
        grid.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum), 0, spare)
        grid.setColumnStretch(spare, 1)
        date_label.setBuddy(self.year_ends[SCREEN_PERIOD_ORDER[0]])
        # 「…を削除しました。［元に戻す］」 right under the delete buttons.
        self.removed_notice = UndoNotice(self.session)
        grid.addWidget(self.removed_notice, buttons_row + 1, 0, 1, len(SCREEN_PERIOD_ORDER) + 1)
        self._build_indicators(grid, buttons_row + 2)
        layout.addWidget(self.inputs)
        headings: dict[int, QWidget] = {0: self._unit_box}
        for col, index in enumerate(SCREEN_PERIOD_ORDER, start=1):
            headings[col] = self.period_headings[index]
        grid.setColumnMinimumWidth(0, self._unit_box.sizeHint().width())
        watched = [date_label, *self.year_ends, self.inputs, layout.parentWidget()]
        self._fixed.layout().addWidget(ColumnHeadings(grid, self.inputs, headings, watched))

    def _build_indicators(self, grid: QGridLayout, first_row: int) -> None:
        """The indicators in the periods' own columns, under the figures they come from."""
        self.indicator_title = QLabel()
        self.indicator_title.setContentsMargins(0, 8, 0, 0)
        self.indicator_title.setWordWrap(True)  # a long title must not widen the columns
        grid.addWidget(self.indicator_title, first_row, 0, 1, len(SCREEN_PERIOD_ORDER) + 1)
        self.indicator_labels: dict[tuple[int, int], QLabel] = {}
        for r, (heading, _show) in enumerate(INDICATOR_ROWS):
            row = first_row + 1 + r
            label = QLabel(heading)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            for col, index in enumerate(SCREEN_PERIOD_ORDER, start=1):
                value = QLabel("—")
                value.setAccessibleName(f"{heading}（{PERIOD_COLUMN_LABELS[index]}）")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(value, row, col)
                self.indicator_labels[(r, index)] = value
        self.two_losses = QLabel()
        self.two_losses.setWordWrap(True)
        grid.addWidget(self.two_losses, first_row + 1 + len(INDICATOR_ROWS), 0, 1, len(SCREEN_PERIOD_ORDER) + 1)

    def build_fixed(self) -> QWidget:
        self._fixed.setParent(self)  # in the page's window with the grid, for the tab order
        # Tab goes down a period's column (as a statement is read), then to the next column.
        chain: list[QWidget] = [self.unit, self.import_button]
        for index in SCREEN_PERIOD_ORDER:
            chain.append(self.year_ends[index].edit)  # the edit itself: Qt mis-chains a compound widget's proxy
            chain += [self.fields[(index, field)].edit for field, _label in PERIOD_FIELDS]
            chain.append(self.clear_buttons[index])
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        return self._fixed

    def _build_fixed_panel(self) -> QWidget:
        """Kept in view above the scrolling grid: one place for messages (its height is reserved,
        so a message never moves the grid), then the unit and the period headings."""
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.messages.setAccessibleName("決算の入力についての注意")
        messages_area = QScrollArea()
        messages_area.setWidget(self.messages)
        messages_area.setWidgetResizable(True)
        messages_area.setFrameShape(QFrame.Shape.StyledPanel)
        messages_area.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 2 * messages_area.frameWidth() + 4)
        messages_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.addWidget(messages_area)

        self.unit = ChoiceCombo("金額の単位", UNITS)
        self.unit.set_value(Unit.THOUSAND.value)
        self.unit.choiceEdited.connect(self._set_unit)
        unit_box = QWidget()
        unit_row = QHBoxLayout(unit_box)
        unit_row.setContentsMargins(0, 0, 0, 0)
        unit_label = QLabel("単位")
        unit_label.setBuddy(self.unit)
        unit_row.addWidget(unit_label)
        unit_row.addWidget(self.unit)
        unit_row.addStretch(1)
        self.period_headings: dict[int, QLabel] = {}
        for index in SCREEN_PERIOD_ORDER:
            heading = QLabel()
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.period_headings[index] = heading
        self._unit_box = unit_box
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

    # --- edits ------------------------------------------------------------------
    def _unit_value(self) -> Unit:
        return Unit(self.unit.value())

    def _set_unit(self, value: str) -> None:
        for field in self.fields.values():
            field.set_unit(Unit(value))
        self.show_results()

    def _set_value(self, index: int, field: str, value: int | None) -> None:
        self._paste_report = ""
        label = f"「{dict(PERIOD_FIELDS)[field]}（{PERIOD_COLUMN_LABELS[index]}）」の入力"
        if not self.edit(lambda c: set_period_value(c, index, field, value), label, f"period:{index}:{field}"):
            self.fields[(index, field)].reject("この項目には使えない値です。")
        elif value is not None:
            self._load_year_ends(keep_invalid=True)  # a wrong date being corrected keeps its text
        self._show_messages()

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
        self._show_headings()  # not the date fields: one of them is being typed in

    def _order_columns(self) -> None:
        # Columns keep periods in date order: a date that changes the order moves its column,
        # once the field is left (not on each keystroke of the year, which would move it mid-typing).
        if self.case.periods != self.case.sorted_periods():
            self.edit(order_periods, "期の並べ替え（決算日の順）")
            self.load(fresh=True)

    def _show_year_end_error(self, index: int, message: str) -> None:
        if message:
            self._year_end_errors[index] = message
        else:
            self._year_end_errors.pop(index, None)
        self._show_messages()

    def _remove(self, index: int) -> None:
        if index < len(self.case.periods):
            label = PERIOD_COLUMN_LABELS[index]
            self.edit(lambda c: remove_period(c, index), f"{label}の削除")
            self.load(fresh=True)
            self.removed_notice.show_for(f"{label}の決算を削除しました。")

    # --- paste from a spreadsheet ---------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Ctrl+V and the context menu's 貼り付け of several cells fill the grid from that cell;
        # one cell is pasted into the field as usual. Every event of the grid's fields passes
        # here (paints, focus, each key): the field is looked up only for these two kinds.
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ContextMenu) and isinstance(watched, QLineEdit) \
                and (cell := self._cell_of(watched)) is not None:
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                    and event.matches(QKeySequence.StandardKey.Paste):
                return self.paste(*cell)
            if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
                menu = watched.createStandardContextMenu()
                paste = menu.findChild(QObject, "edit-paste")
                if paste is not None:
                    paste.triggered.disconnect()
                    paste.triggered.connect(lambda _c=False: self.paste(*cell) or watched.paste())
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return super().eventFilter(watched, event)

    def _cell_of(self, edit: QLineEdit) -> tuple[int, str] | None:
        return next((key for key, yen in self.fields.items() if yen.edit is edit), None)

    def paste(self, index: int, field: str, text: str | None = None) -> bool:
        """Paste clipboard text (or text) from the cell (index, field); False when it is a single
        cell, which the field itself takes."""
        text = QGuiApplication.clipboard().text() if text is None else text
        if not is_block(text):
            return False
        plan = plan_paste(text, self._unit_value(), index, field)
        if plan.values and not self.edit(lambda c: apply_paste(c, plan), "表からの貼り付け"):
            self._paste_report = "貼り付けた数字の中に、この表に入れられない値があります。何も変更していません。"
        else:
            self._paste_report = plan.report()
            for cell_index, cell_field, _value in plan.values:
                self.fields[(cell_index, cell_field)].show_error("")
            self.load(fresh=False)
        self._show_messages()
        return True

    # --- showing the case -------------------------------------------------------------
    def _load_year_ends(self, keep_invalid: bool = False) -> None:
        periods = self.case.periods
        for index, year_end in enumerate(self.year_ends):
            known = index < len(periods)
            year_end.set_value(periods[index].fiscal_year_end if known else None, keep_invalid=keep_invalid)
            self.clear_buttons[index].setEnabled(known)
        self._show_headings()

    def _show_headings(self) -> None:
        periods = self.case.periods
        for index, heading in self.period_headings.items():
            when = fiscal_period(periods[index].fiscal_year_end) if index < len(periods) else "未入力"
            heading.setText(f"<b>{PERIOD_COLUMN_LABELS[index]}</b><br>{when}")

    def load(self, fresh: bool) -> None:
        periods = self.case.periods
        if fresh:  # the dates shown are the case's again: no message about another entry stays
            self._year_end_errors.clear()
            self._paste_report = ""
        self._load_year_ends()
        for (index, field), yen in self.fields.items():
            value = getattr(periods[index], field) if index < len(periods) else None
            yen.set_value(value, keep_invalid=not fresh)
        self.show_results()

    def show_results(self) -> None:
        unit = self._unit_value()
        periods = [period_indicators(p) for p in self.case.periods]
        for (r, index), label in self.indicator_labels.items():
            label.setText(INDICATOR_ROWS[r][1](periods[index], unit) if index < len(periods) else "—")
        self.indicator_title.setText(f"<b>指標</b>（入力に合わせて自動計算・表示のみ。判定は「制度の選択」で行います。"
                                     f"金額の単位：{unit.label}）")
        assessment = self.session.assessment
        losses = None if assessment is None else assessment.indicators.two_dbop_losses
        self.two_losses.setText("直近2期の減価償却前経常利益の連続赤字：" + _yes_no(losses, "あり", "なし"))
        self._show_messages()

    def _show_messages(self) -> None:
        """Every current problem of the grid in one place: dates, figures, the last paste, and
        balance sheets that do not add up (a warning only; the adviser may go on)."""
        lines = [f"{PERIOD_COLUMN_LABELS[i]}の決算日：{y.error.text().removeprefix(ERROR_PREFIX)}"
                 for i, y in enumerate(self.year_ends) if y.has_error()]
        lines += [f"{PERIOD_COLUMN_LABELS[i]}の決算日：{m}" for i, m in sorted(self._year_end_errors.items())]
        for index in SCREEN_PERIOD_ORDER:
            for field, label in PERIOD_FIELDS:
                yen = self.fields[(index, field)]
                if yen.has_error():
                    lines.append(f"{label}（{PERIOD_COLUMN_LABELS[index]}）："
                                 f"{yen.error.text().removeprefix(ERROR_PREFIX)}")
        for index, period in enumerate(self.case.periods[:len(PERIOD_COLUMN_LABELS)]):
            warning = balance_warning(period, PERIOD_COLUMN_LABELS[index], self._unit_value())
            if warning:
                lines.append(warning)
        lines = [ERROR_PREFIX + line for line in lines]
        if self._paste_report:  # last: it is long, and the problems above must be seen first
            lines.append(self._paste_report)
        self.messages.setText("\n".join(lines) or PASTE_HINT)

