"""The network guard itself works, so a test that passes really did not use the network."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkUsed


def test_internet_sockets_are_refused() -> None:
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_unix_socket_pairs_still_work() -> None:
    left, right = socket.socketpair()
    try:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    finally:
        left.close()
        right.close()
