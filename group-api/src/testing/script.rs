//! What a test tells the stand-in to answer instead of the page's example.

use std::marker::PhantomData;
use std::time::Duration;

use crate::api_error::{ApiError, ErrorCode};

/// An answer a test scripts for one endpoint, for its next call or next `n` calls: one of the
/// endpoint's documented errors, a body of the test's own, or the page's example after a delay.
///
/// `E` is the endpoint's error enum, so an error of another endpoint, or another platform, does
/// not compile:
///
/// ```
/// use group_api::dingtalk::{UpdateGroupError, UpdateGroupRequest};
/// use group_api::testing::Script;
/// # async fn run(stand_in: &group_api::testing::StandIn) {
/// stand_in.script::<UpdateGroupRequest>(Script::error(UpdateGroupError::SystemError).times(2));
/// # }
/// ```
#[derive(Clone, Debug)]
#[must_use = "a script does nothing until given to `StandIn::script`"]
pub struct Script<E> {
    pub(crate) answer: Scripted,
    pub(crate) times: u32,
    pub(crate) delay: Duration,
    pub(crate) headers: Vec<(String, String)>,
    error: PhantomData<fn() -> E>,
}

/// What a script answers, with the endpoint's type gone.
#[derive(Clone, Debug)]
pub(crate) enum Scripted {
    /// The page's example, as without a script.
    Example,
    /// An error in the platform's envelope: the status, code and message the spec documents.
    Error {
        status: Option<u16>,
        code: ErrorCode,
        message: String,
    },
    /// Exactly this status and body.
    Body { status: u16, body: Vec<u8> },
}

impl<E: ApiError> Script<E> {
    fn new(answer: Scripted) -> Self {
        Self {
            answer,
            times: 1,
            delay: Duration::ZERO,
            headers: Vec::new(),
            error: PhantomData,
        }
    }

    /// The answer the server gives for `error`: the HTTP status the spec documents for its row
    /// (else the envelope's usual one: 400 where the status tells failure, 200 where the body's
    /// code does), its code and its message, in the platform's envelope. An `Undocumented` error
    /// is answered with its code and message as they are.
    pub fn error(error: E) -> Self {
        let answer = match (error.row(), error.undocumented()) {
            (Some(row), _) => Scripted::Error {
                status: row.status,
                code: row.code.clone(),
                message: row.message.unwrap_or(row.explanation).to_owned(),
            },
            (None, Some((code, message))) => Scripted::Error {
                status: None,
                code: code.clone(),
                message: message.to_owned(),
            },
            (None, None) => Scripted::Error {
                status: None,
                code: error.code(),
                message: error.message().to_owned(),
            },
        };
        Self::new(answer)
    }

    /// Exactly this status and JSON body, whatever the envelope (an answer the pages do not
    /// document, a broken one).
    pub fn body(status: u16, body: serde_json::Value) -> Self {
        Self::new(Scripted::Body {
            status,
            body: body.to_string().into_bytes(),
        })
    }

    /// Exactly this status and these bytes as the body (not even JSON).
    pub fn raw(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(Scripted::Body {
            status,
            body: body.into(),
        })
    }

    /// The page's example, as without a script: with [`delayed`](Self::delayed), a slow answer.
    pub fn example() -> Self {
        Self::new(Scripted::Example)
    }

    /// For the next `n` calls of the endpoint (1 unless told).
    pub fn times(mut self, n: u32) -> Self {
        self.times = n;
        self
    }

    /// Answers only after `delay` (a slow server, a client's timeout).
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Adds a response header (`Retry-After`, Feishu's `x-ogw-ratelimit-reset`).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}
