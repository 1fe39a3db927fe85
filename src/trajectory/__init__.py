"""Trajectory: the improvement system of a children's social care service under intervention."""
