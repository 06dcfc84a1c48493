"""netbuilder: design, train and export neural networks visually."""

__version__ = "0.1.0"
