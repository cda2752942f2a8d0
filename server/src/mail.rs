//! The mail sender inside the server: folds due notifications into messages, makes the
//! daily digests, and hands what is due to the SMTP server, recording each attempt. Messages
//! live in the database, so a restart picks up each one at the attempt it had reached; the
//! Message-ID is the same on every attempt, so a message a crash made Baton send twice is one
//! message to the receiving mail system.

use std::time::Duration;

use app::db::mail::Outgoing;
use app::domain::outbound::mail::{SmtpTarget, Tls};
use app::service::mail::{self as mail_service, Links};
use app::state::AppState;
use chrono::{DateTime, Utc};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls as SmtpTls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Longest wait between two looks at what is due.
pub const EVERY: Duration = Duration::from_secs(2);
/// How long the SMTP server has for one message.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// How many messages one pass sends.
pub const AT_ONCE: i64 = 20;

/// An SMTP connection recipe and the From address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The host in Message-IDs.
    domain: String,
}

impl Mailer {
    /// Builds the transport for `target`; the problem in words when it can't be.
    pub fn new(target: &SmtpTarget, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|_| format!("has a From address Baton can't read: {from}"))?;
        let tls_for = |host: &str| {
            TlsParameters::new(host.to_string())
                .map_err(|e| format!("can't set up TLS for {host}: {e}"))
        };
        let tls = match target.tls {
            Tls::Implicit => SmtpTls::Wrapper(tls_for(&target.host)?),
            Tls::StartTls => SmtpTls::Required(tls_for(&target.host)?),
            Tls::Opportunistic => match tls_for(&target.host) {
                Ok(params) => SmtpTls::Opportunistic(params),
                Err(_) => SmtpTls::None,
            },
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&target.host)
            .port(target.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some((user, password)) = &target.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let domain = from.email.domain().to_string();
        Ok(Mailer {
            transport: builder.build(),
            from,
            domain,
        })
    }

    /// The message as it goes over the wire; `Err` when it can never be sent (a bad address).
    pub fn message(&self, out: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = out
            .to
            .parse()
            .map_err(|_| format!("'{}' is not an address Baton can send to.", out.to))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(out.subject.clone())
            .message_id(Some(format!("<baton-{}@{}>", out.id, self.domain)));
        if let Some(url) = &out.unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                out.text.clone(),
                out.html.clone(),
            ))
            .map_err(|e| format!("The message could not be put together: {e}"))
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): mail apps may POST to
/// the address to unsubscribe in one click.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// Starts the sender; runs until the server stops.
pub fn spawn(
    state: AppState,
    target: &SmtpTarget,
    from: &str,
) -> Result<tokio::task::JoinHandle<()>, String> {
    let mailer = Mailer::new(target, from)?;
    tracing::info!(server = %target.describe(), "Baton sends email");
    Ok(tokio::spawn(async move {
        let links = state.settings.links();
        loop {
            match run_once(&state, &mailer, &links, Utc::now()).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "mail sender failed; it tries again"),
            }
            tokio::time::sleep(EVERY).await;
        }
    }))
}

/// One pass at `now`: compose what is due, make digests, send up to [`AT_ONCE`] messages.
/// Returns how many were tried.
pub async fn run_once(
    state: &AppState,
    mailer: &Mailer,
    links: &Links,
    now: DateTime<Utc>,
) -> app::AppResult<usize> {
    mail_service::compose(&state.db, links, now).await?;
    mail_service::digests(&state.db, links, now).await?;
    let due = mail_service::due(&state.db, now, AT_ONCE).await?;
    let tried = due.len();
    for out in due {
        let result = match mailer.message(&out) {
            Ok(message) => mailer
                .transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (describe(&e), e.is_permanent())),
            Err(problem) => Err((problem, true)),
        };
        match result {
            Ok(()) => mail_service::record_sent(&state.db, out.id, now).await?,
            Err((error, permanent)) => {
                tracing::warn!(message = out.id, %error, "an email was not accepted");
                mail_service::record_failed(&state.db, &out, &error, permanent, now).await?;
            }
        }
    }
    Ok(tried)
}

/// What went wrong, in words an admin can act on.
fn describe(err: &lettre::transport::smtp::Error) -> String {
    use std::error::Error as _;
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
