"""What a trained network learned: the test samples it gets most wrong or is least sure of
(``samples``), and which input values drove a prediction (``saliency``, with Captum)."""
