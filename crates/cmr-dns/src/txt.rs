//! TXT values: the quoted character strings of DNS and the plain text CMR stores.
//!
//! A TXT record holds one or more character strings of at most 255 octets each; SPF, DKIM
//! and DMARC read them concatenated. CMR's examples send the plain text (`v=spf1 … ~all`),
//! so the editor keeps values unquoted and only the zone file shows the quoted, split form.
//! Nothing here needs a crate: the quoting rules are RFC 1035 §5.1 and fit in a screen.

/// Longest character string in a TXT record (RFC 1035 §3.3).
pub const MAX_STRING_LEN: usize = 255;

/// The character strings of a TXT value as a user may type it: plain text is one string;
/// text starting with a quote is a sequence of quoted strings (`"a" "b"`), with `\"` and
/// `\\` escapes.
pub fn txt_strings(value: &str) -> Result<Vec<String>, String> {
    let text = value.trim();
    if !text.starts_with('"') {
        return Ok(vec![text.to_owned()]);
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
        let mut current = String::new();
        loop {
            match chars.next() {
                None => return Err("A quote is not closed.".into()),
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some(c) => current.push(c),
                    None => return Err("The text ends with a lone backslash.".into()),
                },
                Some(c) => current.push(c),
            }
        }
        strings.push(current);
    }
    Ok(strings)
}

/// The text a resolver hands to SPF/DKIM/DMARC: all strings joined.
pub fn txt_content(value: &str) -> Result<String, String> {
    txt_strings(value).map(|s| s.concat())
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

/// Zone-file form: each string of at most 255 octets quoted, `"` and `\` escaped.
pub fn quote_txt(content: &str) -> String {
    split_strings(content)
        .into_iter()
        .map(|part| format!("\"{}\"", part.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a value was typed as quoted strings of which one is longer than 255 octets; a DNS
/// server refuses such a string.
pub fn has_overlong_string(value: &str) -> bool {
    value.trim().starts_with('"')
        && txt_strings(value).is_ok_and(|strings| strings.iter().any(|s| s.len() > MAX_STRING_LEN))
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
}
