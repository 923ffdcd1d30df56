//! Roles and what each may do. Checked on the server for every request.

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

    pub fn parse(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| format!("\"{s}\" is not a role; the roles are admin, editor, reviewer"))
    }

    pub fn may(self, p: Permission) -> bool {
        matches!(
            (self, p),
            (Role::Admin, _)
                | (Role::Editor, Permission::Edit)
                | (Role::Reviewer, Permission::Edit | Permission::Publish)
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
        assert_eq!(Role::parse("editor"), Ok(Role::Editor));
        assert!(Role::parse("root").is_err());
    }
}
