//! The `fleet-worker` processes of a test: spawned with a command line, driven by stdin, read on
//! stdout with a timeout; killed when the guard drops.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long one command may take before the test fails.
const ANSWER_WITHIN: Duration = Duration::from_secs(90);

pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

/// A round's result in one process: calls that succeeded, failed, and the kinds of failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub ok: usize,
    pub failed: usize,
    pub kinds: String,
}

impl Worker {
    /// `fleet-worker <redis> <base> <platform> <id> <secret> <limits>`.
    pub fn spawn(
        redis: &str,
        base: &str,
        platform: &str,
        id: &str,
        secret: &str,
        limits: &str,
    ) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fleet-worker"))
            .args([redis, base, platform, id, secret, limits])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawning fleet-worker");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            lines,
        }
    }

    pub fn send(&mut self, command: &str) {
        writeln!(self.stdin, "{command}").expect("writing to fleet-worker");
        self.stdin.flush().expect("flushing fleet-worker's stdin");
    }

    pub fn answer(&mut self) -> String {
        self.lines
            .recv_timeout(ANSWER_WITHIN)
            .expect("fleet-worker answered in time")
    }

    /// Waits for the answer to `calls N`.
    pub fn done(&mut self) -> Done {
        let line = self.answer();
        let mut words = line.split(' ');
        assert_eq!(words.next(), Some("done"), "{line}");
        let ok = words.next().and_then(|w| w.parse().ok()).expect("ok count");
        let failed = words
            .next()
            .and_then(|w| w.parse().ok())
            .expect("failed count");
        Done {
            ok,
            failed,
            kinds: words.next().unwrap_or_default().to_owned(),
        }
    }

    /// Ends the process and says whether it exited cleanly (no panic).
    pub fn quit(mut self) -> bool {
        let _ = writeln!(self.stdin, "quit");
        let _ = self.stdin.flush();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `command` to every worker at once, then collects each one's `done` line.
pub fn round(workers: &mut [Worker], command: &str) -> Vec<Done> {
    for worker in workers.iter_mut() {
        worker.send(command);
    }
    workers.iter_mut().map(Worker::done).collect()
}
