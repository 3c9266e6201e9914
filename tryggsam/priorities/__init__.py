"""Tertial or quarterly prioritisation of a council's areas: the table, the suggested ranking with its reasons, and the council's decided priorities."""
