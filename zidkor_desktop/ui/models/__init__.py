"""Table models that sort and filter inside the model."""
