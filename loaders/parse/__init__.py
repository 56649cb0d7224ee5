"""Stage 2, parse: normalized text → document layout (header, số hiệu, date, sections, nơi
nhận, signature).
"""
