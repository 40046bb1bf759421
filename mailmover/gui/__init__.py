"""The PySide6 wizard: a thin layer of pages over the engine."""
