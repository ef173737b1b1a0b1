"""Words for people: results, verdicts and error codes turned into Chinese or English.

Below the command line and the app, above the use cases, the store and the domain, which
carry codes and figures but never sentences. Nothing here imports Textual.
"""
