"""No raw identifier from the messages reaches the database, through the agent and through ``Advisor.ask``."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

MESSAGES = [
    "My name is John Smith, my phone is 415-555-0132 and email john.smith@example.com. I have chest pain.",
    "我叫张伟，手机13812345678，身份证11010519491231002X，住在北京市朝阳区建国路88号，头疼三天了",
    "Patient name: Maria Garcia, DOB 1985-03-12, SSN 123-45-6789, lives at 42 Elm Street. Mild sunburn.",
    "Oliver here, my daughter Hannah has had a cough for two days",
    "小丽咳嗽两天了，王建国说她不发烧",
]
IDENTIFIERS = ["John", "Smith", "415-555-0132", "5550132", "john.smith@example.com", "张伟", "13812345678",
               "11010519491231002X", "建国路", "Maria", "Garcia", "1985-03-12", "123-45-6789", "Elm Street",
               "Oliver", "Hannah", "小丽", "王建国"]


def _database_bytes(advisor) -> bytes:
    """SQLite: every byte of the database, its WAL and shared-memory files. PostgreSQL: every row of every table,
    as text (the server's files are not ours to read)."""
    engine = advisor.store.engine
    if engine.dialect.name == "sqlite":
        database = Path(engine.url.database)
        return b"".join(path.read_bytes() for path in sorted(database.parent.glob(database.name + "*")))
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        rows = [str(row[0]) for table in tables
                for row in connection.execute(text(f'SELECT CAST("{table}" AS text) FROM "{table}"'))]
    return "\n".join(rows).encode("utf-8")


def test_no_raw_identifier_in_the_database(advisor_home):
    session_ids = []
    for message in MESSAGES:
        reply = advisor_home.ask(message, agent="medical_triage")
        assert reply.data is not None and reply.data.level is not None
        session_ids.append(reply.session_id)
    follow = advisor_home.ask("I'm John, 42 years old", agent="medical_triage", session_id=session_ids[0])
    assert follow.data.level.value == "emergent"
    agent = advisor_home.agent("medical_triage")
    agent.invoke({"text": "Dr. Alice Wong says my mole changed, call 020 7946 0958", "session_id": "direct"})
    advisor_home.store.engine.dispose()  # flush connections so the files on disk are complete
    blob = _database_bytes(advisor_home)
    assert blob, "no database file found"
    for identifier in IDENTIFIERS + ["Alice", "Wong", "7946 0958"]:
        for encoding in ("utf-8", "utf-16-le"):
            assert identifier.encode(encoding) not in blob, f"{identifier!r} found in the database"
    assert b"chest pain" in blob  # the de-identified medical content is stored
