//! Asking the loopback DNS server real questions, over UDP or TCP, as a resolver would.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_proto::op::{Edns, Message, MessageType, OpCode, Query};
use hickory_proto::rr::{Name, RData, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const WAIT: Duration = Duration::from_secs(5);

pub fn query(name: &str, rtype: RecordType) -> Message {
    let mut m = Message::new();
    m.set_id(rand_id())
        .set_message_type(MessageType::Query)
        .set_op_code(OpCode::Query)
        .set_recursion_desired(true)
        .add_query(Query::query(Name::from_ascii(name).unwrap(), rtype));
    m
}

fn rand_id() -> u16 {
    use std::sync::atomic::{AtomicU16, Ordering};
    static NEXT: AtomicU16 = AtomicU16::new(4321);
    NEXT.fetch_add(7, Ordering::Relaxed)
}

/// Sends raw bytes over UDP; `None` when nothing comes back in time.
pub async fn raw_udp(server: SocketAddr, packet: &[u8], wait: Duration) -> Option<Vec<u8>> {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    socket.send_to(packet, server).await.unwrap();
    let mut buf = vec![0u8; 65_535];
    let (len, _) = tokio::time::timeout(wait, socket.recv_from(&mut buf)).await.ok()?.ok()?;
    Some(buf[..len].to_vec())
}

pub async fn udp_message(server: SocketAddr, request: &Message) -> Message {
    let bytes = raw_udp(server, &request.to_vec().unwrap(), WAIT).await.expect("a UDP reply");
    let reply = Message::from_vec(&bytes).unwrap();
    assert_eq!(reply.id(), request.id());
    reply
}

pub async fn udp(server: SocketAddr, name: &str, rtype: RecordType) -> Message {
    udp_message(server, &query(name, rtype)).await
}

/// With EDNS, as resolvers ask by default.
pub async fn udp_edns(server: SocketAddr, name: &str, rtype: RecordType) -> Message {
    let mut q = query(name, rtype);
    let mut edns = Edns::new();
    edns.set_max_payload(1232);
    q.set_edns(edns);
    udp_message(server, &q).await
}

pub async fn tcp(server: SocketAddr, name: &str, rtype: RecordType) -> Message {
    let request = query(name, rtype);
    let mut stream = tokio::time::timeout(WAIT, tokio::net::TcpStream::connect(server)).await.unwrap().unwrap();
    let bytes = request.to_vec().unwrap();
    let mut framed = (bytes.len() as u16).to_be_bytes().to_vec();
    framed.extend_from_slice(&bytes);
    stream.write_all(&framed).await.unwrap();
    let len = tokio::time::timeout(WAIT, stream.read_u16()).await.unwrap().unwrap();
    let mut reply = vec![0u8; len as usize];
    stream.read_exact(&mut reply).await.unwrap();
    let reply = Message::from_vec(&reply).unwrap();
    assert_eq!(reply.id(), request.id());
    reply
}

/// The answers' data as text: "1.2.3.4", "10 mx.acme.com", TXT joined, names without the dot.
pub fn answers(m: &Message) -> Vec<String> {
    m.answers().iter().map(|r| data_text(r.data())).collect()
}

pub fn data_text(d: &RData) -> String {
    let host = |n: &Name| n.to_ascii().trim_end_matches('.').to_string();
    match d {
        RData::A(a) => a.0.to_string(),
        RData::AAAA(a) => a.0.to_string(),
        RData::CNAME(c) => host(&c.0),
        RData::NS(n) => host(&n.0),
        RData::MX(mx) => format!("{} {}", mx.preference(), host(mx.exchange())),
        RData::TXT(t) => t.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect(),
        RData::SOA(s) => format!("{} {} {}", host(s.mname()), host(s.rname()), s.minimum()),
        other => format!("{other:?}"),
    }
}
