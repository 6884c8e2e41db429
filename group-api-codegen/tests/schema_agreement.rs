//! The macro's loader and `spec/schema.json` accept exactly the same files: every spec fixture in
//! the repository goes through both, so an editor never flags a file the macro takes, nor passes
//! one the macro refuses. (The checks between parts and files, such as an example against its
//! fields, are the macro's alone: a schema cannot express them, so only the shape is compared.)

use std::path::{Path, PathBuf};

use group_api_codegen::{SourceFile, load_only};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every spec fixture: `spec/`, the user crate's spec folders, the tests crate's spec folders, and
/// the folders of the trybuild cases.
fn fixtures() -> Vec<PathBuf> {
    let root = root();
    let mut folders = vec![
        root.join("spec"),
        root.join("tests/paginate-spec"),
        root.join("tests/round-two-spec"),
        root.join("tests/call-forms-spec"),
    ];
    for parent in [
        "tests/user-crate",
        "tests/ui/pass/specs",
        "tests/ui/fail/specs",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(parent)) else {
            panic!("{parent} is missing");
        };
        folders.extend(
            entries
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.is_dir() && (parent != "tests/user-crate" || has_json(p))),
        );
    }
    let mut files: Vec<PathBuf> = folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).expect("a fixture folder"))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().is_some_and(|n| n != "schema.json")
        })
        .collect();
    files.sort();
    files
}

fn has_json(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "json"))
    })
}

/// What the macro says about each file of a folder: the problems of its shape alone (`load_only`),
/// and whether the whole macro (load, check, generate, built-in platforms included) refuses it.
struct MacroVerdict {
    shape: Result<(), Vec<String>>,
    refused: Vec<String>,
}

fn macro_verdicts(files: &[PathBuf]) -> Vec<(PathBuf, MacroVerdict)> {
    let root = root();
    let mut out = Vec::new();
    let mut folders: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    folders.dedup();
    for folder in folders {
        let dir = folder
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let options = group_api_codegen::Options {
            krate: quote::quote!(::group_api),
            inline_platform: None,
            client: None,
            js_client: None,
            builtin: dir == "spec",
        };
        let whole = group_api_codegen::generate_from_dir(&root, &dir, &options);
        for path in files.iter().filter(|f| f.parent() == Some(folder)) {
            let name = path.file_name().unwrap().to_string_lossy();
            let shown = format!("{dir}/{name}");
            let refused = match &whole {
                Ok(_) => Vec::new(),
                Err(diags) => diags
                    .list()
                    .iter()
                    .filter(|d| d.file.as_deref() == Some(shown.as_str()))
                    .map(ToString::to_string)
                    .collect(),
            };
            let text = std::fs::read_to_string(path).unwrap();
            // A name without `.json`: the rule that a file is named after its contents is the
            // folder's, not the shape's.
            let file = SourceFile::new(PathBuf::from("shape"), shown, text);
            let shape = match load_only(vec![file]) {
                Ok(_) => Ok(()),
                Err(diags) => Err(diags.list().iter().map(ToString::to_string).collect()),
            };
            out.push((path.clone(), MacroVerdict { shape, refused }));
        }
    }
    out
}

/// Every file the schema refuses, the macro refuses; every file whose shape the loader refuses,
/// the schema refuses. So the schema accepts exactly the files of a shape the macro takes, and an
/// editor shows a broken file as broken. (Between the two lie the macro's checks a schema cannot
/// make: a duplicate field, an example against its fields.)
#[test]
fn the_loader_and_the_schema_accept_the_same_files() {
    let schema_text = std::fs::read_to_string(root().join("spec/schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("urn:group-api:schema", schema)
        .unwrap();
    let index = compiler
        .compile("urn:group-api:schema", &mut schemas)
        .expect("spec/schema.json is a valid JSON Schema");
    let files = fixtures();
    assert!(files.len() > 40, "only {} fixtures found", files.len());
    let mut disagree = Vec::new();
    for (path, verdict) in macro_verdicts(&files) {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        let by_schema: Result<(), Vec<String>> = match serde_json::from_str::<Value>(&text) {
            Ok(value) => schemas
                .validate(&value, index)
                .map_err(|error| vec![format!("{error:#}")]),
            Err(e) => Err(vec![format!("not JSON: {e}")]),
        };
        match (&by_schema, &verdict.shape) {
            (Ok(()), Err(why)) => disagree.push(format!(
                "{shown}: the schema accepts it, the loader refuses its shape:\n    {}",
                why.join("\n    ")
            )),
            (Err(why), Ok(())) if verdict.refused.is_empty() => disagree.push(format!(
                "{shown}: the macro accepts it, the schema refuses it:\n    {}",
                why.join("\n    ")
            )),
            _ => {}
        }
    }
    assert!(
        disagree.is_empty(),
        "{} of {} files disagree:\n{}",
        disagree.len(),
        files.len(),
        disagree.join("\n")
    );
}
