//! The two migration sets must produce the same schema: the same tables, columns, logical types
//! and nullability. A column added to one engine's migrations and forgotten in the other's
//! fails here.

use aireg_store_sql::schema::logical_type;
use aireg_store_sql::testing::TestDb;

#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    let sqlite = TestDb::sqlite().await;
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let normalise =
        |cols: Vec<aireg_store_sql::schema::Column>| -> Vec<(String, String, String, bool)> {
            cols.into_iter()
                .map(|c| {
                    let ty = logical_type(&c.declared_type).to_string();
                    (c.table, c.name, ty, c.not_null)
                })
                .collect()
        };
    let lite = normalise(sqlite.store.columns().await.unwrap());
    let post = normalise(pg.store.columns().await.unwrap());
    assert!(lite.len() > 50, "the schema was read: {lite:?}");
    let only_lite: Vec<_> = lite.iter().filter(|c| !post.contains(c)).collect();
    let only_post: Vec<_> = post.iter().filter(|c| !lite.contains(c)).collect();
    assert!(
        only_lite.is_empty() && only_post.is_empty(),
        "schemas differ\nonly in SQLite: {only_lite:#?}\nonly in PostgreSQL: {only_post:#?}"
    );
}

#[tokio::test]
async fn sqlite_schema_uses_only_known_types() {
    let sqlite = TestDb::sqlite().await;
    for c in sqlite.store.columns().await.unwrap() {
        let t = logical_type(&c.declared_type);
        assert!(
            ["text", "integer", "boolean", "timestamp", "json", "binary"].contains(&t),
            "{}.{} has type {}",
            c.table,
            c.name,
            c.declared_type
        );
    }
}
