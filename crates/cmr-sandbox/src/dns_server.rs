//! An authoritative DNS server on loopback (UDP and TCP on one port), so a live DNS check can
//! be exercised without leaving the machine and the Demo's domains resolve for real. What it
//! answers is decided in `dns_answer`; this file holds the zones, the sockets and the handle.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::dns_answer::{reply, Zone};

/// One published resource record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DnsRecord {
    /// Fully qualified, lowercase, no trailing dot: "_dmarc.acme.com", "acme.com".
    pub name: String,
    /// "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "NS"
    pub rtype: String,
    pub ttl: u32,
    /// A/AAAA: the address; CNAME/NS: the target host (no trailing dot); MX: "10 host"; TXT: the text, unquoted
    /// (a TXT longer than 255 bytes is sent as several character-strings, which resolvers join).
    pub data: String,
}

/// Zones served besides those published through the handle, looked up on every query: the
/// sandbox answers from its live state this way instead of copying thousands of zones.
pub(crate) trait ZoneSource: Send + Sync {
    /// The records of the zone whose apex is exactly `apex`, `None` when it serves none.
    fn zone(&self, apex: &str) -> Option<Arc<Vec<DnsRecord>>>;
}

struct Zones {
    published: RwLock<HashMap<String, Arc<Vec<DnsRecord>>>>,
    source: Option<Arc<dyn ZoneSource>>,
    queries: AtomicU64,
}

impl Zones {
    /// The zone whose apex is the longest suffix of `name`; a published zone wins over the
    /// source at the same apex.
    fn zone_of(&self, name: &str) -> Option<Zone> {
        let mut suffix = name;
        loop {
            let published = self.published.read().unwrap_or_else(|e| e.into_inner()).get(suffix).cloned();
            if let Some(records) = published.or_else(|| self.source.as_ref().and_then(|s| s.zone(suffix))) {
                return Some(Zone { apex: suffix.to_string(), records });
            }
            suffix = &suffix[suffix.find('.')? + 1..];
        }
    }

    fn answer(&self, packet: &[u8], udp: bool) -> Option<Vec<u8>> {
        let bytes = reply(packet, udp, |name| self.zone_of(name))?;
        self.queries.fetch_add(1, Ordering::Relaxed);
        Some(bytes)
    }
}

fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Entry point: `DnsServer::start(port, zones).await`.
pub struct DnsServer;

impl DnsServer {
    /// Serves the given zones (apex names, e.g. "acme.com") authoritatively on UDP and TCP at 127.0.0.1:port (0 = any free port; UDP and TCP on the same port).
    pub async fn start(port: u16, zones: Vec<(String, Vec<DnsRecord>)>) -> std::io::Result<DnsServerHandle> {
        Self::start_with_source(port, zones, None).await
    }

    pub(crate) async fn start_with_source(
        port: u16,
        zones: Vec<(String, Vec<DnsRecord>)>,
        source: Option<Arc<dyn ZoneSource>>,
    ) -> std::io::Result<DnsServerHandle> {
        let (udp, tcp) = bind(port).await?;
        let addr = udp.local_addr()?;
        let state = Arc::new(Zones { published: RwLock::default(), source, queries: AtomicU64::new(0) });
        let (stop, stopped) = watch::channel(false);
        let tasks = vec![
            tokio::spawn(serve_udp(udp, state.clone(), stopped.clone())),
            tokio::spawn(serve_tcp(tcp, state.clone(), stopped)),
        ];
        let handle = DnsServerHandle { addr, state, stop, tasks };
        for (apex, records) in zones {
            handle.publish_zone(&apex, records);
        }
        Ok(handle)
    }
}

/// UDP first, then TCP on the port it got; with port 0 another process may hold that TCP
/// port, so a few fresh ports are tried.
async fn bind(port: u16) -> std::io::Result<(UdpSocket, TcpListener)> {
    let mut tries = if port == 0 { 20 } else { 1 };
    loop {
        let udp = UdpSocket::bind(("127.0.0.1", port)).await?;
        match TcpListener::bind(udp.local_addr()?).await {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(e) if tries <= 1 => return Err(e),
            Err(_) => tries -= 1,
        }
    }
}

async fn serve_udp(socket: UdpSocket, state: Arc<Zones>, mut stopped: watch::Receiver<bool>) {
    let mut buf = vec![0u8; 65_535];
    loop {
        let (len, peer) = tokio::select! {
            _ = stopped.changed() => return,
            r = socket.recv_from(&mut buf) => match r {
                Ok(x) => x,
                // An ICMP error from an earlier reply's peer surfaces here on some systems.
                Err(_) => continue,
            },
        };
        if let Some(bytes) = state.answer(&buf[..len], true) {
            let _ = socket.send_to(&bytes, peer).await;
        }
    }
}

async fn serve_tcp(listener: TcpListener, state: Arc<Zones>, mut stopped: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            _ = stopped.changed() => return,
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                // Out of descriptors, say: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        tokio::spawn(serve_connection(stream, state.clone(), stopped.clone()));
    }
}

/// Queries on one connection, each behind its two-byte length, until the peer closes, stays
/// idle too long, or the server stops.
async fn serve_connection(mut stream: TcpStream, state: Arc<Zones>, mut stopped: watch::Receiver<bool>) {
    const IDLE: Duration = Duration::from_secs(10);
    loop {
        let read = async {
            let len = stream.read_u16().await? as usize;
            let mut packet = vec![0u8; len];
            stream.read_exact(&mut packet).await?;
            Ok::<_, std::io::Error>(packet)
        };
        let packet = tokio::select! {
            _ = stopped.changed() => return,
            r = tokio::time::timeout(IDLE, read) => match r {
                Ok(Ok(p)) => p,
                _ => return,
            },
        };
        let Some(bytes) = state.answer(&packet, false) else { return };
        let Ok(len) = u16::try_from(bytes.len()) else { return };
        let mut framed = len.to_be_bytes().to_vec();
        framed.extend_from_slice(&bytes);
        if stream.write_all(&framed).await.is_err() {
            return;
        }
    }
}

/// A running DNS server. Dropping it stops the server too.
pub struct DnsServerHandle {
    addr: SocketAddr,
    state: Arc<Zones>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl DnsServerHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Publishes (replaces) one zone's records; adds the zone if new.
    pub fn publish_zone(&self, apex: &str, records: Vec<DnsRecord>) {
        let records = records
            .into_iter()
            .map(|r| DnsRecord { name: normalize(&r.name), rtype: r.rtype.to_ascii_uppercase(), ..r })
            .collect();
        self.state.published.write().unwrap_or_else(|e| e.into_inner()).insert(normalize(apex), Arc::new(records));
    }

    pub fn remove_zone(&self, apex: &str) {
        self.state.published.write().unwrap_or_else(|e| e.into_inner()).remove(&normalize(apex));
    }

    /// DNS queries answered since start (UDP + TCP), for figures like "queries sent".
    pub fn query_count(&self) -> u64 {
        self.state.queries.load(Ordering::Relaxed)
    }

    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }
}

impl Drop for DnsServerHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in &self.tasks {
            task.abort();
        }
    }
}
