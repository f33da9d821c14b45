//! Whose forwarding headers to believe, and the origin links back to this server start with.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header;

/// The proxies whose forwarding headers are believed: `X-Forwarded-For` for the client
/// address, `Forwarded`, `X-Forwarded-Host` and `X-Forwarded-Proto` for the origin of links.
/// Empty by default: then a client can choose neither its address nor the links' host by
/// sending them.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// Whether `address` is one of the trusted proxies.
    pub(crate) fn includes(&self, address: &IpAddr) -> bool {
        self.0.contains(address)
    }

    /// Whether `req` came straight from a trusted proxy, so its forwarding headers count.
    pub(crate) fn forwarded(&self, req: &HttpRequest) -> bool {
        req.peer_addr()
            .is_some_and(|peer| self.includes(&peer.ip()))
    }
}

/// The scheme and host of absolute links to this server, e.g. `https://notes.example`.
///
/// From a trusted proxy, what it forwards (actix-web reads `Forwarded`, then the
/// `X-Forwarded-*` headers; the proxy must set them, replacing any the client sent). From
/// anyone else, the request's own `Host` (or HTTP/2 authority) and the connection's scheme:
/// https exactly when this server serves TLS.
pub(crate) fn link_origin(req: &HttpRequest, trusted: &TrustedProxies) -> String {
    if trusted.forwarded(req) {
        let info = req.connection_info();
        return format!("{}://{}", info.scheme(), info.host());
    }

    let config = req.app_config();
    let scheme = if config.secure() { "https" } else { "http" };
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| req.uri().authority().map(|authority| authority.as_str()))
        .unwrap_or_else(|| config.host());
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    const PEER: &str = "203.0.113.9";

    /// The origin of a request from `PEER` to `Host: notes.example` with `forwarding` headers.
    fn origin(forwarding: &[(&str, &str)], trusted: &[&str]) -> String {
        let mut req = TestRequest::default()
            .peer_addr(format!("{PEER}:5000").parse().expect("addr"))
            .insert_header(("host", "notes.example"));
        for header in forwarding {
            req = req.insert_header(*header);
        }
        let trusted = TrustedProxies(trusted.iter().map(|a| a.parse().expect("ip")).collect());
        link_origin(&req.to_http_request(), &trusted)
    }

    const X_FORWARDED: [(&str, &str); 2] = [
        ("x-forwarded-host", "evil.example"),
        ("x-forwarded-proto", "https"),
    ];
    const FORWARDED: [(&str, &str); 1] = [("forwarded", "proto=https;host=evil.example")];

    #[test]
    fn an_untrusted_peer_gets_its_host_header_and_the_connection_scheme() {
        for forwarding in [&X_FORWARDED[..], &FORWARDED[..]] {
            assert_eq!(origin(forwarding, &[]), "http://notes.example");
            assert_eq!(origin(forwarding, &["10.0.0.2"]), "http://notes.example");
        }
    }

    #[test]
    fn a_trusted_proxy_names_the_host_and_scheme() {
        for forwarding in [&X_FORWARDED[..], &FORWARDED[..]] {
            assert_eq!(origin(forwarding, &[PEER]), "https://evil.example");
        }
        assert_eq!(origin(&[], &[PEER]), "http://notes.example");
    }
}
