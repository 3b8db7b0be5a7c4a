import io
import pytest
from accord.accounts import demo as accounts_demo
from accord.trafficking import demo
from accord.trafficking.models import Operation
from accord.trafficking.selectors.operations import after_action_figures
from accord.accounts.models import User
pytestmark = pytest.mark.django_db
def test_all():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    print(out.getvalue())
    for op in Operation.objects.all():
        for u in ("rus.customs", "kaz.customs", "blr.customs", "arm.customs"):
            user = User.objects.get(username=u)
            if Operation.objects.visible_to(user).filter(pk=op.pk).exists():
                print(op.code, u, after_action_figures(actor=user, operation=op))
