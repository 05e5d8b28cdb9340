"""The wire contract between station and server, imported by both sides (pure Python)."""

# The version this code speaks; a server accepts every version in its supported range.
# Version 2 adds each revision's document number and amendment reason, and the replacement of a
# report the centre holds otherwise (docs/protocol.md, "Versioning"); a station sends them only to
# a server whose health answer says it speaks 2, and a server still accepts version 1.
# Version 3 adds the upload of a one-chunk blob in one request (`PUT /api/v1/blobs/{sha256}`),
# which a station uses only with a server that speaks 3.
# Version 4 adds the station's pull cursor to a push and the server's word, in its answer,
# whether anything waits after it: a session told nothing waits makes no pull request.
PROTOCOL_VERSION = 4
MIN_PROTOCOL_VERSION = 1
MAX_PROTOCOL_VERSION = 4
# The first version with the fields above.
RECORD_FACTS_VERSION = REPORT_REPLACE_VERSION = 2
WHOLE_BLOB_VERSION = 3
FEED_HINT_VERSION = 4
