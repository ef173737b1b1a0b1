"""The Textual app. Imported only when the interactive app is launched."""

#: A data file larger than this (bytes; a few dozen sessions) is checked and listed just
#: after the first frame, in a thread, so the window appears at once whatever its size.
LARGE_FILE = 256 * 1024
