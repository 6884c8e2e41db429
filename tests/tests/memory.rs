//! Memory stays bounded whatever a server sends (issue 11): an endless body, a huge announced
//! length, a large error body that is not UTF-8, a large JSON error body.
//!
//! A test target of its own, with one test, so that nothing else runs in the process while it
//! measures. Two measures: the heap, counted by a global allocator (exact, per phase), and the
//! process's peak resident memory (`VmHWM`) against its resident memory before the first phase.
//! The local server writes from one static buffer, so it adds nothing worth counting.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use group_api::{Error, RetryPolicy, dingtalk};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; the counters only watch.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // Counted as the new block arriving before the old one goes, as a moving realloc does.
            grew(new_size);
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1024 * 1024;

/// Runs `call` and returns how far the heap grew above where it stood before, at its peak.
async fn heap_growth<F: std::future::Future>(call: F) -> (F::Output, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let output = call.await;
    (output, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

/// A field of `/proc/self/status`, in bytes (`VmRSS`, `VmHWM`).
fn proc_status(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with(field))
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"));
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap();
    kib * 1024
}

/// What the local server answers.
#[derive(Clone, Copy)]
enum Answer {
    /// HTTP 200, chunked, never ending (until the client hangs up, 4 GiB, or 60 s).
    Endless,
    /// HTTP 200 announcing 8 GiB, then streaming like `Endless`.
    HugeLength,
    /// HTTP 500 with this many bytes of 0xFF (not UTF-8).
    NotUtf8(usize),
    /// HTTP 400 with a DingTalk error body whose message is this many bytes long.
    JsonError(usize),
    /// HTTP 200 with a DingTalk body holding one dense array of zeros, this many bytes long.
    DenseArray(usize),
    /// HTTP 200 announcing 2^60 bytes, then a few bytes and the end of the connection.
    Lies,
}

static FILL: [u8; 64 * 1024] = [b'a'; 64 * 1024];
static NOT_UTF8: [u8; 64 * 1024] = [0xFF; 64 * 1024];
/// `,0` over and over: the inside of a dense JSON array (an even length, so any even cut is whole).
static ZEROS: [u8; 64 * 1024] = {
    let mut zeros = [b','; 64 * 1024];
    let mut i = 1;
    while i < zeros.len() {
        zeros[i] = b'0';
        i += 2;
    }
    zeros
};

/// Serves `answer` to every connection on 127.0.0.1; returns the base URL.
async fn serve(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                // Read the request head (and whatever of the body came with it); the answer does
                // not depend on it.
                let mut head = [0u8; 16 * 1024];
                let _ = socket.read(&mut head).await;
                let _ = write_answer(&mut socket, answer).await;
            });
        }
    });
    url
}

async fn write_answer(socket: &mut tokio::net::TcpStream, answer: Answer) -> std::io::Result<()> {
    let started = Instant::now();
    match answer {
        Answer::Endless => {
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                .await?;
            let header = format!("{:x}\r\n", FILL.len());
            let mut written = 0usize;
            while written < 4096 * MIB && started.elapsed() < Duration::from_secs(60) {
                socket.write_all(header.as_bytes()).await?;
                socket.write_all(&FILL).await?;
                socket.write_all(b"\r\n").await?;
                written += FILL.len();
            }
            Ok(())
        }
        Answer::HugeLength => {
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 8589934592\r\n\r\n")
                .await?;
            let mut written = 0usize;
            while written < 4096 * MIB && started.elapsed() < Duration::from_secs(60) {
                socket.write_all(&FILL).await?;
                written += FILL.len();
            }
            Ok(())
        }
        Answer::NotUtf8(length) => {
            let head = format!(
                "HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\ncontent-length: {length}\r\n\r\n"
            );
            socket.write_all(head.as_bytes()).await?;
            let mut left = length;
            while left > 0 {
                let n = left.min(NOT_UTF8.len());
                socket.write_all(&NOT_UTF8[..n]).await?;
                left -= n;
            }
            Ok(())
        }
        Answer::Lies => {
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1152921504606846976\r\n\r\n{\"success\"")
                .await?;
            socket.shutdown().await
        }
        Answer::DenseArray(length) => {
            let open = br#"{"success": true, "d": [0"#;
            let close = b"]}";
            // Whole `,0` pairs only, so the array stays valid JSON.
            let middle = (length - open.len() - close.len()) & !1;
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                open.len() + middle + close.len()
            );
            socket.write_all(head.as_bytes()).await?;
            socket.write_all(open).await?;
            let mut left = middle;
            while left > 0 {
                let n = left.min(ZEROS.len());
                socket.write_all(&ZEROS[..n]).await?;
                left -= n;
            }
            socket.write_all(close).await
        }
        Answer::JsonError(message) => {
            let open = br#"{"code": "invalidParameter", "requestid": "R-big", "message": ""#;
            let close = br#""}"#;
            let length = open.len() + message + close.len();
            let head = format!(
                "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n"
            );
            socket.write_all(head.as_bytes()).await?;
            socket.write_all(open).await?;
            let mut left = message;
            while left > 0 {
                let n = left.min(FILL.len());
                socket.write_all(&FILL[..n]).await?;
                left -= n;
            }
            socket.write_all(close).await
        }
    }
}

fn request() -> dingtalk::UpdateGroupRequest {
    dingtalk::UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群")
        .build()
        .unwrap()
}

fn client(url: &str, body_limit: Option<usize>) -> dingtalk::Client {
    let client = dingtalk::Client::new("dt-memory-test-token-0000")
        .with_base_url(url)
        .with_retry_policy(RetryPolicy::none());
    match body_limit {
        Some(limit) => client.with_body_limit(limit),
        None => client,
    }
}

#[test]
fn memory_stays_bounded_whatever_the_server_sends() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // Warm up: the runtime, the connection pool and TLS set-up are part of the baseline.
        let warm_up = serve(Answer::NotUtf8(16)).await;
        let _ = client(&warm_up, None).update_group(&request()).await;
        let baseline_rss = proc_status("VmRSS:");

        // 1. An endless body: the call ends with the limit in the error, memory near the limit.
        let endless = serve(Answer::Endless).await;
        let (result, growth) = heap_growth(client(&endless, None).update_group(&request())).await;
        let error = result.unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{error:?}")
        };
        let too_large = decode.too_large.expect("the body limit was reached");
        assert_eq!(too_large.limit, 8 * MIB, "the default limit");
        assert!(too_large.received > 8 * MIB, "{too_large:?}");
        assert!(
            error.to_string().contains("body limit of 8388608 bytes"),
            "{error}"
        );
        assert!(
            growth < 3 * 8 * MIB,
            "endless body: heap grew {growth} bytes"
        );
        let peak_rss = proc_status("VmHWM:");
        let above = peak_rss.saturating_sub(baseline_rss);
        assert!(
            above < 100 * 1000 * 1000,
            "endless body: peak resident memory {peak_rss} bytes, {above} above the baseline"
        );
        eprintln!(
            "endless body: heap grew {:.1} MiB at most; peak resident {:.1} MiB above the baseline",
            growth as f64 / MIB as f64,
            above as f64 / MIB as f64
        );

        // 2. A huge announced length is refused before reading, with the announced length.
        let huge = serve(Answer::HugeLength).await;
        let (result, growth) = heap_growth(client(&huge, Some(MIB)).update_group(&request())).await;
        let Err(Error::Decode(decode)) = result else {
            panic!("{result:?}")
        };
        let too_large = decode.too_large.unwrap();
        assert_eq!(too_large.announced, Some(8 * 1024 * MIB as u64));
        assert_eq!(too_large.received, 0);
        assert!(growth < 4 * MIB, "huge length: heap grew {growth} bytes");

        // 3. An answer just under the limit that is one dense array: no JSON tree is built of it
        // (one would take about 25 times its size), success and error alike.
        let dense = 8 * MIB - 64 * 1024;
        let array = serve(Answer::DenseArray(dense)).await;
        let (result, growth) = heap_growth(client(&array, None).update_group(&request())).await;
        assert_eq!(result.unwrap().success, Some(true));
        assert!(
            growth < 3 * 8 * MIB,
            "dense array of {dense} bytes: heap grew {growth} bytes"
        );

        // 4. A large error body that is not UTF-8: only its first characters are decoded.
        let body = 48 * MIB;
        let not_utf8 = serve(Answer::NotUtf8(body)).await;
        let (result, growth) =
            heap_growth(client(&not_utf8, Some(64 * MIB)).update_group(&request())).await;
        let Err(Error::Decode(decode)) = result else {
            panic!("{result:?}")
        };
        assert_eq!(decode.status, Some(500));
        assert_eq!(decode.body_prefix.chars().count(), 256);
        assert!(
            growth < body + 8 * MIB,
            "non-UTF-8 body of {body} bytes: heap grew {growth} bytes"
        );

        // 5. A large JSON error body: read once, its message and kept body cut down.
        let json = serve(Answer::JsonError(body)).await;
        let (result, growth) =
            heap_growth(client(&json, Some(64 * MIB)).update_group(&request())).await;
        let Err(Error::Api(failure)) = result else {
            panic!("{result:?}")
        };
        assert_eq!(failure.request_id.as_deref(), Some("R-big"));
        assert_eq!(failure.server_message.chars().count(), 4096);
        let kept = failure.body.as_ref().unwrap();
        assert_eq!(kept["code"], "invalidParameter");
        assert!(kept.get("message").is_none(), "a long field is not kept");
        assert!(
            growth < 2 * body + 16 * MIB,
            "JSON error body of {body} bytes: heap grew {growth} bytes"
        );
        // 6. No limit at all, and a length no machine could hold: the client does not abort on
        // the announcement, it reads what comes and reports the cut-off answer.
        let lies = serve(Answer::Lies).await;
        let result = client(&lies, Some(usize::MAX))
            .update_group(&request())
            .await;
        assert!(result.is_err(), "{result:?}");

        // What the error holds afterwards is small.
        let held = format!("{failure:?}").len();
        assert!(held < 64 * 1024, "the error holds {held} bytes");
    });
}
