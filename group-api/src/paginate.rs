//! Lists that come in pages: one request per page, the next one carrying the cursor the last
//! answer gave.
//!
//! A list endpoint whose spec declares `pagination` implements [`Paginated`], and every HTTP
//! client has `paginate(&request)`: a [`Stream`] of the list's entries across all pages. It is
//! lazy: the first page is asked for when the stream is first polled, and each next page only
//! when the entries of the last one have been taken.
//!
//! The stream ends after the page that says it is the last: `has_more` false (where the endpoint
//! has one), or no next cursor, or an empty one (a Feishu SDK once looped for ever on `""`). It
//! also ends, rather than loop, when a server hands out a cursor it has handed out before (or the
//! cursor the first request carried). A page
//! that fails yields the endpoint's typed error and ends the stream.

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::hash::{BuildHasher, RandomState};

pub use futures_core::Stream;

use crate::endpoint::Endpoint;
use crate::error::Error;

/// A list endpoint's request that the client can page through: generated for every endpoint whose
/// spec declares `pagination`.
pub trait Paginated: Endpoint {
    /// One entry of the list (`items`, `result.list`).
    type Item: Send + 'static;

    /// The cursor this page's answer gives for the next page, or `None` when it is the last page
    /// (`has_more` false, no cursor, or an empty one).
    fn next_cursor(response: &Self::Response) -> Option<String>;

    /// This request, asking for the page at `cursor`.
    fn with_cursor(&self, cursor: &str) -> Self;

    /// The cursor this request itself carries (a list resumed where an earlier one stopped), if
    /// any: the stream counts it as handed out, so a server that gives it back ends the list
    /// instead of sending the same page again.
    fn cursor(&self) -> Option<String> {
        None
    }

    /// The entries of one page, in the server's order.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// Where a pagination stream stands between polls.
struct State<R: Paginated, F> {
    /// The request for the next page; `None` once the last page was fetched or a page failed.
    next: Option<R>,
    /// The entries of the last page not yet handed out.
    items: VecDeque<R::Item>,
    /// Every cursor given so far: a server that hands out one twice would page for ever.
    seen: Seen,
    send: F,
}

/// The stream behind every client's `paginate`: `send` sends one request and is called once per
/// page, only when the stream is polled past the entries already fetched.
#[doc(hidden)]
pub fn pages<R, F, Fut>(first: R, send: F) -> impl Stream<Item = Result<R::Item, Error<R::Error>>>
where
    R: Paginated,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<R::Response, Error<R::Error>>>,
{
    let mut seen = Seen::default();
    if let Some(cursor) = first.cursor() {
        seen.insert(&cursor);
    }
    let state = State {
        next: Some(first),
        items: VecDeque::new(),
        seen,
        send,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.pop_front() {
                return Some((Ok(item), state));
            }
            let request = state.next.take()?;
            match (state.send)(request.clone()).await {
                Err(error) => return Some((Err(error), state)),
                Ok(response) => {
                    state.next = R::next_cursor(&response)
                        .filter(|cursor| !cursor.is_empty() && state.seen.insert(cursor))
                        .map(|cursor| request.with_cursor(&cursor));
                    state.items = R::into_items(response).into();
                }
            }
        }
    })
}

/// The cursors a stream has handed out, each kept as a 64-bit keyed hash rather than its text: a
/// server's cursor may be as long as an answer (megabytes), and a list of many pages must not keep
/// them all. The keys are drawn per stream, so a server cannot choose cursors that collide; two
/// different cursors of one list share a hash with a chance of about n² / 2⁶⁵ for n pages (a
/// collision would end the list early, never loop it).
#[derive(Default)]
struct Seen {
    keys: RandomState,
    hashes: HashSet<u64>,
}

impl Seen {
    /// Whether `cursor` is new (and now counted).
    fn insert(&mut self, cursor: &str) -> bool {
        self.hashes.insert(self.keys.hash_one(cursor))
    }
}

/// A cursor as the stream keeps it: an integer cursor as its decimal text.
#[doc(hidden)]
pub trait CursorText {
    /// The cursor's text; `None` for no cursor.
    fn cursor_text(&self) -> Option<String>;
}

impl CursorText for String {
    fn cursor_text(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl CursorText for i64 {
    fn cursor_text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl CursorText for i32 {
    fn cursor_text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl<T: CursorText> CursorText for Option<T> {
    fn cursor_text(&self) -> Option<String> {
        self.as_ref().and_then(CursorText::cursor_text)
    }
}

/// A cursor read back into the request field's type.
#[doc(hidden)]
pub trait FromCursor: Sized {
    /// The value for `cursor`; `None` when it is not one (an integer field given other text).
    fn from_cursor(cursor: &str) -> Option<Self>;
}

impl FromCursor for String {
    fn from_cursor(cursor: &str) -> Option<Self> {
        Some(cursor.to_owned())
    }
}

impl FromCursor for i64 {
    fn from_cursor(cursor: &str) -> Option<Self> {
        cursor.parse().ok()
    }
}

impl FromCursor for i32 {
    fn from_cursor(cursor: &str) -> Option<Self> {
        cursor.parse().ok()
    }
}
