"""The agents' tests that open a data home (``advisor_home``) run on SQLite and on PostgreSQL, like the core's."""
from tests.advisor.conftest import advisor_home  # noqa: F401 - the data-home fixture over both databases
from tests.databases import db_url, postgres_server  # noqa: F401 - fixtures
