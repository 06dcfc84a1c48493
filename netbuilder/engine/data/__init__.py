"""Data: built-in and generated datasets, CSV/NPZ importers, preprocessing (numpy, no torch).

One pipeline from a ``DatasetBinding`` to seeded train/val/test arrays (``datasets``).
"""
