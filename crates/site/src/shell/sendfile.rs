//! A TCP connection that sends bodies held on the shelf ([`super::shelf`])
//! with `sendfile`, and everything else as it is.
//!
//! hyper writes a response as a list of buffers (its head, then the body's
//! [`bytes::Bytes`], untouched). This stream looks at the first buffer it is
//! given: if it lies on the shelf it goes out with `sendfile` from the
//! shelf's file, the kernel taking the pages by reference; otherwise the
//! buffers up to the next one on the shelf are written in one `sendmsg`,
//! with `MSG_MORE` when a body follows so that head and body leave in the
//! same packets. A write may take less than it was given, as any write may;
//! hyper calls again with the rest.

use std::io::{self, IoSlice};
use std::os::fd::AsFd;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;

pub struct PageStream {
    inner: TcpStream,
}

impl PageStream {
    pub fn new(inner: TcpStream) -> PageStream {
        PageStream { inner }
    }

    /// Runs `write` when the socket can take bytes, until it does not
    /// answer "would block".
    fn poll_send(&self, cx: &mut Context<'_>, mut write: impl FnMut() -> io::Result<usize>) -> Poll<io::Result<usize>> {
        loop {
            ready!(self.inner.poll_write_ready(cx))?;
            match self.inner.try_io(Interest::WRITABLE, &mut write) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                done => return Poll::Ready(done),
            }
        }
    }
}

impl AsyncRead for PageStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for PageStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.as_mut().poll_write_vectored(cx, &[IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        use rustix::net::{SendAncillaryBuffer, SendFlags};
        let Some(first) = bufs.iter().position(|b| !b.is_empty()) else { return Poll::Ready(Ok(0)) };
        let bufs = &bufs[first..];
        if let Some((file, offset)) = super::shelf::find(&bufs[0]) {
            let len = bufs[0].len();
            return self.poll_send(cx, || {
                let mut at = offset;
                Ok(rustix::fs::sendfile(self.inner.as_fd(), file, Some(&mut at), len)?)
            });
        }
        let run = bufs.iter().position(|b| super::shelf::find(b).is_some()).unwrap_or(bufs.len());
        let flags = if run < bufs.len() { SendFlags::NOSIGNAL | SendFlags::MORE } else { SendFlags::NOSIGNAL };
        self.poll_send(cx, || {
            Ok(rustix::net::sendmsg(self.inner.as_fd(), &bufs[..run], &mut SendAncillaryBuffer::default(), flags)?)
        })
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn pair() -> (PageStream, TcpStream) {
        let listener = tokio::net::TcpSocket::new_v4().unwrap();
        // Room for a whole test body in the kernel, whoever reads it when.
        listener.set_send_buffer_size(1 << 20).unwrap();
        listener.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = listener.listen(1).unwrap();
        let client = tokio::net::TcpSocket::new_v4().unwrap();
        client.set_recv_buffer_size(1 << 20).unwrap();
        let client = client.connect(listener.local_addr().unwrap()).await.unwrap();
        let (server, _) = listener.accept().await.unwrap();
        (PageStream::new(server), client)
    }

    /// Writes every buffer whole, as hyper does: again and again with what is left.
    async fn write_all(stream: &mut PageStream, mut parts: Vec<bytes::Bytes>) {
        while parts.iter().any(|p| !p.is_empty()) {
            let slices: Vec<IoSlice<'_>> = parts.iter().map(|p| IoSlice::new(p)).collect();
            let mut n = stream.write_vectored(&slices).await.unwrap();
            assert!(n > 0);
            for p in &mut parts {
                let take = n.min(p.len());
                *p = p.slice(take..);
                n -= take;
            }
        }
    }

    fn body(seed: u8, len: usize) -> Vec<u8> {
        (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
    }

    #[tokio::test]
    async fn a_head_and_a_shelved_body_arrive_whole_through_a_slow_reader() {
        let (mut server, mut client) = pair().await;
        let head = bytes::Bytes::from_static(b"HTTP/1.1 200 OK\r\ncontent-length: 3000000\r\n\r\n");
        let big = body(7, 3_000_000);
        let shelved = super::super::shelf::hold(big.clone());
        assert!(super::super::shelf::find(&shelved).is_some());
        let small = bytes::Bytes::from_static(b"after");
        // The reader is slower than the writer: the socket fills, and the
        // body leaves in many partial sendfiles.
        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            let mut buf = vec![0; 7_000];
            loop {
                let n = client.read(&mut buf).await.unwrap();
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
                tokio::task::yield_now().await;
            }
            got
        });
        write_all(&mut server, vec![head.clone(), shelved, small.clone()]).await;
        server.shutdown().await.unwrap();
        drop(server);
        let got = reader.await.unwrap();
        let mut want = head.to_vec();
        want.extend_from_slice(&big);
        want.extend_from_slice(&small);
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the bytes received differ from the bytes sent");
    }

    #[tokio::test]
    async fn a_body_dropped_while_the_kernel_still_holds_it_arrives_unchanged() {
        let (mut server, mut client) = pair().await;
        let first = body(1, 60_000);
        let shelved = super::super::shelf::hold(first.clone());
        let sent = tokio::time::timeout(std::time::Duration::from_secs(20), write_all(&mut server, vec![shelved]));
        sent.await.expect("the kernel took the whole body without a reader");
        // Everything is with the kernel and nothing has been read; the body
        // has been dropped (its pages punched out of the file), and another
        // is shelved, before the reader reads a byte.
        let other = super::super::shelf::hold(body(2, 60_000));
        drop(other);
        server.shutdown().await.unwrap();
        let mut got = Vec::new();
        client.read_to_end(&mut got).await.unwrap();
        assert!(got == first, "the bytes received changed after the body was dropped");
    }
}
