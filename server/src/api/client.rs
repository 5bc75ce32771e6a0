//! Who a request comes from, as the rate limit counts clients.
//!
//! Directly, the client is the connection's peer. Behind a reverse proxy every peer is the
//! proxy, so for a peer in `--trusted-proxy` the client is read from `X-Forwarded-For`: the
//! right-most address that is not itself a trusted proxy (the left part of that header is
//! whatever the client chose to send and cannot be believed). An IPv6 client is counted per
//! /64, the block one subscriber gets, so changing addresses within it does not help.

use std::{
    net::{IpAddr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::ConnectInfo,
    http::{Extensions, HeaderMap, Request},
};
use ipnet::IpNet;
use tower_governor::{key_extractor::KeyExtractor, GovernorError};

/// The rate limit's key: a client's IPv4 address or IPv6 /64.
#[derive(Clone, Debug)]
pub struct ClientKey {
    trusted: Arc<[IpNet]>,
}

impl ClientKey {
    pub fn new(trusted: &[IpNet]) -> ClientKey {
        ClientKey { trusted: trusted.into() }
    }
}

impl ClientKey {
    /// The bucket of the client that sent a request with these extensions and headers.
    pub fn of(&self, extensions: &Extensions, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())?;
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        Some(bucket(client(peer, forwarded, &self.trusted)))
    }
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        self.of(request.extensions(), request.headers()).ok_or(GovernorError::UnableToExtractKey)
    }
}

/// The client's address: `peer`, or for a trusted peer the right-most untrusted address of
/// the `X-Forwarded-For` values (in the order the headers came). When every address is a
/// trusted proxy the left-most is the client; an entry that is not an address stops the
/// search, and the last trusted hop before it stands for the client.
pub fn client<'a>(peer: IpAddr, forwarded: impl Iterator<Item = &'a str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> =
        forwarded.flat_map(|value| value.split(',')).map(str::trim).filter(|h| !h.is_empty()).collect();
    let mut nearest = peer;
    for hop in hops.iter().rev() {
        match parse_hop(hop) {
            Some(ip) if is_trusted(&ip) => nearest = ip,
            Some(ip) => return ip,
            None => return nearest,
        }
    }
    nearest
}

/// An address as proxies write it: `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1` or
/// `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = hop.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[').and_then(|h| h.strip_suffix(']')).and_then(|h| h.parse().ok())
}

/// IPv4 as itself (also when written as an IPv4-mapped IPv6 address).
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What the limit counts: an IPv4 address, or the /64 an IPv6 address is in.
pub fn bucket(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client_whatever_it_claims() {
        let forged = ["1.2.3.4"];
        assert_eq!(client(ip("198.51.100.9"), forged.into_iter(), &[]), ip("198.51.100.9"));
        assert_eq!(client(ip("198.51.100.9"), forged.into_iter(), &nets(&["10.0.0.0/8"])), ip("198.51.100.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        let proxies = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        // The client forged the left part; the proxy appended what it saw.
        let header = ["6.6.6.6, 203.0.113.7"];
        assert_eq!(client(ip("127.0.0.1"), header.into_iter(), &proxies), ip("203.0.113.7"));
        // Two proxies in a row, the inner one trusted too; headers in several lines.
        let lines = ["6.6.6.6", "203.0.113.7:5123, 10.1.2.3"];
        assert_eq!(client(ip("127.0.0.1"), lines.into_iter(), &proxies), ip("203.0.113.7"));
        assert_eq!(client(ip("127.0.0.1"), ["[2001:db8::5]:80"].into_iter(), &proxies), ip("2001:db8::5"));
        // Nothing forwarded, or rubbish: the proxy itself (one bucket, never someone else's).
        assert_eq!(client(ip("127.0.0.1"), std::iter::empty(), &proxies), ip("127.0.0.1"));
        assert_eq!(client(ip("127.0.0.1"), ["unknown"].into_iter(), &proxies), ip("127.0.0.1"));
        assert_eq!(client(ip("127.0.0.1"), ["10.9.9.9"].into_iter(), &proxies), ip("10.9.9.9"));
        assert_eq!(client(ip("::ffff:127.0.0.1"), ["203.0.113.8"].into_iter(), &proxies), ip("203.0.113.8"));
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(bucket(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(bucket(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")), ip("2001:db8:1:2::"));
        assert_ne!(bucket(ip("2001:db8:1:3::1")), bucket(ip("2001:db8:1:2::1")));
        assert_eq!(bucket(ip("203.0.113.7")), ip("203.0.113.7"));
        assert_eq!(bucket(ip("::ffff:203.0.113.7")), ip("203.0.113.7"));
    }
}
