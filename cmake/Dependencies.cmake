# Finds ctimeline's dependencies. Each failure names the Debian package that
# provides the missing piece, so a newcomer knows what to install
# (scripts/install-deps does it for them).

find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config'")
endif()

# Graphviz 2.42 reports itself as 2.43.0: check "at least", never "equals".
pkg_check_modules(GVC IMPORTED_TARGET libgvc>=2.40 libcgraph>=2.40)
if(NOT GVC_FOUND)
  message(FATAL_ERROR "Graphviz libraries (libgvc, libcgraph) not found: install the Debian package 'libgraphviz-dev'")
endif()

pkg_check_modules(CJSON IMPORTED_TARGET libcjson>=1.7)
if(NOT CJSON_FOUND)
  message(FATAL_ERROR "cJSON not found: install the Debian package 'libcjson-dev'")
endif()

# libcsv ships no .pc file.
find_path(CSV_INCLUDE_DIR csv.h)
find_library(CSV_LIBRARY csv)
if(NOT CSV_INCLUDE_DIR OR NOT CSV_LIBRARY)
  message(FATAL_ERROR "libcsv not found: install the Debian package 'libcsv-dev'")
endif()

# mimalloc for the command-line tool: the pipeline allocates and frees small
# strings by the million, on several threads (bench/README.md, 2026-12-04).
# Sanitizer builds keep glibc's malloc, which the sanitizers replace.
set(CTL_USE_MIMALLOC OFF)
if(CTIMELINE_MIMALLOC AND NOT CTIMELINE_SANITIZE AND NOT CTIMELINE_TSAN)
  find_package(mimalloc CONFIG QUIET)
  if(NOT mimalloc_FOUND)
    message(FATAL_ERROR "mimalloc not found: install the Debian package 'libmimalloc-dev' (or configure with -DCTIMELINE_MIMALLOC=OFF)")
  endif()
  set(CTL_USE_MIMALLOC ON)
endif()

if(CTIMELINE_TESTS)
  find_path(CMOCKA_INCLUDE_DIR cmocka.h)
  find_library(CMOCKA_LIBRARY cmocka)
  if(NOT CMOCKA_INCLUDE_DIR OR NOT CMOCKA_LIBRARY)
    message(FATAL_ERROR "cmocka not found: install the Debian package 'libcmocka-dev' (or configure with -DCTIMELINE_TESTS=OFF)")
  endif()
endif()
