"""The main window: a QWizard whose pages are views of one case (SPEC §2).

ModernStyle (AeroStyle breaks at high DPI), IndependentPages (Back must not wipe a page),
a side list to reach any page, save buttons, a few-second autosave with crash recovery.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from desktop.logic.wizard.navigation import PAGES, PageInfo, jump_plan, next_page
from desktop.ui import dialogs
from desktop.ui.guard import CASE_UNDO_PROPERTY, REDO_KEYS, UNDO_KEYS
from desktop.ui.pages.base import CasePage
from desktop.ui.session import CaseSession

# The case model, its files and the rules engine (pydantic, rule data) are imported where used,
# and every page but the start page is made on first use: the window's first paint waits for
# none of them (issue 14).

log = logging.getLogger(__name__)

APP_TITLE = "経営者保証 解除ナビ"
AUTOSAVE_MS = 5_000
# page key → class in desktop.ui.pages.<key>
PAGE_CLASSES: dict[str, str] = {
    "start": "StartPage", "company": "CompanyPage", "lenders": "LendersPage", "financials": "FinancialsPage",
    "governance": "GovernancePage", "routes": "RoutesPage", "negotiation": "NegotiationPage", "output": "OutputPage",
}
W = QWizard.WizardButton


PREFERRED_SIZE = (1280, 820)


class MainWizard(QWizard):
    def __init__(self, data_dir: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.session = CaseSession(data_dir, today, self)
        self._jump: int | None = None
        self._passing = False  # going back through pages on the way to another (jump_to)
        self._closing = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setButtonText(W.CustomButton1, "保存(&S)")
        self.setButtonText(W.CustomButton2, "名前を付けて保存(&A)…")
        self.setButtonText(W.CancelButton, "閉じる")
        self.setButtonLayout([W.CustomButton1, W.CustomButton2, W.Stretch, W.BackButton, W.NextButton,
                              W.FinishButton, W.CancelButton])
        self.customButtonClicked.connect(self._on_custom_button)

        self._pages: dict[str, CasePage] = {}
        self._add_page(PAGES[0])

        self.side = QListWidget()
        self.side.setAccessibleName("ページ一覧")
        # Room for the titles with a ✓; a count goes on a second line (see _update_marks).
        self.side.addItems([f"{info.id + 1}. {info.title} ✓" for info in PAGES])
        self.side.setMinimumWidth(self.side.sizeHintForColumn(0) + 24)
        # As wide as its entries, not QListWidget's fixed 256 px: the page needs the room on small screens.
        self.side.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.side.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Expanding)
        self.side.currentRowChanged.connect(self._on_side_row)
        # Kept as an attribute: setSideWidget does not take the Python wrapper's ownership.
        self.side_panel = self._build_side()
        self.setSideWidget(self.side_panel)

        self.currentIdChanged.connect(self._on_page_changed)
        self._pages["start"].ensure_built()
        self.session.replaced.connect(self._on_replaced)
        self.session.dirtyChanged.connect(lambda _d: self._update_title())
        self.session.pathChanged.connect(self._update_title)
        self.session.changed.connect(self._update_title)
        self.session.restored.connect(self._update_title)
        self.session.assessed.connect(self._update_marks)
        for signal in (self.session.changed, self.session.restored, self.session.replaced):
            signal.connect(self._update_undo_buttons)
        # Leaving a field ends its undo step: the next edit there is a step of its own.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        self.setProperty(CASE_UNDO_PROPERTY, True)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self._lock = self._own_lock()

        for keys, slot in ((QKeySequence.StandardKey.Save, self.save_case),
                           (QKeySequence.StandardKey.SaveAs, self.save_case_as),
                           (QKeySequence.StandardKey.Open, self.open_case),
                           (QKeySequence.StandardKey.New, self.new_case)):
            QShortcut(QKeySequence(keys), self, activated=lambda s=slot: s())
        for sequence in UNDO_KEYS:
            QShortcut(sequence, self, activated=self.undo)
        for sequence in REDO_KEYS:
            QShortcut(sequence, self, activated=self.redo)
        self._fit_to_screen()
        self._update_title()
        self._update_marks()
        self._update_undo_buttons()

    def _build_side(self) -> QWidget:
        """The page list, and under it 元に戻す／やり直す for every edit on any page."""
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.side, 1)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton("元に戻す")
        self.redo_button = QPushButton("やり直す")
        for button, slot in ((self.undo_button, self.undo), (self.redo_button, self.redo)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        box.addLayout(buttons)
        return side

    @property
    def pages(self) -> dict[str, CasePage]:
        """Every page by key."""
        self.ensure_pages()
        return self._pages

    def ensure_pages(self) -> None:
        """Make the pages not made yet: after the first paint (app.finish_start), or as soon as
        anything needs them."""
        for info in PAGES:
            if info.key not in self._pages:
                self._add_page(info)

    def _add_page(self, info: PageInfo) -> None:
        module = importlib.import_module(f"desktop.ui.pages.{info.key}")
        page = getattr(module, PAGE_CLASSES[info.key])(info, self.session, self)
        self.setPage(info.id, page)
        self._pages[info.key] = page

    def _fit_to_screen(self) -> None:
        """1280×820 where there is room; on a 1366×768 laptop (or 1080p at 150 %) the window
        must still show its buttons, so never more than the screen's free area."""
        free = self.screen().availableGeometry()
        self.resize(min(PREFERRED_SIZE[0], free.width() - 40), min(PREFERRED_SIZE[1], free.height() - 60))

    # --- navigation -------------------------------------------------------------
    def nextId(self) -> int:  # noqa: N802 - Qt override
        return next_page(self.currentId(), self._jump)

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        # After a side-list jump back, the page Next leads to may already be in the history, and
        # QWizard refuses to visit a page twice ("already met"): go back to it through the history
        # instead. (next() is not virtual, so the button's click cannot be intercepted there.)
        self.ensure_pages()  # Next needs the page it leads to
        target = next_page(self.currentId(), self._jump)
        if self._jump is None and target in self.visitedIds():
            QTimer.singleShot(0, lambda: self.jump_to(target))
            return False
        return super().validateCurrentPage()

    def initializePage(self, page_id: int) -> None:  # noqa: N802 - Qt override
        # Called before a page is first shown (forward), so its lazily built widgets appear
        # with it rather than one event-loop turn later.
        page = self.page(page_id)
        assert isinstance(page, CasePage)
        page.ensure_built()
        super().initializePage(page_id)

    def jump_to(self, target: int) -> None:
        """Go to any page, as the side list does (data is kept: pages write through to the case)."""
        self.ensure_pages()
        plan = jump_plan(list(self.visitedIds()), target)
        if plan.direction == "back":
            # The pages on the way are left at once: they are not filled from the case on the way.
            self._passing = True
            try:
                for _ in range(plan.steps - 1):
                    self.back()
            finally:
                self._passing = False
            self.back()
        elif plan.direction == "forward":
            self._jump = target
            try:
                self.next()
            finally:
                self._jump = None

    def _on_side_row(self, row: int) -> None:
        if row >= 0 and row != self.currentId():
            self.jump_to(row)

    def _on_page_changed(self, page_id: int) -> None:
        if page_id < 0 or self._passing:
            return
        page = self.page(page_id)
        assert isinstance(page, CasePage)
        page.enter()
        page.show_results()
        self.side.blockSignals(True)
        self.side.setCurrentRow(page_id)
        self.side.blockSignals(False)
        self.autosave()

    def _on_replaced(self) -> None:
        # Each page resets itself from the new case (CasePage._on_replaced).
        current = self.currentPage()
        if isinstance(current, CasePage):
            current.show_results()
        self._update_title()

    def _update_marks(self) -> None:
        """The page list says, per page, what is still blank (「未入力 3」) or ✓ when done."""
        if not self.session.has_case:  # before the first paint: the titles only
            for info in PAGES:
                self.side.item(info.id).setText(f"{info.id + 1}. {info.title}")
            return
        from desktop.logic.wizard.progress import page_progress

        assessment = self.session.assessment
        progress = page_progress(self.session.case, assessment.checksheet if assessment else None)
        for info in PAGES:
            mark = progress[info.key] if info.key in progress else None
            title = f"{info.id + 1}. {info.title}"
            if mark is not None and mark.blanks:
                title += f"\n　　{mark.mark}"
            elif mark is not None:
                title += f" {mark.mark}"
            self.side.item(info.id).setText(title)

    # --- undo ---------------------------------------------------------------------
    def undo(self) -> None:
        # Show the page the edit was made on, so an undo on another page is seen, not silent.
        step = self.session.undo_stack.undo_step
        if self.session.undo() and step is not None:
            self._show_place(step.place)

    def redo(self) -> None:
        step = self.session.undo_stack.redo_step
        if self.session.redo() and step is not None:
            self._show_place(step.place)

    def _show_place(self, place: str) -> None:
        if place in self.pages and self.currentPage() is not self.pages[place]:
            self.jump_to(self.pages[place].info.id)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.session.undo_stack.seal()

    def _update_undo_buttons(self) -> None:
        stack = self.session.undo_stack
        for button, word, label, keys in ((self.undo_button, "元に戻す", stack.undo_label, "Ctrl+Z"),
                                          (self.redo_button, "やり直す", stack.redo_label, "Ctrl+Y")):
            button.setEnabled(label is not None)
            button.setToolTip(f"{word}：{label}（{keys}）" if label else f"{word}操作はありません（{keys}）")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Esc closes a drop-down or calendar (they take it first), never the window: QDialog
        # would reject() and quit, silently when the case is saved (engineering notes §9).
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        # Enter confirms an IME conversion, and a habitual second Enter would press Next
        # (engineering notes §2.4): in an input field it moves to the next field instead.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                self.focusWidget(), (QLineEdit, QComboBox, QAbstractSpinBox)):
            self.focusNextChild()
            return
        # Enter on a button kept out of auto-default (a destructive one, see safe_button) must
        # not fall through to the dialog and press Next either: it does nothing.
        focus = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focus, QPushButton) \
                and not focus.autoDefault():
            event.accept()
            return
        super().keyPressEvent(event)

    # --- files ------------------------------------------------------------------
    def _settle_unsaved(self, what: str) -> bool:
        """True when it is safe to drop the current case (saved, or the user said so)."""
        if not self.session.dirty:
            return True
        answer = dialogs.ask_unsaved(self, what)
        if answer is dialogs.Unsaved.SAVE:
            return self.save_case()
        return answer is dialogs.Unsaved.DISCARD

    def new_case(self) -> None:
        if self._settle_unsaved("新しいケースを作る"):
            self.session.discard_draft()
            self.session.new_case()
            self.jump_to(PAGES[1].id)

    def open_case(self, path: Path | None = None) -> bool:
        if not self._settle_unsaved("別のケースを開く"):
            return False
        folder = str(self.session.path.parent) if self.session.path else ""
        path = path or dialogs.ask_open_path(self, folder)
        if path is None:
            return False
        from desktop.logic.case.files import CaseFileError

        try:
            self.session.open(path)
        except CaseFileError as exc:
            dialogs.error(self, "ケースを開けません", f"{exc}\n\nファイルは変更していません。")
            return False
        self.session.discard_draft()
        self.jump_to(PAGES[1].id)
        return True

    def load_demo(self, key: str) -> None:
        from desktop.logic.case.demo import demo_cases

        demos = demo_cases()
        if key in demos and self._settle_unsaved("デモケースを開く"):
            self.session.load_demo(demos[key])
            self.jump_to(PAGES[1].id)

    def save_case(self) -> bool:
        if self.session.path is None:
            return self.save_case_as()
        return self._save_to(self.session.path)

    def save_case_as(self) -> bool:
        suggested = self.session.path or Path(f"{self.session.case.company.name or 'ケース'}.hnavi")
        path = dialogs.ask_save_path(self, str(suggested))
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from desktop.logic.case.files import SaveError

        try:
            self.session.save(path)
        except SaveError as exc:
            dialogs.error(self, "保存できません", f"{exc}\n\n入力中のケースはそのまま残っています。別の場所に保存してください。")
            return False
        return True

    def _on_custom_button(self, which: int) -> None:
        if which == W.CustomButton1.value:
            self.save_case()
        elif which == W.CustomButton2.value:
            self.save_case_as()

    # --- autosave and recovery ----------------------------------------------------
    def _own_lock(self) -> QLockFile:
        from desktop.logic.case.folders import make_private_dir

        folder = self.session.drafts_dir
        make_private_dir(folder.parent)
        make_private_dir(folder)
        lock = QLockFile(str(folder / f"{self.session.draft_id}.lock"))
        lock.tryLock(0)
        return lock

    def autosave(self) -> None:
        if not self.session.dirty:
            return  # nothing to write; the file helpers need not load before the first edit
        from desktop.logic.case.files import SaveError

        try:
            self.session.autosave(dt.datetime.now().replace(microsecond=0))
        except SaveError:
            log.exception("autosave failed")

    def offer_recovery(self) -> bool:
        """Offer drafts left by sessions that ended without saving; True if one was restored."""
        from desktop.logic.wizard import drafts

        folder = self.session.drafts_dir
        for file in drafts.list_drafts(folder):
            draft_id = file.name.removesuffix(drafts.DRAFT_SUFFIX)
            if draft_id == self.session.draft_id:
                continue
            lock = QLockFile(str(folder / f"{draft_id}.lock"))
            lock.setStaleLockTime(0)  # stale only when its process is gone, however old
            if not lock.tryLock(0):
                continue  # another window is editing it right now
            try:
                if self._offer(file, draft_id):
                    return True
            finally:
                lock.unlock()
        return False

    def _offer(self, file: Path, draft_id: str) -> bool:
        from desktop.logic.case.files import CaseFileError
        from desktop.logic.wizard import drafts

        try:
            draft = drafts.read_draft(file)
        except CaseFileError as exc:
            # A newer version's draft or a damaged one: set aside, never deleted, and said so.
            log.warning("setting aside an unreadable draft %s", file.name)
            try:
                kept = str(drafts.set_aside(file))
            except OSError:
                kept = str(file)
            dialogs.error(self, "自動保存のケースを復元できません",
                          f"{exc}\n\nこのファイルは削除せずに残してあります：\n{kept}")
            return False
        if dialogs.ask_recover(self, draft.case.company.name or "（会社名未入力）",
                               f"{draft.saved_at:%Y-%m-%d %H:%M}", str(draft.source or "未保存")):
            self.session.recover(draft)
            return True
        drafts.discard_draft(file.parent, draft_id)
        return False

    # --- closing ------------------------------------------------------------------
    def done(self, result: int) -> None:
        if not self._closing and not self._settle_unsaved("閉じる"):
            return
        self._closing = True
        self.autosave_timer.stop()
        self.session.discard_draft()
        self._lock.unlock()
        super().done(result)

    def _update_title(self) -> None:
        name = self.session.case.company.name if self.session.has_case else ""
        parts = [APP_TITLE, name or "新しいケース"]
        if self.session.path:
            parts.append(self.session.path.name)
        self.setWindowTitle(" — ".join(parts) + "[*]")
        self.setWindowModified(self.session.dirty)
