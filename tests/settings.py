"""Test settings: Accord plus a test-only app whose `Dossier` carries the marking mixin,
until the modules bring real marked records (see tests/markedapp)."""

import os
import tempfile

os.environ.setdefault("ACCORD_TESTING", "1")

from accord.settings import *  # noqa: F403
from accord.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.markedapp"]
ROOT_URLCONF = "tests.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test sign-ins
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# `__Host-` names need Secure cookies, which the plain-HTTP live server cannot set.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
# The tests sign users of every role in with force_login (no one-time code), as the demo
# does with passwords: the rule that administrators, auditors and legal advisers need a
# second factor is relaxed here and tested on its own with it on
# (accord/accounts/tests/test_second_factor_default.py).
ACCORD_RELAX_SECOND_FACTOR = True
# Signing asks again who signs (core.stepup); off here so the suites do not type a
# password on every vote; test_step_up.py turns it on.
ACCORD_STEP_UP_SIGNATURES = False
DEBUG = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: WAL, locking and durability behave as in production, and
    # threads in the concurrency tests get real connections of their own.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"accord-test-{os.getpid()}.sqlite3")
    }

# Tasks run at once, in the request, unless a test is about queueing: those switch to the
# database backend (accord/core/tests/test_worker.py) and run the real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Stored reports and uploads go to a directory of this test process, not the working tree.
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), f"accord-test-media-{os.getpid()}")

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Lets Django's flush between transactional tests TRUNCATE the append-only audit tables
    # (core/0007; production connections never set it, and the application's role has no
    # TRUNCATE privilege).
    DATABASES["default"]["OPTIONS"]["options"] += " -c accord.test_flush=on"  # noqa: F405

# No `accord worker` runs beside the tests: /readyz does not wait for one (the health tests
# set it back to check the rule).
ACCORD_WORKER_STALE_SECONDS = 0

# A refused call must leave the world as it was, audit trail included, in the modules'
# tests (they count events); the denial audit is on in production and tested on its own,
# with it on (accord/core/tests/test_denial_and_read_audit.py).
ACCORD_AUDIT_DENIALS = False
