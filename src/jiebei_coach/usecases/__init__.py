"""Every session operation, written once for the command line and the app.

Each operation is one locked read-modify-write in the store (``Store.update`` or one of
the store's own transactions), returns a typed result and raises typed errors with a code
and values (``UseCaseError``, ``StoreError``), never a sentence. The words are in
``presentation``; the front ends only parse input, call these and show what comes back.
"""
