//! Checks beyond the shape of the JSON: names, references between parts of a spec, constraints that
//! fit their types, and the page's examples against the spec itself. Runs on the whole model and
//! reports every problem; code is generated only when there are none.
//!
//! Each rule is a function named for what it enforces, with a comment on why it exists. [`check`]
//! runs them in order (the order problems are reported in): the platforms' rules (`platform`), the
//! error rows' (`error_rows`), each endpoint's (`endpoint`), its fields' (`field`) and its
//! examples' (`example`). The model holds only what the spec gave (see `model`), so a rule never
//! sees a made-up value; a rule that looks a name up in a list skips a list the loader could not
//! read whole, so an earlier error is not reported again as its consequence.

mod endpoint;
mod error_rows;
mod example;
mod field;
mod pagination;
mod platform;
mod rules;

pub use field::{MAX_OBJECT_DEPTH, is_open_enum};

use std::collections::{HashMap, HashSet};

use crate::diag::{Ctxt, Loc};
use crate::model::{EndpointSpec, PlatformSpec, SpecSet};

pub fn check(cx: &mut Ctxt, set: &SpecSet) {
    let mut platforms: HashMap<&str, &PlatformSpec> = HashMap::new();
    for platform in &set.platforms {
        platform::check_platform(cx, platform);
        platform::platform_is_defined_once(cx, platform, &mut platforms);
    }
    for platform in &set.platforms {
        // A built-in platform's token endpoint is group-api's, checked where group-api is built.
        if let (Some(token), false) = (&platform.token, platform.built_in) {
            platform::token_endpoint_fits_the_client(cx, set, platform, token);
        }
    }
    let mut names: HashSet<(&str, &str)> = HashSet::new();
    let mut types: HashMap<(&str, String), Loc> = HashMap::new();
    for platform in &set.platforms {
        for def in &platform.types {
            endpoint::shared_type_is_valid(cx, def);
        }
        endpoint::shared_type_names_are_free_of_the_platforms_own(cx, platform);
        let named = platform
            .types
            .iter()
            .map(|t| (t.rust_type.clone(), t.at.clone()))
            .collect();
        endpoint::type_names_are_unique_per_platform(cx, &platform.platform, named, &mut types);
    }
    for endpoint in &set.endpoints {
        endpoint::endpoint_is_defined_once(cx, endpoint, &mut names);
        let api = endpoint::api_of(cx, set, &platforms, endpoint);
        endpoint::check_endpoint(cx, endpoint, api);
        if let Some(pagination) = &endpoint.pagination {
            pagination::check_pagination(cx, endpoint, pagination);
        }
        if let Some(platform) = platforms.get(endpoint.platform.as_str()) {
            endpoint::names_are_free_of_the_platforms_own(cx, platform, endpoint);
            endpoint::shared_types_are_defined(cx, endpoint, platform);
        }
        endpoint::type_names_are_unique_per_platform(
            cx,
            &endpoint.platform,
            endpoint::named_types(endpoint),
            &mut types,
        );
    }
}

/// The endpoints of `platform` in the set.
fn endpoints_of<'s>(set: &'s SpecSet, platform: &str) -> Vec<&'s EndpointSpec> {
    set.endpoints
        .iter()
        .filter(|e| e.platform == platform)
        .collect()
}
