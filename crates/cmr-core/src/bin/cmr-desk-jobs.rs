//! Runs and resumes bulk jobs from the command line, on the same data folder the app uses.
//!
//! ```text
//! CMR_BASE_URL=… CMR_API_KEY=… cmr-desk-jobs --data DIR --profile ID start JOB.json
//! CMR_BASE_URL=… CMR_API_KEY=… cmr-desk-jobs --data DIR --profile ID resume
//! ```
//! `start` stores the job (a `NewBulkJob` as JSON) and runs it; `resume` runs whatever the
//! profile left unfinished, as the app does on start. Both wait for the end and print each
//! job's counts as one JSON line. The key is read from the environment only; `CMR_RPS` sets
//! the pace when the account's limit differs from CMR's 5 requests/s.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use cmr_core::{Desk, JobState, NewBulkJob, NullSink};

/// The largest job file read: far above 100,000 items of any operation, and checked before
/// the file is read.
const MAX_JOB_FILE_BYTES: u64 = 256 * 1024 * 1024;

fn read_job(file: &str) -> Result<NewBulkJob, String> {
    let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
    if size > MAX_JOB_FILE_BYTES {
        return Err(format!("the file is {size} bytes; a job file is at most {MAX_JOB_FILE_BYTES} bytes"));
    }
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

fn usage() -> ! {
    eprintln!("usage: cmr-desk-jobs --data DIR --profile ID (start JOB.json | resume)");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let (Some(data), Some(profile)) = (value("--data"), value("--profile")) else { usage() };
    let (Ok(base_url), Ok(key)) = (std::env::var("CMR_BASE_URL"), std::env::var("CMR_API_KEY")) else {
        eprintln!("set CMR_BASE_URL and CMR_API_KEY");
        std::process::exit(2)
    };
    let mut config = ClientConfig::new(base_url, ApiKey::new(key));
    if let Some(rps) = std::env::var("CMR_RPS").ok().and_then(|v| v.parse().ok()) {
        config.requests_per_second = rps;
    }
    let client = match CmrClient::new(config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2)
        }
    };
    // Opening resumes every unfinished job of the profile.
    let desk = match Desk::open(&PathBuf::from(data), &profile, client, Arc::new(NullSink)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    };
    if let Some(i) = args.iter().position(|a| a == "start") {
        let Some(file) = args.get(i + 1) else { usage() };
        let job: NewBulkJob = match read_job(file) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(2)
            }
        };
        match desk.start_bulk_job(job) {
            Ok(v) => println!("started {}", v.id),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        }
    } else if !args.iter().any(|a| a == "resume") {
        usage()
    }
    loop {
        let jobs = desk.list_jobs(Some(1000)).unwrap_or_default();
        if jobs.iter().all(|j| j.state != JobState::Running) {
            for j in &jobs {
                println!("{}", serde_json::to_string(j).unwrap_or_default());
            }
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    desk.close();
}
