"""The periodic report (báo cáo định kỳ, DOMAIN.md §4): periods, the figures counted from records
by event date, the station profile's Resolution 12 indicators, the narrative and the document."""
