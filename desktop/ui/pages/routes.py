"""制度の選択: every route with its verdict, conditions, gaps, sources and fee (SPEC §2 page 5)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from desktop.logic.editing import fee_text, set_route_choice
from desktop.logic.routes.base import STATUS_LABELS, RouteResult
from desktop.ui.pages.base import CasePage, error_banner, note, show_banner
from desktop.ui.widgets import ChoiceCombo, form_row, new_form

HEADERS = ("制度・要件", "判定・状態", "数値・費用", "足りない点（あと何が必要か）", "出典")
ROUTE_ID_ROLE = Qt.ItemDataRole.UserRole


class RoutesPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(note("判定：◎利用できる見込み　○金融機関・保証協会の判断次第　？入力が足りない　"
                              "×要件を満たしていない　—対象外・受付期間外。"
                              "進める制度に印を付け、第一希望を選んでください。"))
        self.banner = error_banner()
        layout.addWidget(self.banner)
        form = new_form()
        self.first_choice = ChoiceCombo("第一希望の制度", [(None, "未選択")])
        self.first_choice.choiceEdited.connect(self._set_first)
        form_row(form, "第一希望の制度", self.first_choice)
        layout.addLayout(form)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("制度ごとの判定と要件")
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setMinimumHeight(420)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((300, 190, 230, 260, 180)):
            self.tree.setColumnWidth(col, width)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemSelectionChanged.connect(lambda: self._show_detail(self.tree.currentItem()))
        layout.addWidget(self.tree)
        self.detail = note("")
        layout.addWidget(self.detail)

    def load(self, fresh: bool) -> None:
        self.show_results()

    def show_results(self) -> None:
        assessment = self.session.assessment
        show_banner(self.banner, self.session.evaluation_error)
        if assessment is None:
            return
        # Items are updated in place, never cleared: this runs from inside the tree's own
        # itemChanged signal (a check box clicked), and deleting that item there would crash.
        self.tree.blockSignals(True)
        ids = [r.route_id for r in assessment.routes]
        if [_route_id(self.tree.topLevelItem(i)) for i in range(self.tree.topLevelItemCount())] != ids:
            self.tree.clear()
            for route in assessment.routes:
                item = QTreeWidgetItem()
                item.setData(0, ROUTE_ID_ROLE, route.route_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.tree.addTopLevelItem(item)
                item.setExpanded(route.verdict in ("eligible", "possible", "needs_input"))
        selected = self.case.selected_routes
        for index, route in enumerate(assessment.routes):
            self._fill(self.tree.topLevelItem(index), route, route.route_id in selected)
        self.tree.blockSignals(False)
        self._load_first_choice(assessment.routes)
        self._show_detail(self.tree.currentItem())

    def _fill(self, item: QTreeWidgetItem, route: RouteResult, pursued: bool) -> None:
        for col, text in enumerate((route.name, f"{route.mark} {route.verdict_label}", fee_text(route.fee),
                                    route.reason, route.source)):
            item.setText(col, text)
            item.setToolTip(col, text)
        item.setCheckState(0, Qt.CheckState.Checked if pursued else Qt.CheckState.Unchecked)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFont(1, font)
        item.takeChildren()
        for condition in route.conditions:
            caution = f"（{condition.caution}）" if condition.caution else ""
            child = QTreeWidgetItem([condition.label, f"{STATUS_LABELS[condition.status]}{caution}",
                                     condition.figure, condition.gap, condition.source])
            for col in range(len(HEADERS)):
                child.setToolTip(col, child.text(col))
            item.addChild(child)

    def _load_first_choice(self, routes: list[RouteResult]) -> None:
        # Texts are replaced in place for the same reason as the tree (called from the combo's signal).
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
        self.first_choice.set_value(selected[0] if selected else None)

    def _set_first(self, route_id: str | None) -> None:
        if route_id is None:
            if self.case.selected_routes:
                first = self.case.selected_routes[0]
                self.edit(lambda c: set_route_choice(c, first, pursue=False))
        else:
            self.edit(lambda c: set_route_choice(c, route_id, pursue=True, first=True))

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if item.parent() is not None or column != 0:
            return
        pursue = item.checkState(0) == Qt.CheckState.Checked
        route_id = _route_id(item)
        if pursue != (route_id in self.case.selected_routes):
            self.edit(lambda c: set_route_choice(c, route_id, pursue=pursue))

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        assessment = self.session.assessment
        if item is None or assessment is None:
            self.detail.setText("制度を選ぶと、条件・必要書類・注意点がここに出ます。")
            return
        route = assessment.route(_route_id(item))
        lines = [f"<b>{html.escape(route.name)}</b>　{route.mark} {route.verdict_label}", route.reason,
                 f"費用：{fee_text(route.fee)}"]
        if route.fee and route.fee.note:
            lines.append(route.fee.note)
        lines += [f"条件：{t}" for t in route.terms]
        if route.documents:
            lines.append("必要書類：" + "、".join(route.documents))
        lines += [f"注意：{n}" for n in route.notes]
        self.detail.setText("<br>".join(line if i == 0 else html.escape(line) for i, line in enumerate(lines)))


def _route_id(item: QTreeWidgetItem) -> str:
    top = item if item.parent() is None else item.parent()
    return str(top.data(0, ROUTE_ID_ROLE))
