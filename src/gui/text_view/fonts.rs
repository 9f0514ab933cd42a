//! Fonts for right-to-left scripts: found on the system (or named in `NEWSMARK_FONTS`) and
//! given to egui as families of their own, so that a right-to-left run is shaped by one font
//! (one harfrust run, letters joined) and other text keeps egui's fonts.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::{FontData, FontDefinitions, FontFamily};

/// The family right-to-left Arabic-script runs are shaped with.
pub const ARABIC_FAMILY: &str = "newsmark-arabic";
/// The family for Urdu (Nastaliq), when a Nastaliq font is installed.
pub const URDU_FAMILY: &str = "newsmark-urdu";
/// The family right-to-left Hebrew runs are shaped with.
pub const HEBREW_FAMILY: &str = "newsmark-hebrew";

/// What to install when a script has no font (Debian and Ubuntu package names).
pub const FONT_PACKAGE: &str = "fonts-noto-core";

/// Font files found for the scripts, best first.
#[derive(Clone, Debug, Default)]
pub struct FoundFonts {
    pub arabic: Option<PathBuf>,
    pub urdu: Option<PathBuf>,
    pub hebrew: Option<PathBuf>,
    /// Files named in `NEWSMARK_FONTS` (colon-separated), tried before the others.
    pub configured: Vec<PathBuf>,
}

const ARABIC_FILES: &[&str] = &[
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabicUI-Regular.ttf",
    "NotoSansArabic-Regular.ttf",
    "DejaVuSans.ttf",
    "FreeSerif.ttf",
];
const URDU_FILES: &[&str] = &["NotoNastaliqUrdu-Regular.ttf"];
const HEBREW_FILES: &[&str] = &[
    "NotoSansHebrew-Regular.ttf",
    "NotoSerifHebrew-Regular.ttf",
    "DejaVuSans.ttf",
    "FreeSerif.ttf",
];

impl FoundFonts {
    /// Look in the usual font folders (once per process).
    pub fn on_this_system() -> &'static FoundFonts {
        static FOUND: OnceLock<FoundFonts> = OnceLock::new();
        FOUND.get_or_init(|| {
            let mut dirs = vec![
                PathBuf::from("/usr/share/fonts"),
                PathBuf::from("/usr/local/share/fonts"),
                PathBuf::from("/Library/Fonts"),
                PathBuf::from("/System/Library/Fonts"),
                PathBuf::from("C:\\Windows\\Fonts"),
            ];
            if let Some(home) = std::env::var_os("HOME") {
                dirs.push(Path::new(&home).join(".local/share/fonts"));
                dirs.push(Path::new(&home).join(".fonts"));
            }
            let configured = std::env::var("NEWSMARK_FONTS")
                .map(|v| {
                    v.split(':')
                        .filter(|p| !p.is_empty())
                        .map(PathBuf::from)
                        .collect()
                })
                .unwrap_or_default();
            Self::search(&dirs, configured)
        })
    }

    /// Look for the known font files under `dirs` (three levels deep).
    pub fn search(dirs: &[PathBuf], configured: Vec<PathBuf>) -> FoundFonts {
        let mut files = Vec::new();
        for dir in dirs {
            collect_fonts(dir, 0, &mut files);
        }
        let pick = |names: &[&str]| {
            names.iter().find_map(|name| {
                files
                    .iter()
                    .find(|f| f.file_name().is_some_and(|n| n == *name))
                    .cloned()
            })
        };
        FoundFonts {
            arabic: pick(ARABIC_FILES),
            urdu: pick(URDU_FILES),
            hebrew: pick(HEBREW_FILES),
            configured: configured.into_iter().filter(|p| p.is_file()).collect(),
        }
    }

    pub fn has_arabic(&self) -> bool {
        self.arabic.is_some() || !self.configured.is_empty()
    }

    pub fn has_hebrew(&self) -> bool {
        self.hebrew.is_some() || !self.configured.is_empty()
    }
}

fn collect_fonts(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth < 3 {
                collect_fonts(&path, depth + 1, out);
            }
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
        {
            out.push(path);
        }
    }
}

/// Font files read so far (a file that could not be read: `None`).
type ReadFonts = std::sync::Mutex<Vec<(PathBuf, Option<Arc<FontData>>)>>;

/// Font bytes, read once per process and shared by every window and test.
fn font_bytes(path: &Path) -> Option<Arc<FontData>> {
    static READ: OnceLock<ReadFonts> = OnceLock::new();
    let read = READ.get_or_init(Default::default);
    let mut read = read.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, data)) = read.iter().find(|(p, _)| p == path) {
        return data.clone();
    }
    let data = std::fs::read(path)
        .ok()
        .map(|bytes| Arc::new(FontData::from_owned(bytes)));
    read.push((path.to_path_buf(), data.clone()));
    data
}

/// Add the right-to-left fonts to `definitions`: each script family starts with its font
/// and falls back to the proportional family; the proportional family gets them at its end,
/// so that lists and panels show Arabic and Hebrew too. Returns what was found.
pub fn add_to(definitions: &mut FontDefinitions, found: &FoundFonts) {
    let proportional = definitions
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut add = |name: &str, path: &Path| -> Option<String> {
        let data = font_bytes(path)?;
        let key = format!("newsmark:{name}");
        definitions.font_data.insert(key.clone(), data);
        Some(key)
    };
    let configured: Vec<String> = found
        .configured
        .iter()
        .enumerate()
        .filter_map(|(i, p)| add(&format!("configured-{i}"), p))
        .collect();
    let arabic = found.arabic.as_ref().and_then(|p| add("arabic", p));
    let urdu = found.urdu.as_ref().and_then(|p| add("urdu", p));
    let hebrew = found.hebrew.as_ref().and_then(|p| add("hebrew", p));
    let family = |first: &[&Option<String>]| {
        let mut list: Vec<String> = configured.clone();
        list.extend(first.iter().filter_map(|f| (*f).clone()));
        list.extend(proportional.iter().cloned());
        list
    };
    let arabic_family = family(&[&arabic]);
    let urdu_family = family(&[&urdu, &arabic]);
    let hebrew_family = family(&[&hebrew]);
    definitions
        .families
        .insert(FontFamily::Name(ARABIC_FAMILY.into()), arabic_family);
    definitions
        .families
        .insert(FontFamily::Name(URDU_FAMILY.into()), urdu_family);
    definitions
        .families
        .insert(FontFamily::Name(HEBREW_FAMILY.into()), hebrew_family);
    let list = definitions
        .families
        .entry(FontFamily::Proportional)
        .or_default();
    for key in configured
        .iter()
        .chain([&arabic, &hebrew].into_iter().flatten())
    {
        if !list.contains(key) {
            list.push(key.clone());
        }
    }
}

/// `definitions` with the right-to-left fonts found on this system added (for a context that
/// has not run yet: `ctx.set_fonts(fonts::with_rtl_fonts(FontDefinitions::default()))`).
pub fn with_rtl_fonts(mut definitions: FontDefinitions) -> FontDefinitions {
    add_to(&mut definitions, FoundFonts::on_this_system());
    definitions
}

/// Give egui the right-to-left fonts found on this system, keeping its other fonts (from the
/// next frame on). Call within a frame; does nothing when they are there already.
pub fn install(ctx: &egui::Context) {
    let mut definitions = ctx.fonts(|f| f.definitions().clone());
    if definitions
        .families
        .contains_key(&FontFamily::Name(ARABIC_FAMILY.into()))
    {
        return;
    }
    add_to(&mut definitions, FoundFonts::on_this_system());
    ctx.set_fonts(definitions);
}

/// The family for a right-to-left run whose first strong letter is `c`, if that family is
/// installed in `ctx`.
pub fn family_for(c: char, urdu: bool) -> FontFamily {
    FontFamily::Name(family_name_for(c, urdu).into())
}

/// The name of [`family_for`]'s family (no allocation).
pub fn family_name_for(c: char, urdu: bool) -> &'static str {
    let hebrew = matches!(c, '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}');
    if hebrew {
        HEBREW_FAMILY
    } else if urdu {
        URDU_FAMILY
    } else {
        ARABIC_FAMILY
    }
}

/// Letters only Urdu (among the languages written in Arabic script that news is in) uses:
/// a paragraph with one of them is set in Nastaliq when a Nastaliq font is installed.
pub fn looks_urdu(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '\u{0679}'
                | '\u{0688}'
                | '\u{0691}'
                | '\u{06BA}'
                | '\u{06D2}'
                | '\u{06C1}'
                | '\u{06BE}'
        )
    })
}

/// The script a missing font is for, if `text` needs a font that was not found.
pub fn missing_font_for(text: &str, found: &FoundFonts) -> Option<&'static str> {
    let mut arabic = false;
    let mut hebrew = false;
    for c in text.chars().take(200_000) {
        match c {
            '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => hebrew = true,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFC}' => {
                arabic = true
            }
            _ => {}
        }
        if arabic && hebrew {
            break;
        }
    }
    if arabic && !found.has_arabic() {
        Some("Arabic")
    } else if hebrew && !found.has_hebrew() {
        Some("Hebrew")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_found_in_an_empty_folder_names_the_package() {
        let dir = tempfile::tempdir().expect("temp dir");
        let found = FoundFonts::search(&[dir.path().to_path_buf()], Vec::new());
        assert!(!found.has_arabic() && !found.has_hebrew());
        assert_eq!(missing_font_for("قال", &found), Some("Arabic"));
        assert_eq!(missing_font_for("אמר", &found), Some("Hebrew"));
        assert_eq!(missing_font_for("said", &found), None);
    }

    #[test]
    fn the_best_font_is_picked_from_what_is_installed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sub = dir.path().join("truetype/noto");
        std::fs::create_dir_all(&sub).expect("mkdir");
        for name in ["DejaVuSans.ttf", "NotoNaskhArabic-Regular.ttf"] {
            std::fs::write(sub.join(name), b"not really a font").expect("write");
        }
        let found = FoundFonts::search(&[dir.path().to_path_buf()], Vec::new());
        assert_eq!(
            found.arabic.as_deref(),
            Some(sub.join("NotoNaskhArabic-Regular.ttf").as_path())
        );
        assert_eq!(
            found.hebrew.as_deref(),
            Some(sub.join("DejaVuSans.ttf").as_path())
        );
        assert_eq!(found.urdu, None);
    }

    #[test]
    fn urdu_is_told_from_arabic_and_persian_by_its_letters() {
        assert!(looks_urdu("وزیراعظم نے کہا"));
        assert!(!looks_urdu("قال الوزير"));
        assert!(!looks_urdu("وزیر گفت"));
    }
}
