//! The database every command shares, behind one lock that is held only to read or
//! write the store: never while pricing, reporting or typesetting. A command reads what
//! it needs under the lock ([`Db::read`], [`Db::history`]), the lock is released, and
//! then it computes over plain data; a window that asks for a rate card preview does
//! not keep the Posts screen waiting.
//!
//! A panic while the lock is held (a bug) does not poison it for the rest of the
//! session: the next command takes the store as it is. SQLite keeps the file
//! consistent (an unfinished transaction rolls back when its guard drops in the
//! unwinding), so there is nothing to recover but the lock itself.

use crate::error::AppResult;
use mille::model::{Post, Profile};
use mille::pricing::Settings;
use mille::store::Store;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

pub struct Db {
    store: Mutex<Store>,
    /// How many times the lock was released (tests watch it).
    released: AtomicU64,
}

/// What a computation needs of the history, read under the lock in one go.
pub struct History {
    pub profile: Profile,
    /// The settings as stored (pricing's, and the rate card's packages).
    pub stored: BTreeMap<String, String>,
    pub posts: Vec<Post>,
}

impl History {
    pub fn base(&self) -> &str {
        &self.profile.base_currency
    }

    /// The pricing settings.
    pub fn settings(&self) -> AppResult<Settings> {
        Ok(Settings::from_stored(&self.stored)?)
    }
}

impl Db {
    pub fn new(store: Store) -> Db {
        Db { store: Mutex::new(store), released: AtomicU64::new(0) }
    }

    /// Runs `f` on the store under the lock, released when `f` returns: `f` reads and
    /// nothing else.
    pub fn read<R>(&self, f: impl FnOnce(&Store) -> AppResult<R>) -> AppResult<R> {
        let out = f(&self.guard());
        self.released.fetch_add(1, Ordering::SeqCst);
        out
    }

    /// Runs `f` on the store under the lock, to change it.
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> AppResult<R>) -> AppResult<R> {
        let out = f(&mut self.guard());
        self.released.fetch_add(1, Ordering::SeqCst);
        out
    }

    /// The profile, the stored settings and every post (not in the trash).
    pub fn history(&self) -> AppResult<History> {
        self.read(|s| Ok(History { profile: s.profile()?, stored: s.settings()?, posts: s.posts()? }))
    }

    /// The base currency.
    pub fn base(&self) -> AppResult<String> {
        self.read(|s| Ok(s.profile()?.base_currency))
    }

    /// How many times the lock has been released so far.
    pub fn releases(&self) -> u64 {
        self.released.load(Ordering::SeqCst)
    }

    /// The lock, taken back from a panic that left it poisoned.
    fn guard(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
