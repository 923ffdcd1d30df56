//! Form tokens the server issues with every intake form.
//!
//! A token is the hour it was issued, a random nonce and a MAC of both under
//! a key derived from the deployment's receipt pepper: every server of the
//! deployment tells its recent tokens from made-up ones without storing
//! anything, a form fetched from one is accepted by another (the intake
//! node, when a front server passed the form on or showed it again while
//! the intake node was down), and a restart refuses no form in flight. It travels
//! twice, in a cookie and in the form (double submit, against forgery from
//! another site), and behind a trusted proxy it is what the rate limits count
//! a visitor under. A token older than [`LIFETIME_HOURS`] is refused (the
//! form is shown again, with what was typed, and a new token).

use sha2::{Digest, Sha256};

pub const LIFETIME_HOURS: u64 = 6;

pub struct FormTokens {
    key: [u8; 32],
}

fn hour_now() -> u64 {
    inferno_domain::date::unix_seconds().max(0) as u64 / 3600
}

impl FormTokens {
    /// Tokens under `key` (`ReceiptKeys::form_token_key`: the same on every
    /// server of a deployment).
    pub fn with_key(key: [u8; 32]) -> FormTokens {
        FormTokens { key }
    }

    fn mac(&self, hour: u64, nonce: &str) -> String {
        let d = Sha256::new().chain_update(self.key).chain_update(hour.to_be_bytes()).chain_update(nonce).finalize();
        hex::encode(&d[..16])
    }

    pub fn issue(&self) -> String {
        self.issue_at(hour_now())
    }

    fn issue_at(&self, hour: u64) -> String {
        let nonce = hex::encode(inferno_vault::random_bytes::<16>());
        format!("{hour:x}-{nonce}-{}", self.mac(hour, &nonce))
    }

    /// Whether `token` was issued here in the last [`LIFETIME_HOURS`].
    pub fn valid(&self, token: &str) -> bool {
        let mut parts = token.splitn(3, '-');
        let (Some(h), Some(nonce), Some(mac)) = (parts.next(), parts.next(), parts.next()) else { return false };
        let Ok(hour) = u64::from_str_radix(h, 16) else { return false };
        let now = hour_now();
        hour <= now && now - hour < LIFETIME_HOURS && inferno_auth::same_secret(mac, &self.mac(hour, nonce))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_server_with_the_key_accepts_the_others_tokens() {
        let (a, b) = (FormTokens::with_key([7; 32]), FormTokens::with_key([7; 32]));
        assert!(b.valid(&a.issue()) && a.valid(&b.issue()));
        assert!(!FormTokens::with_key([8; 32]).valid(&a.issue()), "another deployment's");
    }

    #[test]
    fn tokens_are_checked_and_expire() {
        let t = FormTokens::with_key(inferno_vault::random_bytes());
        let good = t.issue();
        assert!(t.valid(&good));
        assert!(!FormTokens::with_key(inferno_vault::random_bytes()).valid(&good), "another deployment's key");
        assert!(!t.valid(&good.replace('-', "")));
        assert!(!t.valid("0123456789abcdef0123456789abcdef"));
        let mut forged = good.clone();
        forged.pop();
        forged.push(if good.ends_with('0') { '1' } else { '0' });
        assert!(!t.valid(&forged));
        assert!(!t.valid(&t.issue_at(hour_now() - LIFETIME_HOURS)), "too old");
        assert!(t.valid(&t.issue_at(hour_now() - LIFETIME_HOURS + 1)));
        assert!(!t.valid(&t.issue_at(hour_now() + 1)), "from the future");
    }
}
