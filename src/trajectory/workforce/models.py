"""Monthly workforce snapshots (models land shortly)."""
