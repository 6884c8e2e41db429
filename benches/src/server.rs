//! A minimal HTTP/1.1 responder on 127.0.0.1 for the end-to-end bench: it reads each request
//! (head, then `Content-Length` bytes of body) and answers with one fixed response, keeping the
//! connection open. No routing and no matching, so the server costs as little as possible and the
//! same for both clients it is compared with.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

/// A running server; it stops when its thread's runtime is dropped at process exit.
pub struct Server {
    pub addr: SocketAddr,
}

impl Server {
    /// `http://127.0.0.1:<port>`, for `with_base_url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Starts the server on its own thread and runtime, answering every request with `200 OK` and
/// `body` as JSON.
pub fn start(body: &'static [u8]) -> Server {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .expect("a tokio runtime");
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0")
                .await
                .expect("binding 127.0.0.1");
            tx.send(listener.local_addr().expect("local address"))
                .expect("the caller waits for the address");
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            let response: &'static [u8] = [head.as_bytes(), body].concat().leak();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, response));
            }
        });
    });
    let addr = rx.recv().expect("the server thread started");
    Server { addr }
}

/// Answers the requests of one connection until the client closes it.
async fn serve(mut stream: TcpStream, response: &'static [u8]) {
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        // The head.
        let head_end = loop {
            if let Some(end) = find(&buf, b"\r\n\r\n") {
                break end + 4;
            }
            if read_more(&mut stream, &mut buf).await == 0 {
                return;
            }
        };
        let length = content_length(&buf[..head_end]);
        while buf.len() < head_end + length {
            if read_more(&mut stream, &mut buf).await == 0 {
                return;
            }
        }
        buf.drain(..head_end + length);
        if stream.write_all(response).await.is_err() {
            return;
        }
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> usize {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            n
        }
        Err(_) => 0,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}
