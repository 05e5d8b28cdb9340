"""Sync with the central server: outbox, client, offline bundles (no Qt)."""
