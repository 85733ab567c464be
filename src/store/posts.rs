//! Logging, reading and editing single posts, and the trash: a deleted post keeps its
//! row with a `deleted_at` time until it is restored.

use super::error::{Result, StoreError};
use super::page::PostPage;
use super::rows::{bind_post, insert_post, read_post, POST_COLUMNS};
use super::Store;
use crate::model::{Post, PostData};
use rusqlite::{OptionalExtension, TransactionBehavior};

impl Store {
    /// Logs one post and returns it with its id.
    pub fn add_post(&mut self, post: &PostData) -> Result<Post> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_post(&tx, post)?;
        tx.commit()?;
        Ok(Post { id, data: post.clone() })
    }

    /// A post by id, whether live or in the trash.
    pub fn get_post(&self, id: i64) -> Result<(Post, bool)> {
        let sql = format!("SELECT {POST_COLUMNS}, deleted_at IS NOT NULL FROM posts WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], |row| Ok((read_post(row), row.get::<_, bool>(19)?)))
            .optional()?
            .map(|(p, trashed)| p.map(|p| (p, trashed)))
            .transpose()?
            .ok_or(StoreError::NoSuchPost(id))
    }

    /// Every live post (not in the trash), oldest first, ties by id.
    pub fn posts(&self) -> Result<Vec<Post>> {
        self.query_posts("deleted_at IS NULL")
    }

    /// The posts in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<Post>> {
        let sql =
            format!("SELECT {POST_COLUMNS} FROM posts WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC");
        self.collect(&sql, [])
    }

    /// One page of the trash in the order of [`Store::trash`] (most recently deleted
    /// first, ties by the later id), and how many posts the trash holds: the app's Trash
    /// view over thousands of deleted posts asks for the 50 it shows. Both are read in
    /// one transaction, so the count is that of the posts the page was taken from.
    pub fn trash_page(&self, offset: usize, limit: usize) -> Result<PostPage> {
        let tx = self.conn.unchecked_transaction()?;
        let total: i64 = tx.query_row("SELECT COUNT(*) FROM posts WHERE deleted_at IS NOT NULL", [], |r| r.get(0))?;
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM posts WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC
             LIMIT ?1 OFFSET ?2"
        );
        let as_sql = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let posts = self.collect(&sql, [as_sql(limit), as_sql(offset)])?;
        tx.commit()?;
        Ok(PostPage { posts, total: usize::try_from(total).unwrap_or(0) })
    }

    fn query_posts(&self, condition: &str) -> Result<Vec<Post>> {
        let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE {condition} ORDER BY date, id");
        self.collect(&sql, [])
    }

    fn collect(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Post>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, |row| Ok(read_post(row)))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Replaces a live post's data.
    pub fn update_post(&mut self, id: i64, post: &PostData) -> Result<Post> {
        self.ensure_sound()?;
        let (_, trashed) = self.get_post(id)?;
        if trashed {
            return Err(StoreError::InTrash(id));
        }
        let mut stmt = self.conn.prepare_cached(
            "UPDATE posts SET date=?1, brand=?2, platform=?3, format=?4, fee=?5, currency=?6, fx_rate=?7,
             impressions=?8, reach=?9, views=?10, likes=?11, comments=?12, shares=?13, saves=?14, clicks=?15,
             campaign=?16, url=?17, notes=?18 WHERE id=?19",
        )?;
        bind_post(&mut stmt, post)?;
        stmt.raw_bind_parameter(19, id)?;
        stmt.raw_execute()?;
        Ok(Post { id, data: post.clone() })
    }

    /// Moves a live post to the trash.
    pub fn delete_post(&mut self, id: i64) -> Result<()> {
        self.ensure_sound()?;
        let (_, trashed) = self.get_post(id)?;
        if trashed {
            return Err(StoreError::InTrash(id));
        }
        self.conn.execute("UPDATE posts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Brings a post back from the trash.
    pub fn restore_post(&mut self, id: i64) -> Result<Post> {
        self.ensure_sound()?;
        let (post, trashed) = self.get_post(id)?;
        if !trashed {
            return Err(StoreError::NotInTrash(id));
        }
        self.conn.execute("UPDATE posts SET deleted_at = NULL WHERE id = ?1", [id])?;
        Ok(post)
    }

    /// True when the database holds any post, live or in the trash.
    pub fn has_posts(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM posts)", [], |r| r.get(0))?)
    }

    /// Whether the database holds any deal.
    pub fn has_deals(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM deals)", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::post;
    use super::super::{open_in_memory, StoreError};
    use rust_decimal_macros::dec;

    #[test]
    fn posts_round_trip_exactly() {
        let mut s = open_in_memory().unwrap();
        let p = post("2025-11-14", dec!(1250.00));
        let saved = s.add_post(&p).unwrap();
        let back = s.posts().unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].data, p);
        assert_eq!(back[0].fee.to_string(), "1250.00");
        assert_eq!(back[0].id, saved.id);
    }

    #[test]
    fn trash_and_restore() {
        let mut s = open_in_memory().unwrap();
        let id = s.add_post(&post("2025-01-01", dec!(10))).unwrap().id;
        s.delete_post(id).unwrap();
        assert!(s.posts().unwrap().is_empty());
        assert_eq!(s.trash().unwrap().len(), 1);
        assert!(matches!(s.delete_post(id), Err(StoreError::InTrash(_))));
        s.restore_post(id).unwrap();
        assert_eq!(s.posts().unwrap().len(), 1);
        assert!(matches!(s.restore_post(id), Err(StoreError::NotInTrash(_))));
        assert!(matches!(s.get_post(999), Err(StoreError::NoSuchPost(999))));
    }

    #[test]
    fn the_trash_pages_most_recently_deleted_first_with_its_total() {
        let mut s = open_in_memory().unwrap();
        let ids: Vec<i64> =
            (1..=6).map(|d| s.add_post(&post(&format!("2025-01-0{d}"), dec!(10))).unwrap().id).collect();
        for id in &ids[..5] {
            s.delete_post(*id).unwrap();
        }
        // Post 6 stays live; 2 and 4 were deleted in the same millisecond (the later id first).
        for (id, at) in
            [(1, "2025-03-01T10:00:00.000Z"), (2, "2025-03-03T10:00:00.000Z"), (3, "2025-03-02T10:00:00.000Z")]
                .into_iter()
                .chain([(4, "2025-03-03T10:00:00.000Z"), (5, "2025-02-01T10:00:00.000Z")])
        {
            s.conn.execute("UPDATE posts SET deleted_at = ?2 WHERE id = ?1", rusqlite::params![id, at]).unwrap();
        }
        let all: Vec<i64> = s.trash().unwrap().iter().map(|p| p.id).collect();
        assert_eq!(all, [4, 2, 3, 1, 5]);
        for (offset, limit, want) in [
            (0, 50, vec![4, 2, 3, 1, 5]),
            (0, 2, vec![4, 2]),
            (2, 2, vec![3, 1]),
            (4, 2, vec![5]),
            (5, 2, vec![]),
            (usize::MAX, usize::MAX, vec![]),
            (1, usize::MAX, vec![2, 3, 1, 5]),
            (0, 0, vec![]),
        ] {
            let page = s.trash_page(offset, limit).unwrap();
            let got: Vec<i64> = page.posts.iter().map(|p| p.id).collect();
            assert_eq!((got, page.total), (want, 5), "offset {offset} limit {limit}");
        }
        s.restore_post(4).unwrap();
        assert_eq!(s.trash_page(0, 1).unwrap().total, 4);
        assert_eq!(s.trash_page(0, 1).unwrap().posts[0].id, 2);
    }
}
