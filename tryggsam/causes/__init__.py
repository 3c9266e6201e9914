"""Orsaksanalys: causes and sub-causes of a problem or focus area, their evidence, and the measures aimed at them (Brå's problem tree)."""
