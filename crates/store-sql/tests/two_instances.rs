//! Several instances of aireg serving one database (SQLite file or PostgreSQL), each with
//! its own pool: what one saves, the others find.

use aireg_store::contract::search::a_publication_through_one_instance_is_found_through_another as story;
use aireg_store_sql::testing::TestDb;

#[tokio::test]
async fn on_sqlite() {
    let db = TestDb::sqlite().await;
    let other = db.another_instance().await;
    story(&*db.store, &other).await;
}

#[tokio::test]
async fn on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let other = db.another_instance().await;
    story(&*db.store, &other).await;
}
