"""Effect of a measure: counts before and after against comparison areas, a difference-in-differences estimate with its interval, displacement to neighbouring areas, a plain-Swedish verdict."""
