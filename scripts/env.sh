# Sourced by the other scripts: puts the installed tools on PATH.
# cargo-leptos (built with no_downloads) looks for wasm-bindgen, wasm-opt and
# tailwindcss on PATH instead of downloading them.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# The name cargo-leptos gives the bundle; set for plain cargo commands too, so
# they compile Leptos exactly as cargo-leptos does and share its build cache.
export LEPTOS_OUTPUT_NAME=baton
# The bundled SQLite without its memory statistics: with them every allocation takes a
# global mutex, which the worker thread that steps a query and the thread that drops its
# rows fight over. Measured with scripts/bench-insights (50,000 finished items): /insights
# for 12 weeks went from p50 114 / p95 146 ms to 98 / 115, 52 weeks from 385 / 525 to
# 283 / 320. Set here so every build (cargo-leptos's too) compiles SQLite the same way.
export LIBSQLITE3_FLAGS="${LIBSQLITE3_FLAGS:--DSQLITE_DEFAULT_MEMSTATUS=0}"
# Incremental compilation caches grow by gigabytes per edit-build cycle and do
# not help a one-shot build; developers who want them can unset this.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The Python the tests start their counterparts with (scripts/setup --browser makes it).
export BATON_TEST_PYTHON="${BATON_TEST_PYTHON:-$PWD/target/test-tools/python/bin/python}"
