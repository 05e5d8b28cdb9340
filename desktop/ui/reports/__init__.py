"""The periodic report's widgets: its figures table, the station-profile dialog, printing."""
