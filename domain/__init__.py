"""The pure domain shared by the station and the server: forms, validation, reference data,
Vietnamese text, records' rules and the periodic report's arithmetic (no Qt, no SQL)."""
