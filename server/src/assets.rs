//! The browser bundle under `/pkg`: the WASM chunks, their JS glue and the stylesheet.
//!
//! A release build (`cargo leptos build --release --precompress`) writes a `.br` and a `.gz`
//! beside each file; the one the browser accepts is sent as it is, with its
//! `Content-Encoding`, so nothing is compressed per request. With hashed names
//! (`hash-files`), a name changes whenever its content does, so a browser may keep a file
//! for a year without asking again; unhashed names (a build without hashes) are revalidated
//! each time.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

/// How long a browser keeps a file whose name carries its content's hash.
const HASHED: &str = "public, max-age=31536000, immutable";
/// A file whose name stays the same across builds: asked again every time.
const UNHASHED: &str = "no-cache";

/// `/pkg/…` served from the site's package folder.
pub fn router<S: Clone + Send + Sync + 'static>(
    options: &leptos::prelude::LeptosOptions,
) -> Router<S> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let policy = if options.hash_files { HASHED } else { UNHASHED };
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            cache_for(policy, req, next)
        }))
}

/// Sets the caching policy on files found; a miss (404) is never cached.
async fn cache_for(policy: &'static str, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
