"""What every wizard page shares: its title and one-line purpose, a scrolling body, and the
moments it talks to the case (load when shown, reset when another case replaces it, reload
after undo/redo, results when re-assessed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.logic.case.amounts import Unit
from desktop.logic.wizard.navigation import PageInfo
from desktop.logic.wizard.undo import list_edit_label
from desktop.ui.session import CaseSession
from desktop.ui.widgets import (
    TRI_STATE,
    ChoiceCombo,
    CountField,
    DateField,
    NameCombo,
    RecordTable,
    YenField,
    check_box,
    error_label,
    form_row,
)

if TYPE_CHECKING:  # the case model loads pydantic, which the first page does not wait for
    from desktop.logic.case.model import Case

class WizardController(Protocol):
    """The case-level commands a page may ask of the window. Pages see this interface, never
    the wizard class, so the window imports its pages and not the other way round."""

    def new_case(self) -> None: ...

    def open_case(self, path: Path | None = None) -> bool: ...

    def load_demo(self, key: str) -> None: ...

    def save_case(self) -> bool: ...


class CasePage(QWizardPage):
    """A view of one slice of the case. Subclasses build widgets in `build(body)`, fill them in
    `load(fresh)` and update live results in `show_results()`."""

    def __init__(self, info: PageInfo, session: CaseSession, controller: WizardController) -> None:
        super().__init__()
        self.info = info
        self.session = session
        self.controller = controller
        self.setTitle(info.title)
        self.setSubTitle(info.purpose)
        self.setObjectName(f"page_{info.key}")
        self._loaders: list[Callable[[bool], None]] = []
        self.built = False
        # An undo/redo changed the case while the page was out of view: refill it fresh on entry.
        self._stale = False
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        session.assessed.connect(self._on_assessed)
        session.replaced.connect(self._on_replaced)
        session.restored.connect(self._on_restored)

    def ensure_built(self) -> None:
        """Build the widgets the first time the page is needed: the window then opens with only
        the start page built, which keeps start-up close to a bare QWizard's."""
        if self.built:
            return
        self.built = True
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.build(self.body_layout)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        fixed = self.build_fixed()
        if fixed is not None:
            self._outer.addWidget(fixed)
        self._outer.addWidget(scroll, 1)
        self.load(fresh=True)

    @property
    def case(self) -> Case:
        return self.session.case

    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def build_fixed(self) -> QWidget | None:
        """An optional panel above the scrolling body that stays in view (live results)."""
        return None

    def load(self, fresh: bool) -> None:
        """Fill the widgets from the case. fresh=False (re-entering the page) keeps an entry
        the user has not finished correcting, so its error message stays visible."""
        for loader in self._loaders:
            loader(fresh)

    def enter(self) -> None:
        """Fill the page as it comes into view (fresh after an undo/redo made while it was not)."""
        fresh, self._stale = self._stale, False
        self.load(fresh=fresh)

    def show_results(self) -> None:
        """Update what the page shows from the latest assessment."""

    def _on_assessed(self) -> None:
        if self.built and self.isVisible():
            self.show_results()

    def _on_replaced(self) -> None:
        # Another case: nothing the page shows or keeps may come from the previous one.
        if self.built:
            self._stale = False
            self.reset_view()
            self.load(fresh=True)

    def _on_restored(self) -> None:
        # Undo/redo: same case, so the page keeps its place; every field shows the case again,
        # at once on the page in view and on entry on the others (each undo waited for all).
        if not self.built:
            return
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.load(fresh=True)
        else:
            self._stale = True

    def reset_view(self) -> None:
        """Forget the page's own state (scroll positions, table selections); subclasses add
        theirs (e.g. the output page's addressee). Values from the case come from load()."""
        for area in [self.scroll, *self.findChildren(QAbstractScrollArea)]:
            area.verticalScrollBar().setValue(0)
            area.horizontalScrollBar().setValue(0)
        # A combo box's drop-down list is a view too; its current row is the combo's value.
        drop_downs = [combo.view() for combo in self.findChildren(QComboBox)]
        for view in self.findChildren(QAbstractItemView):
            if any(view is drop_down for drop_down in drop_downs):
                continue
            view.clearSelection()
            view.setCurrentIndex(QModelIndex())

    def edit(self, change: Callable[[Case], object], label: str = "入力", merge_key: str | None = None) -> bool:
        """Change the case; label names the edit in 「元に戻す」 (see CaseSession.edit)."""
        return self.session.edit(change, label, merge_key, self.info.key)

    # --- bound fields: each reads a dotted path of the case and writes it back on change ---
    def _write(self, path: str, value: Any, label: str = "入力") -> bool:
        # Edits of one field merge into one undo step until the user leaves it.
        return self.edit(lambda c: _assign(c, path, value), label, merge_key=path)

    def text_field(self, form: QFormLayout, label: str, path: str) -> QLineEdit:
        line = QLineEdit()
        from desktop.logic.case.model import NAME_MAX

        line.setMaxLength(NAME_MAX)  # the case model's limit: typing stops there, nothing is refused
        form_row(form, label, line)
        line.textEdited.connect(lambda text: self._write(path, text.strip(), _field_label(label)))
        self._loaders.append(lambda fresh: line.setText(_read(self.case, path)))
        return line

    def yen_field(self, form: QFormLayout, label: str, path: str, *, allow_negative: bool = False,
                  unit: Unit = Unit.YEN) -> YenField:
        field = YenField(label, unit=unit, allow_negative=allow_negative)
        form_row(form, label, field, field.edit)
        self._bind_number(field, path, label)
        return field

    def count_field(self, form: QFormLayout, label: str, path: str, suffix: str, *,
                    refused: str = "") -> CountField:
        """refused: what the field accepts, said when the case refuses an entry."""
        field = CountField(label, suffix)
        form_row(form, label, field, field.edit)
        self._bind_number(field, path, label, refused)
        return field

    def _bind_number(self, field: YenField, path: str, label: str, refused: str = "") -> None:
        def write(value: int | None) -> None:
            if not self._write(path, value, _field_label(label)):
                field.reject(refused or "この項目には使えない値です。")

        field.valueEdited.connect(write)
        self._loaders.append(lambda fresh: field.set_value(_read(self.case, path), keep_invalid=not fresh))

    def date_field(self, form: QFormLayout, label: str, path: str, *, optional: bool = True) -> DateField:
        field = DateField(label, optional=optional)
        form_row(form, label, field, field.edit)

        def write(value: object) -> None:
            if not self._write(path, value, _field_label(label)):
                field.reject("この項目には使えない日付です。")

        field.dateEdited.connect(write)
        self._loaders.append(lambda fresh: field.set_value(_read(self.case, path), keep_invalid=not fresh))
        return field

    def lender_field(self, form: QFormLayout, label: str, path: str) -> NameCombo:
        """A lender picked from the case's lenders (取引金融機関 and the other lender fields) or typed anew."""
        combo = NameCombo(label)
        from desktop.logic.case.model import NAME_MAX

        combo.lineEdit().setMaxLength(NAME_MAX)  # the case model's limit
        form_row(form, label, combo)
        combo.nameEdited.connect(lambda name: self._write(path, name, _field_label(label)))
        from desktop.logic.wizard.editing import lender_names

        self._loaders.append(lambda fresh: combo.set_names(lender_names(self.case), _read(self.case, path)))
        return combo

    def choice_field(self, form: QFormLayout, label: str, path: str,
                     choices: Sequence[tuple[Any, str]]) -> ChoiceCombo:
        combo = ChoiceCombo(label, choices)
        form_row(form, label, combo)
        combo.choiceEdited.connect(lambda value: self._write(path, value, _field_label(label)))
        self._loaders.append(lambda fresh: combo.set_value(_read(self.case, path)))
        return combo

    def tri_field(self, form: QFormLayout, label: str, path: str) -> ChoiceCombo:
        """はい／いいえ／未回答 for a bool | None."""
        return self.choice_field(form, label, path, TRI_STATE)

    def check_field(self, form: QFormLayout, text: str, path: str) -> QCheckBox:
        box = check_box(text)
        form.addRow("", box)
        box.toggled.connect(lambda on: self._write(path, on, _field_label(text)))
        self._loaders.append(lambda fresh: set_checked(box, bool(_read(self.case, path))))
        return box

    def choices_group(self, title: str, path: str,
                      choices: Sequence[tuple[str, str]]) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        """A box of tick boxes bound to a list of values in the case (goals, requests …)."""
        from desktop.logic.wizard.editing import toggled

        group = QGroupBox(title)
        box = QVBoxLayout(group)
        checks: dict[str, QCheckBox] = {}
        for value, label in choices:
            check = check_box(label)
            check.toggled.connect(lambda on, v=value: self._write(path, toggled(_read(self.case, path), v, on),
                                                                  _field_label(title)))
            checks[value] = check
            box.addWidget(check)

        def load(fresh: bool) -> None:
            for value, check in checks.items():
                set_checked(check, value in _read(self.case, path))

        self._loaders.append(load)
        return group, checks

    def table_field(self, table: RecordTable, path: str, name: str, title: str) -> UndoNotice:
        """Bind a table of records to a list in the case. Deleting a row is not reachable by
        Tab+Enter by accident, and says 「元に戻す」 naming the row by its `title` field: returns
        that notice, for the page to put right under the table."""
        notice = UndoNotice(self.session)
        safe_button(table.remove_button)

        def write(rows: list[Any]) -> None:
            old = list(_read(self.case, path))
            label = list_edit_label(name, len(old), len(rows))
            removed = next((getattr(r, title) for r in old if r not in rows), "")
            # Typing in the cells is one step per cell left; adding or deleting a row is its own.
            if self.edit(lambda c: _assign(c, path, rows), label,
                         merge_key=f"{path}#cells" if len(old) == len(rows) else None) and len(rows) < len(old):
                notice.show_for(f"{name}の行（{removed}）を削除しました。" if removed else f"{name}の行を削除しました。")

        def load(fresh: bool) -> None:
            rows = _read(self.case, path)
            # Re-entering the page keeps cells that already show the case's rows: rebuilding
            # every cell widget cost more than showing the page.
            if fresh or not table.shows(rows):
                table.set_rows(rows)

        table.edited.connect(write)
        self._loaders.append(load)
        return notice

    def add_loader(self, loader: Callable[[bool], None]) -> None:
        self._loaders.append(loader)


def safe_button(button: QPushButton) -> QPushButton:
    """A destructive button: Enter never presses it as the dialog's (auto-)default (QWizard is
    a QDialog, where every push button is auto-default), only a click or Space does."""
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


class UndoNotice(QWidget):
    """「…を削除しました。［元に戻す］」 shown right where something was deleted, until the next
    change; the button undoes the deletion (the case-wide undo, so Ctrl+Z does the same)."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.undo_button = safe_button(QPushButton("元に戻す"))
        self.undo_button.clicked.connect(self._undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self._session = session
        for signal in (session.changed, session.restored, session.replaced):
            signal.connect(self.hide)
        self.hide()

    def show_for(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def _undo(self) -> None:
        self._session.undo()


def _field_label(label: str) -> str:
    """「会社名」の入力: how an edit of a labelled field is named in 「元に戻す」."""
    return f"「{label.replace('&', '')}」の入力"


def _read(case: Case, path: str) -> Any:
    return reduce(getattr, path.split("."), case)


def _assign(case: Case, path: str, value: Any) -> None:
    *parents, name = path.split(".")
    setattr(reduce(getattr, parents, case), name, value)


def set_checked(box: QCheckBox, on: bool) -> None:
    box.blockSignals(True)
    box.setChecked(on)
    box.blockSignals(False)


def note(text: str) -> QLabel:
    """A paragraph of explanation on a page."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def error_banner() -> QLabel:
    return error_label()


def show_banner(label: QLabel, message: str) -> None:
    label.setText("⚠ " + message if message else "")
    label.setVisible(bool(message))
