"""Local files: plain text, HTML, directories, JSON Lines, sniffing, encodings and limits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from parley.config import SourceOptions
from parley.errors import ConfigError, DecodeError, InputError, NoBodyError, NotFoundError, TooLargeError
from parley.sources import Document, SourceItem, read_inputs
from parley.sources.document import SourceWarning

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def read(inputs: list[str | Path], options: SourceOptions | None = None) -> list[SourceItem]:
    return list(read_inputs([str(p) for p in inputs], options or SourceOptions()))


def only(items: list[SourceItem]) -> Document:
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def test_text_file_with_a_title_line() -> None:
    path = FIXTURES / "titled.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    document = only(read([path]))
    assert document.kind == "text"
    assert document.origin == str(path)
    assert document.title == lines[0]
    assert document.content.startswith(lines[2])
    assert lines[0] not in document.content


def test_text_file_without_a_title_line_is_all_body() -> None:
    path = FIXTURES / "untitled.txt"
    document = only(read([path]))
    assert document.title is None
    assert document.content == path.read_text(encoding="utf-8")


def test_a_long_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    paragraph = "The minister said the talks would resume. " * 10
    path = tmp_path / "story.txt"
    path.write_text(f"{paragraph}\n\nSecond paragraph.\n", encoding="utf-8")
    document = only(read([path]))
    assert document.title is None
    assert document.content.startswith(paragraph)


@pytest.mark.parametrize(
    "lead", ["Chile and Peru signed a border treaty on Monday.", 'He said: "We are ready."']
)
def test_a_one_sentence_lead_paragraph_is_not_a_title(tmp_path: Path, lead: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{lead}\n\nThe treaty ends a long dispute.\n", encoding="utf-8")
    document = only(read([path]))
    assert document.title is None
    assert document.content.startswith(lead)


def test_title_detection_with_windows_newlines_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("Talks resume\r\n\r\nDelegations met on Monday.\r\n".encode("utf-8-sig"))
    document = only(read([path]))
    assert document.title == "Talks resume"
    assert document.content == "Delegations met on Monday.\n"


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    [error] = read([path])
    assert isinstance(error, NoBodyError)
    assert error.source == str(path)


def test_html_file_keeps_the_whole_page() -> None:
    path = FIXTURES / "article.html"
    document = only(read([path]))
    assert document.kind == "html"
    assert document.content == path.read_text(encoding="utf-8")
    assert document.title is None  # the cleaner finds it in the page


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    [error] = read([path])
    assert isinstance(error, NotFoundError)
    assert error.source == str(path)
    assert "no such file" in error.reason


def test_directory_with_no_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    [error] = read([tmp_path])
    assert isinstance(error, NotFoundError)
    assert error.source == str(tmp_path)
    assert error.reason.startswith("no articles (looked for *.txt, *.html")


def test_directory_is_read_recursively_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/c.html", "a/deeper/d.txt", "a/.e.txt", ".git/f.txt", "g.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{name}</body></html>" if name.endswith(".html") else name, "utf-8")
    origins = [item.origin for item in read([tmp_path]) if isinstance(item, Document)]
    assert origins == [str(tmp_path / name) for name in ["a/c.html", "a/deeper/d.txt", "b.txt"]]


def test_include_patterns_choose_the_files(tmp_path: Path) -> None:
    for name in ["keep/one.md", "keep/two.txt", "drop/three.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    by_name = read([tmp_path], SourceOptions(include=("*.md",)))
    assert [item.origin for item in by_name] == [
        str(tmp_path / "drop/three.md"),
        str(tmp_path / "keep/one.md"),
    ]
    by_path = read([tmp_path], SourceOptions(include=("keep/*",)))
    assert [item.origin for item in by_path] == [
        str(tmp_path / "keep/one.md"),
        str(tmp_path / "keep/two.txt"),
    ]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [error] = read([path])
    assert isinstance(error, DecodeError)
    assert error.source == str(path)
    assert "binary file" in error.reason


def test_undeclared_cp1252_text_is_decoded_right(tmp_path: Path) -> None:
    text = (
        "The minister’s “final offer” was rejected — talks in Genève will resume, "
        "a spokesman said at the café near the Palais des Nations.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only(read([path])).content == text


def test_undeclared_latin1_html_is_decoded_right(tmp_path: Path) -> None:
    page = (
        "<html><body><p>Le ministre a déclaré que les négociations à Genève étaient très difficiles.</p>"
        "<p>Élysée.</p></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("latin-1"))
    assert only(read([path])).content == page


def test_declared_charset_of_an_html_file_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Переговоры продолжатся.</p></body></html>'
    path = tmp_path / "russian.html"
    path.write_bytes(page.encode("koi8-r"))
    assert only(read([path])).content == page


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 300, encoding="utf-8")
    [error] = read([path], SourceOptions(max_file_bytes=1000))
    assert isinstance(error, TooLargeError)
    assert error.source == str(path)
    assert "1,500 bytes" in error.reason
    assert "1,000 bytes" in error.reason


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("<!DOCTYPE html>\n<html><body><p>Talks resume.</p></body></html>", "html"),
        ('{"text": "Talks resume."}\n{"text": "Ceasefire holds."}\n', "jsonl"),
        ("Talks resume\n\nDelegations met on Monday.\n", "text"),
    ],
)
def test_files_without_a_known_extension_are_sniffed(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "download"
    path.write_text(content, encoding="utf-8")
    documents = [item for item in read([path]) if isinstance(item, Document)]
    assert documents
    assert all(d.kind == ("text" if kind == "jsonl" else kind) for d in documents)
    assert [d.origin for d in documents] == ([f"{path}:1", f"{path}:2"] if kind == "jsonl" else [str(path)])


def test_a_feed_without_a_known_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes((FIXTURES / "atom.xml").read_bytes())
    items = read([path])
    assert [d.outlet for d in items if isinstance(d, Document)] == ["Observer Mission Bulletin"] * 2


def test_force_kind_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>Talks resume.</p></body></html>", encoding="utf-8")
    assert only(read([path])).kind == "text"
    assert only(read([path], SourceOptions(force_kind="html"))).kind == "html"


def test_an_unknown_forced_kind_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="pdf"):
        SourceOptions(force_kind="pdf")


def test_jsonl_good_lines() -> None:
    path = FIXTURES / "articles.jsonl"
    records = {
        number: json.loads(line)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("{") and '"url"' in line
    }
    documents = {d.origin: d for d in read([path]) if isinstance(d, Document)}
    for number, record in records.items():
        document = documents[f"{path}:{number}"]
        assert document.url == record["url"]
        assert document.title == record["title"]
        assert document.published is not None
        assert document.published.isoformat() == record["published"][:10]
        assert document.outlet == record.get("outlet")
        assert document.kind == ("text" if "text" in record else "html")
        assert document.content == record.get("text", record.get("html"))
    last = len(path.read_text(encoding="utf-8").splitlines())
    assert documents[f"{path}:{last}"].title is None


def test_jsonl_bad_lines_name_file_and_line_and_the_rest_is_read() -> None:
    path = FIXTURES / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(fragment: str) -> str:
        return f"{path}:{next(n for n, line in enumerate(lines, 1) if fragment in line)}"

    errors = {item.source: item for item in read([path]) if not isinstance(item, Document)}
    expected = {
        line_of("No body here"): (NoBodyError, '"text" or "html"'),
        line_of("missing comma"): (DecodeError, "not valid JSON"),
        line_of('["not"'): (DecodeError, "expected a JSON object, got an array"),
        line_of("sometime in May"): (DecodeError, "not an ISO 8601 date"),
        line_of('"title": 42'): (DecodeError, '"title" must be a string, got a number'),
    }
    assert set(errors) == set(expected)
    for source, (kind, reason) in expected.items():
        assert isinstance(errors[source], kind)
        assert reason in errors[source].reason


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "short"}) + "\n", encoding="utf-8"
    )
    first, second = read([path], SourceOptions(max_file_bytes=100))
    assert isinstance(first, TooLargeError)
    assert first.source == f"{path}:1"
    assert isinstance(second, Document)
    assert second.content == "short"


def test_inputs_are_read_in_order_and_errors_do_not_stop_the_run(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    items = read([FIXTURES / "titled.txt", missing, FIXTURES / "untitled.txt"])
    assert [type(item) for item in items] == [Document, NotFoundError, Document]


# --- inputs that must not stop a run ---------------------------------------------------


def test_the_size_limit_names_the_flag_that_raises_it(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 300, encoding="utf-8")
    [error] = read([path], SourceOptions(max_file_bytes=1000))
    assert "--max-bytes" in error.reason


def test_a_fifo_given_directly_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Opening a FIFO for reading waits for a writer: reaching the next input shows nothing hung.
    items = read([fifo, FIXTURES / "titled.txt"])
    assert isinstance(items[0], InputError) and not isinstance(items[0], Document)
    assert items[0].source == str(fifo)
    assert "not a regular file (a FIFO)" in items[0].reason
    assert isinstance(items[1], Document)


def test_a_fifo_in_a_directory_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks resumed in Doha on Sunday.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("Envoys met again on Monday.", encoding="utf-8")
    items = read([tmp_path])
    assert [type(i) for i in items] == [Document, SourceWarning, Document]
    assert str(items[1]) == f"{tmp_path / 'b.txt'}: skipped: not a regular file (a FIFO), so it is not read"


def test_a_symbolic_link_loop_is_named_as_one(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    [error] = read([loop])
    assert isinstance(error, InputError)
    assert error.source == str(loop)
    assert "loop of symbolic links" in error.reason
    assert "no such file" not in error.reason


def test_a_json_line_nested_thousands_deep_is_an_error_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"text": ' + "[" * 2000 + "]" * 2000 + "}"
    path.write_text(deep + "\n" + json.dumps({"text": "Talks resumed."}) + "\n", encoding="utf-8")
    first, second = read([path])
    assert isinstance(first, DecodeError)
    assert first.source == f"{path}:1"
    assert "nested too deeply" in first.reason
    assert isinstance(second, Document)


def test_a_json_error_message_says_at_once(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "Talks resumed', encoding="utf-8")
    [error, *_] = read([path])
    assert isinstance(error, DecodeError)
    assert "Unterminated string starting at column 10" in error.reason
    assert "at at" not in error.reason


def test_mostly_utf8_text_stays_utf8_with_the_bad_bytes_replaced_and_a_warning(tmp_path: Path) -> None:
    text = "The minister’s “final offer” was rejected, a spokesman said. “We will not sign,” he said.\n"
    path = tmp_path / "mixed.txt"
    # Two stray windows-1252 bytes (a curly quote and an ellipsis) in an otherwise UTF-8 file.
    path.write_bytes(text.encode("utf-8") + b"More \x93talks\x85 next week.\n")
    items = read([path])
    warnings = [i for i in items if isinstance(i, SourceWarning)]
    document = only([i for i in items if isinstance(i, Document)])
    assert document.content == text + "More \ufffdtalks\ufffd next week.\n"
    assert document.content.count("“") == 2
    assert [str(w) for w in warnings] == [
        f"{path}: 2 bytes that are not UTF-8 replaced by U+FFFD (the rest is UTF-8)"
    ]
