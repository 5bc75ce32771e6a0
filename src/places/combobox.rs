//! The combobox's state, as WAI-ARIA's combobox pattern (a text field with a listbox popup)
//! has it, apart from any view: whether the popup is open and which option is active (the
//! one `aria-activedescendant` names; focus stays in the field). Each key a visitor presses
//! becomes what the view must do. Pure, tested natively.

/// A key the combobox handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Down,
    Up,
    Enter,
    Escape,
}

impl Key {
    /// The key of a `KeyboardEvent.key`, when it is one of these (Alt+Down opens the popup like
    /// Down does).
    pub fn of(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowDown" | "Down" => Key::Down,
            "ArrowUp" | "Up" => Key::Up,
            "Enter" => Key::Enter,
            "Escape" | "Esc" => Key::Escape,
            _ => return None,
        })
    }
}

/// What a key asks of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing for the combobox: the browser does as it does (Enter in a field with no popup
    /// submits nothing here, Escape in an empty field clears nothing).
    Ignored,
    /// The popup opened or closed, or another option became active: redraw, nothing chosen.
    Moved,
    /// The option at this position was chosen.
    Choose(usize),
    /// Enter with no option active: the text as typed is what the visitor means.
    EnterText,
    /// Escape with the popup closed: clear the field (as a search field's own Escape does).
    Clear,
}

/// The popup's state over `len` options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Combobox {
    pub open: bool,
    /// The active option, when one is (moved to with the arrows).
    pub active: Option<usize>,
    pub len: usize,
}

impl Combobox {
    /// New options arrived for the text typed: none is active, and the popup shows them if
    /// there are any and the visitor is typing (`wanted`: the field has focus).
    pub fn options(&mut self, len: usize, wanted: bool) {
        self.len = len;
        self.active = None;
        self.open = wanted && len > 0;
    }

    /// The visitor typed: the popup will show what comes for the new text.
    pub fn typed(&mut self) {
        self.active = None;
    }

    /// Focus left the field (or an option was chosen by pointer): the popup closes.
    pub fn close(&mut self) {
        self.open = false;
        self.active = None;
    }

    /// What `key` does, and the state after it.
    pub fn key(&mut self, key: Key) -> Outcome {
        match key {
            Key::Down | Key::Up if self.len == 0 => Outcome::Ignored,
            Key::Down if !self.open => {
                self.open = true;
                self.active = Some(0);
                Outcome::Moved
            }
            Key::Up if !self.open => {
                self.open = true;
                self.active = Some(self.len - 1);
                Outcome::Moved
            }
            // The arrows go round: past the last option to the first, and back.
            Key::Down => {
                self.active = Some(self.active.map_or(0, |i| (i + 1) % self.len));
                Outcome::Moved
            }
            Key::Up => {
                self.active = Some(self.active.map_or(self.len - 1, |i| (i + self.len - 1) % self.len));
                Outcome::Moved
            }
            Key::Enter => match (self.open, self.active) {
                (true, Some(i)) if i < self.len => {
                    self.close();
                    Outcome::Choose(i)
                }
                _ => {
                    self.close();
                    Outcome::EnterText
                }
            },
            Key::Escape if self.open => {
                self.close();
                Outcome::Moved
            }
            Key::Escape => Outcome::Clear,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrows_open_the_popup_and_go_round_the_options() {
        let mut c = Combobox::default();
        c.options(3, true);
        assert_eq!((c.open, c.active), (true, None), "typing shows options, none active");
        assert_eq!(c.key(Key::Down), Outcome::Moved);
        assert_eq!(c.active, Some(0));
        c.key(Key::Down);
        c.key(Key::Down);
        assert_eq!(c.active, Some(2));
        c.key(Key::Down);
        assert_eq!(c.active, Some(0), "past the last to the first");
        c.key(Key::Up);
        assert_eq!(c.active, Some(2), "and back");
        // Closed, Down opens at the first option and Up at the last.
        c.close();
        c.key(Key::Up);
        assert_eq!((c.open, c.active), (true, Some(2)));
        c.close();
        c.key(Key::Down);
        assert_eq!((c.open, c.active), (true, Some(0)));
    }

    #[test]
    fn enter_chooses_the_active_option_or_the_text() {
        let mut c = Combobox::default();
        c.options(2, true);
        c.key(Key::Down);
        c.key(Key::Down);
        assert_eq!(c.key(Key::Enter), Outcome::Choose(1));
        assert!(!c.open && c.active.is_none());
        c.options(2, true);
        assert_eq!(c.key(Key::Enter), Outcome::EnterText, "no option active");
        c.options(0, true);
        assert_eq!(c.key(Key::Enter), Outcome::EnterText);
        // Options that shrank under an active position never choose past the end.
        let mut stale = Combobox { open: true, active: Some(4), len: 2 };
        assert_eq!(stale.key(Key::Enter), Outcome::EnterText);
    }

    #[test]
    fn escape_closes_the_popup_then_clears_the_field() {
        let mut c = Combobox::default();
        c.options(2, true);
        c.key(Key::Down);
        assert_eq!(c.key(Key::Escape), Outcome::Moved);
        assert!(!c.open && c.active.is_none());
        assert_eq!(c.key(Key::Escape), Outcome::Clear);
    }

    #[test]
    fn no_options_no_popup() {
        let mut c = Combobox::default();
        c.options(0, true);
        assert!(!c.open);
        assert_eq!(c.key(Key::Down), Outcome::Ignored);
        c.options(3, false);
        assert!(!c.open, "options that arrive after the field was left do not open it");
        c.typed();
        assert_eq!(c.active, None);
        assert_eq!(Key::of("ArrowDown"), Some(Key::Down));
        assert_eq!(Key::of("a"), None);
    }
}
