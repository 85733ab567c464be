//! `mille backup create|list|restore`: consistent copies of the database in the
//! `backups/` folder beside it.

use super::table::{Align, Table};
use super::{out, out_json, CliResult, Ctx};
use clap::Subcommand;
use mille::store::BackupKind;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Take a backup now (kept until you delete it).
    Create,
    /// List the backups, oldest first.
    List,
    /// Replace the database with a backup; a copy of the current one is kept first.
    Restore { name: String },
}

pub fn run(ctx: &Ctx, cmd: BackupCommand) -> CliResult {
    let mut store = ctx.open()?;
    match cmd {
        BackupCommand::Create => {
            let b = store.create_backup(BackupKind::Manual)?;
            if ctx.json {
                out_json(&b);
            } else {
                out(&format!("backed up to {}\n", store.backup_dir()?.join(&b.name).display()));
            }
        }
        BackupCommand::List => {
            let list = store.list_backups()?;
            if ctx.json {
                out_json(&list);
            } else if list.is_empty() {
                out("no backups yet (mille backup create takes one)\n");
            } else {
                let mut t = Table::new(&[
                    ("name", Align::Left),
                    ("kind", Align::Left),
                    ("taken (UTC)", Align::Left),
                    ("size", Align::Right),
                ]);
                for b in &list {
                    let kind = serde_json::to_value(b.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default();
                    t.row(vec![
                        b.name.clone(),
                        kind,
                        b.created.replace('T', " ").replace('Z', ""),
                        format!("{} KB", b.bytes.div_ceil(1024)),
                    ]);
                }
                out(&t.render());
            }
        }
        BackupCommand::Restore { name } => {
            let saved = store.restore_backup(&name)?;
            if ctx.json {
                out_json(&serde_json::json!({"restored": name, "previous_saved_as": saved.name}));
            } else {
                out(&format!("restored {name}; the database it replaced is kept as {}\n", saved.name));
            }
        }
    }
    Ok(())
}
