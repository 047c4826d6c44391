"""The rules of Exchange 4.0–5.5: one module per rule."""
