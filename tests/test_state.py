"""The state store: results keyed by doc_id and stamped with the extractor version."""

from __future__ import annotations

from pathlib import Path

from pipeline.output.state import StateStore, StoredResult
from schemas import DocumentOut, ErrorInfo
from schemas.stages import make_doc_id


def _result(source: str, sha: str | None = "ab" * 32, kind: str | None = None) -> StoredResult:
    document = DocumentOut(
        doc_id=make_doc_id(source),
        source=source,
        status="failed" if kind else "ok",
        error=ErrorInfo(kind=kind, message="m") if kind else None,
        sha256=sha,
    )
    return StoredResult.build(document, (), ())


SHA = "ab" * 32


def _done(store: StateStore, result: StoredResult, sha: str = SHA) -> bool:
    return store.is_done(result.doc_id, sha, result.source)


def test_a_result_is_reused_only_under_the_same_version(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite", "v1")
    result = _result("a.txt")
    assert not _done(store, result)
    store.put(result)
    assert _done(store, result)
    store.close()
    assert _done(StateStore(tmp_path / "s.sqlite", "v1"), result)
    assert not _done(StateStore(tmp_path / "s.sqlite", "v2"), result)


def test_an_edited_document_is_redone_under_its_same_id(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite", "v1")
    result = _result("a.txt")
    store.put(result)
    assert _done(store, result)
    assert not _done(store, result, sha="cd" * 32)  # the doc_id is the same; the content is not
    assert not store.is_done(result.doc_id, SHA, "./a.txt")  # another spelling: every line names its source


def test_transient_failures_and_contentless_documents_are_redone(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite", "v1")
    crashed = _result("b.txt", kind="worker_crashed")
    missing = _result("c.txt", sha=None, kind="not_found")
    encrypted = _result("d.pdf", kind="encrypted")
    for result in (crashed, missing, encrypted):
        store.put(result)
    assert not _done(store, crashed)
    assert not _done(store, missing)
    assert _done(store, encrypted)


def test_the_run_list_keeps_input_order_and_drops_duplicates(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite", "v1")
    first, second = _result("z.txt"), _result("a.txt")
    store.begin_run()
    assert store.add_current(first.doc_id) and store.add_current(second.doc_id)
    assert not store.add_current(first.doc_id)
    assert store.missing() == 2
    store.put(second)
    store.put(first)
    assert store.missing() == 0
    assert [row[0] for row in store.rows()] == [first.document, second.document]
    store.begin_run()
    assert list(store.rows()) == []
