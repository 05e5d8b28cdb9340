"""The main window's pages, in navigation order (Ctrl+1 … Ctrl+7 follow this order).

To add or replace a page: write a `Page` subclass in its own module here (see `base.py` for
KEY, TITLE, ICON, PERMISSION and the capture_state()/restore_state() hooks), then list it below.
"""

from __future__ import annotations

from desktop.ui.pages.audit_log import AuditLogPage
from desktop.ui.pages.base import Page
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.record_entry import RecordEntryPage
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.pages.reports import ReportsPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from desktop.ui.pages.settings import SettingsPage
from desktop.ui.pages.sync_page import SyncPage
from desktop.ui.pages.users import UsersPage

ALL_PAGES: tuple[type[Page], ...] = (
    DashboardPage,
    RecordEntryPage,
    RecordListPage,
    ReviewQueuePage,
    UsersPage,
    AuditLogPage,
    SettingsPage,
    ReportsPage,  # after the first seven, so Ctrl+1…7 keep their pages
    SyncPage,
)
