# Shared by the command-line tests (tests/cli/<name>.sh BIN SRCDIR).
# Each test script sources this, calls the check helpers, then `finish`.
set -u
BIN=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect_exit CODE DESCRIPTION -- command...   (stdout/stderr kept in $TMP/out, $TMP/err)
expect_exit() {
  local want=$1 what=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else ko "$what: exit $got, wanted $want; stderr: $(head -c 300 "$TMP/err")"; fi
}

# expect_fast SECONDS WANT DESCRIPTION -- command...: as expect_exit, bounded
# in time (SECONDS times $CTL_TIME_FACTOR, for slow builds such as ASan)
expect_fast() {
  local secs=$(($1 * ${CTL_TIME_FACTOR:-1})) want=$2 what=$3; shift 4
  local t0=$SECONDS
  timeout "$secs" "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq 124 ]; then ko "$what: not done within $secs s"; return; fi
  if [ "$got" -eq "$want" ]; then ok; else ko "$what: exit $got, wanted $want; stderr: $(head -c 300 "$TMP/err")"; fi
  echo "  $what: $((SECONDS - t0)) s" >&2
}

# expect_in FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string)
expect_in() { if grep -qF -- "$2" "$1"; then ok; else ko "$3: '$2' not in $(basename "$1")"; fi; }
expect_not_in() { if grep -qF -- "$2" "$1"; then ko "$3: '$2' found in $(basename "$1")"; else ok; fi; }
# expect_lines FILE N DESCRIPTION: FILE has exactly N lines
expect_lines() { local n; n=$(wc -l <"$1"); if [ "$n" -eq "$2" ]; then ok; else ko "$3: $n lines, wanted $2"; fi; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
