//! Staff accounts: names and roles, and what each role may do. The web layer
//! checks these on the server for every request.

use crate::problem::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Manages accounts and settings, and may do everything else.
    Admin,
    /// Writes and edits records; cannot publish.
    Editor,
    /// Reviews and publishes what editors wrote.
    Reviewer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Edit,
    Publish,
    ManageUsers,
    ReadAuditLog,
    /// Read what sources send, reply to them, and turn it into records. Every
    /// role may: the team is small, and each reader's key is its own.
    ReadSubmissions,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Reviewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
        }
    }

    pub fn parse(s: &str) -> Result<Role, Problem> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| Problem::NotRole { value: s.to_owned() })
    }

    pub fn may(self, p: Permission) -> bool {
        matches!(
            (self, p),
            (Role::Admin, _)
                | (Role::Editor, Permission::Edit | Permission::ReadSubmissions)
                | (Role::Reviewer, Permission::Edit | Permission::Publish | Permission::ReadSubmissions)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions() {
        assert!(Role::Admin.may(Permission::ManageUsers));
        assert!(!Role::Reviewer.may(Permission::ManageUsers));
        assert!(!Role::Editor.may(Permission::Publish));
        assert!(Role::Reviewer.may(Permission::Publish));
        assert!(!Role::Editor.may(Permission::ReadAuditLog));
        assert!(Role::ALL.iter().all(|r| r.may(Permission::ReadSubmissions)));
        assert_eq!(Role::parse("editor"), Ok(Role::Editor));
        assert!(Role::parse("root").is_err());
    }
}

/// The shortest and longest account names.
pub const USERNAME_LEN: (usize, usize) = (2, 40);

/// A staff account name: what a person types at login and what the audit log shows.
pub fn check_username(name: &str) -> Result<(), Problem> {
    let (min, max) = USERNAME_LEN;
    let ok = (min..=max).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.')
        && name.as_bytes()[0].is_ascii_lowercase();
    if ok { Ok(()) } else { Err(Problem::NotAccountName { value: name.to_owned(), min, max }) }
}

#[cfg(test)]
mod name_tests {
    use super::check_username;

    #[test]
    fn usernames() {
        assert!(check_username("olena.k").is_ok());
        for bad in ["", "a", "Olena", "1abc", "o lena", "олена", "a;drop"] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_username("Olena").unwrap_err().to_string(),
            "\"Olena\" is not a valid account name: 2 to 40 characters, lowercase latin letters, digits, '.', '-' or '_', starting with a letter"
        );
    }
}
