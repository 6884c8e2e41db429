//! BENCHMARKS.md, section "Issue 18": what a user's clean debug build costs, for a small binary that makes
//! one Feishu call (fetch a tenant token, then read a chat), written three ways:
//!
//! - `all`: group-api with its default features (every platform);
//! - `feishu`: group-api with `default-features = false, features = ["http", "feishu"]`;
//! - `hand`: the same calls written by hand with reqwest + serde + tokio, the floor.
//!
//! Each is its own workspace with its own target folder and a copy of the repository's
//! `Cargo.lock` (the same dependency versions everywhere). A round cleans each target folder and
//! builds each binary (`cargo build`, the dev profile, as a user runs it), one after the other;
//! each build is measured in CPU time (user + system of cargo and everything it ran) and wall
//! clock. Then the rebuild a user waits for after an edit: `own`, a binary beside `feishu` (same
//! workspace) whose own spec folder has one Feishu endpoint, rebuilt after toggling a bound in
//! that spec file; against `hand` rebuilt after toggling the same bound in its source.
//!
//! `cargo run --release -p group-api-benches --bin user-build -- [--rounds 3] [--work DIR] [--keep]
//! [--repo DIR]`; `--repo` measures the group-api of another checkout (a "before" worktree).
//!
//! Nothing is run: the binaries are only built. Crates come from the local registry cache
//! (`cargo fetch` runs before any timing).

use std::path::{Path, PathBuf};
use std::time::Instant;

use group_api_benches::cargo_runs::{Cost, cargo, machine, median, write};

const KINDS: [&str; 3] = ["all", "feishu", "hand"];

/// Incremental compilation as the dev profile has it, whatever this process's environment says
/// (`.ci/run` turns it off for its own builds).
const DEV_DEFAULT: &[(&str, &str)] = &[("CARGO_INCREMENTAL", "1")];

fn main() {
    let (rounds, work, keep, repo) = parse_args();
    let repo = repo.canonicalize().expect("the repository folder");
    println!("group-api from {}", repo.display());
    let started = Instant::now();
    machine();
    let _ = std::fs::remove_dir_all(&work);
    for kind in KINDS {
        write_workspace(&work.join(kind), &repo, kind);
        cargo(&work.join(kind), &["fetch"], DEV_DEFAULT);
    }

    let mut cpu = vec![Vec::new(); KINDS.len()];
    let mut wall = cpu.clone();
    for round in 1..=rounds {
        let mut line = Vec::new();
        for (k, kind) in KINDS.iter().enumerate() {
            let dir = work.join(kind);
            let _ = std::fs::remove_dir_all(dir.join("target"));
            let cost = cargo(&dir, &["build", "-p", kind], DEV_DEFAULT);
            line.push(format!(
                "{kind} {:.1} s CPU / {:.1} s wall",
                cost.cpu.as_secs_f64(),
                cost.wall.as_secs_f64()
            ));
            cpu[k].push(cost.cpu);
            wall[k].push(cost.wall);
        }
        println!("round {round}: {}", line.join(", "));
    }

    println!(
        "\n### Clean debug build of a binary that makes one Feishu call (median of {rounds} rounds)\n"
    );
    println!("| | CPU time | wall clock | CPU time / hand-written |");
    println!("| --- | ---: | ---: | ---: |");
    let labels = [
        "group-api, default features (all platforms)",
        "group-api, `http` + `feishu` only",
        "hand-written reqwest + serde",
    ];
    for (k, label) in labels.iter().enumerate() {
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|r| cpu[k][r].as_secs_f64() / cpu[2][r].as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "| {label} | {:.1} s | {:.1} s | {:.2} |",
            median(&mut cpu[k].clone()).as_secs_f64(),
            median(&mut wall[k].clone()).as_secs_f64(),
            ratios[ratios.len() / 2]
        );
    }

    // The rebuild after an edit: the user's own spec file, and the hand-written source.
    let own = rebuild(
        &work.join("feishu"),
        "own",
        &work.join("feishu/own/spec/feishu.list_group_members.json"),
        rounds,
    );
    let hand = rebuild(
        &work.join("hand"),
        "hand",
        &work.join("hand/hand/src/main.rs"),
        rounds,
    );
    println!(
        "\n### Rebuild after editing one bound (incremental, the dev default; median of {rounds})\n"
    );
    println!("| | CPU time | wall clock |");
    println!("| --- | ---: | ---: |");
    println!(
        "| group-api: one of the user's own spec files (`maximum` of a query field) | {:.2} s | {:.2} s |",
        own.cpu.as_secs_f64(),
        own.wall.as_secs_f64()
    );
    println!(
        "| hand-written: the same bound in `main.rs` | {:.2} s | {:.2} s |",
        hand.cpu.as_secs_f64(),
        hand.wall.as_secs_f64()
    );
    println!(
        "\nthe whole run took {:.1} min",
        started.elapsed().as_secs_f64() / 60.0
    );
    if !keep {
        let _ = std::fs::remove_dir_all(&work);
    }
}

fn parse_args() -> (usize, PathBuf, bool, PathBuf) {
    let mut rounds = 3;
    let mut repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut work = std::env::temp_dir().join("group-api-user-build");
    let mut keep = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => rounds = it.next().and_then(|r| r.parse().ok()).unwrap_or(0),
            "--work" => work = PathBuf::from(it.next().unwrap_or_default()),
            "--keep" => keep = true,
            "--repo" => repo = PathBuf::from(it.next().unwrap_or_default()),
            other => {
                eprintln!(
                    "unknown argument `{other}`; usage: user-build [--rounds 3] [--work DIR] [--keep] [--repo DIR]"
                );
                std::process::exit(2);
            }
        }
    }
    if rounds == 0 {
        eprintln!("--rounds needs a number of at least 1");
        std::process::exit(2);
    }
    (rounds, work, keep, repo)
}

/// One workspace per kind, so that a clean build of one builds its whole dependency tree.
fn write_workspace(dir: &Path, repo: &Path, kind: &str) {
    let group_api = format!("{:?}", repo.join("group-api").display().to_string());
    let members = match kind {
        "feishu" => "\"feishu\", \"own\"",
        "all" => "\"all\"",
        _ => "\"hand\"",
    };
    write(
        &dir.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"3\"\nmembers = [{members}]\n"),
    );
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copying Cargo.lock");
    let tokio = "tokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n";
    let (dependencies, main) = match kind {
        "all" => (
            format!("group-api = {{ path = {group_api} }}\n{tokio}"),
            GROUP_API_MAIN,
        ),
        "feishu" => (
            format!(
                "group-api = {{ path = {group_api}, default-features = false, features = [\"http\", \"feishu\"] }}\n{tokio}"
            ),
            GROUP_API_MAIN,
        ),
        _ => (
            format!(
                "reqwest = {{ version = \"0.12\", default-features = false, features = [\"json\", \"rustls-tls\"] }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\n{tokio}"
            ),
            HAND_MAIN,
        ),
    };
    write_binary(&dir.join(kind), kind, &dependencies, main);
    if kind == "feishu" {
        let own = dir.join("own");
        write_binary(
            &own,
            "own",
            &format!(
                "group-api = {{ path = {group_api}, default-features = false, features = [\"http\", \"feishu\"] }}\n{tokio}"
            ),
            OWN_MAIN,
        );
        let spec = std::fs::read_to_string(
            repo.join("tests/user-crate/spec/feishu.list_group_members.json"),
        )
        .expect("the user crate's spec file");
        // The copy sits in another folder; the schema path is only for editors.
        let spec = spec.replace(
            "\"../../../spec/schema.json\"",
            &format!("{:?}", repo.join("spec/schema.json").display().to_string()),
        );
        write(&own.join("spec/feishu.list_group_members.json"), &spec);
    }
}

fn write_binary(dir: &Path, name: &str, dependencies: &str, main: &str) {
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependencies}"
        ),
    );
    write(&dir.join("src/main.rs"), main);
}

/// Rebuild cost of `package` after toggling the bound `100` ⇄ `101` in `file`, round after round
/// (the first build is a warm-up, not counted).
fn rebuild(dir: &Path, package: &str, file: &Path, rounds: usize) -> Cost {
    cargo(dir, &["build", "-p", package], DEV_DEFAULT);
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    for round in 0..rounds.max(2) {
        let text = std::fs::read_to_string(file).expect("reading the edited file");
        let (from, to) = if round % 2 == 0 {
            ("100", "101")
        } else {
            ("101", "100")
        };
        let edited = text
            .replacen(
                &format!("\"maximum\": {from}"),
                &format!("\"maximum\": {to}"),
                1,
            )
            .replacen(
                &format!("MAX_PAGE_SIZE: u32 = {from}"),
                &format!("MAX_PAGE_SIZE: u32 = {to}"),
                1,
            );
        assert_ne!(edited, text, "the bound to edit is in {}", file.display());
        write(file, &edited);
        let cost = cargo(dir, &["build", "-p", package], DEV_DEFAULT);
        cpu.push(cost.cpu);
        wall.push(cost.wall);
    }
    Cost {
        cpu: median(&mut cpu),
        wall: median(&mut wall),
    }
}

/// The group-api binary: a client from app credentials (it fetches the tenant token), one call.
const GROUP_API_MAIN: &str = r#"use group_api::feishu;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:9".into());
    let client = feishu::Client::from_app_credentials("cli_a1b2c3", "app-secret").with_base_url(&base);
    let request = feishu::GetChatRequest::builder()
        .chat_id("oc_a0553eda9014c201e6969b478895c230")
        .user_id_type(feishu::UserIdType::OpenId)
        .build()
        .expect("a valid request");
    match client.get_chat(&request).await {
        Ok(answer) => println!("{:?}", answer.data.and_then(|chat| chat.name)),
        Err(error) => eprintln!("{error}"),
    }
}
"#;

/// The user's own endpoint, from the user's own spec folder, against Feishu alone.
const OWN_MAIN: &str = r#"group_api::endpoints!("spec");

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:9".into());
    let client = group_api::feishu::Client::from_app_credentials("cli_a1b2c3", "app-secret").with_base_url(&base);
    let request = feishu::ListGroupMembersRequest::builder()
        .group_id("g187131")
        .page_size(50)
        .build()
        .expect("a valid request");
    match client.send(&request).await {
        Ok(answer) => println!("{:?}", answer.data.and_then(|page| page.members)),
        Err(error) => eprintln!("{error}"),
    }
}
"#;

/// The same binary by hand: the token call, the chat call, the fields it prints, the error
/// envelope; and a checked bound like the one the spec edit toggles.
const HAND_MAIN: &str = r#"use serde::{Deserialize, Serialize};

const MAX_PAGE_SIZE: u32 = 100;

#[derive(Serialize)]
struct TokenRequest<'a> {
    app_id: &'a str,
    app_secret: &'a str,
}

#[derive(Deserialize)]
struct TokenResponse {
    code: i64,
    msg: String,
    #[serde(default)]
    tenant_access_token: String,
}

#[derive(Deserialize)]
struct ChatResponse {
    code: i64,
    msg: String,
    data: Option<Chat>,
}

#[derive(Debug, Deserialize)]
struct Chat {
    name: Option<String>,
    description: Option<String>,
    owner_id: Option<String>,
    chat_mode: Option<String>,
    user_count: Option<String>,
}

async fn get_chat(base: &str, chat_id: &str, page_size: u32) -> Result<Chat, String> {
    if page_size > MAX_PAGE_SIZE {
        return Err(format!("page_size is at most {MAX_PAGE_SIZE}"));
    }
    let http = reqwest::Client::new();
    let token: TokenResponse = http
        .post(format!("{base}/open-apis/auth/v3/tenant_access_token/internal"))
        .json(&TokenRequest { app_id: "cli_a1b2c3", app_secret: "app-secret" })
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    if token.code != 0 {
        return Err(format!("token: {} {}", token.code, token.msg));
    }
    let answer: ChatResponse = http
        .get(format!("{base}/open-apis/im/v1/chats/{chat_id}"))
        .query(&[("user_id_type", "open_id")])
        .bearer_auth(&token.tenant_access_token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    match answer.data {
        Some(chat) if answer.code == 0 => Ok(chat),
        _ => Err(format!("{} {}", answer.code, answer.msg)),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:9".into());
    match get_chat(&base, "oc_a0553eda9014c201e6969b478895c230", 50).await {
        Ok(chat) => println!("{:?}", chat.name),
        Err(error) => eprintln!("{error}"),
    }
}
"#;
