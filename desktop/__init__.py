"""CAX Desk station application: the offline data-entry program a commune police station runs."""
