"""Tables of the standards module, one file per part of it."""

from accord.standards.models.consultation import *  # noqa: F403
from accord.standards.models.drafting import *  # noqa: F403
from accord.standards.models.facilities import *  # noqa: F403
