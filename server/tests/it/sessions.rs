//! Sessions, sign-in defences and security headers, through real HTTP.

use crate::common::{client_with, no_redirects, session_cookie, TestServer, DEMO_PASSWORD};

const MAYA: &str = "maya@northwind.example";

async fn who_is(server: &TestServer, token: &str) -> String {
    let response = server
        .call_form(&client_with(token), "auth_status", &[])
        .await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn signing_in_issues_a_new_session_and_ends_the_one_the_browser_had() {
    let server = TestServer::start(&["--demo"]).await;
    let first = server
        .sign_in(MAYA, DEMO_PASSWORD)
        .await
        .expect("signed in");
    assert!(who_is(&server, &first).await.contains("Maya Okafor"));
    // Signing in again from the same browser (it sends its current cookie).
    let response = server
        .call_form(
            &client_with(&first),
            "sign_in",
            &[
                ("email", "dana@northwind.example"),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    let second = session_cookie(&response).expect("a new cookie");
    assert_ne!(first, second, "the session id changes at sign-in");
    assert!(who_is(&server, &second).await.contains("Dana Whitfield"));
    assert!(
        who_is(&server, &first).await.contains("SignedOut"),
        "the old session is gone"
    );
}

#[tokio::test]
async fn signing_out_really_ends_the_session() {
    let server = TestServer::start(&["--demo"]).await;
    let token = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let client = client_with(&token);
    assert_eq!(
        client
            .get(server.url("/board"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let out = server.call_form(&client, "sign_out", &[]).await;
    let cleared = out
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().contains("Max-Age=0"));
    assert!(cleared, "the cookie is cleared");
    // Even a client that kept the old cookie is signed out now.
    let page = client.get(server.url("/board")).send().await.unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/login?next=/board");
    assert_eq!(
        server.call_form(&client, "list_people", &[]).await.status(),
        401
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_only() {
    let server = TestServer::start(&["--demo"]).await;
    let laptop = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let phone = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let new_password = "a much longer passphrase, rotated";
    let changed = server
        .call_form(
            &client_with(&laptop),
            "change_password",
            &[("current", DEMO_PASSWORD), ("new_password", new_password)],
        )
        .await;
    assert_eq!(changed.status(), 200, "{}", changed.text().await.unwrap());
    assert_eq!(
        server
            .call_form(&client_with(&laptop), "list_people", &[])
            .await
            .status(),
        200
    );
    assert_eq!(
        server
            .call_form(&client_with(&phone), "list_people", &[])
            .await
            .status(),
        401
    );
    assert!(
        server.sign_in(MAYA, DEMO_PASSWORD).await.is_none(),
        "the old password no longer works"
    );
    assert!(server.sign_in(MAYA, new_password).await.is_some());
}

#[tokio::test]
async fn a_weak_new_password_is_refused_with_what_is_required() {
    let server = TestServer::start(&["--demo"]).await;
    let token = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let response = server
        .call_form(
            &client_with(&token),
            "change_password",
            &[("current", DEMO_PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("at least 12 characters"));
    assert!(
        server.sign_in(MAYA, DEMO_PASSWORD).await.is_some(),
        "nothing changed"
    );
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let server = TestServer::start(&["--demo"]).await;
    let token = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let client = client_with(&token);
    let foreign = client
        .post(server.url("/api/create_item"))
        .header("origin", "https://attacker.example")
        .form(&[("workflow", "content-production"), ("title", "Planted")])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let fetch_metadata = client
        .post(server.url("/api/create_item"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("workflow", "content-production"), ("title", "Planted")])
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_metadata.status(), 403);
    let own = server
        .call_form(
            &client,
            "create_item",
            &[("workflow", "content-production"), ("title", "Ours")],
        )
        .await;
    assert_eq!(
        own.status(),
        200,
        "the same request from Baton's own origin works"
    );
}

#[tokio::test]
async fn failed_sign_ins_do_not_reveal_accounts_and_lock_after_repeated_tries() {
    let server = TestServer::start(&["--demo"]).await;
    let client = no_redirects();
    let message = |r: reqwest::Response| async move { r.text().await.unwrap() };
    let unknown = message(
        server
            .call_form(
                &client,
                "sign_in",
                &[
                    ("email", "ghost@northwind.example"),
                    ("password", "guess guess guess"),
                ],
            )
            .await,
    )
    .await;
    let wrong = message(
        server
            .call_form(
                &client,
                "sign_in",
                &[("email", MAYA), ("password", "guess guess guess")],
            )
            .await,
    )
    .await;
    assert_eq!(
        unknown, wrong,
        "the same answer whether or not the account exists"
    );

    for _ in 0..7 {
        server
            .call_form(
                &client,
                "sign_in",
                &[("email", MAYA), ("password", "still guessing")],
            )
            .await;
    }
    let locked = server
        .call_form(
            &client,
            "sign_in",
            &[("email", MAYA), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert!(
        session_cookie(&locked).is_none(),
        "even the right password is refused while locked"
    );
    assert!(locked
        .text()
        .await
        .unwrap()
        .contains("Too many failed sign-ins"));
    // Another account is not locked.
    assert!(server
        .sign_in("dana@northwind.example", DEMO_PASSWORD)
        .await
        .is_some());
}

#[tokio::test]
async fn pages_carry_a_nonce_based_policy_and_the_other_security_headers() {
    let server = TestServer::start(&["--demo"]).await;
    let token = server.sign_in(MAYA, DEMO_PASSWORD).await.unwrap();
    let page = client_with(&token)
        .get(server.url("/board"))
        .send()
        .await
        .unwrap();
    let headers = page.headers().clone();
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = page.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the policy's nonce"
    );
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    let api = server
        .call_form(&client_with(&token), "list_people", &[])
        .await;
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn the_first_admin_is_created_on_the_command_line() {
    let server = TestServer::start(&[]).await;
    let client = no_redirects();
    let state = server
        .call_form(&client, "auth_status", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(state.contains("NoAccounts"), "{state}");

    let add = |password: &'static str| {
        let url = server.database_url.clone();
        async move {
            let mut child = crate::common::baton()
                .env("DATABASE_URL", url)
                .args([
                    "user",
                    "add",
                    "--email",
                    "Ada@Example.com",
                    "--name",
                    "Ada Admin",
                    "--admin",
                ])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
            child.wait_with_output().unwrap()
        }
    };
    let weak = add("ada").await;
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 12 characters"));
    let made = add("the first admin's passphrase").await;
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let token = server
        .sign_in("ada@example.com", "the first admin's passphrase")
        .await
        .expect("can sign in");
    let me = server
        .call_form(&client_with(&token), "auth_status", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(me.contains("Ada Admin") && me.contains("Admin"), "{me}");
    let again = add("the first admin's passphrase").await;
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has an account"));
}

#[tokio::test]
async fn a_failed_sign_in_from_a_plain_html_form_goes_back_to_the_form_with_the_error() {
    let server = TestServer::start(&["--demo"]).await;
    let response = no_redirects()
        .post(server.url("/api/sign_in"))
        .header("origin", &server.base)
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", server.url("/login"))
        .form(&[("email", MAYA), ("password", "not the password")])
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_redirection(),
        "got {}",
        response.status()
    );
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.contains("/login") && location.contains("__err"),
        "{location}"
    );
}
