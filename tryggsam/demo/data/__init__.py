"""The demo's invented content: organisations and people, forums, work tables and the action plan.

Everything here is written for the demo; none of it is taken from real minutes or plans."""
