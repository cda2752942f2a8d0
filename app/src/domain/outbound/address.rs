//! Which addresses an outbound webhook may call. Baton posts to addresses an admin types,
//! so without this guard it could be pointed at its own network (a database port, a cloud
//! metadata service). Names are checked twice: here for what the address says, and by
//! [`check_resolved`] for every address the name resolves to when a delivery is made.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::domain::limits;

/// Where an IP address leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The public internet.
    Public,
    /// This machine (127.0.0.0/8, ::1, `localhost`).
    Loopback,
    /// A private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7).
    Private,
    /// A link-local address (169.254/16 — where cloud metadata services answer — fe80::/10).
    LinkLocal,
    /// Not a place to send anything (unspecified, broadcast, multicast, documentation,
    /// benchmarking and other reserved ranges).
    Reserved,
}

impl Reach {
    /// Classifies an address; IPv4 addresses inside IPv6 (mapped, NAT64) count as the IPv4.
    pub fn of(ip: IpAddr) -> Reach {
        match ip {
            IpAddr::V4(v4) => of_v4(v4),
            IpAddr::V6(v6) => of_v6(v6),
        }
    }

    /// Whether a webhook may go there on a server that does not allow private targets.
    pub fn is_public(self) -> bool {
        self == Reach::Public
    }

    fn words(self) -> &'static str {
        match self {
            Reach::Public => "a public address",
            Reach::Loopback => "this server itself",
            Reach::Private => "a private network address",
            Reach::LinkLocal => "a link-local address",
            Reach::Reserved => "a reserved address",
        }
    }
}

fn of_v4(ip: Ipv4Addr) -> Reach {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        Reach::Loopback
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        Reach::Private
    } else if ip.is_link_local() {
        Reach::LinkLocal
    } else if a == 0
        || a >= 224
        || ip.is_documentation()
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        Reach::Reserved
    } else {
        Reach::Public
    }
}

fn of_v6(ip: Ipv6Addr) -> Reach {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return of_v4(v4);
    }
    let s = ip.segments();
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        let [a, b] = s[6].to_be_bytes();
        let [c, d] = s[7].to_be_bytes();
        return of_v4(Ipv4Addr::new(a, b, c, d));
    }
    if ip.is_loopback() {
        Reach::Loopback
    } else if s[0] & 0xfe00 == 0xfc00 {
        Reach::Private
    } else if s[0] & 0xffc0 == 0xfe80 {
        Reach::LinkLocal
    } else if ip.is_unspecified() || ip.is_multicast() || (s[0] == 0x2001 && s[1] == 0x0db8) {
        Reach::Reserved
    } else {
        Reach::Public
    }
}

/// Why a webhook address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// Nothing was typed.
    Empty,
    /// Longer than Baton keeps.
    TooLong(String),
    /// Not a web address at all.
    Unreadable,
    /// Not http or https.
    NotHttp(String),
    /// A user name or password in the address.
    Credentials,
    /// It leads somewhere webhooks may not go.
    Refused(Reach),
}

impl UrlProblem {
    /// In words, for the person who typed it.
    pub fn message(&self) -> String {
        match self {
            UrlProblem::Empty => "Enter the address Baton should send events to.".into(),
            UrlProblem::TooLong(message) => message.clone(),
            UrlProblem::Unreadable => {
                "That is not a web address Baton can read: it should look like https://example.com/hooks/baton.".into()
            }
            UrlProblem::NotHttp(scheme) => format!(
                "Webhooks go to http:// or https:// addresses, not {scheme}://."
            ),
            UrlProblem::Credentials => {
                "Leave the user name and password out of the address: deliveries are signed instead.".into()
            }
            UrlProblem::Refused(reach) => format!(
                "That address leads to {}, where webhooks may not go. Use a public address (a server can allow private ones with BATON_WEBHOOKS_ALLOW_PRIVATE=true).",
                reach.words()
            ),
        }
    }
}

/// Reads an endpoint address as an admin typed it: http(s) only, no credentials, and — unless
/// `allow_private` — no loopback, private, link-local or reserved target written as an IP
/// address or as `localhost`.
pub fn parse_endpoint(text: &str, allow_private: bool) -> Result<Url, UrlProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UrlProblem::Empty);
    }
    limits::check("The address", text, limits::URL).map_err(UrlProblem::TooLong)?;
    let url = Url::parse(text).map_err(|_| UrlProblem::Unreadable)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlProblem::NotHttp(url.scheme().to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlProblem::Credentials);
    }
    let reach = match url.host() {
        None => return Err(UrlProblem::Unreadable),
        Some(Host::Ipv4(ip)) => Reach::of(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => Reach::of(IpAddr::V6(ip)),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                Reach::Loopback
            } else {
                Reach::Public
            }
        }
    };
    if !allow_private && !reach.is_public() {
        return Err(UrlProblem::Refused(reach));
    }
    Ok(url)
}

/// Checks every address a name resolved to, just before connecting: one that is not public
/// refuses the delivery (a name must not be a way around [`parse_endpoint`]).
pub fn check_resolved(addresses: &[IpAddr], allow_private: bool) -> Result<(), UrlProblem> {
    if allow_private {
        return Ok(());
    }
    match addresses
        .iter()
        .map(|ip| Reach::of(*ip))
        .find(|r| !r.is_public())
    {
        Some(reach) => Err(UrlProblem::Refused(reach)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(text: &str) -> Reach {
        Reach::of(text.parse().unwrap())
    }

    #[test]
    fn addresses_are_placed_where_they_lead() {
        for (ip, expected) in [
            ("93.184.216.34", Reach::Public),
            ("2606:4700::1111", Reach::Public),
            ("127.0.0.1", Reach::Loopback),
            ("127.8.9.10", Reach::Loopback),
            ("::1", Reach::Loopback),
            ("10.1.2.3", Reach::Private),
            ("172.16.0.1", Reach::Private),
            ("172.31.255.255", Reach::Private),
            ("192.168.1.1", Reach::Private),
            ("100.64.0.1", Reach::Private),
            ("fd12:3456::1", Reach::Private),
            ("169.254.169.254", Reach::LinkLocal),
            ("fe80::1", Reach::LinkLocal),
            ("0.0.0.0", Reach::Reserved),
            ("255.255.255.255", Reach::Reserved),
            ("224.0.0.1", Reach::Reserved),
            ("192.0.2.10", Reach::Reserved),
            ("198.18.0.5", Reach::Reserved),
            ("::", Reach::Reserved),
            ("2001:db8::1", Reach::Reserved),
        ] {
            assert_eq!(reach(ip), expected, "{ip}");
        }
        // The edges of the private ranges are public.
        assert_eq!(reach("172.32.0.1"), Reach::Public);
        assert_eq!(reach("100.128.0.1"), Reach::Public);
    }

    #[test]
    fn ipv4_inside_ipv6_counts_as_the_ipv4() {
        assert_eq!(reach("::ffff:127.0.0.1"), Reach::Loopback);
        assert_eq!(reach("::ffff:10.0.0.1"), Reach::Private);
        assert_eq!(reach("64:ff9b::a9fe:a9fe"), Reach::LinkLocal);
        assert_eq!(reach("::ffff:93.184.216.34"), Reach::Public);
    }

    #[test]
    fn a_public_https_address_is_taken_as_typed() {
        let url = parse_endpoint("  https://hooks.example.com/baton?team=1 ", false).unwrap();
        assert_eq!(url.as_str(), "https://hooks.example.com/baton?team=1");
        assert!(parse_endpoint("http://93.184.216.34:8080/in", false).is_ok());
    }

    #[test]
    fn private_targets_are_refused_with_the_reason_unless_allowed() {
        for text in [
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://api.localhost./hook",
            "http://[::1]/hook",
            "http://10.0.0.8/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::ffff:192.168.0.1]/",
            "http://0.0.0.0/",
        ] {
            let problem = parse_endpoint(text, false).unwrap_err();
            assert!(
                matches!(problem, UrlProblem::Refused(_)),
                "{text}: {problem:?}"
            );
            assert!(
                problem.message().contains("where webhooks may not go"),
                "{text}"
            );
            assert!(parse_endpoint(text, true).is_ok(), "{text} allowed");
        }
        assert_eq!(
            parse_endpoint("http://169.254.169.254/", false).unwrap_err().message(),
            "That address leads to a link-local address, where webhooks may not go. Use a public address (a server can allow private ones with BATON_WEBHOOKS_ALLOW_PRIVATE=true)."
        );
    }

    #[test]
    fn addresses_that_are_not_web_addresses_are_refused_in_words() {
        assert_eq!(parse_endpoint("   ", false), Err(UrlProblem::Empty));
        assert_eq!(
            parse_endpoint("hooks.example.com", false),
            Err(UrlProblem::Unreadable)
        );
        assert_eq!(
            parse_endpoint("ftp://files.example.com/x", false)
                .unwrap_err()
                .message(),
            "Webhooks go to http:// or https:// addresses, not ftp://."
        );
        assert_eq!(
            parse_endpoint("https://me:secret@hooks.example.com/", false),
            Err(UrlProblem::Credentials)
        );
        let long = format!("https://example.com/{}", "a".repeat(limits::URL));
        let problem = parse_endpoint(&long, false).unwrap_err();
        assert!(
            problem.message().starts_with("The address is too long"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_name_that_resolves_to_a_private_address_is_refused_at_delivery() {
        let public: IpAddr = "93.184.216.34".parse().unwrap();
        let inside: IpAddr = "10.0.0.5".parse().unwrap();
        assert!(check_resolved(&[public], false).is_ok());
        assert_eq!(
            check_resolved(&[public, inside], false),
            Err(UrlProblem::Refused(Reach::Private))
        );
        assert!(check_resolved(&[inside], true).is_ok());
    }
}
