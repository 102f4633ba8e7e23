# The command line: help, version, usage errors, exit codes, error messages.
. "$(dirname "$0")/harness.bash"

expect_exit 0 "--help" -- "$BIN" --help
expect_in "$TMP/out" "usage: ctimeline <command>" "--help shows usage"
expect_in "$TMP/out" "extract" "--help lists extract"
expect_in "$TMP/out" "exit status" "--help documents exit codes"
expect_exit 0 "--version" -- "$BIN" --version
expect_in "$TMP/out" "ctimeline " "--version"
expect_exit 2 "no command" -- "$BIN"
expect_exit 2 "unknown command" -- "$BIN" frobnicate
expect_in "$TMP/err" "ctimeline: 'frobnicate' is not a command" "unknown command message"

for cmd in extract clean; do
  expect_exit 0 "$cmd --help" -- "$BIN" $cmd --help
  expect_in "$TMP/out" "usage: ctimeline $cmd" "$cmd --help"
  expect_exit 2 "$cmd without input" -- "$BIN" $cmd
  expect_exit 2 "$cmd with a bad option" -- "$BIN" $cmd --no-such-option "$SRC/seeds"
  expect_lines "$TMP/err" 1 "$cmd usage error is one line"
  expect_in "$TMP/err" "ctimeline: $cmd: unknown option or missing value: '--no-such-option'" "$cmd bad option message"
done
expect_exit 2 "bad --dct" -- "$BIN" extract --dct nodate "$SRC/seeds"
expect_in "$TMP/err" "--dct takes FILE=YYYY-MM-DD" "bad --dct message"
expect_exit 2 "bad --max-doc-bytes" -- "$BIN" extract --max-doc-bytes lots "$SRC/seeds"

# runtime failures: exit 1, one line naming the file and the problem
expect_exit 1 "missing input" -- "$BIN" extract "$TMP/nope.txt"
expect_in "$TMP/err" "ctimeline: $TMP/nope.txt: no such file or directory" "missing input message"
expect_lines "$TMP/err" 1 "missing input is one line"
mkdir "$TMP/empty"
expect_exit 1 "directory without articles" -- "$BIN" extract "$TMP/empty"
expect_in "$TMP/err" "no *.txt articles" "empty directory message"
head -c 4096 /dev/urandom >"$TMP/binary.txt"
expect_exit 1 "binary input" -- "$BIN" extract "$TMP/binary.txt"
expect_in "$TMP/err" "binary.txt: binary file, not text" "binary message"
expect_exit 1 "too large" -- "$BIN" extract --max-doc-bytes 1K "$SRC/seeds/000_53e12349ee943d46.txt"
expect_in "$TMP/err" "per-document limit" "limit message"
expect_exit 1 "missing data dir" -- "$BIN" extract --data-dir "$TMP/nodata" "$SRC/seeds"
expect_in "$TMP/err" "data directory not found" "data dir message"
expect_exit 1 "output directory missing" -- "$BIN" extract -o "$TMP/no/such/dir/out.json" "$SRC/seeds"
expect_in "$TMP/err" "directory does not exist" "output directory message"
expect_exit 1 "output is a directory" -- "$BIN" extract -o "$TMP" "$SRC/seeds"
expect_in "$TMP/err" "is a directory" "output directory is a directory"
if [ -w /dev/full ]; then
  expect_exit 1 "full disk on stdout" -- sh -c "\"$BIN\" extract \"$SRC/seeds\" >/dev/full"
  expect_in "$TMP/err" "write failed" "full disk message"
fi

# an existing output survives a failed run, and no temporary file is left
echo keep >"$TMP/events.json"
expect_exit 1 "failed run keeps old output" -- "$BIN" extract -o "$TMP/events.json" "$TMP/nope.txt"
expect_in "$TMP/events.json" "keep" "old output intact"
[ "$(ls -A "$TMP" | grep -c tmp)" -eq 0 ] && ok || ko "temporary file left behind"

# invalid UTF-8 is an error naming the file and the first bad byte; with
# --lenient it is replaced and reported once
printf 'Headline here\n\nA sentence with a bad byte \xff in it, and more words to make it a body line.\n' >"$TMP/bad.txt"
expect_exit 1 "invalid UTF-8" -- "$BIN" extract "$TMP/bad.txt"
expect_in "$TMP/err" "bad.txt: not valid UTF-8 text: 1 bad bytes, the first at byte 42" "invalid UTF-8 message"
expect_lines "$TMP/err" 1 "invalid UTF-8 message is one line"
expect_exit 0 "invalid UTF-8 repaired with --lenient" -- "$BIN" extract --lenient "$TMP/bad.txt"
expect_in "$TMP/err" "bad.txt: warning: 1 bytes of invalid UTF-8 replaced" "invalid UTF-8 warning"
# an empty file is an error; with --lenient, a document with nothing in it
: >"$TMP/empty.txt"
expect_exit 1 "empty article" -- "$BIN" extract "$TMP/empty.txt"
expect_in "$TMP/err" "empty.txt: empty article" "empty article message"
expect_exit 0 "empty article with --lenient" -- "$BIN" extract --lenient "$TMP/empty.txt"
expect_in "$TMP/out" '"id":	"empty"' "empty article listed"
# stdin
expect_exit 0 "stdin" -- sh -c "\"$BIN\" extract - <\"$SRC/seeds/002_bc849348ce8e31ef.txt\""
expect_in "$TMP/out" '"path":	"-"' "stdin document"
finish
