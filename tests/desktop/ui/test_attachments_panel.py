"""A record's files in the app: attached through the view (file dialog slot and drop), shown
with a thumbnail, opened in the viewer (zoom, rotate; a PDF through QtPdf), removed with a reason
as a new revision; a refused file is named in the catalogue's words and leaves nothing; an
officer never saves a decrypted copy."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QPixmap, QTransform
from PySide6.QtWidgets import QApplication

from desktop.core import error_texts
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.attachments import Attachment
from desktop.ui import attachment_work
from desktop.ui.attachment_viewer import ImageViewer, PdfViewer
from desktop.ui.attachments_panel import AttachmentsDialog, AttachmentsPanel
from desktop.ui.audit_details import RECORD_ACTIONS, details_text
from desktop.ui.errors import ui_language
from desktop.ui.labels import action_name
from desktop.ui.models.attachments_model import NAME, AttachmentsTableModel
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from desktop.ui.record_editor import AMEND, RecordEditor
from desktop.ui.record_view import RecordView, allowed_changes
from desktop.ui.record_work import open_record
from desktop.ui.services import PageContext
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR
from tests.desktop.storage import attachment_files as files
from tests.desktop.ui.conftest import make_services
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    page_context_fixture,
    records_fixture,
)


@pytest.fixture
def officer_context(station_home) -> Iterator[PageContext]:
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    yield PageContext(make_services(station_home.home), session, session.info())
    session.close()


def _view(context: PageContext, records, record_id: str) -> RecordView:
    view = RecordView(records.catalogue, "en", context=context)
    details = open_record(context.session, records.catalogue, record_id)
    user = context.session.user
    view.show_details(details, allowed_changes(user.role, user.username, details.record.summary))
    view.resize(900, 600)
    view.show()
    return view


def _headline(code: str) -> str:
    return error_texts.headline_and_advice(code, {"name": "x"}, ui_language())[0]


def _drop(panel: AttachmentsPanel, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(event)
    assert event.isAccepted()


def test_attach_see_open_rotate_and_remove_with_a_reason(qtbot, records, page_context, tmp_path):
    record_id = records.make("F3", example_values("F3"))  # completed: revision 1
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None and panel.attach_button.isEnabled()
    revisions = []
    view.attachments_changed.connect(revisions.append)

    panel.attach_paths([str(files.photo_with_gps(tmp_path / "hien_truong.jpg", size=(120, 60)))])
    assert panel.rows.names() == ["hien_truong.jpg"] and revisions == [2]
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "Attachments (1)"
    picture = panel.rows.thumbnail(0)
    assert picture is not None and not picture.isNull()
    # Turned upright on the way in (EXIF orientation 6): the 120 × 60 photo stands 60 × 120.
    assert (picture.width(), picture.height()) == (32, 64)
    assert "hien_truong.jpg" in panel.message.text()

    panel.select("hien_truong.jpg")
    panel.open_button.click()
    viewer = panel.viewer
    assert isinstance(viewer, ImageViewer)
    assert (viewer.image_size.width(), viewer.image_size.height()) == (60, 120)
    viewer.zoom, before = 1.0, 1.0
    viewer.zoom_in_button.click()
    assert viewer.zoom > before and viewer.scale_label.text() == "125 %"
    viewer.right_button.click()
    assert viewer.rotation == 90
    turned = viewer.view.transform()
    expected = QTransform().rotate(90).scale(viewer.zoom, viewer.zoom)
    assert turned.map(QPointF(1, 0)).toTuple() == pytest.approx(
        expected.map(QPointF(1, 0)).toTuple(), abs=1e-6
    )
    viewer.left_button.click()
    viewer.left_button.click()
    assert viewer.rotation == 270
    viewer.close()

    panel.select("hien_truong.jpg")
    panel.remove_button.click()
    dialog = panel.dialog
    assert dialog is not None
    dialog.reason.setPlainText("ảnh chụp nhầm")
    dialog.ok.click()
    assert panel.rows.names() == [] and revisions == [2, 3]
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "Attachments"
    (gone,) = AttachmentService(records.session()).list(record_id, with_removed=True)
    assert (gone.removed_revision, gone.removed_reason) == (3, "ảnh chụp nhầm")


def test_files_dropped_on_the_panel_are_attached_and_a_pdf_opens_in_the_app(
    qtbot, records, page_context, tmp_path
):
    record_id = records.make("F1", example_values("F1"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    _drop(
        panel, files.clean_pdf(tmp_path / "bien_ban.pdf"), files.photo_with_gps(tmp_path / "a.jpg")
    )
    assert panel.rows.names() == ["bien_ban.pdf", "a.jpg"]
    assert panel.rows.thumbnail(0) is not None and panel.rows.thumbnail(1) is not None
    assert panel.rows.index(0, 1).data() == "PDF scan"

    panel.select("bien_ban.pdf")
    panel.open_selected()
    viewer = panel.viewer
    assert isinstance(viewer, PdfViewer)
    assert viewer.document.pageCount() == 1
    free = viewer.screen().availableGeometry()  # offscreen: 800×600, smaller than a PDF page
    assert viewer.height() < free.height() and viewer.width() <= free.width()
    assert not list(tmp_path.glob("*.tmp"))


def test_a_refused_file_is_named_and_nothing_is_stored(qtbot, records, page_context, tmp_path):
    record_id = records.make("F3", example_values("F3"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    good = files.photo_with_gps(tmp_path / "tot.jpg")
    bad = files.script_pdf(tmp_path / "js.pdf")
    changed = []
    panel.changed.connect(changed.append)
    panel.attach_paths([str(good), str(bad)])
    assert _headline("ATTACHMENT_PDF_UNSAFE") in panel.message.text()
    assert "Traceback" not in panel.message.text()
    assert panel.rows.names() == [] and changed == []
    assert not panel.progress.isVisible() and panel.attach_button.isEnabled()
    assert records.service().get(record_id).summary.revision == 1


def test_an_officer_attaches_to_own_record_but_never_saves_a_copy(
    qtbot, records, officer_context, tmp_path
):
    own = records.make("F3", example_values("F3"), by=OFFICER)
    view = _view(officer_context, records, own)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    panel.attach_paths([str(files.photo_with_gps(tmp_path / "anh.jpg"))])
    assert panel.rows.names() == ["anh.jpg"]
    panel.select("anh.jpg")
    assert not panel.copy_button.isVisibleTo(panel)
    out = tmp_path / "copy.jpg"
    panel.save_copy("anh.jpg", str(out))  # past the hidden button: the service still refuses
    assert _headline("PERMISSION_DENIED") in panel.message.text()
    assert not out.exists()


def test_a_supervisor_saves_a_checked_copy(qtbot, records, page_context, tmp_path):
    record_id = records.make("F3", example_values("F3"))
    AttachmentService(records.session(SUPERVISOR), records.catalogue).attach(
        record_id, [files.clean_pdf(tmp_path / "scan.pdf")]
    )
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None and panel.copy_button.isVisibleTo(panel)
    out = tmp_path / "ban_sao.pdf"
    panel.save_copy("scan.pdf", str(out))
    assert out.read_bytes() == (tmp_path / "scan.pdf").read_bytes()


def test_others_approved_record_shows_files_without_changes_for_an_officer(
    qtbot, records, officer_context, tmp_path
):
    record_id = records.make("F3", example_values("F3"), status="approved")
    AttachmentService(records.session(SUPERVISOR), records.catalogue).attach(
        record_id, [files.photo_with_gps(tmp_path / "anh.jpg")]
    )
    view = _view(officer_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None and panel.rows.names() == ["anh.jpg"]
    assert not panel.attach_button.isVisibleTo(panel)
    assert not panel.remove_button.isVisibleTo(panel)
    panel.select("anh.jpg")
    assert panel.open_button.isEnabled()


def test_the_editor_saves_the_draft_then_opens_its_files(qtbot, records, page_context, tmp_path):
    form = records.catalogue.get("F1")
    editor = RecordEditor(page_context, records.catalogue, form, values=example_values("F1"))
    qtbot.addWidget(editor)
    assert editor.record_id is None and editor.attachments_button.isVisibleTo(editor)
    editor.attachments_button.click()
    dialog = editor.attachments_dialog
    assert isinstance(dialog, AttachmentsDialog) and editor.record_id is not None
    dialog.panel.attach_paths([str(files.photo_with_gps(tmp_path / "hien_truong.jpg"))])
    assert dialog.panel.rows.names() == ["hien_truong.jpg"]
    stored = records.service().get(editor.record_id)
    assert stored.summary.status == "draft" and stored.summary.revision == 1
    QApplication.processEvents()


def test_a_file_attached_on_the_records_page_shows_as_a_revision_and_in_history(
    open_main_window, records, tmp_path
):
    record_id = records.make("F3", example_values("F3"))
    main = open_main_window(SUPERVISOR, pages=(RecordListPage,))
    main.show_page("records")
    page = main.current_page()
    page.open_record(record_id)
    view = page.view
    assert view is not None and view.attachments is not None
    assert view.revision_rows.rowCount() == 1
    view.attachments.attach_paths([str(files.photo_with_gps(tmp_path / "anh.jpg"))])
    assert view.revision_rows.rowCount() == 2  # the page opened the record again
    actions = [view.history_rows.index(r, 2).data() for r in range(view.history_rows.rowCount())]
    assert "File attached" in actions
    assert view.attachments.rows.names() == ["anh.jpg"]


def test_the_review_preview_shows_the_files_without_changes(open_main_window, records, tmp_path):
    record_id = records.make("F3", example_values("F3"), by=OFFICER)
    AttachmentService(records.session(OFFICER), records.catalogue).attach(
        record_id, [files.photo_with_gps(tmp_path / "anh.jpg")]
    )
    main = open_main_window(SUPERVISOR, pages=(ReviewQueuePage,))
    main.show_page("review")
    page = main.current_page()
    page.table.selectRow(0)
    page._load_preview()
    panel = page.preview.attachments
    assert panel is not None and panel.rows.names() == ["anh.jpg"]
    assert not panel.attach_button.isVisibleTo(panel)
    assert not panel.remove_button.isVisibleTo(panel)


@pytest.fixture
def threaded_context(station_home) -> Iterator[PageContext]:
    """The supervisor with the real, threaded lanes: work comes back through the event loop."""
    services = make_services(station_home.home, threaded=True)
    session = station_home.unlock()
    yield PageContext(services, session, session.info())
    services.tasks.wait()
    session.close()


def test_the_busy_bar_shows_while_the_lane_stores_the_files(
    qtbot, records, threaded_context, tmp_path
):
    record_id = records.make("F3", example_values("F3"))
    panel = AttachmentsPanel(threaded_context, records.catalogue)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_record(record_id, may_change=True)
    qtbot.waitUntil(lambda: threaded_context.tasks.pending == 0)
    big = files.clean_pdf(tmp_path / "scan.pdf", payload=bytes(range(256)) * 16_384)  # 4 MB
    seen: list[tuple[int, bool]] = []

    def shown(value: int) -> None:  # called where the bar is set: it must be the GUI thread
        seen.append((value, QThread.currentThread() == panel.thread()))

    panel.progress.valueChanged.connect(shown)
    panel.attach_paths([str(big)])
    assert panel.progress.isVisible() and "4,0 MB" in panel.progress.format()
    assert not panel.attach_button.isEnabled()
    qtbot.waitUntil(lambda: panel.rows.names() == ["scan.pdf"], timeout=10_000)
    assert not panel.progress.isVisible() and panel.attach_button.isEnabled()
    # The bar moved with the stored bytes, on the GUI thread, up to the whole file.
    steps = [value for value, _ in seen if value > 0]
    assert len(steps) >= 4 and steps == sorted(steps) and steps[-1] == 1000
    assert all(on_gui_thread for _, on_gui_thread in seen)


def test_enter_opens_and_delete_asks_to_remove(qtbot, records, page_context, tmp_path):
    record_id = records.make("F3", example_values("F3"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    panel.attach_paths([str(files.photo_with_gps(tmp_path / "anh.jpg"))])
    view.tabs.setCurrentWidget(panel)
    view.activateWindow()
    panel.select("anh.jpg")
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert isinstance(panel.viewer, ImageViewer)
    panel.viewer.close()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.dialog is not None and panel.dialog.isVisible()
    panel.dialog.reject()


def test_a_thumbnail_already_shown_is_not_decrypted_again(records, page_context, tmp_path):
    record_id = records.make("F3", example_values("F3"))
    AttachmentService(page_context.session, records.catalogue).attach(
        record_id, [files.photo_with_gps(tmp_path / "anh.jpg")]
    )
    (first,) = attachment_work.list_files(page_context.session, record_id)
    assert first.thumbnail is not None
    known = frozenset({first.attachment.sha256})
    (again,) = attachment_work.list_files(page_context.session, record_id, known)
    assert again.thumbnail is None and again.attachment == first.attachment


def _page_pdf(path: Path) -> Path:
    """A landscape page, white with a black block in its left half (as Pillow writes a scan)."""
    page = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(page).rectangle((0, 0, 199, 199), fill="black")
    page.save(path, format="PDF", resolution=72)
    return path


def test_a_pdf_shows_its_first_page_as_its_thumbnail(qtbot, records, page_context, tmp_path):
    """The page is drawn by QtPdf from the decrypted bytes: landscape stays landscape, the
    black block is on the left, white paper on the right."""
    record_id = records.make("F3", example_values("F3"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    panel.attach_paths([str(_page_pdf(tmp_path / "bien_ban.pdf"))])
    picture = panel.rows.thumbnail(0)
    assert picture is not None and (picture.width(), picture.height()) == (64, 32)
    image = picture.toImage()
    assert QColor(image.pixel(16, 16)).lightness() < 60
    assert QColor(image.pixel(48, 16)).lightness() > 200
    assert isinstance(panel.rows.index(0, NAME).data(Qt.ItemDataRole.DecorationRole), QPixmap)


def test_a_pdf_qtpdf_cannot_draw_shows_the_file_icon_and_is_not_tried_again(
    qapp, records, page_context, tmp_path, monkeypatch
):
    """A PDF without pages passes the intake but draws nothing: the list shows the generic
    icon, and a reload does not decrypt it again to fail once more."""
    record_id = records.make("F3", example_values("F3"))
    empty = tmp_path / "trong.pdf"
    empty.write_bytes(files.pdf([files.CATALOGUE, b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    AttachmentService(page_context.session, records.catalogue).attach(record_id, [empty])
    assert attachment_work._pdf_thumbnail(b"%PDF-1.4 not a document") is None
    model = AttachmentsTableModel()
    model.set_rows(attachment_work.list_files(page_context.session, record_id))
    assert model.thumbnail(0) is None
    assert isinstance(model.index(0, NAME).data(Qt.ItemDataRole.DecorationRole), QIcon)
    drawn = []
    monkeypatch.setattr(attachment_work, "_pdf_thumbnail", lambda data: drawn.append(data))
    attachment_work.list_files(page_context.session, record_id, model.known_pictures())
    assert drawn == []


def test_the_list_keeps_only_the_shown_records_pictures(qapp):
    """A panel that goes from record to record holds one record's thumbnails, not every one
    it ever drew; what is shown again is not decrypted again."""

    def row(sha256: str, drawn: bool) -> attachment_work.AttachmentRow:
        png = _png_bytes() if drawn else None
        added = Attachment(f"{sha256}.png", sha256, 10, "image/png", None, 1, "lan", "now")
        return attachment_work.AttachmentRow(added, png)

    model = AttachmentsTableModel()
    model.set_rows([row("a" * 64, True), row("b" * 64, False)])
    assert model.known_pictures() == {"a" * 64, "b" * 64}
    model.set_rows([row("c" * 64, True)])  # another record
    assert model.known_pictures() == {"c" * 64}
    model.set_rows([row("c" * 64, False)])  # the same record reloaded: its picture stays
    assert model.thumbnail(0) is not None


def _png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def test_the_audit_log_says_what_happened_to_a_file_in_words():
    for action in ("record.attached", "record.detached", "record.attachment_extracted"):
        assert action_name(action) != action and action in RECORD_ACTIONS
    text = details_text({"name": "anh.jpg", "sha256": "0123456789ab", "revision": 2})
    assert text == "name: anh.jpg, fingerprint: 0123456789ab, revision: 2"


def _drag(panel: AttachmentsPanel, url: QUrl) -> QDragEnterEvent:
    mime = QMimeData()
    mime.setUrls([url])
    event = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dragEnterEvent(event)
    return event


def test_a_drag_is_welcome_only_with_local_files_and_the_right_to_change(
    qtbot, records, page_context, tmp_path
):
    record_id = records.make("F3", example_values("F3"))
    panel = AttachmentsPanel(page_context, records.catalogue)
    qtbot.addWidget(panel)
    photo = QUrl.fromLocalFile(str(files.photo_with_gps(tmp_path / "anh.jpg")))
    panel.show_record(record_id, may_change=True)
    assert _drag(panel, photo).isAccepted()
    assert not _drag(panel, QUrl("https://example.org/anh.jpg")).isAccepted()
    panel.show_record(record_id, may_change=False)
    assert not _drag(panel, photo).isAccepted()


def test_an_amendment_changes_files_from_the_view_not_the_editor(qtbot, records, page_context):
    record_id = records.make("F3", example_values("F3"))
    form = records.catalogue.get("F3")
    editor = RecordEditor(
        page_context,
        records.catalogue,
        form,
        record_id=record_id,
        values=example_values("F3"),
        mode=AMEND,
    )
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.attachments_button.isVisible()
    editor.attachments_button.click()
    assert editor.attachments_dialog is None
