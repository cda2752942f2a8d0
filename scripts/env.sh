# Sourced by the other scripts: puts the installed tools on PATH.
# cargo-leptos (built with no_downloads) looks for wasm-bindgen, wasm-opt and
# tailwindcss on PATH instead of downloading them.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# The name cargo-leptos gives the bundle; set for plain cargo commands too, so
# they compile Leptos exactly as cargo-leptos does and share its build cache.
export LEPTOS_OUTPUT_NAME=baton
# Incremental compilation caches grow by gigabytes per edit-build cycle and do
# not help a one-shot build; developers who want them can unset this.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The Python the tests start their counterparts with (scripts/setup --browser makes it).
export BATON_TEST_PYTHON="${BATON_TEST_PYTHON:-$PWD/target/test-tools/python/bin/python}"
