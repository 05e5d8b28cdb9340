"""The encrypted station store: SQLCipher database, key slots, audit log, migrations (no Qt)."""
