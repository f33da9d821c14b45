//! Which address a request comes from, honest about proxies.

use std::net::IpAddr;

use actix_web::HttpRequest;

use crate::forwarding::TrustedProxies;

/// The client's address: the TCP peer, unless the peer is a trusted proxy, in which case
/// the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries to the
/// left of it were written by whoever connected to the proxy and prove nothing).
pub(crate) fn client_address(req: &HttpRequest, trusted: &TrustedProxies) -> String {
    let Some(peer) = req.peer_addr().map(|addr| addr.ip()) else {
        return "unknown".into();
    };
    if !trusted.forwarded(req) {
        return peer.to_string();
    }

    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded
        .into_iter()
        .rev()
        .find(|address| !trusted.includes(address))
        .unwrap_or(peer)
        .to_string()
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn address(peer: &str, forwarded: Option<&str>, trusted: &[&str]) -> String {
        let mut req =
            TestRequest::default().peer_addr(format!("{peer}:5000").parse().expect("addr"));
        if let Some(value) = forwarded {
            req = req.insert_header(("x-forwarded-for", value));
        }
        let trusted = TrustedProxies(trusted.iter().map(|a| a.parse().expect("ip")).collect());
        client_address(&req.to_http_request(), &trusted)
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_trusted() {
        assert_eq!(
            address("203.0.113.9", Some("198.51.100.1"), &[]),
            "203.0.113.9"
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_entry_counts() {
        let trusted = ["10.0.0.2", "10.0.0.3"];
        assert_eq!(
            address(
                "10.0.0.2",
                Some("1.1.1.1, 198.51.100.7, 10.0.0.3"),
                &trusted
            ),
            "198.51.100.7"
        );
        assert_eq!(address("10.0.0.2", None, &trusted), "10.0.0.2");
        assert_eq!(address("10.0.0.2", Some("garbage"), &trusted), "10.0.0.2");
    }
}
