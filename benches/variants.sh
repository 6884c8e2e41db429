#!/usr/bin/env bash
# The one-off variants of BENCHMARKS.md, "Issue 18", "The eighth session": each is the written-out
# synthetic crate of `build-parts` changed by one perl substitution, built under cachegrind, and
# reported as instructions per endpoint, (c(24) - c(4)) / 20, beside `full` and `plain`.
#
# The substitutions match the expansion as `e8a3a57` wrote it (a trait per field for a field set
# twice); most of them find nothing in a later expansion. So write the folder with that
# checkout's tool:
#
#   git worktree add ../before e8a3a57
#   (cd ../before && cargo run --release -p group-api-benches --bin build-parts -- \
#       --sizes 4,24 --rounds 1 --kinds full --work /tmp/variants --keep)
#   benches/variants.sh /tmp/variants [variant...]     # all variants: about 25 minutes
#
# Needs valgrind. Builds are clean and not incremental (CARGO_INCREMENTAL=0), one crate at a time,
# with this checkout's `build-parts` as cargo's rustc wrapper, as its `--instructions` does.
set -euo pipefail

work=${1:?usage: variants.sh WORK_FOLDER_OF_BUILD_PARTS [variant...]}
shift
work=$(cd "$work" && pwd)
[ -f "$work/.group-api-build-parts" ] || { echo "$work was not written by build-parts" >&2; exit 1; }

# The two runtime traits the "one trait" variants put at the top of the crate.
shared_unset='#[diagnostic::on_unimplemented(message = "this field is already set on this builder", label = "set before; each field is set once")]\npub trait IsUnset {}\nimpl IsUnset for ::group_api::__private_0_1::Unset {}\n'
shared_unset_r='#[diagnostic::on_unimplemented(message = "this field is already set on this `{R}` builder", label = "set before; each field is set once")]\npub trait IsUnset<R> {}\nimpl<R> IsUnset<R> for ::group_api::__private_0_1::Unset {}\n'
shared_set='#[diagnostic::on_unimplemented(message = "a required field is not set", label = "required")]\npub trait IsSet {}\nimpl IsSet for ::group_api::__private_0_1::Set {}\n'
# A per-field trait with its attribute and its impl for `Unset` or `Set`.
trait_unset='\s*#\[diagnostic::on_unimplemented\(\s*message = "[^"]*",\s*label = "[^"]*"\s*\)\]\s*pub trait \w+ \{\}\s*impl \w+ for super::__p::Unset \{\}'
trait_any='\s*#\[diagnostic::on_unimplemented\(\s*message = "[^"]*",\s*label = "[^"]*"\s*\)\]\s*pub trait \w+ \{\}\s*impl \w+ for super::__p::(Uns|S)et \{\}'
# After the crate's `#![allow(..)]` line.
top='s/\A(#!\[allow[^\n]*\n)/$1'

declare -A program=(
  [shared-unset]="s/$trait_unset//g; s/At: [\w:]+Unset(,?\s*)>/At: crate::IsUnset\$1>/gs; $top$shared_unset/"
  [shared-unset-named]="s/$trait_unset//g; s/(-> (\w+)Builder<__p::Filled<S, [^\n]*>>\n\s*where\n\s*S: __p::Slot<\s*__p::I\d+,\s*At: )[\w:]+Unset/\$1crate::IsUnset<\$2>/gs; $top$shared_unset_r/"
  [shared-unset-unit]="s/$trait_unset//g; s/At: [\w:]+Unset(,?\s*)>/At: crate::IsUnset<()>\$1>/gs; $top$shared_unset_r/"
  [shared-both]="s/$trait_any//g; s/At: [\w:]+Unset(,?\s*)>/At: crate::IsUnset\$1>/gs; s/At: [\w:]+Set(,?\s*)>/At: crate::IsSet\$1>/gs; $top$shared_unset$shared_set/"
  [equality-bounds]="s/$trait_any//g; s/At: [\w:]+Unset([,>])/At = __p::Unset\$1/g; s/At: [\w:]+Set([,>])/At = __p::Set\$1/g"
  [no-bounds]='s/(\) -> )(\w+Builder)<__p::Filled<S, [^\n]*>>\n\s*where\n.*?\n(\s*\{\n)/$1$2<S>\n$3/gs; s/(pub fn build\(\s*self,?\s*\)[^\n]*)\n\s*where\n.*?\n(\s*\{\n)/$1\n$2/gs'
  [concrete-setters]='s/value: impl __p::Into<([^\n]*?)>,\n/value: $1,\n/g; s/values: impl __p::IntoIterator<Item: __p::Into<([^\n]*?)>>,\n/values: __p::Vec<$1>,\n/g; s/__p::Some\(value\.into\(\)\)/__p::Some(value)/g; s/__p::collect\(values\)/__p::Some(values)/g'
  [no-attributes]='s/#\[diagnostic::on_unimplemented\(\s*message = "[^"]*",\s*label = "[^"]*"\s*\)\]\s*//g'
  [blanket]='s/impl (\w+) for super::__p::(Unset|Set) \{\}/impl<__I, __S: super::__p::Slot<__I, At = super::__p::$2>> $1<__I> for __S {}/g; s/pub trait (\w+) \{\}/pub trait $1<__I>: super::__p::Slot<__I> {}/g; s/S: __p::Slot<\s*(__p::I\d+),\s*At: ([\w:]+),?\s*>/S: $2<$1>/gs'
  [bare-serialize]='s/\n(\s*)let (mut )?map = __p::map_fields\(serializer\)\?;\n.*?\n\1map\.end\(\)\n/\n$1loop {}\n/gs'
  [bare-debug]='s/\n(\s*)__p::debug_fields\(\n.*?\n\1\)\n/\n$1loop {}\n/gs'
  [ufcs-fields]='s/\bmap\.field\(/__p::MapFields::field(&mut map, /g; s/\bmap\.joined\(/__p::MapFields::joined(&mut map, /g'
)
order=(shared-unset shared-unset-named shared-unset-unit shared-both equality-bounds no-bounds concrete-setters no-attributes blanket bare-serialize bare-debug ufcs-fields)
[ $# -gt 0 ] && order=("$@")

repo=$(cd "$(dirname "$0")/.." && pwd)
(cd "$repo" && env -u CARGO_TARGET_DIR cargo build -q --release -p group-api-benches --bin build-parts)
wrapper=$repo/target/release/build-parts

count() { # crate -> instructions rustc executed building it (build-parts writes the count)
  local log="$work/instructions/$1.log"
  touch "$work/$1/src/lib.rs"
  rm -f "$log"
  (cd "$work" && env -u RUSTFLAGS -u CARGO_TARGET_DIR CARGO_INCREMENTAL=0 \
    RUSTC_WRAPPER="$wrapper" GROUP_API_BUILD_PARTS_WRAP="$work" cargo build -q -p "$1")
  grep -o 'I *refs: *[0-9,]*' "$log" | tr -dc '0-9'
}

per_endpoint() { # small large -> M per endpoint
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 20 / 1e6 }'
}

for v in "${order[@]}"; do
  [ -n "${program[$v]:-}" ] || { echo "unknown variant $v" >&2; exit 1; }
  for n in 4 24; do
    crate=variant_${v//-/_}_$n
    mkdir -p "$work/$crate/src"
    sed "s/name = \"full_$n\"/name = \"$crate\"/" "$work/full_$n/Cargo.toml" >"$work/$crate/Cargo.toml"
    perl -0pe "${program[$v]}" "$work/full_$n/src/lib.rs" >"$work/$crate/src/lib.rs"
    grep -q "\"$crate\"" "$work/Cargo.toml" || sed -i "s/members = \[/members = [\"$crate\", /" "$work/Cargo.toml"
  done
done

printf '| crate | per endpoint |\n| --- | ---: |\n'
for base in full plain "${order[@]}"; do
  case $base in full|plain) prefix=$base ;; *) prefix=variant_${base//-/_} ;; esac
  small=$(count "${prefix}_4")
  large=$(count "${prefix}_24")
  printf '| %s | %s M |\n' "$base" "$(per_endpoint "$small" "$large")"
done
