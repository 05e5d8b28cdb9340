"""The periodic report (báo cáo định kỳ, docs/domain.md, docs/reports.md): periods, the figures counted from records
by event date, the station profile's Resolution 12 indicators, the narrative and the document."""
