//! Brotli and gzip, at the strongest settings: files are compressed once at build time and
//! served many times, so build time is cheap and bytes on the wire are not.

use std::io::Write;

use anyhow::Result;

/// Brotli at quality 11 with a 4 MiB window, as served to browsers.
pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data)?;
    }
    Ok(out)
}

/// gzip at level 9, for clients without brotli.
pub fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn brotli_round_trips_and_shrinks_repetitive_text() {
        let text = "user group ".repeat(1000);
        let packed = brotli(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len() / 10);
        let mut unpacked = String::new();
        brotli::Decompressor::new(packed.as_slice(), 4096).read_to_string(&mut unpacked).unwrap();
        assert_eq!(unpacked, text);
    }

    #[test]
    fn gzip_round_trips() {
        let text = b"hello, meetup";
        let packed = gzip(text).unwrap();
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(packed.as_slice()).read_to_end(&mut unpacked).unwrap();
        assert_eq!(unpacked, text);
    }
}
