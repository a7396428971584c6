//! TXT values: the quoted character strings of DNS and the plain text CMR stores.
//!
//! A TXT record holds one or more character strings of at most 255 octets each; SPF, DKIM
//! and DMARC read them concatenated. CMR's examples send the plain text (`v=spf1 … ~all`),
//! so the editor keeps values unquoted and only the zone file shows the quoted, split form.
//! Nothing here needs a crate: the quoting rules are RFC 1035 §5.1 and fit in a screen.

/// Longest character string in a TXT record (RFC 1035 §3.3).
pub const MAX_STRING_LEN: usize = 255;

/// The character strings of a TXT value as a user may type it: plain text is one string;
/// text starting with a quote is a sequence of quoted strings (`"a" "b"`) in zone-file form,
/// with `\"`, `\\` and `\DDD` (a byte in decimal) escapes. Strings are octets: a character
/// written as `\DDD` bytes may even be cut between two strings.
pub fn txt_octet_strings(value: &str) -> Result<Vec<Vec<u8>>, String> {
    let text = value.trim();
    if !text.starts_with('"') {
        return Ok(vec![text.as_bytes().to_vec()]);
    }
    let mut strings = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some('"') => {}
            Some(_) => return Err("Text outside quotes: put each part in \"double quotes\", or remove all quotes.".into()),
        }
        let mut current = Vec::new();
        loop {
            match chars.next() {
                None => return Err("A quote is not closed.".into()),
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some(d) if d.is_ascii_digit() => {
                        let digits: String = [Some(d), chars.next(), chars.next()].into_iter().flatten().collect();
                        match digits.parse::<u8>() {
                            Ok(byte) if digits.len() == 3 => current.push(byte),
                            _ => return Err(format!("\\{digits} is not an escape: a backslash before digits takes exactly three, from 000 to 255.")),
                        }
                    }
                    Some(c) => current.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    None => return Err("The text ends with a lone backslash.".into()),
                },
                Some(c) => current.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        strings.push(current);
    }
    Ok(strings)
}

/// [`txt_octet_strings`] as text, each string on its own (for showing the parts).
pub fn txt_strings(value: &str) -> Result<Vec<String>, String> {
    txt_octet_strings(value).map(|strings| strings.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect())
}

/// The text a resolver hands to SPF/DKIM/DMARC: all strings joined. Escaped bytes that do not
/// form UTF-8 text are an error rather than a silent replacement character.
pub fn txt_content(value: &str) -> Result<String, String> {
    let octets = txt_octet_strings(value)?.concat();
    String::from_utf8(octets).map_err(|_| "The escaped bytes (\\DDD) do not form UTF-8 text.".into())
}

/// Like [`txt_content`], but a malformed value is kept as typed (for comparing records the
/// server already holds).
pub fn txt_content_lossy(value: &str) -> String {
    txt_content(value).unwrap_or_else(|_| value.trim().to_owned())
}

/// Strings of at most 255 octets, cut at character boundaries.
pub fn split_strings(content: &str) -> Vec<&str> {
    if content.is_empty() {
        return vec![""];
    }
    let mut parts = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let mut end = rest.len().min(MAX_STRING_LEN);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        parts.push(&rest[..end]);
        rest = &rest[end..];
    }
    parts
}

/// Zone-file form (RFC 1035 §5.1): each string of at most 255 octets quoted, `"` and `\`
/// escaped with a backslash, and every byte that is not printable ASCII written as `\DDD`.
/// Control characters written raw would end the line or be refused by BIND, and BIND and
/// the `domain` scanner both refuse raw non-ASCII; escaped, any text reads back byte for byte.
pub fn quote_txt(content: &str) -> String {
    split_strings(content).into_iter().map(quote_string).collect::<Vec<_>>().join(" ")
}

/// One character string in quotes, escaped as [`quote_txt`] says.
pub fn quote_string(octets: &str) -> String {
    let mut out = String::with_capacity(octets.len() + 2);
    out.push('"');
    for byte in octets.bytes() {
        match byte {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(byte));
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("\\{byte:03}")),
        }
    }
    out.push('"');
    out
}

/// Whether a value was typed as quoted strings of which one is longer than 255 octets; a DNS
/// server refuses such a string.
pub fn has_overlong_string(value: &str) -> bool {
    value.trim().starts_with('"')
        && txt_octet_strings(value).is_ok_and(|strings| strings.iter().any(|s| s.len() > MAX_STRING_LEN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_one_string() {
        assert_eq!(txt_strings("  v=spf1 -all ").unwrap(), vec!["v=spf1 -all"]);
    }

    #[test]
    fn quoted_strings_join() {
        assert_eq!(txt_strings(r#""v=DKIM1; k=rsa; " "p=MIIB""#).unwrap(), vec!["v=DKIM1; k=rsa; ", "p=MIIB"]);
        assert_eq!(txt_content(r#""a\"b" "c\\d""#).unwrap(), r#"a"bc\d"#);
    }

    #[test]
    fn broken_quotes_are_errors() {
        assert!(txt_strings(r#""open"#).is_err());
        assert!(txt_strings(r#""a" b"#).is_err());
        assert_eq!(txt_content_lossy(r#""open"#), r#""open"#);
    }

    #[test]
    fn long_text_splits_at_255() {
        let long = "k".repeat(600);
        let parts = split_strings(&long);
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![255, 255, 90]);
        let quoted = quote_txt(&long);
        assert_eq!(txt_content(&quoted).unwrap(), long);
        assert!(!has_overlong_string(&quoted));
        assert!(has_overlong_string(&format!("\"{long}\"")));
        assert!(!has_overlong_string(&long));
    }

    #[test]
    fn split_respects_characters() {
        let text = format!("{}é", "a".repeat(254));
        let parts = split_strings(&text);
        assert_eq!(parts, vec!["a".repeat(254).as_str(), "é"]);
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote_txt(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(quote_txt(""), "\"\"");
    }

    #[test]
    fn control_and_non_ascii_bytes_are_decimal_escapes() {
        assert_eq!(quote_txt("a\nb\tc\u{7f}"), r#""a\010b\009c\127""#);
        assert_eq!(quote_txt("café ;()"), r#""caf\195\169 ;()""#);
        for text in ["a\nb", "café", "日本語 \"q\" \\", "x\u{0}y"] {
            assert_eq!(txt_content(&quote_txt(text)).unwrap(), text);
        }
    }

    #[test]
    fn decimal_escapes_are_read_as_octets() {
        // A character cut between two strings joins again.
        assert_eq!(txt_content(r#""caf\195" "\169""#).unwrap(), "café");
        assert_eq!(txt_octet_strings(r#""\065\066""#).unwrap(), vec![b"AB".to_vec()]);
        assert!(txt_content(r#""\999""#).unwrap_err().contains("exactly three"));
        assert!(txt_content(r#""\12""#).is_err());
        assert!(txt_content(r#""\255""#).unwrap_err().contains("UTF-8"));
        // Plain text keeps its backslashes: only the quoted form has escapes.
        assert_eq!(txt_content(r"C:\065").unwrap(), r"C:\065");
    }
}
