"""The knowledge every stage shares: vocabulary loading from data/, numbers, dates."""
