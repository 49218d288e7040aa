//! The store contract on both engines: SQLite always, PostgreSQL when
//! `AIREG_TEST_POSTGRES_URL` names a server (each story gets a database of its own).

use aireg_store_sql::testing::TestDb;

async fn sqlite() -> Option<TestDb> {
    Some(TestDb::sqlite().await)
}

mod on_sqlite {
    aireg_store::contract_suite!(crate::sqlite);
}

mod on_postgres {
    aireg_store::contract_suite!(aireg_store_sql::testing::TestDb::postgres);
}
