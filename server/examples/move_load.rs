//! The board benchmark's movers: N concurrent people each moving their own cards back one
//! stage through `/api/move_card`, timing every move from request to parsed answer.
//!
//! A compiled client, so that on a two-core machine the load generator does not take the
//! cores the server is being measured on (Node's fetch cost more CPU per request than the
//! move it was timing).
//!
//! ```text
//! cargo run --release -p baton --example move_load -- BASE_URL IDS_JSON [MOVERS] [MOVES]
//! ```
//! IDS_JSON is what `seed_board` printed: seeded card ids per stage. The movers take cards
//! from "scheduled" and move them to "seo-technical" (a move back, which no gate stops).

use std::time::Instant;

use serde_json::{json, Value};

const EMAIL: &str = "maya@northwind.example";
const PASSWORD: &str = "northwind-demo-2026";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, ids_file, rest @ ..] = args.as_slice() else {
        return Err("usage: move_load BASE_URL IDS_JSON [MOVERS] [MOVES]".into());
    };
    let movers: usize = rest.first().map_or(Ok(20), |s| s.parse())?;
    let total: usize = rest.get(1).map_or(Ok(500), |s| s.parse())?;
    let per_mover = total / movers;

    let ids: Value = serde_json::from_str(&std::fs::read_to_string(ids_file)?)?;
    let cards: Vec<i64> = ids["scheduled"]
        .as_array()
        .ok_or("no seeded cards in Scheduled")?
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    if cards.len() < movers * per_mover {
        return Err(format!(
            "{} seeded cards in Scheduled, {} needed",
            cards.len(),
            movers * per_mover
        )
        .into());
    }

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

    let started = Instant::now();
    let mut tasks = Vec::new();
    for share in cards.chunks(per_mover).take(movers) {
        let (client, base, share) = (client.clone(), base.clone(), share.to_vec());
        tasks.push(tokio::spawn(async move {
            let mut timings = Vec::with_capacity(share.len());
            let mut not_moved = 0;
            for id in share {
                let t0 = Instant::now();
                let answer: Value = client
                    .post(format!("{base}/api/move_card"))
                    .header("origin", base.as_str())
                    .json(&json!({ "id": id, "version": 1, "stage": "seo-technical" }))
                    .send()
                    .await?
                    .json()
                    .await?;
                timings.push(t0.elapsed().as_secs_f64() * 1000.0);
                if answer["outcome"] != "moved" {
                    not_moved += 1;
                }
            }
            Ok::<_, reqwest::Error>((timings, not_moved))
        }));
    }
    let mut timings = Vec::new();
    let mut not_moved = 0;
    for task in tasks {
        let (t, n) = task.await??;
        timings.extend(t);
        not_moved += n;
    }
    let wall = started.elapsed().as_secs_f64();
    timings.sort_by(f64::total_cmp);
    let pct =
        |p: f64| timings[(((p / 100.0) * timings.len() as f64) as usize).min(timings.len() - 1)];
    println!(
        "Card move under {movers} concurrent movers: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms \
         ({} moves, {not_moved} not moved, {:.0} moves/s)",
        pct(50.0),
        pct(95.0),
        timings.last().copied().unwrap_or(0.0),
        timings.len(),
        timings.len() as f64 / wall,
    );
    Ok(())
}
