class StatisticsFormatError(ValueError):
    """The file is not a statistics table this reader understands; the message is Swedish."""
