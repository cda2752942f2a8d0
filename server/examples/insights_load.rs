//! The insights benchmark's client: signs in, then asks for /insights one request at a
//! time (so each time is the server's alone) and prints p50 / p95 / max per query.
//!
//! ```text
//! cargo run --release -p baton --example insights_load -- BASE_URL [ROUNDS]
//! ```

use std::time::Instant;

use serde_json::json;

const EMAIL: &str = "maya@northwind.example";
const PASSWORD: &str = "northwind-demo-2026";

fn percentile(sorted: &[f64], p: usize) -> f64 {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, rest @ ..] = args.as_slice() else {
        return Err("usage: insights_load BASE_URL [ROUNDS]".into());
    };
    let rounds: usize = rest.first().map_or(Ok(40), |s| s.parse())?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let signed_in = client
        .post(format!("{base}/api/sign_in"))
        .header("origin", base.as_str())
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await?;
    if signed_in.cookies().all(|c| c.name() != "baton_session") {
        return Err(format!("sign-in failed: {}", signed_in.status()).into());
    }
    let queries = [
        (
            "12 weeks",
            json!({ "workflow": "content-production", "weeks": 12 }),
        ),
        (
            "12 weeks against the 12 before",
            json!({ "workflow": "content-production", "weeks": 12, "compare": true }),
        ),
        (
            "52 weeks",
            json!({ "workflow": "content-production", "weeks": 52 }),
        ),
        (
            "all workflows, 12 weeks",
            json!({ "workflow": "all", "weeks": 12 }),
        ),
    ];
    for (name, query) in queries {
        let mut times = Vec::new();
        let mut bytes = 0;
        let mut first = 0.0;
        // One request to warm the caches a running server has warm anyway.
        for round in 0..=rounds {
            let started = Instant::now();
            let answer = client
                .post(format!("{base}/api/get_insights"))
                .header("origin", base.as_str())
                .json(&json!({ "query": query }))
                .send()
                .await?;
            let status = answer.status();
            let body = answer.bytes().await?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            if !status.is_success() {
                return Err(format!("{name}: {status} {}", String::from_utf8_lossy(&body)).into());
            }
            bytes = body.len();
            if round > 0 {
                times.push(ms);
            } else {
                first = ms;
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "/insights, {name}: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms ({} requests, {} KB answer; the first, cold: {first:.0} ms)",
            percentile(&times, 50),
            percentile(&times, 95),
            times.last().copied().unwrap_or(0.0),
            times.len(),
            bytes / 1024
        );
    }
    let started = Instant::now();
    let csv = client
        .get(format!(
            "{base}/insights/export/events?workflow=content-production&weeks=4"
        ))
        .send()
        .await?
        .bytes()
        .await?;
    println!(
        "events CSV of 4 weeks: {:.0} ms, {} KB",
        started.elapsed().as_secs_f64() * 1000.0,
        csv.len() / 1024
    );
    Ok(())
}
