"""Property-based tests: the manifest and filter parsers never crash on arbitrary input, they name the problem."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.core.filters import FilterError, build_query
from advisor.core.ingest import Candidate, iter_candidates
from advisor.core.types import Skipped

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
                           max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.binary(max_size=60), json_values.map(lambda v: json.dumps(v).encode())), max_size=8))
def test_jsonl_manifest_never_crashes(tmp_path, lines):
    manifest = tmp_path / "m.jsonl"
    manifest.write_bytes(b"\n".join(lines) + b"\n")
    for entry in iter_candidates(manifest):
        assert isinstance(entry, (Candidate, Skipped))
        if isinstance(entry, Skipped):
            assert entry.source.startswith("m.jsonl") and entry.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_csv_manifest_never_crashes(tmp_path, data):
    manifest = tmp_path / "m.csv"
    manifest.write_bytes(b"image,caption,price\n" + data)
    assert all(isinstance(e, (Candidate, Skipped)) for e in iter_candidates(manifest))


@settings(max_examples=150, deadline=None)
@given(filters=st.dictionaries(st.text(max_size=12), json_values, max_size=3))
def test_filters_either_build_or_raise_filter_error(filters):
    try:
        build_query(filters)
    except FilterError as exc:
        assert str(exc)


def test_an_unknown_home_directory_or_a_nul_byte_in_an_image_path_is_a_named_skip(tmp_path):
    # found by the property test above: pathlib raises on both instead of returning a path
    manifest = tmp_path / "m.csv"
    manifest.write_bytes(b"image,caption\n~no_such_user_here_0/x.jpg,a cat\na\x00b.jpg,a dog\nfine.jpg,a bird\n")
    entries = list(iter_candidates(manifest))
    assert [type(e).__name__ for e in entries] == ["Skipped", "Skipped", "Candidate"]
    assert "unknown home directory" in entries[0].reason and "NUL" in entries[1].reason
    assert entries[0].source == "m.csv:2" and entries[1].source == "m.csv:3"
