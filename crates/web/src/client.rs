//! Who is on the other end: the client address sign-in and feedback throttling count by. It is
//! the TCP peer, unless the peer is a proxy the operator trusts (`AIREG_TRUSTED_PROXIES`):
//! then it is the nearest address, in the one header that proxy writes (`X-Forwarded-For`, or
//! `Forwarded` with `AIREG_FORWARDED_HEADER=forwarded`), that is not a trusted proxy. Only that
//! header is read: a proxy passes the other one on from the client, who could name any address
//! in it. Nothing is trusted by default, so a client cannot name its own address.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::error::AppError;
use crate::state::AppState;

/// Addresses and networks whose forwarding header is believed, and which header that is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    nets: Vec<(IpAddr, u8)>,
    /// RFC 7239 `Forwarded` instead of `X-Forwarded-For`.
    forwarded: bool,
}

impl TrustedProxies {
    /// Parses a comma- or space-separated list of addresses and CIDR networks
    /// (`10.0.0.1, 192.168.0.0/16, ::1`), naming the first entry that is not one.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for entry in list
            .split([',', ' '])
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let (addr, bits) = match entry.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (entry, None),
            };
            let addr: IpAddr = addr
                .parse()
                .map_err(|_| format!("{entry:?} is not an IP address or network"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits =
                match bits {
                    None => max,
                    Some(b) => b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| {
                        format!("{entry:?}: the prefix length must be 0 to {max}")
                    })?,
                };
            // An IPv4 network written as IPv6 (`::ffff:10.0.0.0/104`) is the IPv4 network.
            let (addr, bits) = match addr {
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) if bits >= 96 => (IpAddr::V4(v4), bits - 96),
                    _ => (addr, bits),
                },
                v4 => (v4, bits),
            };
            nets.push((addr, bits));
        }
        Ok(TrustedProxies {
            nets,
            forwarded: false,
        })
    }

    /// Reads the client from RFC 7239 `Forwarded` (`for=`) instead of `X-Forwarded-For`.
    pub fn reading_forwarded(mut self, yes: bool) -> TrustedProxies {
        self.forwarded = yes;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|(net, bits)| match (*net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(&n.octets(), &a.octets(), *bits),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(&n.octets(), &a.octets(), *bits),
            _ => false,
        })
    }

    /// The client behind `peer`: `peer` itself unless it is trusted; then, walking the
    /// forwarded chain from the nearest hop, the first address that is not trusted (or the
    /// farthest one given, when all are).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let chain = forwarded_chain(headers, self.forwarded);
        let mut client = peer;
        for hop in chain.iter().rev() {
            client = *hop;
            if !self.trusts(*hop) {
                break;
            }
        }
        client
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

fn prefix_eq(net: &[u8], addr: &[u8], bits: u8) -> bool {
    let full = usize::from(bits / 8);
    let rest = bits % 8;
    if net[..full] != addr[..full] {
        return false;
    }
    rest == 0 || {
        let mask = 0xffu8 << (8 - rest);
        net[full] & mask == addr[full] & mask
    }
}

/// The addresses of `Forwarded: for=…` (RFC 7239) or of `X-Forwarded-For`, farthest first.
/// Entries that are not addresses (`unknown`, obfuscated names) end the chain there: a client
/// beyond them cannot be told.
fn forwarded_chain(headers: &HeaderMap, forwarded: bool) -> Vec<IpAddr> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .collect()
    };
    let entries: Vec<String> = if forwarded {
        values("forwarded")
            .into_iter()
            .map(|element| {
                element
                    .split(';')
                    .find_map(|pair| {
                        let (k, v) = pair.split_once('=')?;
                        k.trim()
                            .eq_ignore_ascii_case("for")
                            .then(|| v.trim().trim_matches('"').to_string())
                    })
                    .unwrap_or_default()
            })
            .collect()
    } else {
        values("x-forwarded-for")
    };
    let mut chain = Vec::new();
    // Walked from the nearest hop, so that an unreadable entry cuts off what lies beyond it.
    for entry in entries.iter().rev() {
        match parse_node(entry) {
            Some(ip) => chain.push(ip),
            None => break,
        }
    }
    chain.reverse();
    chain
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn parse_node(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    s.parse::<SocketAddr>().ok().map(|a| a.ip())
}

/// The client's address, when the connection has one (requests made in-process have none).
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(peer.map(|p| {
            state.config.trusted_proxies.client(p, &parts.headers)
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn networks_are_parsed_and_matched() {
        let t = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7 ::1").unwrap();
        assert!(t.trusts(ip("10.200.3.4")));
        assert!(t.trusts(ip("::ffff:10.1.1.1")));
        assert!(t.trusts(ip("192.168.1.7")));
        assert!(!t.trusts(ip("192.168.1.8")));
        assert!(t.trusts(ip("::1")));
        assert!(!t.trusts(ip("11.0.0.1")));
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        // IPv4 networks written as IPv6 match their IPv4 addresses (and never panic).
        let mapped = TrustedProxies::parse("::ffff:10.0.0.0/104, ::ffff:0:0/96").unwrap();
        assert!(mapped.trusts(ip("10.9.8.7")));
        assert!(mapped.trusts(ip("192.0.2.1")));
        let ten = TrustedProxies::parse("::ffff:10.0.0.0/104").unwrap();
        assert!(!ten.trusts(ip("11.0.0.1")));
        assert!(TrustedProxies::parse("proxy.example").is_err());
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }

    #[test]
    fn a_client_cannot_name_its_own_address_unless_its_proxy_is_trusted() {
        let none = TrustedProxies::default();
        let h = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(none.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));

        let proxy = TrustedProxies::parse("10.0.0.1").unwrap();
        assert_eq!(proxy.client(ip("10.0.0.1"), &h), ip("203.0.113.9"));
        // A client that sends its own X-Forwarded-For gets its entry put in front by the
        // proxy: the nearest untrusted address is the real one.
        let spoofed = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9")]);
        assert_eq!(proxy.client(ip("10.0.0.1"), &spoofed), ip("203.0.113.9"));
        // Through two trusted proxies.
        let two = TrustedProxies::parse("10.0.0.0/24").unwrap();
        let chain = headers(&[("x-forwarded-for", "203.0.113.9, 10.0.0.2")]);
        assert_eq!(two.client(ip("10.0.0.1"), &chain), ip("203.0.113.9"));
        // Only the header the proxy writes is read: a client's own Forwarded is not believed
        // by a proxy that writes X-Forwarded-For, and the other way round.
        let both = headers(&[
            ("forwarded", "for=\"[2001:db8::7]:4711\";proto=https"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(proxy.client(ip("10.0.0.1"), &both), ip("203.0.113.9"));
        let rfc = proxy.clone().reading_forwarded(true);
        assert_eq!(rfc.client(ip("10.0.0.1"), &both), ip("2001:db8::7"));
        // Nothing forwarded: the proxy itself.
        assert_eq!(
            proxy.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        // An unreadable hop ends the chain there.
        let odd = headers(&[("x-forwarded-for", "203.0.113.9, unknown")]);
        assert_eq!(proxy.client(ip("10.0.0.1"), &odd), ip("10.0.0.1"));
    }
}
