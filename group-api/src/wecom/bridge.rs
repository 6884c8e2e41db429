//! The one thing a host provides: a way to make a JS-SDK call (`wx.qy.*`, `ww.*`, `wx.*`,
//! `wx.invoke`) and hand back its result object.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::Value;

use crate::error::BridgeError;

/// Makes a WeCom JS-SDK call inside the WeCom client and reports the result object.
///
/// WeCom answers a JS-SDK call only inside its own client, through the `success` and `fail`
/// callbacks of `wx.qy.<api>(args)` (or of `ww.<api>`, `wx.<api>`, `wx.invoke("<api>", ..)`). A
/// Rust program reaches that from a WebAssembly front end
/// (through `wasm-bindgen`) or from a native webview host (through its script bridge). group-api
/// cannot own that path, so it asks the host for exactly one thing: given the API name and the
/// argument object, make the call and return the object the JS-SDK passed to `success` or to
/// `fail`, unchanged. Everything else (building and checking the arguments, reading `errMsg`,
/// mapping it to the endpoint's error enum) is done by [`JsClient`](super::JsClient).
///
/// # What to return
///
/// - `call` is the full call name as the page writes it, so the bridge can tell WeCom's call
///   forms apart: `"wx.qy.updateCorpGroupChat"` (call `wx.qy.updateCorpGroupChat(args)`),
///   `"ww.createCorpGroupChat"` (the newer `ww` namespace), `"wx.openEnterpriseChat"`, and
///   `"wx.invoke:selectEnterpriseContact"` for `wx.invoke("selectEnterpriseContact", args, cb)`.
///   In JavaScript:
///
///   ```js
///   function callJsSdk(call, args) {
///     return new Promise((resolve) => {
///       const done = (res) => resolve(res);
///       if (call.startsWith("wx.invoke:")) {
///         wx.invoke(call.slice("wx.invoke:".length), args, done);
///         return;
///       }
///       const path = call.split(".");
///       const fn = path.reduce((object, key) => object && object[key], globalThis);
///       fn.call(undefined, { ...args, success: done, fail: done, cancel: done });
///     });
///   }
///   ```
/// - `args` is the argument object, already in the page's shape (camelCase keys, unset fields left
///   out). Pass it as is; the `success` and `fail` callbacks are the bridge's to add.
/// - Return `Ok(res)` with the `res` of **either** callback, `fail` included: a failed call is an
///   answer, and the client turns its `errMsg` into a typed error. The same holds for the promise
///   form of the JS-SDK typings (`{errMsg, errCode}`).
/// - Return `Err(BridgeError)` only when the call could not be made or no result came back: `wx`
///   is not loaded, the host's script channel is closed, the result was not JSON.
///
/// # Threads
///
/// On native targets the bridge and the future of [`call`](JsBridge::call) must be [`Send`] (and
/// the bridge [`Sync`]), so a [`JsClient`](super::JsClient) can be shared and its calls spawned
/// on a multi-threaded runtime. On WebAssembly (`target_family = "wasm"`) these bounds are dropped:
/// `wasm-bindgen`'s `JsValue` and `JsFuture` are neither, and the browser runs one thread anyway.
/// [`MaybeSend`] and [`MaybeSync`] carry this difference, so one implementation compiles for both.
///
/// # Example
///
/// An `async fn` in the impl is the usual way to write it:
///
/// ```
/// use group_api::BridgeError;
/// use group_api::wecom::JsBridge;
/// use serde_json::{Value, json};
///
/// /// Answers every call as a WeCom client without a `wx.qy.login` session would.
/// struct LoggedOut;
///
/// impl JsBridge for LoggedOut {
///     async fn call(&self, call: &str, _args: Value) -> Result<Value, BridgeError> {
///         // `errMsg` starts with the API's name: the call name's last part.
///         let api = call.rsplit(['.', ':']).next().unwrap_or(call);
///         Ok(json!({ "errMsg": format!("{api}:fail no session or expired") }))
///     }
/// }
/// ```
pub trait JsBridge: MaybeSend + MaybeSync {
    /// Makes the JS-SDK call named `call` (`wx.qy.updateCorpGroupChat`,
    /// `wx.invoke:selectEnterpriseContact`, ...) with `args` and returns the result object of its
    /// `success` or `fail` callback, or a [`BridgeError`] when the call could not be made.
    fn call(
        &self,
        call: &str,
        args: Value,
    ) -> impl Future<Output = Result<Value, BridgeError>> + MaybeSend;
}

/// A shared bridge is a bridge: a host can keep an `Arc` of its bridge and give the client a clone.
impl<B: JsBridge> JsBridge for Arc<B> {
    fn call(
        &self,
        call: &str,
        args: Value,
    ) -> impl Future<Output = Result<Value, BridgeError>> + MaybeSend {
        B::call(self, call, args)
    }
}

/// [`Send`] on native targets; no bound on WebAssembly, where JavaScript values are not `Send`.
///
/// Implemented for every type that qualifies; a host never implements it by hand.
#[cfg(not(target_family = "wasm"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_family = "wasm"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// [`Send`] on native targets; no bound on WebAssembly, where JavaScript values are not `Send`.
///
/// Implemented for every type that qualifies; a host never implements it by hand.
#[cfg(target_family = "wasm")]
pub trait MaybeSend {}
#[cfg(target_family = "wasm")]
impl<T: ?Sized> MaybeSend for T {}

/// [`Sync`] on native targets; no bound on WebAssembly, where JavaScript values are not `Sync`.
///
/// Implemented for every type that qualifies; a host never implements it by hand.
#[cfg(not(target_family = "wasm"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_family = "wasm"))]
impl<T: Sync + ?Sized> MaybeSync for T {}

/// [`Sync`] on native targets; no bound on WebAssembly, where JavaScript values are not `Sync`.
///
/// Implemented for every type that qualifies; a host never implements it by hand.
#[cfg(target_family = "wasm")]
pub trait MaybeSync {}
#[cfg(target_family = "wasm")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed bridge call: `Send` wherever [`MaybeSend`] means `Send`.
#[cfg(not(target_family = "wasm"))]
pub(super) type BridgeFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Value, BridgeError>> + Send + 'a>>;
#[cfg(target_family = "wasm")]
pub(super) type BridgeFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, BridgeError>> + 'a>>;

/// [`JsBridge`] behind a pointer. `JsBridge::call` returns `impl Future`, which a trait object
/// cannot, so the client keeps this boxed-future form of whatever bridge it was given and stays a
/// plain, non-generic type (the generated `JsClient::<endpoint>` methods need one).
pub(super) trait ErasedBridge: MaybeSend + MaybeSync {
    fn call_boxed<'a>(&'a self, call: &'a str, args: Value) -> BridgeFuture<'a>;
}

impl<B: JsBridge> ErasedBridge for B {
    fn call_boxed<'a>(&'a self, call: &'a str, args: Value) -> BridgeFuture<'a> {
        Box::pin(self.call(call, args))
    }
}
