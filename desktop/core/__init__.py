"""Domain rules of CAX Desk: errors, roles and permissions, forms and validation (no Qt, no SQL)."""
