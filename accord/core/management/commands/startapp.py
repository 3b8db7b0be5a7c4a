"""`accord startapp`: Django's, with Accord's module skeleton in mind.

    mkdir accord/<name>
    accord startapp --template accord/core/app_template <name> accord/<name>

The skeleton's files end in `-tpl` so that nothing in it is collected, linted, type-checked
or extracted into the project's catalogue as project code: `.py-tpl` files are rendered
(`{{ app_name }}`, `{{ camel_case_app_name }}`) and become `.py` (Django's own rule);
`.html-tpl` files are copied as they are (they are Django templates of the new app, not of
the skeleton) and become `.html`.
"""

from django.core.management.commands.startapp import Command as StartAppCommand


class Command(StartAppCommand):
    rewrite_template_suffixes = ((".py-tpl", ".py"), (".html-tpl", ".html"))
