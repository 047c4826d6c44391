"""The persistent cache: what reading a file produced, kept by the file's content between runs.

A pre-commit hook lints one changed file, but a routing finding needs the file's whole
organization, and the project holds many others. The cache knows each file's organization
without parsing it again (by its content, or by its unchanged status), so a run reads only the
files of the organizations it reports on; and it keeps the parsed document and schema findings of
a file linted a second time with the same content (the first time only its organization is
noted: a run in CI, which never sees its cache again, pays almost nothing for it).

    <folder>/.gitignore, CACHEDIR.TAG
    <folder>/<namespace>/index             organizations by content key, content keys by file status
    <folder>/<namespace>/index.<random>    what one process learned, merged into `index` by the run
    <folder>/<namespace>/documents/<key>   one file's parsed document and schema findings

`store` is the cache a run opens; `namespace` names what an entry depends on besides the file's
bytes; `seal` makes every cache file tamper-evident and reads it back as plain values only;
`codec` turns a parsed document into plain values and back. The cache only ever saves work:
whatever it holds, a run reports what it would report without it.
"""

FOLDER = ".exchange-lint-cache"
