//! Host names: the owner of a record (`@`, `mail`, `_dmarc`) and the targets of CNAME, MX
//! and NS records.
//!
//! Name syntax (escapes, label and name lengths) is checked by the `domain` crate; on top of
//! that this module applies the stricter rules a DNS editor wants: letters, digits and
//! hyphens in host names (RFC 952/1123), underscores only where service labels live
//! (`_dmarc`, `selector._domainkey`), a wildcard only as the first label.

use std::net::IpAddr;
use std::str::FromStr;

use domain::base::name::UncertainName;

/// Longest name in presentation form without the trailing dot (RFC 1035: 255 octets on the
/// wire, which is 253 characters of text).
pub const MAX_NAME_LEN: usize = 253;
/// Longest label (RFC 1035).
pub const MAX_LABEL_LEN: usize = 63;

/// The zone apex as CMR writes it.
pub const APEX: &str = "@";

/// Lower case, no trailing dot, no surrounding space: the form names are compared in.
pub fn normalize_domain(domain: &str) -> String {
    domain.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Turns what a user typed as a record's host into CMR's relative form: `@` for the apex,
/// `mail`, `_dmarc`, `s1._domainkey`. A name ending in the domain (`mail.acme.com` or
/// `mail.acme.com.`) is taken as absolute and made relative; a name ending in a dot that is
/// outside the domain is an error.
pub fn normalize_host(host: &str, domain: &str) -> Result<String, String> {
    let domain = normalize_domain(domain);
    let raw = host.trim();
    if raw.is_empty() || raw == APEX {
        return Ok(APEX.to_owned());
    }
    // Checked before anything else reads the text; an absolute name's dot is not counted.
    let len = raw.strip_suffix('.').unwrap_or(raw).len();
    if len > MAX_NAME_LEN {
        return Err(format!("A host is at most {MAX_NAME_LEN} characters; this one has {len}."));
    }
    let absolute = raw.ends_with('.');
    let name = raw.trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return Err("Enter a host such as @, www or mail.".into());
    }
    let relative = if name == domain {
        return Ok(APEX.to_owned());
    } else if let Some(prefix) = name.strip_suffix(&format!(".{domain}")) {
        prefix.to_owned()
    } else if absolute {
        return Err(format!("{raw} is outside {domain}; enter a host inside this domain, e.g. mail."));
    } else {
        name
    };
    check_name_syntax(&relative)?;
    if relative.len() + 1 + domain.len() > MAX_NAME_LEN {
        return Err(format!("The full name {relative}.{domain} is longer than {MAX_NAME_LEN} characters."));
    }
    for (i, label) in relative.split('.').enumerate() {
        if label == "*" && i == 0 {
            continue;
        }
        check_label(label, true).map_err(|e| format!("Host {relative}: {e}"))?;
    }
    Ok(relative)
}

/// Checks a domain the records belong to (`acme.com`) and returns it normalised.
pub fn check_domain(domain: &str) -> Result<String, String> {
    let name = normalize_domain(domain);
    if !name.contains('.') {
        return Err(format!("'{}' is not a domain name such as acme.com.", domain.trim()));
    }
    normalize_target(&name, &name, "domain", false).map_err(|_| format!("'{}' is not a valid domain name.", domain.trim()))
}

/// The full name of a relative host: `@` → `acme.com`, `mail` → `mail.acme.com`.
pub fn absolute_name(host: &str, domain: &str) -> String {
    let domain = normalize_domain(domain);
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() || host == APEX || host == domain {
        domain
    } else if host.ends_with(&format!(".{domain}")) {
        host
    } else {
        format!("{host}.{domain}")
    }
}

/// Host as compared: normalised when valid, else lower-cased as given (a record the server
/// holds may break our rules; it must still be found).
pub fn host_key(host: &str, domain: &str) -> String {
    normalize_host(host, domain).unwrap_or_else(|_| host.trim().to_ascii_lowercase())
}

/// Checks the target of a CNAME, MX or NS record and returns it lower case without the
/// trailing dot. `@` means the domain itself. `allow_underscore` is for CNAME targets, which
/// may be service names (a DKIM CNAME points at `selector1-acme-com._domainkey.…`).
pub fn normalize_target(value: &str, domain: &str, what: &str, allow_underscore: bool) -> Result<String, String> {
    let raw = value.trim();
    if raw.is_empty() {
        return Err(format!("Enter the host name the {what} points to."));
    }
    if raw == APEX {
        return Ok(normalize_domain(domain));
    }
    let len = raw.strip_suffix('.').unwrap_or(raw).len();
    if len > MAX_NAME_LEN {
        return Err(format!("A host name is at most {MAX_NAME_LEN} characters; this one has {len}."));
    }
    let bare = raw.trim_end_matches('.');
    if is_ip(bare) {
        return Err(format!("{raw} is an IP address; a {what} must point to a host name, e.g. mail.example.com."));
    }
    if raw.contains("://") || raw.contains('/') {
        return Err(format!("{raw} looks like a web address; enter only the host name, e.g. mail.example.com."));
    }
    if raw.contains('@') {
        return Err(format!("{raw} looks like an email address; enter a host name, e.g. mail.example.com."));
    }
    if raw.contains(char::is_whitespace) {
        return Err(format!("A {what} target is a single host name without spaces."));
    }
    let name = bare.to_ascii_lowercase();
    check_name_syntax(&name)?;
    if !name.contains('.') {
        return Err(format!("Enter the full host name (e.g. {name}.example.com), not a single label."));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!("{name} is longer than {MAX_NAME_LEN} characters."));
    }
    for label in name.split('.') {
        check_label(label, allow_underscore).map_err(|e| format!("{name}: {e}"))?;
    }
    if name.rsplit('.').next().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
        return Err(format!("{name} is not a host name (its last label is a number)."));
    }
    Ok(name)
}

/// Whether text is an IPv4 or IPv6 address.
pub fn is_ip(text: &str) -> bool {
    IpAddr::from_str(text.trim()).is_ok()
}

/// Name syntax as DNS itself sees it: empty labels, escapes and lengths.
fn check_name_syntax(name: &str) -> Result<(), String> {
    if name.contains("..") || name.starts_with('.') {
        return Err(format!("{name} has an empty label (two dots in a row)."));
    }
    if let Some(long) = name.split('.').find(|label| label.len() > MAX_LABEL_LEN) {
        return Err(format!("The label {long} is longer than {MAX_LABEL_LEN} characters."));
    }
    UncertainName::<Vec<u8>>::from_str(name)
        .map(|_| ())
        .map_err(|e| format!("{name} is not a valid DNS name: {e}."))
}

/// One label of a host name: letters, digits and inner hyphens; underscores where allowed.
fn check_label(label: &str, allow_underscore: bool) -> Result<(), String> {
    if label.is_empty() {
        return Err("a label is empty".into());
    }
    if label.len() > MAX_LABEL_LEN {
        return Err(format!("the label {label} is longer than {MAX_LABEL_LEN} characters"));
    }
    let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || (allow_underscore && c == '_');
    if let Some(bad) = label.chars().find(|c| !ok_char(*c)) {
        return Err(format!("the character '{bad}' is not allowed (use letters, digits and hyphens)"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(format!("the label {label} starts or ends with a hyphen"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_become_relative() {
        assert_eq!(normalize_host("", "acme.com").unwrap(), "@");
        assert_eq!(normalize_host("@", "acme.com").unwrap(), "@");
        assert_eq!(normalize_host("Mail", "acme.com").unwrap(), "mail");
        assert_eq!(normalize_host("mail.acme.com.", "acme.com").unwrap(), "mail");
        assert_eq!(normalize_host("acme.com.", "acme.com").unwrap(), "@");
        assert_eq!(normalize_host("_dmarc", "acme.com").unwrap(), "_dmarc");
        assert_eq!(normalize_host("s1._domainkey", "acme.com").unwrap(), "s1._domainkey");
        assert_eq!(normalize_host("*.shop", "acme.com").unwrap(), "*.shop");
    }

    #[test]
    fn bad_hosts_are_refused() {
        assert!(normalize_host("mail.other.com.", "acme.com").is_err());
        assert!(normalize_host("a..b", "acme.com").is_err());
        assert!(normalize_host("-mail", "acme.com").is_err());
        assert!(normalize_host("ma il", "acme.com").is_err());
        assert!(normalize_host("shop.*", "acme.com").is_err());
        assert!(normalize_host(&"a".repeat(64), "acme.com").is_err());
    }

    #[test]
    fn targets_are_host_names() {
        assert_eq!(normalize_target("ASPMX.L.Google.com.", "acme.com", "MX", false).unwrap(), "aspmx.l.google.com");
        assert_eq!(normalize_target("@", "acme.com", "CNAME", true).unwrap(), "acme.com");
        assert!(normalize_target("1.2.3.4", "acme.com", "MX", false).unwrap_err().contains("IP address"));
        assert!(normalize_target("2001:db8::1", "acme.com", "MX", false).is_err());
        assert!(normalize_target("https://mail.acme.com", "acme.com", "CNAME", true).unwrap_err().contains("web address"));
        assert!(normalize_target("bob@acme.com", "acme.com", "MX", false).is_err());
        assert!(normalize_target("mail", "acme.com", "MX", false).is_err());
        assert!(normalize_target("s1._domainkey.x.net", "acme.com", "MX", false).is_err());
        assert!(normalize_target("s1._domainkey.x.net", "acme.com", "CNAME", true).is_ok());
    }

    #[test]
    fn domains() {
        assert_eq!(check_domain(" Acme.CO.uk. ").unwrap(), "acme.co.uk");
        assert!(check_domain("bad domain").is_err());
        assert!(check_domain("localhost").is_err());
        assert!(check_domain("192.0.2.1").is_err());
    }

    #[test]
    fn absolute_names() {
        assert_eq!(absolute_name("@", "Acme.com."), "acme.com");
        assert_eq!(absolute_name("mail", "acme.com"), "mail.acme.com");
        assert_eq!(absolute_name("mail.acme.com", "acme.com"), "mail.acme.com");
    }
}
