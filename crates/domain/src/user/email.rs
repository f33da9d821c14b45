//! Contact e-mail addresses.

use std::fmt;

/// An e-mail address, or empty when the user gave none. The check is deliberately
/// structural (`local@domain.tld`, no spaces, at most 254 characters): only sending mail
/// proves an address works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Email(String);

/// Why an e-mail address was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Not shaped like an address.
    #[error("Enter a valid email address.")]
    Invalid,
}

impl Email {
    /// The longest address accepted (RFC 5321's path limit less the angle brackets).
    pub const MAX_CHARS: usize = 254;

    /// Validates an address; the empty string means "no address".
    pub fn parse(raw: String) -> Result<Self, EmailError> {
        if raw.is_empty() || is_plausible_address(&raw) {
            Ok(Self(raw))
        } else {
            Err(EmailError::Invalid)
        }
    }

    /// The address, or the empty string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_plausible_address(raw: &str) -> bool {
    let Some((local, domain)) = raw.rsplit_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });

    raw.chars().count() <= Email::MAX_CHARS
        && !local.is_empty()
        && !local.contains('@')
        && !local.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && labels_ok
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_and_the_empty_string_are_accepted() {
        for raw in [
            "",
            "a@example.com",
            "first.last+tag@mail.example.co.uk",
            "ü@bücher.de",
        ] {
            assert!(Email::parse(raw.into()).is_ok(), "{raw}");
        }
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        let cases = [
            "not-an-email",
            "@example.com",
            "a@",
            "a@localhost",
            "a b@example.com",
            "a@exa mple.com",
            "a@@example.com",
            "a@-x.com",
            "a@example..com",
        ];
        for raw in cases {
            assert_eq!(Email::parse(raw.into()), Err(EmailError::Invalid), "{raw}");
        }
    }
}
