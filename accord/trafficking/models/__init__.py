"""Tables of the trafficking module, one file per part of it."""

from accord.trafficking.models.incidents import *  # noqa: F403
from accord.trafficking.models.items import *  # noqa: F403
from accord.trafficking.models.operations import *  # noqa: F403
from accord.trafficking.models.tracing import *  # noqa: F403
from accord.trafficking.models.watchlist import *  # noqa: F403
