//! Unicode case mapping: natively Rust's own, in the browser the browser's
//! (`String.prototype.toLowerCase` and `toUpperCase`, through js-sys). Both are Unicode's
//! default case conversion, and the app then carries no case tables of its own: Rust's are
//! about 24 KB, which every page showing groups loaded (`cargo xtask size --why`).
//!
//! ASCII text, most of what is folded, never leaves Rust.

/// `text` in lowercase.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

/// `text` with its first letter in uppercase: "city" → "City".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return String::new() };
    let rest = chars.as_str();
    if first.is_ascii() {
        return format!("{}{rest}", first.to_ascii_uppercase());
    }
    #[cfg(target_arch = "wasm32")]
    let first: String = js_sys::JsString::from(first).to_upper_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    let first: String = first.to_uppercase().collect();
    first + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_ascii_and_the_rest_of_unicode() {
        assert_eq!(lowercase("OpenStack BERLIN"), "openstack berlin");
        assert_eq!(lowercase("SÃO PAULO"), "são paulo");
        assert_eq!(lowercase("ΟΔΟΣ"), "οδος", "a final sigma is written as one");
        assert_eq!(lowercase("İstanbul"), "i̇stanbul", "the dotted capital I keeps its dot");
        assert_eq!(lowercase(""), "");
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalised("city"), "City");
        assert_eq!(capitalised("élan vital"), "Élan vital");
        assert_eq!(capitalised("ßtraße"), "SStraße", "one letter may become two");
        assert_eq!(capitalised(""), "");
    }
}
