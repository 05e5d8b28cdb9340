"""The record form renderer: widgets built at run time from a form definition."""

from desktop.ui.record_form.widget import RecordFormWidget

__all__ = ["RecordFormWidget"]
