//! Clients from many loopback addresses, as the attack tests need them.

use super::staff::csrf_of;
use super::{Server, run};
use reqwest::StatusCode;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::net::TcpStream;

pub fn addr(s: &Server) -> SocketAddr {
    s.base.trim_start_matches("http://").parse().unwrap()
}

/// A client whose requests come from 127.0.0.`n`.
pub fn client_from(n: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A raw connection from 127.0.0.`n`.
pub async fn connect_from(n: u8, target: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)), 0)).unwrap();
    socket.connect(target).await.unwrap()
}

/// How many entries the audit log holds, as `inferno audit verify` counts them.
pub fn audit_entries(data: &std::path::Path) -> u64 {
    let out = run(&["--data-dir", data.to_str().unwrap(), "audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    text.split("intact: ").nth(1).and_then(|t| t.split(' ').next()).and_then(|n| n.parse().ok()).expect(&text)
}

pub async fn login_from(s: &Server, client: &reqwest::Client, name: &str, password: &str, code: &str) -> StatusCode {
    let r = client.get(s.url("/staff/login?lang=en")).send().await.unwrap();
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
    let csrf = csrf_of(&r.text().await.unwrap());
    let form = [("name", name), ("password", password), ("code", code), ("csrf", &csrf), ("lang", "en")];
    client.post(s.url("/staff/login")).header("cookie", cookie).form(&form).send().await.unwrap().status()
}
