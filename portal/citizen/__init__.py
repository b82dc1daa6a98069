"""The citizen's own area."""
