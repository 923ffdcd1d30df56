//! What every back-office handler starts from, extracted once: the page's
//! language, a session valid now whose role allows what the route needs,
//! and, for a change, the form with its anti-forgery token checked.
//!
//! A stranger is sent to sign in, a member whose role does not allow it
//! gets the refusal (recorded by `auth::permits`), and a forged form is
//! refused (recorded by `auth::genuine`), before the handler runs.

use super::session::{self, Staff};
use crate::App;
use axum::extract::{Form, FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use inferno_domain::{Kind, Lang, Permission};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::{Tr, request_lang};
use std::marker::PhantomData;
use std::sync::Arc;

/// What a route needs of the member's role.
pub trait Need: Send + Sync + 'static {
    const PERMISSION: Option<Permission>;
}

macro_rules! needs {
    ($($(#[$doc:meta])* $name:ident => $permission:expr;)+) => {$(
        $(#[$doc])*
        pub struct $name;
        impl Need for $name {
            const PERMISSION: Option<Permission> = $permission;
        }
    )+};
}

needs! {
    /// Any member signed in.
    Member => None;
    MayEdit => Some(Permission::Edit);
    MayPublish => Some(Permission::Publish);
    MayReadSubmissions => Some(Permission::ReadSubmissions);
    MayReadAuditLog => Some(Permission::ReadAuditLog);
    MayManageUsers => Some(Permission::ManageUsers);
}

/// A back-office page's language: `?lang=`, or the browser's preference.
pub struct StaffLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for StaffLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(StaffLang(request_lang(parts.uri.query(), &parts.headers)))
    }
}

/// A back-office page for a member whose role allows `N`.
pub struct StaffPage<N: Need = Member> {
    pub staff: Staff,
    pub lang: Lang,
    pub tr: Tr,
    need: PhantomData<N>,
}

impl<N: Need> FromRequestParts<Arc<App>> for StaffPage<N> {
    type Rejection = HtmlError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, HtmlError> {
        let lang = request_lang(parts.uri.query(), &parts.headers);
        let staff = session::require(app, &parts.headers, N::PERMISSION).await?;
        Ok(StaffPage { staff, lang, tr: Tr::new(lang), need: PhantomData })
    }
}

/// A change posted from a back-office form by a member whose role allows
/// `N`, carrying the session's anti-forgery token. Its language is the
/// form's (`lang`), else the request's.
pub struct StaffForm<N: Need = Member> {
    pub staff: Staff,
    pub lang: Lang,
    pub tr: Tr,
    /// The fields as posted, in order (a multiple choice repeats its name).
    pub pairs: Vec<(String, String)>,
    need: PhantomData<N>,
}

impl<N: Need> StaffForm<N> {
    /// The first value posted under `name`, trimmed; empty when there is none.
    pub fn get(&self, name: &str) -> &str {
        self.raw(name).trim()
    }

    /// The first value posted under `name`, as typed: a password keeps its spaces.
    pub fn raw(&self, name: &str) -> &str {
        first(&self.pairs, name)
    }
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

impl<N: Need> FromRequest<Arc<App>> for StaffForm<N> {
    type Rejection = HtmlError;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, HtmlError> {
        let fallback = request_lang(req.uri().query(), req.headers());
        let staff = session::require(app, req.headers(), N::PERMISSION).await?;
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, app)
            .await
            .map_err(|e| HtmlError::BadRequest(e.body_text()))?;
        if !inferno_services::auth::genuine(app.store.as_ref(), &staff, first(&pairs, "csrf")).await {
            return Err(HtmlError::Forged);
        }
        let lang = Lang::from_code(first(&pairs, "lang")).unwrap_or(fallback);
        Ok(StaffForm { staff, lang, tr: Tr::new(lang), pairs, need: PhantomData })
    }
}

/// The record kind a back-office path names (`/staff/{kind}/…`); any other
/// word is a page that does not exist.
pub struct RecordKind(pub Kind);

impl<S: Send + Sync> FromRequestParts<S> for RecordKind {
    type Rejection = HtmlError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, HtmlError> {
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| HtmlError::NotFound)?;
        let named = params.iter().find(|(name, _)| *name == "kind").map(|(_, value)| value);
        named.and_then(Kind::parse).map(RecordKind).ok_or(HtmlError::NotFound)
    }
}
