use super::*;
use crate::static_dns::StaticDns;

fn run(dns: &StaticDns, domain: &str) -> SpfWalk {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(walk_spf(dns, domain, None))
}

#[test]
fn counts_through_includes_and_redirects() {
    let dns = StaticDns::new()
        .txt("acme.com", "v=spf1 include:_spf.google.com mx a:mail.acme.com ip4:192.0.2.1 ~all")
        .mx("acme.com", "1 smtp.google.com")
        .a("mail.acme.com", "192.0.2.1")
        .txt("_spf.google.com", "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all")
        .txt("_netblocks.google.com", "v=spf1 ip4:35.190.247.0/24 ~all")
        .txt("_netblocks2.google.com", "v=spf1 redirect=_netblocks3.google.com")
        .txt("_netblocks3.google.com", "v=spf1 ip6:2001:4860:4000::/36 ~all");
    let walk = run(&dns, "acme.com");
    assert_eq!(walk.records.len(), 1);
    // include, mx, a at the top; two includes below; one redirect below that.
    assert_eq!(walk.lookups, 6, "{walk:?}");
    assert_eq!(walk.void_lookups, 0);
    assert!(walk.loops.is_empty() && walk.missing_includes.is_empty() && !walk.over_limit());
}

#[test]
fn a_chain_past_the_limit_is_counted_in_full() {
    let mut dns = StaticDns::new().txt("big.com", "v=spf1 include:c0.net include:c1.net include:c2.net -all");
    for i in 0..3 {
        let includes: Vec<String> = (0..4).map(|j| format!("include:l{i}-{j}.net")).collect();
        dns = dns.txt(&format!("c{i}.net"), &format!("v=spf1 {} -all", includes.join(" ")));
        for j in 0..4 {
            dns = dns.txt(&format!("l{i}-{j}.net"), "v=spf1 ip4:198.51.100.0/24 -all");
        }
    }
    let walk = run(&dns, "big.com");
    assert_eq!(walk.lookups, 15);
    assert!(walk.over_limit());
}

#[test]
fn loops_are_found_and_not_followed() {
    let dns = StaticDns::new()
        .txt("a.com", "v=spf1 include:b.com -all")
        .txt("b.com", "v=spf1 include:a.com -all");
    let walk = run(&dns, "a.com");
    assert_eq!(walk.loops, vec!["a.com → b.com → a.com".to_owned()]);
    assert_eq!(walk.lookups, 2);
}

#[test]
fn void_lookups_and_missing_includes() {
    let dns = StaticDns::new().txt("v.com", "v=spf1 include:gone1.net a:nohost.v.com mx:nomx.v.com exists:%{i}.x.net +all");
    let walk = run(&dns, "v.com");
    assert_eq!(walk.lookups, 4);
    assert_eq!(walk.void_lookups, 3, "{walk:?}");
    assert_eq!(walk.missing_includes, vec!["gone1.net".to_owned()]);
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let mut dns = StaticDns::new();
    for i in 0..14 {
        dns = dns.txt(&format!("d{i}.net"), &format!("v=spf1 include:d{}.net -all", i + 1));
    }
    let walk = run(&dns, "d0.net");
    assert!(walk.too_deep);
    assert!(walk.lookups <= 11, "{}", walk.lookups);
}

#[test]
fn unreadable_and_absent_records() {
    let dns = StaticDns::new().failing("t.com", Rtype::Txt);
    assert!(run(&dns, "t.com").failed);
    let walk = run(&StaticDns::new().txt("two.com", "v=spf1 -all").txt("two.com", "v=spf1 mx -all"), "two.com");
    assert_eq!(walk.records.len(), 2);
    assert_eq!(walk.lookups, 0);
    assert!(run(&StaticDns::new(), "none.com").records.is_empty());
}

#[test]
fn terms_are_read_like_a_receiver() {
    assert_eq!(
        terms("v=spf1 a/24 A:Mail.X.com/28 ?mx:m.x.com redirect=R.x.com exp=e.x.com ip4:1.2.3.4 -all"),
        vec![
            Term::A(None),
            Term::A(Some("mail.x.com".into())),
            Term::Mx(Some("m.x.com".into())),
            Term::Redirect("r.x.com".into()),
            Term::Free,
            Term::Free,
            Term::All,
        ]
    );
}
