"""Configuration, database engine and key material of the central server."""
