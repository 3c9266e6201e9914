"""Goals with indicators: a goal on a focus area, problem or citizen promise, its indicator computed from the data or entered by hand, baseline, target and progress."""
