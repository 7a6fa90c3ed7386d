"""制度の選択: the eleven routes compared in one table first (mark, name, cost, the main reason,
what would have to change; usable first, as the packet orders them), then the selected route's
card with every condition written out (status, figure, what would have to change, source).

The adviser ticks the routes to pursue in the card and picks the first choice.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.logic.wizard.editing import set_route_choice, verdict_summary
from desktop.logic.rules.fees import fee_text
from desktop.logic.rules.overview import RouteRow, ordered, route_rows
from desktop.logic.rules.routes.base import STATUS_LABELS, RouteResult
from desktop.logic.rules.routes.wording import change
from desktop.logic.rules.sources import cite
from desktop.ui.pages.base import CasePage, set_checked, error_banner, note, show_banner
from desktop.ui.widgets import ChoiceCombo, form_row, new_form

CONDITION_HEADERS = ("要件", "状態", "数値・回答", "何が変われば満たせるか", "出典")
OVERVIEW_HEADERS = ("判定", "制度", "費用（概算）", "主な理由", "何が変われば使えるか")
CONDITION_WIDTHS = (28, 12, 22, 26, 12)
# Routes whose conditions are worth reading; 対象外・受付期間外 show their reason only.
DETAILED = ("eligible", "possible", "needs_input", "not_eligible")


def _cell(text: str, bold: bool = False) -> QLabel:
    label = QLabel(f"<b>{text}</b>" if bold else text)
    if not bold:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RouteCard(QGroupBox):
    """One route: tick box, verdict, reason, fee, conditions table, documents and notes."""

    def __init__(self, route_id: str, page: RoutesPage) -> None:
        super().__init__()
        self.route_id = route_id
        self.pursue = QCheckBox("この制度を進める")
        self.pursue.toggled.connect(lambda on: page.set_pursued(route_id, on))
        self.verdict = _cell("")
        self.reason = _cell("")
        self.fee = _cell("")
        self.extra = _cell("")
        # One rich-text table in one label: a grid of word-wrapped labels gets squeezed rows
        # inside the scroll area (height-for-width is not passed through nested layouts).
        self.conditions = _cell("")
        self.conditions.setTextFormat(Qt.TextFormat.RichText)
        self._rows: list[tuple[str, ...]] = []
        box = QVBoxLayout(self)
        box.addWidget(self.pursue)
        box.addWidget(self.verdict)
        box.addWidget(self.reason)
        box.addWidget(self.fee)
        box.addWidget(self.conditions)
        box.addWidget(self.extra)

    def fill(self, route: RouteResult, pursued: bool) -> None:
        self.setTitle(f"{route.mark} {route.name}")
        self.pursue.setAccessibleName(f"「{route.name}」を進める")
        set_checked(self.pursue, pursued)
        self.verdict.setText(f"判定：{route.mark} {route.verdict_label}")
        self.reason.setText(f"理由：{route.reason}")
        self.fee.setText(f"費用：{fee_text(route.fee)}" + (f"（{route.fee.note}）" if route.fee and route.fee.note else "")
                         + (f"\n保証料の出典：{cite(route.fee.source)}" if route.fee and route.fee.source else ""))
        detailed = route.verdict in DETAILED and bool(route.conditions)
        self.conditions.setVisible(detailed)
        self.extra.setVisible(detailed)
        self._fill_conditions(route if detailed else None)
        lines = [f"条件：{t}" for t in route.terms]
        if route.documents:
            lines.append("必要書類：" + "、".join(route.documents))
        lines += [f"注意：{n}" for n in route.notes]
        lines.append(f"出典：{cite(route.source)}")
        self.extra.setText("\n".join(lines))

    def _fill_conditions(self, route: RouteResult | None) -> None:
        conditions = route.conditions if route is not None else []
        self._rows = [(c.label, STATUS_LABELS[c.status] + (f"（{c.caution}）" if c.caution else ""),
                       c.figure or "—", change(c) or "—", cite(c.source)) for c in conditions]
        head = "".join(f'<th align="left" width="{w}%">{escape(h)}</th>'
                       for h, w in zip(CONDITION_HEADERS, CONDITION_WIDTHS))
        # Parts of a combined condition (e.g. ③a of ③) are indented under it.
        body = "".join(
            "<tr>" + "".join(f"<td>{'└ ' if c.part_of and i == 0 else ''}{escape(t)}</td>"
                             for i, t in enumerate(row)) + "</tr>"
            for c, row in zip(conditions, self._rows))
        self.conditions.setText(f'<table cellspacing="0" cellpadding="3" width="100%"><tr>{head}</tr>{body}</table>')

    def condition_rows(self) -> list[tuple[str, ...]]:
        """The conditions as shown, row by row (for tests and screen checks)."""
        return list(self._rows)


class RouteTable(QTableWidget):
    """The eleven routes side by side, one row each, tall enough to need no scroll bar of its own
    (the page scrolls); selecting a row shows that route's card below."""

    def __init__(self) -> None:
        super().__init__(0, len(OVERVIEW_HEADERS))
        self.setHorizontalHeaderLabels(list(OVERVIEW_HEADERS))
        self.setAccessibleName("制度の比較表")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        # The cost wraps after its amount rather than widening the table.
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("（年0.00%〜0.00%・目安）") + 12)
        header.sectionResized.connect(lambda *_: self.fit_rows())
        self.route_ids: list[str] = []

    def fill(self, rows: list[RouteRow], first: str | None, pursued: list[str]) -> None:
        self.route_ids = [r.route_id for r in rows]
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            name = row.name
            if row.route_id == first:
                name += "\n【第一希望】"
            elif row.route_id in pursued:
                name += "\n【進める】"
            # The rate goes on its own line under the amount (same words as the packet).
            cells = (row.mark, name, row.cost.replace("（", "\n（", 1), row.reason, row.change)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignTop)
                    item.setToolTip(row.verdict_label)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, row.verdict_label)
                elif column == 1:
                    item.setToolTip(f"出典：{row.source}")
                self.setItem(index, column, item)
        self.fit_rows()

    def fit_rows(self) -> None:
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height + 2 * self.frameWidth())

    def rows_text(self) -> list[tuple[str, ...]]:
        """The table as shown, row by row (for tests and screen checks)."""
        return [tuple(self.item(r, c).text() for c in range(self.columnCount())) for r in range(self.rowCount())]


class RoutesPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(note("判定：◎利用できる見込み　○金融機関・保証協会の判断次第　？入力が足りない　"
                              "×要件を満たしていない　—対象外・受付期間外。使える制度から順に並べています。"
                              "行を選ぶと、その制度の要件が下に開きます。費用は借入期間全体の概算です。"))
        self.banner = error_banner()
        layout.addWidget(self.banner)
        form = new_form()
        self.first_choice = ChoiceCombo("第一希望の制度", [(None, "未選択")])
        self.first_choice.choiceEdited.connect(self._set_first)
        form_row(form, "第一希望の制度", self.first_choice)
        layout.addLayout(form)
        self.counts = QLabel()
        layout.addWidget(self.counts)
        self.table = RouteTable()
        self.table.currentCellChanged.connect(lambda row, *_: self._show_card(row))
        layout.addWidget(self.table)
        self.cards_box = QVBoxLayout()
        layout.addLayout(self.cards_box)
        self.cards: dict[str, RouteCard] = {}
        self.shown: str | None = None

    def load(self, fresh: bool) -> None:
        if fresh:
            self.shown = None
        self.show_results()

    def show_results(self) -> None:
        assessment = self.session.assessment
        show_banner(self.banner, self.session.evaluation_error)
        self.first_choice.setEnabled(assessment is not None)
        if assessment is None:
            for card in self.cards.values():
                card.hide()  # never another case's verdicts
            self.counts.setText("このケースはまだ判定できていません。")
            self.first_choice.blockSignals(True)
            self.first_choice.clear()  # its texts carry the previous case's marks
            self.first_choice.addItem("判定ができてから選べます", None)
            self.first_choice.blockSignals(False)
            return
        self.counts.setText(f"判定の内訳：{verdict_summary(assessment.verdicts())}（全 {len(assessment.routes)} 制度）")
        # Cards are kept and refilled, never deleted: this runs from inside a card's own tick box signal.
        selected = self.case.selected_routes
        for route in assessment.routes:
            card = self.cards.get(route.route_id)
            if card is None:
                card = self.cards[route.route_id] = RouteCard(route.route_id, self)
                card.setVisible(False)
                self.cards_box.addWidget(card)
            card.fill(route, route.route_id in selected)
        self.table.blockSignals(True)
        self.table.fill(route_rows(assessment.routes), selected[0] if selected else None, selected)
        self.table.blockSignals(False)
        # Only the shown card is made visible (select_route): showing all eleven and hiding ten
        # again laid out every card's conditions table on each edit.
        wanted = self.shown or (selected[0] if selected else self.table.route_ids[0])
        self.select_route(wanted)
        self._load_first_choice(ordered(assessment.routes))

    def select_route(self, route_id: str) -> None:
        """Show one route's card (and mark its row) without changing the case."""
        if route_id not in self.table.route_ids:
            return
        row = self.table.route_ids.index(route_id)
        self.table.blockSignals(True)
        self.table.setCurrentCell(row, self.table.currentColumn() if self.table.currentColumn() >= 0 else 1)
        self.table.blockSignals(False)
        self._show_card(row)

    def _show_card(self, row: int) -> None:
        if not 0 <= row < len(self.table.route_ids):
            return
        self.shown = self.table.route_ids[row]
        for route_id, card in self.cards.items():
            card.setVisible(route_id == self.shown)

    def _load_first_choice(self, routes: list[RouteResult]) -> None:
        # Texts are replaced in place for the same reason (called from the combo's own signal).
        combo = self.first_choice
        combo.blockSignals(True)
        if [combo.itemData(i) for i in range(1, combo.count())] != [r.route_id for r in routes]:
            combo.clear()
            combo.addItem("未選択", None)
            for route in routes:
                combo.addItem("", route.route_id)
        for index, route in enumerate(routes, start=1):
            combo.setItemText(index, f"{route.mark} {route.name}")
        combo.blockSignals(False)
        selected = self.case.selected_routes
        combo.set_value(selected[0] if selected else None)

    def _set_first(self, route_id: str | None) -> None:
        if route_id is not None:
            self.edit(lambda c: set_route_choice(c, route_id, pursue=True, first=True), "第一希望の制度の選択")
        elif self.case.selected_routes:
            # While routes are ticked one of them is the first choice (the first of
            # selected_routes); 未選択 would silently drop or promote a route, so it is refused.
            self.first_choice.set_value(self.case.selected_routes[0])

    def set_pursued(self, route_id: str, pursue: bool) -> None:
        if pursue != (route_id in self.case.selected_routes):
            self.edit(lambda c: set_route_choice(c, route_id, pursue=pursue),
                      "進める制度の選択" if pursue else "進める制度の取り消し")
