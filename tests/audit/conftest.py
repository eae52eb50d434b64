"""The audit tests' server: one local Cognito API (:class:`support.LocalCognito`, moto's server in a
thread on a free port of 127.0.0.1) for the session, stopped at the end, holding the account that
:func:`support.build_audit_world` creates.
"""
from __future__ import annotations

import pytest

from support import AuditWorld, LocalCognito, build_audit_world


@pytest.fixture(scope="session")
def cognito():
    pytest.importorskip("moto", reason="moto[server] is a test dependency: pip install '.[test]'")
    server = LocalCognito()
    try:
        server.world = build_audit_world(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(cognito) -> AuditWorld:
    return cognito.world
