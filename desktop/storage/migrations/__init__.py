"""Alembic migrations of the station database, run automatically right after unlocking."""
