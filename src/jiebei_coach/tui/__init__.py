"""The Textual app. Imported only when the interactive app is launched."""
