//! The test stores come from `relaunch_store::testing` (feature `testing`); what only these
//! tests use stays here.

pub use relaunch_store::testing::*;

/// Polls the PostgreSQL database at `url` until some session waits for a lock (at most 60 s,
/// then fails: the test expected another session to be blocked).
pub fn wait_for_a_lock_wait(url: &str) {
    use sqlx::Connection;
    runtime().block_on(async {
        let mut connection = sqlx::PgConnection::connect(url).await.unwrap();
        for _ in 0..6_000 {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(&mut connection)
            .await
            .unwrap();
            if waiting > 0 {
                return;
            }
            // A poll interval, not a timing assumption: the loop waits for the condition.
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no session waited for a lock on {url}");
    });
}
