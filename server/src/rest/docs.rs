//! `/api/docs`: the API's reference, a page rendered on the server from the same OpenAPI
//! document tools read, so it never disagrees with it and needs nothing from the internet.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// The kinds of problem the API answers with, explained once (each `type` links here).
const PROBLEMS: [(&str, &str); 14] = [
    (
        "unauthorized",
        "401: no token, or one that is unknown, revoked or expired.",
    ),
    (
        "forbidden",
        "403: the token lacks the scope, or its person's role may not do this.",
    ),
    (
        "bad-request",
        "400: the request could not be read (its JSON, query or headers).",
    ),
    ("not-found", "404: no such item, workflow or campaign."),
    (
        "no-such-operation",
        "404: the path and method are not an operation of this API.",
    ),
    (
        "conflict",
        "409: it changed since the version you sent; read it again and retry.",
    ),
    (
        "idempotency-in-flight",
        "409: the first request with this Idempotency-Key is still running.",
    ),
    ("too-large", "413: the body is over 1 MB."),
    ("invalid", "422: a value does not fit; `field` names it."),
    (
        "refused",
        "422: the workflow refuses the operation; `reasons` lists every reason with its `kind`.",
    ),
    (
        "idempotency-key-reused",
        "422: this Idempotency-Key was used for a different request.",
    ),
    (
        "version-required",
        "428: send the version you last read (If-Match or `version`).",
    ),
    (
        "rate-limited",
        "429: too many requests from this token; wait Retry-After seconds.",
    ),
    (
        "internal",
        "500: Baton failed; nothing was changed. Tell your admin.",
    ),
];

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The name a `$ref` points at.
fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// A schema in a few words: `ApiItem`, `array of ApiItem`, `string (date-time)`.
fn type_words(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = ref_name(reference);
        return format!("<a href=\"#schema-{name}\">{name}</a>");
    }
    if let Some(any) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        let words: Vec<String> = any
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .map(type_words)
            .collect();
        return format!("{} or null", words.join(" or "));
    }
    let kind = match schema.get("type") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .filter(|k| *k != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".into(),
    };
    if kind == "array" {
        let items = schema.get("items").map(type_words).unwrap_or_default();
        return format!("array of {items}");
    }
    match schema.get("format").and_then(Value::as_str) {
        Some(format) => format!("{kind} ({format})"),
        None => kind,
    }
}

fn schema_table(out: &mut String, schema: &Value) {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let names: Vec<String> = values
                .iter()
                .map(|v| format!("<code>{}</code>", escape(&v.to_string())))
                .collect();
            out.push_str(&format!("<p>One of {}.</p>", names.join(", ")));
        }
        return;
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    out.push_str(
        "<table><thead><tr><th>Field</th><th>Type</th><th>What it is</th></tr></thead><tbody>",
    );
    for (name, property) in properties {
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        let mark = if required.contains(&name.as_str()) {
            " <span class=\"req\">required</span>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<tr><td><code>{}</code>{mark}</td><td>{}</td><td>{}</td></tr>",
            escape(name),
            type_words(property),
            escape(description)
        ));
    }
    out.push_str("</tbody></table>");
}

/// The reference page for `doc`.
pub fn page(doc: &utoipa::openapi::OpenApi) -> Response {
    let doc = serde_json::to_value(doc).unwrap_or_default();
    let mut out = String::new();
    let title = doc
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or("API");
    let version = doc
        .pointer("/info/version")
        .and_then(Value::as_str)
        .unwrap_or("");
    let intro = doc
        .pointer("/info/description")
        .and_then(Value::as_str)
        .unwrap_or("");
    out.push_str(&format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} reference</title><style>{STYLE}</style></head><body><main>\
         <p><a href=\"/board\">← Back to Baton</a></p><h1>{} {}</h1>",
        escape(title),
        escape(title),
        escape(version)
    ));
    for paragraph in intro.split("\n\n") {
        out.push_str(&format!("<p>{}</p>", escape(paragraph)));
    }
    out.push_str("<p>Machine-readable: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> (OpenAPI 3.1). Base address: <code>/api/v1</code>. Make a token on <a href=\"/profile\">your profile</a>.</p>");
    out.push_str("<h2 id=\"operations\">Operations</h2>");
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (path, item) in &paths {
        let Some(methods) = item.as_object() else {
            continue;
        };
        for (method, op) in methods {
            let id = op.get("operationId").and_then(Value::as_str).unwrap_or("");
            let summary = op.get("summary").and_then(Value::as_str).unwrap_or("");
            let scopes: Vec<String> = op
                .get("security")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| s.get("token").and_then(Value::as_array))
                .flatten()
                .filter_map(Value::as_str)
                .map(|s| format!("<code>{}</code>", escape(s)))
                .collect();
            out.push_str(&format!(
                "<section class=\"op\" id=\"op-{}\"><h3><span class=\"method {}\">{}</span> <code>{}</code></h3><p>{}</p>",
                escape(id),
                escape(method),
                escape(&method.to_uppercase()),
                escape(path),
                escape(summary)
            ));
            if let Some(description) = op.get("description").and_then(Value::as_str) {
                out.push_str(&format!("<p>{}</p>", escape(description)));
            }
            out.push_str(&format!(
                "<p class=\"meta\">Scope: {} · Operation id: <code>{}</code></p>",
                scopes.join(", "),
                escape(id)
            ));
            if let Some(params) = op.get("parameters").and_then(Value::as_array) {
                out.push_str("<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>What it is</th></tr></thead><tbody>");
                for p in params {
                    let name = p.get("name").and_then(Value::as_str).unwrap_or("");
                    let place = p.get("in").and_then(Value::as_str).unwrap_or("");
                    let description = p.get("description").and_then(Value::as_str).unwrap_or("");
                    let kind = p.get("schema").map(type_words).unwrap_or_default();
                    out.push_str(&format!(
                        "<tr><td><code>{}</code></td><td>{}</td><td>{kind}</td><td>{}</td></tr>",
                        escape(name),
                        escape(place),
                        escape(description)
                    ));
                }
                out.push_str("</tbody></table>");
            }
            if let Some(body) = op.pointer("/requestBody/content/application~1json/schema") {
                out.push_str(&format!("<p>Body: {}</p>", type_words(body)));
            }
            let answers: Vec<String> = op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(status, _)| status.starts_with('2'))
                .map(|(status, r)| {
                    let schema = r
                        .pointer("/content/application~1json/schema")
                        .map(type_words)
                        .unwrap_or_default();
                    format!("<code>{status}</code> {schema}")
                })
                .collect();
            out.push_str(&format!(
                "<p>Answers: {}; problems as below.</p></section>",
                answers.join(", ")
            ));
        }
    }
    out.push_str("<h2 id=\"problems\">Problems</h2><p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code> and <code>detail</code> in plain words.</p><dl>");
    for (slug, words) in PROBLEMS {
        out.push_str(&format!(
            "<dt id=\"problem-{slug}\"><code>/api/docs#problem-{slug}</code></dt><dd>{}</dd>",
            escape(words)
        ));
    }
    out.push_str("</dl><h2 id=\"schemas\">Schemas</h2>");
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (name, schema) in &schemas {
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        out.push_str(&format!(
            "<section id=\"schema-{}\"><h3>{}</h3><p>{}</p>",
            escape(name),
            escape(name),
            escape(description)
        ));
        schema_table(&mut out, schema);
        out.push_str("</section>");
    }
    out.push_str("</main></body></html>");
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], out).into_response();
    // The page's own styles are inline; nothing else may load.
    if let Ok(policy) = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'".parse() {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1e293b;background:#f8fafc}\
main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #cbd5e1}\
.op,section{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-top:1px solid #e2e8f0;vertical-align:top}\
code{font-family:ui-monospace,monospace;font-size:.9em}.method{display:inline-block;min-width:4rem;font-size:.8rem;padding:.1rem .4rem;border-radius:.25rem;color:#fff;background:#475569}\
.get{background:#0369a1}.post{background:#15803d}.patch{background:#b45309}.meta{color:#475569;font-size:.85rem}.req{color:#b91c1c;font-size:.75rem}\
a{color:#4338ca}@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}.op,section{background:#1e293b;border-color:#334155}a{color:#a5b4fc}}";
