"""Stage 1, read: source bytes → normalized Unicode text (encodings, markup, publisher
furniture).
"""
