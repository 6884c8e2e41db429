//! Objects nested as deep as the spec format allows (32 levels) compile, in a request and in a
//! response; one level more is refused by the macro (issue 14: past about 60 levels rustc's trait
//! resolution overflowed with E0275).

group_api::endpoints!("specs/deep");

use acme::deep::*;

/// Wraps `inner` in each named object in turn, from the innermost out.
macro_rules! wrap {
    ($inner:expr; $($outer:ident . $field:ident),*) => {{
        let inner = $inner;
        $( let inner = $outer::builder().$field(inner).build(); )*
        inner
    }};
}

fn main() {
    let outer: In0 = wrap!(In31::builder().leaf("x").build();
        In30.n31, In29.n30, In28.n29, In27.n28, In26.n27, In25.n26, In24.n25, In23.n24,
        In22.n23, In21.n22, In20.n21, In19.n20, In18.n19, In17.n18, In16.n17, In15.n16,
        In14.n15, In13.n14, In12.n13, In11.n12, In10.n11, In9.n10, In8.n9, In7.n8, In6.n7,
        In5.n6, In4.n5, In3.n4, In2.n3, In1.n2, In0.n1
    );
    let request = DeepRequest::builder().n0(outer).build().unwrap();
    let text = serde_json::to_string(&request).unwrap();
    assert_eq!(text.matches("\"n").count(), 32);
    assert!(text.contains("\"leaf\":\"x\""));
    let response: DeepResponse = serde_json::from_str(&text).unwrap();
    assert!(response.n0.is_some());
}
