//! The picture link previews show (`og:image`, `groups_core::html::OG_IMAGE`): the world map
//! with every group the build ships marked on it, drawn from the same shapes as the site's
//! map (`world.svg`) and rendered to a PNG at build time by a pure-Rust rasteriser (resvg), so
//! no picture is drawn or fetched anywhere else. It carries no text: the page's title and
//! description travel beside it, and a rasteriser without fonts draws the same everywhere.

use std::{fmt::Write as _, path::Path};

use groups_core::{
    geo::{to_map, HEIGHT, WIDTH},
    html::{OG_IMAGE, OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH},
};

/// The site's colours (`style/main.css`'s light theme): the map's ocean, the accent and the
/// markers' ring.
const OCEAN: &str = "#e8eef5";
const ACCENT: &str = "#b00d27";
const RING: &str = "#ffffff";

/// Draws `dist/og-image.png` from `dist/world.svg` and the groups of `dist/groups.json`;
/// returns its size in bytes.
pub fn write(dist: &Path) -> Result<usize, String> {
    let read = |name: &str| std::fs::read_to_string(dist.join(name)).map_err(|e| format!("{name}: {e}"));
    let world = read("world.svg")?;
    let groups = groups_core::directory::read(&read("groups.json")?)
        .map_err(|e| format!("groups.json: {e:?}"))?
        .groups
        .into_iter()
        .map(|g| (g.lon, g.lat))
        .collect::<Vec<_>>();
    let png = render(&picture(&world, &groups)?)?;
    let path = dist.join(OG_IMAGE.trim_start_matches('/'));
    std::fs::write(&path, &png).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(png.len())
}

/// The picture as an SVG: the ocean, a band of the accent along the top, the land as the map
/// draws it (`world`'s shapes) across the whole width, and a marker at each `(lon, lat)`.
pub fn picture(world: &str, groups: &[(f64, f64)]) -> Result<String, String> {
    // world.svg is one `<svg>` around its shapes: keep what is inside.
    let open = world.find('>').ok_or("world.svg is not an SVG")? + 1;
    let close = world.rfind("</svg>").ok_or("world.svg is not closed")?;
    let land = &world[open..close];
    let (width, height) = (f64::from(OG_IMAGE_WIDTH), f64::from(OG_IMAGE_HEIGHT));
    let scale = width / WIDTH;
    let top = (height - HEIGHT * scale) / 2.0;
    let mut marks = String::new();
    for &(lon, lat) in groups {
        let p = to_map(lon, lat);
        let _ = write!(
            marks,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"{ACCENT}\" stroke=\"{RING}\" stroke-width=\"2\"/>",
            p.x * scale,
            top + p.y * scale
        );
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
         <rect width=\"{width}\" height=\"{height}\" fill=\"{OCEAN}\"/>\
         <g transform=\"translate(0 {top:.1}) scale({scale})\">{land}</g>{marks}\
         <rect width=\"{width}\" height=\"12\" fill=\"{ACCENT}\"/></svg>"
    ))
}

/// `svg` rendered to PNG at its own size.
fn render(svg: &str) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).map_err(|e| e.to_string())?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(OG_IMAGE_WIDTH, OG_IMAGE_HEIGHT).ok_or("the picture has no pixels")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_is_the_world_with_the_groups_at_the_size_the_tags_say() {
        let world = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 487\"><path fill=\"#c3c9d2\" d=\"M0 0l1000 0 0 487z\"/></svg>\n";
        let svg = picture(world, &[(13.4, 52.5), (139.7, 35.7)]).unwrap();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<path fill=\"#c3c9d2\""), "{svg}");
        let png = render(&svg).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!((size(16), size(20)), (OG_IMAGE_WIDTH, OG_IMAGE_HEIGHT));
        assert!(picture("not an svg", &[]).is_err());
    }

    #[test]
    fn the_shipped_world_and_groups_make_the_picture() {
        let dist = tempfile::tempdir().unwrap();
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        for name in ["world.svg", "groups.json"] {
            std::fs::copy(public.join(name), dist.path().join(name)).unwrap();
        }
        let bytes = write(dist.path()).unwrap();
        assert!(bytes > 10_000 && bytes < 300_000, "{bytes} bytes");
        assert!(dist.path().join("og-image.png").is_file());
    }
}
