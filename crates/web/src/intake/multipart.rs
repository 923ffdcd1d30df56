//! The multipart forms a source sends, read with bounds that multer lacks.
//!
//! multer buffers a part's headers until it sees the blank line that ends
//! them, and searches the whole buffer again on every read: a header that
//! never ends held up to the body limit (a GiB) in memory and cost CPU with
//! the square of its size. So the body reaches multer only through
//! [`Bounded`], which follows the form's structure as it streams past and
//! fails once more than [`MAX_HEAD`] bytes pass without a part's headers (or
//! the preamble before the first part, or what follows the last) ending.
//! It also ends the body past `limit` bytes in all.
//!
//! The scan looks for two fixed strings with `memchr`'s SIMD search and copies
//! nothing but the few bytes that straddle two network reads.

use axum::body::{Body, Bytes};
use axum::extract::FromRequest;
use axum::http::{Request, StatusCode, header};
use futures_util::{Stream, StreamExt};
use memchr::memmem;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The most a part's headers, the preamble or the epilogue may hold.
pub const MAX_HEAD: usize = 8 * 1024;

/// Why the form could not be read past a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Overrun {
    #[error("a part's headers are longer than {MAX_HEAD} bytes")]
    Head,
    #[error("the form is larger than allowed")]
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first delimiter.
    Preamble,
    /// After a delimiter, until the blank line that ends the part's headers.
    Head,
    /// A part's content, until the next delimiter.
    Content,
}

/// Follows a multipart body's structure (see the module's description).
#[derive(Debug)]
pub struct Scanner {
    delimiter: Vec<u8>,
    state: State,
    /// Bytes seen in the current preamble or head.
    head: usize,
    /// The last bytes of the previous read, for a match that straddles reads.
    tail: Vec<u8>,
    total: u64,
    limit: u64,
}

const BLANK_LINE: &[u8] = b"\r\n\r\n";

impl Scanner {
    pub fn new(boundary: &str, limit: u64) -> Scanner {
        let mut delimiter = b"\r\n--".to_vec();
        delimiter.extend_from_slice(boundary.as_bytes());
        // The first delimiter may open the body without a line break before it.
        Scanner { delimiter, state: State::Preamble, head: 0, tail: b"\r\n".to_vec(), total: 0, limit }
    }

    /// The end (exclusive, in `data`) of the first match of `pattern` in
    /// `tail ++ data`, where it ends inside `data`. A match that straddles
    /// the two reads is found by trying each split of the pattern, longest
    /// part in the tail first (the earliest start), without copying.
    fn find(&self, pattern: &[u8], data: &[u8]) -> Option<usize> {
        for in_tail in (1..pattern.len()).rev() {
            let rest = &pattern[in_tail..];
            if self.tail.ends_with(&pattern[..in_tail]) && data.starts_with(rest) {
                return Some(rest.len());
            }
        }
        memmem::find(data, pattern).map(|i| i + pattern.len())
    }

    fn keep_tail(&mut self, data: &[u8], keep: usize) {
        if data.len() >= keep {
            self.tail.clear();
            self.tail.extend_from_slice(&data[data.len() - keep..]);
        } else {
            self.tail.extend_from_slice(data);
            let excess = self.tail.len().saturating_sub(keep);
            self.tail.drain(..excess);
        }
    }

    fn count_head(&mut self, n: usize) -> Result<(), Overrun> {
        self.head += n;
        if self.head > MAX_HEAD { Err(Overrun::Head) } else { Ok(()) }
    }

    /// Follows one read of the body.
    pub fn scan(&mut self, chunk: &[u8]) -> Result<(), Overrun> {
        self.total += chunk.len() as u64;
        if self.total > self.limit {
            return Err(Overrun::Body);
        }
        let mut pos = 0;
        while pos < chunk.len() {
            let rest = &chunk[pos..];
            let pattern: &[u8] = if self.state == State::Head { BLANK_LINE } else { &self.delimiter };
            let found = self.find(pattern, rest);
            let keep = pattern.len() - 1;
            match found {
                Some(end) => {
                    if self.state != State::Content {
                        self.count_head(end)?;
                    }
                    self.state = if self.state == State::Head { State::Content } else { State::Head };
                    self.head = 0;
                    self.tail.clear();
                    pos += end;
                }
                None => {
                    if self.state != State::Content {
                        self.count_head(rest.len())?;
                    }
                    self.keep_tail(rest, keep);
                    pos = chunk.len();
                }
            }
        }
        Ok(())
    }
}

/// The body as multer reads it, checked by a [`Scanner`] on the way.
pub struct Bounded {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, axum::Error>> + Send>>,
    scanner: Scanner,
    failed: bool,
}

impl Stream for Bounded {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.failed {
            return Poll::Ready(None);
        }
        match self.inner.poll_next_unpin(cx) {
            Poll::Ready(Some(Ok(chunk))) => match self.scanner.scan(&chunk) {
                Ok(()) => Poll::Ready(Some(Ok(chunk))),
                Err(e) => {
                    self.failed = true;
                    Poll::Ready(Some(Err(std::io::Error::other(e))))
                }
            },
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(std::io::Error::other(e)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A multipart form read through [`Bounded`]; the limit on its size is the
/// intake's (see `IntakeState::body_limit`).
pub struct Form(pub multer::Multipart<'static>);

/// The request is not a multipart form.
#[derive(Debug)]
pub struct NotMultipart;

impl axum::response::IntoResponse for NotMultipart {
    fn into_response(self) -> axum::response::Response {
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "expected a multipart/form-data form").into_response()
    }
}

impl FromRequest<std::sync::Arc<crate::App>> for Form {
    type Rejection = NotMultipart;

    async fn from_request(req: Request<Body>, app: &std::sync::Arc<crate::App>) -> Result<Self, Self::Rejection> {
        let boundary = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| multer::parse_boundary(ct).ok())
            .ok_or(NotMultipart)?;
        let scanner = Scanner::new(&boundary, app.intake.body_limit());
        let stream = Bounded { inner: Box::pin(req.into_body().into_data_stream()), scanner, failed: false };
        Ok(Form(multer::Multipart::new(stream, boundary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(head_len: usize) -> Vec<u8> {
        let mut b = b"--XyZ\r\nContent-Disposition: form-data; name=\"token\"".to_vec();
        b.extend(std::iter::repeat_n(b'A', head_len));
        b.extend_from_slice(
            b"\r\n\r\nvalue\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n",
        );
        b.extend(std::iter::repeat_n(b'\r', 5000));
        b.extend_from_slice(b"\r\n\r\n-- not the boundary \r\n--XyZ--\r\n");
        b
    }

    /// Feeds `body` in pieces of `piece` bytes.
    fn feed(body: &[u8], piece: usize) -> Result<(), Overrun> {
        let mut s = Scanner::new("XyZ", 1 << 30);
        body.chunks(piece).try_for_each(|c| s.scan(c))
    }

    #[test]
    fn a_normal_form_passes_however_it_is_cut() {
        let body = form(0);
        for piece in [1, 2, 3, 4, 5, 7, 13, 64, 4096, body.len()] {
            assert_eq!(feed(&body, piece), Ok(()), "pieces of {piece}");
        }
    }

    #[test]
    fn a_header_that_never_ends_fails_within_a_few_kib() {
        let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"token\"".to_vec();
        body.extend(std::iter::repeat_n(b'A', 1 << 20));
        for piece in [1, 7, 1024, 16 * 1024] {
            let mut s = Scanner::new("XyZ", 1 << 30);
            let mut fed = 0;
            let result = body.chunks(piece).try_for_each(|c| {
                fed += c.len();
                s.scan(c)
            });
            assert_eq!(result, Err(Overrun::Head));
            assert!(fed <= MAX_HEAD + piece + 64, "failed only after {fed} bytes in pieces of {piece}");
        }
        assert_eq!(feed(&form(MAX_HEAD), 100), Err(Overrun::Head));
        assert_eq!(feed(&form(MAX_HEAD - 200), 100), Ok(()), "long but legal headers pass");
        // A preamble that never reaches the first boundary is bounded too.
        assert_eq!(feed(&vec![b'P'; 3 * MAX_HEAD], 500), Err(Overrun::Head));
    }

    #[test]
    fn content_may_be_large_and_the_total_is_bounded() {
        let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n".to_vec();
        body.extend(std::iter::repeat_n(b'\n', 1 << 20));
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        assert_eq!(feed(&body, 1000), Ok(()));
        let mut s = Scanner::new("XyZ", 1000);
        assert_eq!(body.chunks(600).try_for_each(|c| s.scan(c)), Err(Overrun::Body));
    }
}
