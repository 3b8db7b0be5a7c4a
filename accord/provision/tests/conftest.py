import pytest

from accord.provision.tests.world import World


@pytest.fixture
def world(make_user):
    return World(make_user)
