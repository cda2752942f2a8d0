//! For `scripts/bench-automation`: how long it took from each change to the run of the rule
//! it set off (the run's time minus the event's), read from the database afterwards.
//!
//! `cargo run --release -p app --features ssr --example automation_latency -- sqlite:///tmp/bench.db`

use app::db::{self, Db};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: automation_latency DATABASE_URL")?;
    let db = Db::open(db::connect_options(&url)?).await?;
    let mut conn = db.read.acquire().await?;
    let mut millis = db::automation::run_latencies(&mut conn).await?;
    let waiting = db::automation::waiting_count(&mut conn).await?;
    drop(conn);
    db.close().await;
    if millis.is_empty() {
        return Err("no rule runs were recorded".into());
    }
    millis.sort_unstable();
    let at =
        |q: f64| millis[((millis.len() as f64 * q).ceil() as usize).clamp(1, millis.len()) - 1];
    println!(
        "change → rule applied: {} runs, p50 {} ms, p95 {} ms, max {} ms ({} signals still waiting)",
        millis.len(),
        at(0.50),
        at(0.95),
        millis[millis.len() - 1],
        waiting
    );
    Ok(())
}
