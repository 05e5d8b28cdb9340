"""The wire contract between station and server, imported by both sides (pure Python)."""

# The version this code speaks; a server accepts every version in its supported range.
PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1
MAX_PROTOCOL_VERSION = 1
