//! The webhook sender inside the server: posts each due delivery, signed the Standard
//! Webhooks way, to an address it checked again after resolving it, and records how it went.
//! Deliveries live in the database, so a restart picks up each one at the attempt it had
//! reached.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use app::auth::signature;
use app::domain::outbound::chat::{self, Flavor};
use app::domain::outbound::check_resolved;
use app::service::webhooks::{self, Outgoing, Tried};
use app::state::AppState;
use chrono::{DateTime, Utc};
use url::{Host, Url};

/// Longest wait between two looks at what is due.
pub const EVERY: Duration = Duration::from_secs(1);
/// How long a receiver has to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How many deliveries go out at once.
pub const AT_ONCE: u32 = 16;

/// Runs until the server stops.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match deliver_due(&state, Utc::now()).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "webhook sender failed; it tries again"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// Posts every delivery due by `now` (up to [`AT_ONCE`], side by side) and records each;
/// returns how many were tried.
pub async fn deliver_due(state: &AppState, now: DateTime<Utc>) -> app::AppResult<usize> {
    let due = webhooks::due(&state.db, now, AT_ONCE).await?;
    let allow_private = state.settings.webhooks_allow_private;
    let base = state.settings.links().base;
    let mut posts = tokio::task::JoinSet::new();
    for out in due {
        let base = base.clone();
        posts.spawn(async move {
            let tried = post(&out, allow_private, &base, now).await;
            (out, tried)
        });
    }
    let mut tried_count = 0;
    while let Some(done) = posts.join_next().await {
        let Ok((out, tried)) = done else { continue };
        tried_count += 1;
        if let Err(err) = webhooks::record(&state.db, &out, &tried, jitter(&out)).await {
            tracing::warn!(error = %err, delivery = out.delivery, "could not record a webhook attempt");
        }
    }
    Ok(tried_count)
}

/// A number in 0..1 that differs from delivery to delivery, so retries of many deliveries
/// that failed together spread out.
fn jitter(out: &Outgoing) -> f64 {
    let mixed = (out.delivery as u64)
        .wrapping_mul(2_654_435_761)
        .wrapping_add(u64::from(out.attempt).wrapping_mul(40_503));
    (mixed % 1_000) as f64 / 1_000.0
}

/// Makes one attempt, signed and recorded as made at `at`; a chat channel gets the event as
/// a chat message with links under `base`, unsigned.
pub async fn post(out: &Outgoing, allow_private: bool, base: &str, at: DateTime<Utc>) -> Tried {
    let started = Instant::now();
    let result = attempt(out, allow_private, base, at).await;
    let duration_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    match result {
        Ok((status, retry_after)) => Tried {
            at,
            status: Some(status),
            error: (!(200..300).contains(&status)).then(|| format!("It answered {status}.")),
            duration_ms,
            retry_after,
        },
        Err(error) => Tried {
            at,
            status: None,
            error: Some(error),
            duration_ms,
            retry_after: None,
        },
    }
}

async fn attempt(
    out: &Outgoing,
    allow_private: bool,
    base: &str,
    at: DateTime<Utc>,
) -> Result<(u16, Option<String>), String> {
    let url = Url::parse(&out.url).map_err(|_| "The address can no longer be read.".to_owned())?;
    let port = url.port_or_known_default().unwrap_or(443);
    let (name, addresses): (Option<String>, Vec<SocketAddr>) = match url.host() {
        Some(Host::Ipv4(ip)) => (None, vec![SocketAddr::new(IpAddr::V4(ip), port)]),
        Some(Host::Ipv6(ip)) => (None, vec![SocketAddr::new(IpAddr::V6(ip), port)]),
        Some(Host::Domain(name)) => {
            let found = tokio::net::lookup_host((name, port))
                .await
                .map_err(|_| format!("The name {name} could not be resolved."))?
                .collect::<Vec<_>>();
            (Some(name.to_owned()), found)
        }
        None => return Err("The address has no host.".to_owned()),
    };
    if addresses.is_empty() {
        return Err("The address resolved to nothing.".to_owned());
    }
    let ips: Vec<IpAddr> = addresses.iter().map(|a| a.ip()).collect();
    check_resolved(&ips, allow_private).map_err(|p| p.message())?;
    // Connect only to the addresses just checked: a second lookup could answer otherwise.
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .user_agent(concat!("Baton-Webhooks/", env!("CARGO_PKG_VERSION")));
    if let Some(name) = &name {
        client = client.resolve_to_addrs(name, &addresses);
    }
    let client = client
        .build()
        .map_err(|e| format!("Baton could not prepare the request: {e}"))?;
    let request = match out.flavor {
        Flavor::Chat => {
            let envelope: serde_json::Value =
                serde_json::from_str(&out.body).unwrap_or(serde_json::Value::Null);
            client
                .post(url)
                .header("content-type", "application/json")
                .body(chat::message(&envelope, base).to_string())
        }
        Flavor::Standard => {
            let timestamp = at.timestamp();
            let signatures: Vec<String> = out
                .secrets
                .iter()
                .filter_map(|s| signature::sign(s, &out.message_id, timestamp, out.body.as_bytes()))
                .collect();
            client
                .post(url)
                .header("content-type", "application/json")
                .header("webhook-id", &out.message_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", signatures.join(" "))
                .body(out.body.clone())
        }
    };
    let answer = request.send().await.map_err(|e| {
        if e.is_timeout() {
            format!("No answer within {} seconds.", TIMEOUT.as_secs())
        } else if e.is_connect() {
            "The receiver refused the connection or could not be reached.".to_owned()
        } else {
            "The request failed before an answer came.".to_owned()
        }
    })?;
    let retry_after = answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok((answer.status().as_u16(), retry_after))
}
