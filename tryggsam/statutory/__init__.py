"""The documents Lag 2023:196 requires, generated from the data: the municipal lägesbild, the åtgärdsplan and the yearly follow-up, versioned, decided and published."""
