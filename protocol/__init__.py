"""The wire contract between station and server, imported by both sides (pure Python)."""

PROTOCOL_VERSION = 1
