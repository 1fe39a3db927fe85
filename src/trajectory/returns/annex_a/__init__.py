"""Ofsted's Annex A: the child-level lists 1-11 a council prepares for an ILACS inspection."""
