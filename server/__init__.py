"""The central CAX server that stations sync with."""
