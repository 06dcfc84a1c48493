"""The training doctor: checks a project before a long run and says what it found, per node.

``examine`` runs the pre-run checks (loss at initialisation, one backward pass, overfitting one
small batch, a learning-rate range test) on a seeded copy of the network and returns a
``DoctorReport``. Nothing in the engine imports this room; the CLI and the window do.
"""
