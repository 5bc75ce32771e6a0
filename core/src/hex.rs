//! Lowercase hexadecimal, for digests and validators.

/// `bytes` as lowercase hex: `[0x0f, 0xa0]` → `"0fa0"`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_become_two_digits_each() {
        assert_eq!(super::hex(&[0x0f, 0xa0, 0xff, 0x00]), "0fa0ff00");
        assert_eq!(super::hex(&[]), "");
    }
}
