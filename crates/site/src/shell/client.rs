//! Who a request comes from, as far as rate limits need to know, and nothing more.
//!
//! A client is never logged or stored: this key only ever reaches the keyed
//! hashes of [`crate::intake::RateLimiter`] and the sign-in guard, in memory.
//!
//! Two facts shape it. An IPv6 host is usually given a whole /64, so a full
//! IPv6 address would let one host be 2^64 clients: IPv6 is keyed by its /64.
//! And behind Tor or a reverse proxy every source arrives from the same
//! address; treating that address as one client would let one person close
//! the door for everyone. So when the peer is a configured trusted proxy the
//! address says nothing and the caller falls back to a per-visitor token.

use std::net::{IpAddr, Ipv6Addr};

/// The part of an address that names one client: IPv4 whole, IPv6 by its /64
/// (an IPv4-mapped IPv6 address is its IPv4 address). `None` when the peer is
/// a trusted proxy, whose address is every visitor's.
pub fn address_key(peer: IpAddr, trusted_proxies: &[IpAddr]) -> Option<String> {
    let peer = match peer {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    if trusted_proxies.contains(&peer) {
        return None;
    }
    Some(match peer {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_is_keyed_by_its_64_and_proxies_say_nothing() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a, &[]), address_key(b, &[]));
        assert_ne!(address_key(a, &[]), address_key(c, &[]));
        assert_eq!(address_key("::ffff:10.0.0.7".parse().unwrap(), &[]).as_deref(), Some("10.0.0.7"));
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(address_key(proxy, &[proxy]), None);
        assert_eq!(address_key("::ffff:127.0.0.1".parse().unwrap(), &[proxy]), None);
        assert_eq!(address_key("127.0.0.2".parse().unwrap(), &[proxy]).as_deref(), Some("127.0.0.2"));
    }
}
