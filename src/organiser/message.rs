//! The staff's message as the organiser reads it: its paragraphs (separated by a blank line) and
//! line breaks (a single newline) kept, its web addresses made links, everything else text.
//! Staff write it on a command line (`--message`) as plain text; it is never read as markup.

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// An `http://` or `https://` address, linked as written.
    Link(String),
    /// A single newline.
    Break,
}

/// The message's paragraphs, each a run of pieces; blank lines (however many) separate them.
pub fn paragraphs(message: &str) -> Vec<Vec<Piece>> {
    let message = message.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in message.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(paragraph(&current));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        paragraphs.push(paragraph(&current));
    }
    paragraphs
}

fn paragraph(lines: &[&str]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            pieces.push(Piece::Break);
        }
        pieces.extend(linked(line));
    }
    pieces
}

/// `line` as text and links: an address begins with `http://` or `https://` (not inside a
/// word) and runs to the next space or character no address holds (`<`, `>`, `"`); punctuation that ends a sentence after it (". , ; : ! ?"
/// and closing quotes or brackets without their opening one in the address) is not part of it.
fn linked(line: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = next_address(rest) {
        let run = &rest[start..];
        let end = run.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).unwrap_or(run.len());
        let address = trim_trailing(&run[..end]);
        let scheme = if address.starts_with("https://") { "https://" } else { "http://" };
        if address.len() <= scheme.len() {
            // "https://" alone is text.
            pieces.push(Piece::Text(rest[..start + end].to_owned()));
            rest = &rest[start + end..];
            continue;
        }
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_owned()));
        }
        pieces.push(Piece::Link(address.to_owned()));
        rest = &rest[start + address.len()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    pieces
}

/// Where the next address begins in `text`: `http://` or `https://`, at the start or after a
/// character that is not a letter or digit.
fn next_address(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http").map(|i| i + from) {
        let after = &lower[found..];
        let scheme = after.starts_with("https://") || after.starts_with("http://");
        let alone = text[..found].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if scheme && alone {
            return Some(found);
        }
        from = found + 4;
    }
    None
}

/// `address` without the punctuation that ends the sentence around it.
fn trim_trailing(address: &str) -> &str {
    let mut address = address;
    loop {
        let Some(last) = address.chars().next_back() else { return address };
        let unopened = |open: char| !address.contains(open);
        let ends = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '»' | '”' | '’')
            || (last == ')' && unopened('('))
            || (last == ']' && unopened('['))
            || (last == '}' && unopened('{'))
            || (last == '>');
        if !ends {
            return address;
        }
        address = &address[..address.len() - last.len_utf8()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Piece {
        Piece::Text(t.into())
    }

    fn link(t: &str) -> Piece {
        Piece::Link(t.into())
    }

    #[test]
    fn blank_lines_part_paragraphs_and_single_newlines_break_lines() {
        let message = "Welcome!\r\n\r\nFirst line\nsecond line  \n \n\n\nThe staff";
        assert_eq!(
            paragraphs(message),
            [
                vec![text("Welcome!")],
                vec![text("First line"), Piece::Break, text("second line")],
                vec![text("The staff")]
            ]
        );
        assert!(paragraphs("").is_empty() && paragraphs("\n \n").is_empty());
    }

    #[test]
    fn addresses_become_links_without_the_punctuation_around_them() {
        assert_eq!(
            paragraphs("See https://example.org/a?b=1&c=2. Or (http://example.org/x), or “https://example.org/y”!"),
            [vec![
                text("See "),
                link("https://example.org/a?b=1&c=2"),
                text(". Or ("),
                link("http://example.org/x"),
                text("), or “"),
                link("https://example.org/y"),
                text("”!"),
            ]]
        );
        assert_eq!(
            paragraphs("https://en.wikipedia.org/wiki/Leipzig_(disambiguation)"),
            [vec![link("https://en.wikipedia.org/wiki/Leipzig_(disambiguation)")]]
        );
        assert_eq!(paragraphs("HTTPS://EXAMPLE.ORG"), [vec![link("HTTPS://EXAMPLE.ORG")]]);
    }

    #[test]
    fn only_web_addresses_at_a_word_s_start_are_links_and_markup_stays_text() {
        for plain in ["javascript:alert(1)", "xhttps://example.org", "ftp://example.org", "https://", "mailto:a@b.org"]
        {
            assert_eq!(paragraphs(plain), [vec![text(plain)]], "{plain}");
        }
        assert_eq!(
            paragraphs("<b>https://example.org/<script></b>"),
            [vec![text("<b>"), link("https://example.org/"), text("<script></b>")]]
        );
    }
}
