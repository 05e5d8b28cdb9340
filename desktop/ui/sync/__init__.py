"""The sync parts of the window: the controller (when to sync), the enrolment dialog, the page."""
