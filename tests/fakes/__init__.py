"""Fakes that implement the real interfaces (recording channel, servers)."""
