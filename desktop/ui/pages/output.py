"""出力: summary, audience and addressee, packet preview, save PDF, print, save, mark done."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.logic.case.files import SaveError
from desktop.logic.wizard.editing import record_snapshot, verdict_summary
from desktop.logic.packet import build as packet_builder
from desktop.logic.packet.glyphs import missing_glyph_warnings
from desktop.ui import dialogs, temp_files
from desktop.ui.pages.base import CasePage, error_banner, note, show_banner
from desktop.ui.widgets import ChoiceCombo, form_row, new_form

log = logging.getLogger(__name__)

REQUEST_LABELS = {
    "release": "既存借入の保証解除", "new_without_guarantee": "新規借入の無保証",
    "review_amount": "保証金額の見直し", "alternative": "代替的な手法",
}


class OutputPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        self.banner = error_banner()
        layout.addWidget(self.banner)
        summary = QGroupBox("要約")
        box = QVBoxLayout(summary)
        self.summary = note("")
        box.addWidget(self.summary)
        layout.addWidget(summary)

        packet = QGroupBox("交渉資料（PDF）")
        form = new_form()
        self.audience = ChoiceCombo("資料の宛先の種類", list(packet_builder.AUDIENCE_LABELS.items()))
        form_row(form, "資料の種類", self.audience)
        self.addressee = QComboBox()
        self.addressee.setEditable(True)
        self.addressee.setAccessibleName("宛先（金融機関名）")
        form_row(form, "宛先（金融機関名）", self.addressee)
        # the owner's 一枚もの is addressed to no one
        self.audience.currentIndexChanged.connect(
            lambda: self.addressee.setEnabled(self.audience.value() != "summary"))
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("プレビュー（PDFビューアで開く）")
        self.save_pdf_button = QPushButton("PDFを保存(&P)…")
        self.print_button = QPushButton("印刷…")
        for button in (self.preview_button, self.save_pdf_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        packet.setLayout(form)
        layout.addWidget(packet)
        self.preview_button.clicked.connect(self.preview)
        self.save_pdf_button.clicked.connect(lambda: self.save_pdf())
        self.print_button.clicked.connect(self.print_packet)

        case_box = QGroupBox("ケース")
        row = QVBoxLayout(case_box)
        line = QHBoxLayout()
        self.save_button = QPushButton("ケースを保存")
        self.save_button.clicked.connect(self.controller.save_case)
        self.done_button = QPushButton("診断を完了として記録")
        self.done_button.clicked.connect(self.mark_done)
        line.addWidget(self.save_button)
        line.addWidget(self.done_button)
        line.addStretch(1)
        row.addLayout(line)
        self.history = QLabel()
        self.history.setWordWrap(True)
        row.addWidget(self.history)
        layout.addWidget(case_box)

    def reset_view(self) -> None:
        # Addressee and audience belong to the case being printed: another case starts from
        # its own first lender and the bank's packet (a client's bank must never carry over).
        super().reset_view()
        self.addressee.clear()
        self.audience.setCurrentIndex(0)

    def load(self, fresh: bool) -> None:
        current = self.addressee.currentText()
        self.addressee.clear()
        lenders = [self.case.negotiation.counterparty, *(loan.lender for loan in self.case.loans),
                   self.case.situation.planned_loan.lender]
        for name in dict.fromkeys(n for n in lenders if n):
            self.addressee.addItem(name)
        if current and not fresh:  # a typed addressee belongs to its case, never to the next one
            self.addressee.setEditText(current)
        self.show_results()

    def show_results(self) -> None:
        show_banner(self.banner, self.session.evaluation_error)
        ready = self.session.output_ready
        tips = {self.preview_button: "", self.save_pdf_button: "", self.print_button: "",
                self.done_button: "今の判定を履歴に残します（同じ基準日の記録は置き換えます）"}
        for button, tip in tips.items():
            button.setEnabled(ready)
            button.setToolTip(tip if ready else "判定ができていないため使えません。入力を確かめてください。")
        assessment = self.session.assessment
        if assessment is None:
            self.summary.setText("このケースはまだ判定できていません。交渉資料の作成と診断の記録は、判定ができてから使えます。")
            return
        case = self.case
        names = {r.route_id: f"{r.mark} {r.name}" for r in assessment.routes}
        chosen = [names.get(r, r) for r in case.selected_routes]
        unmet = assessment.checksheet.unmet()
        lines = [
            f"<b>{html.escape(case.company.name or '（会社名未入力）')}</b>　基準日 {case.assessment_date:%Y年%m月%d日}"
            f"　申込予定日 {case.application_date:%Y年%m月%d日}",
            f"判定：{verdict_summary(assessment.verdicts())}",
            "第一希望：" + (html.escape(chosen[0]) if chosen else "未選択"),
            "そのほかの候補：" + (html.escape("、".join(chosen[1:])) if len(chosen) > 1 else "なし"),
            "お願い：" + ("、".join(REQUEST_LABELS[r] for r in case.negotiation.requests) or "未選択"),
            f"ガバナンス・チェックで満たしていない・未確認の項目：{len(unmet)} 件"
            f"　改善の行動計画：{len(case.negotiation.actions)} 行",
        ]
        self.summary.setText("<br>".join(lines))
        self.history.setText("これまでの診断：" + ("　".join(
            f"{s.assessment_date:%Y-%m-%d}（{verdict_summary(s.verdicts)}）" for s in case.history) or "記録なし"))

    def _addressee(self) -> str | None:
        return self.addressee.currentText().strip() or None

    def _write_pdf(self, path: Path) -> bool:
        if not self.session.output_ready or self.session.assessment is None:
            return False  # the buttons are disabled; a shortcut or a stale click must not print
        warnings = missing_glyph_warnings(self.case, self._addressee())
        if warnings and not dialogs.ask_missing_glyphs(self, warnings):
            return False
        try:
            packet_builder.write_packet(self.session.assessment, path, self.audience.value(), self._addressee())
        except SaveError as exc:
            dialogs.error(self, "PDFを保存できません", f"{exc}\n\n別の名前で保存するか、PDFを開いているアプリを閉じてからやり直してください。")
            return False
        except Exception:  # noqa: BLE001 - a fault in building must not cost the user the case
            log.exception("packet could not be built")
            dialogs.error(self, "交渉資料を作れません", "交渉資料の作成中にエラーが起きました。入力中のケースはそのままです。"
                          "ケースを保存し、ログを添えてお問い合わせください。")
            return False
        return True

    def preview(self) -> None:
        path = temp_files.new_pdf_path("交渉資料")
        if self._write_pdf(path) and not dialogs.open_external(path):
            dialogs.info(self, "プレビュー", f"PDFビューアを開けませんでした。ファイルはここにあります：\n{path}")

    def save_pdf(self, path: Path | None = None) -> Path | None:
        base = self.session.path.with_suffix(".pdf") if self.session.path else Path(
            f"交渉資料_{self.case.company.name or 'ケース'}.pdf")
        if self.audience.value() == "summary":  # the one-page summary never replaces the packet
            base = base.with_name(f"{base.stem}_一枚もの.pdf")
        target = path or dialogs.ask_pdf_path(self, str(base))
        if target is None or not self._write_pdf(target):
            return None
        dialogs.info(self, "PDFを保存しました", str(target))
        return target

    def print_packet(self) -> None:
        """Print through the system's print dialog, the pages rendered by the app itself."""
        # PDFium loads only when printing: importing it costs about as much as a bare wizard's start-up.
        from desktop.ui import printing

        path = temp_files.new_pdf_path("交渉資料")
        if not self._write_pdf(path):
            return
        printer = printing.new_printer(f"交渉資料 {self.case.company.name}".strip())
        try:
            pages = printing.page_count(path)
            if not dialogs.ask_print(self, printer, pages):
                return
            first, last = printer.fromPage(), printer.toPage()  # 0, 0: every page
            printing.print_pdf(path, printer, first or 1, last or pages)
        except printing.PrintError as exc:
            dialogs.error(self, "印刷できません", f"{exc}\nプリンターの電源と接続を確認してから、もう一度お試しください。")

    def mark_done(self) -> None:
        assessment = self.session.assessment
        if assessment is None or not self.session.output_ready:
            return
        verdicts = assessment.verdicts()
        self.edit(lambda c: record_snapshot(c, verdicts), "診断の完了の記録")
        self.show_results()
