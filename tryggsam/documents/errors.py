"""The one error the document readers raise: the file cannot be read at all."""


class UnreadableDocument(Exception):
    """The input is not a document we can read (empty, binary, encrypted, corrupt, too large).

    The message is one Swedish sentence meant for the coordinator, shown as it is.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
