//! `cmr-sandbox --port N --api-key K [--sandbox-key K|--no-sandbox-key] --seed S
//!  [--world demo|empty|big-account|large[:MAILBOXES:DOMAINS]] [--rps N|off] [--clock fast|real|manual]
//!  [--factor F] [--lenient] [--dns-port N]`; `cmr-sandbox --rules` prints the rule table and exits.
//! Serves on 127.0.0.1; the first stdout line is `listening on http://127.0.0.1:PORT`. With
//! `--dns-port`, the domains' DNS is served there too (UDP and TCP; 0 picks a free port) and a
//! third line says `dns on 127.0.0.1:PORT`.

use std::io::Write;

use cmr_sandbox::{ClockMode, Sandbox, SandboxConfig, World};

const USAGE: &str = "usage: cmr-sandbox [--port N] [--api-key KEY] [--sandbox-key KEY|--no-sandbox-key] [--seed S] [--world demo|empty|big-account|large[:MAILBOXES:DOMAINS]] [--rps N|off] [--clock fast|real|manual] [--factor F] [--lenient] [--dns-port N] | --rules";

enum Command {
    Serve(SandboxConfig),
    Rules,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let mut c = SandboxConfig::demo("sandbox-key");
    let mut factor = 20.0;
    let mut clock = "fast".to_string();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--help" | "-h" => return Err(USAGE.into()),
            "--rules" => return Ok(Command::Rules),
            "--lenient" => {
                c.lenient = true;
                continue;
            }
            "--no-sandbox-key" => {
                c.sandbox_api_key = None;
                continue;
            }
            _ => {}
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let msg = format!("invalid value for {flag}: {value}");
        match flag.as_str() {
            "--port" => c.port = value.parse().map_err(|_| msg.clone())?,
            "--api-key" => {
                // The default sandbox key follows the partner key unless set on its own.
                if c.sandbox_api_key.as_deref() == Some(&format!("{}-sandbox", c.api_key)) {
                    c.sandbox_api_key = Some(format!("{value}-sandbox"));
                }
                c.api_key = value.clone();
            }
            "--sandbox-key" => c.sandbox_api_key = Some(value.clone()),
            "--seed" => c.seed = value.parse().map_err(|_| msg.clone())?,
            "--rps" => c.requests_per_second = if value == "off" { None } else { Some(value.parse().map_err(|_| msg.clone())?) },
            "--clock" => clock = value.clone(),
            "--factor" => factor = value.parse().map_err(|_| msg.clone())?,
            "--dns-port" => c.dns_port = Some(value.parse().map_err(|_| msg.clone())?),
            "--world" => c.world = World::parse(value).map_err(|e| format!("invalid value for --world: {e}"))?,
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    c.clock = match clock.as_str() {
        "fast" => ClockMode::Fast { factor },
        "real" => ClockMode::Real,
        "manual" => ClockMode::Manual,
        other => return Err(format!("invalid value for --clock: {other}")),
    };
    Ok(Command::Serve(c))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(Command::Serve(c)) => c,
        Ok(Command::Rules) => {
            print!("{}", cmr_sandbox::rules::table());
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let handle = match Sandbox::start(config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("cmr-sandbox: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "listening on http://{}", handle.addr());
    let _ = writeln!(out, "base url {}", handle.base_url());
    if let Some(dns) = handle.dns_addr() {
        let _ = writeln!(out, "dns on {dns}");
    }
    let _ = out.flush();
    shutdown_signal().await;
    handle.shutdown().await;
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("signal handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
