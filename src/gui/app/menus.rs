//! The menu bar, generated from the command table ([`Command::menu`]): every command with a
//! place in a menu appears there once, with its first shortcut, in table order, a line
//! between groups.

use super::NewsmarkApp;
use crate::gui::command::{Command, Menu};

impl NewsmarkApp {
    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command, enabled: bool) {
        if command == Command::ToggleWordSnapping {
            let mut snapping = self.view.word_snapping;
            if ui.checkbox(&mut snapping, command.label()).clicked() {
                self.queue.push(command);
                ui.close();
            }
            return;
        }
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let button = egui::Button::new(command.label()).shortcut_text(shortcut);
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.description())
            .clicked()
        {
            self.queue.push(command);
            ui.close();
        }
    }

    fn enabled(&self, command: &Command) -> bool {
        let Some(doc) = &self.doc else {
            return !command.needs_document();
        };
        match command {
            Command::Undo => doc.history().can_undo(),
            Command::Redo => doc.history().can_redo(),
            _ => true,
        }
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Open Recent", |ui| {
            if self.settings.recent_files.is_empty() {
                ui.label("No recent files");
            }
            for path in self.settings.recent_files.clone() {
                if super::frame::recent_entry(ui, &path, false) == Some(true) {
                    self.request_open(path);
                    ui.close();
                }
            }
        });
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let commands: Vec<(Command, Menu, u8)> = Command::all()
            .into_iter()
            .filter_map(|c| c.menu().map(|(menu, group)| (c, menu, group)))
            .collect();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in Menu::ALL {
                    ui.menu_button(menu.title(), |ui| {
                        let mut group = None;
                        for (command, _, this_group) in
                            commands.iter().filter(|(_, m, _)| *m == menu)
                        {
                            if group.is_some_and(|g| g != *this_group) {
                                // "Open Recent" closes the first group of the File menu.
                                if menu == Menu::File && group == Some(0) {
                                    self.recent_menu(ui);
                                    self.recent_corpora_menu(ui);
                                }
                                ui.separator();
                            }
                            group = Some(*this_group);
                            let enabled = self.enabled(command);
                            self.menu_item(ui, command.clone(), enabled);
                        }
                    });
                }
            });
        });
    }
}
